"""Fuzzing: every input either gives a correct result or a library error, never anything else."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import costmodel
from costmodel.formulas import FormulaError, parse_formula
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


def test_a_value_max_or_min_cannot_compare_is_a_formula_error():
    # sqrt(-1) = I and log(-1) = I*pi are not real: sympy's Max and Min refuse to order them,
    # and the formula reader says which function it could not build
    for formula, name in (("max(sqrt(-1), 2)", "max"), ("min(log(-1), proof_size)", "min")):
        with pytest.raises(FormulaError, match=f"cannot build {name}: .*not comparable"):
            parse_formula(formula, NAMES)


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("log(0)", "'log(0)'"),  # zoo: sympy's complex infinity
        ("max(log(0), proof_size)", "'log(0)'"),  # refused where it is made, not in max
        ("0 ** -1 * proof_size", "'0 ** -1'"),
        ("proof_size * log(segment_cycles - segment_cycles)", "'log(segment_cycles - "),
    ],
)
def test_an_infinite_or_undefined_value_is_refused_where_it_is_made(formula, shown):
    # sympy would carry zoo into every formula using it (a derived value used in a max
    # once failed with sympy's own "not comparable" ValueError); the reader names the part
    with pytest.raises(FormulaError, match="not a finite value") as error:
        parse_formula(formula, NAMES, where="derived.d1")
    assert str(error.value).startswith("derived.d1: not a finite value: " + shown)


def test_an_infinite_derived_value_used_by_another_is_one_library_error():
    # hypothesis's example: d1 = log(0), used in d2's max, once leaked sympy's ValueError
    text = (
        '[model]\nname = "fuzz"\n[derived]\nd0 = "ceil(total_cycles / segment_cycles)"\n'
        'd1 = "log(0)"\nd2 = "max(ceil(total_cycles / segment_cycles), d1)"\n'
        '[terms]\nx = "d0 * snapshot_size"\n'
    )
    with pytest.raises(FormulaError, match=r"derived\.d1: not a finite value: 'log\(0\)'"):
        model_from_toml(text)


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


# The quantities the time, money and memory models add, each drawn with its own unit,
# a wrong one, or none; every metric of the tree architectures evaluates them.
METRIC_PARAMETERS = (
    "execution_rate",
    "prove_rate",
    "lift_time",
    "join_time",
    "wrap_time",
    "link_bandwidth",
    "store_bandwidth",
    "link_latency",
    "machine_price",
    "egress_price",
    "verification_cost",
    "memory_base",
    "memory_per_cycle",
    "machine_memory",
    "machines",
)
METRIC_VALUES = {
    **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
    "machines": "1000 machine",
    "verification_cost": "0 USD",
}


@given(
    st.sampled_from(METRIC_PARAMETERS),
    st.one_of(
        st.integers(-(10**20), 10**20).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(("0", "nan", "inf", "-0", "1e400", "1e-400", "3.5", "1/3")),
    ),
    st.sampled_from(
        ("", "own", "Gbit", "USD", "EUR", "s", "cycle/s", "GB/machine", "USD/h", "machine")
    ),
    st.sampled_from(("wall_time", "machine_time", "dollars", "peak_memory")),
    st.sampled_from(("recursive_stark", "folding", "pcd_tree")),
)
def test_metrics_with_fuzzed_new_quantities(name, number, unit, metric, architecture):
    unit_text = costmodel.VOCABULARY[name].unit if unit == "own" else unit
    text = f"{number} {unit_text}".strip()
    model = getattr(costmodel, architecture)(metric=metric)
    try:
        result = model.evaluate({**METRIC_VALUES, name: text})
    except costmodel.CostModelError:
        return
    # a value that is accepted gives an exact, finite, non-negative total in the model's unit
    assert isinstance(result.total.magnitude, Fraction)
    assert result.total.magnitude >= 0
    assert result.total.units == model.pint_unit


#: well-typed segment counts, so that many generated model files build
_COUNTS = (
    "ceil(total_cycles / segment_cycles)",
    "floor(total_cycles / segment_cycles)",
    "max(ceil(total_cycles / segment_cycles), floor(total_cycles / segment_cycles))",
)


def _has_circle(references: dict[int, int | None]) -> bool:
    """Whether following the references from some definition comes back to it."""
    for start in references:
        seen, at = set(), start
        while at is not None and at not in seen:
            seen.add(at)
            at = references[at]
        if at is not None:
            return True
    return False


@settings(deadline=None)
@given(
    definitions=st.lists(
        st.tuples(
            st.one_of(st.sampled_from(_COUNTS), formulas(2)),
            st.one_of(st.none(), st.integers(0, 3)),
        ),
        min_size=1,
        max_size=4,
    ),
    term=st.one_of(st.just("d0 * snapshot_size"), formulas(2)),
)
def test_model_files_with_definitions_give_a_model_or_a_library_error(definitions, term):
    """Derived values used by name in terms and in each other (possibly in a circle): a
    model whose derived values hold no placeholder, or a library error; a circle among
    well-formed definitions is always refused as one."""
    lines = ["[model]", 'name = "fuzz"', "[derived]"]
    references: dict[int, int | None] = {}
    for index, (formula, other) in enumerate(definitions):
        target = None if other is None else other % len(definitions)
        references[index] = target
        text = formula if target is None else f"max(({formula}), d{target})"
        lines.append(f'd{index} = """{text}"""')
    lines += ["[terms]", f'x = """{term}"""']
    well_formed = all(formula in _COUNTS for formula, _ in definitions)
    try:
        model = model_from_toml("\n".join(lines) + "\n")
    except costmodel.CostModelError as exc:
        if well_formed and _has_circle(references):
            assert "circle" in str(exc)
        return
    assert not (well_formed and _has_circle(references))
    for expr, _ in model.derived.values():  # every name resolved to parameters
        assert all(isinstance(s, costmodel.ParamSymbol) for s in expr.free_symbols)
    if well_formed and term == "d0 * snapshot_size":
        # d0 resolves to a segment count: N x 50 MB at the seed, N = 1000 for every count
        # of _COUNTS (max'ed with others of the same value)
        total = model.evaluate(costmodel.presets.load("seed-note"))
        assert total.total == costmodel.Q_(50 * 10**9, "B")
