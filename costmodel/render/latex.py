r"""LaTeX for models, evaluations and whatever else registers a writer.

:func:`latex` is the entry point.  What it writes depends on the object:

- a :class:`~costmodel.model.Model`: an ``align*`` block, one line per term and the
  total, in the vocabulary's symbols (``T``, ``C``, ``S``, ``P``, ``\rho``...).  With
  ``values=`` it shows the numbers too (``form="three-step"`` by default:
  formula, numbers, result);
- an :class:`~costmodel.model.Evaluation`: its breakdown table (``form=`` gives the
  equations with its inputs instead);
- a preset: its parameter table with sources;
- a sympy expression: the expression, in the vocabulary's symbols;
- any object with a method ``_costmodel_latex_(config)``, or whose type was
  registered with :func:`register`.

``standalone=True`` wraps the result in a complete document; :func:`preamble` gives
the packages and unit declarations to paste into your own.

This module is the entry point and the dispatch by type; the writers have homes of their
own: equation blocks (:mod:`costmodel.render.equation_blocks`), line breaking
(:mod:`costmodel.render.line_breaks`) and documents (:mod:`costmodel.render.latex_documents`).

>>> import costmodel
>>> print(costmodel.latex(costmodel.verifier_witness_bound()))
\begin{align*}
  \text{verifier witness} &= \frac{e b V}{8}
\end{align*}
>>> seed = costmodel.presets.load("seed-note")
>>> print(costmodel.latex(costmodel.verifier_witness_bound(rounding="rounded"), values=seed))
\begin{align*}
  \text{verifier witness} &= \frac{\beta V}{8} \\
  &= \frac{\qty{750}{\bit\per\gate} \cdot \qty{10000}{\gate}}{8} \\
  &= \qty{937.5}{\kilo\byte}
\end{align*}
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import sympy

from costmodel.model import Evaluation, Model
from costmodel.presets import Preset
from costmodel.render.config import LatexConfig
from costmodel.render.equation_blocks import (
    equations,
    expression_latex,
    solution_latex,
    sum_latex,
    symbol_names,
)
from costmodel.render.latex_documents import document, export, preamble
from costmodel.render.line_breaks import break_sum as break_sum
from costmodel.render.line_breaks import typeset_width as typeset_width
from costmodel.render.tables import breakdown_table, parameter_table
from costmodel.render.writer_loading import load_all_writers

__all__ = [
    "document",
    "equations",
    "export",
    "expression_latex",
    "latex",
    "preamble",
    "register",
    "solution_latex",
    "sum_latex",
    "symbol_names",
]

T = TypeVar("T")


# -- dispatch -----------------------------------------------------------------------------


@functools.singledispatch
def _write(obj: Any, config: LatexConfig, values: Any) -> str:
    if load_all_writers():  # the writers of other kinds register themselves on import
        return _write(obj, config, values)
    raise TypeError(
        f"no LaTeX writer for {type(obj).__name__}: pass a Model, an Evaluation, a preset or "
        f"a sympy expression, give the object a _costmodel_latex_(config) method, or "
        f"register a writer with costmodel.render.register({type(obj).__name__})"
    )


def register(cls: type) -> Callable[[Callable[..., str]], Callable[..., str]]:
    r"""Decorator: ``@register(Kind) def write(obj, config, values) -> str``.

    The writer receives the object, the :class:`LatexConfig` and the ``values``
    given to :func:`latex` (or ``None``), and returns LaTeX without a document around it.

    >>> from costmodel.render.escape import escape_text
    >>> class Note:
    ...     text = "50 % of it"
    >>> @register(Note)
    ... def _(obj, config, values):
    ...     return escape_text(obj.text)
    >>> latex(Note())
    '50 \\% of it'
    """
    return _write.register(cls)


@_write.register
def _(obj: Model, config: LatexConfig, values: Any) -> str:
    return equations(obj, values, config)


@_write.register
def _(obj: Evaluation, config: LatexConfig, values: Any) -> str:
    if config.form is None:
        return breakdown_table(obj, config)
    return equations(obj.model, obj, config)


@_write.register
def _(obj: Preset, config: LatexConfig, values: Any) -> str:
    return parameter_table(obj, None, config)


@_write.register
def _(obj: sympy.Basic, config: LatexConfig, values: Any) -> str:
    return expression_latex(obj, None, config)


def latex(
    obj: Any,
    *,
    values: Mapping[str, Any] | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    r"""LaTeX for ``obj``; ``options`` are :class:`LatexConfig` fields (``mode="plain"``...).

    Output is deterministic: the same input gives the same bytes.

    >>> import costmodel
    >>> seed = costmodel.presets.load("seed-note")
    >>> text = costmodel.latex(costmodel.recursive_stark().evaluate(seed), mode="plain")
    >>> [line for line in text.splitlines() if line.startswith("  \\text{total}")]
    ['  \\text{total} & 50.99925\\,\\mathrm{GB} & 100\\,\\% \\\\']
    """
    config = LatexConfig.make(config, **options)
    own = getattr(type(obj), "_costmodel_latex_", None)
    body = own(obj, config) if own is not None else _write(obj, config, values)
    return document(body, config) if config.standalone else body
