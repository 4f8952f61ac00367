"""The seed note's conditions, derived from the models rather than typed in.

- :func:`folded_witness_breakeven`: the folded witness ``W*`` at which folding ships
  what the STARK tree ships (``P + o - I`` through the same tree and pattern);
- :func:`verifier_gates_breakeven`: the verifier circuit ``V*`` below which the smallest
  folded witness fits under ``W*`` (the note's accounting: ``8 · 250 kB / (3 · 255 bit)``
  ≈ 2614 gates);
- :func:`snapshot_witness_breakeven`: the segment size below which shipping the witness
  beats shipping a snapshot (``S / (ρ · r)``: 50,000 cycles for the seed);
- :func:`memory_limit_breakeven` and :func:`largest_segment`: the largest segment a
  prover machine's memory holds (``(μ_max − μ_0) / μ``), and the largest power of two
  below it (RISC Zero's segment sizes are powers of two);
- :func:`folding_tradeoff`: the share of each folding step spent verifying the previous
  fold, the overhead factor ``1 / (1 - share)``, and communication, as functions of ``W``.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> costmodel.format_quantity(snapshot_witness_breakeven().evaluate(seed).value)
'50000 cycle/segment'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from costmodel.analysis.breakeven import Breakeven, breakeven
from costmodel.architectures import folding, recursive_stark, verifier_witness_bound
from costmodel.architectures.accounting import Accounting
from costmodel.architectures.verifier import Rounding
from costmodel.errors import ParameterValueError
from costmodel.model import Model
from costmodel.symbols import VOCABULARY, symbol
from costmodel.units import Quantity

__all__ = [
    "Tradeoff",
    "TradeoffPoint",
    "folded_state_bounds",
    "folded_witness_breakeven",
    "folding_tradeoff",
    "largest_segment",
    "memory_limit_breakeven",
    "snapshot_witness_breakeven",
    "verifier_gates_breakeven",
]


def folded_witness_breakeven(stark: Model | None = None, fold: Model | None = None) -> Breakeven:
    """``W*``: folding (left) against the STARK tree (right), solved for the folded witness.

    Defaults are the note's: both binary, store-and-forward.  With different arities or
    patterns the closed form keeps the tree counts of both sides.
    """
    return breakeven(
        fold if fold is not None else folding(),
        stark if stark is not None else recursive_stark(),
        solve_for="folded_witness_size",
    )


def verifier_gates_breakeven(
    rounding: Rounding = "exact", stark: Model | None = None, fold: Model | None = None
) -> Breakeven:
    """``V*``: the verifier size at which the smallest folded witness equals ``W*``.

    Below ``V*`` folding's lower bound fits under the break-even witness.
    """
    return breakeven(
        verifier_witness_bound(rounding=rounding),
        folded_witness_breakeven(stark, fold),
        solve_for="verifier_gates",
    )


def snapshot_witness_breakeven(architecture: Callable[..., Model] = recursive_stark) -> Breakeven:
    """The segment size at which a snapshot and the segment's witness weigh the same."""
    return breakeven(
        architecture(ship="snapshot"), architecture(ship="witness"), solve_for="segment_cycles"
    )


def folded_state_bounds(
    accountings: Iterable[Accounting] = ("nova-relaxed-r1cs", "nova-cyclefold"),
) -> dict[str, Quantity]:
    """The folded state each accounting gives at its scheme's measured circuit sizes (bytes).

    Label -> quantity, for drawing beside ``W*``: what a folding prover really holds and
    ships, from the circuits' published constraint counts (not the seed note's rounded
    750 bits per gate; see :mod:`costmodel.architectures.accounting`).
    """
    from costmodel import presets
    from costmodel.architectures.accounting import ACCOUNTING_PRESETS, witness_accounting

    labels = {
        "note": "the note's 3 x 255 bits per gate",
        "relaxed-r1cs": "one relaxed R1CS witness (Nova's circuit)",
        "nova-relaxed-r1cs": "Nova, 2-cycle state (measured circuits)",
        "nova-cyclefold": "Nova + CycleFold state (measured circuits)",
        "hypernova-ccs": "HyperNova + CycleFold state",
    }
    bounds: dict[str, Quantity] = {}
    for accounting in accountings:
        values = presets.load(ACCOUNTING_PRESETS[accounting])
        bounds[labels[accounting]] = (
            witness_accounting(accounting=accounting).evaluate(values).total
        )
    return bounds


