"""The cluster as SimPy processes: the executor, ``M`` machines, the store, the dispatcher.

One process per task (a segment, a join, the wrap), run on one machine from start to end;
the dispatcher hands out tasks once everything happening at the current instant has
happened (so machines freed at the same instant are all seen free together).  The rules
are those of :mod:`costmodel.simulate`; :func:`run` returns what happened.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator
from dataclasses import dataclass
from fractions import Fraction
from math import lcm
from typing import Any, NamedTuple, cast

import simpy

from costmodel.simulate.exact import Exact, Number, divide, exact, to_fraction
from costmodel.simulate.inputs import ClusterInputs
from costmodel.simulate.store import SharedStore
from costmodel.simulate.tree import JoinTree

__all__ = ["EXECUTOR", "Run", "run"]

#: The machine name of the executor in a schedule.
EXECUTOR = "executor"
_IN_STORE = -1  # where an item is when it is in the store
_ZERO = 0

Step = Generator[Any, Any, None]


@dataclass(frozen=True)
class Run:
    """What happened: every step ``(machine, kind, start, end, label)`` (the executor's
    first, then machine by machine, in time order) and the bytes moved, all exact."""

    steps: list[tuple[int | str, str, Fraction, Fraction, str]]
    wall_time: Fraction
    executor_time: Fraction
    busy: list[Fraction]
    moved: Fraction
    through_store: Fraction
    received: list[Fraction]
    peak_store_transfers: int


class _Move(NamedTuple):
    """A transfer in a task's plan: ``λ``, then ``size`` bytes through the store or a link."""

    kind: str
    label: str
    size: Number
    store: bool


class _Numbers:
    """The inputs in the run's own units: times in ticks of ``1/D`` s, sizes in bytes.

    ``D`` is the common denominator of every duration known in advance (execution,
    proving, joins, latency, a transfer at the link's rate...), so most times are ints
    (see :mod:`costmodel.simulate.exact`); bandwidths are in bytes per tick.
    """

    def __init__(self, inputs: ClusterInputs, exact_numbers: bool = True) -> None:
        self.exact = exact_numbers
        fixed = [
            inputs.execution,
            inputs.segment_execution,
            inputs.prove,
            inputs.lift_time,
            inputs.join_time,
            inputs.wrap_time,
            inputs.latency,
        ]
        if inputs.network:
            link = inputs.link_bandwidth
            fixed += [inputs.shipped / link, inputs.item / link, inputs.wrap_proof / link]
        self.ticks = lcm(*(Fraction(value).denominator for value in fixed)) if exact_numbers else 1
        number = exact if exact_numbers else float
        self.divide = divide if exact_numbers else _float_divide

        def ticks(seconds: Fraction) -> Number:
            return number(seconds * self.ticks)

        self.execution, self.segment_execution = (
            ticks(inputs.execution),
            ticks(inputs.segment_execution),
        )
        self.prove, self.lift = ticks(inputs.prove), ticks(inputs.lift_time)
        self.join, self.wrap = ticks(inputs.join_time), ticks(inputs.wrap_time)
        self.latency = ticks(inputs.latency)
        self.shipped, self.item = number(inputs.shipped), number(inputs.item)
        self.wrap_proof = number(inputs.wrap_proof)
        self.link = number(inputs.link_bandwidth / self.ticks)
        self.store = number(inputs.store_bandwidth / self.ticks)

    def release(self, segment: int) -> Number:
        """When segment ``segment`` (from 0) is handed out with ``pipeline``:
        ``min((i + 1) C, T) / R_e``."""
        return min((segment + 1) * self.segment_execution, self.execution)

    def seconds(self, time: Number) -> Fraction:
        """A time in ticks as a ``Fraction`` of seconds."""
        if isinstance(time, Exact):
            return Fraction(time.n, time.d * self.ticks)
        if isinstance(time, int):
            return Fraction(time, self.ticks)
        # a float64 run counts in seconds (one tick a second)
        return Fraction(*time.as_integer_ratio())


