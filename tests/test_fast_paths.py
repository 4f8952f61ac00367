"""The fast paths agree with the direct ones they replace, exactly.

Each test computes a value both ways: the way the library does it now (a cached exact factor,
a compiled function, a fused check) and the plain way it did it before (pint's ``to`` on
every value, ``subs``), and asserts the two are equal, not just close.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel.errors import DimensionError, UnitError
from costmodel.units import Q_, exact_factor, parse_quantity, parse_unit, quantity_parts
from tests.strategies import costly, seed_like_values, with_arity

#: Units of one dimension each; every pair inside a group converts.
_COMPATIBLE = (
    ("B", "kB", "KiB", "bit", "GB", "Mbit", "MiB"),
    ("B/segment", "kB/segment", "bit/segment", "MB/segment", "GiB/segment"),
    ("cycle/segment", "kcycle/segment", "Gcycle/segment"),
    ("bit/felt", "B/felt", "bit/field_element"),
)
_PAIRS = [(a, b) for group in _COMPATIBLE for a in group for b in group]

magnitudes = st.fractions(min_value=0, max_value=10**30, max_denominator=10**6)


@given(st.sampled_from(_PAIRS), magnitudes)
def test_exact_factor_is_pints_conversion(pair: tuple[str, str], magnitude: Fraction) -> None:
    source, target = map(parse_unit, pair)
    factor = exact_factor(source, target)
    assert factor is not None
    assert magnitude * factor == Fraction(Q_(magnitude, source).to(target).magnitude)


def test_exact_factor_by_hand() -> None:
    # 1 KiB = 1024 B = 8192 bit; 1 Mbit = 10^6/8 B = 125000 B
    assert exact_factor(parse_unit("KiB"), parse_unit("bit")) == 8192
    assert exact_factor(parse_unit("Mbit"), parse_unit("B")) == 125_000
    assert exact_factor(parse_unit("bit"), parse_unit("kB")) == Fraction(1, 8000)
    assert exact_factor(parse_unit("B"), parse_unit("cycle")) is None


@given(seed_like_values())
def test_exact_value_is_the_direct_conversion(values: dict[str, str]) -> None:
    for name, text in values.items():
        param = costmodel.param(name)
        # the direct way: a pint quantity converted with `to`
        direct = Fraction(parse_quantity(text, name=name).to(param.pint_unit).magnitude)
        assert param.exact_value(text) == direct
        assert param.exact_value(Q_(text)) == direct


def test_a_quantity_string_read_twice_is_read_alike() -> None:
    first = quantity_parts("1.5 kB/segment")
    assert first == (Fraction(3, 2), parse_unit("kB/segment"))
    assert quantity_parts("1.5 kB/segment") == first
    # a bad string raises every time, naming the parameter of each call
    for name in ("snapshot_size", "proof_size"):
        with pytest.raises(UnitError, match=name):
            quantity_parts("1.5 kB ++ segment", name=name)


def test_a_wrong_dimension_still_names_the_parameter_and_hints() -> None:
    with pytest.raises(DimensionError, match=r'snapshot_size.*did you mean "50 MB/segment"'):
        costmodel.param("snapshot_size").exact_value("50 MB")


@given(seed_like_values())
def test_evaluate_is_substitution(drawn: dict[str, str]) -> None:
    # the direct way: substitute the exact inputs into each plain term with sympy
    for model in (costmodel.recursive_stark(), costmodel.folding(arity=None)):
        values = with_arity(model, drawn)
        result = model.evaluate(values)
        subs = model.substitutions(values)
        for name, expr in model.terms.items():
            assert Fraction(result.terms[name].magnitude) == Fraction(str(expr.subs(subs)))
            assert result.terms[name].units == parse_unit(model.unit)
        for name, (expr, unit) in model.derived.items():
            assert Fraction(result.derived[name].magnitude) == Fraction(str(expr.subs(subs)))
            assert result.derived[name].units == parse_unit(unit if unit != "1" else "")
        for param in model.parameters:
            assert result.inputs[param.name] == Q_(
                parse_quantity(values[param.name]).to(param.pint_unit).magnitude,
                param.pint_unit,
            )


# -- tree counts on arrays -------------------------------------------------------------------

leaf_counts = st.one_of(
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=2**47, max_value=2**49),  # across the float64 / int64 switch
    st.integers(min_value=1, max_value=2**53),  # whole floats: exact as given
)


@given(st.lists(leaf_counts, min_size=1, max_size=40), st.integers(min_value=2, max_value=40))
def test_numpy_tree_joins_is_layered_joins(leaves: list[int], arity: int) -> None:
    import numpy as np

    from costmodel.trees import layered_joins, numpy_tree_depth, numpy_tree_joins, tree_depth

    counts = np.array(leaves, dtype=float)
    exact = [int(c) for c in counts]  # the values the float array holds
    assert numpy_tree_joins(counts, arity).tolist() == [
        float(layered_joins(n, arity)) for n in exact
    ]
    assert numpy_tree_depth(counts, arity).tolist() == [float(tree_depth(n, arity)) for n in exact]
    # an array of arities takes the layer by layer path: the same counts
    arities = np.full(counts.shape, float(arity))
    assert numpy_tree_joins(counts, arities).tolist() == numpy_tree_joins(counts, arity).tolist()


def test_numpy_tree_joins_by_hand() -> None:
    import numpy as np

    from costmodel.trees import numpy_tree_joins

    # 1000 leaves, arity 3, layer by layer: 1000 -> 333 joins (1 left alone) -> 334 ->
    # 111 (+1 alone) -> 112 -> 37 (+1) -> 38 -> 12 + 1 partial (rest 2) -> 13 -> 4 (+1) -> 5
    # -> 1 + 1 partial -> 2 -> 1 partial -> 1: 333 + 111 + 37 + 13 + 4 + 2 + 1 = 501
    assert numpy_tree_joins(np.array([1000.0]), 3).tolist() == [501.0]
    # a huge arity (beyond the digit tables): 5 leaves, one partial join; 2^20 leaves make
    # 2^20 / 2^17 = 8 full joins, then those 8 one partial join: 9.  Arity 2: N - 1 joins.
    assert numpy_tree_joins(np.array([5.0, 2.0**20]), 2**17).tolist() == [1.0, 9.0]
    assert numpy_tree_joins(np.array([7.0, 2.0**40]), 2).tolist() == [6.0, 2.0**40 - 1]


# -- sweeps ------------------------------------------------------------------------------------


@given(
    st.integers(min_value=1, max_value=3 * 2**15 + 7),
    st.sampled_from([2, 3, 4]),
    st.booleans(),
)
def test_blocked_sweep_is_one_whole_call(points: int, arity: int, breakdown: bool) -> None:
    import numpy as np

    from costmodel.analysis.sweep import numeric_function, sweep

    seed = {**costmodel.presets.load("seed-note"), "arity": str(arity)}
    model = costmodel.recursive_stark(arity=arity)
    cycles = np.random.default_rng(points).integers(1, 10**13, points).astype(float)
    result = sweep(model, seed, {"total_cycles": (cycles, "cycle")}, breakdown=breakdown)
    # the direct way: the whole array through the compiled function at once
    subs = model.substitutions(seed)
    subs.pop(costmodel.symbol("total_cycles"))
    exprs = [e.xreplace(subs) for e in model.terms.values()]
    wanted = [*exprs, sum(exprs)] if breakdown else [sum(exprs)]
    direct = numeric_function(wanted, (costmodel.symbol("total_cycles"),))(cycles)
    assert np.array_equal(result.total, np.broadcast_to(direct[-1], cycles.shape))
    if breakdown:
        for name, values in zip(model.terms, direct[:-1], strict=True):
            assert np.array_equal(result.terms[name], np.broadcast_to(values, cycles.shape))
    # a second sweep of the same values (a remembered plan) gives the same arrays
    again = sweep(model, seed, {"total_cycles": (cycles, "cycle")}, breakdown=breakdown)
    assert np.array_equal(again.total, result.total)


def test_a_remembered_plan_still_checks_new_values() -> None:
    import numpy as np

    from costmodel.analysis.sweep import sweep
    from costmodel.errors import ParameterValueError

    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    grid = {"total_cycles": (np.array([1e9, 2e9]), "cycle")}
    sweep(model, seed, grid)
    with pytest.raises(ParameterValueError, match="snapshot_size"):
        sweep(model, {**seed, "snapshot_size": "-1 MB/segment"}, grid)
    with pytest.raises(ParameterValueError, match="whole"):
        sweep(model, seed, {"total_cycles": (np.array([1e9, 2.5]), "cycle")})
    with pytest.raises(ParameterValueError, match="finite"):
        sweep(model, seed, {"total_cycles": (np.array([1e9, np.nan]), "cycle")})


# -- break-evens -------------------------------------------------------------------------------

_LINEAR_SYMBOLS = ("proof_size", "receipt_overhead", "folded_instance_size", "snapshot_size")


# each example runs the reference, sympy.solve, and simplifies both sides' roots
@costly(15)
@given(
    st.lists(st.fractions(min_value=-50, max_value=50, max_denominator=9), min_size=5, max_size=5),
    st.booleans(),
)
def test_linear_roots_are_sympy_solves(coefficients: list[Fraction], ceiling: bool) -> None:
    import sympy

    from costmodel.analysis.closed_form import _solve

    x = costmodel.symbol("folded_witness_size")
    others = [costmodel.symbol(name) for name in _LINEAR_SYMBOLS]
    segments = sympy.ceiling(costmodel.symbol("total_cycles") / costmodel.symbol("segment_cycles"))
    slope = sympy.Rational(coefficients[0]) + (segments if ceiling else 0)
    if slope == 0:
        slope = sympy.S.One
    rest = sum(sympy.Rational(c) * s for c, s in zip(coefficients[1:], others, strict=True))
    core = sympy.expand(slope * x + rest)
    # the direct way: sympy.solve, then the simplification closed_form applies to either
    direct = [sympy.simplify(root) for root in sympy.solve(core, x)]
    fast = [sympy.simplify(root) for root in _solve(core, x)]
    assert fast == direct


def test_the_library_break_evens_are_unchanged() -> None:
    # worked by hand: W* = P + r - F (the folded side's 4N - 3 items against the STARK's);
    # V* = 8 (P + r - F) / (e b) (bits per gate e·b, bytes); C* = (M - m0) / m
    w = costmodel.breakeven(
        costmodel.folding(), costmodel.recursive_stark(), solve_for="folded_witness_size"
    )
    P, r, F = (
        costmodel.symbol(n) for n in ("proof_size", "receipt_overhead", "folded_instance_size")
    )
    assert w.solution == P + r - F
    e, b = costmodel.symbol("elements_per_gate"), costmodel.symbol("field_element_bits")
    v = costmodel.verifier_gates_breakeven()
    assert sympy_equal(v.solution, 8 * (P + r - F) / (e * b))
    assert v.slope is not None and sympy_equal(v.slope, e * b / 8)
    c = costmodel.memory_limit_breakeven()
    M, m0, m = (costmodel.symbol(n) for n in ("machine_memory", "memory_base", "memory_per_cycle"))
    assert sympy_equal(c.solution, (M - m0) / m)


def sympy_equal(a: object, b: object) -> bool:
    import sympy

    return sympy.simplify(a - b) == 0  # type: ignore[operator]


# -- elasticities ----------------------------------------------------------------------------


_ELASTICITY_MODELS = (costmodel.recursive_stark(), costmodel.folding(arity=None))


@functools.cache
def _simplified_elasticity(model: costmodel.Model, name: str) -> object:
    from costmodel.analysis.sensitivity import elasticity

    return elasticity(model, name)  # the simplified closed form, once per parameter


@given(seed_like_values())
def test_elasticity_values_are_the_simplified_forms_values(drawn: dict[str, str]) -> None:
    from costmodel.analysis.sensitivity import elasticities

    for model in _ELASTICITY_MODELS:
        values = with_arity(model, drawn)
        subs = model.substitutions(values)
        for result in elasticities(model, values):
            # the direct way: the simplified closed form at the values
            direct = _simplified_elasticity(model, result.name).xreplace(subs)
            assert result.value == Fraction(int(direct.p), int(direct.q))


def test_elasticity_expressions_are_simplified_when_read() -> None:
    from costmodel.analysis.sensitivity import elasticities

    seed = costmodel.presets.load("seed-note")
    model = _ELASTICITY_MODELS[0]
    for result in elasticities(model, seed):
        assert result.expression == _simplified_elasticity(model, result.name)


def test_elasticity_by_hand() -> None:
    from costmodel.analysis.sensitivity import elasticities

    # recursive_stark on the seed: total = N·S + (4N - 3)·P with N = 1000 segments, S = 50 MB,
    # P = 250 kB: 50 GB + 999.25 MB = 50 999.25 MB.  Elasticity in S: N·S / total
    # = 50 000 / 50 999.25 = 200 000 / 203 997; in P: 999.25 / 50 999.25 = 3997 / 203 997
    seed = costmodel.presets.load("seed-note")
    found = {e.name: e for e in elasticities(costmodel.recursive_stark(), seed)}
    assert found["snapshot_size"].value == Fraction(200_000, 203_997)
    assert found["proof_size"].value == Fraction(3997, 203_997)
    assert found["snapshot_size"].exact and not found["total_cycles"].exact


# -- built tree models -------------------------------------------------------------------------

_BUILDS = (
    (costmodel.recursive_stark, {}),
    (costmodel.recursive_stark, {"arity": 4, "transfer": "peer-both", "wrap": True}),
    (costmodel.folding, {"arity": None, "metric": "wall_time", "pipeline": True}),
    (costmodel.folding, {"ship": "witness", "metric": "machine_time", "network": False}),
    (costmodel.pcd_tree, {"accounting": "relaxed-r1cs", "metric": "dollars", "billing": "per-use"}),
    (costmodel.pcd_tree, {"metric": "peak_memory"}),
)


@pytest.mark.parametrize(("build", "options"), _BUILDS)
def test_a_tree_model_is_built_once_and_equals_a_fresh_build(
    build: Callable[..., costmodel.Model], options: dict[str, Any]
) -> None:
    from costmodel.architectures import spec_of
    from costmodel.architectures.builder import _build

    model = build(**options)
    assert build(**options) is model  # the second call is the first call's model
    # the direct way: the spec's terms built and checked again, bypassing the cache
    spec, tree_options = spec_of(model)
    recorded = (("accounting", options.get("accounting", "nova-cyclefold")),)
    fresh = _build(spec, tree_options, recorded if build is costmodel.pcd_tree else ())
    assert fresh is not model
    assert fresh == model  # terms, parameters, unit, derived quantities and options
    assert fresh.description == model.description
    assert fresh.options == model.options  # the same options in the same order


@pytest.mark.parametrize(("build", "options"), _BUILDS)
def test_a_spec_is_built_once_per_options_and_equals_a_fresh_one(
    build: Callable[..., costmodel.Model], options: dict[str, Any]
) -> None:
    # a second call of an architecture looks its model up by a spec it need not build
    # again (building one asks sympy about ceilings: milliseconds); the cached spec is the
    # one built afresh, and it is read-only, being shared
    from costmodel.architectures import spec_of
    from costmodel.architectures.folding import folding_spec
    from costmodel.architectures.pcd import pcd_tree_spec
    from costmodel.architectures.recursive import recursive_stark_spec

    model = build(**options)
    spec, tree_options = spec_of(model)
    function = {
        "recursive_stark": recursive_stark_spec,
        "folding": folding_spec,
        "pcd_tree": pcd_tree_spec,
    }[spec.name]
    arguments = (
        (tree_options, model.fixed["accounting"]) if spec.name == "pcd_tree" else (tree_options,)
    )
    assert function(*arguments) is spec
    fresh = function.__wrapped__(*arguments)
    assert fresh is not spec and fresh == spec and hash(fresh) == hash(spec)
    with pytest.raises(TypeError):
        spec.derived["segments"] = spec.item
    with pytest.raises(TypeError):
        spec.derived.update(segments=spec.item)
    # shared and read-only, yet it pickles, copies and converts as before
    import copy
    import dataclasses
    import pickle

    assert pickle.loads(pickle.dumps(spec)) == spec and copy.deepcopy(spec) == spec
    assert dataclasses.asdict(spec)["derived"] == dict(spec.derived)


def test_models_of_different_options_are_different_models() -> None:
    built = [build(**options) for build, options in _BUILDS]
    assert len({id(model) for model in built}) == len(built)
    assert costmodel.recursive_stark(wrap=True) != costmodel.recursive_stark()
    assert costmodel.folding(arity=3).fixed["arity"] == 3


def test_the_studies_solve_their_symbolic_break_evens_once() -> None:
    import sympy

    from costmodel.architectures.accounting import ACCOUNTING_PRESETS
    from costmodel.studies import seed_note, verifiers

    # W* of the seed note's comparison (any arity, same tree): P + o - I, worked by hand in
    # tests/test_breakeven.py; the cached closed form is the one solved afresh
    P, o, I_ = (
        costmodel.symbol(n) for n in ("proof_size", "receipt_overhead", "folded_instance_size")
    )
    closed = seed_note._folded_witness_closed_form()
    assert seed_note._folded_witness_closed_form() is closed
    assert closed == seed_note._folded_witness_closed_form.__wrapped__()
    assert sympy.expand(closed - (P + o - I_)) == 0
    target = verifiers._target_expr()
    assert target == verifiers._target_expr.__wrapped__()
    for name in ACCOUNTING_PRESETS:
        solved = verifiers._solved(name, target)
        assert verifiers._solved(name, target) is solved
        assert verifiers._solved.__wrapped__(name, target) == solved, name