def memory_limit_breakeven(architecture: Callable[..., Model] = recursive_stark) -> Breakeven:
    """``C*``: the segment size at which a prover's peak memory fills its machine.

    Solves ``μ_0 + μ · C = μ_max`` for ``segment_cycles``: ``C* = (μ_max − μ_0) / μ``.
    Segments up to ``C*`` fit; see :func:`largest_segment` for the power of two.

    >>> memory_limit_breakeven().solution
    (machine_memory - memory_base)/memory_per_cycle
    """
    peak = architecture(metric="peak_memory")
    return breakeven(peak, symbol("machine_memory"), solve_for="segment_cycles")


def largest_segment(
    values: Mapping[str, Any],
    *,
    power_of_two: bool = True,
    architecture: Callable[..., Model] = recursive_stark,
) -> Any:
    """The largest segment that fits a prover machine's memory, in cycles per segment.

    ``C*`` of :func:`memory_limit_breakeven` itself, or (``power_of_two=True``) the largest
    ``2^j`` cycles at or below it, found exactly (no floating-point logarithm).  A
    :class:`ParameterValueError` when not even one cycle fits (the base fills the machine).
    """
    from costmodel.symbols import VOCABULARY
    from costmodel.units import Q_, format_quantity

    if "memory_base" in values and "machine_memory" in values:
        base = VOCABULARY["memory_base"].exact_value(values["memory_base"])
        memory = VOCABULARY["machine_memory"].exact_value(values["machine_memory"])
        if memory <= base:
            unit = VOCABULARY["machine_memory"].unit
            raise ParameterValueError(
                f"machine_memory: expected more than memory_base "
                f"({format_quantity(Q_(base, unit))}), got {format_quantity(Q_(memory, unit))}: "
                "the base alone fills the machine, no segment fits"
            )
    point = memory_limit_breakeven(architecture).evaluate(values)
    limit = Fraction(point.value.to("cycle/segment").magnitude)
    if not power_of_two:
        return Q_(limit, "cycle/segment")
    if limit < 1:
        raise ParameterValueError(
            f"segment_cycles: no whole segment fits: the memory left after the base holds "
            f"{limit} cycles' worth"
        )
    power = 1
    while power * 2 <= limit:
        power *= 2
    return Q_(power, "cycle/segment")


@dataclass(frozen=True)
class TradeoffPoint:
    """One folded witness size: verifier share, overhead factor, communication (exact)."""

    folded_witness_size: Any
    verifier_share: Fraction
    overhead: Fraction
    communication: Any


@dataclass(frozen=True)
class Tradeoff:
    """Folding's comm-versus-overhead trade-off as functions of the folded witness ``W``.

    ``share = B / W`` is the part of each folding step that re-verifies the previous
    fold (``B``: the verifier-circuit witness, in bytes); ``overhead = 1 / (1 - share)
    = W / (W - B)`` multiplies the proving work, valid for ``W > B``; ``communication``
    is the folding model's total.
    """

    bound: sympy.Expr
    share: sympy.Expr
    overhead: sympy.Expr
    communication: sympy.Expr
    model: Model
    bound_model: Model

    def at(self, values: Mapping[str, Any], witness_sizes: Iterable[Any]) -> list[TradeoffPoint]:
        """Exact points of the curve for each folded witness size."""
        from costmodel.units import Q_

        points = []
        for size in witness_sizes:
            given = {**values, "folded_witness_size": size}
            bound = Fraction(self.bound_model.evaluate(given).total.to("B").magnitude)
            witness = VOCABULARY["folded_witness_size"].exact_value(size)
            if witness <= bound:
                raise ParameterValueError(
                    f"folded_witness_size: {size!r} is not above the verifier witness "
                    f"({bound} B): folding cannot make progress"
                )
            share = bound / witness
            points.append(
                TradeoffPoint(
                    folded_witness_size=Q_(witness, "B"),
                    verifier_share=share,
                    overhead=1 / (1 - share),
                    communication=self.model.evaluate(given).total,
                )
            )
        return points


def folding_tradeoff(rounding: Rounding = "exact", fold: Model | None = None) -> Tradeoff:
    """The trade-off the note describes: small witnesses ship less but verify more."""
    bound_model = verifier_witness_bound(rounding=rounding)
    model = fold if fold is not None else folding()
    witness = symbol("folded_witness_size")
    bound = bound_model.labelled_total
    share = bound / witness
    return Tradeoff(
        bound=bound,
        share=share,
        overhead=1 / (1 - share),
        communication=model.labelled_total,
        model=model,
        bound_model=bound_model,
    )
