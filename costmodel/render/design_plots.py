"""Plots of the design space: a Pareto front with the dominated designs greyed, and a tornado
chart of each parameter's swing (matplotlib, imported only when a plot is made).

Both return the matplotlib ``Figure`` and, given ``path``, save it as PNG and PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from costmodel.analysis.pareto import ParetoFront
from costmodel.analysis.uncertainty import Swing
from costmodel.errors import InputError
from costmodel.render.plots import pyplot, save
from costmodel.symbols import VOCABULARY
from costmodel.units import Q_, format_quantity, format_unit, parse_unit

__all__ = ["plot_pareto", "plot_tornado"]


def _label(design: Mapping[str, Fraction]) -> str:
    parts = []
    for name, value in design.items():
        parts.append(f"{name.replace('_', ' ')} {_value_text(name, value)}")
    return ", ".join(parts)


def _magnitudes(quantities: Sequence[Any], unit: Any) -> list[float]:
    return [float(q.to(unit).magnitude) for q in quantities]


def plot_pareto(
    front: ParetoFront,
    *,
    units: tuple[str, str] | None = None,
    names: tuple[str, str] | None = None,
    label: Callable[[Mapping[str, Fraction]], str] | None = None,
    log: bool = True,
    title: str = "Pareto front",
    path: str | Path | None = None,
) -> Any:
    """Every design as a point of its two costs: the non-dominated front joined and labelled,
    the dominated designs in grey.

    ``units`` shows the two costs in other units (``("s", "USD")``), ``names`` names the
    axes (default: the models' names); ``label`` writes a design's label (default: its
    parameters and values); ``log`` puts both axes on log scales (the default: costs that
    span decades).
    """
    if not isinstance(front, ParetoFront):
        raise InputError(f"plot_pareto: expected a ParetoFront (costmodel.pareto), got {front!r}")
    plt = pyplot()
    first_unit = parse_unit(units[0]) if units else front.points[0].first.units
    second_unit = parse_unit(units[1]) if units else front.points[0].second.units
    dominated = [p for p in front.points if p.dominated]
    kept = front.front
    figure, axes = plt.subplots(figsize=(7, 4.5))
    if dominated:
        axes.scatter(
            _magnitudes([p.first for p in dominated], first_unit),
            _magnitudes([p.second for p in dominated], second_unit),
            color="0.75",
            s=18,
            label=f"dominated ({len(dominated)})",
            zorder=2,
        )
    xs = _magnitudes([p.first for p in kept], first_unit)
    ys = _magnitudes([p.second for p in kept], second_unit)
    axes.plot(xs, ys, "-o", color="tab:blue", label=f"front ({len(kept)})", zorder=3)
    write = label or _label
    for index, (point, x, y) in enumerate(zip(kept, xs, ys, strict=True)):
        axes.annotate(
            write(point.design),
            (x, y),
            textcoords="offset points",
            xytext=(6, 6) if index % 2 == 0 else (6, -11),  # alternate: neighbours apart
            fontsize=7,
            color="tab:blue",
        )
    first_name, second_name = names or tuple(name.rsplit(" [", 1)[0] for name in front.names)
    if log:
        axes.set_xscale("log")
        axes.set_yscale("log")
    axes.set_xlabel(f"{first_name.replace('_', ' ')} [{format_unit(first_unit)}]")
    axes.set_ylabel(f"{second_name.replace('_', ' ')} [{format_unit(second_unit)}]")
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    if path is not None:
        save(figure, path)
    return figure


def plot_tornado(
    swings: Sequence[Swing],
    base: Any,
    *,
    unit: str | None = None,
    title: str = "Tornado: each range alone",
    path: str | Path | None = None,
) -> Any:
    """One bar per parameter from the lowest total its range gives to the highest, the
    largest swing on top, each end labelled with the parameter's value there, and a line at
    ``base`` (the total at the values the swings were computed around)."""
    if not swings:
        raise InputError("plot_tornado: no swings (give parameters with ranges)")
    plt = pyplot()
    shown = parse_unit(unit) if unit else base.units
    centre = float(base.to(shown).magnitude)
    figure, axes = plt.subplots(figsize=(7.5, 0.6 * len(swings) + 1.6))
    ordered = list(reversed(list(swings)))  # largest last: drawn at the top
    for row, swing in enumerate(ordered):
        low, high = (float(q.to(shown).magnitude) for q in (swing.low, swing.high))
        axes.barh(row, high - low, left=low, color="tab:blue", alpha=0.75, height=0.55)
        for end, value, align, shift in (
            (low, swing.at_low, "right", -4),
            (high, swing.at_high, "left", 4),
        ):
            axes.annotate(
                _value_text(swing.name, value),
                (end, row),
                textcoords="offset points",
                xytext=(shift, 0),
                ha=align,
                va="center",
                fontsize=8,
            )
    axes.axvline(centre, color="black", linewidth=1)
    axes.set_yticks(range(len(ordered)))
    axes.set_yticklabels([s.name.replace("_", " ") for s in ordered])
    axes.set_xlabel(f"total [{format_unit(shown)}]")
    ends = [float(q.to(shown).magnitude) for s in swings for q in (s.low, s.high)] + [centre]
    span = (max(ends) - min(ends)) or 1.0
    axes.set_xlim(min(ends) - 0.3 * span, max(ends) + 0.3 * span)  # room for the labels
    axes.set_title(title)
    axes.grid(True, axis="x", alpha=0.3)
    if path is not None:
        save(figure, path)
    return figure


def _value_text(name: str, value: Fraction) -> str:
    unit = VOCABULARY[name].unit if name in VOCABULARY else ""
    return format_quantity(Q_(value, unit)) if unit else f"{value}"
