"""The architectures: plain functions returning :class:`~costmodel.model.Model` objects.

The tree architectures (:func:`recursive_stark`, :func:`folding`, :func:`pcd_tree`) share
one builder (:mod:`costmodel.architectures.builder`) and take ``metric=`` (bytes, wall
time, machine time, dollars, peak memory).  Adding an architecture is one module and one
entry in :data:`ARCHITECTURES`.
"""

from collections.abc import Callable, Mapping
from types import MappingProxyType

from costmodel.architectures.accounting import WITNESS_ACCOUNTINGS, witness_accounting
from costmodel.architectures.builder import tree_model
from costmodel.architectures.folding import folding, folding_spec
from costmodel.architectures.pcd import pcd_node, pcd_tree, pcd_tree_spec
from costmodel.architectures.recursive import recursive_stark, recursive_stark_spec
from costmodel.architectures.spec import (
    BILLINGS,
    METRIC_UNITS,
    METRICS,
    SHIP_OPTIONS,
    SINGLETONS,
    TreeOptions,
    TreeSpec,
)
from costmodel.architectures.transfers import TRANSFER_PATTERNS, transfer_counts
from costmodel.architectures.verifier import verifier_witness_bound
from costmodel.errors import OptionError
from costmodel.model import Model
from costmodel.trees import layered_joins

__all__ = [
    "ARCHITECTURES",
    "BILLINGS",
    "METRICS",
    "METRIC_UNITS",
    "SHIP_OPTIONS",
    "SINGLETONS",
    "TRANSFER_PATTERNS",
    "TREE_ARCHITECTURES",
    "WITNESS_ACCOUNTINGS",
    "TreeOptions",
    "TreeSpec",
    "folding",
    "layered_joins",
    "pcd_node",
    "pcd_tree",
    "recursive_stark",
    "spec_of",
    "transfer_counts",
    "tree_model",
    "verifier_witness_bound",
    "witness_accounting",
]

#: CLI name -> architecture function.
ARCHITECTURES: Mapping[str, Callable[..., Model]] = MappingProxyType(
    {
        "recursive-stark": recursive_stark,
        "folding": folding,
        "verifier-witness-bound": verifier_witness_bound,
        "witness-accounting": witness_accounting,
        "pcd-tree": pcd_tree,
    }
)

#: The architectures built on the shared tree builder (they take ``metric=``).
TREE_ARCHITECTURES: Mapping[str, Callable[..., Model]] = MappingProxyType(
    {name: ARCHITECTURES[name] for name in ("recursive-stark", "folding", "pcd-tree")}
)


def spec_of(model: Model) -> tuple[TreeSpec, TreeOptions]:
    """The spec and options a tree architecture's model was built from (any metric).

    For the simulation and for building the same architecture under another metric.

    >>> spec, options = spec_of(recursive_stark(arity=4, metric="wall_time"))
    >>> spec.name, options.arity, options.metric
    ('recursive_stark', 4, 'wall_time')
    """
    fixed = dict(model.options)
    if model.name not in ("recursive_stark", "folding", "pcd_tree") or "transfer" not in fixed:
        raise OptionError(
            f"{model.name!r} is not a tree architecture's model (recursive_stark, folding, "
            f"pcd_tree)"
        )
    options = TreeOptions.check(
        arity=fixed.get("arity"),
        transfer=fixed["transfer"],
        wrap=fixed["wrap"],
        ship=fixed["ship"],
        metric=fixed.get("metric", "bytes"),
        billing=fixed.get("billing", "reserved"),
        pipeline=fixed.get("pipeline", False),
        network=fixed.get("network", True),
        singletons=fixed.get("singletons", "carried"),
    )
    if model.name == "recursive_stark":
        return recursive_stark_spec(options), options
    if model.name == "folding":
        return folding_spec(options), options
    return pcd_tree_spec(options, fixed["accounting"]), options
