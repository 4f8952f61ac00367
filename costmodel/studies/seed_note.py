"""The seed note, recomputed: each of its figures beside its exact value, slips flagged.

>>> from costmodel.studies.seed_note import seed_note_figures
>>> figures = {f.key: f for f in seed_note_figures()}
>>> figures["total"].published_text, figures["total"].model_text, figures["total"].verdict
('51 GB', '50.99925 GB', 'rounded')
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy

from costmodel.architectures import folding, recursive_stark, verifier_witness_bound
from costmodel.presets import Preset, load
from costmodel.studies.figures import PublishedFigure
from costmodel.symbols import symbol
from costmodel.units import Q_

__all__ = ["NOTE", "note_verifier_bounds", "seed_note_figures"]

#: The seed note, as every figure of it is cited.
NOTE = "seed note (Gafni, Napkin Math, HackMD 2023)"


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


def seed_note_figures() -> list[PublishedFigure]:
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
    ) -> PublishedFigure:
        note_value = None if note is None else parse(note)
        citation = f'{NOTE}: "{quote}"'
        return PublishedFigure(
            key, "seed note", label, note, note_value, citation, exact, unit, why
        )

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
            "slip: 50 / 50.99925, and even the note's own 50 / 51 is 98.04 %",
            percent,
        ),
        row(
            "nova bound",
            "Nova folded-witness lower bound",
            "the absolute minimum size for a folding witness in Nova is 7.5 MB",
            "7.5 MB",
            nova,
            "kB",
            "slip, bits read as bytes: 10,000 gates x 750 bit = 7,500,000 bit = 937.5 kB",
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
            "slip, bits read as bytes: 1,000 gates x 750 bit = 750,000 bit = 93.75 kB",
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


def note_verifier_bounds(accounting: str = "rounded") -> dict[str, Any]:
    """The seed note's Nova and CycleFold folded-witness lower bounds, in bytes.

    ``rounded`` is the note's own accounting (750 bits per gate); ``exact`` 3 x 255 bits.
    """
    model = verifier_witness_bound(accounting=accounting)
    return {
        "Nova (10,000 gates)": model.evaluate(load("seed-note")).total,
        "CycleFold (1,000 gates)": model.evaluate(load("seed-note", variant="cyclefold")).total,
    }
