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


def test_a_command_reads_its_preset_once(capsys, monkeypatch):
    # eval asks for the preset twice (the arity, then the values): it is read from its file
    # once, and the values are still the preset's (with --set applied on top)
    calls = []
    load = costmodel.presets.load

    def counted(name, **options):
        calls.append(name)
        return load(name, **options)

    monkeypatch.setattr(costmodel.presets, "load", counted)
    status, out, _ = run(
        capsys,
        "eval",
        "folding",
        "--json",
        "--preset",
        "seed-note",
        "--set",
        "machines=500 machine",
    )
    assert status == 0 and calls == ["seed-note"]
    payload = json.loads(out)
    # the preset's binary tree over 1000 segments: 999 joins; --set on top of the preset
    assert payload["options"]["arity"] == 2 and payload["derived"]["joins"]["value"] == "999"
    # 500 machines: 50 GB of snapshots still (one per segment), the same as on 1000
    assert payload["terms"]["snapshots"] == str(50 * 10**9)


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
        "recursive-stark:arity=2",
        "--solve-for",
        "arity",
        "--set",
        "folded_witness_size=300 kB",
        "--json",
    )
    payload = json.loads(out)
    assert payload["closed_form"] is None and payload["value"] == "3" and not payload["exact"]
    # without ``:arity=...`` both trees take the solved arity; the same witness-for-proof
    # swap at every node keeps folding dearer at every k (300 kB > 250 kB per item), so the
    # solver reports no crossing (rather than "arity is not a parameter")
    status, _, err = run(
        capsys,
        "breakeven",
        "folding",
        "recursive-stark",
        "--solve-for",
        "arity",
        "--set",
        "folded_witness_size=300 kB",
    )
    assert status == 2 and "no break-even for arity" in err and "keeps one sign" in err


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


# -- every command under every --format, read back and compared with the Python API ---------

import csv  # noqa: E402
import io  # noqa: E402
import re  # noqa: E402

from costmodel.cli.inputs import sweep_axis  # noqa: E402
from costmodel.render.table import FORMATS, Table, Value, write_table  # noqa: E402

SEED = costmodel.presets.load("seed-note")

_COMMANDS = {
    "list": ("list",),
    "eval": ("eval", "recursive-stark"),
    "breakeven": ("breakeven", "folding", "recursive-stark", "--solve-for", "folded_witness_size"),
    "sweep": ("sweep", "folding", "--over", "total_cycles=1e8,1e9 cycle"),
    "validate": ("validate",),
    "compare": ("compare", "--cycles", "1e9 cycle"),
    "reproduce": ("reproduce", "seed-note"),
}


def _csv_tables(text):
    """CSV output back as lists of row dicts: one table, or several after ``# title`` lines."""
    chunks = text.strip().split("\n\n")
    tables = []
    for chunk in chunks:
        lines = [line for line in chunk.splitlines() if not line.startswith("# ")]
        tables.append(list(csv.DictReader(io.StringIO("\n".join(lines)))))
    return tables


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("command", list(_COMMANDS))
def test_every_command_writes_every_format(capsys, command, format):
    status = main([*_COMMANDS[command], "--format", format])
    out, err = capsys.readouterr()
    assert status == 0 and err == "" and out.strip()
    if format == "json":
        json.loads(out)
    elif format == "csv":
        tables = _csv_tables(out)
        assert tables and all(tables), out[:200]
        widths = {len(row) for table in tables for row in table}
        assert None not in {key for table in tables for row in table for key in row}, widths
    elif format == "markdown":
        assert re.search(r"^\| (---:?)( \| ---:?)* \|$", out, flags=re.M), out[:300]
    elif format == "latex":
        assert r"\begin{tabular}" in out and r"\bottomrule" in out and "\t" not in out
    elif command == "breakeven":  # the text form is the closed form and a sentence
        assert "at seed-note: 250 kB: below it folding is cheaper" in out
    else:
        assert "---" in out


def test_eval_csv_is_the_python_evaluation(capsys):
    status, out, _ = run(capsys, "eval", "folding", "--format", "csv", "--unit", "GB")
    assert status == 0
    (rows,) = _csv_tables(out)
    expected = costmodel.folding().evaluate(SEED)
    by_term = {row["term"]: row for row in rows}
    for name, quantity in expected.terms.items():
        row = by_term[name]
        assert row["value unit"] == "GB"
        assert costmodel.Q_(Fraction(row["value"]), "GB") == quantity
        assert Fraction(row["share"]) == expected.shares[name]
    # by hand: 1000 x 50 MB + 1000 x 1 MB + 2997 x 1 MB = 53.997 GB, exactly
    assert by_term["total"]["value"] == "53.997" and Fraction(by_term["total"]["share"]) == 1


