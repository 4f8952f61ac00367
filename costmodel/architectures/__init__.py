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
from costmodel.architectures.folding import folding
from costmodel.architectures.pcd import pcd_node, pcd_tree
from costmodel.architectures.recursive import recursive_stark
from costmodel.architectures.spec import (
    BILLINGS,
    METRIC_UNITS,
    METRICS,
    SHIP_OPTIONS,
    TreeOptions,
    TreeSpec,
)
from costmodel.architectures.transfers import TRANSFER_PATTERNS, transfer_counts
from costmodel.architectures.verifier import verifier_witness_bound
from costmodel.model import Model
from costmodel.trees import layered_joins

__all__ = [
    "ARCHITECTURES",
    "BILLINGS",
    "METRICS",
    "METRIC_UNITS",
    "SHIP_OPTIONS",
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
