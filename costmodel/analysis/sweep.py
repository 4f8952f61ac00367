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
from typing import Any, Literal, cast

import numpy as np
import sympy

from costmodel.analysis.numeric import (
    FloatFlags,
    flags_reveal_non_finite,
    numeric_function,
    numeric_function_into,
)
from costmodel.errors import (
    DimensionError,
    InputError,
    ParameterValueError,
    UnitError,
    UnknownParameterError,
    check_limit,
    did_you_mean,
)
from costmodel.model import Model, values_key
from costmodel.sympy_calls import substitute
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


@dataclass(frozen=True)
class _Grid:
    """Swept values of one parameter in its unit, with what one pass learnt of them."""

    values: np.ndarray
    low: float  # the smallest value
    whole: bool  # known whole without looking (whole numbers given, a whole factor)


def _grid(name: str, spec: Any, unit: Any) -> _Grid:
    """Swept values of ``name`` as floats in ``unit`` (its parameter's unit), checked finite
    and not negative by their minimum and maximum (NaN makes both NaN)."""
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
    low, high = (values.min(), values.max()) if values.size else (0.0, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ParameterValueError(f"{name}: sweep values must be finite")
    if low < 0:
        raise ParameterValueError(f"{name}: sweep values must not be negative")
    if factor != 1 and low == 0 and np.any((values == 0) & (given_values != 0)):
        raise ParameterValueError(
            f"{name}: a swept value underflows to zero in {format_unit(unit)}; give it in a "
            f"larger unit or evaluate it exactly with Model.evaluate"
        )
    given_whole = isinstance(magnitude, np.ndarray) and magnitude.dtype.kind in "iub"
    return _Grid(values, float(low), given_whole and factor.q == 1)


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
    function, flagged = _plan(model, values, swept_params, breakdown)
    grids = {p.name: _grid(p.name, over[p.name], p.pint_unit) for p in swept_params}
    for p in swept_params:
        _check_swept(p, grids[p.name])
    max_points = check_limit("max_points", max_points)
    arrays, shape = _broadcast(
        swept_params, [grids[p.name].values for p in swept_params], mesh, max_points
    )
    target = parse_unit(unit) if unit is not None else model.pint_unit
    factor = float(conversion_factor(model.pint_unit, target))
    names = [name for name, _ in model._plain_terms] if breakdown else []
    outputs = _apply(function, arrays, shape, [*names, "total"], factor, flagged=flagged)
    terms = dict(zip(names, outputs[:-1], strict=True))
    inputs = {
        p.name: (a, format_unit(p.pint_unit)) for p, a in zip(swept_params, arrays, strict=True)
    }
    return SweepResult(inputs=inputs, terms=terms, total=outputs[-1], unit=format_unit(target))


def _plan(
    model: Model, values: Mapping[str, Any], swept: Sequence[Any], breakdown: bool
) -> tuple[Any, bool]:
    """The numpy function of the swept parameters storing the terms (with ``breakdown``) and
    the total, every fixed value substituted exactly, and whether floating-point flags
    reveal every value of it that is not finite (:func:`flags_reveal_non_finite`).
    Remembered per model and values (by :func:`~costmodel.model.values_key`), so a repeated
    sweep skips the checks it passed and the substitution it made."""
    value_key = values_key(values) if isinstance(values, Mapping) else None
    key = (tuple(p.name for p in swept), breakdown, value_key)
    plans = model._plans
    if value_key is not None and key in plans:
        return cast(tuple[Any, bool], plans[key])
    fixed_subs = _fixed_substitutions(model, values, swept)
    exprs = [substitute(expr, fixed_subs) for _, expr in model._plain_terms]
    wanted = [*exprs, sympy.Add(*exprs)] if breakdown else [sympy.Add(*exprs)]
    plan = (
        numeric_function_into(wanted, tuple(p.symbol for p in swept)),
        flags_reveal_non_finite(wanted),
    )
    if value_key is not None:
        if len(plans) >= _PLANS_KEPT:
            plans.pop(next(iter(plans)))
        plans[key] = plan
    return plan


_PLANS_KEPT = 32


def _apply(
    function: Any,
    arrays: list[np.ndarray],
    shape: tuple[int, ...],
    labels: list[str],
    factor: float,
    *,
    flagged: bool = False,
) -> list[np.ndarray]:
    """The outputs of ``function`` (named by ``labels``) over the swept arrays, each of
    ``shape``, times ``factor``: stored by ``function`` into one preallocated array, block
    by block when the arrays all have the shape (their temporaries stay in cache), else in
    one call.  A value that is not a finite float is an error naming the first such output
    in ``labels``' order.

    The swept values are finite (checked).  With ``flagged`` (the function makes a value that
    is not finite out of finite ones only by raising a floating-point flag), a block is
    looked at only when a numpy operation on it raised a flag; otherwise every block is."""
    count = len(labels)
    size = int(np.prod(shape))
    out = np.empty((count, size))
    finite = np.ones(count, dtype=bool)
    same = all(a.shape == shape for a in arrays)
    step = BLOCK if same and size > BLOCK else max(size, 1)
    flat = [a.reshape(-1) for a in arrays] if same else arrays
    flags = FloatFlags()
    # overflow is reported below, once, by name
    watch: Literal["call", "ignore"] = "call" if flagged else "ignore"
    with np.errstate(over=watch, divide=watch, invalid=watch, under="ignore", call=flags):
        for start in range(0, size, step):
            block = out[:, start : start + step]
            flags.raised = False
            if same:
                function(*(a[start : start + step] for a in flat), block)
            else:
                function(*flat, out.reshape(count, *shape))
            if block.size and finite.any() and (flags.raised or not flagged):
                finite &= _rows_finite(block)
            if factor != 1:
                block *= factor
    for name, ok in zip(labels, finite, strict=True):
        if not ok:
            raise ParameterValueError(
                f"{name}: not a finite float at some swept values (the numbers overflow "
                f"float64 or divide by zero); evaluate those points exactly with "
                f"Model.evaluate"
            )
    return list(out.reshape(count, *shape))


def _rows_finite(block: np.ndarray) -> np.ndarray:
    """Whether each row of ``block`` holds finite floats only (no infinity, no NaN)."""
    return cast(np.ndarray, np.isfinite(block).all(axis=1))


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


#: Elements per block: the whole-number check and the compiled function run a block at a
#: time, so their temporaries stay in the processor's cache.
BLOCK = 1 << 15


def _check_swept(param: Any, grid: _Grid) -> None:
    """The rules of ``param`` (whole, at least its minimum, positive) on its swept values:
    the bounds from the minimum, wholeness block by block (none for whole numbers given)."""
    if param.integral and not grid.whole and not _whole_numbers(grid.values):
        raise ParameterValueError(f"{param.name}: swept values must be whole numbers")
    if param.minimum is not None and grid.low < param.minimum:
        raise ParameterValueError(f"{param.name}: swept values must be at least {param.minimum}")
    if not param.allow_zero and grid.values.size and grid.low == 0:
        raise ParameterValueError(f"{param.name}: swept values must be positive")


def _whole_numbers(values: np.ndarray) -> bool:
    """Whether every value is a whole number, compared with its rounding block by block
    (the rounding and the comparison written into two block-sized scratch arrays)."""
    flat = values.reshape(-1)
    rounded = np.empty(min(BLOCK, flat.size))
    differs = np.empty(rounded.size, dtype=bool)
    for start in range(0, flat.size, BLOCK):
        block = flat[start : start + BLOCK]
        size = block.size
        np.rint(block, out=rounded[:size])
        np.not_equal(block, rounded[:size], out=differs[:size])
        if differs[:size].any():
            return False
    return True


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
