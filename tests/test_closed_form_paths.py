"""Break-evens' shortcuts agree with the paths they replace: the exact quotient of a root
whose coefficient is a sum, and the slope worked out when it is read."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import example, given
from hypothesis import strategies as st

import costmodel
from costmodel.analysis.closed_form import _solve, closed_form, slope_of

X = costmodel.symbol("folded_witness_size")
OTHERS = [
    costmodel.symbol(name)
    for name in ("proof_size", "receipt_overhead", "folded_instance_size", "snapshot_size")
]
SEGMENTS = sympy.ceiling(costmodel.symbol("total_cycles") / costmodel.symbol("segment_cycles"))

small = st.fractions(min_value=-20, max_value=20, max_denominator=5)


@given(
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=-9, max_value=9),
    st.lists(small, min_size=4, max_size=4),
    st.booleans(),
)
# a = 4N - 2, q = -2S: the root -2S/(4N - 2) is negative, which sympy tells only of its
# factored form -S/(2N - 1); it was once kept as a root of unknown sign
@example(
    k=4, m=-2, coefficients=[Fraction(0), Fraction(0), Fraction(0), Fraction(-2)], divisible=False
)
def test_a_root_over_a_sum_is_sympy_solves(
    k: int, m: int, coefficients: list[Fraction], divisible: bool
) -> None:
    # a = k·N + m (N a ceiling): a sum free of x when m != 0.  Divisible: core = a·(x - q),
    # whose root is q exactly; otherwise core = a·x - q, whose root is q / a, as before.
    a = k * SEGMENTS + m
    q = sum(sympy.Rational(c) * s for c, s in zip(coefficients, OTHERS, strict=True))
    core = sympy.expand(a * (X - q) if divisible else a * X - q)
    (root,) = _solve(core, X) or [None]
    direct = sympy.solve(core, X)
    if root is None:  # both see a root against x's assumptions (positive)
        assert direct == []
        return
    assert [sympy.simplify(root)] == [sympy.simplify(r) for r in direct]
    if divisible and m != 0:
        assert root == sympy.expand(q)  # the quotient itself, no fraction left to simplify
    elif divisible:  # a = k·N is a product, not a sum: sympy's own form of q
        assert sympy.simplify(root - q) == 0
    else:
        assert sympy.simplify(root - q / a) == 0


def test_a_root_over_a_sum_by_hand() -> None:
    # (4N - 3)·(W + F - P - r) expanded: W* = P + r - F, the quotient, not a fraction in N
    P, r, F = OTHERS[0], OTHERS[1], OTHERS[2]
    core = sympy.expand((4 * SEGMENTS - 3) * (X + F - P - r))
    assert _solve(core, X) == [P + r - F]
    # 2W - P over (N + 1): no exact quotient, the fraction as before
    assert _solve(sympy.expand((SEGMENTS + 1) * X) - P, X) == [P / (SEGMENTS + 1)]


@pytest.mark.parametrize(
    "make",
    [
        lambda: costmodel.breakeven(
            costmodel.folding(), costmodel.recursive_stark(), solve_for="folded_witness_size"
        ),
        costmodel.verifier_gates_breakeven,
        costmodel.memory_limit_breakeven,
        costmodel.snapshot_witness_breakeven,
    ],
)
def test_the_slope_read_later_is_the_closed_forms(make) -> None:
    result = make()
    # the old path: closed_form's slope, worked out with the solution
    _, _, slope, _ = closed_form(result.difference, result.solve_for)
    assert result.slope == slope
    assert result == make()  # the slope takes no part in comparing


def test_the_slopes_by_hand() -> None:
    # W*: d/dW of (4N - 3)(W + F - P - r) is 4N - 3; V*: e·b/8 bytes per gate; C_s*: the
    # segment size sits inside the ceiling, no closed form and no slope
    w = costmodel.breakeven(
        costmodel.folding(), costmodel.recursive_stark(), solve_for="folded_witness_size"
    )
    assert w.slope == 4 * SEGMENTS - 3
    e, b = costmodel.symbol("elements_per_gate"), costmodel.symbol("field_element_bits")
    assert costmodel.verifier_gates_breakeven().slope == e * b / 8
    assert costmodel.snapshot_witness_breakeven().slope is None
    assert slope_of(X**2 - 3, X) is None  # depends on x: thrown away


def test_an_elasticity_where_the_total_vanishes_is_the_closed_forms() -> None:
    from costmodel.analysis.sensitivity import elasticities

    # total = W·r (a size times a per-proof overhead, which may be zero): at r = 0 the total
    # is 0 and x·d/dx / total is 0/0 there; the simplified closed form W·r / (W·r) = 1
    # gives the value, as before
    W, r = costmodel.symbol("folded_witness_size"), costmodel.symbol("receipt_overhead")
    model = costmodel.Model.build("vanishing", {"all": W * r}, unit="B*B/proof")
    size = {"folded_witness_size": "1 kB"}
    found = {e.name: e for e in elasticities(model, {**size, "receipt_overhead": "0 B/proof"})}
    assert found["folded_witness_size"].value == 1
    # away from zero: the elasticity of a product in each factor is 1, worked on the total
    # with the other value substituted
    found = {e.name: e for e in elasticities(model, {**size, "receipt_overhead": "2 B/proof"})}
    assert found["folded_witness_size"].value == 1 and found["receipt_overhead"].value == 1
    assert found["receipt_overhead"].expression == 1  # the closed form, derived when read


@pytest.mark.parametrize(
    "make", [costmodel.recursive_stark, lambda: costmodel.recursive_stark(arity=3)]
)
def test_the_first_elasticities_are_the_derived_closed_forms(make) -> None:
    from costmodel.analysis.sensitivity import elasticities

    seed = costmodel.presets.load("seed-note")
    for values in (seed, {**seed, "receipt_overhead": "40 kB/proof", "arity": "3"}):
        model = make()
        values = {k: v for k, v in values.items() if k in model.parameter_names}
        first = elasticities(model, values)  # worked on the total with the others substituted
        second = elasticities(model, values)  # the closed forms derived, then substituted
        assert [(e.name, e.value, e.exact) for e in first] == [
            (e.name, e.value, e.exact) for e in second
        ]
        assert first == second  # the closed forms too, derived when read


# -- a root against the symbol's assumptions ---------------------------------------------

#: One symbol of each kind of assumptions the vocabulary gives (positive integer, positive,
#: non-negative), and atoms to build roots from (a ceiling among them).
KINDS = [costmodel.symbol(n) for n in ("machines", "proof_size", "folded_instance_size")]
ATOMS = [*KINDS, *OTHERS, SEGMENTS]


@st.composite
def roots(draw: st.DrawFn) -> sympy.Expr:
    """A rational function of the atoms with small rational coefficients, either sign:
    what a linear break-even's root looks like (``-b / a``)."""
    terms = draw(
        st.lists(
            st.tuples(small, st.lists(st.sampled_from(ATOMS), max_size=2)), min_size=1, max_size=3
        )
    )
    numerator = sum(sympy.Rational(c) * sympy.Mul(*atoms) for c, atoms in terms)
    denominator = sympy.Mul(*draw(st.lists(st.sampled_from(ATOMS), max_size=2)))
    return sympy.sympify(numerator / denominator)


