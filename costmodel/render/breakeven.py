r"""LaTeX and notebook displays of break-even results.

>>> import costmodel
>>> print(costmodel.latex(costmodel.folded_witness_breakeven()))
\begin{align*}
  W^{*} &= - I + P + o \qquad \text{if } - I + P + o > 0
\end{align*}
"""

from __future__ import annotations

import html
from typing import Any

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint
from costmodel.render.config import LatexConfig
from costmodel.render.escape import comment_text, escape_text
from costmodel.render.latex import expression_latex, register, solution_latex
from costmodel.render.notebook import register_html, register_latex
from costmodel.render.units_latex import quantity_latex

__all__: list[str] = []

_PLAIN = LatexConfig(mode="plain")


def _lhs(result: Breakeven) -> str:
    return f"{result.solve_for.latex}^{{*}}"


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
    body = solution_latex(
        _lhs(result), result.solution, result.conditions, result.latex_names(), config
    )
    if values is None:
        return body
    point = result.evaluate(values)
    at = _point(result, point, config)
    return body.replace("\n\\end{", " \\\\\n  " + at + "\n\\end{", 1)


def _point(result: Breakeven, point: BreakevenPoint, config: LatexConfig) -> str:
    """``W^{*} &= value``, ``&\\approx`` when numeric, or the range where the sides are equal."""
    if point.interval is not None:
        low, high = (
            r"\ldots" if end is None else quantity_latex(end, mode=config.mode)
            for end in point.interval
        )
        note = r"\quad\text{(the sides are equal on this range)}"
        return rf"{_lhs(result)} &\in \left[{low}, {high}\right] {note}"
    sign = "&=" if point.exact else r"&\approx"
    return f"{_lhs(result)} {sign} {quantity_latex(point.value, mode=config.mode)}"


def _inline(result: Breakeven) -> str:
    if result.solution is None:
        return rf"\text{{no closed form for {escape_text(result.solve_for.name)}}}"
    rhs = expression_latex(result.solution, result.latex_names(), _PLAIN)
    conditions = [expression_latex(c, result.latex_names(), _PLAIN) for c in result.conditions]
    tail = r" \quad \text{if } " + r",\; ".join(conditions) if conditions else ""
    return f"{_lhs(result)} = {rhs}{tail}"


@register_latex(Breakeven)
def _(result: Breakeven) -> str:
    return f"$${_inline(result)}$$"


@register_html(Breakeven)
def _(result: Breakeven) -> str:
    caption = html.escape(
        f"{result.left.label} = {result.right.label}, solved for {result.solve_for.name}"
    )
    return (
        f'<div class="costmodel"><p>{caption}</p>'
        f"<p>{html.escape(chr(92) + '(' + _inline(result) + chr(92) + ')')}</p></div>"
    )
