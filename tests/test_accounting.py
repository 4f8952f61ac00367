"""Folded-state accountings: layouts, hand-worked sizes, agreements and orderings,
and the break-even verifier size under each accounting."""

from fractions import Fraction

import pytest
import sympy

import costmodel
from costmodel import presets, witness_accounting
from costmodel.studies.systems import verifier_breakevens

S = costmodel.symbol


def bytes_of(model, values):
    return model.evaluate(values).total.to("B").magnitude


def sizes(m1, n1, m2=None, n2=None, s="32 B/felt"):
    values = {
        "primary_constraints": f"{m1} gate",
        "primary_variables": f"{n1} felt",
        "serialized_element_size": s,
    }
    if m2 is not None:
        values |= {"secondary_constraints": f"{m2} gate", "secondary_variables": f"{n2} felt"}
    return values


def test_registry_and_terms_are_bytes():
    assert list(costmodel.WITNESS_ACCOUNTINGS) == [
        "note",
        "relaxed-r1cs",
        "nova-relaxed-r1cs",
        "nova-cyclefold",
        "hypernova-ccs",
    ]
    for name in costmodel.WITNESS_ACCOUNTINGS:
        model = witness_accounting(accounting=name)
        assert model.unit == "byte" and model.fixed["accounting"] == name
        for expr in model.labelled_terms.values():
            assert costmodel.unit_of(expr) == costmodel.ureg.Unit("B")
            assert not expr.has(sympy.Float)
    assert costmodel.ARCHITECTURES["witness-accounting"] is witness_accounting


def test_relaxed_r1cs_is_64_bytes_per_constraint():
    # W has n entries, E has m entries, 32 B each: (10,000 + 10,000) x 32 B = 640,000 B
    model = witness_accounting(accounting="relaxed-r1cs")
    assert bytes_of(model, sizes(10_000, 10_000)) == 640_000
    assert (
        sympy.expand(
            costmodel.plain(model.total)
            - S("serialized_element_size") * (S("primary_variables") + S("primary_constraints"))
        )
        == 0
    )


def test_same_element_count_gives_same_bytes():
    # The note's accounting at 2 elements of 256 bits per gate is 64 B per gate: exactly
    # what a relaxed R1CS witness with as many variables as constraints holds.
    note = witness_accounting(accounting="note")
    as_r1cs = {
        "verifier_gates": "10000 gate",
        "elements_per_gate": "2 felt/gate",
        "field_element_bits": "256 bit/felt",
    }
    assert (
        bytes_of(note, as_r1cs)
        == bytes_of(witness_accounting(accounting="relaxed-r1cs"), sizes(10_000, 10_000))
        == 640_000
    )
    # ... and an element of 256 bit is one of 32 B, whatever unit it is given in
    assert (
        bytes_of(
            witness_accounting(accounting="relaxed-r1cs"), sizes(10_000, 10_000, s="256 bit/felt")
        )
        == 640_000
    )


def test_note_accounting_is_the_verifier_bound():
    note = witness_accounting(accounting="note")
    exact = costmodel.verifier_witness_bound(rounding="exact")
    assert sympy.simplify(costmodel.plain(note.total - exact.total)) == 0
    # the seed: 10,000 gates x 3 x 255 bit = 7,650,000 bit = 956,250 B
    assert bytes_of(note, presets.load("seed-note")) == 956_250


def test_nova_two_cycle_at_the_measured_circuits():
    # Pallas/Vesta: 9,817 and 10,349 constraints, variables taken equal.
    # elements: 9,817 (W1) + 9,817 (E1) + 10,349 (W2) + 10,349 (E2) + 10,349 (w2) = 50,681
    # bytes: 50,681 x 32 = 1,621,792; the primary relaxed witness alone 19,634 x 32 = 628,288
    nova = presets.load("nova")
    state = witness_accounting(accounting="nova-relaxed-r1cs").evaluate(nova)
    assert state.total.to("B").magnitude == 1_621_792
    assert state.terms["primary W"].magnitude == 9_817 * 32
    assert state.terms["secondary w (incoming)"].magnitude == 10_349 * 32
    primary = bytes_of(witness_accounting(accounting="relaxed-r1cs"), nova)
    assert primary == 628_288
    assert state.total.to("B").magnitude > primary


def test_two_cycle_state_exceeds_primary_witness_for_all_sizes():
    two_cycle = costmodel.plain(witness_accounting(accounting="nova-relaxed-r1cs").total)
    primary = costmodel.plain(witness_accounting(accounting="relaxed-r1cs").total)
    difference = sympy.factor(two_cycle - primary)
    # s (m2 + 2 n2): positive whatever the (positive) sizes
    assert difference.is_positive
    assert (
        sympy.expand(
            difference
            - S("serialized_element_size")
            * (S("secondary_constraints") + 2 * S("secondary_variables"))
        )
        == 0
    )


def test_cyclefold_and_hypernova_layouts_relate_exactly():
    plain = costmodel.plain
    relaxed = plain(witness_accounting(accounting="relaxed-r1cs").total)
    cyclefold = plain(witness_accounting(accounting="nova-cyclefold").total)
    hypernova = plain(witness_accounting(accounting="hypernova-ccs").total)
    s = S("serialized_element_size")
    second = s * (S("secondary_variables") + S("secondary_constraints"))
    # CycleFold: primary relaxed + plain primary witness + CycleFold relaxed witness
    assert sympy.expand(cyclefold - (relaxed + s * S("primary_variables") + second)) == 0
    # HyperNova: the same without the error vector E (m1 elements)
    assert sympy.expand(cyclefold - hypernova - s * S("primary_constraints")) == 0


