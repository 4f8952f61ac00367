r"""Output for papers and notebooks: LaTeX (siunitx or plain), booktabs tables, rich reprs.

- :func:`latex`: LaTeX for a model, an evaluation, a preset, a sympy expression, or any
  object with ``_costmodel_latex_(config)`` or a writer added with :func:`register`;
- :func:`equations`, :func:`breakdown_table`, :func:`parameter_table`,
  :func:`solution_latex`: the pieces;
- :func:`preamble`, :func:`siunitx_declarations`, :func:`document`: what a document needs;
- :func:`export`: everything about a model at once (``costmodel latex ARCH``);
- :mod:`costmodel.render.notebook`: ``repr_latex``, ``repr_html``, ``repr_pretty``;
- :func:`write_table`: any result table (:func:`evaluation_table`, :func:`breakeven_table`,
  :func:`elasticity_table`, :func:`preset_table`) as text, JSON, CSV, Markdown or LaTeX
  (:data:`FORMATS`), the writer behind the command line's ``--format``.

>>> import costmodel
>>> from costmodel.render import latex
>>> latex(costmodel.symbol("snapshot_size") * costmodel.symbol("machines"))
'M S'
"""

from costmodel.render import breakeven as _breakeven  # noqa: F401  (registers its writers)
from costmodel.render.bibtex import bibtex, source_key
from costmodel.render.config import FORMS, MODES, LatexConfig
from costmodel.render.escape import comment_text, escape_text, markdown_code, markdown_text
from costmodel.render.latex import (
    document,
    equations,
    export,
    expression_latex,
    latex,
    preamble,
    register,
    solution_latex,
    symbol_names,
)
from costmodel.render.notebook import repr_html, repr_latex, repr_pretty
from costmodel.render.report import markdown_report
from costmodel.render.results import (
    breakeven_table,
    elasticity_table,
    evaluation_table,
    preset_table,
)
from costmodel.render.table import FORMATS as TABLE_FORMATS
from costmodel.render.table import Table, Value, write_table
from costmodel.render.tables import breakdown_table, float_table, parameter_table
from costmodel.render.units_latex import (
    quantity_latex,
    siunitx_declarations,
    unit_latex,
)

__all__ = [
    "FORMS",
    "MODES",
    "TABLE_FORMATS",
    "LatexConfig",
    "Table",
    "Value",
    "bibtex",
    "breakdown_table",
    "breakeven_table",
    "comment_text",
    "document",
    "elasticity_table",
    "equations",
    "escape_text",
    "evaluation_table",
    "export",
    "expression_latex",
    "float_table",
    "latex",
    "markdown_code",
    "markdown_report",
    "markdown_text",
    "parameter_table",
    "preamble",
    "preset_table",
    "quantity_latex",
    "register",
    "repr_html",
    "repr_latex",
    "repr_pretty",
    "siunitx_declarations",
    "solution_latex",
    "source_key",
    "symbol_names",
    "unit_latex",
    "write_table",
]
