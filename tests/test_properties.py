"""Hypothesis properties of every architecture: units, monotonicity, unit invariance, exactness."""

from fractions import Fraction

import sympy
from hypothesis import find, given
from hypothesis import strategies as st

import costmodel
from costmodel.architectures import TREE_ARCHITECTURES, WITNESS_ACCOUNTINGS
from costmodel.dimensions import unit_of
from costmodel.symbols import unit_table
from costmodel.units import Unit, parse_quantity
from tests.strategies import BYTE_UNITS, architectures, byte_units, seed_like_values, with_arity

INFORMATION = Unit("B").dimensionality


def total_bytes(model, values):
    return Fraction(model.evaluate(with_arity(model, values)).total.to("B").magnitude)


def test_the_strategy_draws_every_registered_tree_architecture():
    # a property over "every architecture" holds only if the strategy reaches each one: every
    # registered tree architecture, and pcd_tree under every folded-state accounting
    names = {build(arity=2).name for build in TREE_ARCHITECTURES.values()}
    assert names == {"recursive_stark", "folding", "pcd_tree"}
    for name in names:
        assert find(architectures(), lambda model, name=name: model.name == name).name == name
    for accounting in WITNESS_ACCOUNTINGS:
        found = find(
            architectures(),
            lambda model, accounting=accounting: (
                dict(model.options).get("accounting") == accounting
            ),
        )
        assert found.name == "pcd_tree"


@given(architectures())
def test_every_term_is_information(model):
    table = unit_table(model.parameters)
    # the labelled terms carry the count relabellings (segments -> proofs) the walker checks;
    # a rescaling label (InUnit) may only change the unit within information (a witness
    # counted in bits, shipped in bytes), never turn another dimension into bytes
    for name, expr in model.labelled_terms.items():
        for label in expr.atoms(costmodel.dimensions.InUnit):
            inner = costmodel.plain(label.args[0])
            assert unit_of(inner, table).dimensionality == INFORMATION, (name, label)
        assert unit_of(expr, table) == Unit("B"), name
    assert unit_of(model.labelled_total, table) == Unit("B")


@given(architectures(), seed_like_values(), st.integers(min_value=1, max_value=10**7))
def test_total_grows_with_cycles(model, values, extra_cycles):
    more = dict(values)
    cycles = parse_quantity(values["total_cycles"]).magnitude
    more["total_cycles"] = f"{cycles + extra_cycles} cycle"
    assert total_bytes(model, more) >= total_bytes(model, values)
    # a whole extra segment is strictly more
    segment = parse_quantity(values["segment_cycles"]).magnitude
    more["total_cycles"] = f"{cycles + segment} cycle"
    assert total_bytes(model, more) > total_bytes(model, values)


@given(architectures(), seed_like_values(), st.integers(min_value=1, max_value=10**6))
def test_total_grows_with_sizes(model, values, extra):
    for name, unit in (
        ("snapshot_size", "B/segment"),
        ("proof_size", "B/proof"),
        ("folded_witness_size", "B"),
    ):
        if name not in model.parameter_names:
            continue
        more = dict(values)
        more[name] = f"{parse_quantity(values[name]).magnitude + extra} {unit}"
        assert total_bytes(model, more) > total_bytes(model, values), name


@given(architectures(), seed_like_values(), st.data())
def test_units_of_the_values_do_not_change_the_result(model, values, data):
    reference = total_bytes(model, values)
    rewritten = dict(values)
    for name in (
        "snapshot_size",
        "proof_size",
        "receipt_overhead",
        "folded_witness_size",
        "folded_instance_size",
        "wrap_proof_size",
        "row_size",
        "serialized_element_size",
    ):
        quantity = parse_quantity(values[name])
        per = str(quantity.units).partition("/")[2]
        target = data.draw(byte_units)
        # the same amount, written exactly in the drawn unit (factor worked by hand in BYTE_UNITS)
        amount = Fraction(quantity.magnitude) / BYTE_UNITS[target]
        rewritten[name] = f"({amount.numerator}/{amount.denominator}) {target}" + (
            f"/{per.strip()}" if per else ""
        )
    assert total_bytes(model, rewritten) == reference


@given(architectures(), seed_like_values())
def test_substituting_into_the_symbolic_total_gives_the_evaluated_total(model, values):
    values = with_arity(model, values)
    evaluated = model.evaluate(values)
    # the strategy writes every value in the parameter's own unit (B, cycle, B/segment...),
    # so the numbers to substitute are read off the strings, without the library's parsing
    by_hand = {
        costmodel.symbol(name): sympy.Integer(int(text.split()[0]))
        for name, text in values.items()
        if name in model.parameter_names
    }
    substituted = model.total.subs(by_hand)
    assert substituted == evaluated.total.magnitude
    assert model.total.xreplace(model.substitutions(values)) == substituted
    # the labelled total too, once its labels are done away with
    assert model.labelled_total.xreplace(model.substitutions(values)).doit() == substituted
    for name, expr in model.terms.items():
        assert (
            costmodel.plain(expr).xreplace(model.substitutions(values))
            == evaluated.terms[name].magnitude
        )


@given(architectures(), seed_like_values())
def test_shares_sum_to_one_and_terms_to_the_total(model, values):
    result = model.evaluate(with_arity(model, values))
    assert sum(result.shares.values()) == 1
    assert sum(Fraction(q.magnitude) for q in result.terms.values()) == result.total.magnitude


@given(st.integers(1, 10**6), st.integers(1, 8), st.integers(1, 512), st.integers(1, 2000))
def test_verifier_bound_is_bits_over_eight(gates, elements, bits, rounded_bits):
    # V gates x e elements x b bits, read as bits and shown in bytes: V e b / 8
    values = {
        "verifier_gates": f"{gates} gate",
        "elements_per_gate": f"{elements} felt/gate",
        "field_element_bits": f"{bits} bit/felt",
        "bits_per_gate": f"{rounded_bits} bit/gate",
    }
    exact = costmodel.verifier_witness_bound(rounding="exact").evaluate(values).total
    rounded = costmodel.verifier_witness_bound(rounding="rounded").evaluate(values).total
    assert exact.to("B").magnitude == Fraction(gates * elements * bits, 8)
    assert rounded.to("B").magnitude == Fraction(gates * rounded_bits, 8)
