"""The command line: output on the seed preset, JSON round trip, one-line errors with status 2."""

import json
import subprocess
import sys
from fractions import Fraction

import pytest

import costmodel
from costmodel.cli import main


def run(capsys, *argv):
    try:
        status = main(list(argv))
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def test_reproduce_prints_every_figure_and_flags(capsys):
    status, out, err = run(capsys, "reproduce", "seed-note")
    assert status == 0 and err == ""
    for fragment in (
        "51 GB",
        "50.99925 GB",
        "750 MB",
        "749.25 MB",
        "95 %",
        "≈ 98.04 %",
        "7.5 MB",
        "937.5 kB",
        "750 kB",
        "93.75 kB",
        "53.997 GB",
        "slip, bits read as bytes",
        "off",
        "rounded",
    ):
        assert fragment in out, fragment


def test_eval_breakdown(capsys):
    status, out, _ = run(capsys, "eval", "recursive-stark", "--preset", "seed-note")
    assert status == 0
    assert "50.99925 GB" in out and "98.04 %" in out and "749.25 MB" in out


def test_eval_json_round_trips_to_evaluate(capsys):
    status, out, _ = run(
        capsys, "eval", "folding", "--json", "--set", "snapshot_size=400 Mbit/segment"
    )
    assert status == 0
    payload = json.loads(out)
    expected = costmodel.folding().evaluate(costmodel.presets.load("seed-note"))
    unit = payload["unit"]
    assert costmodel.Q_(Fraction(payload["total"]), unit) == expected.total
    for name, value in payload["terms"].items():
        assert costmodel.Q_(Fraction(value), unit) == expected.terms[name]
    assert Fraction(payload["shares"]["snapshots"]) == Fraction(50_000, 53_997)


def test_eval_with_arity_and_pattern(capsys):
    status, out, _ = run(
        capsys, "eval", "recursive-stark", "--arity", "4", "--transfer", "peer-one-local", "--json"
    )
    assert status == 0
    payload = json.loads(out)
    # peer-one-local: N - 1 = 999 proofs to joiners + the root delivered = 1000 x 250 kB
    assert payload["terms"]["aggregation"] == str(999 * 250_000)
    assert payload["derived"]["joins"]["value"] == "334"


