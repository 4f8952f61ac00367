"""A simulation's schedule as a Gantt chart (matplotlib, imported only when a chart is made).

One row per machine, the executor on top; each step a bar colored by its kind
(receive, prove, lift, join, send, wrap, deliver), the x axis in seconds.

>>> import costmodel
>>> from costmodel.render.gantt import plot_schedule
>>> values = {
...     "total_cycles": "4 Mcycle", "segment_cycles": "1 Mcycle/segment",
...     "machines": "2 machine", "execution_rate": "4 Mcycle/s",
...     "prove_rate": "100 kcycle/(s*machine)", "join_time": "2 s/join",
... }
>>> run = costmodel.simulate(costmodel.folding(metric="wall_time", network=False), values)
>>> figure = plot_schedule(run)
>>> [label.get_text() for label in figure.axes[0].get_yticklabels()]
['executor', 'machine 0', 'machine 1']
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

from costmodel.errors import InputError, OptionError, ParameterValueError
from costmodel.simulate.result import KINDS, Simulation

__all__ = ["KIND_COLORS", "plot_schedule"]

#: The color of each kind of step (colorblind-safe, after Okabe and Ito).
KIND_COLORS: dict[str, str] = {
    "execute": "#999999",
    "receive": "#56B4E9",
    "prove": "#E69F00",
    "lift": "#F0E442",
    "join": "#009E73",
    "send": "#0072B2",
    "wrap": "#CC79A7",
    "deliver": "#D55E00",
}


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise OptionError('plot_schedule needs matplotlib: pip install "costmodel[plot]"') from None
    if matplotlib.get_backend().lower() not in {"agg", "pdf", "svg"} and not _interactive():
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _interactive() -> bool:
    import sys

    return hasattr(sys, "ps1") or "ipykernel" in sys.modules


def plot_schedule(
    simulation: Simulation,
    path: str | Path | None = None,
    *,
    max_machines_shown: int = 40,
    pdf: bool = False,
) -> Any:
    """The schedule of ``simulation`` as a Gantt chart; returns the matplotlib ``Figure``.

    Rows: the executor, then machines ``0..`` up to ``max_machines_shown`` of them (the
    title says when some are left out).  Given ``path``, the chart is saved as PNG there
    (the suffix replaced by ``.png``), and as PDF too with ``pdf=True``.
    """
    if not isinstance(simulation, Simulation):
        raise InputError(
            f"simulation: expected the Simulation costmodel.simulate returns, got "
            f"{type(simulation).__name__}"
        )
    if isinstance(max_machines_shown, bool) or not isinstance(max_machines_shown, int):
        raise InputError(f"max_machines_shown: expected a whole number, got {max_machines_shown!r}")
    if max_machines_shown < 1:
        raise ParameterValueError(
            f"max_machines_shown: expected at least 1, got {max_machines_shown}"
        )
    plt = _pyplot()
    shown = min(simulation.machines, max_machines_shown)
    rows = ["executor", *(f"machine {m}" for m in range(shown))]
    bars: dict[tuple[int, str], list[tuple[float, float]]] = defaultdict(list)
    for interval in simulation.schedule:
        row = 0 if interval.machine == "executor" else 1 + int(interval.machine)
        if row > shown or interval.end == interval.start:
            continue
        bars[(row, interval.kind)].append(
            (float(interval.start), float(interval.end - interval.start))
        )
    figure, axes = plt.subplots(figsize=(11, 1.4 + 0.32 * len(rows)), layout="constrained")
    for (row, kind), spans in bars.items():
        axes.broken_barh(
            spans,
            (row - 0.4, 0.8),
            facecolors=KIND_COLORS[kind],
            edgecolor="white",
            linewidth=0.3,
        )
    axes.set_yticks(range(len(rows)), rows)
    axes.set_ylim(len(rows) - 0.5, -0.5)  # the executor on top
    axes.set_xlim(0, float(simulation.wall_time.magnitude) * 1.01)
    axes.set_xlabel("time since execution started (s)")
    axes.grid(axis="x", alpha=0.3)
    axes.set_axisbelow(True)
    used = {kind for _, kind in bars}
    handles = [
        plt.Rectangle((0, 0), 1, 1, facecolor=KIND_COLORS[kind], label=kind)
        for kind in KINDS
        if kind in used
    ]
    figure.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False)
    axes.set_title(_title(simulation, shown))
    if path is not None:
        stem = Path(path).with_suffix("")
        stem.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(stem.with_suffix(".png"), dpi=150, bbox_inches="tight")
        if pdf:
            figure.savefig(stem.with_suffix(".pdf"), bbox_inches="tight")
    return figure


def _title(simulation: Simulation, shown: int) -> str:
    from costmodel.units import format_quantity

    title = (
        f"{simulation.architecture}: {simulation.segments} segments on {simulation.machines} "
        f"machines, arity {simulation.arity}, {simulation.transfer}; wall time "
        f"{format_quantity(simulation.wall_time, 's', digits=4)}"
    )
    if shown < simulation.machines:
        title += f"\n(the first {shown} of {simulation.machines} machines shown)"
    return title
