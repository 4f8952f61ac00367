"""The names of the output formats of tables, in one place that imports nothing: the table
writer (:func:`costmodel.render.table.write_table`) and the command line's ``--format`` read
them from here, so that building the command line's parser loads no unit registry.

>>> FORMATS
('text', 'json', 'csv', 'markdown', 'latex')
"""

__all__ = ["FORMATS"]

#: The output formats of tables: aligned text, JSON, CSV, Markdown and LaTeX (booktabs).
FORMATS: tuple[str, ...] = ("text", "json", "csv", "markdown", "latex")
