"""The break-even verifier size under each folded-state accounting: the circuit size at
which an accounting's folded state equals the STARK's break-even folded witness ``W*``.

>>> rows = verifier_breakevens(starks=("seed-note",), accountings=("note",))
>>> from costmodel import format_quantity
>>> format_quantity(rows[0].target), format_quantity(rows[0].value)
('250 kB', '≈ 2614.3790849673 gate')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import sympy

from costmodel import presets
from costmodel.analysis.conditions import folded_witness_breakeven
from costmodel.architectures import witness_accounting
from costmodel.architectures.accounting import ACCOUNTING_PRESETS, Accounting
from costmodel.functions import plain
from costmodel.render.table import Table, Value, text_table
from costmodel.symbols import VOCABULARY, symbol
from costmodel.sympy_calls import equality, rational, simplest_rational, solutions, substitute
from costmodel.units import Q_

__all__ = ["VerifierBreakeven", "breakevens_table", "format_breakevens", "verifier_breakevens"]

_SOLVED = {"note": "verifier_gates"}
_TIES = {
    "relaxed-r1cs": ("primary_variables",),
    "nova-relaxed-r1cs": ("primary_variables", "secondary_constraints", "secondary_variables"),
    "nova-cyclefold": ("primary_variables",),
    "hypernova-ccs": ("primary_variables",),
}


@dataclass(frozen=True)
class VerifierBreakeven:
    """The verifier size at which an accounting's folded state equals the STARK's ``W*``.

    ``closed_form`` is solved by sympy from the accounting's plain total with ``tied``
    parameters set equal to the solved one; ``value`` is it at the presets' numbers
    (``None`` when there is no positive solution, ``reason`` says why); ``exact`` is
    True when ``value`` substituted back makes both sides equal exactly.
    """

    accounting: str
    stark: str
    parameter: str
    tied: tuple[str, ...]
    given: Mapping[str, Any]
    target: Any
    closed_form: sympy.Expr | None
    value: Any
    exact: bool
    measured: Any = None
    reason: str = ""
    values_from: str = ""


@functools.cache
def _target_expr() -> sympy.Expr:
    """``W* = P + o - I``, in bytes: folding against the STARK, same binary tree."""
    solution = folded_witness_breakeven().solution
    if solution is None:  # pragma: no cover - the closed form is known to exist
        raise RuntimeError("the break-even folded witness has no closed form")
    return plain(solution)


def verifier_breakevens(
    starks: Iterable[str] = ("seed-note", "risc0"),
    accountings: Iterable[Accounting] = tuple(ACCOUNTING_PRESETS),
) -> list[VerifierBreakeven]:
    """For each STARK preset and accounting: the verifier size ``V*`` matching ``W*``.

    ``W* = P + o - I`` is the break-even folded witness of the note's comparison (same
    binary store-and-forward tree), with the instance counted as zero as the note does.
    The accounting's plain total is set equal to it and solved with sympy for the
    verifier size (``verifier_gates`` for the note's accounting, ``primary_constraints``
    for the others, with variables, and for a 2-cycle the second curve, tied to it).
    """
    target_expr = _target_expr()
    rows = []
    for stark_name in starks:
        stark = presets.load(stark_name)
        target_subs = {
            symbol(n): rational(VOCABULARY[n].exact_value(stark[n]))
            for n in ("proof_size", "receipt_overhead")
        }
        target_subs[symbol("folded_instance_size")] = sympy.S.Zero
        for name in accountings:
            rows.append(_breakeven_row(name, stark_name, target_expr, target_subs))
    return rows


def _breakeven_row(
    name: Accounting,
    stark_name: str,
    target_expr: sympy.Expr,
    target_subs: dict[sympy.Symbol, sympy.Rational],
) -> VerifierBreakeven:
    target = cast(sympy.Rational, substitute(target_expr, target_subs))  # every symbol given
    model = witness_accounting(accounting=name)
    parameter = _SOLVED.get(name, "primary_constraints")
    tied = _TIES.get(name, ())
    x = symbol(parameter)
    state, candidates, closed = _solved(name, target_expr)
    values_from = ACCOUNTING_PRESETS[name]
    source = presets.load(values_from)
    given_names = sorted(
        (p.name for p in model.parameters if p.name != parameter and p.name not in tied),
        key=list(VOCABULARY).index,
    )
    given = {n: source[n] for n in given_names}
    subs = {symbol(n): rational(VOCABULARY[n].exact_value(q)) for n, q in given.items()}
    row: dict[str, Any] = {
        "accounting": name,
        "stark": stark_name,
        "parameter": parameter,
        "tied": tied,
        "given": given,
        "target": Q_(_fraction(target), "B"),
        "measured": source.get(parameter),
        "values_from": values_from,
    }
    if closed is None:
        reason = f"sympy found {len(candidates)} solutions"
        return VerifierBreakeven(**row, closed_form=None, value=None, exact=False, reason=reason)
    value = substitute(substitute(closed, target_subs), subs)
    value = simplest_rational(value) if value.has(sympy.Float) else value
    if not (isinstance(value, sympy.Rational) and value > 0):
        reason = f"no positive size: the parts held fixed already exceed W* ({value})"
        return VerifierBreakeven(**row, closed_form=closed, value=None, exact=False, reason=reason)
    back = substitute(substitute(state, subs), {x: value})
    exact = bool(sympy.simplify(back - target) == 0)
    unit = VOCABULARY[parameter].unit
    return VerifierBreakeven(
        **row, closed_form=closed, value=Q_(_fraction(value), unit), exact=exact
    )


@functools.cache
def _solved(
    name: Accounting, target_expr: sympy.Expr
) -> tuple[sympy.Expr, tuple[sympy.Expr, ...], sympy.Expr | None]:
    """The accounting's state with its tied parameters set to the solved one, the roots of
    state = ``target_expr`` in it, and the one root simplified (``None`` unless exactly
    one): symbolic only, so solved once per accounting."""
    model = witness_accounting(accounting=name)
    x = symbol(_SOLVED.get(name, "primary_constraints"))
    state = substitute(plain(model.total), {symbol(t): x for t in _TIES.get(name, ())})
    candidates = tuple(solutions(equality(state, target_expr), x))
    closed = sympy.simplify(candidates[0]) if len(candidates) == 1 else None
    return state, candidates, closed


def _fraction(value: sympy.Rational) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def breakevens_table(
    rows: Sequence[VerifierBreakeven], *, unit: str | None = None, digits: int = 10
) -> Table:
    """Accounting, STARK, W*, V*, the preset's size and whether V* is exact; the closed
    forms and reasons as notes."""
    header = ("accounting", "against", "W*", "V*", "preset size", "exact")
    body = []
    for row in rows:
        value = Value.quantity(row.value, digits=digits) if row.value is not None else "none"
        measured = Value.quantity(row.measured, digits=digits) if row.measured is not None else "-"
        body.append(
            (
                row.accounting,
                row.stark,
                Value.quantity(row.target, unit, digits=digits),
                value,
                measured,
                "yes" if row.exact else "-",
            )
        )
    notes = []
    seen: set[str] = set()
    for row in rows:
        if row.accounting in seen:
            continue
        seen.add(row.accounting)
        ties = f", with {', '.join(row.tied)} = {row.parameter}" if row.tied else ""
        closed = row.closed_form if row.closed_form is not None else "no closed form"
        notes.append(
            f"{row.accounting}: {row.parameter}* = {closed}  "
            f"(other sizes from {row.values_from}{ties})"
        )
    notes += [f"{row.accounting} against {row.stark}: {row.reason}" for row in rows if row.reason]
    return Table.of(
        header,
        body,
        right=(2, 3, 4),
        title="verifier size V* at which the folded state equals the STARK's W*",
        notes=notes,
    )


def format_breakevens(rows: Sequence[VerifierBreakeven]) -> str:
    """A text table (accounting, STARK, W*, V*, the preset's size, exact), then closed forms."""
    table = breakevens_table(rows)
    body = text_table(Table(table.columns, table.rows, table.right))
    return "\n".join([body, "", *table.notes])
