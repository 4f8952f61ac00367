"""Real systems side by side on one workload: the communication of each for a computation
(the break-even verifier size under each folded-state accounting is in
:mod:`costmodel.studies.verifiers`, re-exported here).

A workload (the cycles, the segment size, the snapshot per segment) belongs to the program
and its VM, not to the proof system, so every row runs the same one: the ``[workload]``
values of one preset (the seed note's by default: 10^9 cycles in 10^6-cycle segments with
50 MB snapshots).  Each :class:`System` is an architecture with options and its own preset,
and borrows from the seed note the few values its own sources are silent on (SP1's proof
sizes, the folding systems' binary tree).  Every table lists, per row, what was borrowed.

>>> from costmodel.studies.systems import communication_table
>>> rows = {row.system.key: row for row in communication_table()}
>>> from costmodel import format_quantity
>>> format_quantity(rows["bonsai-note"].total), format_quantity(rows["risc0"].total)
('50.99925 GB', '50.893757154 GB')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from costmodel import presets
from costmodel.architectures import ARCHITECTURES
from costmodel.architectures.accounting import ACCOUNTING_PRESETS
from costmodel.errors import UnknownParameterError, did_you_mean
from costmodel.model import Evaluation, Model
from costmodel.render.table import Table, Value, text_table

# the verifier break-evens live in verifiers.py; importable from here too
from costmodel.studies.verifiers import VerifierBreakeven, format_breakevens, verifier_breakevens
from costmodel.symbols import VOCABULARY
from costmodel.units import Q_, Quantity, format_quantity

__all__ = [
    "ACCOUNTING_PRESETS",
    "SYSTEMS",
    "ComparisonRow",
    "System",
    "VerifierBreakeven",
    "by_cycles_table",
    "communication_by_cycles",
    "communication_table",
    "comparison_table",
    "format_breakevens",
    "format_by_cycles",
    "format_comparison",
    "plot_communication",
    "system",
    "verifier_breakevens",
]

#: The preset whose ``[workload]`` every row runs, unless told otherwise.
DEFAULT_WORKLOAD = "seed-note"
#: The computation's size where the workload does not give one (the note's 10^9 cycles).
DEFAULT_CYCLES = "1e9 cycle"


def _cycles(workload: str | presets.Preset, total_cycles: Any) -> Any:
    """``total_cycles`` if given, else the workload's own, else :data:`DEFAULT_CYCLES`."""
    if total_cycles is not None:
        return total_cycles
    preset = presets.load(workload) if isinstance(workload, str) else workload
    return None if "total_cycles" in preset.workload else DEFAULT_CYCLES


@dataclass(frozen=True)
class System:
    """A real system as the library models it: architecture, options, preset, borrowings.

    ``borrowed`` names the values taken from the seed-note preset because the system's
    own sources are silent; the workload comes from the workload preset for every row.
    """

    key: str
    label: str
    architecture: str
    preset: str
    options: tuple[tuple[str, Any], ...] = ()
    borrowed: tuple[str, ...] = ()
    note: str = ""

    def model(self) -> Model:
        """The architecture built with this system's options."""
        return ARCHITECTURES[self.architecture](**dict(self.options))

    def preset_values(self, workload: str | presets.Preset = DEFAULT_WORKLOAD) -> presets.Preset:
        """The system's preset on ``workload``, with the seed note's values it borrows."""
        own = presets.load(self.preset).with_workload(workload)
        if not self.borrowed:
            return own
        seed = presets.load("seed-note")
        lent = {name: seed[name] for name in self.borrowed}
        return presets.Preset(
            name=own.name,
            title=own.title,
            citation=own.citation,
            values={**own, **lent},
            sources={**own.sources, **{name: seed.sources[name] for name in self.borrowed}},
            workload=own.workload,
            borrowed={**own.borrowed, **dict.fromkeys(self.borrowed, seed.name)},
        )

    def values(
        self,
        total_cycles: Any = None,
        workload: str | presets.Preset = DEFAULT_WORKLOAD,
    ) -> dict[str, Any]:
        """The values a row runs: preset, workload and borrowings; ``total_cycles`` if given."""
        values: dict[str, Any] = dict(self.preset_values(workload))
        total_cycles = _cycles(workload, total_cycles)
        if total_cycles is not None:
            values["total_cycles"] = total_cycles
        return values

    def borrowings(self, workload: str | presets.Preset = DEFAULT_WORKLOAD) -> dict[str, str]:
        """Name -> the preset it was taken from, for every value not the system's own."""
        return dict(self.preset_values(workload).borrowed)

    def evaluate(
        self, total_cycles: Any = None, workload: str | presets.Preset = DEFAULT_WORKLOAD
    ) -> Evaluation:
        """Exact communication of this system on ``workload`` (and ``total_cycles``)."""
        return self.model().evaluate(self.values(total_cycles, workload))