def test_eval_markdown_and_digits(capsys):
    status, out, _ = run(
        capsys, "eval", "recursive-stark", "--format", "markdown", "--unit", "GB", "--digits", "2"
    )
    assert status == 0
    # 749.25 MB = 0.74925 GB, two decimals: ≈ 0.75 GB; the total 50.99925 GB: ≈ 51.00 GB
    assert "| aggregation | ≈ 0.75 GB | 1.47 % |" in out
    assert "| total | ≈ 51.00 GB | 100.00 % |" in out


def test_breakeven_csv_and_json_in_a_unit(capsys):
    argv = ("breakeven", "folding", "recursive-stark", "--solve-for", "folded_witness_size")
    status, out, _ = run(capsys, *argv, "--format", "csv", "--unit", "kB")
    assert status == 0
    ((row,),) = _csv_tables(out)
    # W* = P + o - I = 250 kB + 0 - 0 at the seed's values
    assert (row["value"], row["value unit"], row["cheaper below"]) == ("250", "kB", "folding")
    status, out, _ = run(capsys, *argv, "--json", "--unit", "kB")
    payload = json.loads(out)
    point = costmodel.folded_witness_breakeven().evaluate(SEED)
    assert payload["unit"] == "kB" and costmodel.Q_(Fraction(payload["value"]), "kB") == point.value


def test_sweep_csv_is_exact_at_every_point(capsys):
    status, out, _ = run(
        capsys,
        "sweep",
        "folding",
        "--over",
        "folded_witness_size=250 kB,1 MB",
        "--over",
        "total_cycles=1e8..1e10*10 cycle",
        "--format",
        "csv",
    )
    assert status == 0
    (rows,) = _csv_tables(out)
    assert len(rows) == 2 * 3
    model = costmodel.folding()
    for row in rows:
        swept = ("folded_witness_size", "total_cycles")
        values = {**SEED, **{name: f"{row[name]} {row[name + ' unit']}" for name in swept}}
        expected = model.evaluate(values)
        assert costmodel.Q_(Fraction(row["total"]), row["total unit"]) == expected.total
        for name, quantity in expected.terms.items():
            assert costmodel.Q_(Fraction(row[name]), row[f"{name} unit"]) == quantity
    # by hand, W = 250 kB and T = 1e8 cycles: N = 100, J = 99; 100 x 50 MB + 100 x 250 kB
    # + (100 + 2 x 99 - 1) x 250 kB = 5 GB + 25 MB + 74.25 MB = 5.09925 GB
    first = rows[0]
    assert (first["total_cycles"], first["total"], first["total unit"]) == (
        "100000000",
        "5099250000",
        "B",
    )


def test_sweep_axes_grammar():
    # evenly spaced: 100, 325, 550, 775, 1000 kB (steps of 900 / 4 = 225)
    assert sweep_axis("folded_witness_size=100..1000:5 kB") == (
        "folded_witness_size",
        ["100 kB", "325 kB", "550 kB", "775 kB", "1000 kB"],
    )
    # geometric: 1e6 x 10^i up to 1e9, both ends included
    assert sweep_axis("total_cycles=1e6..1e9*10 cycle")[1] == [
        "1000000 cycle",
        "10000000 cycle",
        "100000000 cycle",
        "1000000000 cycle",
    ]
    # a bare number takes the unit at the end; a value with its own unit keeps it
    assert sweep_axis("snapshot_size=10,400 Mbit/segment, 1 GB/segment")[1] == [
        "10 GB/segment",
        "400 Mbit/segment",
        "1 GB/segment",
    ]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (("sweep", "folding", "--over", "total_cycles"), "NAME=VALUES"),
        (
            ("sweep", "folding", "--over", "snapshot_sise=1,2 MB/segment"),
            'did you mean "snapshot_size"',
        ),
        (("sweep", "folding", "--over", "total_cycles=1..1e9*1 cycle"), "FACTOR > 1"),
        (("sweep", "folding", "--over", "total_cycles=1..9:1 cycle"), "whole number >= 2"),
        (("sweep", "folding", "--over", "total_cycles=1..2:20000 cycle"), "coarser"),
        (("sweep", "folding", "--over", "total_cycles=1e9 segment"), "total_cycles"),
        (("eval", "folding", "--digits", "-1"), "whole number"),
        (("eval", "folding", "--format", "yaml"), "invalid choice"),
        (("eval", "folding:arity=2", "--set", "arity=4"), "contradicts arity=2"),
        (("eval", "folding", "--arity", "3", "--set", "arity=4"), "give it once"),
        (("latex", "folding", "--set", "proof_size=1 kB/proof"), "need --preset"),
        (("breakeven", "folding", "verifier-witness-bound", "--solve-for", "x", "--wrap"), "x"),
    ],
)
def test_new_usage_errors_are_one_line_with_status_2(capsys, argv, fragment):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and fragment in err and "Traceback" not in err


