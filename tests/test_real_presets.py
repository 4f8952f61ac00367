"""Presets of today's systems: provenance, estimates and ranges, hand-worked figures,
and the comparison of communication for 10^9 cycles."""

import tomllib
from fractions import Fraction
from importlib import resources

import pytest

import costmodel
from costmodel import presets
from costmodel.studies.systems import (
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
            expected = costmodel.VOCABULARY[parameter].pint_unit
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
    assert set(risc0.estimates) == {
        "snapshot_size",
        "receipt_overhead",
        "execution_rate",
        "prove_rate",
        "lift_time",
        "join_time",
        "wrap_time",
        "memory_base",
        "memory_per_cycle",
    }
    assert risc0.workload == ("segment_cycles", "snapshot_size")
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


def test_risc0_today_hand_worked_on_its_own_workload():
    # RISC Zero's own workload: 2^20-cycle segments of 10 MB
    # N = ceil(10^9 / 2^20) = 954 (953 x 1,048,576 = 999,292,928 < 10^9); J = 953
    # snapshots   954 x 10 MB                    = 9,540,000,000 B
    # proofs up   954 x 223,551 B                =   213,267,654 B
    # aggregation (954 + 953 - 1 + 953) = 2859 x 223,551 B = 639,132,309 B
    # wrap        root fetched 223,551 B + Groth16 seal 256 B = 223,807 B
    result = system("risc0").evaluate("1e9 cycle", workload="risc0")
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
    # the note's workload (1000 segments of 50 MB) and the note's 250 kB proofs, which SP1
    # does not publish: 1000 x 50 MB + (1000 + 1998 + 999) x 250 kB + 250,000 + 260 B
    sp1 = system("sp1")
    assert sp1.borrowed == ("proof_size", "receipt_overhead")
    result = sp1.evaluate("1e9 cycle")
    assert result.derived["segments"].magnitude == 1000
    assert result.total.magnitude == 50_000_000_000 + 3997 * 250_000 + 250_260
    assert sp1.borrowings() == {
        "segment_cycles": "seed-note",
        "snapshot_size": "seed-note",
        "total_cycles": "seed-note",
        "proof_size": "seed-note",
        "receipt_overhead": "seed-note",
    }


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
    # on the note's workload: 50 GB + 3997 x 223,551 B + 223,551 + 256 B (the wrap)
    assert rows["risc0"].total.magnitude == 50_000_000_000 + 3997 * 223_551 + 223_807
    assert rows["bonsai-note"].borrowed == {}  # the workload is its own
    text = format_comparison(list(rows.values()))
    assert "RISC Zero today" in text and "50.893757154 GB" in text
    assert (
        "total_cycles, segment_cycles, snapshot_size, proof_size, receipt_overhead (seed-note)"
        in text
    )
    assert "one workload" in text and "50 MB/segment" in text


def test_the_comparison_on_another_workload():
    rows = {row.system.key: row for row in communication_table(workload="risc0")}
    # every row on RISC Zero's 2^20-cycle segments of 10 MB, and 10^9 cycles: 954 segments
    assert {row.segments for row in rows.values()} == {954}
    assert rows["risc0"].borrowed == {}
    assert rows["bonsai-note"].total.magnitude == 9_540_000_000 + (954 + 1906 + 953) * 250_000


def test_communication_over_cycle_counts():
    totals = communication_by_cycles(["1e6 cycle", "1e9 cycle"], [system("bonsai-note")])
    # 10^6 cycles: one segment and no join; store-and-forward uploads the lone proof
    # (the root) and nothing else moves: 50 MB + 250 kB = 50,250,000 B
    assert [q.magnitude for q in totals["bonsai-note"]] == [50_250_000, 50_999_250_000]
    with pytest.raises(costmodel.UnknownParameterError, match='did you mean "risc0"'):
        system("risc-0")


def test_plot_communication(tmp_path):
    pytest.importorskip("matplotlib")
    from costmodel.studies.systems import plot_communication

    figure = plot_communication(
        ["1e6 cycle", "1e9 cycle"], systems=SYSTEMS[:2], path=tmp_path / "comm"
    )
    assert {p.name for p in tmp_path.iterdir()} == {"comm.png", "comm.pdf"}
    assert len(figure.axes[0].lines) == 2


def test_risc0_time_figures_are_the_bento_task_means():
    risc0 = presets.load("risc0")
    prove_tasks = [
        Fraction(t)
        for t in ("3.299771", "3.129968", "2.998964", "2.901972", "3.001664", "3.096732")
    ]
    # one 2^20-cycle segment per task: 2^20 cycles over the mean task time
    mean = sum(prove_tasks) / 6
    assert magnitude(risc0, "prove_rate", "cycle/(s*machine)") == 2**20 / mean
    low, high = risc0.ranges["prove_rate"]
    assert low.magnitude == 2**20 / max(prove_tasks) and high.magnitude == 2**20 / min(prove_tasks)
    joins = [Fraction(t) for t in ("1.123467", "1.237363", "1.154148")]
    assert magnitude(risc0, "join_time", "s/join") == sum(joins) / 3
    assert magnitude(risc0, "execution_rate", "cycle/s") == 8_650_752 / Fraction("0.530216")
    assert magnitude(risc0, "lift_time", "s/segment") == 0  # inside the prove task


def test_risc0_memory_is_the_least_squares_line_through_bentos_rule_of_thumb():
    risc0 = presets.load("risc0")
    # the published ranges' mid points: 2^20 -> 9.5 GB, 2^21 -> 17.5 GB, 2^22 -> 33 GB
    points = [
        (Fraction(2**20), Fraction(95, 10) * 10**9),
        (Fraction(2**21), Fraction(175, 10) * 10**9),
        (Fraction(2**22), Fraction(33) * 10**9),
    ]
    mean_c = sum(c for c, _ in points) / 3
    mean_m = sum(m for _, m in points) / 3
    slope = sum((c - mean_c) * (m - mean_m) for c, m in points) / sum(
        (c - mean_c) ** 2 for c, _ in points
    )
    assert magnitude(risc0, "memory_per_cycle", "B/cycle") == slope
    assert magnitude(risc0, "memory_base", "B/machine") == mean_m - slope * mean_c == 1_750_000_000
    # the fitted line under every VRAM limit of the Boundless table (8 GB -> po2 19 ... 40 -> 22)
    for vram, po2 in ((8, 19), (16, 20), (20, 21), (40, 22)):
        assert mean_m + slope * (2**po2 - mean_c) <= vram * 10**9


def test_cloud_presets():
    aws = presets.load("aws-g6")
    assert magnitude(aws, "machine_price", "USD/(machine*h)") == Fraction("0.8048")
    assert magnitude(aws, "link_bandwidth", "B/s") == 1_250_000_000  # 10 Gbit/s
    assert magnitude(aws, "egress_price", "USD/GB") == Fraction("0.09")
    runpod = presets.load("runpod-4090")
    # $0.00031 per second is $1.116 per hour
    assert magnitude(runpod, "machine_price", "USD/(machine*h)") == Fraction("1.116")
    assert magnitude(runpod, "egress_price", "USD/GB") == 0


def test_openvm_per_stage_figures():
    openvm = presets.load("openvm")
    # 136,118,818 instructions in 38 segments: the average segment keeps the count at 38
    values = {**openvm, "machines": "1 machine"}
    # OpenVM proves each layer's single item too: its tree is the singletons="proved" one
    stark = costmodel.recursive_stark(metric="machine_time", network=False, singletons="proved")
    result = stark.evaluate({**values, "wrap_time": "0 s"})
    assert result.derived["segments"].magnitude == 38
    assert result.derived["joins"].magnitude == 40  # 19 + 10 + 5 + 3 + 2 + 1, as reported
    # 38 segments x 0.97266 s (the app proofs' 36.961 s, the rate's own definition) + 38 leaves
    # x 2.308 s + 40 joins x 2.40785 s + execution 136,118,818 / 92.08e6 s
    app_and_rest = (
        Fraction(136_118_818) / Fraction("92.08e6")
        + Fraction("3582074.16") * 38 / (Fraction(136_118_818) / Fraction("36.961"))
        + 38 * Fraction("2.308")
    )
    expected = app_and_rest + 40 * Fraction("96.31408") / 40
    assert Fraction(result.total.to("machine*s").magnitude) == expected
    # the carried tree makes 37 joins: three fewer internal proofs than the report lists
    carried = costmodel.recursive_stark(metric="machine_time", network=False)
    carried_total = carried.evaluate({**values, "wrap_time": "0 s"}).total
    assert carried_total.to("machine*s").magnitude == app_and_rest + 37 * Fraction("96.31408") / 40


def test_workloads_are_held_fixed_and_say_what_they_borrow():
    risc0 = presets.load("risc0").with_workload("seed-note")
    assert magnitude(risc0, "segment_cycles", "cycle/segment") == 10**6
    assert magnitude(risc0, "snapshot_size", "MB/segment") == 50
    assert magnitude(risc0, "total_cycles", "cycle") == 10**9
    assert dict(risc0.borrowed) == dict.fromkeys(
        ("total_cycles", "segment_cycles", "snapshot_size"), "seed-note"
    )
    assert magnitude(risc0, "proof_size", "B/proof") == 223_551  # the system's own
    with pytest.raises(costmodel.PresetError, match="no \\[workload\\]"):
        presets.load("seed-note").with_workload("aws-g6")


def test_presets_combine_later_ones_winning():
    both = presets.combine("risc0", "aws-g6")
    assert magnitude(both, "machine_memory", "GB/machine") == 24  # aws-g6's, given last
    assert both.borrowed["machine_memory"] == "aws-g6"
    assert "proof_size" not in both.borrowed
    assert both.sources["machine_price"].source.startswith("AWS EC2 on-demand price list")
    with pytest.raises(costmodel.InputError):
        presets.combine()


def test_unknown_tables_in_presets_are_refused(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[preset]\nname = "p"\n[workloads.total_cycles]\nvalue = 1\n')
    with pytest.raises(costmodel.PresetError, match='did you mean "workload"'):
        presets.load(path)
