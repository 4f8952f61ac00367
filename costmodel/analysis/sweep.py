"""Vectorized sweeps: a model over grids of parameter values, units kept at the edges.

Inside, every fixed value is substituted exactly, the remaining expression is turned
into a numpy function once (cached), and the swept values are converted to the
parameters' units with float factors.  Results are float arrays with their unit.

>>> import numpy as np, costmodel
>>> from costmodel.analysis.sweep import sweep
>>> seed = costmodel.presets.load("seed-note")
>>> result = sweep(costmodel.folding(), seed,
...                {"folded_witness_size": (np.array([250, 1000]), "kB")})
>>> result.to("GB").total
array([50.99925, 53.997  ])
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import numpy as np
import sympy

from costmodel.errors import (
    DimensionError,
    InputError,
    ParameterValueError,
    UnitError,
    UnknownParameterError,
    check_limit,
    did_you_mean,
)
from costmodel.functions import Log
from costmodel.model import Model
from costmodel.sympy_calls import numerator_denominator, substitute
from costmodel.units import (
    conversion_factor,
    format_unit,
    magnitude_in,
    parse_quantity,
    parse_unit,
    ureg,
)

__all__ = ["MAX_SWEEP_POINTS", "SweepResult", "numeric_function", "sweep"]

#: The most points :func:`sweep` takes unless told otherwise (``max_points=``).
MAX_SWEEP_POINTS = 10_000_000


class _Quotient(sympy.Function):
    """``numerator / denominator`` printed as one float division.

    lambdify prints ``ceiling(T/C)`` with ``C`` fixed as ``ceil((1/C)*T)``, and multiplying
    by a rounded reciprocal puts about one exact quotient in twenty just above its integer
    (``ceil`` then counts a segment too many).  One division of whole numbers below 2**53
    is correctly rounded, so an integer quotient stays that integer.
    """

    nargs = 2

    def _numpycode(self, printer: Any) -> str:
        numerator, denominator = (printer._print(a) for a in self.args)
        return f"(({numerator})/({denominator}))"


class _RoundedLog(sympy.Function):
    """``⌈log_b x⌉`` or ``⌊log_b x⌋`` printed as the exact vectorized functions."""

    nargs = 3

    def _numpycode(self, printer: Any) -> str:
        x, base, direction = self.args
        function = "numpy_ceil_log" if direction == 1 else "numpy_floor_log"
        name = printer._module_format(f"costmodel.functions.{function}")
        return f"{name}({printer._print(x)}, {printer._print(base)})"


def _exact_steps(expr: sympy.Expr) -> sympy.Expr:
    """Ceilings and floors made exact in floating point.

    A quotient under the step is one division (see :class:`_Quotient`); a logarithm under
    it is rounded in integer arithmetic (``ceil(log(2**29)/log(2))`` is 30 in floats).
    """

    def rewrite(node: sympy.Expr) -> sympy.Expr:
        if isinstance(node.args[0], Log):
            x, base = node.args[0].args
            return cast(
                sympy.Expr, _RoundedLog(x, base, 1 if isinstance(node, sympy.ceiling) else 0)
            )
        numerator, denominator = numerator_denominator(node.args[0])
        if denominator == 1:
            return node
        return type(node)(_Quotient(numerator, denominator))

    return cast(
        sympy.Expr, expr.replace(lambda e: isinstance(e, sympy.ceiling | sympy.floor), rewrite)
    )


@lru_cache(maxsize=256)
def _compiled(exprs: tuple[sympy.Expr, ...], symbols: tuple[sympy.Symbol, ...]) -> Any:
    # one function for all expressions, common subexpressions (the segment count) computed once
    exact = [_exact_steps(e) for e in exprs]
    # dummify: a parameter called ``ceil`` or ``log`` must not shadow numpy's functions
    return sympy.lambdify(symbols, exact, modules="numpy", cse=True, dummify=True)


def numeric_function(exprs: Sequence[sympy.Expr], symbols: Sequence[sympy.Symbol]) -> Any:
    """A cached numpy function of ``symbols`` returning the list of plain ``exprs``."""
    return _compiled(tuple(exprs), tuple(symbols))


def _grid(name: str, spec: Any, unit: Any) -> np.ndarray:
    """Swept values of ``name`` as floats in ``unit`` (its parameter's unit)."""
    magnitude, given = _grid_spec(name, spec)
    if given.dimensionality != unit.dimensionality:
        raise DimensionError(
            f"{name}: swept in {format_unit(given)}, expected {format_unit(unit)}",
            term=name,
            unit=given,
            expected=unit,
        )
    given_values = _floats(name, magnitude)
    factor = conversion_factor(given, unit)
    values = given_values * float(factor) if factor != 1 else given_values
    if not np.all((values >= 0) & (values < np.inf)):  # one pass: NaN fails both
        if not np.all(np.isfinite(values)):
            raise ParameterValueError(f"{name}: sweep values must be finite")
        raise ParameterValueError(f"{name}: sweep values must not be negative")
    if factor != 1 and np.any((values == 0) & (given_values != 0)):
        raise ParameterValueError(
            f"{name}: a swept value underflows to zero in {format_unit(unit)}; give it in a "
            f"larger unit or evaluate it exactly with Model.evaluate"
        )
    return values


def _grid_spec(name: str, spec: Any) -> tuple[Any, Any]:
    """``(magnitudes, unit)`` of a sweep: ``(array, "unit")``, quantities, or a quantity."""
    if isinstance(spec, ureg.Quantity):
        return spec.magnitude, spec.units
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], str):
        return spec[0], parse_unit(spec[1], name=name)
    if isinstance(spec, Sequence | np.ndarray) and not isinstance(spec, str):
        return _quantities(name, spec)
    raise UnitError(
        f"{name}: sweep values must be (array, 'unit'), a list of quantities, or a "
        f"quantity with an array magnitude; got {type(spec).__name__}"
    )


