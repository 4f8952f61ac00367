"""Every figure of the seed note, from the seed preset, against values worked by hand.

The hand arithmetic (design.md, "The seed's arithmetic, exactly"):
N = 10^9 / 10^6 = 1000 segments; binary tree: J = N - 1 = 999 joins.
snapshots      1000 x 50 MB                    = 50 000 000 000 B = 50 GB
segment proofs 1000 x 250 kB                   =    250 000 000 B = 250 MB
aggregation    (N + J - 1) + J = 1998 + 999 = 2997 proofs x 250 000 B = 749 250 000 B
total          50 GB + 250 MB + 749.25 MB      = 50 999 250 000 B = 50.99925 GB
snapshot share 50 000 000 000 / 50 999 250 000 = 50 000 / 50 999.25 = 200 000 / 203 997
folding        50 GB + 1000 x 1 MB + 2997 x 1 MB = 53 997 000 000 B
Nova bound     10 000 gates x 750 bit = 7 500 000 bit = 937 500 B (the note: 7.5 MB)
CycleFold      1 000 gates x 750 bit = 750 000 bit = 93 750 B (the note: 750 kB)
unrounded Nova 10 000 x 3 x 255 bit = 7 650 000 bit = 956 250 B
"""

from fractions import Fraction

import sympy

import costmodel
from costmodel.studies import format_figures, seed_note_figures


def byte_values(evaluation):
    return {name: Fraction(q.to("B").magnitude) for name, q in evaluation.terms.items()}


def test_recursive_stark_reproduces_the_napkin_math(seed):
    result = costmodel.recursive_stark().evaluate(seed)
    assert byte_values(result) == {
        "snapshots": 50_000_000_000,
        "segment proofs": 250_000_000,
        "aggregation": 749_250_000,
    }
    assert result.total.to("B").magnitude == 50_999_250_000
    assert result.total.to("GB").magnitude == Fraction(5099925, 100000)
    assert result.derived["segments"].magnitude == 1000
    assert result.derived["joins"].magnitude == 999
    # 1000 uploads + 1998 downloads + 999 uploads
    assert result.derived["items shipped"].magnitude == 3997


def test_snapshot_share_is_98_percent_not_95(seed):
    shares = costmodel.recursive_stark().evaluate(seed).shares
    assert shares["snapshots"] == Fraction(200_000, 203_997)
    assert Fraction(9804, 10000) < shares["snapshots"] < Fraction(9805, 10000)
    assert sum(shares.values()) == 1


def test_folding_sketch_through_the_same_tree(seed):
    result = costmodel.folding().evaluate(seed)
    assert byte_values(result) == {
        "snapshots": 50_000_000_000,
        "folded witnesses": 1_000_000_000,
        "aggregation": 2_997_000_000,
    }
    assert result.total.to("GB").magnitude == Fraction(53997, 1000)
    # 1 GB segment witness / 1 MB folded witness
    assert result.derived["chunks per segment"].to("chunk/segment").magnitude == 1000


def test_verifier_bounds_read_bits_as_bits(seed):
    rounded = costmodel.verifier_witness_bound(rounding="rounded")
    exact = costmodel.verifier_witness_bound(rounding="exact")
    nova = rounded.evaluate(seed).total
    cyclefold = rounded.evaluate(costmodel.presets.load("seed-note", variant="cyclefold")).total
    assert nova.to("B").magnitude == 937_500
    assert cyclefold.to("B").magnitude == 93_750
    assert exact.evaluate(seed).total.to("B").magnitude == 956_250
    # the note's figures are 8 times too large: bits read as bytes
    assert costmodel.Q_("7.5 MB").to("B").magnitude == 8 * nova.to("B").magnitude
    assert costmodel.Q_("750 kB").to("B").magnitude == 8 * cyclefold.to("B").magnitude


def test_segment_and_total_witness(seed):
    per_segment = seed["segment_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    total = seed["total_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    assert per_segment.to("B/segment").magnitude == 10**9
    assert total.to("B").magnitude == 10**12


def test_breakeven_folded_witness_is_the_proof_size(seed):
    stark, fold = costmodel.recursive_stark(arity=None), costmodel.folding(arity=None)
    W = costmodel.symbol("folded_witness_size")
    (solution,) = sympy.solve(sympy.Eq(fold.total, stark.total), W)
    proof, overhead, instance = (
        costmodel.symbol(n) for n in ("proof_size", "receipt_overhead", "folded_instance_size")
    )
    assert sympy.simplify(solution - (proof + overhead - instance)) == 0
    figure = {f.key: f for f in seed_note_figures()}["breakeven"]
    assert figure.model.to("B").magnitude == 250_000


def test_reproduction_table_flags_every_disagreement():
    figures = {f.key: f for f in seed_note_figures()}
    expected_verdicts = {
        "segments": "exact",
        "snapshots": "exact",
        "segment witness": "exact",
        "total witness": "exact",
        "segment proofs": "exact",
        "assigned": "rounded",  # 2000 vs 1998
        "returned": "rounded",  # 1000 vs 999
        "aggregation": "rounded",  # 750 MB vs 749.25 MB
        "proof traffic": "rounded",  # 1 GB vs 999.25 MB
        "total": "rounded",  # 51 GB vs 50.99925 GB
        "snapshot share": "off",  # 95 % vs 98.04 %
        "nova bound": "off",  # 7.5 MB vs 937.5 kB
        "cyclefold bound": "off",  # 750 kB vs 93.75 kB
        "chunks": "exact",
        "breakeven": "exact",
        "nova bound unrounded": "-",
        "folding total": "-",
    }
    assert {k: f.verdict for k, f in figures.items()} == expected_verdicts
    # one sign everywhere, (model - published) / published:
    # (50.99925 - 51) / 51 = -0.00075 / 51 = -1 / 68000
    assert figures["total"].relative_error == Fraction(-1, 68000)
    # (937.5 kB - 7.5 MB) / 7.5 MB = -7/8: the note's figure is 8 times the exact one
    assert figures["nova bound"].relative_error == Fraction(-7, 8)
    assert figures["nova bound"].how.startswith("slip, bits read as bytes")
    assert figures["snapshot share"].how.startswith("slip")
    text = format_figures(list(figures.values()), system=False, sources=False)
    for fragment in (
        "50.99925 GB",
        "749.25 MB",
        "937.5 kB",
        "93.75 kB",
        "≈ 98.04 %",
        "53.997 GB",
        "7 exact, 0 within a published range, 5 rounded (within 1 %), 3 off",
    ):
        assert fragment in text


def test_units_do_not_change_the_result(seed):
    model = costmodel.recursive_stark()
    reference = model.evaluate(seed).total
    for snapshot in (
        "400 Mbit/segment",
        "50000 kB/segment",
        "0.05 GB/segment",
        "400000000 bit/segment",
    ):
        assert model.evaluate({**seed, "snapshot_size": snapshot}).total == reference
    # 250 kB = 250000 B; in KiB that is 250000/1024 KiB
    assert model.evaluate({**seed, "proof_size": "250000/1024 KiB/proof"}).total == reference
