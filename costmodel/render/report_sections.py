"""The sections of a Markdown report: each model (formulas, breakdown, counts), the
comparison of totals, each break-even, and the parameters with their sources.

Values are exact: a decimal that does not terminate is shown rounded (``≈``) and as the
exact fraction beside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.model import Evaluation, Model
from costmodel.render.escape import markdown_code, markdown_text, one_line
from costmodel.render.latex import expression_latex, sum_latex, symbol_names
from costmodel.symbols import VOCABULARY, Param
from costmodel.units import (
    Q_,
    UnitLike,
    format_quantity,
    format_unit,
    parse_quantity,
    parse_unit,
    readable_unit,
)

__all__ = [
    "breakeven_section",
    "comparison_section",
    "model_section",
    "parameter_section",
    "report_parameters",
]

# -- text helpers -----------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Markdown made safe inside a table cell: one line, pipes not yet escaped escaped.

    User text goes through :func:`markdown_text` first (which escapes its pipes).
    """
    return re.sub(r"(?<!\\)\|", r"\|", one_line(text))


def _value(quantity: object, unit: UnitLike | None = None, digits: int = 10) -> str:
    """Exact text of a quantity; a value whose decimal does not terminate also as a fraction.

    >>> _value(Q_(Fraction(2000000, 765), "gate"))
    '≈ 2614.3790849673 gate (exactly 400000/153 gate)'
    >>> _value(Q_(Fraction(5099925, 100000), "GB"))
    '50.99925 GB'
    """
    text = format_quantity(quantity, unit, digits=digits)
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


# -- sections ---------------------------------------------------------------------------------


def _formula_table(model: Model) -> list[str]:
    names = symbol_names(model)
    formulas = [(name, expression_latex(expr, names)) for name, expr in model.terms.items()]
    lines = [f"| term | formula [{format_unit(model.pint_unit)}] |", "| --- | --- |"]
    lines += [
        f"| {_cell(markdown_text(name))} | {_cell(f'${formula}$')} |" for name, formula in formulas
    ]
    if len(formulas) > 1:
        total = sum_latex([formula for _, formula in formulas])
        lines.append(f"| total | {_cell(f'${total}$')} |")
    return lines


def _breakdown_table(evaluation: Evaluation, unit: str | None, digits: int = 10) -> list[str]:
    total = Fraction(evaluation.total.magnitude)
    lines = ["| term | value | share |", "| --- | ---: | ---: |"]
    for name, quantity in evaluation.terms.items():
        share = _percent(Fraction(quantity.magnitude) / total) if total else "—"
        lines.append(
            f"| {_cell(markdown_text(name))} | {_cell(_value(quantity, unit, digits))} | {share} |"
        )
    total_share = _percent(Fraction(1)) if total else "—"
    lines.append(
        f"| **total** | **{_cell(_value(evaluation.total, unit, digits))}** | {total_share} |"
    )
    return lines


def model_section(
    label: str,
    model: Model,
    evaluation: Evaluation,
    unit: str | None,
    plot: str | None,
    digits: int = 10,
) -> list[str]:
    lines = [f"### {markdown_text(label)}", ""]
    if model.description:
        described = markdown_text(model.description)
        lines += [described[0].upper() + described[1:] + ".", ""]
    if model.options:
        shown = ", ".join(markdown_code(f"{key}={value}") for key, value in model.options)
        lines += [f"Options: {shown}.", ""]
    lines += [*_formula_table(model), ""]
    lines += ["At these values:", "", *_breakdown_table(evaluation, unit, digits), ""]
    if evaluation.derived:
        lines += ["Counts:", ""]
        lines += [f"- {markdown_text(name)}: {_value(q)}" for name, q in evaluation.derived.items()]
        lines.append("")
    if plot is not None:
        lines += [plot, ""]
    return lines


def comparison_section(
    labels: list[str], evaluations: list[Evaluation], unit: str | None, digits: int = 10
) -> list[str]:
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
            extra = "+" + _value(excess, unit, digits)
            if cheapest > 0:
                extra += f" ({_percent((total - cheapest) / cheapest, signed=True)})"
        lines.append(
            f"| {_cell(markdown_text(label))} | {_cell(_value(evaluation.total, unit, digits))} | "
            f"{_cell(extra)} |"
        )
    return [*lines, ""]


def breakeven_section(
    result: Breakeven,
    point: BreakevenPoint | None,
    error: str | None,
    plot: str | None,
    digits: int = 10,
) -> list[str]:
    name = result.solve_for.name
    lhs = f"{result.solve_for.latex}^{{*}}"
    lines = [
        f"### {markdown_code(result.left.label)} = {markdown_code(result.right.label)}, "
        f"solved for {markdown_code(name)}",
        "",
    ]
    if result.assumed:
        fixed = ", ".join(markdown_code(f"{k} = {v}") for k, v in result.assumed.items())
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
        lines += [*_point_lines(result, point, digits), ""]
    if plot is not None:
        lines += [plot, ""]
    return lines


def _point_lines(result: Breakeven, point: BreakevenPoint, digits: int = 10) -> list[str]:
    lhs = f"${result.solve_for.latex}^{{*}}$"
    value = _value(point.value, digits=digits)
    if point.interval is not None:
        low, high = (None if end is None else _value(end, digits=digits) for end in point.interval)
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
        before, after = point.bracket
        found = (
            f"At these values the sides cross between {_value(before, digits=digits)} and "
            f"{_value(after, digits=digits)} "
            f"(found numerically): {lhs} = {value} is the first whole value past the "
            f"crossing."
        )
    else:
        found = (
            f"At these values {lhs} ≈ {value.removeprefix('≈ ')} (found numerically, "
            f"by exact bisection)."
        )
    below = (
        f"{markdown_code(point.cheaper_below)} is cheaper"
        if point.cheaper_below
        else "neither side is cheaper"
    )
    above = (
        f"{markdown_code(point.cheaper_above)} is cheaper"
        if point.cheaper_above
        else "neither side is cheaper"
    )
    lines = [found, f"Below it {below}; above it {above}."]
    if point.left == point.right:
        lines.append(f"Both sides there: {_value(point.left, digits=digits)}.")
    else:
        lines.append(
            f"There {markdown_code(result.left.label)} is {_value(point.left, digits=digits)} and "
            f"{markdown_code(result.right.label)} is {_value(point.right, digits=digits)}."
        )
    return [" ".join(lines)]


def report_parameters(models: Sequence[Model], breakevens: Sequence[Breakeven]) -> list[Param]:
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


def parameter_section(
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
            f"| {markdown_code(p.name)} | {_cell(f'${p.latex}$')} | "
            f"{_cell(markdown_text(p.meaning))} | {_cell(_value(given, given.units))} |"
        )
        if sources is not None:
            row += f" {_cell(markdown_text(_source_text(sources.get(p.name), quotes)))} |"
        lines.append(row)
    return [*lines, ""]
