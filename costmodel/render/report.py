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
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import sympy

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.analysis.sensitivity import elasticities
from costmodel.errors import (
    CostModelError,
    ExpressionError,
    NoSolutionError,
    ParameterValueError,
)
from costmodel.functions import plain
from costmodel.model import Evaluation, Model
from costmodel.render.escape import markdown_code, markdown_text, one_line
from costmodel.render.latex import expression_latex, symbol_names
from costmodel.symbols import VOCABULARY, Param
from costmodel.units import (
    Q_,
    format_quantity,
    format_unit,
    parse_quantity,
    parse_unit,
    readable_unit,
)

__all__ = ["PLOT_POINTS", "PLOT_SPAN", "markdown_report"]

#: Points on each plot's grid.
PLOT_POINTS = 41
#: A plot sweeps its parameter from the value divided by this to the value times this.
PLOT_SPAN = 100


# -- text helpers -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Markdown made safe inside a table cell: one line, pipes not yet escaped escaped.

    User text goes through :func:`markdown_text` first (which escapes its pipes).
    """
    return re.sub(r"(?<!\\)\|", r"\|", one_line(text))


def _code(text: str) -> str:
    return markdown_code(text)


def _value(quantity: Any, unit: Any | None = None) -> str:
    """Exact text of a quantity; a value whose decimal does not terminate also as a fraction.

    >>> _value(Q_(Fraction(2000000, 765), "gate"))
    '≈ 2614.3790849673 gate (exactly 400000/153 gate)'
    >>> _value(Q_(Fraction(5099925, 100000), "GB"))
    '50.99925 GB'
    """
    text = format_quantity(quantity, unit)
    if not text.startswith("≈"):
        return text
    quantity = parse_quantity(quantity)
    target = readable_unit(quantity) if unit is None else parse_unit(unit)
    exact = Fraction(quantity.to(target).magnitude)
    unit_text = format_unit(target)
    suffix = f" {unit_text}" if unit_text != "1" else ""
    return f"{text} (exactly {exact}{suffix})"


def _percent(share: Fraction, *, signed: bool = False) -> str:
    """A share as a percentage, two decimals, ``≈`` when rounded.

    >>> _percent(Fraction(200000, 203997)), _percent(Fraction(1, 4)), _percent(Fraction(1))
    ('≈ 98.04 %', '25 %', '100 %')
    """
    text = format_quantity(Q_(abs(share) * 100, ""), digits=2)
    if signed:
        sign = "-" if share < 0 else "+"
        text = text.replace("≈ ", "≈ " + sign) if text.startswith("≈") else sign + text
    return f"{text} %"


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "plot"


def _joined(parts: list[str]) -> str:
    """LaTeX terms joined with ``+`` (a leading minus becomes `` - ``)."""
    text = parts[0]
    for part in parts[1:]:
        text += f" - {part[1:].lstrip()}" if part.startswith("-") else f" + {part}"
    return text


# -- sections ---------------------------------------------------------------------------------


def _values_line(values: Mapping[str, Any]) -> str:
    name = getattr(values, "name", None)
    if not isinstance(name, str) or not hasattr(values, "sources"):
        return "Values: as given (listed under Parameters)."
    variant = getattr(values, "variant", None)
    label = _code(name) + (f", variant {_code(variant)}" if variant else "")
    title = getattr(values, "title", "")
    citation = getattr(values, "citation", "")
    described = ", ".join(
        part
        for part in (f"*{markdown_text(title)}*" if title else "", markdown_text(citation))
        if part
    )
    return f"Values: preset {label}" + (f" ({described})." if described else ".")


def _formula_table(model: Model) -> list[str]:
    names = symbol_names(model)
    formulas = [(name, expression_latex(expr, names)) for name, expr in model.terms.items()]
    lines = [f"| term | formula [{format_unit(model.units)}] |", "| --- | --- |"]
    lines += [
        f"| {_cell(markdown_text(name))} | {_cell(f'${formula}$')} |" for name, formula in formulas
    ]
    if len(formulas) > 1:
        total = _joined([formula for _, formula in formulas])
        lines.append(f"| total | {_cell(f'${total}$')} |")
    return lines


def _breakdown_table(evaluation: Evaluation, unit: str | None) -> list[str]:
    total = Fraction(evaluation.total.magnitude)
    lines = ["| term | value | share |", "| --- | ---: | ---: |"]
    for name, quantity in evaluation.terms.items():
        share = _percent(Fraction(quantity.magnitude) / total) if total else "—"
        lines.append(
            f"| {_cell(markdown_text(name))} | {_cell(_value(quantity, unit))} | {share} |"
        )
    total_share = _percent(Fraction(1)) if total else "—"
    lines.append(f"| **total** | **{_cell(_value(evaluation.total, unit))}** | {total_share} |")
    return lines


def _model_section(
    label: str, model: Model, evaluation: Evaluation, unit: str | None, plot: str | None
) -> list[str]:
    lines = [f"### {markdown_text(label)}", ""]
    if model.description:
        described = markdown_text(model.description)
        lines += [described[0].upper() + described[1:] + ".", ""]
    if model.options:
        shown = ", ".join(_code(f"{key}={value}") for key, value in model.options)
        lines += [f"Options: {shown}.", ""]
    lines += [*_formula_table(model), ""]
    lines += ["At these values:", "", *_breakdown_table(evaluation, unit), ""]
    if evaluation.derived:
        lines += ["Counts:", ""]
        lines += [f"- {markdown_text(name)}: {_value(q)}" for name, q in evaluation.derived.items()]
        lines.append("")
    if plot is not None:
        lines += [plot, ""]
    return lines


def _comparison(labels: list[str], evaluations: list[Evaluation], unit: str | None) -> list[str]:
    first = evaluations[0].total.units
    if any(e.total.dimensionality != first.dimensionality for e in evaluations):
        return []
    totals = [Fraction(e.total.to(first).magnitude) for e in evaluations]
    cheapest = min(totals)
    lines = [
        "## Comparison",
        "",
        "| model | total | more than the cheapest |",
        "| --- | ---: | ---: |",
    ]
    for label, evaluation, total in zip(labels, evaluations, totals, strict=True):
        if total == cheapest:
            extra = "cheapest"
        else:
            excess = Q_(total - cheapest, first)
            extra = "+" + _value(excess, unit)
            if cheapest > 0:
                extra += f" ({_percent((total - cheapest) / cheapest, signed=True)})"
        lines.append(
            f"| {_cell(markdown_text(label))} | {_cell(_value(evaluation.total, unit))} | "
            f"{_cell(extra)} |"
        )
    return [*lines, ""]


def _no_breakeven(error: CostModelError) -> bool:
    """True for the errors that mean "no crossing at these values" (not a bad input)."""
    return isinstance(error, ParameterValueError | NoSolutionError)


def _breakeven_section(
    result: Breakeven, point: BreakevenPoint | None, error: str | None, plot: str | None
) -> list[str]:
    name = result.solve_for.name
    lhs = f"{result.solve_for.latex}^{{*}}"
    lines = [
        f"### {_code(result.left.label)} = {_code(result.right.label)}, solved for {_code(name)}",
        "",
    ]
    if result.assumed:
        fixed = ", ".join(_code(f"{k} = {v}") for k, v in result.assumed.items())
        lines += [f"Assumed: {fixed}.", ""]
    names = result.latex_names()
    if result.solution is not None:
        rhs = expression_latex(result.solution, names)
        conditions = [expression_latex(c, names) for c in result.conditions]
        when = " when " + " and ".join(f"${c}$" for c in conditions) if conditions else ""
        lines += [f"${lhs} = {rhs}${when}.", ""]
    else:
        lines += [f"No closed form: {markdown_text(result.reason)}.", ""]
    if error is not None:
        lines += [f"At these values, {error}.", ""]
    elif point is not None:
        lines += [*_point_lines(result, point), ""]
    if plot is not None:
        lines += [plot, ""]
    return lines


def _point_lines(result: Breakeven, point: BreakevenPoint) -> list[str]:
    lhs = f"${result.solve_for.latex}^{{*}}$"
    value = _value(point.value)
    if point.interval is not None:
        low, high = (None if end is None else _value(end) for end in point.interval)
        if low is None and high is None:
            return ["At these values the sides are equal whatever the value: no single break-even."]
        found = (
            f"At these values the sides are equal from {low or 'the lowest value'} to "
            f"{high or 'the highest value searched'}: every {lhs} in that range is a break-even."
        )
    elif point.exact:
        sign = "≈" if value.startswith("≈") else "="
        found = f"At these values {lhs} {sign} {value.removeprefix('≈ ')}."
    elif result.solve_for.integral and point.bracket is not None:
        low, high = point.bracket
        found = (
            f"At these values the sides cross between {_value(low)} and {_value(high)} "
            f"(found numerically): {lhs} = {value} is the first whole value past the "
            f"crossing."
        )
    else:
        found = (
            f"At these values {lhs} ≈ {value.removeprefix('≈ ')} (found numerically, "
            f"by exact bisection)."
        )
    below = (
        f"{_code(point.cheaper_below)} is cheaper"
        if point.cheaper_below
        else "neither side is cheaper"
    )
    above = (
        f"{_code(point.cheaper_above)} is cheaper"
        if point.cheaper_above
        else "neither side is cheaper"
    )
    lines = [found, f"Below it {below}; above it {above}."]
    if point.left == point.right:
        lines.append(f"Both sides there: {_value(point.left)}.")
    else:
        lines.append(
            f"There {_code(result.left.label)} is {_value(point.left)} and "
            f"{_code(result.right.label)} is {_value(point.right)}."
        )
    return [" ".join(lines)]


def _parameters(models: Sequence[Model], breakevens: Sequence[Breakeven]) -> list[Param]:
    """Every parameter of the models and break-evens: the vocabulary's in its order, then
    the others in the order met."""
    seen: dict[str, Param] = {}
    for model in models:
        for p in model.parameters:
            seen.setdefault(p.name, p)
    for result in breakevens:
        for p in (*result.parameters, result.solve_for):
            seen.setdefault(p.name, p)
    ordered = [seen[name] for name in VOCABULARY if name in seen]
    return ordered + [p for name, p in seen.items() if name not in VOCABULARY]


def _source_text(source: Any, quotes: bool) -> str:
    """A preset's :class:`~costmodel.presets.Source` (with its quote or not), or plain text."""
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    return str(source) if quotes else source.source


