"""Parallel folding (the seed note's sketch): fold each segment locally, then fold in a tree."""

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
from costmodel.functions import ceil, count_as
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["folding"]


def folding(
    *,
    arity: Any = 2,
    transfer: str = "store-and-forward",
    wrap: bool = False,
    ship: str = "snapshot",
) -> Model:
    """Bytes moved when each segment is folded locally and folded witnesses meet in a tree.

    - segment provers receive snapshots (or witnesses) as in :func:`recursive_stark`;
    - each splits its ``C·ρ·r`` witness into ``⌈C·ρ·r / W⌉`` chunks and folds them into
      one folded witness of ``W`` bytes, shipped with its instance ``I``;
    - the ``N`` folded witnesses are folded together through the same layered k-ary
      tree and transfer patterns as proofs are;
    - ``wrap=True`` compresses the final folded instance into a SNARK of ``G`` bytes.

    >>> from costmodel import presets, format_quantity
    >>> result = folding().evaluate(presets.load("seed-note"))
    >>> format_quantity(result.total), format_quantity(result.derived["chunks per segment"])
    ('53.997 GB', '1000 chunk/segment')
    """
    check_choice("transfer", transfer, TRANSFER_PATTERNS)
    check_flag("wrap", wrap)
    k, fixed_arity = arity_symbol(arity)
    ship_name, ship_expr = shipped_to_provers(ship)
    witness = symbol("folded_witness_size") + symbol("folded_instance_size")
    tree_terms, tree_counts = aggregation_terms(
        witness,
        "",
        arity=k,
        transfer=transfer,
        wrap=wrap,
        leaf_term="folded witnesses",
        root_term="final witness",
    )
    derived = {
        "segments": segment_count(),
        # each segment's witness cut into W-sized chunks: a count per segment, named as chunks
        "chunks per segment": count_as(
            ceil(segment_witness() / symbol("folded_witness_size")), "chunk/segment"
        ),
        **tree_counts,
    }
    options = tree_options(fixed_arity, transfer=transfer, wrap=wrap, ship=ship)
    return Model.build(
        "folding",
        {ship_name: ship_expr, **tree_terms},
        derived=derived,
        options=options,
        description="segments folded locally, folded witnesses folded in a k-ary tree",
    )
