"""What a simulation returns: the times, the bytes, and every step of the schedule."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

from costmodel.units import Q_, format_quantity

__all__ = ["KINDS", "Interval", "PerMachine", "Simulation"]

#: The kinds of step in a schedule, in the order a task does them.
KINDS: tuple[str, ...] = ("execute", "receive", "prove", "lift", "join", "send", "wrap", "deliver")


class Interval(NamedTuple):
    """One step on one machine (``"executor"`` for the executor), in seconds from the start.

    ``kind`` is one of :data:`KINDS`; ``label`` says what the step belongs to
    (``segment 3``, ``join 1.0: segment 5`` for a child received, ``root``...).
    """

    machine: int | str
    kind: str
    start: Fraction
    end: Fraction
    label: str

    @property
    def duration(self) -> Fraction:
        """``end - start``, in seconds."""
        return self.end - self.start


class PerMachine(Mapping[int, Any]):
    """Machine index (``0..M-1``) -> a quantity in ``unit``, made when asked for."""

    def __init__(self, magnitudes: Sequence[Fraction], unit: str) -> None:
        self._magnitudes = tuple(magnitudes)
        self._unit = unit

    def __getitem__(self, machine: int) -> Any:
        if not isinstance(machine, int) or isinstance(machine, bool):
            raise KeyError(machine)
        if not 0 <= machine < len(self._magnitudes):
            raise KeyError(machine)
        return Q_(self._magnitudes[machine], self._unit)

    def __len__(self) -> int:
        return len(self._magnitudes)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self._magnitudes)))

    def magnitudes(self) -> tuple[Fraction, ...]:
        """Every machine's magnitude in the mapping's unit, in machine order."""
        return self._magnitudes

    def __repr__(self) -> str:
        return f"PerMachine({len(self)} machines, {self._unit})"


@dataclass(frozen=True)
class Simulation:
    """One simulated run of a tree architecture on a cluster (:func:`costmodel.simulate`).

    Times and bytes are pint quantities with ``Fraction`` magnitudes: exact when
    :attr:`exact` is True, else the exact values of float64 results.
    ``bytes_by_machine`` maps each machine (``0..M-1``) to the bytes it received and
    ``busy_by_machine`` to the seconds it spent on steps; ``schedule`` holds every step,
    the executor's first, then machine by machine in time order;
    ``peak_store_transfers`` is the most transfers that moved bytes through the store at
    once.
    """

    architecture: str
    transfer: str
    segments: int
    machines: int
    arity: int
    wall_time: Any
    machine_time: Any
    bytes_total: Any
    store_bytes: Any
    bytes_by_machine: PerMachine = field(repr=False, compare=False)
    busy_by_machine: PerMachine = field(repr=False, compare=False)
    schedule: tuple[Interval, ...] = field(repr=False)
    peak_store_transfers: int = 0
    exact: bool = True

    def busiest_machine(self) -> int:
        """The machine busy longest (the lowest index on ties)."""
        busy = self.busy_by_machine.magnitudes()
        return max(range(self.machines), key=lambda m: (busy[m], -m))

    def __str__(self) -> str:
        busiest = self.busiest_machine()
        busy = self.busy_by_machine[busiest]
        share = Fraction(busy.magnitude) / Fraction(self.wall_time.magnitude)
        lines = [
            f"{self.architecture} simulated: {self.segments} segments on {self.machines} "
            f"machines, arity {self.arity}, {self.transfer}"
            + ("" if self.exact else " (in float64)"),
            f"  wall time        {format_quantity(self.wall_time, 's', digits=6)}",
            f"  machine time     {format_quantity(self.machine_time, 'machine*s', digits=6)}",
            f"  bytes moved      {format_quantity(self.bytes_total, digits=6)} "
            f"({format_quantity(self.store_bytes, digits=6)} through the store)",
            f"  busiest machine  {busiest}: busy {format_quantity(busy, 's', digits=6)} "
            f"({float(share):.0%} of the wall time), received "
            f"{format_quantity(self.bytes_by_machine[busiest], digits=6)}",
        ]
        return "\n".join(lines)
