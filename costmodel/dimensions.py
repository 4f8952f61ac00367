"""The unit walker: the unit of any sympy expression over parameter symbols.

Expressions stay plain sympy.  Units live beside the symbols (a mapping from symbol
to pint unit, by default the vocabulary's), and :func:`normalize` walks an
expression bottom-up, returning an equal expression in which every sum has its
terms rescaled to one unit with exact rational factors, and that unit.

- sums, ``Max``, ``Min``, ``Piecewise`` branches and comparisons need compatible
  units; incompatible ones raise :class:`DimensionError` naming the term;
- products multiply units; powers need a rational exponent unless the base is
  dimensionless;
- ``ceiling``, ``floor`` and ``log`` take only counts (dimensionless or counting
  units) and work in the base unit, so rounding does not depend on the prefix;
- floats are refused: a symbolic result must stay exact;
- a sympy function class may carry its own rule as a method
  ``_costmodel_unit(self, args)``, where ``args`` are the normalized
  ``(expression, unit)`` pairs of its arguments.

>>> import sympy
>>> from costmodel.symbols import symbol
>>> N, S = sympy.Symbol("N", positive=True), symbol("snapshot_size")
>>> from costmodel.units import Unit
>>> units = {N: Unit("segment"), S: Unit("kbit/segment"), symbol("proof_size"): Unit("B")}
>>> normalize(N * S + symbol("proof_size"), units)
(snapshot_size*N + proof_size/125, <Unit('kbit')>)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, TypeVar, cast

import sympy
from sympy.core.relational import Relational
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.logic.boolalg import Boolean, BooleanAtom

from costmodel.errors import DimensionError, ExpressionError
from costmodel.nodes import InUnit, Label, NoText, as_expression, describe_term
from costmodel.numbers import MAX_NUMBER_BITS
from costmodel.symbols import VOCABULARY, ParamSymbol, unit_table
from costmodel.sympy_calls import piecewise_node, subexpressions, text_atom
from costmodel.units import (
    DIMENSIONLESS,
    Unit,
    UnitLike,
    conversion_factor,
    format_dimensions,
    format_unit,
    is_count_unit,
    parse_unit,
    to_base,
)

__all__ = [
    "DIMENSIONLESS",
    "MAX_EXPONENT",
    "InUnit",
    "Label",
    "NoText",
    "as_expression",
    "check_bounded",
    "convert",
    "count_in_base",
    "default_units",
    "normalize",
    "rescale",
    "unit_of",
]

#: Symbol -> unit (a unit or its text), for symbols the vocabulary does not know.
UnitMap = Mapping[sympy.Symbol, UnitLike]

#: The largest exponent (numerator and denominator) a power may have.  Exponents are
#: numbers: ``x**arity`` could make a value no computer can hold once arity is given.
MAX_EXPONENT = 256

_DEFAULT_UNITS: dict[sympy.Symbol, Unit] = unit_table(VOCABULARY.values())

_Node = TypeVar("_Node", bound=sympy.Basic)
#: A walker's rule for one kind of node: ``(expression in unit u, u)``.
_Handler = Callable[["_Walker", Any], tuple[Any, Any]]


def default_units() -> dict[sympy.Symbol, Unit]:
    """The vocabulary's symbol -> unit table (a copy; each symbol also knows its unit)."""
    return dict(_DEFAULT_UNITS)


def rescale(expr: sympy.Expr, unit: Unit, target: Unit, *, context: str) -> sympy.Expr:
    """``expr`` (in ``unit``) expressed in ``target``, or a DimensionError naming it."""
    if unit == target:
        return expr
    if unit.dimensionality != target.dimensionality:
        raise DimensionError(
            f"{context}: {describe_term(expr, unit)} is not compatible with "
            f"{format_unit(target)} ({format_dimensions(unit)} vs {format_dimensions(target)})",
            term=expr,
            unit=unit,
            expected=target,
        )
    factor = conversion_factor(unit, target)
    return expr if factor == 1 else InUnit(factor * expr, text_atom(format_unit(target)))


def _common(pairs: list[tuple[sympy.Expr, Unit]], *, context: str) -> tuple[list[sympy.Expr], Unit]:
    """Rescale every pair to the unit of the first one; name both terms on a mismatch."""
    first, target = pairs[0]
    scaled = []
    for expr, unit in pairs:
        if unit.dimensionality != target.dimensionality:
            raise DimensionError(
                f"{context}: cannot combine {describe_term(first, target)} with "
                f"{describe_term(expr, unit)}: {format_dimensions(target)} and "
                f"{format_dimensions(unit)} are different dimensions",
                term=expr,
                unit=unit,
                expected=target,
            )
        scaled.append(rescale(expr, unit, target, context=context))
    return scaled, target


