"""A preset value given as a law of other parameters, optionally fitted to a published table.

::

    [parameters.proof_size]
    value = 273200                  # the value at the preset's own point, as published
    unit = "B/proof"
    law = "base + per_doubling * log(segment_cycles, 2)"
    coefficients = { base = "kB/proof", per_doubling = "kB/proof" }   # bare units: fitted
    fitted = [["32768 cycle/segment", "201.3 kB/proof"], ...]        # the table's rows
    residual = "9 kB/proof"         # the fit must reproduce every row within this
    source = "..."
    quote = "..."

Coefficients given with a number are used as they are; coefficients given as a bare unit are
fitted to the ``fitted`` rows exactly (:func:`costmodel.laws.fit`), and the loader refuses the
preset if a row is further than ``residual`` from the fitted law.
"""

from __future__ import annotations

from typing import Any

from costmodel.errors import CostModelError, PresetError
from costmodel.laws import Law, fit, law
from costmodel.symbols import VOCABULARY
from costmodel.units import format_quantity, parse_quantity

__all__ = ["LAW_KEYS", "read_law"]

#: The keys of a preset entry that give a law.
LAW_KEYS = ("law", "coefficients", "fitted", "residual")


def read_law(entry: dict[str, Any], name: str, where: str) -> Law | None:
    """The entry's :class:`~costmodel.laws.Law`, fitted if it says so, or ``None``."""
    if "law" not in entry:
        stray = [key for key in LAW_KEYS if key in entry]
        if stray:
            raise PresetError(f"{where}: {name}: {stray[0]} without a law")
        return None
    formula, coefficients = entry["law"], entry.get("coefficients", {})
    if not isinstance(formula, str):
        raise PresetError(f"{where}: {name}: law must be a formula string")
    if not isinstance(coefficients, dict) or not all(
        isinstance(v, str | int) and not isinstance(v, bool) for v in coefficients.values()
    ):
        raise PresetError(
            f"{where}: {name}: coefficients must map names to quantities or bare units"
        )
    source = f'{entry["source"]}: "{entry["quote"]}"'
    try:
        made = law(name, formula, coefficients, source=source)
    except CostModelError as exc:
        raise PresetError(f"{where}: {exc}") from None
    if "fitted" not in entry:
        if made.unknown:
            raise PresetError(
                f"{where}: {name}: coefficients {', '.join(made.unknown)} have no value; "
                f"give them, or the table to fit them to (fitted = [[input, value], ...])"
            )
        return made
    return _fitted(made, entry, name, where)


def _fitted(made: Law, entry: dict[str, Any], name: str, where: str) -> Law:
    rows = entry["fitted"]
    if not isinstance(rows, list) or not all(
        isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row)
        for row in rows
    ):
        raise PresetError(
            f"{where}: {name}: fitted must be a list of [input, value] pairs of quantity strings"
        )
    if "residual" not in entry or not isinstance(entry["residual"], str):
        raise PresetError(f"{where}: {name}: a fitted law states its residual (a quantity)")
    try:
        bound = parse_quantity(entry["residual"], name=f"{name} residual")
        VOCABULARY[name].exact_value(bound) if bound.magnitude else None
        result = fit(made, {row[0]: row[1] for row in rows})
    except CostModelError as exc:
        raise PresetError(f"{where}: {name}: {exc}") from None
    if result.residual > bound:
        raise PresetError(
            f"{where}: {name}: the fitted law misses a row by {format_quantity(result.residual)}, "
            f"more than the stated residual {entry['residual']}"
        )
    return result.law
