"""Fuzzing: every input either gives a correct result or a library error, never anything else."""

from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import costmodel
from costmodel.formulas import parse_formula
from costmodel.model_files import model_from_toml
from costmodel.units import parse_quantity
from tests.strategies import broken_formulas, formulas, quantity_strings, toml_documents

NAMES = {p.name: p.symbol for p in costmodel.VOCABULARY.values()}


@given(formulas())
def test_generated_formulas_give_a_model_or_a_library_error(formula):
    try:
        expr = parse_formula(formula, NAMES)
        unit = costmodel.format_unit(costmodel.unit_of(expr))
        model = costmodel.Model.build("fuzz", {"x": expr}, unit=unit)
    except costmodel.CostModelError:
        return
    # a model that builds evaluates at the seed, or says why not
    try:
        result = model.evaluate({**costmodel.presets.load("seed-note"), "arity": 2})
    except costmodel.CostModelError:
        return
    assert isinstance(result.total.magnitude, Fraction)


@given(broken_formulas)
def test_broken_formulas_give_a_library_error_or_an_expression(text):
    try:
        expr = parse_formula(text, NAMES)
    except costmodel.CostModelError:
        return
    assert not expr.has(sympy.Float)  # whatever parses is exact


@given(quantity_strings)
def test_quantity_strings_parse_exactly_or_raise_a_library_error(text):
    try:
        quantity = parse_quantity(text)
    except costmodel.CostModelError:
        return
    assert isinstance(quantity.magnitude, Fraction)


@given(
    quantity_strings,
    st.sampled_from(
        ("snapshot_size", "proof_size", "total_cycles", "arity", "folded_witness_size")
    ),
)
def test_evaluate_with_fuzzed_values(text, name):
    model = costmodel.folding(arity=None)
    values = {**costmodel.presets.load("seed-note"), name: text}
    try:
        result = model.evaluate(values)
    except costmodel.CostModelError:
        return
    assert result.total.magnitude > 0


@given(toml_documents)
def test_model_files_give_a_model_or_a_library_error(document):
    try:
        model = model_from_toml(document)
    except costmodel.CostModelError:
        return
    assert isinstance(model, costmodel.Model)


@settings(deadline=None)
@given(
    definitions=st.lists(formulas(2), min_size=1, max_size=4),
    uses=st.lists(st.integers(0, 3), min_size=1, max_size=3),
    term=formulas(2),
)
def test_model_files_with_definitions_give_a_model_or_a_library_error(definitions, uses, term):
    """Derived values that refer to each other (in order, or in a circle when an index
    points ahead) and terms that use them: a model or a library error, never anything else."""
    lines = ["[model]", 'name = "fuzz"', "[derived]"]
    for index, formula in enumerate(definitions):
        other = uses[index % len(uses)] % len(definitions)
        lines.append(f'd{index} = """min(({formula}), d{other})"""')
    lines += ["[terms]", f'x = """{term} + d0"""']
    try:
        model = model_from_toml("\n".join(lines) + "\n")
    except costmodel.CostModelError:
        return
    assert isinstance(model, costmodel.Model)
    for expr, _ in model.derived.values():  # no placeholder left behind
        assert all(isinstance(s, costmodel.symbols.ParamSymbol) for s in expr.free_symbols)
