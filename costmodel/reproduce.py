"""Reproduce the seed note: each of its figures beside the exact value, disagreements flagged.

>>> from costmodel.reproduce import seed_note_figures
>>> figures = {f.key: f for f in seed_note_figures()}
>>> figures["total"].note, figures["total"].exact_text, figures["total"].agrees
('51 GB', '50.99925 GB', False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from costmodel.architectures import folding, recursive_stark, verifier_witness_bound
from costmodel.presets import Preset, load
from costmodel.symbols import symbol
from costmodel.units import Q_, format_quantity

__all__ = ["ROUNDING_TOLERANCE", "Figure", "format_figures", "seed_note_figures"]

#: A figure off by at most this relative error is called rounded; beyond, a slip.
ROUNDING_TOLERANCE = Fraction(1, 100)


@dataclass(frozen=True)
class Figure:
    """One figure of the note: its words, its value, the exact value, and why they differ."""

    key: str
    label: str
    quote: str
    note: str | None
    note_value: Any | None
    exact: Any
    unit: str | None
    why: str

    @property
    def agrees(self) -> bool | None:
        """True when the note's value is exactly right; None when the note gives no value."""
        if self.note_value is None:
            return None
        return bool(_magnitude(self.note_value, self.unit) == _magnitude(self.exact, self.unit))

    @property
    def relative_error(self) -> Fraction | None:
        """(note - exact) / exact, exactly."""
        if self.note_value is None:
            return None
        exact = _magnitude(self.exact, self.unit)
        return (_magnitude(self.note_value, self.unit) - exact) / exact if exact else None

    @property
    def verdict(self) -> str:
        """``agrees``; ``rounded`` when off by at most 1 %; ``SLIP`` beyond; ``-`` if no value."""
        if self.agrees is None:
            return "-"
        if self.agrees:
            return "agrees"
        rel = self.relative_error
        return "rounded" if rel is not None and abs(rel) <= ROUNDING_TOLERANCE else "SLIP"

    @property
    def exact_text(self) -> str:
        return _text(self.exact, self.unit)


def _magnitude(value: Any, unit: str | None) -> Fraction:
    if hasattr(value, "to"):
        return Fraction(value.to(unit).magnitude) if unit else Fraction(value.magnitude)
    return Fraction(value)


def _text(value: Any, unit: str | None) -> str:
    if hasattr(value, "to"):
        return format_quantity(value, unit)
    number = Fraction(value)
    if unit == "%":
        percent = number * 100
        return f"{format_quantity(Q_(percent, ''), None, digits=2)} %"
    return format_quantity(Q_(number, ""), None)


def _breakeven_folded_witness(preset: Preset) -> Any:
    """W at which folding ships exactly what the STARK tree ships (same arity and pattern)."""
    stark, fold = recursive_stark(arity=None), folding(arity=None)
    witness = symbol("folded_witness_size")
    solutions = sympy.solve(sympy.Eq(fold.plain_total, stark.plain_total), witness)
    if len(solutions) != 1:
        raise RuntimeError(f"expected one break-even folded witness size, got {solutions}")
    closed_form = sympy.simplify(solutions[0])
    subs = stark.substitutions(preset) | fold.substitutions(preset)
    value = closed_form.xreplace(subs)
    return closed_form, Q_(Fraction(int(value.p), int(value.q)), "byte")


