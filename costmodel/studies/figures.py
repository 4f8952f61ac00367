"""A published figure beside the library's value: one type, one rule for the error and verdict.

The seed note's figures (:mod:`costmodel.studies.seed_note`) and the published figures of
today's systems (:mod:`costmodel.studies.calibration`) are the same kind of thing: a value
someone published, with its citation, beside the value the library computes exactly.  The
relative error is always ``(model - published) / published``; the verdict is one of

- ``exact``: the library's value is the published one, exactly;
- ``within``: the published figure is a range and the value lies in it;
- ``rounded``: off by at most 1 % (:data:`ROUNDING_TOLERANCE`);
- ``off``: off by more (a slip in a note, a model that misses a measurement);
- ``-``: nothing was published to compare with.

>>> from fractions import Fraction
>>> figure = PublishedFigure("total", "seed note", "total communication", "51 GB",
...                          Q_(51, "GB"), "a communication complexity of 51 GB",
...                          Q_(Fraction(5099925, 100000), "GB"), "GB", "50 GB + 999.25 MB")
>>> figure.relative_error, figure.verdict
(Fraction(-1, 68000), 'rounded')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel.render.table import Table, Value, exact_text, text_table
from costmodel.units import Q_, format_quantity, magnitude_in, parse_unit

__all__ = ["ROUNDING_TOLERANCE", "VERDICTS", "PublishedFigure", "figures_table", "format_figures"]

#: A value off by at most this relative error is called rounded.
ROUNDING_TOLERANCE = Fraction(1, 100)
#: The verdicts, from best to worst.
VERDICTS: tuple[str, ...] = ("exact", "within", "rounded", "off", "-")


@dataclass(frozen=True)
class PublishedFigure:
    """A published figure and the library's exact value for it.

    ``published`` is a quantity, an exact number, a ``(low, high)`` range, or ``None``
    (a figure the source states only in words); ``model`` a quantity or an exact number;
    ``unit`` the unit both are compared and shown in (``None`` for pure numbers, ``"%"``
    for shares); ``citation`` where it was read, ``how`` how the library's value arises.
    """

    key: str
    system: str
    label: str
    published_text: str | None
    published: Any
    citation: str
    model: Any
    unit: str | None
    how: str

    def _number(self, value: Any) -> Fraction:
        if hasattr(value, "to"):
            if self.unit in (None, "%"):
                return Fraction(value.magnitude)
            return Fraction(value.to(self.unit).magnitude)
        return Fraction(value)

    @property
    def is_range(self) -> bool:
        """True when the published figure is a ``(low, high)`` range."""
        return isinstance(self.published, tuple)

    @property
    def model_value(self) -> Fraction:
        """The library's value as an exact number in :attr:`unit`."""
        return self._number(self.model)

    @property
    def exact(self) -> bool | None:
        """True when the library's value equals the published one exactly (``None``: no
        single published value)."""
        if self.published is None or self.is_range:
            return None
        return self.model_value == self._number(self.published)

    @property
    def relative_error(self) -> Fraction | None:
        """``(model - published) / published``, exactly; for a range, from the nearest end
        (0 inside); ``None`` when nothing was published or it is zero."""
        if self.published is None:
            return None
        model = self.model_value
        if self.is_range:
            low, high = (self._number(v) for v in self.published)
            if low <= model <= high:
                return Fraction(0)
            bound = low if model < low else high
            return (model - bound) / bound
        published = self._number(self.published)
        return (model - published) / published if published else None

    @property
    def verdict(self) -> str:
        """``exact``, ``within``, ``rounded``, ``off`` or ``-`` (see the module docstring)."""
        if self.published is None:
            return "-"
        if self.exact:
            return "exact"
        error = self.relative_error
        if self.is_range and error == 0:
            return "within"
        return "rounded" if error is not None and abs(error) <= ROUNDING_TOLERANCE else "off"

    @property
    def model_text(self) -> str:
        """The library's value as exact text in :attr:`unit`."""
        if hasattr(self.model, "to"):
            return format_quantity(self.model, self.unit if self.unit != "%" else None)
        number = Fraction(self.model)
        if self.unit == "%":
            return f"{format_quantity(Q_(number * 100, ''), None, digits=2)} %"
        return format_quantity(Q_(number, ""), None, digits=4)

    def shown(self, unit: str | None = None, digits: int = 10) -> tuple[str, Fraction, str]:
        """The library's value as text, exact number and unit, in ``unit`` when given.

        ``unit`` applies only to a quantity of its dimension (a figure in seconds keeps
        its own unit beside ``--unit MB``); ``digits`` rounds a quantity's decimals, the
        rounded text marked ``≈``.
        """
        own = self.unit if self.unit not in (None, "%") else None
        if not hasattr(self.model, "to"):
            return self.model_text, self.model_value, own or ""
        target = own
        if unit is not None and parse_unit(unit).dimensionality == self.model.dimensionality:
            target = unit
        if target is None:
            return self.model_text, self.model_value, ""
        number = magnitude_in(self.model, parse_unit(target))
        return format_quantity(self.model, target, digits=digits), number, target

    @property
    def error_text(self) -> str:
        """The relative error in percent, signed, four significant digits (``""`` if none)."""
        error = self.relative_error
        if error is None:
            return ""
        return "0" if error == 0 else f"{float(error) * 100:+.4g} %"

    def as_dict(self) -> dict[str, Any]:
        """Plain data (exact numbers as strings) for JSON."""
        error = self.relative_error
        return {
            "key": self.key,
            "system": self.system,
            "figure": self.label,
            "published": self.published_text,
            "citation": self.citation,
            "model": self.model_text,
            "model_exact": str(self.model_value),
            "unit": self.unit,
            "relative_error": None if error is None else str(error),
            "verdict": self.verdict,
            "how": self.how,
        }