def _quantities(name: str, spec: Sequence[Any] | np.ndarray) -> tuple[list[float], Any]:
    """A list of quantities as magnitudes in the first one's unit (one dimension for all)."""
    quantities = [parse_quantity(item, name=name) for item in spec]
    if not quantities:
        raise ParameterValueError(f"{name}: empty sweep")
    given = quantities[0].units
    for quantity in quantities[1:]:
        if quantity.dimensionality != given.dimensionality:
            raise DimensionError(
                f"{name}: swept values mix {format_unit(given)} and {format_unit(quantity.units)}",
                term=name,
                unit=quantity.units,
                expected=given,
            )
    return [float(magnitude_in(q, given)) for q in quantities], given


def _floats(name: str, magnitude: Any) -> np.ndarray:
    """``magnitude`` as a float array of at least one dimension."""
    try:
        values = np.asarray(magnitude, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise InputError(
            f"{name}: sweep values must be numbers, got {type(magnitude).__name__} "
            f"{str(magnitude)[:40]!r}"
        ) from None
    return values.reshape(1) if values.ndim == 0 else values


@dataclass(frozen=True)
class SweepResult:
    """Swept inputs and results as float arrays, each with its unit."""

    inputs: Mapping[str, tuple[np.ndarray, str]]
    terms: Mapping[str, np.ndarray]
    total: np.ndarray
    unit: str

    def to(self, unit: str) -> SweepResult:
        """The same results in another unit (a float factor on the arrays)."""
        factor = float(conversion_factor(self.unit, unit))
        return SweepResult(
            inputs=self.inputs,
            terms={n: a * factor for n, a in self.terms.items()},
            total=self.total * factor,
            unit=format_unit(unit),
        )

    def to_dataframe(self) -> Any:
        """A pandas DataFrame: one column per input and term, units in the column names."""
        import pandas as pd  # type: ignore[import-untyped]  # optional, and without types

        columns: dict[str, Any] = {}
        for name, (values, unit) in self.inputs.items():
            columns[f"{name} [{unit}]"] = np.broadcast_to(values, self.total.shape).ravel()
        for name, values in self.terms.items():
            columns[f"{name} [{self.unit}]"] = np.broadcast_to(values, self.total.shape).ravel()
        columns[f"total [{self.unit}]"] = self.total.ravel()
        return pd.DataFrame(columns)


def sweep(
    model: Model,
    values: Mapping[str, Any],
    over: Mapping[str, Any],
    *,
    unit: str | None = None,
    mesh: bool = False,
    breakdown: bool = True,
    max_points: int = MAX_SWEEP_POINTS,
) -> SweepResult:
    """Evaluate ``model`` at ``values`` with the parameters in ``over`` swept.

    ``over`` maps names to ``(array, "unit")``, a list of quantities (strings or pint),
    or a quantity with an array magnitude.  Arrays broadcast together; ``mesh=True``
    makes the outer product of one-dimensional grids instead.  ``breakdown=False``
    computes the total alone (``terms`` is then empty), which is faster.  At most
    ``max_points`` points (:data:`MAX_SWEEP_POINTS`, 10^7: about 80 MB per array, a few
    seconds) are swept; more is refused before anything is computed.
    """
    for name in over:
        if name not in model.parameter_names:
            raise UnknownParameterError(
                f"cannot sweep {name!r}: not a parameter of {model.name}"
                f"{did_you_mean(name, model.parameter_names)}"
            )
    by_name = {p.name: p for p in model.parameters}
    swept_params = [by_name[name] for name in over]  # in the order given
    fixed_subs = _fixed_substitutions(model, values, swept_params)
    grids = {p.name: _grid(p.name, over[p.name], p.pint_unit) for p in swept_params}
    for p in swept_params:
        _check_swept(p, grids[p.name])
    max_points = check_limit("max_points", max_points)
    arrays, shape = _broadcast(
        swept_params, [grids[p.name] for p in swept_params], mesh, max_points
    )
    target = parse_unit(unit) if unit is not None else model.pint_unit
    factor = float(conversion_factor(model.pint_unit, target))
    names = [name for name, _ in model._plain_terms] if breakdown else []
    exprs = [substitute(expr, fixed_subs) for _, expr in model._plain_terms]
    wanted = [*exprs, sympy.Add(*exprs)] if breakdown else [sympy.Add(*exprs)]
    with np.errstate(all="ignore"):  # overflow is reported below, once, by name
        outputs = numeric_function(wanted, tuple(p.symbol for p in swept_params))(*arrays)
    for name, output in zip([*names, "total"], outputs, strict=False):
        if not np.all(np.isfinite(output)):
            raise ParameterValueError(
                f"{name}: not a finite float at some swept values (the numbers overflow "
                f"float64 or divide by zero); evaluate those points exactly with "
                f"Model.evaluate"
            )

    def shaped(values: Any) -> np.ndarray:
        array = np.asarray(values, dtype=float)
        if array.shape != shape:
            array = np.broadcast_to(array, shape).copy()
        return array * factor if factor != 1 else array

    terms = {name: shaped(values) for name, values in zip(names, outputs[:-1], strict=True)}
    total = shaped(outputs[-1])
    inputs = {
        p.name: (a, format_unit(p.pint_unit)) for p, a in zip(swept_params, arrays, strict=True)
    }
    return SweepResult(inputs=inputs, terms=terms, total=total, unit=format_unit(target))


def _fixed_substitutions(
    model: Model, values: Mapping[str, Any], swept: Sequence[Any]
) -> dict[sympy.Symbol, sympy.Rational]:
    """Every fixed value checked exactly and substituted; swept ones are checked as arrays
    (a swept parameter missing from ``values`` gets a valid placeholder for the check)."""
    names = {p.name for p in swept}
    fixed = {k: v for k, v in values.items() if k not in names}
    placeholders = {
        p.name: (values[p.name] if values.get(p.name) is not None else _one(p)) for p in swept
    }
    subs = model.substitutions({**fixed, **placeholders})
    for p in swept:
        subs.pop(p.symbol)
    return subs


def _check_swept(param: Any, grid: np.ndarray) -> None:
    """The rules of ``param`` (whole, at least its minimum, positive) on its swept values."""
    if param.integral and np.any(grid != np.rint(grid)):
        raise ParameterValueError(f"{param.name}: swept values must be whole numbers")
    if param.minimum is not None and np.any(grid < param.minimum):
        raise ParameterValueError(f"{param.name}: swept values must be at least {param.minimum}")
    if not param.allow_zero and np.any(grid == 0):
        raise ParameterValueError(f"{param.name}: swept values must be positive")


def _broadcast(
    swept: Sequence[Any], arrays: list[np.ndarray], mesh: bool, max_points: int
) -> tuple[list[np.ndarray], tuple[int, ...]]:
    """The swept arrays (their outer product with ``mesh``) and the shape they broadcast to,
    at most ``max_points`` points (checked before any array of that size is made)."""
    if mesh:
        shape: tuple[int, ...] = tuple(a.size for a in arrays)
    else:
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
        except ValueError:
            shapes = ", ".join(f"{p.name} {a.shape}" for p, a in zip(swept, arrays, strict=True))
            raise ParameterValueError(
                f"swept arrays of shapes that do not broadcast together ({shapes}); give "
                f"arrays of one shape, or one-dimensional grids with mesh=True"
            ) from None
    points = math.prod(shape)
    if points > max_points:
        raise ParameterValueError(
            f"sweep: {points} points is more than max_points={max_points} (each array of "
            f"that many float64 values takes {points * 8 // 2**20} MiB); sweep in pieces or "
            f"pass a larger max_points="
        )
    if mesh:
        arrays = list(np.meshgrid(*arrays, indexing="ij"))
    return arrays, shape


def _one(param: Any) -> str:
    """A placeholder valid value for a swept parameter missing from ``values``."""
    value = max(param.minimum or 1, 1)
    return f"{value} {param.unit}" if param.unit else str(value)
