"""The design grids the optimizer and Pareto fronts search: the choices a parameter may
take (lists of values, powers of two, a continuous :class:`Interval`), read exactly, and the
designs of their Cartesian product.

>>> powers_of_two(19, 21)
['524288 cycle/segment', '1048576 cycle/segment', '2097152 cycle/segment']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel.errors import InputError, ParameterValueError
from costmodel.model import Model
from costmodel.symbols import Param
from costmodel.units import Q_

__all__ = [
    "Interval",
    "as_values",
    "choices_of",
    "designs",
    "given_value",
    "parameters_of_models",
    "powers_of_two",
    "product_of",
    "values_for",
]


def powers_of_two(low: int, high: int, unit: str = "cycle/segment") -> list[str]:
    """``2^low .. 2^high`` in ``unit``: the segment sizes zkVMs allow.

    >>> powers_of_two(19, 21)
    ['524288 cycle/segment', '1048576 cycle/segment', '2097152 cycle/segment']
    """
    if (
        isinstance(low, bool)
        or isinstance(high, bool)
        or not isinstance(low, int)
        or not (isinstance(high, int))
    ):
        raise InputError(f"powers_of_two: exponents are whole numbers, got {low!r}, {high!r}")
    if low > high or high - low > 64 or low < 0:
        raise ParameterValueError(
            f"powers_of_two: expected 0 <= low <= high <= low + 64, got {low}, {high}"
        )
    return [f"{2**exponent} {unit}" for exponent in range(low, high + 1)]


@dataclass(frozen=True)
class Interval:
    """A continuous range of a parameter, both ends included: ``Interval("1 GB", "8 GB")``."""

    low: Any
    high: Any


def parameters_of_models(models: Iterable[Model]) -> dict[str, Param]:
    found: dict[str, Param] = {}
    for model in models:
        for p in model.parameters:
            found.setdefault(p.name, p)
    return found


def choices_of(param: Param, spec: Any) -> list[Fraction] | Interval:
    if isinstance(spec, Interval):
        low, high = param.exact_value(spec.low), param.exact_value(spec.high)
        if low > high:
            raise ParameterValueError(f"{param.name}: the interval's low end is above its high end")
        return Interval(low, high)
    if isinstance(spec, str) or not isinstance(spec, Iterable):
        raise InputError(
            f"{param.name}: give a list of values, a range, powers_of_two(...) or an Interval, "
            f"got {spec!r}"
        )
    values = []
    for item in spec:
        if isinstance(item, int) and param.unit and not isinstance(item, bool):
            item = f"{item} {param.unit}"
        values.append(param.exact_value(item))
    if not values:
        raise ParameterValueError(f"{param.name}: no values to choose from")
    return sorted(set(values))


def given_value(param: Param, value: Fraction) -> Any:
    return Q_(value, param.unit) if param.unit else value


def values_for(model: Model, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` without the options the model was built with (``arity=2``) when it does not
    depend on them: a peak-memory model is the same whatever arity is being tried."""
    return {
        name: value
        for name, value in values.items()
        if name not in model.fixed or name in model.parameter_names
    }


def as_values(point: Mapping[str, Fraction], params: Mapping[str, Param]) -> dict[str, Any]:
    return {name: given_value(params[name], value) for name, value in point.items()}


def designs(grids: Mapping[str, list[Fraction]]) -> Iterable[dict[str, Fraction]]:
    names = list(grids)
    for combination in product_of([grids[n] for n in names]):
        yield dict(zip(names, combination, strict=True))


def product_of(grids: list[list[Fraction]]) -> Iterable[tuple[Fraction, ...]]:
    if not grids:
        yield ()
        return
    for head in grids[0]:
        for tail in product_of(grids[1:]):
            yield (head, *tail)
