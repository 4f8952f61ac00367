"""Calibration against published figures: the seed note first, exact relative errors,
cited rows, measured proving times; and the example script that prints it all."""

import json
import runpy
import sys
from fractions import Fraction
from pathlib import Path

import costmodel
from costmodel.studies import PublishedFigure, format_figures, seed_note_figures
from costmodel.studies.calibration import validate

ROOT = Path(__file__).resolve().parent.parent


def rows_by_figure():
    return {(r.system, r.label): r for r in validate()}


def test_seed_note_rows_come_first_in_the_notes_order():
    rows = validate()
    figures = seed_note_figures()
    assert rows[: len(figures)] == figures  # the same objects' values: one type for both
    assert all(r.system == "seed note" for r in rows[: len(figures)])
    assert rows[len(figures)].system != "seed note"
    total = rows_by_figure()[("seed note", "total communication")]
    # (50.99925 - 51) / 51 GB, exactly
    assert total.relative_error == Fraction(50_999_250_000 - 51_000_000_000, 51_000_000_000)
    assert total.verdict == "rounded"
    nova = rows_by_figure()[("seed note", "Nova folded-witness lower bound")]
    assert nova.relative_error == Fraction(-7, 8) and nova.verdict == "off"  # bits read as bytes


def test_every_row_is_cited_and_exact():
    for row in validate():
        assert row.citation.strip() and row.how.strip(), row.label
        assert isinstance(row.model_value, Fraction)
        if row.published is not None:
            assert isinstance(row.relative_error, Fraction), row.label
            assert row.verdict in {"exact", "within", "rounded", "off"}


def test_risc0_rows_by_hand():
    rows = rows_by_figure()
    segments = rows[("RISC Zero today", "segments, 642,774-cycle run")]
    # ceil(642,774 / 1,048,576) = 1, as the benchmark reports
    assert segments.model_value == 1 and segments.exact
    total = rows[("RISC Zero today", "total, 10^9 cycles (the note: 51 GB)")]
    # on RISC Zero's own workload: 954 segments of 2^20 cycles, 10 MB each
    # 10,392,623,770 B against the note's 51 GB
    assert total.model.to("B").magnitude == 10_392_623_770
    assert total.relative_error == Fraction(10_392_623_770 - 51 * 10**9, 51 * 10**9)
    proofs = rows[("RISC Zero today", "proof traffic, 10^9 cycles (the note: 1 GB)")]
    # (954 + 2859 + 1) x 223,551 + 256 = 852,623,770 B
    assert proofs.model.to("B").magnitude == 3814 * 223_551 + 256 == 852_623_770


def test_folding_rows_by_hand():
    rows = rows_by_figure()
    nova = rows[("Nova", "smallest folded state (the note: 7.5 MB)")]
    assert nova.model.to("B").magnitude == 1_621_792
    assert nova.relative_error == Fraction(1_621_792 - 7_500_000, 7_500_000)
    ratio = rows[("Nova + CycleFold", "folded state, CycleFold / Nova (the note: 1/10)")]
    assert ratio.model_value == Fraction(3_331_392, 1_621_792) == Fraction(104_106, 50_681)
    second = rows[("Nova + CycleFold", "second-curve witness, Nova / CycleFold")]
    # (10,349 + 10,349) / (2,081 + 2,090)
    assert second.model_value == Fraction(20_698, 4_171)
    for figure in ("PCD nodes over 4 leaves", "folding steps, k = 1 / k = 8"):
        assert rows[("Nexus PCD", figure)].exact


def test_ranges_and_missing_values():
    def row(published, model):
        return PublishedFigure("k", "s", "f", "t", published, "c", model, None, "h")

    assert row((Fraction(1000), Fraction(1500)), Fraction(1354)).verdict == "within"
    above = row((Fraction(1000), Fraction(1500)), Fraction(2090))
    assert above.relative_error == Fraction(590, 1500) and above.verdict == "off"
    assert row(None, Fraction(3)).verdict == "-" and row(None, Fraction(3)).exact is None
    quantity = PublishedFigure(
        "k", "s", "f", "t", costmodel.Q_(1, "GB"), "c", costmodel.Q_(999, "MB"), "GB", "h"
    )
    assert quantity.relative_error == Fraction(-1, 1000) and quantity.verdict == "rounded"


