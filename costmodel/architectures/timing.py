r"""The time metrics: wall time from request to final proof, and machine time of all work.

The cluster, as both the closed forms here and the simulation
(:func:`costmodel.simulate`) read it:

- a serial **executor** runs the ``T`` cycles at ``R_e`` and cuts ``N = ⌈T/C⌉`` segments;
  without ``pipeline`` proving starts when execution ends, with it each segment is handed
  out as soon as it is executed;
- ``M`` **machines** each do one task at a time: a segment (receive its snapshot or
  witness, prove ``C`` cycles at ``R_p`` (traces are padded), lift, and with
  store-and-forward send its proof to the store), a join (receive its children, join,
  send the result), the wrap; a free machine takes a waiting segment before a join;
- every **transfer** of ``b`` bytes takes ``λ + b / rate``: a machine receives one
  transfer at a time over its link (``B_link``); transfers through the **store** also
  share its bandwidth ``B_store`` equally, so ``n`` of them at once move at
  ``min(B_link, B_store / n)`` each.  Peer transfers do not touch the store.

``wall_time`` is the makespan of the level-synchronous schedule: ``W = ⌈N/M⌉`` waves of
segments, then the tree's joins layer by layer, ``W_k(N, M)`` waves of them
(:class:`~costmodel.trees.JoinWaves`; the depth ``⌈log_k N⌉`` once ``M`` is large), each
join receiving ``k`` children (``k - 1`` when it holds one), with every transfer charged as
if ``min(M, N)`` transfers shared the store.  Against the simulated (dataflow) schedule,
checked by property tests over thousands of random clusters, it is

- **exact** without pipelining when ``M >= N``, ``N`` is a power of ``k`` and the store never
  limits a transfer (``B_store >= min(M, N) · B_link``, or ``network=False``);
- an **upper bound** without pipelining for ``store-and-forward`` and ``peer-both`` at any
  ``M``, and for ``peer-one-local`` when ``M >= N``: partial joins, idle machines and
  joins overlapping the last wave of segments only make the dataflow schedule finish
  earlier, and no transfer shares the store with more than ``min(M, N) - 1`` others;
- only an **estimate** for ``peer-one-local`` with ``M < N``: a join must run on the machine
  holding its first child, so several joins can queue on one machine while others idle
  (7 segments on 2 machines, binary, 1 s tasks: 16 s simulated against 15 s).

With ``pipeline=True`` the segment phase is the finish of segments handed out at
``min((i + 1) C, T) / R_e`` to machines taking them in order (each segment task ``τ``
long): ``min(T/R_e + W τ, max(T/R_e + τ, (N - M) C/R_e + 2τ, N_last C/R_e + W τ))``
with ``N_last = N - (W - 1) M``.  When ``M >= N`` it is ``T/R_e + τ``, the same as without
pipelining: the last segment leaves the executor at ``T/R_e`` either way, and the closed
form charges its transfers as if the store were shared by every machine, an upper bound
(pipelining spreads the transfers out, which the simulation shows and this cannot).  With
``M < N`` it is only an estimate: a join may take the machine a later segment needed
(folding, peer-both, 4 segments on 2 machines: 4.676 s simulated against 4.598 s).  Where the
closed form is not a bound, :func:`costmodel.simulate` is the ground truth.

``machine_time`` is the sum of every task's duration (the executor's too), transfers at
the rate they have alone: exact when the store never limits a transfer (or without a
network), a lower bound otherwise (sharing the store only stretches transfers).

With one machine, no pipelining and no network, wall time equals machine time.
"""

from __future__ import annotations

from typing import cast

import sympy

from costmodel.architectures.quantities import (
    concurrent_transfers,
    leaves,
    machine_count,
    one,
    segment_count,
    shipped_per_segment,
    waves,
)
from costmodel.architectures.spec import TreeOptions, TreeSpec
from costmodel.architectures.transfers import received_per_join, through_store, transfer_counts
from costmodel.functions import count_as, maximum, minimum
from costmodel.symbols import symbol
from costmodel.trees import TreeDepth

__all__ = ["link_time", "machine_time_terms", "store_time", "wall_time_terms"]


def store_time(size: sympy.Expr, flows: sympy.Expr) -> sympy.Expr:
    """``λ + b · max(1/B_link, n/B_store)``: ``b`` bytes through the store, ``n`` at once."""
    link, store = symbol("link_bandwidth"), symbol("store_bandwidth")
    return cast(sympy.Expr, symbol("link_latency") + size * maximum(1 / link, flows / store))


def link_time(size: sympy.Expr) -> sympy.Expr:
    """``λ + b / B_link``: ``b`` bytes from a peer, over the receiving machine's link."""
    return cast(sympy.Expr, symbol("link_latency") + size / symbol("link_bandwidth"))


