"""The plots of a Markdown report: which parameter each one sweeps, over which grid, and
the images written and linked.

A model's plot sweeps ``over`` (when the model has it), else the parameter its total is
most sensitive to; a break-even's plot sweeps ``over`` (when the break-even depends on it),
else, for a closed form, the parameter its value is most sensitive to.  Each sweeps from
``1/PLOT_SPAN`` to ``PLOT_SPAN`` times the parameter's value.  matplotlib is imported only
when a plot is made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.analysis.sensitivity import breakeven_elasticities, elasticities
from costmodel.errors import CostModelError, NoSolutionError, ParameterValueError
from costmodel.functions import plain
from costmodel.model import Model
from costmodel.symbols import Param
from costmodel.units import Q_, format_unit, parse_quantity, readable_unit

__all__ = ["PLOT_POINTS", "PLOT_SPAN", "ReportPlots", "no_breakeven", "plot_grid"]

#: Points on each plot's grid.
PLOT_POINTS = 41
#: A plot sweeps its parameter from the value divided by this to the value times this.
PLOT_SPAN = 100


def no_breakeven(error: CostModelError) -> bool:
    """True for the errors that mean "no crossing at these values" (not a bad input)."""
    return isinstance(error, ParameterValueError | NoSolutionError)


def plot_grid(param: Param, given: Any) -> list[Any]:
    """Quantities from ``given / PLOT_SPAN`` to ``given * PLOT_SPAN``, log-spaced, in its unit.

    >>> from costmodel.symbols import param
    >>> points = plot_grid(param("arity"), Q_(2, ""))
    >>> [int(q.magnitude) for q in points[:4]], int(points[-1].magnitude)
    ([2, 3, 4, 5], 200)
    """
    magnitude = float(given.magnitude)
    span = np.log10(PLOT_SPAN)
    xs = magnitude * np.logspace(-span, span, PLOT_POINTS)
    if param.integral:
        xs = np.unique(np.rint(xs))
        xs = xs[xs >= max(param.minimum or 1, 1)]
        return [Q_(int(x), given.units) for x in xs]
    return [Q_(float(x), given.units) for x in xs]


def model_over(model: Model, values: Mapping[str, Any], over: str | None) -> str | None:
    """The parameter a model's plot sweeps: ``over``, else the one the total is most
    sensitive to (largest elasticity at the values; ties by name)."""
    if over is not None and over in model.parameter_names:
        return over
    try:
        ranked = elasticities(model, values)
    except CostModelError:
        return None
    for item in ranked:
        if item.value != 0 and float(parse_quantity(values[item.name]).magnitude) > 0:
            return item.name
    return None


def breakeven_over(result: Breakeven, values: Mapping[str, Any], over: str | None) -> str | None:
    """The parameter a break-even's plot sweeps: ``over`` when the break-even depends on it,
    else (closed forms only) the one its value is most sensitive to (ties: the earlier in
    the vocabulary)."""
    candidates = [p for p in result.parameters if p.name != result.solve_for.name]
    depends = (
        plain(result.solution) if result.solution is not None else result.difference
    ).free_symbols
    if over is not None and any(p.name == over and p.symbol in depends for p in candidates):
        return over
    if result.solution is None:
        return None
    ranked = breakeven_elasticities(result, values)
    return ranked[0].name if ranked else None


def _close(figure: Any) -> None:
    import matplotlib.pyplot as plt

    plt.close(figure)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "plot"


@dataclass(frozen=True)
class ReportPlots:
    """Where a report's plots go (``directory``), how its images link to them (``link``),
    and whether they are drawn at all (``enabled``: asked for, and matplotlib installed)."""

    directory: Path
    link: str
    enabled: bool
    asked: bool
    values: Mapping[str, Any]
    over: str | None

    @classmethod
    def at(
        cls,
        plots_dir: str | Path | None,
        plots_link: str | None,
        values: Mapping[str, Any],
        over: str | None,
        available: Callable[[], bool],
    ) -> ReportPlots:
        """The plots of a report written to ``plots_dir`` (made if missing) and linked as
        ``plots_link`` (default: ``plots_dir`` as given); ``available()`` says whether
        matplotlib is installed."""
        enabled = plots_dir is not None and available()
        directory = Path(plots_dir) if plots_dir is not None else Path()
        link = plots_link if plots_link is not None else directory.as_posix()
        if enabled:
            directory.mkdir(parents=True, exist_ok=True)
        return cls(directory, link, enabled, plots_dir is not None, values, over)

    def notice(self) -> list[str]:
        """The lines that say plots were asked for but cannot be drawn."""
        if not self.asked or self.enabled:
            return []
        return [
            "Plots were asked for, but matplotlib is not installed: "
            '`pip install "costmodel[plot]"`.',
            "",
        ]

    def _image(self, alt: str, stem: str) -> str:
        target = f"{self.link}/{stem}.png" if self.link else f"{stem}.png"
        return f"![{alt}]({target})"

    def model(self, model: Model, index: int, label: str) -> str | None:
        """The image of the ``index``-th model's breakdown against one parameter, or ``None``."""
        if not self.enabled:
            return None
        from costmodel.render.plots import plot_breakdown

        values = self.values
        chosen = model_over(model, values, self.over)
        if chosen is None:
            return None
        stem = f"breakdown-{index}-{_slug(model.name)}"
        p = next(p for p in model.parameters if p.name == chosen)
        given = parse_quantity(values[chosen], name=chosen)
        points = plot_grid(p, given)
        grid = (np.array([float(q.magnitude) for q in points]), format_unit(given.units))
        unit = format_unit(readable_unit(model.evaluate(values).total))
        figure = plot_breakdown(model, values, chosen, grid, unit=unit, path=self.directory / stem)
        _close(figure)
        return self._image(f"{label}: total and each term against {chosen}", stem)

    def breakeven(
        self,
        result: Breakeven,
        index: int,
        bounds: Mapping[str, Any],
        point: BreakevenPoint | None,
    ) -> str | None:
        """The image of the ``index``-th break-even's value against one parameter, or ``None``
        (also when fewer than two points of the grid have a break-even)."""
        if not self.enabled:
            return None
        from costmodel.render.plots import plot_breakeven

        values = self.values
        chosen = breakeven_over(result, values, self.over)
        if chosen is None or chosen not in values:
            return None
        points = _points_with_breakeven(result, values, chosen)
        if len(points) < 2:
            return None
        dimension = result.solve_for.pint_unit.dimensionality
        shown = {
            label: parse_quantity(b)
            for label, b in bounds.items()
            if parse_quantity(b).dimensionality == dimension
        }
        solved = result.solve_for.pint_unit
        unit = format_unit(readable_unit(point.value) if point is not None else solved)
        stem = f"breakeven-{index}-{_slug(result.solve_for.name)}"
        figure = plot_breakeven(
            result, values, chosen, points, bounds=shown, unit=unit, path=self.directory / stem
        )
        _close(figure)
        return self._image(f"{result.solve_for.name}* against {chosen}", stem)


def _points_with_breakeven(result: Breakeven, values: Mapping[str, Any], chosen: str) -> list[Any]:
    """The points of ``chosen``'s plot grid at which the break-even has a valid value."""
    p = next(p for p in result.parameters if p.name == chosen)
    points = []
    for q in plot_grid(p, parse_quantity(values[chosen], name=chosen)):
        try:
            result.evaluate({**values, chosen: q})
        except CostModelError as error:
            if not no_breakeven(error):
                raise
            continue
        points.append(q)
    return points
