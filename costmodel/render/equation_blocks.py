r"""Equation blocks: a model's terms and total as an ``align*`` block, in symbols, with
numbers substituted, or both with the result (:func:`equations`); a closed form with its
conditions (:func:`solution_latex`); and the expressions inside them, in the vocabulary's
symbols (:func:`expression_latex`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

import sympy

from costmodel.dimensions import as_expression
from costmodel.errors import OptionError
from costmodel.functions import plain
from costmodel.model import Evaluation, Model
from costmodel.render.config import LatexConfig
from costmodel.render.escape import math_text
from costmodel.render.line_breaks import LINE_CHARS, break_sum, typeset_width
from costmodel.render.tables import given_quantities
from costmodel.render.units_latex import quantity_latex
from costmodel.symbols import VOCABULARY

__all__ = [
    "equations",
    "expression_latex",
    "solution_latex",
    "sum_latex",
    "symbol_names",
]


_VOCABULARY_NAMES: dict[sympy.Symbol, str] = {p.symbol: p.latex for p in VOCABULARY.values()}


def symbol_names(model: Model | None = None) -> dict[sympy.Symbol, str]:
    """Symbol -> LaTeX for the vocabulary and ``model``'s own parameters."""
    names = dict(_VOCABULARY_NAMES)
    if model is not None:
        names.update(model.latex_names())
    return names