def test_compare_json_is_the_python_comparison(capsys):
    from costmodel.studies.systems import communication_table

    status, out, _ = run(capsys, "compare", "--cycles", "1e9 cycle", "--format", "json")
    assert status == 0
    communication, by_cycles, verifiers = json.loads(out)
    expected = {row.system.label: row.total for row in communication_table()}
    for row in communication["rows"]:
        total = row["total"]
        assert costmodel.Q_(Fraction(total["value"]), total["unit"]) == expected[row["system"]]
    # the note's Bonsai: 50 GB + 999.25 MB = 50.99925 GB, in bytes
    bonsai = communication["rows"][0]
    assert bonsai["total"]["value"] == "50999250000" and bonsai["total"]["unit"] == "B"
    assert by_cycles["columns"][1] == "1000000000 cycle"
    assert verifiers["rows"] and "W*" in verifiers["columns"]


def test_validate_and_reproduce_csv_carry_the_exact_values(capsys):
    from costmodel.studies import REPRODUCIBLE

    status, out, _ = run(capsys, "reproduce", "seed-note", "--format", "csv")
    assert status == 0
    (rows,) = _csv_tables(out)
    figures = REPRODUCIBLE["seed-note"]()
    assert [row["figure"] for row in rows] == [f.label for f in figures]
    for row, figure in zip(rows, figures, strict=True):
        assert Fraction(row["costmodel (exact)"]) == figure.model_value
        if figure.relative_error is not None:
            assert Fraction(row["rel. error"]) == figure.relative_error
    status, out, _ = run(capsys, "validate", "--format", "json")
    assert status == 0 and all("model_exact" in row for row in json.loads(out))


def test_list_json_names_every_architecture_and_preset(capsys):
    status, out, _ = run(capsys, "list", "--format", "json")
    assert status == 0
    architectures, presets_table, patterns = json.loads(out)
    assert [r["architecture"] for r in architectures["rows"]] == list(costmodel.ARCHITECTURES)
    assert [r["preset"] for r in presets_table["rows"]] == costmodel.presets.names()
    assert [r["transfer pattern"] for r in patterns["rows"]] == list(costmodel.TRANSFER_PATTERNS)


# -- one way to set the arity and the options, on every command ------------------------------


def test_arity_is_set_the_same_way_on_every_command(capsys):
    ways = (("folding:arity=4",), ("folding", "--arity", "4"), ("folding", "--set", "arity=4"))
    totals = set()
    for way in ways:
        status, out, _ = run(capsys, "eval", *way, "--json")
        assert status == 0
        totals.add(json.loads(out)["total"])
    # k = 4 over 1000 leaves: layers 250, 63, 16, 4, 1 joins = 334; store-and-forward ships
    # N + 2J - 1 = 1667 witnesses in the tree, + 1000 from the provers = 2667 x 1 MB, + 50 GB
    assert totals == {str(50_000_000_000 + 2667 * 1_000_000)}
    latex = set()
    for way in ways:
        status, out, _ = run(capsys, "latex", *way)
        assert status == 0
        latex.add(out)
    assert len(latex) == 1 and "arity=4" in latex.pop()
    status, out, _ = run(capsys, "report", "folding", "recursive-stark", "--set", "arity=4")
    assert status == 0 and "53.997 GB" not in out and "52.667 GB" in out


def test_flags_apply_to_every_architecture_that_takes_them(capsys):
    status, out, _ = run(
        capsys,
        "breakeven",
        "folding",
        "recursive-stark",
        "--solve-for",
        "folded_witness_size",
        "--transfer",
        "peer-one-local",
        "--json",
    )
    assert status == 0
    # both trees peer-one-local: the same per-item count on each side, so W* = P + o - I
    assert json.loads(out)["value"] == "250000"
    status, out, _ = run(capsys, "latex", "recursive-stark", "--wrap")
    assert status == 0 and "wrap=True" in out


