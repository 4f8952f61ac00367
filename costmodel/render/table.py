"""One table writer for every plain-text table the library prints.

A :class:`Table` is data: a title, column headers (each aligned left or right), rows of
text cells, and notes printed under it.  :func:`text_table` lays it out in aligned
columns; the command line, comparisons, calibrations and reproductions all go through it.

>>> print(text_table(Table(("term", "value"), (("snapshots", "50 GB"), ("proofs", "250 MB")),
...                        right=(1,), title="recursive_stark")))
recursive_stark
term        value
---------  ------
snapshots   50 GB
proofs     250 MB
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Table", "text_table"]


@dataclass(frozen=True)
class Table:
    """Rows of text cells under column headers; ``right`` holds the right-aligned columns."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
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
        rows: Iterable[Sequence[str]],
        *,
        right: Iterable[int] = (),
        title: str = "",
        notes: Iterable[str] = (),
    ) -> Table:
        """A table from any sequences (cells turned into text)."""
        return cls(
            tuple(columns),
            tuple(tuple(str(cell) for cell in row) for row in rows),
            tuple(right),
            title,
            tuple(notes),
        )


def text_table(table: Table) -> str:
    """Aligned plain text: the title, the header, a rule, the rows, then the notes.

    The last column is not padded, so long text there (a citation, a reason) is not
    followed by spaces.
    """
    everything = (table.columns, *table.rows)
    widths = [max(len(row[i]) for row in everything) for i in range(len(table.columns))]

    def line(cells: Sequence[str]) -> str:
        text = "  ".join(
            cell.rjust(width) if index in table.right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )
        return text.rstrip()

    lines = [table.title] if table.title else []
    lines += [line(table.columns), "  ".join("-" * width for width in widths)]
    lines += [line(row) for row in table.rows]
    if table.notes:
        lines += ["", *table.notes]
    return "\n".join(lines)
