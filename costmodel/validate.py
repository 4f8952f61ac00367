"""Validation: the models, evaluated on each preset, beside published figures.

Like a calibration table, each row puts a published figure (with its citation) beside
the value the library computes, with the relative error ``(model - published) /
published`` computed exactly.  The seed note's figures come first (from
:func:`costmodel.reproduce.seed_note_figures`); then figures about the systems of today,
where they exist: RISC Zero's segment counts and the note's totals under today's
parameters, the note's folded-witness bounds under the real accountings, Nexus's tree.

>>> from costmodel.validate import validate
>>> rows = validate()
>>> rows[0].system, rows[0].figure, rows[0].verdict
('seed note', 'segments', 'exact')
>>> nexus = [r for r in rows if r.system == "Nexus PCD"]
>>> [(r.model, r.verdict) for r in nexus]
[(Fraction(7, 1), 'exact'), (Fraction(8, 1), 'exact')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from costmodel import presets
from costmodel.architectures import pcd_tree, recursive_stark, witness_accounting
from costmodel.compare import system
from costmodel.reproduce import ROUNDING_TOLERANCE, seed_note_figures
from costmodel.units import Q_, format_quantity

__all__ = ["ValidationRow", "format_validation", "validate"]

_NOTE = "seed note (Gafni, Napkin Math, HackMD 2023)"


@dataclass(frozen=True)
class ValidationRow:
    """A published figure beside the library's value.

    ``published`` is a quantity, an exact number, or a ``(low, high)`` range; ``model``
    a quantity or an exact number; ``unit`` the unit both are compared in (``None`` for
    pure numbers, ``"%"`` for shares).
    """

    system: str
    figure: str
    published_text: str
    published: Any
    citation: str
    model: Any
    unit: str | None
    how: str

    def _number(self, value: Any) -> Fraction:
        if hasattr(value, "to"):
            return (
                Fraction(value.to(self.unit).magnitude)
                if self.unit not in (None, "%")
                else Fraction(value.magnitude)
            )
        return Fraction(value)

    @property
    def is_range(self) -> bool:
        return isinstance(self.published, tuple)

    @property
    def model_value(self) -> Fraction:
        return self._number(self.model)

    @property
    def relative_error(self) -> Fraction | None:
        """``(model - published) / published``, exactly; for a range, from the nearest
        bound (0 inside); ``None`` when nothing was published."""
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
    def exact(self) -> bool | None:
        """True when the model's value equals the published one exactly."""
        if self.published is None or self.is_range:
            return None
        return self.model_value == self._number(self.published)

    @property
    def verdict(self) -> str:
        """``exact``, ``within`` (a range), ``rounded`` (at most 1 % off), ``off``, or ``-``."""
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
        if hasattr(self.model, "to"):
            return format_quantity(self.model, self.unit if self.unit != "%" else None)
        if self.unit == "%":
            return f"{format_quantity(Q_(Fraction(self.model) * 100, ''), None, digits=2)} %"
        return format_quantity(Q_(Fraction(self.model), ""), None, digits=4)

    def as_dict(self) -> dict[str, Any]:
        """Plain data (exact numbers as strings) for JSON."""
        error = self.relative_error
        return {
            "system": self.system,
            "figure": self.figure,
            "published": self.published_text,
            "citation": self.citation,
            "model": self.model_text,
            "model_exact": str(self.model_value),
            "relative_error": None if error is None else str(error),
            "verdict": self.verdict,
            "how": self.how,
        }


def _seed_rows() -> list[ValidationRow]:
    rows = []
    for figure in seed_note_figures():
        published = figure.note_value
        rows.append(
            ValidationRow(
                system="seed note",
                figure=figure.label,
                published_text=figure.note or "-",
                published=published,
                citation=f'{_NOTE}: "{figure.quote}"',
                model=figure.exact,
                unit=figure.unit,
                how=figure.why,
            )
        )
    return rows


