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

from __future__ import annotations

from typing import TYPE_CHECKING

from costmodel.lazy_names import import_on_first_use
from costmodel.output_formats import FORMATS as TABLE_FORMATS

if TYPE_CHECKING:
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
    from costmodel.render.table import Table, Value, write_table
    from costmodel.render.tables import breakdown_table, float_table, parameter_table
    from costmodel.render.units_latex import (
        quantity_latex,
        siunitx_declarations,
        unit_latex,
    )

#: Where each public name lives, imported on first use (:mod:`costmodel.lazy_names`).
_HOMES: dict[str, str] = {
    "bibtex": "costmodel.render.bibtex",
    "source_key": "costmodel.render.bibtex",
    "FORMS": "costmodel.render.config",
    "LatexConfig": "costmodel.render.config",
    "MODES": "costmodel.render.config",
    "comment_text": "costmodel.render.escape",
    "escape_text": "costmodel.render.escape",
    "markdown_code": "costmodel.render.escape",
    "markdown_text": "costmodel.render.escape",
    "document": "costmodel.render.latex",
    "equations": "costmodel.render.latex",
    "export": "costmodel.render.latex",
    "expression_latex": "costmodel.render.latex",
    "latex": "costmodel.render.latex",
    "preamble": "costmodel.render.latex",
    "register": "costmodel.render.latex",
    "solution_latex": "costmodel.render.latex",
    "symbol_names": "costmodel.render.latex",
    "repr_html": "costmodel.render.notebook",
    "repr_latex": "costmodel.render.notebook",
    "repr_pretty": "costmodel.render.notebook",
    "markdown_report": "costmodel.render.report",
    "breakeven_table": "costmodel.render.results",
    "elasticity_table": "costmodel.render.results",
    "evaluation_table": "costmodel.render.results",
    "preset_table": "costmodel.render.results",
    "Table": "costmodel.render.table",
    "Value": "costmodel.render.table",
    "write_table": "costmodel.render.table",
    "breakdown_table": "costmodel.render.tables",
    "float_table": "costmodel.render.tables",
    "parameter_table": "costmodel.render.tables",
    "quantity_latex": "costmodel.render.units_latex",
    "siunitx_declarations": "costmodel.render.units_latex",
    "unit_latex": "costmodel.render.units_latex",
}

import_on_first_use(__name__, _HOMES)

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
