"""Break-even solving: hand-worked closed forms, numeric fallback, properties, errors."""

from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st

import costmodel
from costmodel import symbol
from costmodel.analysis import breakeven
from tests.strategies import arities, costly, seed_like_values, transfers

W, P, o, I_ = (
    symbol(n)
    for n in ("folded_witness_size", "proof_size", "receipt_overhead", "folded_instance_size")
)


def test_folded_witness_breakeven_same_tree(seed):
    result = costmodel.folded_witness_breakeven()
    assert sympy.simplify(result.solution - (P + o - I_)) == 0
    assert result.conditions == (P + o - I_ > 0,)
    point = result.evaluate(seed)
    assert point.value.to("B").magnitude == 250_000 and point.exact
    # below W*, folding ships less: left (folding) is cheaper
    assert (point.cheaper_below, point.cheaper_above) == ("folding", "recursive_stark")
    assert point.left == point.right
    # o = 10 kB/proof, I = 5 kB: W* = 250 + 10 - 5 = 255 kB
    shifted = result.evaluate(
        {**seed, "receipt_overhead": "10 kB/proof", "folded_instance_size": "5 kB"}
    )
    assert shifted.value.to("kB").magnitude == 255


def test_folded_witness_breakeven_different_arities(seed):
    # STARK binary: 1000 up + 1998 down + 999 up = 3997 proofs of 250 kB = 999 250 000 B.
    # folding k = 4: J = 250 + 63 + 16 + 4 + 1 = 334; 1000 + 1333 + 334 = 2667 witnesses.
    result = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4))
    point = result.evaluate(seed)
    assert point.value.to("B").magnitude == Fraction(999_250_000, 2667)


def test_verifier_gates_breakeven(seed):
    # V* = W* / (e * b) = 2 000 000 bit / 765 bit per gate = 400000/153 ~ 2614.38 gates
    exact = costmodel.verifier_gates_breakeven("exact")
    assert exact.evaluate(seed).value.to("gate").magnitude == Fraction(400_000, 153)
    e, b = symbol("elements_per_gate"), symbol("field_element_bits")
    assert sympy.simplify(exact.solution - 8 * (P + o - I_) / (e * b)) == 0
    # the note's rounding: 2 000 000 / 750 = 8000/3 gates
    rounded = costmodel.verifier_gates_breakeven("rounded")
    assert rounded.evaluate(seed).value.magnitude == Fraction(8000, 3)
    point = exact.evaluate(seed)
    assert point.cheaper_below == "verifier_witness_bound"  # smaller circuits fit under W*


def test_snapshot_versus_witness_segment_size(seed):
    # S / (rho * r) = 50 MB / (1 row/cycle * 1 kB/row) = 50 000 cycles per segment
    result = costmodel.snapshot_witness_breakeven()
    S, rho, r = symbol("snapshot_size"), symbol("rows_per_cycle"), symbol("row_size")
    assert sympy.simplify(result.solution - S / (rho * r)) == 0
    point = result.evaluate(seed)
    assert point.value.to("cycle/segment").magnitude == 50_000
    # small segments have small witnesses: shipping the witness wins below C*
    assert point.cheaper_below == "recursive_stark(ship=witness)"
    assert point.cheaper_above == "recursive_stark(ship=snapshot)"


def test_numeric_fallback_for_a_count(seed):
    # W = 300 kB. STARK (k = 2) ships 3997 x 250 kB = 999.25 MB of proofs.
    # folding k = 2: 3997 x 300 kB = 1199.1 MB (more); k = 3: J = 333+111+37+13+4+2+1 = 501,
    # 1000 + 1500 + 501 = 3001 x 300 kB = 900.3 MB (less): the crossing is between 2 and 3.
    result = breakeven(
        costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
    )
    assert not result.closed_form and "tree count" in result.reason
    point = result.evaluate({**seed, "folded_witness_size": "300 kB"})
    assert point.value.magnitude == 3 and not point.exact
    assert [q.magnitude for q in point.bracket] == [2, 3]
    assert point.cheaper_below == "recursive_stark" and point.cheaper_above == "folding"