class _Path:
    """Transfer times of one architecture's items (zero without a network)."""

    def __init__(self, spec: TreeSpec, options: TreeOptions, flows: sympy.Expr) -> None:
        self.spec, self.options, self.flows = spec, options, flows
        self.kind, per_segment = shipped_per_segment(options.ship)
        self.shipped = per_segment * one("segment")
        self.item = spec.item_bytes

    def store(self, size: sympy.Expr) -> sympy.Expr:
        return store_time(size, self.flows) if self.options.network else sympy.S.Zero

    def link(self, size: sympy.Expr) -> sympy.Expr:
        return link_time(size) if self.options.network else sympy.S.Zero

    def received(self) -> sympy.Expr:
        """One item arriving at a joiner: from the store, or from a peer."""
        store = through_store(self.options.transfer)
        return self.store(self.item) if store else self.link(self.item)


def _segment_task(spec: TreeSpec, options: TreeOptions, path: _Path) -> sympy.Expr:
    """``τ``: one segment on one machine, from receiving its input to sending its proof."""
    task: sympy.Expr = path.store(path.shipped) + _prove_one()
    if spec.lift:
        task += symbol("lift_time") * one("segment")
    if through_store(options.transfer):
        task += path.store(path.item)
    return task


def _prove_one() -> sympy.Expr:
    """``C / R_p``: one segment on one machine (the trace padded to the full segment)."""
    return cast(
        sympy.Expr, symbol("segment_cycles") / symbol("prove_rate") * one("segment/machine")
    )


def _pipelined_segments(task: sympy.Expr) -> sympy.Expr:
    n, m, w = leaves(), machine_count(), waves()
    execution = symbol("total_cycles") / symbol("execution_rate")
    per_segment = symbol("segment_cycles") / symbol("execution_rate") * one("segment")
    last_wave = n - (w - 1) * m
    chains = maximum(
        execution + task, (n - m) * per_segment + 2 * task, last_wave * per_segment + w * task
    )
    return minimum(execution + w * task, chains)


def _tree_and_root(
    spec: TreeSpec, options: TreeOptions, path: _Path, join_waves: sympy.Expr
) -> dict[str, sympy.Expr]:
    """The tree's transfers and joins, in waves, and the root's way out."""
    terms: dict[str, sympy.Expr] = {}
    per_join = received_per_join(options.transfer, options.arity) * path.received()
    if through_store(options.transfer):
        per_join += path.store(path.item)
    if options.network:
        terms["tree transfers"] = join_waves * per_join
    terms["joins"] = count_as(join_waves, "join") * symbol("join_time")
    if options.network and not through_store(options.transfer):
        terms[spec.root_term] = path.link(path.item)
    if options.wrap:
        root_down = path.store(path.item) if through_store(options.transfer) else sympy.S.Zero
        terms["wrap"] = root_down + symbol("wrap_time") + path.link(symbol("wrap_proof_size"))
    return terms


def wall_time_terms(
    spec: TreeSpec, options: TreeOptions
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (seconds) of the level-synchronous schedule; see the module docstring."""
    n, k, m = leaves(), options.arity, machine_count()
    path = _Path(spec, options, concurrent_transfers())
    w = waves()
    join_waves = options.join_waves(n, m)
    terms: dict[str, sympy.Expr] = {}
    if options.pipeline:
        terms["execution and segments (pipelined)"] = _pipelined_segments(
            _segment_task(spec, options, path)
        )
    else:
        terms["execution"] = symbol("total_cycles") / symbol("execution_rate")
        if options.network:
            terms[f"{path.kind} distribution"] = w * path.store(path.shipped)
        terms[spec.work] = w * _prove_one()
        if spec.lift:
            terms["lift"] = w * symbol("lift_time") * one("segment")
        if options.network and through_store(options.transfer):
            terms[f"{spec.leaf_term} to the store"] = w * path.store(path.item)
    terms.update(_tree_and_root(spec, options, path, join_waves))
    derived = {
        "segments": segment_count(),
        "waves of segments": w,
        "tree depth": TreeDepth(n, k),
        "waves of joins": join_waves,
    }
    return terms, derived


def machine_time_terms(
    spec: TreeSpec, options: TreeOptions
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (machine-seconds): every task's duration, transfers at their rate alone."""
    n = leaves()
    path = _Path(spec, options, sympy.S.One)
    machine = one("machine")
    joins = options.joins(n)
    terms: dict[str, sympy.Expr] = {
        "execution": symbol("total_cycles") / symbol("execution_rate") * machine
    }
    if options.network:
        terms[f"{path.kind} distribution"] = n * path.store(path.shipped) * machine
    terms[spec.work] = segment_count() * symbol("segment_cycles") / symbol("prove_rate")
    if spec.lift:
        terms["lift"] = segment_count() * symbol("lift_time") * machine
    if options.network:
        counts = transfer_counts(n, joins, options.transfer)
        moved = sum(counts.values(), sympy.S.Zero)
        one_item = (
            path.store(path.item) if through_store(options.transfer) else path.link(path.item)
        )
        terms["tree transfers"] = moved * one_item * machine
    terms["joins"] = count_as(joins, "join") * symbol("join_time") * machine
    if options.wrap:
        root_down = path.store(path.item) if through_store(options.transfer) else sympy.S.Zero
        wrap = root_down + symbol("wrap_time") + path.link(symbol("wrap_proof_size"))
        terms["wrap"] = wrap * machine
    derived = {"segments": segment_count(), "joins": joins}
    return terms, derived