def expression_latex(
    expr: Any,
    names: Mapping[sympy.Symbol, str] | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    r"""An expression in the vocabulary's symbols, count labels dropped.

    >>> from costmodel import symbol, ceil, log
    >>> T, C = symbol("total_cycles"), symbol("segment_cycles")
    >>> expression_latex(symbol("proof_size") * log(ceil(T / C), 2))
    'P \\log_{2}{\\left(\\left\\lceil{\\frac{T}{C}}\\right\\rceil\\right)}'
    """
    config = LatexConfig.make(config, **options)
    latex = sympy.latex(
        plain(as_expression(expr)),
        symbol_names=dict(names) if names is not None else symbol_names(),
        mul_symbol=config.mul_symbol,
    )
    return cast(str, latex)


# -- equation blocks ----------------------------------------------------------------------


def sum_latex(parts: list[str]) -> str:
    """LaTeX terms joined with ``+`` (a leading minus becomes `` - ``).

    >>> sum_latex(["N S", "- I", "P"])
    'N S - I + P'
    """
    text = parts[0]
    for part in parts[1:]:
        text += f" - {part[1:].lstrip()}" if part.startswith("-") else f" + {part}"
    return text


def _substituted_names(
    model: Model, given: Mapping[str, Any], config: LatexConfig
) -> dict[sympy.Symbol, str]:
    names: dict[sympy.Symbol, str] = {}
    for p in model.parameters:
        value = given[p.name]
        # No brackets needed: "50 MB/segment · N" reads left to right as (50 MB/segment) · N,
        # and sympy stacks every quotient as a \frac.
        names[p.symbol] = quantity_latex(
            value, mode=config.mode, digits=config.digits, powers_of_two=config.powers_of_two
        )
    return names


def _groups(
    model: Model,
    evaluation: Evaluation | None,
    given: Mapping[str, Any],
    config: LatexConfig,
    form: str,
) -> list[tuple[str, list[str]]]:
    """``(label, steps)`` for each term and the total; each step is one right-hand side."""
    names = symbol_names(model)
    formulas = [expression_latex(e, names, config) for e in model.terms.values()]
    labels = [math_text(name) for name in model.terms]
    if form == "symbolic" or evaluation is None:
        groups = [(label, [formula]) for label, formula in zip(labels, formulas, strict=True)]
        if len(formulas) > 1:
            groups.append((r"\text{total}", [sum_latex(formulas)]))
        return groups
    numbers_names = _substituted_names(model, given, config)
    numbers = [
        sympy.latex(plain(e), symbol_names=numbers_names, mul_symbol="dot")
        for _, e in model.term_items
    ]

    def result(quantity: Any) -> str:
        return quantity_latex(
            quantity,
            config.unit,
            mode=config.mode,
            digits=config.digits,
            powers_of_two=config.powers_of_two,
        )

    results = [result(q) for q in evaluation.terms.values()]
    rows = list(zip(labels, formulas, numbers, results, strict=True))
    if len(rows) > 1:
        # the sum of the terms' values: rounded ones marked once, in front of the line
        parts = [r.removeprefix(_APPROX) for r in results]
        added = sum_latex(parts)
        if any(r.startswith(_APPROX) for r in results):
            added = _APPROX + added
        rows.append((r"\text{total}", sum_latex(formulas), added, result(evaluation.total)))
    if form == "substituted":
        return [(label, [f"{number} = {value}"]) for label, _, number, value in rows]
    return [(label, [formula, number, value]) for label, formula, number, value in rows]


_APPROX = "\\approx "
_CONTINUED = "\x00continued "


def _block(groups: list[tuple[str, list[str]]], environment: str, numbered: bool) -> str:
    lines = []
    # align sets every label in one column, as wide as the widest
    room = LINE_CHARS - max((typeset_width(label) for label, _ in groups), default=0) // 2
    for label, steps in groups:
        broken: list[str] = []
        for step in steps:
            pieces = break_sum(step, room)
            broken.append(pieces[0])
            broken += [_CONTINUED + piece for piece in pieces[1:]]
        steps = broken
        for index, step in enumerate(steps):
            if step.startswith(_CONTINUED):
                tag = r" \nonumber" if numbered and index < len(steps) - 1 else ""
                lines.append(f"  &\\quad {step.removeprefix(_CONTINUED)}{tag}")
                continue
            relation = "&= "
            if step.startswith(_APPROX):  # a rounded value: one sign, never "= ≈"
                relation, step = "&\\approx ", step.removeprefix(_APPROX)
            head = f"{label} {relation}" if index == 0 else relation
            tag = r" \nonumber" if numbered and index < len(steps) - 1 else ""
            lines.append(f"  {head}{step}{tag}")
    return f"\\begin{{{environment}}}\n" + " \\\\\n".join(lines) + f"\n\\end{{{environment}}}"


def equations(
    model: Model,
    values: Mapping[str, Any] | Evaluation | None = None,
    config: LatexConfig | None = None,
    *,
    environment: str | None = None,
    **options: Any,
) -> str:
    r"""The model's terms and total as an ``align*`` block (``align`` when numbered).

    ``values`` (a mapping of parameter name to value, a preset, or an evaluation of
    this model) is needed by the forms ``substituted`` and ``three-step``; the form
    defaults to ``three-step`` when values are given, ``symbolic`` otherwise.  A
    model with one term has no separate total line.  ``environment`` overrides the
    environment (``aligned`` for use inside ``$$ ... $$``).
    """
    config = LatexConfig.make(config, **options)
    form = config.form or ("symbolic" if values is None else "three-step")
    evaluation: Evaluation | None = None
    given: Mapping[str, Any] = {}
    if form != "symbolic":
        if values is None:
            raise OptionError(f"form {form!r} needs values: latex(model, values=preset)")
        if isinstance(values, Evaluation):
            if values.model != model:
                raise OptionError(
                    f"the evaluation is of model {values.model.name!r}, not {model.name!r}"
                )
            evaluation = values
        else:
            evaluation = model.evaluate(values)
        given = given_quantities(values, model)
    numbered = config.numbered and environment is None
    groups = _groups(model, evaluation, given, config, form)
    return _block(groups, environment or config.environment, numbered)


def solution_latex(
    lhs: str,
    solution: Any,
    conditions: Iterable[Any] = (),
    names: Mapping[sympy.Symbol, str] | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    r"""A closed form and the conditions under which it holds, as an equation block.

    For break-evens: ``lhs`` is the LaTeX of the solved-for symbol (``W^{*}``).

    >>> from costmodel import symbol
    >>> P, o, I = symbol("proof_size"), symbol("receipt_overhead"), symbol("folded_instance_size")
    >>> print(solution_latex("W^{*}", P + o - I, [I < P + o]))
    \begin{align*}
      W^{*} &= - I + P + o \qquad \text{if } I < P + o
    \end{align*}
    """
    config = LatexConfig.make(config, **options)
    rhs = expression_latex(solution, names, config)
    conds = [expression_latex(c, names, config) for c in conditions]
    tail = r" \qquad \text{if } " + r",\; ".join(conds) if conds else ""
    return _block([(lhs, [rhs + tail])], config.environment, False)
