"""Fits of laws to tables: the coefficients of a law linear in them, found by exact least
squares (normal equations solved in Fractions), with every row's residual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

import sympy

from costmodel.dimensions import normalize, rescale
from costmodel.errors import InputError, NoSolutionError, UnknownParameterError
from costmodel.functions import plain
from costmodel.laws.definition import Law, LawError, fraction_of, known_parameters
from costmodel.sympy_calls import derivative, substitute
from costmodel.units import Q_

__all__ = ["MAX_FIT_ROWS", "Fit", "fit"]


#: The most rows :func:`fit` accepts.
MAX_FIT_ROWS = 10_000


@dataclass(frozen=True)
class Fit:
    """A law fitted to a table: the law with its coefficients, and each row's residual.

    ``residuals[i]`` is row ``i``'s published value minus the fitted law's, exact, in the
    parameter's unit; ``residual`` the largest in absolute value.
    """

    law: Law
    residuals: tuple[Any, ...]

    @property
    def residual(self) -> Any:
        return max((abs(r) for r in self.residuals), key=lambda q: q.magnitude)

    @property
    def coefficients(self) -> Mapping[str, Any]:
        return dict(self.law.coefficients)

    def __str__(self) -> str:
        return str(self.law)


def _rows(target: Law, points: Any) -> list[tuple[dict[str, Any], Any]]:
    """``points`` as (inputs, published value) pairs."""
    if isinstance(points, Mapping):
        inputs = [n for n in target.depends_on]
        if len(inputs) != 1:
            raise InputError(
                f"fit {target.name}: the law uses {', '.join(inputs) or 'no parameter'}; give "
                f"rows as ({{name: value, ...}}, value) pairs"
            )
        rows = [({inputs[0]: key}, value) for key, value in points.items()]
    elif isinstance(points, Iterable) and not isinstance(points, str):
        rows = []
        for row in points:
            if not (
                isinstance(row, tuple | list) and len(row) == 2 and isinstance(row[0], Mapping)
            ):
                raise InputError(
                    f"fit {target.name}: each row is ({{parameter: value}}, value), got {row!r}"
                )
            rows.append((dict(row[0]), row[1]))
    else:
        raise InputError(f"fit {target.name}: give the table as rows, got {points!r}")
    if len(rows) > MAX_FIT_ROWS:
        raise InputError(f"fit {target.name}: {len(rows)} rows; at most {MAX_FIT_ROWS}")
    return rows


def _solve(matrix: list[list[Fraction]], vector: list[Fraction]) -> list[Fraction]:
    """The solution of a square system, exactly (Gauss-Jordan in Fractions)."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if rows[r][column] != 0), None)
        if pivot is None:
            raise NoSolutionError(
                "the table does not determine every coefficient (too few distinct rows, or "
                "two coefficients play the same part)"
            )
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [x / lead for x in rows[column]]
        for r in range(size):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return [rows[i][size] for i in range(size)]


def fit(target: Law, points: Any) -> Fit:
    """``target``'s unknown coefficients fitted to ``points`` by exact least squares.

    ``points``: ``({parameter: value, ...}, published value)`` pairs, or, for a law of one
    parameter, a mapping of that parameter's value to the published value.  The law must be
    linear in its unknown coefficients (``a + b * log(C, 2)``; not ``min(a + b C, m)``).

    >>> from costmodel.laws import law
    >>> size = law("proof_size", "base + step * log(segment_cycles, 2)",
    ...            {"base": "kB/proof", "step": "kB/proof"})
    >>> result = fit(size, {"1024 cycle/segment": "11 kB/proof",
    ...                     "2048 cycle/segment": "12 kB/proof",
    ...                     "4096 cycle/segment": "14 kB/proof"})
    >>> result.coefficients["step"], [str(r) for r in result.residuals]
    (<Quantity(3/2, 'kB/proof')>, ['500/3 B/proof', '-1000/3 B/proof', '500/3 B/proof'])
    """
    if not isinstance(target, Law):
        raise InputError(f"fit: expected a law (costmodel.law), got {target!r}")
    unknown = target.unknown
    if not unknown:
        raise LawError(
            f"fit {target.name}: every coefficient has a value; give the ones to fit as a bare "
            f'unit ("kB/proof")'
        )
    symbols = dict(target.coefficient_symbols)
    values = dict(target.coefficients)
    param = target.param
    declared = dict(target.coefficient_units)
    units = {symbols[c]: declared[c] for c in symbols}
    walked, unit = normalize(target.template, units)
    linear = plain(rescale(walked, unit, param.pint_unit, context=f"law for {target.name}"))
    fixed = {
        symbols[c]: sympy.Rational(v.magnitude.numerator, v.magnitude.denominator)
        for c, v in values.items()
        if v is not None
    }
    linear = substitute(linear, fixed)
    unknown_symbols = [symbols[c] for c in unknown]
    basis = [derivative(linear, s) for s in unknown_symbols]
    for c, b in zip(unknown, basis, strict=True):
        if b.free_symbols & set(unknown_symbols):
            raise LawError(
                f"fit {target.name}: the law is not linear in its coefficients ({c}); "
                f"fit the linear part and cap it afterwards"
            )
    offset = substitute(linear, {s: sympy.S.Zero for s in unknown_symbols})
    params = known_parameters(target.parameters)
    table = []
    for inputs, published in _rows(target, points):
        subs = {}
        for name in target.depends_on:
            if name not in inputs:
                raise UnknownParameterError(f"fit {target.name}: a row lacks {name}")
            exact = params[name].exact_value(inputs[name])
            subs[params[name].symbol] = sympy.Rational(exact.numerator, exact.denominator)
        observed = param.exact_value(published)
        row = [_rational(sympy.simplify(substitute(b, subs)), target.name) for b in basis]
        table.append(
            (row, observed - _rational(sympy.simplify(substitute(offset, subs)), target.name))
        )
    if len(table) < len(unknown):
        raise NoSolutionError(
            f"fit {target.name}: {len(table)} rows for {len(unknown)} coefficients"
        )
    size = len(unknown)
    normal = [
        [sum((r[i] * r[j] for r, _ in table), Fraction(0)) for j in range(size)]
        for i in range(size)
    ]
    right = [sum((r[i] * y for r, y in table), Fraction(0)) for i in range(size)]
    try:
        solved = _solve(normal, right)
    except NoSolutionError as exc:
        raise NoSolutionError(f"fit {target.name}: {exc}") from None
    residuals = tuple(
        Q_(y - sum((a * c for a, c in zip(r, solved, strict=True)), Fraction(0)), param.unit)
        for r, y in table
    )
    coefficients = dict(values)
    for c, amount in zip(unknown, solved, strict=True):
        coefficients[c] = Q_(amount, declared[c])
    largest = max((abs(r) for r in residuals), key=lambda q: q.magnitude)
    fitted_rows = tuple(
        (tuple(sorted(inputs.items())), published) for inputs, published in _rows(target, points)
    )
    fitted = replace(
        target, coefficients=tuple(coefficients.items()), rows=fitted_rows, residual=largest
    )
    return Fit(fitted, residuals)


def _rational(value: sympy.Expr, name: str) -> Fraction:
    if not value.is_Rational:
        raise LawError(
            f"fit {name}: the law is not an exact number at a row of the table ({value}); "
            f"give rows where it is (powers of two under log(..., 2))"
        )
    return fraction_of(value)
