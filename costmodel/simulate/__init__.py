r"""The cluster, event by event: the ground truth the closed-form time models are checked on.

:func:`simulate` runs a tree architecture's model (:func:`~costmodel.recursive_stark`,
:func:`~costmodel.folding`, :func:`~costmodel.pcd_tree`, any metric) on a simulated
cluster with SimPy (the ``sim`` extra: ``pip install "costmodel[sim]"``), every time an
exact ``Fraction`` of a second.  The cluster is the one :mod:`costmodel.architectures.timing`
describes, without the closed forms' simplifications:

- the **executor** (a machine of its own, its busy time ``T/R_e`` counted in machine
  time) hands out all ``N = ⌈T/C⌉`` segments at ``T/R_e``, or with ``pipeline`` segment
  ``i`` at ``min((i + 1) C, T) / R_e``;
- ``M`` **machines** do one task at a time.  Scheduling is greedy dataflow: a free
  machine takes the lowest-index released segment not started, else the oldest ready
  join (by layer, then group) it may run, else it waits.  Under ``peer-one-local`` a join
  runs on the machine holding its first child; otherwise any free machine takes it.
  Machines freed at the same instant are seen free together; a task goes to the machine
  free longest (the lowest index on ties), and under ``peer-one-local`` segments go
  first to machines no ready join waits for;
- a **segment** task receives its snapshot or witness from the store, proves ``C/R_p``
  (the full ``C`` even for a short last segment), lifts (recursive STARKs) and, with
  store-and-forward, sends its item to the store;
- a **join** of ``m`` children (``2 <= m <= k``; a last single item is carried up
  unjoined, or with ``singletons="proved"`` joined alone, ``m = 1``) receives them one
  after another (from the store; from their holders under ``peer-both``; all but the
  first, which it holds, under ``peer-one-local``), joins for ``join_time`` and, with
  store-and-forward, sends the result to the store; otherwise the result stays on the
  joiner. The pattern fixes what is shipped: a child that happens to be on the joiner
  already is shipped all the same, as the bytes model counts it;
- the **root**: with store-and-forward it is done in the store, or with ``wrap`` a free
  machine downloads it, wraps it (``wrap_time``) and delivers the ``G``-byte proof; under
  the peer patterns its holder delivers it, then wraps and delivers ``G``;
- every **transfer** takes the latency ``λ``, then moves its bytes: at ``B_link`` between
  peers; through the store at ``min(B_link, B_store / n)`` with ``n`` store transfers
  moving bytes at once (:mod:`costmodel.simulate.store`).  A machine does its own
  transfers one after another.  With ``network=False`` there are no transfers.

``wall_time`` is when the last step ends (from the start of execution); ``machine_time``
is the executor's time plus every machine's busy time, transfers at their actual, shared,
duration.

Numbers are exact by default: times are counted in ticks of a common denominator of the
known durations, as ints where they can be and :class:`~costmodel.simulate.exact.Exact`
fractions otherwise (a shared store divides by the transfers sharing it), and come back
as ``Fraction`` seconds.  A store shared by many transfers makes those fractions long (a
thousand snapshots through a saturated store: denominators of 13,000 bits and minutes of
arithmetic), so ``exact=None`` (the default) runs exactly while at most
:data:`EXACT_TRANSFERS` transfers can share the store (``min(M, N)``), and in float64
beyond (``Simulation.exact`` says which; relative errors stay below 1e-12 in this model,
where every time is a sum of positive terms).  ``exact=True`` or ``False`` chooses.

Limits: a run of more than ``max_segments`` segments (:data:`MAX_SEGMENTS`, 10,000) or
``max_machines`` machines (:data:`MAX_MACHINES`, 100,000) is refused before anything is
simulated, so a call with the defaults finishes in seconds: 10^4 segments on 1000
machines take about 3 s, 100,000 machines for a few segments a second or two (the
tests run both bounds).  A larger ``max_segments=`` is the caller's choice; the time
grows about linearly (10^5 segments, about a minute).

``costmodel.simulate`` is this function; the classes import from the package:
``from costmodel.simulate import Simulation``.  Importing :mod:`costmodel` does not
import SimPy: only a call to :func:`simulate` does.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from fractions import Fraction
from types import ModuleType
from typing import Any

from costmodel.errors import OptionError
from costmodel.model import Model
from costmodel.simulate.inputs import MAX_MACHINES, MAX_SEGMENTS, ClusterInputs, cluster_inputs
from costmodel.simulate.result import KINDS, Interval, PerMachine, Simulation
from costmodel.simulate.tree import join_tree
from costmodel.units import Q_

__all__ = [
    "EXACT_TRANSFERS",
    "KINDS",
    "MAX_MACHINES",
    "MAX_SEGMENTS",
    "Interval",
    "PerMachine",
    "Simulation",
    "simulate",
]


def _cluster_module() -> ModuleType:
    """:mod:`costmodel.simulate.cluster`, which needs SimPy (imported here, not before)."""
    try:
        return importlib.import_module("costmodel.simulate.cluster")
    except ImportError as error:
        if error.name != "simpy":
            raise
        raise OptionError(
            'simulate needs SimPy, which is not installed: pip install "costmodel[sim]"'
        ) from None


#: With ``exact=None``, the most transfers that may share the store in an exact run.
EXACT_TRANSFERS = 512


def simulate(
    model: Model,
    values: Mapping[str, Any],
    *,
    max_segments: int = MAX_SEGMENTS,
    max_machines: int = MAX_MACHINES,
    exact: bool | None = None,
) -> Simulation:
    """Simulate one run of ``model``'s architecture at ``values`` (see the module docstring).

    ``model`` is a tree architecture's model of any metric; its options (arity, singletons,
    transfer pattern, wrap, ship, pipeline, network) shape the run, and ``values`` are checked by
    the same architecture's wall-time model (a missing or bad value is an error naming
    the parameter).  An arity the model leaves open comes from ``values``.

    >>> import costmodel
    >>> values = {
    ...     "total_cycles": "4 Mcycle", "segment_cycles": "1 Mcycle/segment",
    ...     "machines": "2 machine", "execution_rate": "4 Mcycle/s",
    ...     "prove_rate": "100 kcycle/(s*machine)", "join_time": "2 s/join",
    ... }
    >>> model = costmodel.folding(metric="wall_time", network=False)
    >>> run = costmodel.simulate(model, values)
    >>> costmodel.format_quantity(run.wall_time)
    '25 s'

    (execution 1 s; two waves of 10 s segments; the joins of the first layer side by side,
    then the root's: 1 + 20 + 2 + 2.)
    """
    inputs = cluster_inputs(model, values, max_segments=max_segments, max_machines=max_machines)
    if exact is None:
        exact = min(inputs.segments, inputs.machines) <= EXACT_TRANSFERS or not inputs.network
    elif not isinstance(exact, bool):
        raise OptionError(f"exact: expected True, False or None, got {exact!r}")
    cluster = _cluster_module()
    tree = join_tree(inputs.segments, inputs.arity, carry=inputs.carry)
    return _result(inputs, cluster.run(inputs, tree, exact_numbers=exact), exact)


def _result(inputs: ClusterInputs, run: Any, exact: bool) -> Simulation:
    return Simulation(
        exact=exact,
        architecture=inputs.architecture,
        transfer=inputs.transfer,
        segments=inputs.segments,
        machines=inputs.machines,
        arity=inputs.arity,
        wall_time=Q_(run.wall_time, "s"),
        machine_time=Q_(run.executor_time + sum(run.busy, Fraction(0)), "machine*s"),
        bytes_total=Q_(run.moved, "B"),
        store_bytes=Q_(run.through_store, "B"),
        bytes_by_machine=PerMachine(run.received, "B"),
        busy_by_machine=PerMachine(run.busy, "s"),
        schedule=tuple(Interval._make(step) for step in run.steps),
        peak_store_transfers=run.peak_store_transfers,
    )
