r"""Rich displays for Jupyter and IPython: LaTeX, HTML and pretty text.

The functions here are what ``Model`` and ``Evaluation`` delegate to from their
``_repr_latex_``, ``_repr_html_`` and ``_repr_pretty_`` methods.  The LaTeX is plain
(no siunitx) and uses only what MathJax and KaTeX understand: ``$$``, ``aligned``,
``array``, ``\text``, ``\mathrm``.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> result = costmodel.recursive_stark().evaluate(seed)
>>> "50.99925" in repr_latex(result) and "50.99925 GB" in repr_html(result)
True
>>> print(repr_latex(costmodel.verifier_witness_bound()))
$$\begin{aligned}
  \text{verifier witness} &= \frac{e b V}{8}
\end{aligned}$$
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from costmodel.analysis.point import BreakevenPoint
from costmodel.analysis.sensitivity import Elasticities
from costmodel.model import DISPLAYS, Evaluation, Model
from costmodel.presets import Preset
from costmodel.render.config import LatexConfig
from costmodel.render.escape import math_text
from costmodel.render.latex import equations, expression_latex, symbol_names
from costmodel.render.results import elasticity_table, evaluation_table, preset_table
from costmodel.render.table import html_table, text_table
from costmodel.render.tables import share_latex
from costmodel.render.units_latex import quantity_latex
from costmodel.render.writer_loading import load_all_writers
from costmodel.units import decimal_text, format_quantity, format_unit

__all__ = [
    "Writer",
    "register_html",
    "register_latex",
    "register_pretty",
    "repr_html",
    "repr_latex",
    "repr_pretty",
]

_PLAIN = LatexConfig(mode="plain")

#: A writer of one kind's LaTeX or HTML form (``None``: it has none).
Writer = Callable[..., str | None]


@functools.singledispatch
def repr_latex(obj: Any) -> str | None:
    """MathJax-safe LaTeX for ``obj`` (``$$ ... $$``), or ``None`` when there is none."""
    if load_all_writers():  # the writers of other kinds register themselves on import
        return repr_latex(obj)
    return None


@repr_latex.register
def _(obj: Model) -> str:
    return "$$" + equations(obj, None, _PLAIN, environment="aligned") + "$$"


@repr_latex.register
def _(obj: Evaluation) -> str:
    total = obj.total.magnitude
    rows = []
    for name, quantity in obj.terms.items():
        share = Fraction(quantity.magnitude) / Fraction(total) if total else None
        rows.append(
            f"  {math_text(name)} & {quantity_latex(quantity, mode='plain')} & "
            + (share_latex(share, _PLAIN, math=True) if share is not None else "")
            + r" \\"
        )
    rows.append(r"  \hline")
    rows.append(
        f"  \\text{{total}} & {quantity_latex(obj.total, mode='plain')} & "
        + (share_latex(Fraction(1), _PLAIN, math=True) if total else "")
    )
    head = r"  \text{term} & \text{value} & \text{share} \\ \hline"
    return "$$\\begin{array}{lrr}\n" + head + "\n" + "\n".join(rows) + "\n\\end{array}$$"


def register_latex(cls: type) -> Callable[[Writer], Writer]:
    """Decorator registering a ``repr_latex`` writer for another kind (a break-even...)."""
    return repr_latex.register(cls)


@functools.singledispatch
def repr_html(obj: Any) -> str | None:
    """An HTML table for ``obj`` (formulas as ``\\(...\\)`` for MathJax), or ``None``."""
    if load_all_writers():  # the writers of other kinds register themselves on import
        return repr_html(obj)
    return None


def _table(caption: str, header: list[str], rows: list[list[str]], total: list[str]) -> str:
    def row(cells: list[str], tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"

    body = [row(cells) for cells in rows]
    body.append(row([f"<strong>{cell}</strong>" for cell in total]))
    return (
        '<table class="costmodel">'
        f"<caption>{caption}</caption>"
        f"<thead>{row(header, 'th')}</thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


@repr_html.register
def _(obj: Model) -> str:
    names = symbol_names(obj)
    formulas = [(n, expression_latex(e, names, _PLAIN)) for n, e in obj.terms.items()]
    total = expression_latex(obj.total, names, _PLAIN)
    rows = [[html.escape(n), html.escape(f"\\({f}\\)")] for n, f in formulas]
    caption = html.escape(f"{obj.name}, terms in {format_unit(obj.pint_unit)}")
    return _table(caption, ["term", "formula"], rows, ["total", html.escape(f"\\({total}\\)")])


@repr_html.register
def _(obj: Evaluation) -> str:
    total = Fraction(obj.total.magnitude)

    def share(quantity: Any) -> str:
        if total == 0:
            return ""
        text, exact = decimal_text(Fraction(quantity.magnitude) / total * 100, 2)
        return f"{text} %" if exact else f"≈ {text} %"

    rows = [
        [html.escape(name), html.escape(format_quantity(q)), html.escape(share(q))]
        for name, q in obj.terms.items()
    ]
    foot = ["total", html.escape(format_quantity(obj.total)), share(obj.total)]
    return _table(html.escape(obj.model.name), ["term", "value", "share"], rows, foot)


def register_html(cls: type) -> Callable[[Writer], Writer]:
    """Decorator registering a ``repr_html`` writer for another kind."""
    return repr_html.register(cls)


@repr_html.register
def _(obj: Preset) -> str:
    return html_table(preset_table(obj))


@repr_html.register
def _(obj: Elasticities) -> str:
    return html_table(elasticity_table(obj))


@repr_html.register
def _(obj: BreakevenPoint) -> str:
    return f'<p class="costmodel">{html.escape(str(obj))}</p>'


@functools.singledispatch
def pretty_text(obj: Any) -> str:
    """The readable text IPython shows for ``obj``: a table where there is one."""
    if load_all_writers():  # the writers of other kinds register themselves on import
        return pretty_text(obj)
    return str(obj)


@pretty_text.register
def _(obj: Evaluation) -> str:
    return text_table(evaluation_table(obj))


@pretty_text.register
def _(obj: Preset) -> str:
    return text_table(preset_table(obj))


@pretty_text.register
def _(obj: Elasticities) -> str:
    return text_table(elasticity_table(obj))


def register_pretty(cls: type) -> Any:
    """Decorator registering the readable text of another kind."""
    return pretty_text.register(cls)


def repr_pretty(obj: Any, p: Any, cycle: bool) -> None:
    """IPython's pretty printer: the object's readable text (:func:`pretty_text`)."""
    p.text(f"<{type(obj).__name__} ...>" if cycle else pretty_text(obj))


# Models, evaluations and break-evens show themselves through these writers.
DISPLAYS.update(latex=repr_latex, html=repr_html, pretty=repr_pretty)
