"""The seed note, recomputed: each of its figures beside its exact value, slips flagged.

>>> from costmodel.studies.seed_note import seed_note_figures
>>> figures = {f.key: f for f in seed_note_figures()}
>>> figures["total"].published_text, figures["total"].model_text, figures["total"].verdict
('51 GB', '50.99925 GB', 'rounded')
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

import sympy

from costmodel.architectures import folding, recursive_stark, verifier_witness_bound
from costmodel.architectures.verifier import Rounding
from costmodel.presets import Preset, load
from costmodel.studies.figures import PublishedFigure
from costmodel.symbols import symbol
from costmodel.sympy_calls import equality, solutions, substitute
from costmodel.units import Q_, Quantity

__all__ = ["NOTE", "note_verifier_bounds", "seed_note_figures"]

#: The seed note, as every figure of it is cited.
NOTE = "seed note (Gafni, Napkin Math, HackMD 2023)"


@functools.cache
def _folded_witness_closed_form() -> sympy.Expr:
    """W* solved from total(folding) = total(STARK), simplified: symbolic, so solved once."""
    stark, fold = recursive_stark(arity=None), folding(arity=None)
    witness = symbol("folded_witness_size")
    found = solutions(equality(fold.total, stark.total), witness)
    if len(found) != 1:
        raise RuntimeError(f"expected one break-even folded witness size, got {found}")
    return sympy.simplify(found[0])


def _breakeven_folded_witness(preset: Preset) -> Any:
    """W at which folding ships exactly what the STARK tree ships (same arity and pattern)."""
    stark, fold = recursive_stark(arity=None), folding(arity=None)
    closed_form = _folded_witness_closed_form()
    subs = stark.substitutions(preset) | fold.substitutions(preset)
    value = cast(sympy.Rational, substitute(closed_form, subs))  # every symbol given
    return closed_form, Q_(Fraction(int(value.p), int(value.q)), "byte")


def _count(text: str) -> Fraction:
    return Fraction(text.lstrip("~").replace(",", ""))


def _percent(text: str) -> Fraction:
    return Fraction(text.rstrip(" %")) / 100


@dataclass(frozen=True)
class _Row:
    """One figure of the note: what it says (``quote``, ``published``, read by ``parse``),
    the unit it is compared in, and how the library's value arises (``why``; a
    ``{closed_form}`` in it is the break-even's closed form)."""

    key: str
    label: str
    quote: str
    published: str | None
    unit: str | None
    why: str
    parse: Callable[[str], Any] = Q_

    def figure(self, model: Any, closed_form: Any) -> PublishedFigure:
        """The published figure beside ``model``, the library's exact value."""
        return PublishedFigure(
            self.key,
            "seed note",
            self.label,
            self.published,
            None if self.published is None else self.parse(self.published),
            f'{NOTE}: "{self.quote}"',
            model,
            self.unit,
            self.why.format(closed_form=closed_form),
        )


