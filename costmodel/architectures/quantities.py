"""Quantities every tree architecture uses: segments, leaves, machines, what provers receive.

>>> segment_count()
ceiling(total_cycles/segment_cycles)
"""

from __future__ import annotations

from typing import cast

import sympy

from costmodel.architectures.spec import Ship
from costmodel.functions import ceil, count_as, minimum
from costmodel.symbols import symbol

__all__ = [
    "concurrent_transfers",
    "leaves",
    "machine_count",
    "one",
    "segment_count",
    "segment_witness",
    "shipped_per_segment",
    "waves",
]


def one(unit: str) -> sympy.Expr:
    """The number 1 counted in ``unit``: ``one("segment/machine")`` is one segment per machine.

    Says on purpose what an ordinary formula leaves implicit: each machine proves one
    segment at a time, each transfer carries one segment's snapshot.
    """
    return count_as(sympy.S.One, unit)


def segment_count() -> sympy.Expr:
    """``N = ⌈T / C⌉`` segments: a partial last segment is still shipped and proven."""
    return ceil(symbol("total_cycles") / symbol("segment_cycles"))


def leaves() -> sympy.Expr:
    """The segment count as a pure number, the leaves of the aggregation tree."""
    return count_as(segment_count(), "")


def machine_count() -> sympy.Expr:
    """The cluster's machines ``M`` as a pure number."""
    return count_as(symbol("machines"), "")


def waves() -> sympy.Expr:
    """``⌈N / M⌉``: the waves in which ``M`` machines prove ``N`` segments."""
    return ceil(leaves() / machine_count())


def concurrent_transfers() -> sympy.Expr:
    """``min(M, N)``: the most transfers in flight at once (one per busy machine)."""
    return minimum(machine_count(), leaves())


def segment_witness() -> sympy.Expr:
    """``C · ρ · r``: the witness of one segment, in bytes per segment."""
    return cast(
        sympy.Expr, symbol("segment_cycles") * symbol("rows_per_cycle") * symbol("row_size")
    )


def shipped_per_segment(ship: Ship) -> tuple[Ship, sympy.Expr]:
    """What each segment prover receives, named, in bytes per segment."""
    if ship == "snapshot":
        return "snapshot", symbol("snapshot_size")
    return "witness", segment_witness()