def count_in_base(expr: sympy.Expr, unit: Unit, *, context: str) -> tuple[sympy.Expr, Unit]:
    """``expr`` (a count in ``unit``) in its base unit, for ceil, floor, log and tree counts.

    ``1.5 kcycle`` is rounded as ``1500 cycle``, never as ``2 kcycle``; a quantity that is
    not a count (bytes, seconds) is a :class:`DimensionError` naming ``context``.
    """
    if not is_count_unit(unit):
        raise DimensionError(
            f"{context} takes a count (dimensionless or cycles, segments, proofs...), "
            f"got {describe_term(expr, unit)}",
            term=expr,
            unit=unit,
        )
    factor, base = to_base(unit)
    return (expr if factor == 1 else InUnit(factor * expr, text_atom(format_unit(base)))), base


def _check_power(expr: sympy.Pow) -> sympy.Rational:
    """The exponent of ``expr``, if it is a small rational."""
    exponent = expr.exp
    if not (
        isinstance(exponent, sympy.Rational)
        and abs(exponent.p) <= MAX_EXPONENT
        and exponent.q <= MAX_EXPONENT
    ):
        raise ExpressionError(
            f"power `{expr}`: the exponent must be a number between -{MAX_EXPONENT} and "
            f"{MAX_EXPONENT} (got `{exponent}`); a symbolic or larger exponent could make a "
            f"value no computer can hold"
        )
    return cast(sympy.Rational, exponent)


def _check_number(number: sympy.Rational) -> None:
    if max(abs(int(number.p)).bit_length(), int(number.q).bit_length()) > MAX_NUMBER_BITS:
        raise ExpressionError(
            f"a number of more than {MAX_NUMBER_BITS} bits (about 10^1000) in an expression"
        )


def check_bounded(expr: _Node) -> _Node:
    """``expr`` if every power has a small numeric exponent and every number is bounded.

    Run on an expression once it is built, because sympy merges what was written apart:
    ``(x**200)**200`` is ``x**40000``.  The unit walker applies the same rules node by
    node; formulas read from text are checked here as soon as they are parsed.
    """
    for node in subexpressions(expr):
        if isinstance(node, sympy.Pow):
            _check_power(node)
        elif isinstance(node, sympy.Rational):
            _check_number(node)
    return expr


def _is_constant(expr: Any) -> bool:
    """A number-valued expression with no float and no function in it (``2*pi``, ``sqrt(2)``)."""
    return (
        isinstance(expr, sympy.Expr)
        and expr.is_number
        and not expr.atoms(sympy.Float)
        and not expr.has(sympy.Function)
    )


def _handler(table: Mapping[type, _Handler], expr: object) -> _Handler | None:
    """The handler of the most specific class of ``expr`` in ``table`` (its MRO order)."""
    for kind in type(expr).__mro__:
        handler = table.get(kind)
        if handler is not None:
            return handler
    return None