def _parameter_table(
    params: list[Param], values: Mapping[str, Any], sources: Mapping[str, Any] | None, quotes: bool
) -> list[str]:
    header = "| parameter | symbol | meaning | value |"
    rule = "| --- | --- | --- | ---: |"
    if sources is not None:
        header += " source |"
        rule += " --- |"
    lines = ["## Parameters", "", header, rule]
    for p in params:
        if p.name not in values:
            continue
        p.exact_value(values[p.name])  # checked as evaluate checks it
        given = parse_quantity(values[p.name], name=p.name)
        row = (
            f"| {_code(p.name)} | {_cell(f'${p.latex}$')} | {_cell(markdown_text(p.meaning))} | "
            f"{_cell(_value(given, given.units))} |"
        )
        if sources is not None:
            row += f" {_cell(markdown_text(_source_text(sources.get(p.name), quotes)))} |"
        lines.append(row)
    return [*lines, ""]


# -- plots ------------------------------------------------------------------------------------


def _matplotlib_available() -> bool:
    """True when matplotlib can be imported (it is not imported here)."""
    return importlib.util.find_spec("matplotlib") is not None


def _grid(param: Param, given: Any) -> list[Any]:
    """Quantities from ``given / PLOT_SPAN`` to ``given * PLOT_SPAN``, log-spaced, in its unit.

    >>> from costmodel.symbols import param
    >>> points = _grid(param("arity"), Q_(2, ""))
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


def _model_over(model: Model, values: Mapping[str, Any], over: str | None) -> str | None:
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


def _breakeven_over(result: Breakeven, values: Mapping[str, Any], over: str | None) -> str | None:
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
    subs = {
        p.symbol: sympy.Rational(str(p.exact_value(values[p.name])))
        for p in candidates
        if p.name in values
    }
    solution = plain(result.solution)
    order = {name: index for index, name in enumerate(VOCABULARY)}
    ranked: list[tuple[Fraction, int, str]] = []
    for p in candidates:
        if p.symbol not in solution.free_symbols:
            continue
        value = (p.symbol * sympy.diff(solution, p.symbol) / solution).xreplace(subs)
        if isinstance(value, sympy.Rational) and value != 0 and subs.get(p.symbol, 0) != 0:
            magnitude = abs(Fraction(int(value.p), int(value.q)))
            ranked.append((-magnitude, order.get(p.name, len(order)), p.name))
    return min(ranked)[2] if ranked else None


def _close(figure: Any) -> None:
    import matplotlib.pyplot as plt

    plt.close(figure)


def _image(alt: str, link: str, stem: str) -> str:
    target = f"{link}/{stem}.png" if link else f"{stem}.png"
    return f"![{alt}]({target})"


def _plot_model(
    model: Model,
    values: Mapping[str, Any],
    over: str | None,
    directory: Path,
    link: str,
    stem: str,
    label: str,
) -> str | None:
    from costmodel.render.plots import plot_breakdown

    chosen = _model_over(model, values, over)
    if chosen is None:
        return None
    p = next(p for p in model.parameters if p.name == chosen)
    given = parse_quantity(values[chosen], name=chosen)
    points = _grid(p, given)
    grid = (np.array([float(q.magnitude) for q in points]), format_unit(given.units))
    unit = format_unit(readable_unit(model.evaluate(values).total))
    figure = plot_breakdown(model, values, chosen, grid, unit=unit, path=directory / stem)
    _close(figure)
    return _image(f"{label}: total and each term against {chosen}", link, stem)


def _plot_breakeven(
    result: Breakeven,
    values: Mapping[str, Any],
    over: str | None,
    bounds: Mapping[str, Any],
    point: BreakevenPoint | None,
    directory: Path,
    link: str,
    stem: str,
) -> str | None:
    from costmodel.render.plots import plot_breakeven

    chosen = _breakeven_over(result, values, over)
    if chosen is None or chosen not in values:
        return None
    p = next(p for p in result.parameters if p.name == chosen)
    points = []
    for q in _grid(p, parse_quantity(values[chosen], name=chosen)):
        try:
            result.evaluate({**values, chosen: q})
        except CostModelError as error:
            if not _no_breakeven(error):
                raise
            continue
        points.append(q)
    if len(points) < 2:
        return None
    dimension = result.solve_for.units.dimensionality
    shown = {
        label: parse_quantity(b)
        for label, b in bounds.items()
        if parse_quantity(b).dimensionality == dimension
    }
    unit = format_unit(readable_unit(point.value) if point is not None else result.solve_for.units)
    figure = plot_breakeven(
        result, values, chosen, points, bounds=shown, unit=unit, path=directory / stem
    )
    _close(figure)
    return _image(f"{result.solve_for.name}* against {chosen}", link, stem)


# -- the report -------------------------------------------------------------------------------


def markdown_report(
    models: Model | Sequence[Model],
    values: Mapping[str, Any],
    *,
    breakevens: Breakeven | Sequence[Breakeven] = (),
    plots_dir: str | Path | None = None,
    title: str = "Cost comparison",
    unit: str | None = None,
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
      prefix for each value;
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

    plotting = plots_dir is not None and _matplotlib_available()
    directory = Path(plots_dir) if plots_dir is not None else Path()
    link = plots_link if plots_link is not None else directory.as_posix()
    if plotting:
        directory.mkdir(parents=True, exist_ok=True)

    lines = [f"# {title}", "", _values_line(values), ""]
    if plots_dir is not None and not plotting:
        lines += [
            "Plots were asked for, but matplotlib is not installed: "
            '`pip install "costmodel[plot]"`.',
            "",
        ]

    lines += ["## Models", ""]
    for index, (label, model, evaluation) in enumerate(
        zip(labels, models, evaluations, strict=True), start=1
    ):
        plot = None
        if plotting:
            stem = f"breakdown-{index}-{_slug(model.name)}"
            plot = _plot_model(model, values, over, directory, link, stem, label)
        lines += _model_section(label, model, evaluation, unit, plot)

    if len(models) > 1:
        lines += _comparison(labels, evaluations, unit)

    if results:
        lines += ["## Break-evens", ""]
        for index, result in enumerate(results, start=1):
            point, error = None, None
            try:
                point = result.evaluate(values)
            except CostModelError as exc:
                if not _no_breakeven(exc):
                    raise
                error = str(exc)
            plot = None
            if plotting:
                stem = f"breakeven-{index}-{_slug(result.solve_for.name)}"
                plot = _plot_breakeven(
                    result, values, over, bounds or {}, point, directory, link, stem
                )
            lines += _breakeven_section(result, point, error, plot)

    if sources is None:
        sources = getattr(values, "sources", None)
    lines += _parameter_table(_parameters(models, results), values, sources, quotes)
    return "\n".join(lines).rstrip("\n") + "\n"
