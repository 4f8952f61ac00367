"""Plots (matplotlib, an optional extra, imported only when a plot is made).

Every function returns the matplotlib ``Figure`` and, given ``path``, saves it as both
PNG and PDF (``path`` with each suffix).  Axes carry units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from costmodel.analysis.breakeven import Breakeven
from costmodel.analysis.conditions import Tradeoff, folded_state_bounds
from costmodel.analysis.sweep import sweep
from costmodel.errors import CostModelError
from costmodel.model import Model
from costmodel.units import Q_, conversion_factor, format_unit, parse_unit

__all__ = ["plot_breakdown", "plot_breakeven", "plot_tradeoff", "pyplot", "save"]


def pyplot() -> Any:
    """matplotlib's ``pyplot``, on a file backend unless a notebook or a shell chose one."""
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise CostModelError('plots need matplotlib: pip install "costmodel[plot]"') from None
    if matplotlib.get_backend().lower() not in {"agg", "pdf", "svg"} and not _interactive():
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _interactive() -> bool:
    import sys

    return hasattr(sys, "ps1") or "ipykernel" in sys.modules


def save(figure: Any, path: str | Path) -> list[Path]:
    """Write ``figure`` as ``path.png`` and ``path.pdf``; returns both paths."""
    stem = Path(path).with_suffix("")
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix in (".png", ".pdf"):
        target = stem.with_suffix(suffix)
        figure.savefig(target, dpi=150, bbox_inches="tight")
        written.append(target)
    return written


def _finish(
    figure: Any, axes: Any, *, xlabel: str, ylabel: str, title: str, path: str | Path | None
) -> Any:
    """Log y axis, labels, title, grid and legend; saved as PNG and PDF when ``path`` is set."""
    axes.set_yscale("log")
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    if path is not None:
        save(figure, path)
    return figure


def _axis_label(name: str, unit: str) -> str:
    return f"{name.replace('_', ' ')} [{unit}]" if unit not in ("", "1") else name.replace("_", " ")


def plot_breakdown(
    model: Model,
    values: Mapping[str, Any],
    over: str,
    grid: Any,
    *,
    unit: str = "GB",
    path: str | Path | None = None,
    log_x: bool = True,
) -> Any:
    """The total and each term of ``model`` against one parameter swept over ``grid``.

    ``grid`` is ``(array, "unit")`` or a list of quantities, as for :func:`sweep`.
    """
    plt = pyplot()
    result = sweep(model, values, {over: grid}, unit=unit)
    x, x_unit = result.inputs[over]
    shown_unit = grid[1] if isinstance(grid, tuple) else x_unit
    x_shown = x * float(conversion_factor(x_unit, shown_unit))
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(x_shown, result.total, label="total", color="0.75", linewidth=5, zorder=1)
    for name, values_of_term in result.terms.items():
        axes.plot(x_shown, values_of_term, label=name, zorder=2)
    if log_x:
        axes.set_xscale("log")
    return _finish(
        figure,
        axes,
        xlabel=_axis_label(over, format_unit(shown_unit)),
        ylabel=f"communication [{result.unit}]",
        title=f"{model.name}: communication by phase",
        path=path,
    )


def plot_breakeven(
    result: Breakeven,
    values: Mapping[str, Any],
    over: str,
    grid: Sequence[Any],
    *,
    bounds: Mapping[str, Any] | None = None,
    unit: str = "kB",
    path: str | Path | None = None,
) -> Any:
    """The break-even value (``W*``) against one parameter, with lower bounds drawn on it.

    ``grid`` is a list of quantities for ``over``; ``bounds`` maps labels to quantities
    of the break-even's dimension (default: the folded states of Nova and Nova + CycleFold
    at their measured circuits, :func:`costmodel.analysis.folded_state_bounds`; the seed
    note's rounded bounds are :func:`costmodel.studies.seed_note.note_verifier_bounds`).
    """
    plt = pyplot()
    bounds = folded_state_bounds() if bounds is None else bounds
    target = parse_unit(unit)
    points = [Q_(item) if isinstance(item, str) else item for item in grid]
    x_unit = points[0].units
    xs = np.array([float(p.to(x_unit).magnitude) for p in points])
    ys = np.array(
        [float(result.evaluate({**values, over: p}).value.to(target).magnitude) for p in points]
    )
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(
        xs,
        ys,
        label=f"{result.solve_for.name}* (break-even)",
        color="black",
        linewidth=2,
        marker="o" if len(xs) <= 30 else None,
    )
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for index, (label, bound) in enumerate(bounds.items()):
        axes.axhline(
            float(Q_(bound).to(target).magnitude),
            linestyle="--",
            label=label,
            color=colors[index % len(colors)],
        )
    if xs.max() / xs.min() >= 10:
        axes.set_xscale("log")
    return _finish(
        figure,
        axes,
        xlabel=_axis_label(over, format_unit(x_unit)),
        ylabel=_axis_label(result.solve_for.name, format_unit(target)),
        title=f"{result.left.label} vs {result.right.label}",
        path=path,
    )


def plot_tradeoff(
    tradeoff: Tradeoff,
    values: Mapping[str, Any],
    witness_sizes: Sequence[Any],
    *,
    unit: str = "GB",
    path: str | Path | None = None,
) -> Any:
    """Proving overhead factor and communication against the folded witness size."""
    plt = pyplot()
    points = tradeoff.at(values, witness_sizes)
    xs = np.array([float(p.folded_witness_size.to("kB").magnitude) for p in points])
    overhead = np.array([float(p.overhead) for p in points])
    communication = np.array([float(p.communication.to(unit).magnitude) for p in points])
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(xs, overhead, color="tab:red", label="proving overhead 1/(1 - share)")
    axes.set_xscale("log")
    axes.set_xlabel("folded witness size [kB]")
    axes.set_ylabel("proving overhead factor")
    second = axes.twinx()
    second.plot(xs, communication, color="tab:blue", label="communication")
    second.set_ylabel(f"communication [{format_unit(unit)}]")
    axes.set_title("folding: communication against verification overhead")
    handles = axes.get_legend_handles_labels()[0] + second.get_legend_handles_labels()[0]
    axes.legend(handles, [h.get_label() for h in handles], loc="upper center")
    axes.grid(True, which="both", alpha=0.3)
    if path is not None:
        save(figure, path)
    return figure
