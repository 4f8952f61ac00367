"""Real systems side by side: communication for a computation, and the break-even
verifier size under each folded-state accounting.

Each :class:`System` is an architecture with options, its own preset, and the few values
it borrows from the seed note where its own sources are silent (a workload that all rows
share: 10^6-cycle segments and 50 MB snapshots for the folding systems; SP1's snapshot and
proof sizes, which no source gave).  What is borrowed is listed in every table.

>>> from costmodel.compare import communication_table
>>> rows = {row.system.key: row for row in communication_table()}
>>> from costmodel import format_quantity
>>> format_quantity(rows["bonsai-note"].total), format_quantity(rows["risc0"].total)
('50.99925 GB', '10.39262377 GB')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import sympy

from costmodel import presets
from costmodel.analysis.conditions import folded_witness_breakeven
from costmodel.architectures import ARCHITECTURES, witness_accounting
from costmodel.errors import UnknownParameterError, did_you_mean
from costmodel.functions import plain
from costmodel.model import Evaluation, Model
from costmodel.symbols import VOCABULARY, symbol
from costmodel.units import Q_, format_quantity

__all__ = [
    "ACCOUNTING_PRESETS",
    "SYSTEMS",
    "ComparisonRow",
    "System",
    "VerifierBreakeven",
    "communication_by_cycles",
    "communication_table",
    "format_breakevens",
    "format_by_cycles",
    "format_comparison",
    "plot_communication",
    "system",
    "verifier_breakevens",
]

#: The seed note's segmentation, shared by the folding systems (no source fixes theirs).
_WORKLOAD = ("segment_cycles", "snapshot_size")


@dataclass(frozen=True)
class System:
    """A real system as the library models it: architecture, options, preset, borrowings.

    ``borrowed`` names the values taken from the seed-note preset instead of the
    system's own (because its sources are silent, or to share the note's workload).
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

    def values(self, total_cycles: Any = "1e9 cycle") -> dict[str, Any]:
        """The system's preset, the borrowed seed-note values, and ``total_cycles``."""
        own = presets.load(self.preset)
        seed = presets.load("seed-note")
        values: dict[str, Any] = {name: q for name, q in own.items() if name not in self.borrowed}
        values.update({name: seed[name] for name in self.borrowed})
        values["total_cycles"] = total_cycles
        return values

    def evaluate(self, total_cycles: Any = "1e9 cycle") -> Evaluation:
        """Exact communication of this system for ``total_cycles``."""
        return self.model().evaluate(self.values(total_cycles))


_FOLDING_NOTE = "a node per 10^6-cycle segment, the note's snapshots and binary tree"

#: The systems compared, in the order of the tables.
SYSTEMS: tuple[System, ...] = (
    System(
        "bonsai-note",
        "the note's Bonsai (2023)",
        "recursive-stark",
        "seed-note",
        note="50 MB snapshots, 250 kB STARKs, binary store-and-forward tree",
    ),
    System(
        "risc0",
        "RISC Zero today",
        "recursive-stark",
        "risc0",
        (("wrap", True),),
        note="2^20-cycle segments of 5-10 MB (upper end), succinct receipts, Groth16",
    ),
    System(
        "sp1",
        "SP1",
        "recursive-stark",
        "sp1",
        (("wrap", True),),
        borrowed=("snapshot_size", "proof_size", "receipt_overhead"),
        note="2^22-cycle shards; snapshot and proof sizes not published",
    ),
    System(
        "nova",
        "Nova (2-cycle)",
        "pcd-tree",
        "nova",
        (("accounting", "nova-relaxed-r1cs"),),
        borrowed=(*_WORKLOAD, "arity"),
        note=_FOLDING_NOTE + "; trivial step circuit",
    ),
    System(
        "nova-cyclefold",
        "Nova + CycleFold",
        "pcd-tree",
        "nova-cyclefold",
        (("accounting", "nova-cyclefold"),),
        borrowed=(*_WORKLOAD, "arity"),
        note=_FOLDING_NOTE + "; trivial step circuit",
    ),
    System(
        "hypernova",
        "HyperNova + CycleFold",
        "pcd-tree",
        "hypernova",
        (("accounting", "hypernova-ccs"),),
        borrowed=(*_WORKLOAD, "arity"),
        note=_FOLDING_NOTE + "; 5 instances per step",
    ),
    System(
        "nexus-pcd",
        "Nexus PCD",
        "pcd-tree",
        "nexus",
        (("accounting", "nova-cyclefold"),),
        borrowed=_WORKLOAD,
        note=_FOLDING_NOTE + "; k = 16 VM steps per fold",
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
    """One system's communication: the evaluation and what was borrowed."""

    system: System
    evaluation: Evaluation

    @property
    def total(self) -> Any:
        return self.evaluation.total

    @property
    def segments(self) -> Fraction:
        return Fraction(self.evaluation.derived["segments"].magnitude)

    @property
    def item(self) -> Any:
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
    def to_provers(self) -> Any:
        """Snapshots (or witnesses) sent to the segment provers."""
        terms = self.evaluation.terms
        return terms["snapshots"] if "snapshots" in terms else terms["witnesses"]


def communication_table(
    total_cycles: Any = "1e9 cycle", systems: Iterable[System] = SYSTEMS
) -> list[ComparisonRow]:
    """Each system's exact communication for ``total_cycles`` (10^9 cycles by default)."""
    return [ComparisonRow(s, s.evaluate(total_cycles)) for s in systems]


def communication_by_cycles(
    cycle_counts: Iterable[Any], systems: Iterable[System] = SYSTEMS
) -> dict[str, list[Any]]:
    """System key -> total communication (exact quantities) at each cycle count."""
    counts = list(cycle_counts)
    totals = {}
    for entry in systems:
        model, values = entry.model(), entry.values()
        totals[entry.key] = [model.evaluate({**values, "total_cycles": c}).total for c in counts]
    return totals


def format_by_cycles(cycle_counts: Sequence[Any], systems: Iterable[System] = SYSTEMS) -> str:
    """A text table: total communication of each system (rows) at each cycle count."""
    systems = list(systems)
    totals = communication_by_cycles(cycle_counts, systems)
    header = (
        "system",
        *(
            format_quantity(
                VOCABULARY["total_cycles"].units * VOCABULARY["total_cycles"].exact_value(c)
            )
            for c in cycle_counts
        ),
    )
    body = [(s.label, *(format_quantity(q) for q in totals[s.key])) for s in systems]
    return "\n".join(_table(header, body, right=set(range(1, len(header)))))


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(r) for r in rows)]


