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
from costmodel.errors import CostModelError, DimensionError
from costmodel.model import Model
from costmodel.units import Q_, conversion_factor, format_unit, parse_unit, readable

__all__ = [
    "BREAKEVEN_WORDS",
    "MODEL_WORDS",
    "breakeven_words",
    "plot_breakdown",
    "plot_breakeven",
    "plot_tradeoff",
    "pyplot",
    "readable_log_axis",
    "save",
    "words",
]


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


#: Names of models, as a talk says them.
MODEL_WORDS: dict[str, str] = {
    "recursive_stark": "recursive STARK",
    "folding": "folding",
    "pcd_tree": "PCD tree",
    "pcd_node": "PCD node",
    "verifier_witness_bound": "verifier witness bound",
    "witness_accounting": "witness accounting",
}

#: What a break-even's parameter is called in words, before "break-even".
BREAKEVEN_WORDS: dict[str, str] = {
    "folded_witness_size": "folded-witness",
    "verifier_gates": "verifier-size",
    "segment_cycles": "segment-size",
    "arity": "arity",
}


def words(name: str) -> str:
    """A model's or term's name in words: ``recursive_stark`` -> ``recursive STARK``.

    >>> words("recursive_stark"), words("segment_proofs"), words("folding(arity=4)")
    ('recursive STARK', 'segment proofs', 'folding (arity=4)')
    """
    from costmodel.symbols import VOCABULARY

    head, paren, rest = name.partition("(")
    if head.endswith("*") and head[:-1] in VOCABULARY:  # a break-even used as a side
        p = VOCABULARY[head[:-1]]
        what = BREAKEVEN_WORDS.get(p.name, p.name.replace("_", " "))
        text = f"{what} break-even ${p.latex}^*$"
    else:
        text = MODEL_WORDS.get(head, head.replace("_", " "))
    return f"{text} ({rest}" if paren else text


def breakeven_words(result: Breakeven) -> str:
    """``folded-witness break-even W*``: the break-even's name, then its symbol (mathtext)."""
    p = result.solve_for
    what = BREAKEVEN_WORDS.get(p.name, p.name.replace("_", " "))
    return f"{what} break-even ${p.latex}^*$"


def readable_log_axis(axis: Any) -> None:
    """Ticks labelled at 1, 2 and 5 times each power of ten (decades only over wide ranges)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    low, high = sorted(v for v in axis.get_view_interval() if v > 0) or (1, 10)
    decades = np.log10(high / low) if low > 0 else 10
    subs = (1.0, 2.0, 5.0) if decades <= 4 else (1.0,)
    axis.set_major_locator(LogLocator(base=10, subs=subs))
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.10g}"))
    axis.set_minor_formatter(NullFormatter())


def _finish(
    figure: Any,
    axes: Any,
    *,
    xlabel: str,
    ylabel: str,
    title: str,
    path: str | Path | None,
    log_y: bool = True,
) -> Any:
    """Log y axis, labels, title, grid and legend; saved as PNG and PDF when ``path`` is set."""
    if log_y:
        axes.set_yscale("log")
        readable_log_axis(axes.yaxis)
    if axes.get_xscale() == "log":
        readable_log_axis(axes.xaxis)
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
        axes.plot(x_shown, values_of_term, label=words(name), zorder=2)
    if log_x:
        axes.set_xscale("log")
    return _finish(
        figure,
        axes,
        xlabel=_axis_label(over, format_unit(shown_unit)),
        ylabel=f"communication [{result.unit}]",
        title=f"{words(model.name)}: communication by phase",
        path=path,
    )


def plot_breakeven(
    result: Breakeven,
    values: Mapping[str, Any],
    over: str,
    grid: Sequence[Any],
    *,
    bounds: Mapping[str, Any] | None = None,
    unit: str | None = None,
    path: str | Path | None = None,
) -> Any:
    """The break-even value (``W*``) against one parameter, with lower bounds drawn on it.

    Works for a break-even in any unit (bytes, gates, cycles per segment): ``unit``
    defaults to the solved parameter's own.  ``grid`` is a list of quantities for
    ``over``; ``bounds`` maps labels to quantities of the break-even's dimension
    (default, for a break-even in bytes: the folded states of Nova and Nova + CycleFold
    at their measured circuits, the library's own accountings,
    :func:`costmodel.analysis.folded_state_bounds`; the seed note's rounded bounds only
    when asked, :func:`costmodel.studies.seed_note.note_verifier_bounds`).  Bounds of
    another dimension are left out.
    """
    plt = pyplot()
    solved = result.solve_for.pint_unit
    points = [Q_(item) if isinstance(item, str) else item for item in grid]
    found = [result.evaluate({**values, over: p}).value for p in points]
    target = parse_unit(unit) if unit is not None else readable(max(found)).units
    if target.dimensionality != solved.dimensionality:
        raise DimensionError(
            f"unit: {format_unit(target)} is not a unit of {result.solve_for.name} "
            f"({format_unit(solved)})",
            unit=target,
            expected=solved,
        )
    if bounds is None:
        bounds = (
            folded_state_bounds() if solved.dimensionality == parse_unit("B").dimensionality else {}
        )
    bounds = {
        label: bound
        for label, bound in bounds.items()
        if Q_(bound).dimensionality == target.dimensionality
    }
    x_unit = points[0].units
    xs = np.array([float(p.to(x_unit).magnitude) for p in points])
    ys = np.array([float(value.to(target).magnitude) for value in found])
    figure, axes = plt.subplots(figsize=(6.4, 4.2))
    axes.plot(
        xs,
        ys,
        label=breakeven_words(result),
        color="black",
        linewidth=2,
        marker="o" if len(xs) <= 30 else None,
    )
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    levels = [float(Q_(bound).to(target).magnitude) for bound in bounds.values()]
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
        ylabel=f"{breakeven_words(result)} [{format_unit(target)}]",
        title=f"{words(result.left.label)} against {words(result.right.label)}",
        path=path,
        log_y=max([ys.max(), *levels]) >= 10 * min([ys.min(), *levels]),
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
    readable_log_axis(axes.xaxis)
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