def test_hand_worked_states_of_the_folding_presets():
    cases = {
        # arecibo CycleFold: 33,323 + 33,289 + 33,323 + 2,081 + 2,090 = 104,106 elements
        ("nova-cyclefold", "nova-cyclefold"): 104_106 * 32,  # 3,331,392 B
        # Sonobe HyperNova, 5 instances: 80,150 + 80,150 + 4,954 + 4,954 = 170,208 elements
        ("hypernova-ccs", "hypernova"): 170_208 * 32,  # 5,446,656 B
        # Nexus PCD: 3 x 580,000 + 2 x 3,000 = 1,746,000 elements
        ("nova-cyclefold", "nexus"): 1_746_000 * 32,  # 55,872,000 B
    }
    for (accounting, preset), expected in cases.items():
        total = bytes_of(witness_accounting(accounting=accounting), presets.load(preset))
        assert total == expected, (accounting, preset)
    assert 104_106 * 32 == 3_331_392 and 170_208 * 32 == 5_446_656


def test_cyclefold_state_is_larger_than_novas_at_measured_sizes():
    # the note expects CycleFold to shrink the folded witness tenfold; measured circuits
    # give 3,331,392 B against 1,621,792 B: the first-curve circuit grows 3.4x
    nova = bytes_of(witness_accounting(accounting="nova-relaxed-r1cs"), presets.load("nova"))
    cyclefold = bytes_of(
        witness_accounting(accounting="nova-cyclefold"), presets.load("nova-cyclefold")
    )
    assert Fraction(cyclefold) / Fraction(nova) == Fraction(104_106, 50_681)


@pytest.mark.parametrize(
    ("values", "error", "fragment"),
    [
        ({"primary_constraints": "9817 felt"}, costmodel.DimensionError, "primary_constraints"),
        ({"primary_constraints": "-3 gate"}, costmodel.ParameterValueError, "primary_constraints"),
        ({"serialized_element_size": "32 B"}, costmodel.DimensionError, 'did you mean "32 B/felt"'),
        ({"primary_variables": "0 felt"}, costmodel.ParameterValueError, "primary_variables"),
    ],
)
def test_bad_values_name_the_parameter(values, error, fragment):
    model = witness_accounting(accounting="relaxed-r1cs")
    with pytest.raises(error, match=fragment):
        model.evaluate(sizes(10_000, 10_000) | values)


def test_missing_and_unknown():
    with pytest.raises(costmodel.OptionError, match='did you mean "nova-cyclefold"'):
        witness_accounting(accounting="nova-cycle-fold")
    with pytest.raises(costmodel.MissingParameterError, match="secondary_constraints"):
        witness_accounting(accounting="nova-cyclefold").evaluate(sizes(1, 1))


# -- break-even verifier size under each accounting -----------------------------------


def test_breakeven_verifier_sizes_by_hand():
    rows = {(r.accounting, r.stark): r for r in verifier_breakevens()}
    expected = {
        # W* = P + o - I = 250,000 B for the seed note (I counted as zero)
        # note: V = 8 W* / (e b) = 2,000,000 / 765 = 400,000 / 153 gates
        ("note", "seed-note"): Fraction(400_000, 153),
        # one relaxed witness, n = m = V: 64 V = 250,000
        ("relaxed-r1cs", "seed-note"): Fraction(15_625, 4),
        # both curves the same verifier, plus the plain secondary: 5 x 32 V = 250,000
        ("nova-relaxed-r1cs", "seed-note"): Fraction(3_125, 2),
        # CycleFold: 3 x 32 V + 32 (2,081 + 2,090) = 250,000 -> V = 116,528 / 96
        ("nova-cyclefold", "seed-note"): Fraction(7_283, 6),
        # RISC Zero today: W* = 223,551 B; 8 x 223,551 / 765 = 198,712 / 85
        ("note", "risc0"): Fraction(198_712, 85),
        ("nova-relaxed-r1cs", "risc0"): Fraction(223_551, 160),
        # (223,551 - 133,472) / 96
        ("nova-cyclefold", "risc0"): Fraction(90_079, 96),
    }
    for key, value in expected.items():
        row = rows[key]
        assert row.value.magnitude == value, key
        assert row.exact, key
    assert rows[("note", "seed-note")].target.to("B").magnitude == 250_000
    assert rows[("note", "risc0")].target.to("B").magnitude == 223_551


def test_breakeven_substitutes_back_exactly():
    for row in verifier_breakevens(starks=("seed-note",)):
        if row.value is None:
            continue
        model = witness_accounting(accounting=row.accounting)
        values = {**row.given, row.parameter: row.value}
        values |= {
            tied: costmodel.Q_(row.value.magnitude, costmodel.VOCABULARY[tied].unit)
            for tied in row.tied
        }
        assert model.evaluate(values).total.to("B") == row.target


def test_hypernova_has_no_breakeven_at_its_measured_cyclefold_circuit():
    # its CycleFold witness alone is 32 x (4,954 + 4,954) = 317,056 B > 250,000 B
    row = next(
        r for r in verifier_breakevens(starks=("seed-note",)) if r.accounting == "hypernova-ccs"
    )
    assert row.value is None and "exceed" in row.reason
    assert row.closed_form is not None