@given(roots(), st.sampled_from(KINDS))
def test_a_root_is_checked_against_the_symbol_s_own_assumptions_as_against_all(
    root: sympy.Expr, symbol: sympy.Symbol
) -> None:
    # meets_assumptions asks only the symbol's own assumptions (positive, integer...), not
    # the twenty facts they imply; the verdict must be check_assumptions' against all
    from sympy.core.assumptions import check_assumptions

    from costmodel.sympy_calls import meets_assumptions

    assert meets_assumptions(root, symbol) == check_assumptions(root, symbol)


def test_roots_against_assumptions_by_hand() -> None:
    P, F = costmodel.symbol("proof_size"), costmodel.symbol("folded_instance_size")
    machines = costmodel.symbol("machines")
    from costmodel.sympy_calls import meets_assumptions

    assert meets_assumptions(-P, P) is False  # negative: no value of a positive symbol
    assert meets_assumptions(2 * P + F, P) is True  # positive plus non-negative
    assert meets_assumptions(P - F, P) is None  # either sign, by the values
    assert meets_assumptions(P / 2, P) is True
    assert meets_assumptions(sympy.Rational(5, 2), machines) is False  # not a whole count
    assert meets_assumptions(SEGMENTS + 1, machines) is True  # a ceiling is whole
    assert meets_assumptions(F, F) is True and meets_assumptions(-F, F) is None  # F may be 0


linear_terms = st.lists(st.tuples(small, st.sampled_from([*OTHERS, *KINDS])), max_size=6)


@given(linear_terms, small)
def test_simplify_leaves_a_plainly_linear_root_as_it_is(
    terms: list[tuple[Fraction, sympy.Symbol]], constant: Fraction
) -> None:
    # why a break-even does not simplify a root like P + o - I: simplify gives it back
    from costmodel.analysis.closed_form import plainly_linear

    root = sum((sympy.Rational(c) * s for c, s in terms), sympy.Rational(constant))
    assert plainly_linear(root)
    assert sympy.simplify(root) == root


def test_what_is_not_plainly_linear_is_still_simplified() -> None:
    from costmodel.analysis.closed_form import plainly_linear

    P, o = OTHERS[0], OTHERS[1]
    for expr in (P * o + P, P / o, SEGMENTS + P, sympy.sqrt(P), P**2):
        assert not plainly_linear(expr), expr
    # and the solved forms are unchanged: W* (a linear root) and V* (a quotient)
    witness = costmodel.folded_witness_breakeven()
    F = costmodel.symbol("folded_instance_size")
    assert witness.solution == P + o - F
    gates = costmodel.verifier_gates_breakeven()  # as printed, 8 kept outside the sum
    assert str(gates.solution) == (
        "8*(-folded_instance_size + proof_size + receipt_overhead)"
        "/(elements_per_gate*field_element_bits)"
    )
