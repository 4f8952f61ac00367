"""Break-even closed forms in named auxiliaries: golden-free checks against the expanded form."""

from __future__ import annotations

import functools
import itertools

import pytest
import sympy

import costmodel
from costmodel.analysis.readable import readable_form, simplified_condition
from costmodel.trees import TreeJoins


def _symbols(*names):
    return [costmodel.symbol(n) for n in names]


@functools.cache
def _breakevens():
    stark, fold = costmodel.recursive_stark, costmodel.folding
    return [
        costmodel.folded_witness_breakeven(),
        costmodel.folded_witness_breakeven(fold=fold(arity=4)),
        costmodel.folded_witness_breakeven(stark(arity=3), fold(arity=3)),
        costmodel.folded_witness_breakeven(
            stark(arity=None, transfer="peer-both"), fold(arity=None)
        ),
        costmodel.verifier_gates_breakeven(),
        costmodel.verifier_gates_breakeven(fold=fold(arity=4)),
        costmodel.memory_limit_breakeven(),
        costmodel.snapshot_witness_breakeven(),
    ]


@pytest.mark.parametrize("index", range(8))
def test_substituting_the_auxiliaries_back_gives_the_expanded_form(index):
    result = _breakevens()[index]
    form = result.readable()
    # no ceiling or tree count left outside the where clause
    assert not form.expression.has(sympy.ceiling, TreeJoins)
    assert sympy.simplify(form.expanded() - result.solution) == 0


@pytest.mark.parametrize("index", range(8))
def test_the_simplified_condition_holds_exactly_where_the_original_does(index):
    result = _breakevens()[index]
    form = result.readable()
    assert len(form.conditions) == len(result.conditions)
    params = sorted(
        {s for c in result.conditions for s in c.free_symbols}, key=sympy.default_sort_key
    )
    # a grid of positive values, some making the condition true, some false
    for values in itertools.product((2, 5, 1000), repeat=min(len(params), 3)):
        subs = {p: values[i % len(values)] for i, p in enumerate(params)}
        for original, simplified in zip(result.conditions, form.expanded_conditions(), strict=True):
            assert bool(original.xreplace(subs)) == bool(simplified.xreplace(subs)), subs


def test_folded_witness_at_arity_four_reads_as_a_person_writes_it():
    form = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4)).readable()
    P, o, Inst, T, C = _symbols(
        "proof_size", "receipt_overhead", "folded_instance_size", "total_cycles", "segment_cycles"
    )
    names = [a.symbol.name for a in form.where]
    assert names == ["N", "J"]
    N, J = (a.symbol for a in form.where)
    assert form.where[0].definition == sympy.ceiling(T / C)
    assert form.where[1].definition == TreeJoins(N, 4)
    # W* = (P + o)(4N - 3)/(2N + 2J - 1) - Inst, with P + o a factor, written once
    assert form.expression == (P + o) * (4 * N - 3) / (2 * N + 2 * J - 1) - Inst
    assert form.expression.count(P) == 1
    # the condition W* > 0 with Inst moved to the right
    assert form.conditions == ((P + o) * (4 * N - 3) / (2 * N + 2 * J - 1) > Inst,)
    # at T/C = 1000 leaves the 4-ary layered tree joins 250 + 63 + 16 + 4 + 1 = 334 times
    # (1000 -> 250 -> 63 (62 full, one partial of 2) -> 16 (15 + a partial of 3) -> 4 -> 1),
    # so W* = 250 kB * 3997 / 2667 with Inst = o = 0
    at = {P: 250_000, o: 0, Inst: 0, T: 10**9, C: 10**6}
    assert form.expanded().xreplace(at) == sympy.Rational(250_000 * 3997, 2667)


def test_verifier_gates_factor_in_front_and_condition_free_of_positive_factors():
    form = costmodel.verifier_gates_breakeven().readable()
    P, o, Inst, e, b = _symbols(
        "proof_size",
        "receipt_overhead",
        "folded_instance_size",
        "elements_per_gate",
        "field_element_bits",
    )
    assert form.where == ()
    # 8 (P + o - Inst) / (e b) > 0 holds exactly when P + o > Inst
    assert form.conditions == (sympy.StrictGreaterThan(P + o, Inst, evaluate=False),)
    assert sympy.simplify(form.expression - 8 * (P + o - Inst) / (e * b)) == 0


def test_simplified_condition_keeps_what_it_cannot_simplify():
    P, Inst = _symbols("proof_size", "folded_instance_size")
    less = sympy.StrictLessThan(P, Inst)
    assert simplified_condition(less) is less
    assert simplified_condition(P - Inst > 0) == sympy.StrictGreaterThan(P, Inst, evaluate=False)
    # a negative factor flips the sides: -2 (P - Inst) > 0  <=>  Inst > P
    assert simplified_condition(-2 * (P - Inst) > 0) == sympy.StrictGreaterThan(
        Inst, P, evaluate=False
    )


def test_readable_form_without_auxiliaries_is_the_solution():
    P, o = _symbols("proof_size", "receipt_overhead")
    form = readable_form(P + o)
    assert form.expression == P + o and form.where == () and form.conditions == ()


def test_latex_names_the_auxiliaries_and_defines_the_joins_once():
    text = costmodel.latex(
        costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4)), mode="plain"
    )
    assert text.count(r"\left\lceil{\frac{T}{C}}\right\rceil") == 1  # only in the where clause
    assert r"\text{where } N &=" in text
    assert text.count("J_{k}(1) = 0") == 1
    assert r"\frac{\left(P + o\right) \left(4 N - 3\right)}{2 J + 2 N - 1} - I" in text