_FOLDING_NOTE = "a PCD node per segment, the note's binary tree"

#: The systems compared, in the order of the tables.
SYSTEMS: tuple[System, ...] = (
    System(
        "bonsai-note",
        "the note's Bonsai (2023)",
        "recursive-stark",
        "seed-note",
        note="250 kB STARKs, binary store-and-forward tree",
    ),
    System(
        "risc0",
        "RISC Zero today",
        "recursive-stark",
        "risc0",
        (("wrap", True),),
        note="succinct receipts of 223,551 B, pairwise joins, Groth16",
    ),
    System(
        "sp1",
        "SP1",
        "recursive-stark",
        "sp1",
        (("wrap", True),),
        borrowed=("proof_size", "receipt_overhead"),
        note="pairwise reduce and Groth16; proof sizes not published",
    ),
    System(
        "nova",
        "Nova (2-cycle)",
        "pcd-tree",
        "nova",
        (("accounting", "nova-relaxed-r1cs"),),
        borrowed=("arity",),
        note=_FOLDING_NOTE + "; trivial step circuit",
    ),
    System(
        "nova-cyclefold",
        "Nova + CycleFold",
        "pcd-tree",
        "nova-cyclefold",
        (("accounting", "nova-cyclefold"),),
        borrowed=("arity",),
        note=_FOLDING_NOTE + "; trivial step circuit",
    ),
    System(
        "hypernova",
        "HyperNova + CycleFold",
        "pcd-tree",
        "hypernova",
        (("accounting", "hypernova-ccs"),),
        borrowed=("arity",),
        note=_FOLDING_NOTE + "; 5 instances per step",
    ),
    System(
        "nexus-pcd",
        "Nexus PCD",
        "pcd-tree",
        "nexus",
        (("accounting", "nova-cyclefold"),),
        note="a PCD node per segment, binary tree; k = 16 VM steps per fold",
    ),
)


def system(key: str) -> System:
    """The system called ``key``; a typo gets a suggestion."""
    for candidate in SYSTEMS:
        if candidate.key == key:
            return candidate
    keys = [s.key for s in SYSTEMS]
    raise UnknownParameterError(
        f"unknown system {key!r}{did_you_mean(key, keys)}; systems: {', '.join(keys)}"
    )


@dataclass(frozen=True)
class ComparisonRow:
    """One system's communication on the workload: the evaluation and what was borrowed."""

    system: System
    evaluation: Evaluation
    borrowed: Mapping[str, str]

    @property
    def total(self) -> Quantity:
        return self.evaluation.total

    @property
    def segments(self) -> Fraction:
        return Fraction(self.evaluation.derived["segments"].magnitude)

    @property
    def item(self) -> Quantity:
        """What one tree item weighs: a proof with its metadata, or a PCD node."""
        derived = self.evaluation.derived
        if "node size" in derived:
            return derived["node size"]
        inputs = self.evaluation.inputs
        return Q_(
            Fraction(inputs["proof_size"].to("B/proof").magnitude)
            + Fraction(inputs["receipt_overhead"].to("B/proof").magnitude),
            "B",
        )

    @property
    def to_provers(self) -> Quantity:
        """Snapshots (or witnesses) sent to the segment provers."""
        terms = self.evaluation.terms
        return terms["snapshots"] if "snapshots" in terms else terms["witnesses"]

    @property
    def borrowed_text(self) -> str:
        """``"segment_cycles, snapshot_size (seed-note)"``: what this row did not own."""
        by_preset: dict[str, list[str]] = {}
        for name, preset in self.borrowed.items():
            by_preset.setdefault(preset, []).append(name)
        return "; ".join(f"{', '.join(names)} ({preset})" for preset, names in by_preset.items())


def communication_table(
    total_cycles: Any = None,
    systems: Iterable[System] = SYSTEMS,
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
) -> list[ComparisonRow]:
    """Each system's exact communication on ``workload`` (``total_cycles`` overrides its own)."""
    rows = []
    for entry in systems:
        borrowed = entry.borrowings(workload)
        if _cycles(workload, total_cycles) is not None:
            borrowed.pop("total_cycles", None)
        rows.append(ComparisonRow(entry, entry.evaluate(total_cycles, workload), borrowed))
    return rows


def communication_by_cycles(
    cycle_counts: Iterable[Any],
    systems: Iterable[System] = SYSTEMS,
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
) -> dict[str, list[Any]]:
    """System key -> total communication (exact quantities) at each cycle count."""
    counts = list(cycle_counts)
    totals = {}
    for entry in systems:
        model, values = entry.model(), entry.values(workload=workload)
        totals[entry.key] = [model.evaluate({**values, "total_cycles": c}).total for c in counts]
    return totals