def _risc0_rows() -> list[ValidationRow]:
    risc0 = system("risc0")
    small = risc0.values("642774 cycle")
    run = recursive_stark(wrap=True).evaluate(small)
    segments = run.derived["segments"].magnitude
    bench = (
        "third-party benchmark, RISC Zero zkVM 3.0.5: logos-blockchain/lssa "
        "docs/benchmarks/cycle_bench.md (repos.status.im, commit a9bf3fbf)"
    )
    today = risc0.evaluate("1e9 cycle")
    proofs = sum(
        (
            Fraction(today.terms[t].to("B").magnitude)
            for t in ("segment proofs", "aggregation", "wrap")
        ),
        Fraction(0),
    )
    return [
        ValidationRow(
            "RISC Zero today",
            "segments, 642,774-cycle run",
            "1",
            Fraction(1),
            f'{bench}: "| amm | AddLiquidity | 642,774 | 1 |"',
            Fraction(segments),
            None,
            "ceil(T / C) with C = 2^20",
        ),
        ValidationRow(
            "RISC Zero today",
            "snapshots, 10^9 cycles (the note: 50 GB)",
            "50 GB",
            Q_(50, "GB"),
            f'{_NOTE}: "1000 segments x 50 MB = 50 GB over the network"',
            today.terms["snapshots"],
            "GB",
            "954 segments x 10 MB (Bento's upper end)",
        ),
        ValidationRow(
            "RISC Zero today",
            "proof traffic, 10^9 cycles (the note: 1 GB)",
            "1 GB",
            Q_(1, "GB"),
            f'{_NOTE}: "only 1 GB is sufficient for all the proof aggregation costs"',
            Q_(proofs, "B"),
            "GB",
            "(954 + 2859 + 1) x 223,551 B + 256 B: segment proofs, joins, root to the wrapper",
        ),
        ValidationRow(
            "RISC Zero today",
            "total, 10^9 cycles (the note: 51 GB)",
            "51 GB",
            Q_(51, "GB"),
            f'{_NOTE}: "a communication complexity of 51 GB"',
            today.total,
            "GB",
            "store-and-forward through a store, as Bento uses Redis",
        ),
    ]


def _state(accounting: str, preset: str) -> Any:
    return witness_accounting(accounting=accounting).evaluate(presets.load(preset)).total


def _folding_rows() -> list[ValidationRow]:
    nova = _state("nova-relaxed-r1cs", "nova")
    cyclefold = _state("nova-cyclefold", "nova-cyclefold")
    nova_model = witness_accounting(accounting="nova-relaxed-r1cs")
    cyclefold_model = witness_accounting(accounting="nova-cyclefold")
    nova_terms = nova_model.evaluate(presets.load("nova")).terms
    cyclefold_terms = cyclefold_model.evaluate(presets.load("nova-cyclefold")).terms
    second_nova = sum(Fraction(nova_terms[t].magnitude) for t in ("secondary W", "secondary E"))
    second_cf = sum(Fraction(cyclefold_terms[t].magnitude) for t in ("secondary W", "secondary E"))
    paper = "Kothapalli, Setty, CycleFold, eprint 2023/1192, abstract"
    return [
        ValidationRow(
            "Nova",
            "smallest folded state (the note: 7.5 MB)",
            "7.5 MB",
            Q_(Fraction(15, 2), "MB"),
            f'{_NOTE}: "the absolute minimum size for a folding witness in Nova is 7.5 MB"',
            nova,
            "MB",
            "nova-relaxed-r1cs at the measured 9,817 / 10,349 constraints: 50,681 elements x 32 B",
        ),
        ValidationRow(
            "Nova + CycleFold",
            "smallest folded state (the note: 750 kB)",
            "750 kB",
            Q_(750, "kB"),
            f'{_NOTE}: "CycleFold offers a 10x improvement here, at 750 kB"',
            cyclefold,
            "MB",
            "nova-cyclefold at the measured 33,289 / 2,090 constraints: 104,106 elements x 32 B",
        ),
        ValidationRow(
            "Nova + CycleFold",
            "folded state, CycleFold / Nova (the note: 1/10)",
            "1/10",
            Fraction(1, 10),
            f'{_NOTE}: "CycleFold offers a 10x improvement here"',
            Fraction(cyclefold.magnitude) / Fraction(nova.magnitude),
            None,
            "3,331,392 B / 1,621,792 B: the first-curve circuit grows 3.4x",
        ),
        ValidationRow(
            "Nova + CycleFold",
            "second-curve witness, Nova / CycleFold",
            "about 10",
            Fraction(10),
            f'{paper}: "nearly an order of magnitude improvement over the prior state-of-the-art '
            f'in terms of circuit sizes on the second curve"',
            second_nova / second_cf,
            None,
            "(10,349 + 10,349) / (2,081 + 2,090) elements: W and E on the second curve",
        ),
    ]


