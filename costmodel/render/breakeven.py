r"""LaTeX and notebook displays of break-even results.

>>> import costmodel
>>> print(costmodel.latex(costmodel.folded_witness_breakeven()))
\begin{align*}
  W^{*} &= P + o - I \qquad \text{if } P + o > I
\end{align*}
"""

from __future__ import annotations

import html
from typing import Any

import sympy

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.analysis.readable import ReadableForm
from costmodel.render.config import LatexConfig
from costmodel.render.escape import comment_text, escape_text, math_text
from costmodel.render.latex import expression_latex, register, sum_latex
from costmodel.render.notebook import register_html, register_latex
from costmodel.render.units_latex import quantity_latex
from costmodel.sympy_calls import ordered_terms, quotient_parts
from costmodel.trees import GroupJoins, TreeDepth, TreeJoins

__all__: list[str] = []

_PLAIN = LatexConfig(mode="plain")


def _lhs(result: Breakeven) -> str:
    return f"{result.solve_for.latex}^{{*}}"


def ordered_latex(expr: sympy.Basic, names: dict[sympy.Symbol, str], config: LatexConfig) -> str:
    """``expr`` with the terms of each sum written positive first (``P + o - I``)."""
    if isinstance(expr, sympy.Add):
        terms = sorted(ordered_terms(expr), key=lambda t: bool(t.as_coeff_Mul()[0] < 0))
        return sum_latex([ordered_latex(t, names, config) for t in terms])
    if isinstance(expr, sympy.Mul) and any(isinstance(a, sympy.Add) for a in expr.args):
        sums = [a for a in expr.args if isinstance(a, sympy.Add)]
        if len(sums) == 1 and not any(a.is_number and a.is_negative for a in expr.args):
            rest = sympy.Mul(*[a for a in expr.args if a is not sums[0]])
            inner = ordered_latex(sums[0], names, config)
            above, below = quotient_parts(rest)
            if above == 1:
                return rf"\frac{{{inner}}}{{{expression_latex(below, names, config)}}}"
            return f"{expression_latex(rest, names, config)} \\left({inner}\\right)"
    if isinstance(expr, sympy.Rel):
        left = ordered_latex(expr.lhs, names, config)
        right = ordered_latex(expr.rhs, names, config)
        return f"{left} {_RELATIONS[type(expr)]} {right}"
    return expression_latex(expr, names, config)


_RELATIONS: dict[type, str] = {
    sympy.StrictGreaterThan: ">",
    sympy.GreaterThan: "\\geq",
    sympy.StrictLessThan: "<",
    sympy.LessThan: "\\leq",
    sympy.Equality: "=",
    sympy.Unequality: "\\neq",
}

#: How a tree count is defined, for the "where" clause.
_JOINS = (
    r"J_{k}(n) = \left\lfloor \tfrac{n}{k} \right\rfloor + [\, n \bmod k \geq 2 \,]"
    r" + J_{k}\left(\left\lceil \tfrac{n}{k} \right\rceil\right),\; J_{k}(1) = 0"
)
#: The joins when a layer's last single item is proved too.
_GROUP_JOINS = (
    r"\hat{J}_{k}(n) = \sum_{i=1}^{\lceil \log_{k} n \rceil}"
    r" \left\lceil \tfrac{n}{k^{i}} \right\rceil"
)


def _where_lines(
    form: ReadableForm, names: dict[sympy.Symbol, str], config: LatexConfig
) -> list[str]:
    """One aligned line per auxiliary, the recurrence of ``J_k`` after its first use."""
    all_names = {**names, **form.latex_names()}
    lines = []
    joins_defined = group_joins_defined = False
    for index, aux in enumerate(form.where):
        head = r"\text{where } " if index == 0 else ""
        definition = expression_latex(aux.definition, all_names, config)
        text = f"{head}{aux.latex} &= {definition}"
        if isinstance(aux.definition, GroupJoins):
            text += r", \text{ the joins, single items proved too}"
            if not group_joins_defined:
                lines.append(text)
                text = rf"&\phantom{{=}} \text{{with }} {_GROUP_JOINS}"
                group_joins_defined = True
        elif isinstance(aux.definition, TreeJoins):
            leaves, arity = aux.definition.args
            arity_text = expression_latex(arity, all_names, config)
            leaves_text = expression_latex(leaves, all_names, config)
            text += (
                rf", \text{{ the joins of a layered {arity_text}-ary tree over }} {leaves_text}"
                if arity.is_Integer
                else rf", \text{{ the joins of a layered tree over }} {leaves_text}"
            )
            if not joins_defined:
                lines.append(text)
                text = rf"&\phantom{{=}} \text{{with }} {_JOINS}"
                joins_defined = True
        elif isinstance(aux.definition, TreeDepth):
            text += r", \text{ the depth of the tree}"
        elif isinstance(aux.definition, sympy.ceiling):
            text += r", \text{ the segments}"
        lines.append(text)
    return lines


