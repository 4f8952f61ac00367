"""The architectures: plain functions returning :class:`~costmodel.model.Model` objects."""

from costmodel.architectures.folding import folding
from costmodel.architectures.recursive import recursive_stark
from costmodel.architectures.tree import TRANSFER_PATTERNS, layered_joins
from costmodel.architectures.verifier import verifier_witness_bound

__all__ = [
    "ARCHITECTURES",
    "TRANSFER_PATTERNS",
    "folding",
    "layered_joins",
    "recursive_stark",
    "verifier_witness_bound",
]

#: CLI name -> architecture function.
ARCHITECTURES = {
    "recursive-stark": recursive_stark,
    "folding": folding,
    "verifier-witness-bound": verifier_witness_bound,
}