class _Cluster:
    def __init__(self, inputs: ClusterInputs, tree: JoinTree, exact_numbers: bool) -> None:
        self.inputs, self.tree = inputs, tree
        self.x = x = _Numbers(inputs, exact_numbers)
        self.env = simpy.Environment(initial_time=_ZERO)
        machines = inputs.machines
        self.store_and_forward = inputs.transfer == "store-and-forward"
        self.one_local = inputs.transfer == "peer-one-local"
        self.store = (
            SharedStore(self.env, x.link, x.store, x.divide, slack=0.0 if exact_numbers else 1e-12)
            if inputs.network
            else None
        )
        self.busy = [False] * machines
        self.token = [0] * machines
        # free machines: (instant they were freed, machine, token); instants are counted,
        # not compared as times, and a token tells a machine's current entry from old ones
        self.idle: list[tuple[int, int, int]] = [(0, m, 0) for m in range(machines)]
        self.instant = 0
        self.instant_time: Number = _ZERO
        self.released = 0  # segments handed out by the executor
        self.started = 0  # segments taken by a machine (always the lowest released first)
        self.ready: list[tuple[tuple[int, int], int]] = []  # joins any machine may take
        self.pinned: list[list[tuple[tuple[int, int], int]]] = (
            [[] for _ in range(machines)] if self.one_local else []
        )
        self.claimed: set[int] = set()  # free machines a ready join waits for
        self.wrap_ready = False
        self.waiting = [len(children) for children in tree.children]
        self.holder: list[int | None] = [None] * len(tree.parent)
        self.finished = False
        self.dispatching = False
        self.steps: list[list[tuple[int, str, Number, Number, str]]] = [[] for _ in range(machines)]
        self.moved: Number = _ZERO
        self.through_store: Number = _ZERO
        self.received: list[Number] = [_ZERO] * machines
        self.worked: list[Number] = [_ZERO] * machines  # busy time of each machine
        self.executed: tuple[int | str, str, Number, Number, str] = (
            EXECUTOR,
            "execute",
            _ZERO,
            x.execution,
            "execution",
        )

    # -- the executor and the dispatcher ---------------------------------------------------

    def executor(self) -> Step:
        inputs, x = self.inputs, self.x
        if inputs.pipeline:
            for segment in range(inputs.segments):
                yield self._after(x.release(segment) - self.env.now)
                self.released = segment + 1
                self.request_dispatch()
        else:
            yield self._after(x.execution)
            self.released = inputs.segments
            self.request_dispatch()

    def _after(self, delay: Number) -> simpy.Timeout:
        """A timeout of ``delay`` ticks, exact or not (simpy only adds it to its clock)."""
        return self.env.timeout(delay)  # type: ignore[arg-type]  # simpy annotates int | float

    def request_dispatch(self) -> None:
        if not self.dispatching:
            self.dispatching = True
            self._later()

    def _later(self) -> None:
        timer = self.env.timeout(0)
        timer.callbacks.append(self._dispatch)

    def _dispatch(self, _event: Any) -> None:
        if self.env.peek() == self.env.now:  # more is happening now: dispatch after it
            self._later()
            return
        self.dispatching = False
        passed_over: list[int] = []
        while self.started < self.released:
            machine = self._pop_idle()
            if machine is None:
                break
            if machine in self.claimed:  # a ready join waits for it: others take segments first
                passed_over.append(machine)
                continue
            self._start_segment(machine)
        for machine in passed_over:
            if self.started == self.released:
                break
            self.claimed.discard(machine)
            self._start_segment(machine)
        if self.one_local:
            for machine in sorted(self.claimed):
                _, join = heapq.heappop(self.pinned[machine])
                self._start(machine, self._join(machine, join))
            self.claimed.clear()
        while self.ready:
            machine = self._pop_idle()
            if machine is None:
                break
            _, join = heapq.heappop(self.ready)
            self._start(machine, self._join(machine, join))
        if self.wrap_ready:
            machine = self._pop_idle()
            if machine is not None:
                self.wrap_ready = False
                self._start(machine, self._wrap(machine))

    def _pop_idle(self) -> int | None:
        """The machine free longest (lowest index on ties), or ``None``."""
        while self.idle:
            _, machine, token = heapq.heappop(self.idle)
            if not self.busy[machine] and token == self.token[machine]:
                return machine
        return None

    def _start_segment(self, machine: int) -> None:
        segment = self.started
        self.started += 1
        self._start(machine, self._segment(machine, segment))

    def _start(self, machine: int, task: Step) -> None:
        self.busy[machine] = True
        self.token[machine] += 1
        self.env.process(task)

    def _free(self, machine: int) -> None:
        self.busy[machine] = False
        self.token[machine] += 1
        if self.env.now != self.instant_time:
            self.instant, self.instant_time = self.instant + 1, self.env.now
        heapq.heappush(self.idle, (self.instant, machine, self.token[machine]))
        if self.one_local and self.pinned[machine]:
            self.claimed.add(machine)
        self.request_dispatch()

    # -- items -------------------------------------------------------------------------------

    def _item_ready(self, node: int, holder: int) -> None:
        """A node's item exists (in the store or on ``holder``): its join may become ready."""
        self.holder[node] = holder
        parent = self.tree.parent[node]
        if parent is None:
            return
        join = parent - self.inputs.segments
        self.waiting[join] -= 1
        if self.waiting[join]:
            return
        key = self.tree.keys[join]
        if self.one_local:
            first = self.holder[self.tree.children[join][0]]
            assert first is not None and first != _IN_STORE
            heapq.heappush(self.pinned[first], (key, join))
            if not self.busy[first]:
                self.claimed.add(first)
        else:
            heapq.heappush(self.ready, (key, join))
        self.request_dispatch()

    # -- tasks -------------------------------------------------------------------------------

    def _segment(self, machine: int, segment: int) -> Step:
        inputs, x = self.inputs, self.x
        name = self.tree.name(segment)
        plan = self._receive(x.shipped, f"{name}: {inputs.shipped_kind}", store=True)
        plan.append(("prove", name, x.prove))
        if inputs.lift:
            plan.append(("lift", name, x.lift))
        yield from self._finish(machine, segment, name, plan)

    def _join(self, machine: int, join: int) -> Step:
        inputs = self.inputs
        node = inputs.segments + join
        name = self.tree.name(node)
        children = self.tree.children[join]
        plan: list[Any] = []
        for child in children[1:] if self.one_local else children:
            plan += self._receive(
                self.x.item, f"{name}: {self.tree.name(child)}", store=self.store_and_forward
            )
        plan.append(("join", name, self.x.join))
        yield from self._finish(machine, node, name, plan)

    def _finish(self, machine: int, node: int, name: str, plan: list[Any]) -> Step:
        """Run the task's ``plan``, then hand its item on: up to the store or kept here; the
        root goes out (delivered, wrapped) or waits in the store for the wrap."""
        inputs = self.inputs
        root = node == self.tree.root
        if self.store_and_forward:
            if inputs.network:
                plan.append(_Move("send", f"{name}: to the store", self.x.item, store=True))
        elif root:
            if inputs.network:
                plan.append(_Move("deliver", "root", self.x.item, store=False))
            if inputs.wrap:
                plan += self._wrap_and_deliver()
        yield from self._perform(machine, plan)
        holder = _IN_STORE if self.store_and_forward else machine
        if not root:
            self._item_ready(node, holder)
        else:
            self.holder[node] = holder
            if self.store_and_forward and inputs.wrap:
                self.wrap_ready = True
                self.request_dispatch()
            else:
                self.finished = True
        self._free(machine)

    def _wrap(self, machine: int) -> Step:
        """Store-and-forward's wrap: the root down from the store, wrapped, delivered."""
        plan = self._receive(self.x.item, "wrap: root", store=True)
        yield from self._perform(machine, plan + self._wrap_and_deliver())
        self.finished = True
        self._free(machine)

    def _wrap_and_deliver(self) -> list[Any]:
        plan: list[Any] = [("wrap", "wrap", self.x.wrap)]
        if self.inputs.network:
            plan.append(_Move("deliver", "wrap proof", self.x.wrap_proof, store=False))
        return plan

    def _receive(self, size: Number, label: str, *, store: bool) -> list[Any]:
        """Receiving ``size`` bytes, as a plan (nothing without a network)."""
        if not self.inputs.network:
            return []
        return [_Move("receive", label, size, store=store)]

    # -- steps -------------------------------------------------------------------------------

    def _perform(self, machine: int, plan: list[Any]) -> Step:
        """Run the steps of ``plan`` one after another on ``machine``, recording each.

        A step is ``(kind, label, duration)`` or a :class:`_Move`.  Steps of known length
        (and a move's latency, and a peer move's bytes) are waited for together, as one
        timeout: only a move through the store needs the store to say when it ends.
        """
        env, x, steps = self.env, self.x, self.steps[machine]
        began: Number = env.now
        at = began  # when the next step starts
        for step in plan:
            if type(step) is tuple:
                kind, label, duration = step
                steps.append((machine, kind, at, at + duration, label))
                at += duration
                continue
            start = at
            at += x.latency
            if step.store:
                if self.store is None:  # pragma: no cover - only a network plans such moves
                    raise RuntimeError("a move through the store in a run without a network")
                if at != env.now:
                    yield self._after(at - env.now)
                yield self.store.move(step.size)
                at = env.now
                self.through_store += step.size
            else:
                at += x.divide(step.size, x.link)
            steps.append((machine, step.kind, start, at, step.label))
            self.moved += step.size
            if step.kind == "receive":
                self.received[machine] += step.size
        if at != env.now:
            yield self._after(at - env.now)
        self.worked[machine] += at - began