def test_eval_verifier_bound_rounding(capsys):
    # the note's rounding: 10,000 gates x 750 bit = 937.5 kB; exact: x 3 x 255 bit = 956.25 kB
    for argv in (
        ("eval", "verifier-witness-bound", "--rounding", "rounded", "--json"),
        ("eval", "verifier-witness-bound:rounding=rounded", "--json"),
    ):
        status, out, _ = run(capsys, *argv)
        assert status == 0
        payload = json.loads(out)
        assert payload["options"] == {"rounding": "rounded"} and payload["total"] == "937500"
    status, out, _ = run(capsys, "eval", "verifier-witness-bound", "--json")
    assert status == 0 and json.loads(out)["total"] == "956250"
    status, _, err = run(capsys, "eval", "verifier-witness-bound", "--accounting", "rounded")
    assert status == 2 and "--accounting does not apply" in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("eval", "foldng"), 'did you mean "folding"'),
        (("eval", "recursive-stark", "--set", "snapshot_size=50 MB"), '"50 MB/segment"'),
        (("eval", "recursive-stark", "--set", "snapshot_sise=1 B/segment"), "snapshot_size"),
        (("eval", "recursive-stark", "--set", "nonsense"), "NAME=VALUE"),
        (("eval", "recursive-stark", "--arity", "1"), "at least 2"),
        (("eval", "recursive-stark", "--preset", "seed"), "unknown preset"),
        (("reproduce", "other-note"), "nothing to reproduce"),
        (("bogus",), "invalid choice"),
    ],
)
def test_errors_are_one_line_with_status_2(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_list(capsys):
    status, out, _ = run(capsys, "list")
    assert status == 0
    for name in (
        "recursive-stark",
        "folding",
        "verifier-witness-bound",
        "seed-note",
        "cyclefold",
        "peer-one-local",
    ):
        assert name in out


def test_module_runs_as_a_program():
    done = subprocess.run(
        [sys.executable, "-m", "costmodel.cli", "reproduce", "seed-note"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "50.99925 GB" in done.stdout


def test_breakeven_command(capsys):
    status, out, _ = run(
        capsys, "breakeven", "folding", "recursive-stark", "--solve-for", "folded_witness_size"
    )
    assert status == 0
    assert "250 kB" in out and "below it folding is cheaper" in out
    assert "LaTeX: W^{*} = - I + P + o" in out


def test_breakeven_json_with_options(capsys):
    status, out, _ = run(
        capsys,
        "breakeven",
        "folding:arity=4",
        "recursive-stark",
        "--solve-for",
        "folded_witness_size",
        "--json",
    )
    assert status == 0
    payload = json.loads(out)
    # 3997 proofs x 250 kB against 2667 witnesses (k = 4): W* = 999 250 000 / 2667 B
    assert Fraction(payload["value"]) == Fraction(999_250_000, 2667)
    assert payload["exact"] is True and payload["unit"] == "B"
    status, out, _ = run(
        capsys,
        "breakeven",
        "folding:arity=none",
        "recursive-stark",
        "--solve-for",
        "arity",
        "--set",
        "folded_witness_size=300 kB",
        "--json",
    )
    payload = json.loads(out)
    assert payload["closed_form"] is None and payload["value"] == "3" and not payload["exact"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            ("breakeven", "folding:aritty=3", "recursive-stark", "--solve-for", "arity"),
            'did you mean "arity"',
        ),
        (("breakeven", "folding", "recursive-stark"), "--solve-for"),
        (
            ("breakeven", "folding", "recursive-stark", "--solve-for", "proof_sise"),
            'did you mean "proof_size"',
        ),
        (("eval", "verifier-witness-bound", "--arity", "3"), "does not apply"),
        (("eval", "folding:wrap=maybe"), "true or false"),
    ],
)
def test_breakeven_and_option_errors(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and err.count("\n") == 1 and fragment in err


def test_latex_command(capsys, tmp_path):
    status, out, _ = run(capsys, "latex", "recursive-stark")
    assert status == 0
    assert "\\text{snapshots} &= S \\left\\lceil{\\frac{T}{C}}\\right\\rceil" in out
    target = tmp_path / "stark.tex"
    status, out, _ = run(
        capsys,
        "latex",
        "recursive-stark",
        "--preset",
        "seed-note",
        "--standalone",
        "-o",
        str(target),
    )
    assert status == 0 and out.strip() == f"wrote {target}"
    text = target.read_text()
    assert text.startswith("\\documentclass") and "\\qty{50.99925}{\\giga\\byte}" in text
    status, out, _ = run(capsys, "latex", "folding", "--preset", "seed-note", "--plain")
    assert "\\mathrm{GB}" in out and "\\qty" not in out


def test_report_command(capsys, tmp_path):
    target = tmp_path / "out" / "report.md"
    target.parent.mkdir()
    status, out, _ = run(
        capsys,
        "report",
        "recursive-stark",
        "folding",
        "--solve-for",
        "folded_witness_size",
        "--set",
        "snapshot_size=400 Mbit/segment",
        "-o",
        str(target),
    )
    assert status == 0 and out.strip() == f"wrote {target}"
    text = target.read_text()
    assert text.startswith("# recursive_stark vs folding")
    # 400 Mbit = 50 MB: the seed's totals, and W* = P + o - I = 250 kB
    for fragment in ("50.99925 GB", "53.997 GB", "250 kB", "set on the command line"):
        assert fragment in text, fragment
    status, _, err = run(capsys, "report", "folding", "--solve-for", "folded_witness_size")
    assert status == 2 and "two architectures" in err


def test_validate_and_compare_commands(capsys):
    status, out, _ = run(capsys, "validate")
    assert status == 0
    assert "seed note" in out and "50.99925 GB" in out and "RISC Zero today" in out
    status, out, _ = run(capsys, "validate", "--json")
    rows = json.loads(out)
    total = next(
        r for r in rows if r["system"] == "seed note" and r["figure"] == "total communication"
    )
    # (50.99925 - 51) / 51 = -0.00075 / 51 = -1/68000
    assert Fraction(total["relative_error"]) == Fraction(-1, 68000)
    status, out, _ = run(capsys, "compare", "--cycles", "1e9 cycle")
    assert status == 0 and "V*" in out
    status, _, err = run(capsys, "compare", "--cycles", "1e9 B")
    assert status == 2 and "total_cycles" in err


def test_conflicting_options_and_python_dash_m(capsys):
    status, _, err = run(capsys, "eval", "recursive-stark:wrap=false", "--wrap")
    assert status == 2 and "contradicts" in err
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "reproduce", "seed-note"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "50.99925 GB" in done.stdout


# -- time, money and memory from the command line ------------------------------------------

TIMING = ["--preset", "risc0", "--preset", "aws-g6", "--workload", "seed-note"]


def test_eval_wall_time_with_combined_presets_and_a_workload(capsys):
    status, out, err = run(
        capsys,
        "eval",
        "recursive-stark",
        "--metric",
        "wall_time",
        "--arity",
        "2",
        *TIMING,
        "--set",
        "machines=1000 machine",
        "--json",
    )
    assert status == 0, err
    payload = json.loads(out)
    assert payload["unit"] == "s" and payload["options"]["metric"] == "wall_time"
    terms = {name: Fraction(value) for name, value in payload["terms"].items()}
    # the note's 1000 snapshots of 50 MB through a 10 Gbit/s (1.25 GB/s) store, 1000 at once,
    # plus 0.5 ms of latency: 0.0005 + 5e7 x 1000 / 1.25e9 = 40.0005 s
    assert terms["snapshot distribution"] == Fraction("40.0005")
    # one wave: 10^6 cycles at 6,291,456 / 18.429071 cycle/s (RISC Zero's Bento prove task)
    assert terms["segment proving"] == Fraction(10**6) * Fraction("18.429071") / 6_291_456
    assert payload["derived"]["tree depth"]["value"] == "10"


def test_eval_flags_for_metrics(capsys):
    status, out, _ = run(
        capsys,
        "eval",
        "recursive-stark:metric=wall_time,network=false",
        "--arity",
        "2",
        *TIMING,
        "--set",
        "machines=1000 machine",
    )
    assert status == 0 and "snapshot distribution" not in out and "segment proving" in out
    status, out, _ = run(
        capsys,
        "eval",
        "recursive-stark",
        "--metric",
        "wall_time",
        "--no-network",
        "--pipeline",
        "--arity",
        "2",
        *TIMING,
        "--set",
        "machines=1000 machine",
    )
    assert status == 0 and "execution and segments (pipelined)" in out
    status, out, _ = run(
        capsys,
        "eval",
        "recursive-stark",
        "--metric",
        "dollars",
        "--billing",
        "per-use",
        "--arity",
        "2",
        *TIMING,
        "--set",
        "machines=1000 machine",
        "--set",
        "verification_cost=0 USD",
    )
    assert status == 0 and "machines (per use)" in out and "egress" in out
    status, out, _ = run(
        capsys, "eval", "recursive-stark", "--metric", "peak_memory", "--preset", "risc0"
    )
    # 1.75 GB + 109.5e9 / 14 / 2^20 B per cycle x 2^20 cycles = 1.75 + 7.8214... GB
    assert status == 0 and "GB/machine" in out


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["eval", "recursive-stark", "--pipeline"], "pipeline applies to time and money"),
        (["eval", "recursive-stark", "--metric", "latency"], "unknown choice 'latency'"),
        (["eval", "verifier-witness-bound", "--metric", "wall_time"], "--metric does not apply"),
        (["eval", "recursive-stark:pipeline=maybe"], "pipeline: expected true or false"),
        (
            [
                "eval",
                "recursive-stark",
                "--preset",
                "seed-note",
                "--preset",
                "risc0",
                "--variant",
                "cyclefold",
            ],
            "--variant needs exactly one --preset",
        ),
        (["eval", "recursive-stark", "--workload", "aws-g6"], "no [workload] values"),
        (["eval", "recursive-stark", "--metric", "wall_time"], "needs a value for"),
    ],
)
def test_metric_options_refused_in_one_line(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and fragment in err and err.count("\n") == 1 and out == ""


def test_compare_on_another_workload(capsys):
    status, out, _ = run(capsys, "compare", "--workload", "risc0")
    assert status == 0
    assert "segment_cycles 1048576 cycle/segment" in out and "snapshot_size 10 MB/segment" in out
    assert "10.39262377 GB" in out  # RISC Zero on its own workload, as before