#: Every figure of the note, in its order; the library's values are :func:`_model_values`.
_ROWS: tuple[_Row, ...] = (
    _Row(
        key="segments",
        label="segments",
        quote="the computation is divided into 1000 segments",
        published="1000",
        unit=None,
        why="N = ceil(T / C) = 10^9 / 10^6",
        parse=_count,
    ),
    _Row(
        key="snapshots",
        label="snapshots shipped",
        quote="1000 segments x 50 MB = 50 GB over the network",
        published="50 GB",
        unit="GB",
        why="N * S",
    ),
    _Row(
        key="segment witness",
        label="witness per segment",
        quote="reconstruct the witness (~1GB)",
        published="1 GB/segment",
        unit="GB/segment",
        why="C * rho * r",
    ),
    _Row(
        key="total witness",
        label="total witness",
        quote="The total witness size here is 1 TB.",
        published="1 TB",
        unit="TB",
        why="T * rho * r",
    ),
    _Row(
        key="segment proofs",
        label="segment proofs returned",
        quote="1000 STARKS x 250 kB = 250 MB over the network",
        published="250 MB",
        unit="MB",
        why="N * P",
    ),
    _Row(
        key="assigned",
        label="proofs sent to joiners",
        quote="~2000 STARKs assigned",
        published="2000",
        unit=None,
        why="N + J - 1 = 1998: every proof but the root goes to one joiner",
        parse=_count,
    ),
    _Row(
        key="returned",
        label="proofs returned by joiners",
        quote="~1000 STARKs returned",
        published="1000",
        unit=None,
        why="J = N - 1 = 999 joins in a binary tree",
        parse=_count,
    ),
    _Row(
        key="aggregation",
        label="aggregation traffic",
        quote="this amounts to 750MB over the network",
        published="750 MB",
        unit="MB",
        why="(N + J - 1 + J) * P = 2997 * 250 kB",
    ),
    _Row(
        key="proof traffic",
        label="all proof traffic",
        quote="only 1 GB is sufficient for all the proof aggregation costs",
        published="1 GB",
        unit="GB",
        why="250 MB + 749.25 MB",
    ),
    _Row(
        key="total",
        label="total communication",
        quote="a communication complexity of 51 GB",
        published="51 GB",
        unit="GB",
        why="50 GB + 250 MB + 749.25 MB",
    ),
    _Row(
        key="snapshot share",
        label="share of the snapshots",
        quote="95% of the communication complexity here is assigning the initial tasks",
        published="95 %",
        unit="%",
        why="slip: 50 / 50.99925, and even the note's own 50 / 51 is 98.04 %",
        parse=_percent,
    ),
    _Row(
        key="nova bound",
        label="Nova folded-witness lower bound",
        quote="the absolute minimum size for a folding witness in Nova is 7.5 MB",
        published="7.5 MB",
        unit="kB",
        why="slip, bits read as bytes: 10,000 gates x 750 bit = 7,500,000 bit = 937.5 kB",
    ),
    _Row(
        key="nova bound unrounded",
        label="Nova bound, 3 x 255 bit unrounded",
        quote="(3) 255-bit field elements",
        published=None,
        unit="kB",
        why="10,000 x 765 bit = 956.25 kB",
    ),
    _Row(
        key="cyclefold bound",
        label="CycleFold folded-witness lower bound",
        quote="CycleFold offers a 10x improvement here, at 750 kB",
        published="750 kB",
        unit="kB",
        why="slip, bits read as bytes: 1,000 gates x 750 bit = 750,000 bit = 93.75 kB",
    ),
    _Row(
        key="chunks",
        label="chunks folded per segment",
        quote="each machine splits their 1 GB witness into 1000 smaller witnesses",
        published="1000 chunk/segment",
        unit="chunk/segment",
        why="ceil(C * rho * r / W) = 1 GB / 1 MB",
    ),
    _Row(
        key="folding total",
        label="folding sketch, total",
        quote="only marginally different",
        published=None,
        unit="GB",
        why="50 GB + N * W + (2J + N - 1) * W with W = 1 MB through the same tree",
    ),
    _Row(
        key="breakeven",
        label="break-even folded witness W*",
        quote="if we can tune down the folding witness size to 250 kB, we can match",
        published="250 kB",
        unit="kB",
        why="solve total(folding) = total(STARK) for W: W* = {closed_form}",
    ),
)


def _model_values() -> tuple[dict[str, Any], Any]:
    """The library's exact value of each figure (by row key), from the ``seed-note``
    preset, and the break-even's closed form."""
    seed = load("seed-note")
    cyclefold = load("seed-note", variant="cyclefold")
    stark = recursive_stark().evaluate(seed)
    fold = folding().evaluate(seed)
    rounded_bound = verifier_witness_bound(rounding="rounded")
    exact_bound = verifier_witness_bound(rounding="exact")
    n = Fraction(stark.derived["segments"].magnitude)
    joins = Fraction(stark.derived["joins"].magnitude)
    witness_per_segment = seed["segment_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    total_witness = seed["total_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    closed_form, breakeven = _breakeven_folded_witness(seed)
    values = {
        "segments": n,
        "snapshots": stark.terms["snapshots"],
        "segment witness": witness_per_segment.to("GB/segment"),
        "total witness": total_witness.to("TB"),
        "segment proofs": stark.terms["segment proofs"],
        "assigned": n + joins - 1,
        "returned": joins,
        "aggregation": stark.terms["aggregation"],
        "proof traffic": stark.terms["segment proofs"] + stark.terms["aggregation"],
        "total": stark.total,
        "snapshot share": stark.shares["snapshots"],
        "nova bound": rounded_bound.evaluate(seed).total,
        "nova bound unrounded": exact_bound.evaluate(seed).total,
        "cyclefold bound": rounded_bound.evaluate(cyclefold).total,
        "chunks": fold.derived["chunks per segment"],
        "folding total": fold.total,
        "breakeven": breakeven,
    }
    return values, closed_form


def seed_note_figures() -> list[PublishedFigure]:
    """Every figure of the seed note, recomputed from the ``seed-note`` preset."""
    values, closed_form = _model_values()
    return [row.figure(values[row.key], closed_form) for row in _ROWS]


def note_verifier_bounds(rounding: Rounding = "rounded") -> dict[str, Quantity]:
    """The seed note's Nova and CycleFold folded-witness lower bounds, in bytes.

    ``rounded`` is the note's own rounding (750 bits per gate); ``exact`` 3 x 255 bits.
    """
    model = verifier_witness_bound(rounding=rounding)
    return {
        "Nova (10,000 gates)": model.evaluate(load("seed-note")).total,
        "CycleFold (1,000 gates)": model.evaluate(load("seed-note", variant="cyclefold")).total,
    }
