"""Presets of today's systems: provenance, estimates and ranges, hand-worked figures,
and the comparison of communication for 10^9 cycles."""

import tomllib
from fractions import Fraction
from importlib import resources

import pytest

import costmodel
from costmodel import presets
from costmodel.compare import (
    SYSTEMS,
    communication_by_cycles,
    communication_table,
    format_comparison,
    system,
)

REAL = ("risc0", "sp1", "nova", "nova-cyclefold", "hypernova", "nexus")


def raw(name):
    text = resources.files("costmodel.presets").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def magnitude(preset, name, unit):
    return preset[name].to(unit).magnitude


@pytest.mark.parametrize("name", REAL)
def test_every_value_has_a_unit_a_source_and_a_quote(name):
    assert name in presets.names()
    document = raw(name)
    for table in (document["parameters"], *document.get("variants", {}).values()):
        for parameter, entry in table.items():
            assert isinstance(entry["unit"], str), parameter
            if parameter != "arity":  # the arity is a pure number by definition
                assert entry["unit"], parameter
            assert entry["source"].strip() and entry["quote"].strip(), parameter
            if entry.get("estimate"):
                assert len(entry["reasoning"]) > 20, parameter
    for variant in (None, *presets.load(name).variants):
        preset = presets.load(name, variant=variant)
        assert set(preset) == set(preset.sources)
        for parameter, quantity in preset.items():
            expected = costmodel.VOCABULARY[parameter].units
            assert quantity.dimensionality == expected.dimensionality, parameter
            assert isinstance(quantity.magnitude, Fraction), parameter


def test_risc0_values():
    risc0 = presets.load("risc0")
    assert magnitude(risc0, "segment_cycles", "cycle/segment") == 2**20
    low, high = risc0.ranges["segment_cycles"]
    assert (low.magnitude, high.magnitude) == (2**13, 2**24)
    assert magnitude(risc0, "proof_size", "B/proof") == 223_551
    assert magnitude(risc0, "wrap_proof_size", "B") == 256
    assert risc0["arity"].magnitude == 2
    assert set(risc0.estimates) == {"snapshot_size", "receipt_overhead"}
    assert [q.to("MB/segment").magnitude for q in risc0.ranges["snapshot_size"]] == [5, 10]
    assert magnitude(risc0, "snapshot_size", "MB/segment") == 10
    assert "5 - 10 MB" in risc0.sources["snapshot_size"].quote


def test_sp1_values():
    sp1 = presets.load("sp1")
    assert magnitude(sp1, "segment_cycles", "cycle/segment") == 2**22
    assert sp1.ranges["segment_cycles"][0].magnitude == 2**18
    assert sp1["arity"].magnitude == 2
    assert magnitude(sp1, "wrap_proof_size", "B") == 260
    assert "proof_size" not in sp1 and "snapshot_size" not in sp1  # not published


def test_nova_values_and_variants():
    measured = {None: (9817, 10349), "bn254": (9985, 10538), "secp": (10264, 10961)}
    for variant, (primary, secondary) in measured.items():
        nova = presets.load("nova", variant=variant)
        assert magnitude(nova, "primary_constraints", "gate") == primary
        assert magnitude(nova, "secondary_constraints", "gate") == secondary
        assert magnitude(nova, "primary_variables", "felt") == primary  # estimate: n = m
        assert "primary_variables" in nova.estimates
        assert f"({primary}, {secondary})" in nova.sources["primary_constraints"].quote
    assert magnitude(presets.load("nova"), "verifier_gates", "gate") == 10_000


def test_cyclefold_hypernova_and_nexus_values():
    cyclefold = presets.load("nova-cyclefold")
    assert [
        magnitude(cyclefold, n, u)
        for n, u in (
            ("primary_constraints", "gate"),
            ("primary_variables", "felt"),
            ("secondary_constraints", "gate"),
            ("secondary_variables", "felt"),
        )
    ] == [33_289, 33_323, 2_090, 2_081]
    assert [q.magnitude for q in cyclefold.ranges["verifier_gates"]] == [1000, 1500]
    hypernova = presets.load("hypernova")
    # 5 points on the table's line: 1,354 + 1,200 x (5 - 2) = 4,954
    assert magnitude(hypernova, "secondary_constraints", "gate") == 1354 + 1200 * 3
    assert "secondary_constraints" in hypernova.estimates
    nexus = presets.load("nexus")
    quote = nexus.sources["primary_constraints"].quote
    assert "340,000" in quote and "15,000" in quote and "is 16" in quote
    assert magnitude(nexus, "primary_constraints", "gate") == 340_000 + 16 * 15_000
    ivc = presets.load("nexus", variant="ivc")
    assert magnitude(ivc, "primary_constraints", "gate") == 120_000 + 16 * 15_000
    assert magnitude(nexus, "segment_cycles", "cycle/segment") == 16
    assert nexus["arity"].magnitude == 2


# -- the loader: estimates and ranges ------------------------------------------------

