"""Parallel folding (the seed note's sketch): fold each segment locally, then fold in a tree."""

from __future__ import annotations

import functools
from typing import Any

from costmodel.architectures.builder import tree_model
from costmodel.architectures.quantities import segment_witness
from costmodel.architectures.spec import Billing, Metric, Ship, Singletons, TreeOptions, TreeSpec
from costmodel.architectures.transfers import Transfer
from costmodel.functions import ceil, count_as
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["folding", "folding_spec"]


def folding(
    *,
    arity: Any = 2,
    transfer: Transfer = "store-and-forward",
    wrap: bool = False,
    ship: Ship = "snapshot",
    metric: Metric = "bytes",
    billing: Billing = "reserved",
    pipeline: bool = False,
    network: bool = True,
    singletons: Singletons = "carried",
) -> Model:
    """Each segment folded locally, folded witnesses folded together in a tree.

    - segment provers receive snapshots (or witnesses) as in :func:`recursive_stark`;
    - each splits its ``C·ρ·r`` witness into ``⌈C·ρ·r / W⌉`` chunks and folds them into
      one folded witness of ``W`` bytes, shipped with its instance ``I``;
    - the ``N`` folded witnesses are folded together through the same layered k-ary
      tree and transfer patterns as proofs are (a join is one fold, ``join_time``;
      ``singletons`` as in :func:`recursive_stark`);
    - ``wrap=True`` compresses the final folded instance into a SNARK of ``G`` bytes.

    Time and money models (``metric=``) read ``prove_rate`` as the rate of folding a
    segment locally; there is no lift.

    >>> from costmodel import presets, format_quantity
    >>> result = folding().evaluate(presets.load("seed-note"))
    >>> format_quantity(result.total), format_quantity(result.derived["chunks per segment"])
    ('53.997 GB', '1000 chunk/segment')
    """
    options = TreeOptions.check(
        arity=arity,
        transfer=transfer,
        wrap=wrap,
        ship=ship,
        metric=metric,
        billing=billing,
        pipeline=pipeline,
        network=network,
        singletons=singletons,
    )
    return tree_model(folding_spec(options), options)


@functools.lru_cache(maxsize=1024)  # immutable: one per options, as the models
def folding_spec(options: TreeOptions) -> TreeSpec:
    """What :func:`folding` ships and how its phases read."""
    # each segment's witness cut into W-sized chunks: a count per segment, named as chunks
    chunks = count_as(ceil(segment_witness() / symbol("folded_witness_size")), "chunk/segment")
    return TreeSpec(
        name="folding",
        description="segments folded locally, folded witnesses folded in a k-ary tree",
        item=symbol("folded_witness_size") + symbol("folded_instance_size"),
        item_unit="",
        leaf_term="folded witnesses",
        root_term="final witness",
        work="segment folding",
        derived={"chunks per segment": chunks},
    )