def seed_note_figures() -> list[Figure]:
    """Every figure of the seed note, recomputed from the ``seed-note`` preset."""
    seed = load("seed-note")
    cyclefold = load("seed-note", variant="cyclefold")
    stark = recursive_stark().evaluate(seed)
    fold = folding().evaluate(seed)
    rounded_bound = verifier_witness_bound(accounting="rounded")
    exact_bound = verifier_witness_bound(accounting="exact")
    nova = rounded_bound.evaluate(seed).total
    nova_unrounded = exact_bound.evaluate(seed).total
    cyclefold_bound = rounded_bound.evaluate(cyclefold).total
    segments = stark.derived["segments"]
    joins = Fraction(stark.derived["joins"].magnitude)
    n = Fraction(segments.magnitude)
    witness_per_segment = seed["segment_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    total_witness = seed["total_cycles"] * seed["rows_per_cycle"] * seed["row_size"]
    proof_traffic = stark.terms["segment proofs"] + stark.terms["aggregation"]
    closed_form, breakeven = _breakeven_folded_witness(seed)

    def row(
        key: str,
        label: str,
        quote: str,
        note: str | None,
        exact: Any,
        unit: str | None,
        why: str,
        parse: Callable[[str], Any] = Q_,
    ) -> Figure:
        note_value = None if note is None else parse(note)
        return Figure(key, label, quote, note, note_value, exact, unit, why)

    def count(text: str) -> Fraction:
        return Fraction(text.lstrip("~").replace(",", ""))

    def percent(text: str) -> Fraction:
        return Fraction(text.rstrip(" %")) / 100

    return [
        row(
            "segments",
            "segments",
            "the computation is divided into 1000 segments",
            "1000",
            n,
            None,
            "N = ceil(T / C) = 10^9 / 10^6",
            count,
        ),
        row(
            "snapshots",
            "snapshots shipped",
            "1000 segments x 50 MB = 50 GB over the network",
            "50 GB",
            stark.terms["snapshots"],
            "GB",
            "N * S",
        ),
        row(
            "segment witness",
            "witness per segment",
            "reconstruct the witness (~1GB)",
            "1 GB/segment",
            witness_per_segment.to("GB/segment"),
            "GB/segment",
            "C * rho * r",
        ),
        row(
            "total witness",
            "total witness",
            "The total witness size here is 1 TB.",
            "1 TB",
            total_witness.to("TB"),
            "TB",
            "T * rho * r",
        ),
        row(
            "segment proofs",
            "segment proofs returned",
            "1000 STARKS x 250 kB = 250 MB over the network",
            "250 MB",
            stark.terms["segment proofs"],
            "MB",
            "N * P",
        ),
        row(
            "assigned",
            "proofs sent to joiners",
            "~2000 STARKs assigned",
            "2000",
            n + joins - 1,
            None,
            "N + J - 1 = 1998: every proof but the root goes to one joiner",
            count,
        ),
        row(
            "returned",
            "proofs returned by joiners",
            "~1000 STARKs returned",
            "1000",
            joins,
            None,
            "J = N - 1 = 999 joins in a binary tree",
            count,
        ),
        row(
            "aggregation",
            "aggregation traffic",
            "this amounts to 750MB over the network",
            "750 MB",
            stark.terms["aggregation"],
            "MB",
            "(N + J - 1 + J) * P = 2997 * 250 kB",
        ),
        row(
            "proof traffic",
            "all proof traffic",
            "only 1 GB is sufficient for all the proof aggregation costs",
            "1 GB",
            proof_traffic,
            "GB",
            "250 MB + 749.25 MB",
        ),
        row(
            "total",
            "total communication",
            "a communication complexity of 51 GB",
            "51 GB",
            stark.total,
            "GB",
            "50 GB + 250 MB + 749.25 MB",
        ),
        row(
            "snapshot share",
            "share of the snapshots",
            "95% of the communication complexity here is assigning the initial tasks",
            "95 %",
            stark.shares["snapshots"],
            "%",
            "50 / 50.99925; even the note's own 50 / 51 is 98.04 %",
            percent,
        ),
        row(
            "nova bound",
            "Nova folded-witness lower bound",
            "the absolute minimum size for a folding witness in Nova is 7.5 MB",
            "7.5 MB",
            nova,
            "kB",
            "10,000 gates x 750 bit = 7,500,000 bit = 937.5 kB: bits read as bytes (x8)",
        ),
        row(
            "nova bound unrounded",
            "Nova bound, 3 x 255 bit unrounded",
            "(3) 255-bit field elements",
            None,
            nova_unrounded,
            "kB",
            "10,000 x 765 bit = 956.25 kB",
        ),
        row(
            "cyclefold bound",
            "CycleFold folded-witness lower bound",
            "CycleFold offers a 10x improvement here, at 750 kB",
            "750 kB",
            cyclefold_bound,
            "kB",
            "1,000 gates x 750 bit = 750,000 bit = 93.75 kB: bits read as bytes (x8)",
        ),
        row(
            "chunks",
            "chunks folded per segment",
            "each machine splits their 1 GB witness into 1000 smaller witnesses",
            "1000 chunk/segment",
            fold.derived["chunks per segment"],
            "chunk/segment",
            "ceil(C * rho * r / W) = 1 GB / 1 MB",
        ),
        row(
            "folding total",
            "folding sketch, total",
            "only marginally different",
            None,
            fold.total,
            "GB",
            "50 GB + N * W + (2J + N - 1) * W with W = 1 MB through the same tree",
        ),
        row(
            "breakeven",
            "break-even folded witness W*",
            "if we can tune down the folding witness size to 250 kB, we can match",
            "250 kB",
            breakeven,
            "kB",
            f"solve total(folding) = total(STARK) for W: W* = {closed_form}",
        ),
    ]


def format_figures(figures: list[Figure]) -> str:
    """A plain-text table: figure, the note, the exact value, verdict, relative error, why."""
    header = ("figure", "the note", "costmodel (exact)", "verdict", "note vs exact", "why")
    rows = [header]
    for figure in figures:
        agrees = figure.agrees
        if agrees is None:
            verdict, error = "(not in note)", ""
        elif agrees:
            verdict, error = "agrees", "0"
        else:
            rel = figure.relative_error
            verdict = figure.verdict
            error = f"{float(rel) * 100:+.4g} %" if rel is not None else ""
        rows.append(
            (figure.label, figure.note or "-", figure.exact_text, verdict, error, figure.why)
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for index, r in enumerate(rows):
        cells = [r[i].ljust(widths[i]) for i in range(len(widths))]
        lines.append("  ".join(cells) + "  " + r[-1])
        if index == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 3)
    stated = [f for f in figures if f.agrees is not None]
    rounded = sum(1 for f in stated if f.verdict == "rounded")
    slips = sum(1 for f in stated if f.verdict == "SLIP")
    lines.append("")
    lines.append(
        f"{len(stated)} figures of the note: {len(stated) - rounded - slips} exact, "
        f"{rounded} rounded (within 1 %), {slips} slips."
    )
    return "\n".join(lines)