HEADER = (
    '[preset]\nname = "t"\n\n[parameters.snapshot_size]\nunit = "MB/segment"\n'
    'source = "a"\nquote = "q"\n'
)


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("value = 7\nestimate = true\n", "reasoning"),
        ('value = 7\nestimate = true\nreasoning = "  "\n', "reasoning"),
        ('value = 7\nestimate = "yes"\nreasoning = "r"\n', "true or false"),
        ("value = 7\nreasoning = 3\n", "reasoning must be a string"),
        ("value = 7\nlow = 8\n", "outside its range"),
        ("value = 7\nhigh = 6\n", "outside its range"),
        ('value = 7\nlow = "five"\n', "low: expected a number such as .* got 'five'"),
        ("value = 7\nlow = -1\n", "non-negative"),
    ],
)
def test_bad_estimates_and_ranges_are_refused(tmp_path, entry, fragment):
    path = tmp_path / "t.toml"
    path.write_text(HEADER + entry)
    with pytest.raises(costmodel.PresetError, match=fragment):
        presets.load(path)


def test_estimates_and_ranges_are_read(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text(
        HEADER + 'value = "7.5"\nlow = 5\nhigh = "10"\nestimate = true\n'
        'reasoning = "the middle of a range"\n'
    )
    preset = presets.load(path)
    assert preset["snapshot_size"].magnitude == Fraction(15, 2)
    assert preset.estimates == {"snapshot_size": "the middle of a range"}
    low, high = preset.ranges["snapshot_size"]
    assert (low.magnitude, high.magnitude) == (5, 10)
    text = str(preset.sources["snapshot_size"])
    assert "[range 5 MB/segment .. 10 MB/segment]" in text
    assert "[estimate: the middle of a range]" in text
    # the existing format stays valid: no estimates, no ranges
    seed = presets.load("seed-note")
    assert not seed.estimates and not seed.ranges
    assert str(seed.sources["arity"]).endswith('FRI-based recursion."')


# -- hand-worked communication for 10^9 cycles --------------------------------------


def test_risc0_today_hand_worked():
    # N = ceil(10^9 / 2^20) = 954 (953 x 1,048,576 = 999,292,928 < 10^9); J = 953
    # snapshots   954 x 10 MB                    = 9,540,000,000 B
    # proofs up   954 x 223,551 B                =   213,267,654 B
    # aggregation (954 + 953 - 1 + 953) = 2859 x 223,551 B = 639,132,309 B
    # wrap        root fetched 223,551 B + Groth16 seal 256 B = 223,807 B
    result = system("risc0").evaluate("1e9 cycle")
    assert result.derived["segments"].magnitude == 954
    assert result.derived["joins"].magnitude == 953
    assert {n: q.magnitude for n, q in result.terms.items()} == {
        "snapshots": 9_540_000_000,
        "segment proofs": 213_267_654,
        "aggregation": 639_132_309,
        "wrap": 223_807,
    }
    assert result.total.magnitude == 10_392_623_770


def test_sp1_hand_worked_with_borrowed_sizes():
    # N = ceil(10^9 / 2^22) = 239 (238 x 4,194,304 = 998,244,352 < 10^9); J = 238
    # with the note's 50 MB snapshots and 250 kB proofs (SP1 publishes neither):
    # 239 x 50 MB + 239 x 250 kB + (239 + 238 - 1 + 238) = 714 x 250 kB + 250,000 + 260 B
    sp1 = system("sp1")
    assert sp1.borrowed == ("snapshot_size", "proof_size", "receipt_overhead")
    result = sp1.evaluate("1e9 cycle")
    assert result.derived["segments"].magnitude == 239
    assert result.total.magnitude == (11_950_000_000 + 59_750_000 + 178_500_000 + 250_260)


def test_comparison_table_for_a_billion_cycles():
    rows = {row.system.key: row for row in communication_table()}
    assert [s.key for s in SYSTEMS] == list(rows)
    assert rows["bonsai-note"].total.magnitude == 50_999_250_000
    # the folding systems share the note's 1000 segments of 50 MB; their trees ship
    # 3997 nodes (store-and-forward, binary): node sizes worked in test_accounting
    nodes = {
        "nova": 1_621_792,
        "nova-cyclefold": 3_331_392,
        "hypernova": 5_446_656,
        "nexus-pcd": 55_872_000,
    }
    for key, node in nodes.items():
        assert rows[key].item.magnitude == node
        assert rows[key].total.magnitude == 50_000_000_000 + 3997 * node
    assert rows["risc0"].item.magnitude == 223_551
    text = format_comparison(list(rows.values()))
    assert "RISC Zero today" in text and "10.39262377 GB" in text
    assert "snapshot_size, proof_size, receipt_overhead" in text


def test_communication_over_cycle_counts():
    totals = communication_by_cycles(["1e6 cycle", "1e9 cycle"], [system("bonsai-note")])
    # 10^6 cycles: one segment and no join; store-and-forward uploads the lone proof
    # (the root) and nothing else moves: 50 MB + 250 kB = 50,250,000 B
    assert [q.magnitude for q in totals["bonsai-note"]] == [50_250_000, 50_999_250_000]
    with pytest.raises(costmodel.UnknownParameterError, match='did you mean "risc0"'):
        system("risc-0")


def test_plot_communication(tmp_path):
    pytest.importorskip("matplotlib")
    from costmodel.compare import plot_communication

    figure = plot_communication(
        ["1e6 cycle", "1e9 cycle"], systems=SYSTEMS[:2], path=tmp_path / "comm"
    )
    assert {p.name for p in tmp_path.iterdir()} == {"comm.png", "comm.pdf"}
    assert len(figure.axes[0].lines) == 2
