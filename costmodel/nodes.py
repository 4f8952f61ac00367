"""The library's own sympy nodes, and the one way into sympy.

- :class:`Label` is its first argument, labelled with a unit (only the unit walker of
  :mod:`costmodel.dimensions` reads the label); :class:`InUnit` marks an expression the
  walker has rescaled into a unit;
- :class:`NoText` is the mixin that keeps text out of the library's sympy functions;
- :func:`as_expression` turns a value into a sympy object without ever evaluating text.

>>> as_expression(3)
3
"""

from __future__ import annotations

from typing import Any, cast

import sympy

from costmodel.errors import DimensionError, ExpressionError
from costmodel.sympy_calls import atom_text
from costmodel.units import UnitLike, format_unit, parse_unit

__all__ = ["InUnit", "Label", "NoText", "WithUnit", "as_expression", "describe_term"]


class NoText:
    """Mixin for the library's sympy functions: arguments given as text are refused.

    ``sympy.Function`` runs ``sympify`` on its arguments, and ``sympify`` of a string (or
    of a list holding one) runs it as Python; the library's own nodes (``Label``,
    ``Log``, ``TreeJoins``...) read their arguments with :func:`as_expression` instead.
    """

    def __new__(cls, *args: Any, **options: Any) -> Any:
        checked = [as_expression(arg, what=f"{cls.__name__} argument") for arg in args]
        return super().__new__(cls, *checked, **options)


class Label(NoText, sympy.Function):
    """A node that is its first argument, labelled with a unit (the second, a ``Str``).

    Only the unit walker reads the label; printing, LaTeX and lambdify show the first
    argument alone, and :func:`costmodel.functions.plain` (or ``.doit()``) removes it.
    """

    nargs = 2

    @classmethod
    def eval(cls, value: sympy.Expr, unit: Any) -> None:
        return None  # never disappears by itself

    @property
    def unit_text(self) -> str:
        return atom_text(self.args[1])

    @property
    def precedence(self) -> int:
        """Print with the precedence of the value, so ``(3N - 3)·P`` keeps its brackets."""
        from sympy.printing.precedence import precedence

        return cast(int, precedence(self.args[0]))  # type: ignore[no-untyped-call]

    def doit(self, **hints: Any) -> sympy.Expr:
        value = cast(sympy.Expr, self.args[0])
        if not hints.get("deep", True):
            return value
        return cast(sympy.Expr, value.doit(**hints))  # type: ignore[no-untyped-call]

    def _eval_is_integer(self) -> bool | None:
        return self.args[0].is_integer

    def _eval_is_positive(self) -> bool | None:
        return self.args[0].is_positive

    def _eval_is_nonnegative(self) -> bool | None:
        return self.args[0].is_nonnegative

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real

    def _sympystr(self, printer: Any) -> str:
        return cast(str, printer._print(self.args[0]))

    def _latex(self, printer: Any) -> str:
        return cast(str, printer._print(self.args[0]))

    def _numpycode(self, printer: Any) -> str:
        return cast(str, printer._print(self.args[0]))

    _pythoncode = _numpycode
    _lambdacode = _numpycode


class InUnit(Label):
    """``InUnit(f * x, "B")``: an expression already rescaled into a unit.

    The walker inserts it wherever it multiplies by a conversion factor, so that
    walking its own output again gives the same unit (``V·β/8`` is bytes, not bits).
    """

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        (value, value_unit), _ = args
        unit = parse_unit(self.unit_text)
        if value_unit.dimensionality != unit.dimensionality:
            raise DimensionError(
                f"{describe_term(self.args[0], value_unit)} is labelled {format_unit(unit)}",
                term=self,
                unit=value_unit,
                expected=unit,
            )
        return InUnit(value, self.args[1]), unit


class WithUnit(Label):
    """``WithUnit(5, "kB/proof")``: a number that carries a unit, such as a law's coefficient.

    The walker reads it as the number in that unit; everywhere else it is the number.
    """

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        (value, value_unit), _ = args
        if value_unit.dimensionality:
            raise DimensionError(
                f"{describe_term(self.args[0], value_unit)} is given the unit "
                f"{self.unit_text} but has one already",
                term=self,
                unit=value_unit,
                expected=parse_unit(self.unit_text),
            )
        return WithUnit(value, self.args[1]), parse_unit(self.unit_text)


def as_expression(value: Any, *, what: str = "expression") -> sympy.Expr:
    """``value`` as a sympy object, never by evaluating text.

    ``sympy.sympify`` of a string runs it as Python; strings are refused here (formulas
    as text go through :func:`costmodel.formulas.parse_formula`).
    """
    if isinstance(value, str):
        raise ExpressionError(
            f"{what}: got the string {value!r}; build expressions from costmodel.symbol(...) "
            f"or read text with costmodel.formulas.parse_formula"
        )
    try:
        return cast(sympy.Expr, sympy.sympify(value, strict=True))
    except (sympy.SympifyError, TypeError, ValueError):
        raise ExpressionError(
            f"{what}: expected a sympy expression or a number, got {type(value).__name__}"
        ) from None


def describe_term(expr: sympy.Basic, unit: UnitLike) -> str:
    """``expr`` and its unit as an error message shows them: `` `x` [B] ``."""
    return f"`{expr}` [{format_unit(unit)}]"