class _Walker:
    """The unit walker: a handler per sympy node class, looked up in the node's MRO.

    Atoms (numbers, symbols, ``true``/``false``) are looked up first; then constant
    expressions are dimensionless; then a class's own rule (``_costmodel_unit``) wins;
    then the handlers of compound nodes (sums, products, powers, functions...).
    """

    def __init__(self, units: UnitMap) -> None:
        self.units = units

    def walk(self, expr: Any) -> tuple[Any, Any]:
        atom = _handler(self._ATOMS, expr)
        if atom is not None:
            return atom(self, expr)
        if _is_constant(expr):
            return expr, DIMENSIONLESS
        own_rule = getattr(type(expr), "_costmodel_unit", None)
        if own_rule is not None:
            walked: tuple[Any, Any] = own_rule(
                expr,
                [self.walk(a) if isinstance(a, sympy.Expr) else (a, None) for a in expr.args],
            )
            return walked
        node = _handler(self._NODES, expr)
        if node is None:
            raise ExpressionError(
                f"cannot give a unit to `{expr}` ({type(expr).__name__}): use the library's "
                f"unit-aware functions (ceil, floor, log, maximum, minimum, piecewise)"
            )
        return node(self, expr)

    # -- atoms -----------------------------------------------------------------------------

    def _float(self, expr: sympy.Float) -> tuple[Any, Any]:
        raise ExpressionError(
            f"floating-point number {expr} in a symbolic expression: use an exact "
            f"Rational (sympy.Rational or fractions.Fraction) so results stay exact"
        )

    def _symbol(self, expr: sympy.Symbol) -> tuple[Any, Any]:
        unit = self.units.get(expr)
        if unit is not None:
            return expr, unit
        if isinstance(expr, ParamSymbol):
            return expr, parse_unit(expr.unit_text)
        raise ExpressionError(
            f"symbol `{expr}` has no unit: make it with costmodel.symbol(name) or "
            f"costmodel.Param(...).symbol, or give its unit in units={{symbol: unit}}"
        )

    def _rational(self, expr: sympy.Rational) -> tuple[Any, Any]:
        _check_number(expr)
        return expr, DIMENSIONLESS

    def _dimensionless(self, expr: Any) -> tuple[Any, Any]:
        return expr, DIMENSIONLESS

    # -- compound nodes --------------------------------------------------------------------

    def _add(self, expr: sympy.Add) -> tuple[Any, Any]:
        args, unit = _common([self.walk(a) for a in expr.args], context="sum")
        return sympy.Add(*args), unit

    def _mul(self, expr: sympy.Mul) -> tuple[Any, Any]:
        args, unit = [], DIMENSIONLESS
        for arg in expr.args:
            walked, arg_unit = self.walk(arg)
            args.append(walked)
            unit = unit * arg_unit
        return sympy.Mul(*args), unit

    def _pow(self, expr: sympy.Pow) -> tuple[Any, Any]:
        exponent = _check_power(expr)
        base, base_unit = self.walk(expr.base)
        if not base_unit.dimensionality:
            base = rescale(base, base_unit, DIMENSIONLESS, context="power")
            return sympy.Pow(base, exponent), DIMENSIONLESS
        power = Fraction(int(exponent.p), int(exponent.q))
        return sympy.Pow(base, exponent), base_unit**power

    def _extremum(self, expr: sympy.Max | sympy.Min) -> tuple[Any, Any]:
        args, unit = _common([self.walk(a) for a in expr.args], context=type(expr).__name__)
        return type(expr)(*args), unit

    def _piecewise(self, expr: sympy.Piecewise) -> tuple[Any, Any]:
        branches = cast(tuple[ExprCondPair, ...], expr.args)
        values = [self.walk(branch.expr) for branch in branches]
        conditions = [self.walk(branch.cond)[0] for branch in branches]
        scaled, unit = _common(values, context="Piecewise")
        return piecewise_node(*zip(scaled, conditions, strict=True)), unit

    def _relational(self, expr: Relational) -> tuple[Any, Any]:
        (lhs, rhs), _ = _common([self.walk(a) for a in expr.args], context="comparison")
        return type(expr)(lhs, rhs), DIMENSIONLESS

    def _boolean(self, expr: Boolean) -> tuple[Any, Any]:
        return type(expr)(*(self.walk(a)[0] for a in expr.args)), DIMENSIONLESS

    def _step(self, expr: sympy.ceiling | sympy.floor) -> tuple[Any, Any]:
        name = type(expr).__name__
        inner, base = count_in_base(*self.walk(expr.args[0]), context=name)
        return type(expr)(inner), base

    def _log(self, expr: sympy.log) -> tuple[Any, Any]:
        inner, _ = count_in_base(*self.walk(expr.args[0]), context="log")
        return sympy.log(inner), DIMENSIONLESS

    def _exp(self, expr: sympy.exp) -> tuple[Any, Any]:
        inner, unit = self.walk(expr.args[0])
        return sympy.exp(rescale(inner, unit, DIMENSIONLESS, context="exp")), DIMENSIONLESS

    def _abs(self, expr: sympy.Abs) -> tuple[Any, Any]:
        inner, unit = self.walk(expr.args[0])
        return sympy.Abs(inner), unit

    #: Atoms, looked up before anything else (a float is refused, a too-large number too).
    _ATOMS: Mapping[type, _Handler] = {
        sympy.Float: _float,
        sympy.Symbol: _symbol,
        BooleanAtom: _dimensionless,
        sympy.Rational: _rational,
        sympy.Number: _dimensionless,
    }
    #: Compound nodes, looked up after constants and a class's own rule.
    _NODES: Mapping[type, _Handler] = {
        sympy.Add: _add,
        sympy.Mul: _mul,
        sympy.Pow: _pow,
        sympy.Max: _extremum,
        sympy.Min: _extremum,
        sympy.Piecewise: _piecewise,
        Relational: _relational,
        Boolean: _boolean,
        sympy.ceiling: _step,
        sympy.floor: _step,
        sympy.log: _log,
        sympy.exp: _exp,
        sympy.Abs: _abs,
    }


def normalize(expr: Any, units: UnitMap | None = None) -> tuple[sympy.Expr, Unit]:
    """``(expression with exact rescaling factors inserted, its unit)``.

    Every parameter's symbol knows its unit (vocabulary or user-declared :class:`Param`);
    ``units`` maps further symbols (or overrides) to units, given as pint units or text.
    """
    return _Walker(_unit_map(units)).walk(as_expression(expr))


def _unit_map(units: UnitMap | None) -> dict[sympy.Symbol, Unit]:
    if units is None:
        return {}
    if not isinstance(units, Mapping):
        raise ExpressionError(
            f"units: expected a mapping of symbol to unit, got {type(units).__name__}"
        )
    table = {}
    for key, unit in units.items():
        if not isinstance(key, sympy.Symbol):
            raise ExpressionError(f"units: keys are sympy symbols, got {key!r}")
        table[key] = parse_unit(unit, name=f"units[{key}]")
    return table


def unit_of(expr: Any, units: UnitMap | None = None) -> Unit:
    """The pint unit of ``expr``; raises :class:`DimensionError` if it has none."""
    return normalize(expr, units)[1]


def convert(expr: Any, target: UnitLike, units: UnitMap | None = None) -> sympy.Expr:
    """``expr`` expressed in ``target`` with an exact factor (``8*x`` for bytes to bits).

    >>> from costmodel.symbols import symbol
    >>> convert(symbol("wrap_proof_size"), "bit")
    8*wrap_proof_size
    """
    walked, unit = normalize(expr, units)
    return rescale(walked, unit, parse_unit(target), context="conversion")
