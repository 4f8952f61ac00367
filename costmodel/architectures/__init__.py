"""The architectures: plain functions returning :class:`~costmodel.model.Model` objects."""

from costmodel.architectures.accounting import WITNESS_ACCOUNTINGS, witness_accounting
from costmodel.architectures.folding import folding
from costmodel.architectures.pcd import pcd_node, pcd_tree
from costmodel.architectures.recursive import recursive_stark
from costmodel.architectures.tree import TRANSFER_PATTERNS, layered_joins
from costmodel.architectures.verifier import verifier_witness_bound

__all__ = [
    "ARCHITECTURES",
    "TRANSFER_PATTERNS",
    "WITNESS_ACCOUNTINGS",
    "folding",
    "layered_joins",
    "pcd_node",
    "pcd_tree",
    "recursive_stark",
    "verifier_witness_bound",
    "witness_accounting",
]

#: CLI name -> architecture function.
ARCHITECTURES = {
    "recursive-stark": recursive_stark,
    "folding": folding,
    "verifier-witness-bound": verifier_witness_bound,
    "witness-accounting": witness_accounting,
    "pcd-tree": pcd_tree,
}