def figures_table(
    figures: Sequence[PublishedFigure],
    *,
    system: bool = True,
    sources: bool = True,
    title: str = "",
    unit: str | None = None,
    digits: int = 10,
) -> Table:
    """Published figures beside the library's values: one table for notes and calibrations.

    Columns: (system), figure, published, costmodel (exact), relative error, verdict, and
    either the numbered source (``sources=True``, the citations listed under the table)
    or how the value arises.  A summary line counts the verdicts.  ``unit`` shows every
    value of that dimension in it, ``digits`` rounds the library's values (marked ``≈``);
    the relative errors and verdicts are computed from the exact values either way.
    """
    citations: list[str] = []
    rows = []
    for figure in figures:
        if figure.citation not in citations:
            citations.append(figure.citation)
        last = f"[{citations.index(figure.citation) + 1}]" if sources else figure.how
        error = figure.relative_error
        text, number, shown_unit = figure.shown(unit, digits)
        cells: list[Any] = [figure.label, figure.published_text or "-"]
        cells.append(Value(text, exact_text(number), shown_unit))
        cells.append("" if error is None else Value(figure.error_text, exact_text(error)))
        cells += [figure.verdict, last]
        rows.append(([figure.system] if system else []) + cells)
    columns = ["figure", "published", "costmodel (exact)", "rel. error", "verdict"]
    columns.append("source" if sources else "how")
    if system:
        columns.insert(0, "system")
    stated = [f for f in figures if f.published is not None]
    counts = {verdict: sum(1 for f in stated if f.verdict == verdict) for verdict in VERDICTS}
    notes = [
        f"{len(stated)} published figures: {counts['exact']} exact, {counts['within']} within "
        f"a published range, {counts['rounded']} rounded (within 1 %), {counts['off']} off; "
        f"relative error = (costmodel - published) / published."
    ]
    if sources:
        notes += ["", *(f"[{i}] {c}" for i, c in enumerate(citations, start=1))]
    error_column = columns.index("rel. error")
    return Table.of(columns, rows, right=(error_column,), title=title, notes=notes)


def format_figures(figures: Sequence[PublishedFigure], **options: Any) -> str:
    """:func:`figures_table` as aligned text."""
    return text_table(figures_table(figures, **options))