def by_cycles_table(
    cycle_counts: Sequence[Any],
    systems: Iterable[System] = SYSTEMS,
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
    *,
    unit: str | None = None,
    digits: int = 10,
) -> Table:
    """Total communication of each system (rows) at each cycle count (columns)."""
    systems = list(systems)
    totals = communication_by_cycles(cycle_counts, systems, workload)
    header = (
        "system",
        *(
            format_quantity(
                VOCABULARY["total_cycles"].pint_unit * VOCABULARY["total_cycles"].exact_value(c)
            )
            for c in cycle_counts
        ),
    )
    body = [
        (s.label, *(Value.quantity(q, unit, digits=digits) for q in totals[s.key])) for s in systems
    ]
    return Table.of(header, body, right=range(1, len(header)), title="communication by cycle count")


def format_by_cycles(
    cycle_counts: Sequence[Any],
    systems: Iterable[System] = SYSTEMS,
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
) -> str:
    """A text table: total communication of each system (rows) at each cycle count."""
    return text_table(replace(by_cycles_table(cycle_counts, systems, workload), title=""))


def comparison_table(
    rows: Sequence[ComparisonRow],
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
    total_cycles: Any = None,
    *,
    unit: str | None = None,
    digits: int = 10,
) -> Table:
    """Segments, item shipped, traffic to provers, tree traffic and total of each system;
    the workload is the title, the systems' notes are the notes."""
    header = ("system", "segments", "item", "to provers", "tree", "total", "borrowed")
    body = []
    for row in rows:
        tree = Q_(
            Fraction(row.total.to("B").magnitude) - Fraction(row.to_provers.to("B").magnitude), "B"
        )
        body.append(
            (
                row.system.label,
                Value(str(row.segments), str(row.segments), "segment"),
                Value.quantity(row.item, digits=digits),
                Value.quantity(row.to_provers, unit, digits=digits),
                Value.quantity(tree, unit, digits=digits),
                Value.quantity(row.total, unit, digits=digits),
                row.borrowed_text or "-",
            )
        )
    notes = [f"{row.system.label}: {row.system.note}" for row in rows if row.system.note]
    return Table.of(
        header,
        body,
        right=(1, 2, 3, 4, 5),
        title=_workload_line(workload, total_cycles),
        notes=notes,
    )


def format_comparison(
    rows: Sequence[ComparisonRow],
    workload: str | presets.Preset = DEFAULT_WORKLOAD,
    total_cycles: Any = None,
) -> str:
    """A text table: segments, item shipped, traffic to provers, tree traffic, total."""
    table = comparison_table(rows, workload, total_cycles)
    lines = [table.title, text_table(replace(table, title="", notes=())), ""]
    lines += list(table.notes)
    return "\n".join(lines)


def _workload_line(workload: str | presets.Preset, total_cycles: Any = None) -> str:
    preset = presets.load(workload) if isinstance(workload, str) else workload
    given = {name: preset[name] for name in preset.workload}
    total_cycles = _cycles(preset, total_cycles)
    if total_cycles is not None:
        given["total_cycles"] = VOCABULARY["total_cycles"].pint_unit * VOCABULARY[
            "total_cycles"
        ].exact_value(total_cycles)
    shown = ", ".join(f"{name} {format_quantity(q, q.units)}" for name, q in given.items())
    return f"communication on one workload ({shown}; from {preset.name}), the same in every row"


def plot_communication(
    cycle_counts: Sequence[Any] | None = None,
    *,
    systems: Iterable[System] = SYSTEMS,
    ax: Any = None,
    path: str | Path | None = None,
) -> Any:
    """Communication against cycle count, one line per system (log-log); returns the figure.

    matplotlib is imported here, only when a plot is made.  With ``path`` the figure is
    saved as PNG and PDF.
    """
    from costmodel.render.plots import pyplot, save

    plt = pyplot()
    systems = list(systems)
    counts = (
        list(cycle_counts) if cycle_counts is not None else [f"1e{e} cycle" for e in range(6, 13)]
    )
    totals = communication_by_cycles(counts, systems)
    xs = [float(VOCABULARY["total_cycles"].exact_value(c)) for c in counts]
    if ax is None:
        figure, ax = plt.subplots(figsize=(6.4, 4.2))
    else:
        figure = ax.figure
    for s in systems:
        ys = [float(Fraction(q.to("GB").magnitude)) for q in totals[s.key]]
        ax.plot(xs, ys, marker="o", markersize=3, label=s.label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("total cycles [cycle]")
    ax.set_ylabel("communication [GB]")
    ax.legend(fontsize="small")
    ax.grid(True, which="both", alpha=0.3)
    if path is not None:
        save(figure, path)
    return figure
