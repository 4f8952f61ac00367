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
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, cast

import sympy

from costmodel.dimensions import as_expression
from costmodel.errors import OptionError
from costmodel.functions import plain
from costmodel.model import Evaluation, Model
from costmodel.presets import Preset
from costmodel.render.config import LatexConfig
from costmodel.render.escape import comment_text, math_text
from costmodel.render.tables import breakdown_table, given_quantities, parameter_table
from costmodel.render.units_latex import quantity_latex, siunitx_declarations
from costmodel.symbols import VOCABULARY

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


#: About how many characters of typeset math fit on an article line beside a label.
_LINE_CHARS = 40

_COMMAND = re.compile(r"\\[a-zA-Z]+")


_QTY = re.compile(r"\\(?:qty|SI)\{([^{}]*)\}\{([^{}]*)\}|\\num\{([^{}]*)\}")
_FRAC = re.compile(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}")
_STRUCTURAL = {"left", "right", "cdot", "text", "mathrm", "quad", "qquad", "nonumber"}


def _plain_width(text: str) -> int:
    def weight(match: re.Match[str]) -> str:
        name = match.group(0)[1:]
        return "" if name in _STRUCTURAL else "x" * min(2, len(name))

    visible = _COMMAND.sub(weight, text)
    return sum(1 for char in visible if char not in "{}&^_ ")


def typeset_width(text: str) -> int:
    r"""A rough count of the characters ``text`` shows when typeset.

    A fraction counts as its wider part, a command as one or two characters.

    >>> typeset_width(r"\qty{250}{\kilo\byte} + \frac{a}{bc}")
    11
    """
    text = _QTY.sub(
        lambda m: "x" * (len(m.group(3) or m.group(1)) + _plain_width(m.group(2) or "") + 1),
        text,
    )
    while True:
        replaced = _FRAC.sub(
            lambda m: "x" * max(_plain_width(m.group(1)), _plain_width(m.group(2))), text
        )
        if replaced == text:
            break
        text = replaced
    return _plain_width(text)


def _cuts(text: str) -> list[int]:
    """Where ``text`` may break: before a top-level ``+``, ``-``, ``\\cdot`` or ``=``."""
    cuts = []
    depth = 0
    for index, char in enumerate(text):
        if text.startswith("\\left", index):
            depth += 1
        elif text.startswith("\\right", index):
            depth -= 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and index > 0 and text.startswith((" + ", " - ", " \\cdot ", " = "), index):
            cuts.append(index)
    return cuts


def _pieces(text: str, width: int) -> list[str]:
    pieces, start, last = [], 0, 0
    for cut in [*_cuts(text), len(text)]:
        if typeset_width(text[start:cut]) > width and last > start:
            pieces.append(text[start:last].strip())
            start = last
        last = cut
    pieces.append(text[start:].strip())
    return pieces


def break_sum(text: str, width: int = _LINE_CHARS) -> list[str]:
    """``text`` cut before top-level ``+``, ``-``, ``\\cdot`` and ``=`` into pieces about
    ``width`` wide, each valid LaTeX on its own line of an ``align``.

    Cuts fall where no brace or ``\\left``/``\\right`` pair is open; when a piece is
    still too wide, its ``\\left( .. \\right)`` become ``\\bigl( .. \\bigr)``, which
    may break.

    >>> break_sum("a + b + c", width=2)
    ['a', '+ b', '+ c']
    """
    pieces = _pieces(text, width)
    if all(typeset_width(p) <= width for p in pieces):
        return pieces
    loose = text.replace("\\left(", "\\bigl(").replace("\\right)", "\\bigr)")
    return _pieces(loose, width)


def _block(groups: list[tuple[str, list[str]]], environment: str, numbered: bool) -> str:
    lines = []
    # align sets every label in one column, as wide as the widest
    room = _LINE_CHARS - max((typeset_width(label) for label, _ in groups), default=0) // 2
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


# -- dispatch -----------------------------------------------------------------------------


@functools.singledispatch
def _write(obj: Any, config: LatexConfig, values: Any) -> str:
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


# -- documents ----------------------------------------------------------------------------


def preamble(config: LatexConfig | None = None, **options: Any) -> str:
    r"""The packages (and in siunitx mode the unit declarations) every export needs, once.

    ``costmodel latex --preamble`` prints it.  It loads amsmath, array, booktabs,
    longtable (parameter tables over pages) and url (sources' addresses); in siunitx
    mode also siunitx and a declaration for every unit of the library's registry that
    siunitx does not define (skipped for a unit the document declared first).  Loading a
    package your document already loads is harmless, with or without options.  The one
    siunitx setting it makes, ``per-mode = symbol`` (units read ``MB/segment``), sits on
    its own marked line: drop it to keep your own.

    >>> print(preamble(mode="plain"))
    \usepackage{amsmath}
    \usepackage{array}
    \usepackage{booktabs}
    \usepackage{longtable}
    \usepackage{url}
    """
    config = LatexConfig.make(config, **options)
    lines = [
        r"\usepackage{amsmath}",
        r"\usepackage{array}",
        r"\usepackage{booktabs}",
        r"\usepackage{longtable}",
        r"\usepackage{url}",
    ]
    if config.siunitx:
        lines += [
            r"\usepackage{siunitx}",
            "% the one siunitx setting costmodel's output assumes (units read MB/segment);",
            "% drop the next line to keep your document's own per-mode",
            r"\sisetup{per-mode = symbol}",
            siunitx_declarations(),
        ]
    return "\n".join(lines)


def document(body: str | Iterable[str], config: LatexConfig | None = None, **options: Any) -> str:
    r"""A complete ``article`` around ``body`` (one part, or several separated by blank lines).

    >>> print(document(r"\(x\)", mode="plain"))
    \documentclass{article}
    \usepackage{amsmath}
    \usepackage{array}
    \usepackage{booktabs}
    \usepackage{longtable}
    \usepackage{url}
    \begin{document}
    \(x\)
    \end{document}
    <BLANKLINE>
    """
    config = LatexConfig.make(config, **options)
    text = body if isinstance(body, str) else "\n\n".join(body)
    return (
        "\\documentclass{article}\n"
        + preamble(config)
        + "\n\\begin{document}\n"
        + text
        + "\n\\end{document}\n"
    )


def export(
    model: Model,
    values: Mapping[str, Any] | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    """Everything about ``model`` at once, for ``costmodel latex ARCH``.

    The symbolic equations; with ``values`` also the equations with numbers (in
    ``form``, default three-step), the breakdown table and the parameter table (with
    sources when ``values`` is a preset).  Parts are separated by blank lines and
    preceded by a comment naming them; ``standalone=True`` gives a complete document.
    """
    config = LatexConfig.make(config, **options)
    symbolic = config.replace(form="symbolic")
    settings = ", ".join(f"{k}={v}" for k, v in model.options)
    title = comment_text(f"{model.name} ({settings})" if settings else model.name)
    parts = [f"% {title}: terms in {model.unit}\n" + equations(model, None, symbolic)]
    if values is not None:
        evaluation = model.evaluate(values)
        form = config.form or "three-step"
        if form != "symbolic":
            numbers = equations(model, evaluation, config.replace(form=form))
            parts.append(f"% {title}: with numbers\n{numbers}")
        parts.append(f"% {title}: breakdown\n{breakdown_table(evaluation, config)}")
        label = getattr(values, "name", None)
        where = f" (preset {comment_text(label)})" if isinstance(label, str) else ""
        parts.append(f"% parameters{where}\n{parameter_table(values, model, config)}")
    body = "\n\n".join(parts)
    return document(body, config) if config.standalone else body + "\n"
