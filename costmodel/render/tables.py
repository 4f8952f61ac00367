r"""booktabs tables: the breakdown of an evaluation, and the parameters with their sources.

Both return a ``tabular`` (no float around it: put it in your own ``table``).  They
need ``booktabs`` and ``array``, plus ``siunitx`` in siunitx mode (see
:func:`costmodel.render.latex.preamble`).

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> result = costmodel.verifier_witness_bound(rounding="rounded").evaluate(seed)
>>> print(breakdown_table(result))
\begin{tabular}{@{}lrr@{}}
  \toprule
  term & value & share \\
  \midrule
  verifier witness & \qty{937.5}{\kilo\byte} & \qty{100}{\percent} \\
  \midrule
  total & \qty{937.5}{\kilo\byte} & \qty{100}{\percent} \\
  \bottomrule
\end{tabular}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from costmodel.errors import ExpressionError
from costmodel.model import Evaluation, Model
from costmodel.render.config import LatexConfig
from costmodel.render.escape import escape_text, math_text
from costmodel.render.units_latex import number_latex, quantity_latex
from costmodel.symbols import VOCABULARY, Param, param
from costmodel.units import UnitLike, parse_quantity

__all__ = [
    "breakdown_table",
    "float_table",
    "given_quantities",
    "parameter_table",
    "share_latex",
    "value_cell",
]

_RAGGED = r">{\raggedright\arraybackslash}"


def value_cell(quantity: object, config: LatexConfig, unit: UnitLike | None = None) -> str:
    r"""A table cell holding a quantity: ``\qty{..}{..}`` (text mode) or ``$..$`` (plain)."""
    if config.siunitx:
        return quantity_latex(
            quantity,
            unit,
            mode="siunitx",
            digits=config.digits,
            approx="$\\approx$\\,",
            powers_of_two=config.powers_of_two,
        )
    return (
        "$"
        + quantity_latex(
            quantity, unit, mode="plain", digits=config.digits, powers_of_two=config.powers_of_two
        )
        + "$"
    )


def share_latex(share: Fraction, config: LatexConfig, *, math: bool = False) -> str:
    r"""A share as a percentage, rounded to ``config.share_digits`` and marked when rounded.

    >>> share_latex(Fraction(1, 3), LatexConfig())
    '$\\approx$\\,\\qty{33.33}{\\percent}'
    >>> share_latex(Fraction(1, 4), LatexConfig(mode="plain"))
    '$25\\,\\%$'
    """
    number, exact = number_latex(share * 100, mode=config.mode, digits=config.share_digits)
    if config.siunitx:
        text = f"\\qty{{{number}}}{{\\percent}}"
        if exact:
            return text
        return ("\\approx " if math else "$\\approx$\\,") + text
    text = f"{number}\\,\\%" if exact else f"\\approx {number}\\,\\%"
    return text if math else f"${text}$"


def _tabular(spec: str, header: list[str], body: list[list[str]], foot: list[list[str]]) -> str:
    lines = [f"\\begin{{tabular}}{{{spec}}}", "  \\toprule", "  " + " & ".join(header) + r" \\"]
    lines.append("  \\midrule")
    lines += ["  " + " & ".join(row) + r" \\" for row in body]
    if foot:
        lines.append("  \\midrule")
        lines += ["  " + " & ".join(row) + r" \\" for row in foot]
    lines += ["  \\bottomrule", "\\end{tabular}"]
    return "\n".join(lines)


def _array(columns: str, header: list[str], body: list[list[str]], foot: list[list[str]]) -> str:
    r"""A display-math ``array`` (plain mode: MathJax has no ``tabular``); cells are math."""
    lines = ["\\[", f"\\begin{{array}}{{{columns}}}", "  \\hline"]
    lines.append("  " + " & ".join(math_text(h) for h in header) + r" \\")
    lines.append("  \\hline")
    lines += ["  " + " & ".join(row) + r" \\" for row in body]
    if foot:
        lines.append("  \\hline")
        lines += ["  " + " & ".join(row) + r" \\" for row in foot]
    lines += ["  \\hline", "\\end{array}", "\\]"]
    return "\n".join(lines)


def _math_value(quantity: object, config: LatexConfig, unit: UnitLike | None = None) -> str:
    """A quantity as math (no ``$``), for a plain-mode ``array`` cell."""
    return quantity_latex(
        quantity, unit, mode="plain", digits=config.digits, powers_of_two=config.powers_of_two
    )


def float_table(tabular: str, config: LatexConfig) -> str:
    r"""``tabular`` in a ``table`` float with the configuration's caption and label, if any.

    >>> print(float_table("T", LatexConfig(caption="Costs", label="tab:costs")))
    \begin{table}[htbp]
      \centering
      \caption{Costs}
      \label{tab:costs}
    T
    \end{table}
    """
    if not config.floating:
        return tabular
    lines = ["\\begin{table}[htbp]", "  \\centering"]
    if config.caption is not None:
        lines.append(f"  \\caption{{{escape_text(config.caption)}}}")
    if config.label is not None:
        lines.append(f"  \\label{{{config.label}}}")
    return "\n".join([*lines, tabular, "\\end{table}"])


def breakdown_table(
    evaluation: Evaluation, config: LatexConfig | None = None, **options: Any
) -> str:
    """Term, value and share of each term, then the total: a booktabs ``tabular``.

    Values are exact (rounded only when their decimal does not terminate, and then
    marked); shares are rounded to ``share_digits`` and marked when rounded.  ``unit``
    in the configuration puts every value in one unit.
    """
    config = LatexConfig.make(config, **options)
    if not isinstance(evaluation, Evaluation):
        raise TypeError(f"breakdown_table: expected an Evaluation, got {type(evaluation).__name__}")
    total = Fraction(evaluation.total.magnitude)
    if total == 0:
        raise ExpressionError("breakdown_table: shares are undefined, the total is zero")
    body = [
        [
            escape_text(name),
            value_cell(quantity, config, config.unit),
            share_latex(Fraction(quantity.magnitude) / total, config),
        ]
        for name, quantity in evaluation.terms.items()
    ]
    if not config.siunitx:  # an array in display math: MathJax reads it too
        rows = [
            [
                math_text(name),
                _math_value(quantity, config, config.unit),
                share_latex(Fraction(quantity.magnitude) / total, config, math=True),
            ]
            for name, quantity in evaluation.terms.items()
        ]
        last = [
            math_text("total"),
            _math_value(evaluation.total, config, config.unit),
            share_latex(Fraction(1), config, math=True),
        ]
        return float_table(_array("lrr", ["term", "value", "share"], rows, [last]), config)
    total_value = value_cell(evaluation.total, config, config.unit)
    foot = [["total", total_value, share_latex(Fraction(1), config)]]
    return float_table(_tabular("@{}lrr@{}", ["term", "value", "share"], body, foot), config)


def _parameters(values: Mapping[str, Any], model: Model | None) -> list[Param]:
    if model is not None:
        return list(model.parameters)
    for name in values:
        param(name)  # unknown names: an error with a suggestion
    return [p for p in VOCABULARY.values() if p.name in values]


def given_quantities(
    values: Mapping[str, Any] | Evaluation, model: Model | None = None
) -> dict[str, Any]:
    """Each parameter's value in the unit it was given in (``2 MiB`` stays ``2 MiB``).

    Checked first as :meth:`Model.evaluate` checks values (or, without a model, each
    against its vocabulary parameter).  An evaluation gives its inputs.

    >>> given_quantities({"folded_witness_size": "2 MiB"})
    {'folded_witness_size': <Quantity(2, 'MiB')>}
    """
    if isinstance(values, Evaluation):
        return dict(values.inputs)
    params = _parameters(values, model)
    if model is not None:
        model.exact_values(values)
    else:
        for p in params:
            p.exact_value(values[p.name])
    return {p.name: parse_quantity(values[p.name], name=p.name) for p in params}


def parameter_table(
    values: Mapping[str, Any] | Evaluation,
    model: Model | None = None,
    config: LatexConfig | None = None,
    **options: Any,
) -> str:
    r"""Symbol, meaning, value and (when the values carry them) source of each parameter.

    ``values`` is a preset (its ``sources`` fill the source column), any mapping of
    parameter name to value, or an evaluation (its inputs).  With ``model`` the rows are
    the model's parameters, checked as :meth:`Model.evaluate` checks them; without it,
    the values given, in vocabulary order.  ``quotes=True`` adds each source's quote.

    >>> import costmodel
    >>> seed = costmodel.presets.load("seed-note")
    >>> table = parameter_table(seed, costmodel.verifier_witness_bound())
    >>> print(table.splitlines()[4].replace(" & ", "\n"))
      $V$
    gates of the recursive verifier circuit
    \num{10000} \unit{\gate}
    seed note, Summary of impressions \\
    """
    config = LatexConfig.make(config, **options)
    if isinstance(values, Evaluation):
        model = model or values.model
        values = values.inputs
    sources = getattr(values, "sources", None)
    params = _parameters(values, model)
    given = given_quantities(values, model)
    header = ["symbol", "meaning", "value"]
    spec = f"@{{}}c{_RAGGED}p{{0.4\\linewidth}}{_RAGGED}p{{0.3\\linewidth}}@{{}}"
    if sources is not None:
        header.append("source")
        spec = (
            f"@{{}}c{_RAGGED}p{{0.21\\linewidth}}{_RAGGED}p{{0.27\\linewidth}}"
            f"{_RAGGED}p{{0.27\\linewidth}}@{{}}"
        )
    if not config.siunitx and not config.longtable:
        rows = [_math_row(p, given[p.name], sources, config) for p in params]
        columns = "cll" + ("l" if sources is not None else "")
        return float_table(_array(columns, header, rows, []), config)
    body = []
    for p in params:
        source = sources.get(p.name) if sources is not None else None
        row = [f"${p.latex}$", escape_text(p.meaning), _marked_value(given[p.name], source, config)]
        if sources is not None:
            row.append("" if source is None else _source_cell(source, config))
        body.append(row)
    if config.longtable:
        return _longtable(spec, header, body, config)
    return float_table(_tabular(spec, header, body, []), config)


def _math_row(p: Param, quantity: Any, sources: Any, config: LatexConfig) -> list[str]:
    """One parameter's row as math cells (plain mode), sources as text without commands."""
    source = sources.get(p.name) if sources is not None else None
    value = _math_value(quantity, config)
    if source is not None:
        if source.estimate:
            value += math_text(" (est.)")
        if source.low is not None or source.high is not None:
            low, high = (
                r"\ldots" if end is None else _math_value(end, config, end.units)
                for end in (source.low, source.high)
            )
            value += f"\\ [{low}, {high}]"
    row = [p.latex, math_text(p.meaning), value]
    if sources is not None:
        cell = "" if source is None else math_text(source.source)
        if source is not None and config.quotes:
            cell += math_text(': "' + source.quote + '"')
        row.append(cell)
    return row