def format_comparison(rows: Sequence[ComparisonRow]) -> str:
    """A text table: segments, item shipped, traffic to provers, tree traffic, total."""
    header = ("system", "segments", "item", "to provers", "tree", "total", "from the note")
    body = []
    for row in rows:
        tree = Q_(
            Fraction(row.total.to("B").magnitude) - Fraction(row.to_provers.to("B").magnitude), "B"
        )
        body.append(
            (
                row.system.label,
                str(row.segments),
                format_quantity(row.item),
                format_quantity(row.to_provers),
                format_quantity(tree),
                format_quantity(row.total),
                ", ".join(row.system.borrowed) or "-",
            )
        )
    cycles = rows[0].evaluation.inputs["total_cycles"] if rows else None
    lines = [f"communication for {format_quantity(cycles)}" if cycles is not None else ""]
    lines += _table(header, body, right={1, 2, 3, 4, 5})
    lines.append("")
    lines += [f"{row.system.label}: {row.system.note}" for row in rows if row.system.note]
    return "\n".join(lines)


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
    from costmodel.render.plots import _pyplot, save

    plt = _pyplot()
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


# -- break-even verifier size under each accounting ------------------------------------

#: Accounting -> the preset whose other sizes (second curve, element size) it is given.
ACCOUNTING_PRESETS: Mapping[str, str] = {
    "note": "seed-note",
    "relaxed-r1cs": "nova",
    "nova-relaxed-r1cs": "nova",
    "nova-cyclefold": "nova-cyclefold",
    "hypernova-ccs": "hypernova",
}

_SOLVED = {"note": "verifier_gates"}
_TIES = {
    "relaxed-r1cs": ("primary_variables",),
    "nova-relaxed-r1cs": ("primary_variables", "secondary_constraints", "secondary_variables"),
    "nova-cyclefold": ("primary_variables",),
    "hypernova-ccs": ("primary_variables",),
}


@dataclass(frozen=True)
class VerifierBreakeven:
    """The verifier size at which an accounting's folded state equals the STARK's ``W*``.

    ``closed_form`` is solved by sympy from the accounting's plain total with ``tied``
    parameters set equal to the solved one; ``value`` is it at the presets' numbers
    (``None`` when there is no positive solution, ``reason`` says why); ``exact`` is
    True when ``value`` substituted back makes both sides equal exactly.
    """

    accounting: str
    stark: str
    parameter: str
    tied: tuple[str, ...]
    given: Mapping[str, Any]
    target: Any
    closed_form: sympy.Expr | None
    value: Any
    exact: bool
    measured: Any = None
    reason: str = ""
    values_from: str = ""


def _target_expr() -> sympy.Expr:
    """``W* = P + o - I``, in bytes: folding against the STARK, same binary tree."""
    solution = folded_witness_breakeven().solution
    if solution is None:  # pragma: no cover - the closed form is known to exist
        raise RuntimeError("the break-even folded witness has no closed form")
    return plain(solution)


