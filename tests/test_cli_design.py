"""``costmodel optimize`` on the command line: text, JSON, and bad grids refused."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from costmodel.cli import main

BASE = ["--preset", "risc0", "--preset", "aws-g6", "--workload", "seed-note"]


def _run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_optimize_json_is_the_24_gb_segment_size(capsys):
    status, out, _ = _run(
        capsys,
        "optimize",
        "recursive-stark",
        "--minimize",
        "wall_time",
        *BASE,
        "--set",
        "machines=1024 machine",
        "--over",
        "segment_cycles=pow2:16..24",
        "--over",
        "arity=2",
        "--at-most",
        "peak_memory=24 GB/machine",
        "--json",
    )
    assert status == 0
    payload = json.loads(out)
    # peak = 1.75 GB + 7459.1 B x C <= 24 GB: C <= 2,982,936, so 2^21 fits and 2^22 does not;
    # the wall time falls with C here, so the largest fitting power of two wins
    assert payload["point"] == {"segment_cycles": "2097152", "arity": "2"}
    assert payload["binding"] == ["recursive_stark peak_memory <= 24 GB/machine"]
    assert payload["searched"] == 9 and payload["feasible"] == 6  # 2^16 .. 2^21
    assert Fraction(payload["margin"]) == Fraction(payload["runner_up_value"]) - Fraction(
        payload["value"]
    )


def test_optimize_text_and_a_parameter_constraint(capsys):
    status, out, _ = _run(
        capsys,
        "optimize",
        "recursive-stark",
        *BASE,
        "--over",
        "arity=2..16",
    )
    # bytes fall with arity (fewer joins): the largest arity, found by monotonicity
    assert status == 0
    assert "arity = 16" in out and "arity by pruned (monotone)" in out
    status, out, _ = _run(
        capsys,
        "optimize",
        "recursive-stark",
        *BASE,
        "--over",
        "arity=2..16",
        "--at-most",
        "arity=5",
    )
    assert status == 0 and "arity = 5" in out and "binding: arity <= 5" in out


@pytest.mark.parametrize(
    ("over", "fragment"),
    [
        ("arity=1..100000", "at most 10000 values"),
        ("arity=9..2", "must run upward"),
        ("segment_cycles=pow2:10..99", "powers_of_two"),
        ("arity", "expects NAME=VALUE"),
        ("arity=1e999..2", "arity"),
        ("sgment_cycles=2,3", "did you mean"),
    ],
)
def test_optimize_refuses_bad_grids(capsys, over, fragment):
    with pytest.raises(SystemExit) as exit_:
        main(["optimize", "recursive-stark", *BASE, "--over", over])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert fragment in err
    assert "Traceback" not in err


def test_optimize_with_the_presets_laws(capsys):
    status, out, _ = _run(
        capsys,
        "optimize",
        "recursive-stark",
        "--preset",
        "risc0",
        "--variant",
        "datasheet-2023",
        "--set",
        "total_cycles=1e9 cycle",
        "--over",
        "segment_cycles=pow2:15..22",
        "--laws",
        "--json",
    )
    assert status == 0
    payload = json.loads(out)
    # the proof grows with log2 C but the segment count falls faster: 2^22 wins. There
    # N = ceil(1e9 / 4,194,304) = 239, J = 238, 239 + 476 + 238 = 953 proofs of
    # -4889/140 + 22 x 1097/70 = 43379/140 kB, and 239 snapshots of 10 MB:
    # 2.39 GB + 953 x 43379/140 kB = 2,685,287,050 B
    assert payload["point"] == {"segment_cycles": "4194304"}
    assert payload["value"] == "2685287050"
    assert payload["method"] == {
        "segment_cycles": "grid"
    }  # no longer provably monotone in C: searched
    with pytest.raises(SystemExit):
        main(["optimize", "recursive-stark", "--over", "arity=2..4", "--laws"])
    assert "gives no value as a law" in capsys.readouterr().err