def test_numeric_fallback_reports_no_crossing(seed):
    result = breakeven(costmodel.folding(), costmodel.recursive_stark(), solve_for="total_cycles")
    with pytest.raises(
        costmodel.CostModelError, match=r"keeps one sign from 2\^0 to 2\^199 cycle$"
    ):
        result.evaluate(seed)  # with W = 1 MB > P folding always ships more
    # a whole-number search starts at its minimum (arity 2 = 2^1) and has no unit
    arity = breakeven(costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity")
    with pytest.raises(costmodel.CostModelError, match=r"from 2\^1 to 2\^200$"):
        arity.evaluate(seed)  # W = 1 MB: folding ships more for every arity


def test_terms_and_expressions_as_sides(seed):
    stark = costmodel.recursive_stark()
    # snapshots = aggregation: N S = (3N - 3)(P + o) -> S = 3 * 999 * 250 kB / 1000 = 749.25 kB
    result = breakeven((stark, "snapshots"), (stark, "aggregation"), solve_for="snapshot_size")
    assert result.evaluate(seed).value.to("B/segment").magnitude == 749_250
    wrap = symbol("wrap_proof_size")
    bits = breakeven(W, sympy.Integer(8) * wrap, solve_for="folded_witness_size")
    assert bits.solution == 8 * symbol("wrap_proof_size")


def test_assume_fixes_parameters_first():
    result = breakeven(
        costmodel.folding(arity=None),
        costmodel.recursive_stark(arity=None),
        solve_for="folded_witness_size",
        assume={"arity": 2},
    )
    assert sympy.simplify(result.solution - (P + o - I_)) == 0
    with pytest.raises(costmodel.ParameterValueError):
        breakeven(
            costmodel.folding(arity=None),
            costmodel.recursive_stark(arity=None),
            solve_for="folded_witness_size",
            assume={"arity": 1},
        )


def test_errors():
    stark = costmodel.recursive_stark()
    with pytest.raises(costmodel.UnknownParameterError, match='did you mean "proof_size"'):
        breakeven(costmodel.folding(), stark, solve_for="proof_sise")
    with pytest.raises(costmodel.DimensionError, match="different dimensions"):
        breakeven(stark, symbol("total_cycles"), solve_for="total_cycles")
    with pytest.raises(costmodel.CostModelError, match="does not depend"):
        breakeven(stark, costmodel.recursive_stark(transfer="peer-both"), solve_for="snapshot_size")
    with pytest.raises(costmodel.UnknownParameterError, match="no term"):
        breakeven((stark, "snapshot"), stark, solve_for="snapshot_size")
    with pytest.raises(costmodel.MissingParameterError, match="proof_size"):
        costmodel.folded_witness_breakeven().evaluate({"receipt_overhead": "0 B/proof"})


# each example solves a break-even symbolically (sympy.solve and simplify)
@costly(15)
@given(
    stark_options=st.fixed_dictionaries(
        {"arity": st.one_of(st.none(), arities), "transfer": transfers, "wrap": st.booleans()}
    ),
    fold_options=st.fixed_dictionaries(
        {"arity": st.one_of(st.none(), arities), "transfer": transfers, "wrap": st.booleans()}
    ),
    solve_for=st.sampled_from(
        ("folded_witness_size", "proof_size", "receipt_overhead", "folded_instance_size")
    ),
    values=seed_like_values(),
)
def test_solution_substituted_back_gives_equality_and_sides_flip(
    stark_options, fold_options, solve_for, values
):
    stark = costmodel.recursive_stark(**stark_options)
    fold = costmodel.folding(**fold_options)
    fixed = {m.fixed.get("arity") for m in (stark, fold)} - {None}
    assume(len(fixed) <= 1)  # one arity value serves both sides
    if fixed:
        values = {**values, "arity": str(fixed.pop())}
    result = breakeven(fold, stark, solve_for=solve_for)
    assert result.closed_form
    x = result.solve_for.symbol
    # symbolically: the difference vanishes at the solution (a rational function of the
    # parameters and tree counts: cancel proves it zero at a fraction of simplify's cost;
    # simplify still decides anything cancel cannot)
    at_solution = result.difference.xreplace({x: result.solution})
    assert sympy.cancel(at_solution) == 0 or sympy.simplify(at_solution) == 0
    try:
        point = result.evaluate(values)
    except costmodel.ParameterValueError:
        # the solution is not a valid value here: its condition must fail
        subs = {
            p.symbol: sympy.Rational(str(p.exact_value(values[p.name])))
            for p in result.parameters
            if p.name != solve_for
        }
        assert any(c.xreplace(subs) == sympy.false for c in result.conditions)
        return
    assert point.exact and point.left == point.right
    if point.cheaper_below is not None:
        assert point.cheaper_below != point.cheaper_above