def test_format_and_json():
    rows = validate()
    text = format_figures(rows)
    assert text.splitlines()[0].split()[:3] == ["system", "figure", "published"]
    assert "published figures:" in text and "[1] seed note" in text
    assert "RISC Zero today" in text and "10.39262377 GB" in text
    payload = json.loads(json.dumps([r.as_dict() for r in rows]))
    nexus = [p for p in payload if p["system"] == "Nexus PCD"]
    assert nexus[0]["relative_error"] == "0" and nexus[0]["verdict"] == "exact"


def test_measured_times_by_hand():
    rows = rows_by_figure()
    one = rows[("RISC Zero Bento", "wall time, 34,603,008 cycles on one GPU")]
    # 33 segments (34,603,008 = 33 x 2^20), handed out every 2^20 / R_e seconds, with
    # R_e = 8,650,752 / 0.530216 cycle/s: the last one leaves the executor at
    # 33 x 2^20 x 0.530216 / 8,650,752 s.  One machine proves them one after another:
    # the first starts at 2^20 / R_e and the 33 tasks of 18.429071 / 6 s follow back to back
    # (the executor is faster than the prover), then 32 joins of 3.514978 / 3 s.
    per_segment = Fraction(2**20) * Fraction("0.530216") / 8_650_752
    task = Fraction("18.429071") / 6
    join = Fraction("3.514978") / 3
    assert one.model.to("s").magnitude == per_segment + 33 * task + 32 * join
    assert one.verdict == "off" and abs(one.relative_error) < Fraction(7, 100)
    # at the fastest listed tasks (prove 2.901972 s, join 1.123467 s) the model is still
    # above the measurement: 0.064 + 95.765 + 35.951 = 131.78 s, 0.88 % over 130.63 s
    fastest = per_segment + 33 * Fraction("2.901972") + 32 * Fraction("1.123467")
    assert Fraction(131, 1) < fastest < Fraction(13179, 100)
    assert Fraction(1008, 1000) < fastest / Fraction("130.630590") < Fraction(1009, 1000)
    first = rows[
        ("RISC Zero Bento", "wall time, 8,650,752 cycles on two agents (the stage times' run)")
    ]
    # 8,650,752 = 8 x 2^20 + 2^18: 9 segments, the tail padded to 2^20 in the model; two
    # agents: ⌈9/2⌉ = 5 waves.  The executor hands out a segment every 0.064 s, far ahead
    # of the provers (3.07 s a task), so the longest chain is the first handout and then
    # 5 waves back to back: per_segment + 5 task.  Joins: layers of 9, 5, 3, 2 items make
    # 4, 2, 1, 1 joins, 2 at a time: 2 + 1 + 1 + 1 = 5 waves.
    assert first.model.to("s").magnitude == per_segment + 5 * task + 5 * join
    assert first.relative_error is not None and -2 < first.relative_error * 100 < -1
    two = rows[("RISC Zero Bento", "wall time, 35,127,296 cycles on two GPUs (four agents)")]
    # 35,127,296 = 67 x 2^19: 67 segments of 2^19 on 2 GPUs, ⌈67/2⌉ = 34 waves of half a
    # task (the rate is per cycle), the first handed out after 2^19 / R_e; joins of layers
    # 67, 34, 17, 9, 5, 3, 2: 33, 17, 8, 4, 2, 1, 1 joins, 2 at a time:
    # 17 + 9 + 4 + 2 + 1 + 1 + 1 = 35 waves
    assert two.model.to("s").magnitude == per_segment / 2 + 34 * task / 2 + 35 * join
    assert two.verdict == "off" and two.relative_error > 0
    openvm = rows[("OpenVM", "machine time of the proofs, block 23,100,006")]
    # the report's 40 internal proofs (19 + 10 + 5 + 3 + 2 + 1) at 96.31408 / 40 s: the
    # internal proofs' own sum, 96.31408 s; app proofs 38 average segments of 3,582,074.16
    # at the rate 136,118,818 / 36.961 (about 36.961 s), leaves 38 x 2.308 s, execution
    # 136,118,818 / 92.08e6 s: within 1 % of 223.35 s
    expected = (
        Fraction(136_118_818) / Fraction("92.08e6")
        + Fraction("3582074.16") * 38 / (Fraction(136_118_818) / Fraction("36.961"))
        + 38 * Fraction("2.308")
        + Fraction("96.31408")
    )
    assert openvm.model.to("machine*s").magnitude == expected
    assert openvm.verdict == "rounded" and openvm.relative_error < 0


def test_compare_example_runs(capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", ["compare_systems.py"])  # no plot directory
    runpy.run_path(str(ROOT / "examples" / "compare_systems.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "10.39262377 GB" in out and "1562.5 gate" in out and "published figures:" in out