def _marked_value(quantity: Any, source: Any, config: LatexConfig) -> str:
    """The value, then ``(est.)`` for an estimate and ``[low, high]`` for a range.

    In siunitx mode the number and the unit may break apart (a narrow column)."""
    cell = _breakable(value_cell(quantity, config))
    if source is None:
        return cell
    if source.estimate:
        cell += " (est.)"
    if source.low is not None or source.high is not None:
        low, high = (
            r"\ldots" if end is None else _breakable(value_cell(end, config, end.units))
            for end in (source.low, source.high)
        )
        cell += f" [{low}, {high}]"
    return cell


def _breakable(cell: str) -> str:
    r"""``\qty{n}{u}`` as ``\num{n} \unit{u}``: a line may break between number and unit."""
    number = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
    return re.sub(r"\\qty(\[[^\]]*\])?" + number + r"\{", r"\\num\1{\2} \\unit{", cell)


def _source_cell(source: Any, config: LatexConfig) -> str:
    from costmodel.render.bibtex import source_key, source_latex

    cell = f"\\cite{{{source_key(source.source)}}}" if config.cite else source_latex(source.source)
    if config.quotes:
        cell += ": ``" + escape_text(source.quote) + "''"
    return cell


def _longtable(spec: str, header: list[str], body: list[list[str]], config: LatexConfig) -> str:
    """A ``longtable``: its caption and label inside, the header repeated on each page."""
    lines = [f"\\begin{{longtable}}{{{spec}}}"]
    if config.caption is not None or config.label is not None:
        caption = escape_text(config.caption or "")
        label = f"\\label{{{config.label}}}" if config.label is not None else ""
        lines.append(f"  \\caption{{{caption}}}{label} \\\\")
    head = "  " + " & ".join(header) + r" \\"
    lines += ["  \\toprule", head, "  \\midrule", "  \\endfirsthead"]
    lines += ["  \\toprule", head, "  \\midrule", "  \\endhead", "  \\bottomrule", "  \\endfoot"]
    lines += ["  " + " & ".join(row) + r" \\" for row in body]
    lines.append("\\end{longtable}")
    return "\n".join(lines)