def verifier_breakevens(
    starks: Iterable[str] = ("seed-note", "risc0"),
    accountings: Iterable[str] = tuple(ACCOUNTING_PRESETS),
) -> list[VerifierBreakeven]:
    """For each STARK preset and accounting: the verifier size ``V*`` matching ``W*``.

    ``W* = P + o - I`` is the break-even folded witness of the note's comparison (same
    binary store-and-forward tree), with the instance counted as zero as the note does.
    The accounting's plain total is set equal to it and solved with sympy for the
    verifier size (``verifier_gates`` for the note's accounting, ``primary_constraints``
    for the others, with variables, and for a 2-cycle the second curve, tied to it).
    """
    target_expr = _target_expr()
    rows = []
    for stark_name in starks:
        stark = presets.load(stark_name)
        target_subs = {
            symbol(n): _rational(VOCABULARY[n].exact_value(stark[n]))
            for n in ("proof_size", "receipt_overhead")
        }
        target_subs[symbol("folded_instance_size")] = sympy.S.Zero
        for name in accountings:
            rows.append(_breakeven_row(name, stark_name, target_expr, target_subs))
    return rows


def _rational(value: Fraction) -> sympy.Rational:
    return sympy.Rational(value.numerator, value.denominator)


def _breakeven_row(
    name: str,
    stark_name: str,
    target_expr: sympy.Expr,
    target_subs: dict[sympy.Symbol, sympy.Rational],
) -> VerifierBreakeven:
    target = target_expr.xreplace(target_subs)
    model = witness_accounting(accounting=name)
    parameter = _SOLVED.get(name, "primary_constraints")
    tied = _TIES.get(name, ())
    x = symbol(parameter)
    state = plain(model.total).xreplace({symbol(t): x for t in tied})
    candidates = sympy.solve(sympy.Eq(state, target_expr), x)
    closed = sympy.simplify(candidates[0]) if len(candidates) == 1 else None
    values_from = ACCOUNTING_PRESETS[name]
    source = presets.load(values_from)
    given_names = sorted(
        (p.name for p in model.parameters if p.name != parameter and p.name not in tied),
        key=list(VOCABULARY).index,
    )
    given = {n: source[n] for n in given_names}
    subs = {symbol(n): _rational(VOCABULARY[n].exact_value(q)) for n, q in given.items()}
    measured = source.get(parameter)
    unit = VOCABULARY[parameter].unit
    if closed is None:
        return VerifierBreakeven(
            name,
            stark_name,
            parameter,
            tied,
            given,
            Q_(_fraction(target), "B"),
            None,
            None,
            False,
            measured,
            reason=f"sympy found {len(candidates)} solutions",
            values_from=values_from,
        )
    value = closed.xreplace(target_subs).xreplace(subs)
    value = sympy.nsimplify(value) if value.has(sympy.Float) else value
    if not (isinstance(value, sympy.Rational) and value > 0):
        return VerifierBreakeven(
            name,
            stark_name,
            parameter,
            tied,
            given,
            Q_(_fraction(target), "B"),
            closed,
            None,
            False,
            measured,
            reason=f"no positive size: the parts held fixed already exceed W* ({value})",
            values_from=values_from,
        )
    back = state.xreplace(subs).xreplace({x: value})
    exact = bool(sympy.simplify(back - target) == 0)
    return VerifierBreakeven(
        name,
        stark_name,
        parameter,
        tied,
        given,
        Q_(_fraction(target), "B"),
        closed,
        Q_(_fraction(value), unit),
        exact,
        measured,
        values_from=values_from,
    )


def _fraction(value: sympy.Rational) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def format_breakevens(rows: Sequence[VerifierBreakeven]) -> str:
    """A text table (accounting, STARK, W*, V*, the preset's size, exact), then closed forms."""
    header = ("accounting", "against", "W*", "V*", "preset size", "exact")
    body = []
    for row in rows:
        value = format_quantity(row.value) if row.value is not None else "none"
        measured = format_quantity(row.measured) if row.measured is not None else "-"
        body.append(
            (
                row.accounting,
                row.stark,
                format_quantity(row.target),
                value,
                measured,
                "yes" if row.exact else "-",
            )
        )
    lines = _table(header, body, right={2, 3, 4})
    lines.append("")
    seen: set[str] = set()
    for row in rows:
        if row.accounting in seen:
            continue
        seen.add(row.accounting)
        ties = f", with {', '.join(row.tied)} = {row.parameter}" if row.tied else ""
        closed = row.closed_form if row.closed_form is not None else "no closed form"
        lines.append(
            f"{row.accounting}: {row.parameter}* = {closed}  "
            f"(other sizes from {row.values_from}{ties})"
        )
    lines += [f"{row.accounting} against {row.stark}: {row.reason}" for row in rows if row.reason]
    return "\n".join(lines)