def _nexus_rows() -> list[ValidationRow]:
    nexus = {**presets.load("nexus"), "snapshot_size": presets.load("seed-note")["snapshot_size"]}
    k = Fraction(nexus["segment_cycles"].to("cycle/segment").magnitude)
    tree = pcd_tree(accounting="nova-cyclefold").evaluate(
        {**nexus, "total_cycles": Q_(4 * k, "cycle")}
    )
    nodes = Fraction(tree.derived["segments"].magnitude) + Fraction(tree.derived["joins"].magnitude)
    model = pcd_tree(accounting="nova-cyclefold")
    steps = {
        fold: model.evaluate(
            {**nexus, "total_cycles": "1e9 cycle", "segment_cycles": f"{fold} cycle/segment"}
        ).derived["segments"]
        for fold in (1, 8)
    }
    ratio = Fraction(steps[1].magnitude) / Fraction(steps[8].magnitude)
    doc = "nexus-xyz/nexus-zkvm docs/pages/specs/nexus-prover.mdx (commit 18cd994e)"
    pcd = "nexus-xyz/nexus-zkvm nova/src/circuits/nova/pcd/mod.rs (commit 0f8da4d1), module doc"
    return [
        ValidationRow(
            "Nexus PCD",
            "PCD nodes over 4 leaves",
            "7 (steps 0 to 6)",
            Fraction(7),
            f'{pcd}: "0 -> 1 -> 2 -> 3 -> 4 -> 5 -> 6 as a full binary tree of pcd nodes"',
            nodes,
            None,
            "N + J = 4 + 3 in the binary layered tree",
        ),
        ValidationRow(
            "Nexus PCD",
            "folding steps, k = 1 / k = 8",
            "8",
            Fraction(8),
            f'{doc}: "the total number of folding steps will be reduced by a factor 8"',
            ratio,
            None,
            "ceil(10^9 / 1) / ceil(10^9 / 8) segments",
        ),
    ]


def validate() -> list[ValidationRow]:
    """Every validation row: the seed note's figures first, then today's systems.

    SP1 and HyperNova have no rows: no published figure of theirs is an output of these
    models (communication, proof or checkpoint sizes were not found).
    """
    return [*_seed_rows(), *_risc0_rows(), *_folding_rows(), *_nexus_rows()]


def format_validation(rows: Sequence[ValidationRow]) -> str:
    """A text calibration table, citations numbered below it."""
    header = ("system", "figure", "published", "costmodel", "rel. error", "verdict", "src")
    body = []
    citations: list[str] = []
    for row in rows:
        if row.citation not in citations:
            citations.append(row.citation)
        error = row.relative_error
        error_text = "" if error is None else "0" if error == 0 else f"{float(error) * 100:+.4g} %"
        body.append(
            (
                row.system,
                row.figure,
                row.published_text,
                row.model_text,
                error_text,
                row.verdict,
                f"[{citations.index(row.citation) + 1}]",
            )
        )
    widths = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in (header, tuple("-" * w for w in widths), *body)
    ]
    stated = [r for r in rows if r.published is not None]
    counts = {v: sum(1 for r in stated if r.verdict == v) for v in ("exact", "within", "rounded")}
    off = len(stated) - sum(counts.values())
    lines.append("")
    lines.append(
        f"{len(stated)} published figures: {counts['exact']} exact, "
        f"{counts['within']} within a published range, {counts['rounded']} rounded "
        f"(within 1 %), {off} off."
    )
    lines.append("")
    lines += [f"[{i}] {c}" for i, c in enumerate(citations, start=1)]
    return "\n".join(lines)
