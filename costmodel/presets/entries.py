"""One value of a preset file: the checks on its ``[parameters.NAME]`` table, and its source.

An entry has ``value`` (an integer or an exact decimal string such as ``"1e9"``), ``unit``,
``source`` and ``quote``; optionally ``estimate = true`` with its ``reasoning``, ``low``
and/or ``high`` around the value, and ``integral = true`` for a count that must be whole.

>>> quantity, source = read_entry(
...     {"value": "50", "unit": "MB/segment", "source": "a note", "quote": "50MB"},
...     "snapshot_size", "example.toml")
>>> quantity, str(source)
(<Quantity(50, 'MB/segment')>, 'a note: "50MB"')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel.errors import CostModelError, PresetError, did_you_mean, unknown_key
from costmodel.numbers import exact_number
from costmodel.presets.preset_laws import LAW_KEYS, read_law
from costmodel.symbols import VOCABULARY
from costmodel.units import Q_, format_quantity, parse_unit

__all__ = ["Source", "read_entry"]

_REQUIRED = ("value", "unit", "source", "quote")
#: keys an entry may have: the required ones, estimate + reasoning, a range, and
#: ``integral = true`` for a count that must be whole
_ALLOWED = frozenset({*_REQUIRED, "estimate", "reasoning", "low", "high", "integral", *LAW_KEYS})


@dataclass(frozen=True)
class Source:
    """Where a preset value was read: a citation and a quote (or location).

    ``estimate`` marks a value worked out rather than read, ``reasoning`` says how;
    ``low`` and ``high`` bound a value published as a range (quantities, or ``None``).
    """

    source: str
    quote: str
    estimate: bool = False
    reasoning: str = ""
    low: Any = None
    high: Any = None
    law: Any = None

    def __str__(self) -> str:
        text = f'{self.source}: "{self.quote}"'
        if self.low is not None or self.high is not None:
            low = "" if self.low is None else format_quantity(self.low, self.low.units)
            high = "" if self.high is None else format_quantity(self.high, self.high.units)
            text += f" [range {low} .. {high}]"
        if self.estimate:
            text += f" [estimate: {self.reasoning}]"
        if self.law is not None:
            text += f" [law: {self.law.formula}]"
        return text


def read_entry(entry: Any, name: str, where: str) -> tuple[Any, Source]:
    """One ``[parameters.NAME]`` table: its exact quantity and its :class:`Source`."""
    _check_keys(entry, name, where)
    _check_texts(entry, name, where)
    unit = entry["unit"]
    quantity = _quantity(entry["value"], unit, name, where, "value")
    estimate, reasoning = _estimate(entry, name, where)
    bounds = {key: _quantity(entry[key], unit, name, where, key) for key in _BOUNDS if key in entry}
    if entry.get("integral"):
        _check_whole(entry, name, where, {"value": quantity, **bounds})
    low, high = bounds.get("low"), bounds.get("high")
    if (low is not None and low > quantity) or (high is not None and high < quantity):
        raise PresetError(
            f"{where}: {name}: value {entry['value']!r} {unit} lies outside its range "
            f"{entry.get('low', '')} .. {entry.get('high', '')}"
        )
    source = Source(
        entry["source"].strip(),
        entry["quote"].strip(),
        estimate=estimate,
        reasoning=reasoning.strip(),
        low=low,
        high=high,
        law=read_law(entry, name, where),
    )
    return quantity, source


_BOUNDS = ("low", "high")


def _check_keys(entry: Any, name: str, where: str) -> None:
    """A table with every required key, no unknown one, and a boolean ``integral``."""
    if not isinstance(entry, dict):
        raise PresetError(f"{where}: {name} must be a table with {', '.join(_REQUIRED)}")
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise PresetError(f"{where}: {name} lacks {', '.join(missing)}")
    problem = unknown_key(name, entry, _ALLOWED)
    if problem:
        raise PresetError(f"{where}: {problem}")
    if not isinstance(entry.get("integral", False), bool):
        raise PresetError(f"{where}: {name}: integral must be true or false")


def _check_texts(entry: dict[str, Any], name: str, where: str) -> None:
    """A vocabulary name, a unit string, and a non-empty source and quote."""
    if name not in VOCABULARY:
        raise PresetError(f"{where}: unknown parameter {name!r}{did_you_mean(name, VOCABULARY)}")
    unit = entry["unit"]
    if not isinstance(unit, str):
        raise PresetError(f"{where}: {name}: unit must be a string, got {unit!r}")
    for key in ("source", "quote"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise PresetError(f"{where}: {name}: {key} must be a non-empty string")


def _estimate(entry: dict[str, Any], name: str, where: str) -> tuple[bool, str]:
    """``(estimate, reasoning)``: an estimate must say how it was worked out."""
    estimate = entry.get("estimate", False)
    if not isinstance(estimate, bool):
        raise PresetError(f"{where}: {name}: estimate must be true or false, got {estimate!r}")
    reasoning = entry.get("reasoning", "")
    if not isinstance(reasoning, str):
        raise PresetError(f"{where}: {name}: reasoning must be a string, got {reasoning!r}")
    if estimate and not reasoning.strip():
        raise PresetError(f"{where}: {name}: an estimate needs its reasoning, a non-empty string")
    return estimate, reasoning


def _check_whole(entry: dict[str, Any], name: str, where: str, checked: dict[str, Any]) -> None:
    """Every one of ``checked`` (key -> quantity) a whole number, as ``integral`` asks."""
    for key, quantity in checked.items():
        if Fraction(quantity.magnitude).denominator != 1:
            raise PresetError(
                f"{where}: {name}: the preset marks it a whole number of "
                f"{entry['unit']}, but its {key} is {entry[key]!r}"
            )


def _quantity(raw: Any, unit: str, name: str, where: str, key: str) -> Any:
    """``raw`` (an integer or an exact decimal string) in ``unit``, checked for ``name``."""
    try:
        magnitude = exact_number(raw, name=f"{name} {key}")  # text: the one number reader
        quantity = Q_(magnitude, parse_unit(unit))
        VOCABULARY[name].exact_value(quantity)  # unit, sign, zero and whole-number checks
    except PresetError:
        raise
    except CostModelError as exc:
        raise PresetError(f"{where}: {exc}") from None
    return quantity