def test_a_model_file_on_standard_input(tmp_path):
    text = (
        '[model]\nname = "star"\n\n[terms]\n'
        'snapshots = "ceil(total_cycles / segment_cycles) * snapshot_size"\n'
    )
    # two independent processes, run side by side: a model file, and text that is not TOML
    good, bad = (
        subprocess.Popen(
            [sys.executable, "-m", "costmodel", "eval", "-", *extra],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for extra in (["--format", "csv"], [])
    )
    out, err = good.communicate(text, timeout=300)
    assert good.returncode == 0 and err == ""
    (rows,) = _csv_tables(out)
    # 1000 segments x 50 MB
    assert rows[-1]["term"] == "total" and rows[-1]["value"] == "50000000000"
    _, err = bad.communicate("not toml", timeout=300)
    assert bad.returncode == 2 and err.startswith("costmodel: error: standard input:")
    assert err.count("\n") == 1


def test_breakeven_text_speaks_the_command_line(capsys):
    status, out, _ = run(
        capsys,
        "breakeven",
        "folding:arity=none",
        "recursive-stark:arity=2",
        "--solve-for",
        "arity",
        "--set",
        "folded_witness_size=300 kB",
    )
    assert status == 0 and "no closed form" in out
    assert "evaluate()" not in out and "found numerically" in out


# -- the table writer itself ------------------------------------------------------------------


def test_table_writer_escapes_and_round_trips():
    table = Table.of(
        ("name", "value"),
        [("a|b_c", Value.quantity(costmodel.Q_(Fraction(1, 3), "GB"), digits=3)), ("d", "-")],
        right=(1,),
        title="t & u",
        notes=("50 % off",),
    )
    assert "a\\|b_c" in write_table(table, "markdown")
    latex = write_table(table, "latex")
    assert r"a\textbar{}b\_c" in latex and r"\begin{tabular}{lr}" in latex and "% t & u" in latex
    (rows,) = _csv_tables(write_table(table, "csv"))
    # 1/3 GB has no terminating decimal: the exact fraction, in the quantity's own unit
    assert rows[0] == {"name": "a|b_c", "value": "1/3", "value unit": "GB"}
    assert rows[1] == {"name": "d", "value": "-", "value unit": ""}
    data = json.loads(write_table(table, "json"))
    assert data["rows"][0]["value"] == {"value": "1/3", "unit": "GB", "text": "≈ 333.333 MB"}
    assert data["notes"] == ["50 % off"]


def test_report_takes_unit_and_digits(capsys):
    status, out, _ = run(
        capsys, "report", "folding", "recursive-stark", "--unit", "GB", "--digits", "2"
    )
    assert status == 0
    # folding's aggregation: 2997 x 1 MB = 2.997 GB, two decimals: ≈ 3.00 GB, and exactly
    assert "| aggregation | ≈ 3.00 GB (exactly 2997/1000 GB) |" in out


def test_reproduce_takes_unit_and_digits(capsys):
    status, out, err = run(capsys, "reproduce", "seed-note", "--unit", "MB", "--digits", "2")
    assert status == 0 and err == ""
    # the total, 50 GB + 250 MB + 749.25 MB = 50999.25 MB: two decimals, exact, no mark
    assert "50999.25 MB" in out and "50.99925 GB" not in out
    # the Nova bound, 10,000 x 750 bit = 937.5 kB = 0.9375 MB: four decimals, rounded to two
    assert "≈ 0.94 MB" in out
    # CycleFold's, 93.75 kB = 0.09375 MB -> 0.09 (the third decimal, 3, rounds down)
    assert "≈ 0.09 MB" in out
    # a figure of another dimension keeps its own unit
    assert "1 GB/segment" in out
    # the verdicts come from the exact values, not the rounded text
    default = run(capsys, "reproduce", "seed-note")[1]
    verdict = [line.split()[-1] for line in out.splitlines() if line.startswith("15 published")]
    assert verdict == [
        line.split()[-1] for line in default.splitlines() if line.startswith("15 published")
    ]


def test_validate_takes_unit_and_digits(capsys):
    status, default, _ = run(capsys, "validate")
    status_mb, out, err = run(capsys, "validate", "--unit", "MB", "--digits", "2")
    assert status in (0, None) and status_mb in (0, None) and err == ""
    # the seed note's total again: 50.99925 GB is 50999.25 MB
    assert "50.99925 GB" in default and "50999.25 MB" in out
    # its Nova bound, 937.5 kB = 0.9375 MB, rounded to two decimals and marked
    assert "937.5 kB" in default and "≈ 0.94 MB" in out
    # the summary (counts of verdicts) does not change with the display
    summary = [line for line in default.splitlines() if "published figures" in line]
    assert summary and summary == [line for line in out.splitlines() if "published figures" in line]
