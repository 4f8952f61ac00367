"""Results as :class:`~costmodel.render.table.Table`\\ s: evaluations, break-evens, elasticities,
presets and sweeps, each one table the command line and notebooks write in any format.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> print(write_table(evaluation_table(costmodel.recursive_stark().evaluate(seed))))
recursive_stark
term                  value     share
--------------  -----------  --------
snapshots             50 GB   98.04 %
segment proofs       250 MB    0.49 %
aggregation       749.25 MB    1.47 %
total           50.99925 GB  100.00 %
<BLANKLINE>
segments: 1000 segment
joins: 999
items shipped: 3997
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from costmodel.render.table import Table, Value, write_table
from costmodel.units import Q_, format_quantity

__all__ = [
    "breakeven_table",
    "elasticity_table",
    "evaluation_table",
    "preset_table",
    "write_table",
]


def evaluation_table(result: Any, unit: str | None = None, *, digits: int = 10) -> Table:
    """Term, value and share of an :class:`~costmodel.model.Evaluation`, then the total;
    derived counts (segments, joins) as notes.  ``unit``: every value in it (``"GB"``)."""
    total = Fraction(result.total.magnitude)
    rows = []
    for name, quantity in result.terms.items():
        share = Value.share(Fraction(quantity.magnitude) / total) if total else "-"
        rows.append((name, Value.quantity(quantity, unit, digits=digits), share))
    rows.append(
        ("total", Value.quantity(result.total, unit, digits=digits), Value.share(Fraction(1)))
    )
    if not total:
        rows[-1] = (*rows[-1][:2], "-")
    notes = [
        f"{name}: {format_quantity(quantity, digits=digits)}"
        for name, quantity in result.derived.items()
    ]
    return Table.of(
        ("term", "value", "share"), rows, right=(1, 2), title=result.model.name, notes=notes
    )


def breakeven_table(
    result: Any, point: Any = None, unit: str | None = None, *, digits: int = 10
) -> Table:
    """A break-even (:class:`~costmodel.analysis.breakeven.Breakeven`) in one row: sides,
    parameter, value at ``point`` (a :class:`~costmodel.analysis.point.BreakevenPoint`),
    who is cheaper below and above it; the closed form and its conditions as notes."""
    value: Any = "-"
    below = above = "-"
    if point is not None:
        if point.interval is not None and point.value is None:
            value = "everywhere"
        else:
            value = Value.quantity(point.value, unit, digits=digits)
            if not point.exact:
                value = Value(f"{value.text} (numeric)", value.exact, value.unit)
        below, above = point.cheaper_below or "-", point.cheaper_above or "-"
    notes = []
    if result.solution is not None:
        notes.append(f"{result.solve_for.name} = {result.solution}")
    notes += [f"when {condition}" for condition in result.conditions]
    if result.reason:
        notes.append(result.reason)
    row = (result.left.label, result.right.label, result.solve_for.name, value, below, above)
    columns = ("left", "right", "solve for", "value", "cheaper below", "cheaper above")
    return Table.of(columns, [row], right=(3,), title="break-even", notes=notes)


def elasticity_table(elasticities: Sequence[Any], *, digits: int = 4) -> Table:
    """Parameter, elasticity (``d ln total / d ln parameter``) and whether it is exact."""
    rows = [
        (e.name, Value.number(e.value, digits=digits), "exact" if e.exact else "approximate")
        for e in elasticities
    ]
    return Table.of(("parameter", "elasticity", ""), rows, right=(1,), title="elasticities")


def preset_table(
    preset: Mapping[str, Any], unit: Mapping[str, str] | None = None, *, digits: int = 10
) -> Table:
    """Each value of a preset with its source (``est.`` marks estimates, ``[low, high]``
    the published range)."""
    sources = getattr(preset, "sources", {})
    rows = []
    for name, value in preset.items():
        quantity = value if hasattr(value, "units") else Q_(value, "")
        source = sources.get(name)
        where = "-"
        if source is not None:
            where = str(getattr(source, "source", None) or source)
            if getattr(source, "estimate", False):
                where = f"est. {where}"
            low, high = getattr(source, "low", None), getattr(source, "high", None)
            if low is not None or high is not None:
                shown = [format_quantity(end) if end is not None else "" for end in (low, high)]
                where += f" [{shown[0]}, {shown[1]}]"
        shown_unit = (unit or {}).get(name)
        rows.append((name, Value.quantity(quantity, shown_unit, digits=digits), where))
    title = getattr(preset, "name", "values")
    variant = getattr(preset, "variant", None)
    title = f"{title}:{variant}" if variant else title
    return Table.of(("parameter", "value", "source"), rows, right=(1,), title=title)