def readable_latex(result: Breakeven, config: LatexConfig, environment: str | None = None) -> str:
    r"""The closed form in named auxiliaries, its condition and a "where" clause, aligned.

    ``environment`` replaces the configuration's (``aligned`` inside ``$$`` for a
    notebook).

    >>> import costmodel
    >>> print(readable_latex(costmodel.verifier_gates_breakeven(), LatexConfig()))
    \begin{align*}
      V^{*} &= \frac{8}{e b} \left(P + o - I\right) \qquad \text{if } P + o > I
    \end{align*}
    """
    form = result.readable()
    names = result.latex_names()
    all_names = {**names, **form.latex_names()}
    rhs = ordered_latex(form.expression, all_names, config)
    conditions = [ordered_latex(c, all_names, config) for c in form.conditions]
    lines = [f"{_lhs(result)} &= {rhs}"]
    if conditions:
        condition = r"\text{if } " + r",\; ".join(conditions)
        if form.where or len(rhs) + len(condition) > 90:
            lines.append(f"&\\phantom{{=}} {condition}")
        else:
            lines[0] += r" \qquad " + condition
    lines += _where_lines(form, names, config)
    environment = environment or config.environment
    return f"\\begin{{{environment}}}\n  " + " \\\\\n  ".join(lines) + f"\n\\end{{{environment}}}"


@register(Breakeven)
def _(result: Breakeven, config: LatexConfig, values: Any) -> str:
    if result.solution is None:
        reason = comment_text(f"no closed form for {result.solve_for.name}: {result.reason}")
        text = f"% {reason}"
        if values is not None:
            point = result.evaluate(values)
            text += (
                f"\n\\begin{{{config.environment}}}\n  {_point(result, point, config)}\n"
                f"\\end{{{config.environment}}}"
            )
        return text
    body = readable_latex(result, config)
    if values is None:
        return body
    point = result.evaluate(values)
    at = _point(result, point, config)
    return body.replace("\n\\end{", " \\\\\n  " + at + "\n\\end{", 1)


def _point(result: Breakeven, point: BreakevenPoint, config: LatexConfig) -> str:
    """``W^{*} &= value``, ``&\\approx`` when numeric, or the range where the sides are equal."""
    if point.interval is not None:
        low, high = (
            r"\ldots"
            if end is None
            else quantity_latex(
                end, mode=config.mode, digits=config.digits, powers_of_two=config.powers_of_two
            )
            for end in point.interval
        )
        note = r"\quad\text{(the sides are equal on this range)}"
        return rf"{_lhs(result)} &\in \left[{low}, {high}\right] {note}"
    text = quantity_latex(
        point.value,
        config.unit,
        mode=config.mode,
        digits=config.digits,
        powers_of_two=config.powers_of_two,
    )
    exact = point.exact and not text.startswith("\\approx ")
    text = text.removeprefix("\\approx ")
    sign = "&=" if exact else r"&\approx"
    return f"{_lhs(result)} {sign} {text}"


def _inline(result: Breakeven) -> str:
    if result.solution is None:
        return rf"\text{{no closed form for {escape_text(result.solve_for.name)}}}"
    rhs = expression_latex(result.solution, result.latex_names(), _PLAIN)
    conditions = [expression_latex(c, result.latex_names(), _PLAIN) for c in result.conditions]
    tail = r" \quad \text{if } " + r",\; ".join(conditions) if conditions else ""
    return f"{_lhs(result)} = {rhs}{tail}"


@register_latex(Breakeven)
def _(result: Breakeven) -> str:
    """The readable form, as :func:`costmodel.latex` gives it, in MathJax-safe ``aligned``."""
    if result.solution is None:
        return "$$" + r"\text{no closed form for }" + math_text(result.solve_for.name) + "$$"
    return "$$" + readable_latex(result, _PLAIN, environment="aligned") + "$$"


@register_html(Breakeven)
def _(result: Breakeven) -> str:
    caption = html.escape(
        f"{result.left.label} = {result.right.label}, solved for {result.solve_for.name}"
    )
    return (
        f'<div class="costmodel"><p>{caption}</p>'
        f"<p>{html.escape(chr(92) + '(' + _inline(result) + chr(92) + ')')}</p></div>"
    )
