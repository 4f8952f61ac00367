"""What a tree architecture is made of, and the options every one of them takes.

A :class:`TreeSpec` says what an architecture ships through its tree (a proof, a folded
witness, a PCD node) and what its phases are called; :class:`TreeOptions` holds the
options, each checked once: the arity, what becomes of a layer's last single item, the
transfer pattern, the wrap, what provers receive, and the metric (with the metric's own
options).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NoReturn, cast

import sympy

from costmodel.architectures.transfers import Transfer, check_transfer
from costmodel.errors import OptionError, check_choice, check_flag
from costmodel.symbols import VOCABULARY, symbol
from costmodel.sympy_calls import integer
from costmodel.trees import GroupJoins, GroupJoinWaves, JoinWaves, TreeJoins

__all__ = [
    "BILLINGS",
    "METRICS",
    "METRIC_UNITS",
    "SHIP_OPTIONS",
    "SINGLETONS",
    "Billing",
    "Metric",
    "Ship",
    "Singletons",
    "TreeOptions",
    "TreeSpec",
]

Metric = Literal["bytes", "wall_time", "machine_time", "dollars", "peak_memory"]
Billing = Literal["reserved", "per-use"]
Ship = Literal["snapshot", "witness"]
Singletons = Literal["carried", "proved"]

#: What a model measures: bytes moved, seconds from request to final proof,
#: machine-seconds of work, dollars, or the bytes one prover machine must hold.
METRICS: tuple[Metric, ...] = ("bytes", "wall_time", "machine_time", "dollars", "peak_memory")
#: The unit each metric's model totals in.
METRIC_UNITS: Mapping[Metric, str] = {
    "bytes": "byte",
    "wall_time": "second",
    "machine_time": "machine*second",
    "dollars": "USD",
    "peak_memory": "byte/machine",
}
#: ``reserved``: the cluster's machines paid for the whole wall time (the convention of
#: public per-proof cost dashboards); ``per-use``: each machine-second of work paid.
BILLINGS: tuple[Billing, ...] = ("reserved", "per-use")
#: What each segment prover receives: a memory snapshot, or its segment's witness.
SHIP_OPTIONS: tuple[Ship, ...] = ("snapshot", "witness")
#: What becomes of a layer's last single item: ``carried`` up unjoined (RISC Zero's and
#: the seed note's trees), or ``proved`` alone, a join of one child, so that each layer
#: is all proofs of that layer (OpenVM's internal layers).
SINGLETONS: tuple[Singletons, ...] = ("carried", "proved")

_TIMED: frozenset[str] = frozenset({"wall_time", "machine_time", "dollars"})


class ReadOnlyDict(dict[str, sympy.Expr]):
    """A dict that refuses changes (a shared spec's derived values), and that pickles,
    copies and converts (``dataclasses.asdict``) as a dict does."""

    def _refuse(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a tree spec's derived values are read-only")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> tuple[type[ReadOnlyDict], tuple[dict[str, sympy.Expr]]]:
        return (type(self), (dict(self),))


@dataclass(frozen=True)
class TreeSpec:
    """One tree architecture: what it ships and how its phases read.

    ``item`` is the size of one item shipped through the tree (bytes, or bytes per
    ``item_unit``); ``leaf_term``/``root_term`` name the leaves' trip to the store and
    the root's delivery; ``work`` names the per-segment work; ``lift`` says whether each
    segment's proof is lifted before joining (recursive STARKs) or not (folding).
    """

    name: str
    description: str
    item: sympy.Expr
    item_unit: str
    leaf_term: str
    root_term: str
    work: str = "segment proving"
    lift: bool = False
    # left out of the hash (a dict has none), still compared: equal specs hash alike
    derived: Mapping[str, sympy.Expr] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # read-only: a spec is built once per options and shared (see folding_spec)
        object.__setattr__(self, "derived", ReadOnlyDict(self.derived))

    @property
    def item_bytes(self) -> sympy.Expr:
        """One item in bytes (the per-item unit multiplied out)."""
        from costmodel.functions import count_as

        if not self.item_unit:
            return self.item
        return cast(sympy.Expr, count_as(sympy.S.One, self.item_unit) * self.item)


@dataclass(frozen=True)
class TreeOptions:
    """The options of a tree architecture, checked; build with :meth:`check`."""

    arity: sympy.Expr
    fixed_arity: int | None
    transfer: Transfer
    wrap: bool
    ship: Ship
    metric: Metric
    billing: Billing
    pipeline: bool
    network: bool
    singletons: Singletons = "carried"

    @classmethod
    def check(
        cls,
        *,
        arity: Any,
        transfer: Any,
        wrap: Any,
        ship: Any,
        metric: Any,
        billing: Any,
        pipeline: Any,
        network: Any,
        singletons: Any = "carried",
    ) -> TreeOptions:
        """Every option checked, with an :class:`OptionError` naming a wrong one.

        Options that do not apply to the metric must keep their defaults (a bytes model
        has no billing), so a mistyped intention is never silently ignored.
        """
        check_choice("metric", metric, METRICS)
        check_choice("billing", billing, BILLINGS)
        check_choice("ship", ship, SHIP_OPTIONS)
        check_choice("singletons", singletons, SINGLETONS)
        for name, value in (("wrap", wrap), ("pipeline", pipeline), ("network", network)):
            check_flag(name, value)
        if billing != "reserved" and metric != "dollars":
            raise OptionError(f"billing applies to metric='dollars', not {metric!r}")
        if pipeline and metric not in _TIMED:
            raise OptionError(f"pipeline applies to time and money metrics, not {metric!r}")
        if not network and metric not in _TIMED:
            raise OptionError(f"network=False applies to time and money metrics, not {metric!r}")
        k, fixed = _arity(arity)
        return cls(
            arity=k,
            fixed_arity=fixed,
            transfer=check_transfer(transfer),
            wrap=wrap,
            ship=ship,
            metric=metric,
            billing=billing,
            pipeline=pipeline,
            network=network,
            singletons=singletons,
        )

    def joins(self, leaves: sympy.Expr) -> sympy.Expr:
        """The tree's joins over ``leaves``: ``J_k(N)``, or ``Ĵ_k(N)`` when single items
        are proved."""
        kind = GroupJoins if self.singletons == "proved" else TreeJoins
        return cast(sympy.Expr, kind(leaves, self.arity))

    def join_waves(self, leaves: sympy.Expr, machines: sympy.Expr) -> sympy.Expr:
        """Waves of the tree's joins, each layer's run ``machines`` at a time."""
        kind = GroupJoinWaves if self.singletons == "proved" else JoinWaves
        return cast(sympy.Expr, kind(leaves, self.arity, machines))

    def recorded(self, **extra: Any) -> dict[str, Any]:
        """The options a model records: the arity first when fixed, the tree's options, the
        architecture's own (``extra``), then the metric's, only where they differ from bytes."""
        options: dict[str, Any] = {} if self.fixed_arity is None else {"arity": self.fixed_arity}
        options.update(extra)
        options.update(transfer=self.transfer, wrap=self.wrap, ship=self.ship)
        if self.singletons != "carried":
            options["singletons"] = self.singletons
        if self.metric != "bytes":
            options["metric"] = self.metric
        if self.metric == "dollars":
            options["billing"] = self.billing
        if self.metric in _TIMED:
            options.update(pipeline=self.pipeline, network=self.network)
        return options


def _arity(arity: Any) -> tuple[sympy.Expr, int | None]:
    """The arity as it enters formulas, and its fixed value (``None``: left symbolic).

    A fixed arity goes through the same checks as a value given later: a whole number,
    at least 2.
    """
    if arity is None:
        return symbol("arity"), None
    value = VOCABULARY["arity"].exact_value(arity)
    return integer(int(value)), int(value)
