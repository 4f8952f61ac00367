r"""Markdown reports: a comparison of models at given values, in one text a person can read.

:func:`markdown_report` writes, for a list of models and one set of values:

- each model: its name, description and options, each term's formula in the vocabulary's
  symbols (``$...$`` LaTeX), and its breakdown at the values (exact values, shares);
- a comparison of the totals when there are several models of one dimension;
- each break-even: the closed form and its conditions, its value at the values, and which
  side is cheaper below and above it (or, without a closed form, the numeric crossing);
- the parameters: symbol, meaning, value as given, and source when the values are a preset;
- plots (PNG, with a PDF beside each), embedded as images when ``plots_dir`` is given and
  matplotlib is installed.  matplotlib is imported only then.

The text is deterministic: the same input gives the same bytes.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> text = markdown_report(
...     [costmodel.recursive_stark(), costmodel.folding()], seed,
...     breakevens=[costmodel.folded_witness_breakeven()])
>>> lines = text.splitlines()
>>> lines[0]
'# Cost comparison'
>>> [line for line in lines if line.startswith("| **total**")]
['| **total** | **50.99925 GB** | 100 % |', '| **total** | **53.997 GB** | 100 % |']
>>> print(next(line for line in lines if line.startswith("$W^{*}")))
$W^{*} = - I + P + o$ when $- I + P + o > 0$.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.errors import CostModelError, ExpressionError
from costmodel.model import Model
from costmodel.render.escape import markdown_code, markdown_text
from costmodel.render.report_plots import PLOT_POINTS, PLOT_SPAN, ReportPlots, no_breakeven
from costmodel.render.report_sections import (
    breakeven_section,
    comparison_section,
    model_section,
    parameter_section,
    report_parameters,
)

__all__ = ["PLOT_POINTS", "PLOT_SPAN", "markdown_report"]


def _matplotlib_available() -> bool:
    """True when matplotlib can be imported (it is not imported here)."""
    return importlib.util.find_spec("matplotlib") is not None


def _options(model: Model) -> str:
    return ", ".join(f"{key}={value}" for key, value in model.options)


def _labels(models: Sequence[Model]) -> list[str]:
    """One label per model: its name, with its options where two models share a name."""
    names = [model.name for model in models]
    labels = []
    for model in models:
        label = model.name
        if names.count(model.name) > 1 and model.options:
            label = f"{model.name} ({_options(model)})"
        labels.append(label)
    for index, label in enumerate(labels):
        if labels.count(label) > 1:
            labels[index] = f"{label} #{index + 1}"
    return labels


def _values_line(values: Mapping[str, Any]) -> str:
    name = getattr(values, "name", None)
    if not isinstance(name, str) or not hasattr(values, "sources"):
        return "Values: as given (listed under Parameters)."
    variant = getattr(values, "variant", None)
    label = markdown_code(name) + (f", variant {markdown_code(variant)}" if variant else "")
    title = getattr(values, "title", "")
    citation = getattr(values, "citation", "")
    described = ", ".join(
        part
        for part in (f"*{markdown_text(title)}*" if title else "", markdown_text(citation))
        if part
    )
    return f"Values: preset {label}" + (f" ({described})." if described else ".")


# -- the report -------------------------------------------------------------------------------


def markdown_report(
    models: Model | Sequence[Model],
    values: Mapping[str, Any],
    *,
    breakevens: Breakeven | Sequence[Breakeven] = (),
    plots_dir: str | Path | None = None,
    title: str = "Cost comparison",
    unit: str | None = None,
    digits: int = 10,
    over: str | None = None,
    bounds: Mapping[str, Any] | None = None,
    plots_link: str | None = None,
    quotes: bool = True,
    sources: Mapping[str, Any] | None = None,
) -> str:
    """A Markdown comparison of ``models`` at ``values``, with ``breakevens`` solved there.

    - ``values``: a preset (its sources and quotes fill the parameter table) or any
      mapping of parameter name to value, checked as :meth:`Model.evaluate` checks them;
    - ``unit``: every term and total in this unit (``"GB"``); ``None`` picks a readable
      prefix for each value; ``digits``: decimals kept before a value is rounded (``≈``);
    - ``plots_dir``: where to write the plots; they are embedded when matplotlib is
      installed (without it the report says so).  Each model gets its breakdown against
      one parameter, each break-even its value against one parameter, swept from
      ``1/PLOT_SPAN`` to ``PLOT_SPAN`` times its value (whole values for whole-number
      parameters).  ``over`` chooses that parameter for every model that has it and
      every break-even that depends on it; otherwise a model sweeps the parameter with
      the largest elasticity of its total, and a break-even with a closed form the one
      its value is most sensitive to (one without a closed form is plotted only against
      ``over``).  Points where a break-even has no valid value are left out.  ``bounds``
      (label -> quantity) are drawn as lines on the break-even plots of their dimension;
    - ``plots_link``: the path written in the image links (default: ``plots_dir`` as
      given, so a report saved beside a relative ``plots_dir`` finds its images);
    - ``quotes``: quote each source in the parameter table;
    - ``sources``: parameter name -> a preset's ``Source`` or a text, for the parameter
      table's source column; default: the values' own (a preset's ``sources``).  Useful
      when values were copied out of a preset and some changed: pass the sources of those
      that were not.

    At values where a break-even has no valid crossing (its closed form is negative, or
    the sides never cross) the report says so instead of failing; bad values raise.

    >>> import costmodel
    >>> seed = costmodel.presets.load("seed-note")
    >>> text = markdown_report(costmodel.recursive_stark(), seed, title="Bonsai", unit="MB")
    >>> print("\\n".join(line for line in text.splitlines() if line.startswith("| ")
    ...                  and "MB" in line and "$" not in line))
    | snapshots | 50000 MB | ≈ 98.04 % |
    | segment proofs | 250 MB | ≈ 0.49 % |
    | aggregation | 749.25 MB | ≈ 1.47 % |
    | **total** | **50999.25 MB** | 100 % |
    """
    models = [models] if isinstance(models, Model) else list(models)
    if not models:
        raise ExpressionError("markdown_report: give at least one model")
    results = [breakevens] if isinstance(breakevens, Breakeven) else list(breakevens)
    evaluations = [model.evaluate(values) for model in models]
    labels = _labels(models)
    plots = ReportPlots.at(plots_dir, plots_link, values, over, _matplotlib_available)
    lines = [f"# {title}", "", _values_line(values), "", *plots.notice()]
    lines += ["## Models", ""]
    for index, (label, model, evaluation) in enumerate(
        zip(labels, models, evaluations, strict=True), start=1
    ):
        plot = plots.model(model, index, label)
        lines += model_section(label, model, evaluation, unit, plot, digits)
    if len(models) > 1:
        lines += comparison_section(labels, evaluations, unit, digits)
    if results:
        lines += ["## Break-evens", ""]
        for index, result in enumerate(results, start=1):
            point, error = _point(result, values)
            plot = plots.breakeven(result, index, bounds or {}, point)
            lines += breakeven_section(result, point, error, plot, digits)
    if sources is None:
        sources = getattr(values, "sources", None)
    lines += parameter_section(report_parameters(models, results), values, sources, quotes)
    return "\n".join(lines).rstrip("\n") + "\n"


def _point(
    result: Breakeven, values: Mapping[str, Any]
) -> tuple[BreakevenPoint | None, str | None]:
    """The break-even at ``values``, or what says there is none there (bad values raise)."""
    try:
        return result.evaluate(values), None
    except CostModelError as exc:
        if not no_breakeven(exc):
            raise
        return None, str(exc)
