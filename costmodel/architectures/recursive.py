"""Recursive STARK proving (the seed note's Bonsai): segments, proofs, an aggregation tree."""

from __future__ import annotations

from typing import Any

from costmodel.architectures.common import (
    aggregation_terms,
    arity_symbol,
    check_choice,
    check_flag,
    segment_count,
    segment_witness,
    shipped_to_provers,
    tree_options,
)
from costmodel.architectures.tree import TRANSFER_PATTERNS
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["recursive_stark"]


def recursive_stark(
    *,
    arity: Any = 2,
    transfer: str = "store-and-forward",
    wrap: bool = False,
    ship: str = "snapshot",
) -> Model:
    """Bytes moved to prove ``T`` cycles with segment STARKs joined in a k-ary tree.

    - each of the ``N = ⌈T/C⌉`` segment provers receives a memory snapshot ``S``
      (``ship="snapshot"``) or the segment's witness ``C·ρ·r`` (``ship="witness"``);
    - each segment proof (``P + o`` with its receipt metadata) enters a layered
      ``arity``-ary aggregation tree, moved by the ``transfer`` pattern
      (``store-and-forward``, ``peer-both``, ``peer-one-local``);
    - ``wrap=True`` adds a SNARK of ``G`` bytes around the final proof.

    ``arity=None`` leaves the arity as the symbol ``k``, to be given with the values.

    >>> from costmodel import presets, format_quantity
    >>> result = recursive_stark().evaluate(presets.load("seed-note"))
    >>> [format_quantity(q) for q in result.terms.values()]
    ['50 GB', '250 MB', '749.25 MB']
    """
    check_choice("transfer", transfer, TRANSFER_PATTERNS)
    check_flag("wrap", wrap)
    k, fixed_arity = arity_symbol(arity)
    ship_name, ship_expr = shipped_to_provers(ship)
    proof = symbol("proof_size") + symbol("receipt_overhead")
    tree_terms, tree_counts = aggregation_terms(
        proof,
        "proof",
        arity=k,
        transfer=transfer,
        wrap=wrap,
        leaf_term="segment proofs",
        root_term="final proof",
    )
    derived = {"segments": segment_count(), **tree_counts}
    if ship == "witness":
        derived["segment witness"] = segment_witness()
    options = tree_options(fixed_arity, transfer=transfer, wrap=wrap, ship=ship)
    return Model.build(
        "recursive_stark",
        {ship_name: ship_expr, **tree_terms},
        derived=derived,
        options=options,
        description="segment STARKs aggregated in a k-ary recursion tree",
    )
