r"""Closed forms as a person writes them: named auxiliaries, factored, the condition once.

A break-even's closed form, as sympy solves it, repeats ``⌈T/C⌉`` and the tree counts
wherever they occur.  :func:`readable_form` names them instead (``N = ⌈T/C⌉``,
``J = J_k(N)``, ``d = ⌈log_k N⌉``), pulls out of the fraction every term whose
coefficient is a multiple of the denominator, factors the rest and collects it in ``N``,
and states the condition under which the value is valid as one simplified inequality.
The result is a :class:`ReadableForm`: an object to inspect (``expression``,
``where``, ``conditions``), to put back into the expanded form (:meth:`ReadableForm.expanded`)
and to print (``costmodel.latex``).

>>> import costmodel
>>> form = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4)).readable()
>>> form.expression
-folded_instance_size + (proof_size + receipt_overhead)*(4*N - 3)/(2*J + 2*N - 1)
>>> [str(a.symbol) + " = " + str(a.definition) for a in form.where]
['N = ceiling(total_cycles/segment_cycles)', 'J = TreeJoins(N, 4)']
>>> form.conditions
((proof_size + receipt_overhead)*(4*N - 3)/(2*J + 2*N - 1) > folded_instance_size,)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import sympy

from costmodel.sympy_calls import (
    cancelled,
    collected,
    expanded,
    factored,
    numerator_denominator,
    operation_count,
    plain_symbol,
    quotient_parts,
    replace_in,
    subexpressions,
    substitute,
)
from costmodel.trees import GroupJoins, TreeDepth, TreeJoins

__all__ = ["Auxiliary", "ReadableForm", "readable_form", "simplified_condition"]


@dataclass(frozen=True)
class Auxiliary:
    """A named part of a closed form: ``symbol = definition`` (in earlier auxiliaries).

    ``latex`` is the symbol's LaTeX, ``meaning`` a short phrase for the "where" clause.
    """

    symbol: sympy.Symbol
    definition: sympy.Expr
    latex: str
    meaning: str


@dataclass(frozen=True)
class ReadableForm:
    """``lhs = expression`` under ``conditions``, with ``where`` naming the auxiliaries."""

    expression: sympy.Expr
    conditions: tuple[sympy.Basic, ...]
    where: tuple[Auxiliary, ...]

    def substitutions(self) -> dict[sympy.Symbol, sympy.Expr]:
        """Auxiliary -> its definition in the model's own symbols (auxiliaries resolved)."""
        resolved: dict[sympy.Symbol, sympy.Expr] = {}
        for aux in self.where:
            resolved[aux.symbol] = substitute(aux.definition, resolved)
        return resolved

    def expanded(self) -> sympy.Expr:
        """The expression with every auxiliary replaced by its definition."""
        return substitute(self.expression, self.substitutions())

    def expanded_conditions(self) -> tuple[sympy.Basic, ...]:
        """The conditions with every auxiliary replaced by its definition."""
        subs = self.substitutions()
        return tuple(replace_in(c, subs) for c in self.conditions)

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Auxiliary symbol -> its LaTeX (``N``, ``J``, ``d``)."""
        return {aux.symbol: aux.latex for aux in self.where}


def _auxiliary_symbols(expr: sympy.Expr) -> tuple[sympy.Expr, list[Auxiliary]]:
    """``expr`` with ceilings of quotients and tree counts replaced by named symbols."""
    where: list[Auxiliary] = []
    named: dict[sympy.Expr, sympy.Symbol] = {}
    taken = {str(s) for s in expr.free_symbols}

    def fresh(base: str) -> str:
        name, index = base, 1
        while name in taken:
            index += 1
            name = f"{base}_{index}"
        taken.add(name)
        return name

    leaves = sorted(
        {c for c in expr.atoms(sympy.ceiling) if not c.has(TreeJoins, TreeDepth)},
        key=sympy.default_sort_key,
    )
    for ceiling in leaves:
        name = fresh("N")
        sym = plain_symbol(name, integer=True, positive=True)
        named[ceiling] = sym
        where.append(Auxiliary(sym, ceiling, _latex_name(name), "leaves of the tree (segments)"))
    for kind, base, meaning in (
        (TreeJoins, "J", "joins of the layered tree"),
        (GroupJoins, "Jhat", "joins of the layered tree, single items proved too"),
        (TreeDepth, "d", "depth of the layered tree"),
    ):
        counts = sorted(
            {substitute(c, named) for c in substitute(expr, named).atoms(kind) if c.func is kind},
            key=sympy.default_sort_key,
        )
        for count in counts:
            sym = plain_symbol(fresh(base), integer=True, nonnegative=True)
            named[count] = sym
            where.append(Auxiliary(sym, count, _latex_name(sym.name), meaning))
    return cast(sympy.Expr, _named(expr, where)), where


def _latex_name(name: str) -> str:
    """``J_2`` -> ``J_{2}``; a name ending in ``hat`` wears one: ``Jhat`` -> ``\\hat{J}``."""
    base, _, index = name.partition("_")
    if base.endswith("hat") and len(base) > 3:
        base = rf"\hat{{{base[:-3]}}}"
    return f"{base}_{{{index}}}" if index else base


def _collected(expr: sympy.Expr, order: list[sympy.Symbol]) -> sympy.Expr:
    """A polynomial factored when that shortens it, else collected in the auxiliaries."""
    shorter = factored(expr)
    if operation_count(shorter) < operation_count(expr):
        return shorter
    return collected(expanded(expr), order) if order else expr


def _split_fraction(expr: sympy.Expr, keep: list[sympy.Symbol]) -> sympy.Expr:
    """``(a·den + rest)/den`` as ``a + rest/den``: terms the denominator divides come out."""
    numerator, denominator = numerator_denominator(expr)
    numerator, denominator = expanded(numerator), expanded(denominator)
    if denominator == 1:
        return _collected(numerator, keep)
    outside = sympy.S.Zero
    for sym in sorted(
        cast(set[sympy.Symbol], numerator.free_symbols) - set(keep), key=sympy.default_sort_key
    ):
        coefficient = numerator.coeff(sym)
        if coefficient == 0 or coefficient.has(sym):
            continue
        quotient = cancelled(coefficient / denominator)
        if quotient_parts(quotient)[1].free_symbols:
            continue  # the denominator does not divide this coefficient
        outside += quotient * sym
        numerator = expanded(numerator - coefficient * sym)
    inside = _collected(numerator, keep) / _collected(denominator, keep)
    return cast(sympy.Expr, sympy.factor_terms(inside) + outside)


def _monomial(expr: sympy.Expr) -> bool:
    return not expr.has(sympy.Add) and not any(
        isinstance(a, sympy.ceiling | TreeJoins | TreeDepth) for a in subexpressions(expr)
    )


def _common_factor(expr: sympy.Expr, keep: list[sympy.Symbol]) -> sympy.Expr:
    """The number and monomial divisor common to the whole expression (``8/(e b)``)."""
    numerator, denominator = numerator_denominator(expr)
    content, _ = sympy.factor_terms(expanded(numerator)).as_coeff_Mul()
    below = sympy.S.One
    for factor in sympy.Mul.make_args(factored(denominator)):
        if _monomial(factor) and not factor.free_symbols & set(keep):
            below *= factor
    return cast(sympy.Expr, abs(content) / below)


def _readable(expr: sympy.Expr, keep: list[sympy.Symbol]) -> sympy.Expr:
    """A common monomial factor in front, the rest split and collected."""
    common = _common_factor(expr, keep)
    rest = _split_fraction(cancelled(expr / common), keep)
    if not isinstance(rest, sympy.Add):
        return factored(expr)
    if common == 1:
        return rest
    if quotient_parts(common)[0] == 1:  # only a divisor: one fraction reads better
        return cast(sympy.Expr, rest * common)
    return sympy.Mul(common, rest, evaluate=False)


def simplified_condition(relation: sympy.Basic) -> sympy.Basic:
    """``expr > 0`` (or ``>=``) with positive factors dropped and negative terms moved right.

    >>> from costmodel.symbols import symbol
    >>> P, o, I = symbol("proof_size"), symbol("receipt_overhead"), symbol("folded_instance_size")
    >>> simplified_condition(8 * (P + o - I) / 3 > 0)
    proof_size + receipt_overhead > folded_instance_size
    """
    if not isinstance(relation, sympy.StrictGreaterThan | sympy.GreaterThan):
        return relation
    if relation.rhs != 0:
        return relation
    expr = sympy.factor_terms(relation.lhs)
    if isinstance(expr, sympy.Mul):
        kept = [f for f in expr.args if not f.is_positive]
        negative = [f for f in kept if f.is_negative]
        expr = sympy.Mul(*[f for f in kept if not f.is_negative])
        if len(negative) % 2:
            expr = expanded(-expr) if isinstance(expr, sympy.Add) else -expr
    terms = sympy.Add.make_args(expr)
    negative = [t for t in terms if t.could_extract_minus_sign()]
    if not negative or len(negative) == len(terms):
        return type(relation)(expr, 0)
    positive = sympy.Add(*[t for t in terms if not t.could_extract_minus_sign()])
    return type(relation)(positive, -sympy.Add(*negative), evaluate=False)


def readable_form(solution: sympy.Expr, conditions: tuple[sympy.Basic, ...] = ()) -> ReadableForm:
    """The closed form ``solution`` and its ``conditions`` in named auxiliaries; see the module.

    Substituting the auxiliaries back (:meth:`ReadableForm.expanded`) gives an expression
    equal to ``solution``.
    """
    expr, where = _auxiliary_symbols(solution)
    keep = [aux.symbol for aux in where]
    readable = _readable(expr, keep)
    new_conditions: list[sympy.Basic] = []
    for relation in conditions:
        if isinstance(relation, sympy.Rel) and relation.lhs == solution and relation.rhs == 0:
            relation = type(relation)(readable, 0)
        else:
            relation = _named(relation, where)
        new_conditions.append(simplified_condition(relation))
    return ReadableForm(readable, tuple(new_conditions), tuple(where))


def _named(relation: sympy.Basic, where: list[Auxiliary]) -> sympy.Basic:
    """``relation`` written in the auxiliaries: ceilings first, then tree counts over them."""
    ceilings = {a.definition: a.symbol for a in where if isinstance(a.definition, sympy.ceiling)}
    counts = {a.definition: a.symbol for a in where if a.definition not in ceilings}
    return replace_in(replace_in(relation, ceilings), counts)