def _float_divide(numerator: Number, denominator: Number) -> float:
    """Division in a float64 run, whose numbers are ints and floats (never an Exact)."""
    return float(cast(float, numerator)) / float(cast(float, denominator))


def run(inputs: ClusterInputs, tree: JoinTree, *, exact_numbers: bool = True) -> Run:
    """Simulate one run of the cluster to the end; returns every step and the bytes moved.

    ``exact_numbers=False`` runs in float64 (see :func:`costmodel.simulate`).
    """
    cluster = _Cluster(inputs, tree, exact_numbers)
    cluster.env.process(cluster.executor())
    cluster.env.run()
    if not cluster.finished:  # pragma: no cover - a bug, not a user's mistake
        raise RuntimeError("the simulation stopped before the root was out")
    x = cluster.x
    seconds = x.seconds
    ends = [x.execution, *(steps[-1][3] for steps in cluster.steps if steps)]
    return Run(
        steps=[
            (m, kind, seconds(start), seconds(end), label)
            for m, kind, start, end, label in (
                cluster.executed,
                *(step for steps in cluster.steps for step in steps),
            )
        ],
        wall_time=seconds(max(ends)),
        executor_time=seconds(x.execution),
        busy=[seconds(time) for time in cluster.worked],
        moved=to_fraction(cluster.moved),
        through_store=to_fraction(cluster.through_store),
        received=[to_fraction(size) for size in cluster.received],
        peak_store_transfers=cluster.store.peak if cluster.store is not None else 0,
    )
