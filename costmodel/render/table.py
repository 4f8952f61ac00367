r"""One table writer for every table the library prints, in every output format.

A :class:`Table` is data: a title, column headers (each aligned left or right), rows of
cells, and notes printed under it.  A cell is text, or a :class:`Value`: the text a person
reads (``50.99925 GB``) beside the exact number and its unit a program reads
(``"50999250000"``, ``"B"``).  :func:`write_table` writes tables in any of :data:`FORMATS`;
the command line's ``--format`` and the Python API go through it.

>>> table = Table.of(("term", "value"),
...                  [("snapshots", Value.quantity(Q_(50, "GB"))),
...                   ("proofs", Value.quantity(Q_(250, "MB")))],
...                  right=(1,), title="recursive_stark")
>>> print(write_table(table))
recursive_stark
term        value
---------  ------
snapshots   50 GB
proofs     250 MB
>>> print(write_table(table, "csv"))
term,value,value unit
snapshots,50,GB
proofs,250,MB
>>> write_table(table, "json").count('"unit": "GB"')
1
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from costmodel.errors import check_choice
from costmodel.output_formats import FORMATS
from costmodel.render.escape import comment_text, escape_text, markdown_text
from costmodel.units import (
    Q_,
    decimal_text,
    fixed_text,
    format_quantity,
    format_unit,
    magnitude_in,
)

__all__ = [
    "FORMATS",
    "Table",
    "Value",
    "csv_table",
    "exact_text",
    "html_table",
    "json_table",
    "latex_table",
    "markdown_table",
    "table_data",
    "text_table",
    "write_table",
]


def exact_text(value: Any) -> str:
    """An exact number as text a program reads back with ``Fraction(text)``: a decimal when
    it terminates, else ``p/q``.

    >>> exact_text(Fraction(203997, 4000)), exact_text(Fraction(1, 3)), exact_text(7)
    ('50.99925', '1/3', '7')
    """
    fraction = Fraction(value)
    denominator = fraction.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{fraction.numerator}/{fraction.denominator}"
    return fixed_text(fraction, max(twos, fives))


@dataclass(frozen=True)
class Value:
    """A table cell with a number: ``text`` for people, ``exact`` and ``unit`` for programs.

    ``exact`` is the exact number as text (``"50999250000"``, ``"1/3"``), or a float's
    ``repr`` where no exact value exists; ``unit`` its unit (``""`` for a pure number).
    """

    text: str
    exact: str
    unit: str = ""

    def __str__(self) -> str:
        return self.text

    @classmethod
    def quantity(cls, quantity: Any, unit: Any | None = None, *, digits: int = 10) -> Value:
        """A quantity shown in ``unit`` (or a readable prefix); the exact number in ``unit``
        (or the quantity's own unit)."""
        target = unit if unit is not None else quantity.units
        unit_text = format_unit(Q_(1, target).units)
        return cls(
            format_quantity(quantity, unit, digits=digits),
            exact_text(magnitude_in(quantity, target)),
            "" if unit_text == "1" else unit_text,
        )

    @classmethod
    def share(cls, share: Fraction, *, digits: int = 2) -> Value:
        """A fraction of a total, shown in percent; exact as the fraction (unit ``""``)."""
        return cls(f"{fixed_text(Fraction(share) * 100, digits)} %", exact_text(share))

    @classmethod
    def number(cls, value: Any, unit: str = "", *, digits: int = 10) -> Value:
        """A number (exact when an int or Fraction, else a float) with an optional unit."""
        if isinstance(value, int | Fraction):
            text, exact = decimal_text(Fraction(value), digits)
            shown = text if exact else f"≈ {text}"
            return cls(f"{shown} {unit}".rstrip(), exact_text(value), unit)
        number = float(value)
        return cls(f"{number:.{max(digits, 1)}g} {unit}".rstrip(), repr(number), unit)


Cell = str | Value


@dataclass(frozen=True)
class Table:
    """Rows of cells under column headers; ``right`` holds the right-aligned columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    right: tuple[int, ...] = ()
    title: str = ""
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(
                    f"table row {row!r} has {len(row)} cells for {len(self.columns)} columns"
                )

    @classmethod
    def of(
        cls,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        *,
        right: Iterable[int] = (),
        title: str = "",
        notes: Iterable[str] = (),
    ) -> Table:
        """A table from any sequences (cells that are not :class:`Value` turned into text)."""
        return cls(
            tuple(columns),
            tuple(tuple(c if isinstance(c, Value) else str(c) for c in row) for row in rows),
            tuple(right),
            title,
            tuple(notes),
        )

    def __str__(self) -> str:
        return text_table(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text("<Table ...>" if cycle else text_table(self))

    def _repr_html_(self) -> str:
        return html_table(self)


def html_table(table: Table) -> str:
    """Any :class:`~costmodel.render.table.Table` as an HTML table (cells escaped), its
    notes in a paragraph under it."""

    def row(cells: Any, tag: str = "td") -> str:
        return "<tr>" + "".join(f"<{tag}>{html.escape(str(c))}</{tag}>" for c in cells) + "</tr>"

    body = "".join(row(r) for r in table.rows)
    notes = "<br>".join(html.escape(n) for n in table.notes if n)
    return (
        '<table class="costmodel">'
        + (f"<caption>{html.escape(table.title)}</caption>" if table.title else "")
        + f"<thead>{row(table.columns, 'th')}</thead><tbody>{body}</tbody></table>"
        + (f"<p>{notes}</p>" if notes else "")
    )


def text_table(table: Table) -> str:
    """Aligned plain text: the title, the header, a rule, the rows, then the notes.

    The last column is not padded, so long text there (a citation, a reason) is not
    followed by spaces.
    """
    everything = (table.columns, *((str(c) for c in row) for row in table.rows))
    cells = [list(row) for row in everything]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]

    def line(row: Sequence[str]) -> str:
        text = "  ".join(
            cell.rjust(width) if index in table.right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        return text.rstrip()

    lines = [table.title] if table.title else []
    lines += [line(cells[0]), "  ".join("-" * width for width in widths)]
    lines += [line(row) for row in cells[1:]]
    if table.notes:
        lines += ["", *table.notes]
    return "\n".join(lines)


def markdown_table(table: Table) -> str:
    """A Markdown (GFM) pipe table: the title in bold above it, the notes below."""

    def line(cells: Iterable[str]) -> str:
        return "| " + " | ".join(markdown_text(cell) or " " for cell in cells) + " |"

    rule = ["---:" if index in table.right else "---" for index in range(len(table.columns))]
    lines = [f"**{markdown_text(table.title)}**", ""] if table.title else []
    lines += [line(table.columns), "| " + " | ".join(rule) + " |"]
    lines += [line(str(c) for c in row) for row in table.rows]
    notes = [markdown_text(note) for note in table.notes if note]
    if notes:
        lines += ["", *(f"{note}  " for note in notes[:-1]), notes[-1]]
    return "\n".join(lines)


def latex_table(table: Table) -> str:
    r"""A booktabs ``tabular`` (``\toprule``, ``\midrule``, ``\bottomrule``), every cell
    escaped; the title and notes as LaTeX comments above it."""
    spec = "".join("r" if i in table.right else "l" for i in range(len(table.columns)))

    def line(cells: Iterable[str]) -> str:
        return "  " + " & ".join(escape_text(cell) for cell in cells) + r" \\"

    lines = [f"% {comment_text(table.title)}"] if table.title else []
    lines += [f"\\begin{{tabular}}{{{spec}}}", r"  \toprule", line(table.columns), r"  \midrule"]
    lines += [line(str(c) for c in row) for row in table.rows]
    lines += [r"  \bottomrule", r"\end{tabular}"]
    lines += [f"% {comment_text(note)}" for note in table.notes if note]
    return "\n".join(lines)


def _value_columns(table: Table) -> list[bool]:
    return [any(isinstance(row[i], Value) for row in table.rows) for i in range(len(table.columns))]


def csv_table(table: Table) -> str:
    """CSV with a header row: a column of values is written as two, the exact number and
    its unit (``value``, ``value unit``); the title and notes are left out (data only)."""
    numeric = _value_columns(table)
    header: list[str] = []
    for name, has_values in zip(table.columns, numeric, strict=True):
        header += [name, f"{name} unit"] if has_values else [name]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in table.rows:
        cells: list[str] = []
        for cell, has_values in zip(row, numeric, strict=True):
            if isinstance(cell, Value):
                cells += [cell.exact, cell.unit]
            else:
                cells += [cell, ""] if has_values else [cell]
        writer.writerow(cells)
    return buffer.getvalue().rstrip("\n")


def table_data(table: Table) -> dict[str, Any]:
    """Plain data for JSON: ``title``, ``columns``, ``rows`` (one object per row, keyed by
    column; a value is ``{"value": exact, "unit": ..., "text": ...}``) and ``notes``."""

    def cell(value: Cell) -> Any:
        if isinstance(value, Value):
            return {"value": value.exact, "unit": value.unit, "text": value.text}
        return value

    return {
        "title": table.title,
        "columns": list(table.columns),
        "rows": [
            {name: cell(c) for name, c in zip(table.columns, row, strict=True)}
            for row in table.rows
        ],
        "notes": [note for note in table.notes if note],
    }


def json_table(table: Table) -> str:
    """:func:`table_data` as indented JSON."""
    return json.dumps(table_data(table), indent=2, ensure_ascii=False)


def write_table(tables: Table | Sequence[Table], format: str = "text") -> str:
    """``tables`` in ``format`` (one of :data:`FORMATS`).

    Several tables are separated by a blank line; in JSON they form a list, and in CSV each
    is preceded by a ``# title`` line (split on blank lines to read them back).
    """
    check_choice("format", format, FORMATS)
    many = not isinstance(tables, Table)
    items: list[Table] = [tables] if isinstance(tables, Table) else list(tables)
    if format == "json":
        data = [table_data(t) for t in items]
        return json.dumps(data if many else data[0], indent=2, ensure_ascii=False)
    if format == "csv":
        if not many:
            return csv_table(items[0])
        return "\n\n".join(f"# {' '.join(t.title.split())}\n{csv_table(t)}" for t in items)
    writer = {"text": text_table, "markdown": markdown_table, "latex": latex_table}[format]
    return "\n\n".join(writer(t) for t in items)
