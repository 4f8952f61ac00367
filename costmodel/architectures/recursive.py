"""Recursive STARK proving (the seed note's Bonsai): segments, proofs, an aggregation tree."""

from __future__ import annotations

import functools
from typing import Any

from costmodel.architectures.builder import tree_model
from costmodel.architectures.quantities import segment_witness
from costmodel.architectures.spec import Billing, Metric, Ship, Singletons, TreeOptions, TreeSpec
from costmodel.architectures.transfers import Transfer
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["recursive_stark", "recursive_stark_spec"]


def recursive_stark(
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
    """Segment STARKs joined in a k-ary tree: ``T`` cycles proven on a cluster.

    - each of the ``N = ⌈T/C⌉`` segment provers receives a memory snapshot ``S``
      (``ship="snapshot"``) or the segment's witness ``C·ρ·r`` (``ship="witness"``);
    - each segment proof (``P + o`` with its receipt metadata) is lifted and enters a
      layered ``arity``-ary aggregation tree, moved by the ``transfer`` pattern
      (``store-and-forward``, ``peer-both``, ``peer-one-local``); a layer's last single
      proof is carried up unjoined, or proved alone with ``singletons="proved"``;
    - ``wrap=True`` adds a SNARK of ``G`` bytes around the final proof.

    ``metric`` chooses what the model measures (:data:`~costmodel.architectures.METRICS`):
    ``bytes`` moved (the default), ``wall_time``, ``machine_time``, ``dollars`` (with
    ``billing``), ``peak_memory``; ``pipeline`` and ``network`` shape the time and money
    models (:mod:`costmodel.architectures.timing`).  ``arity=None`` leaves the arity as
    the symbol ``k``, to be given with the values.

    >>> from costmodel import presets, format_quantity
    >>> result = recursive_stark().evaluate(presets.load("seed-note"))
    >>> [format_quantity(q) for q in result.terms.values()]
    ['50 GB', '250 MB', '749.25 MB']
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
    return tree_model(recursive_stark_spec(options), options)


@functools.lru_cache(maxsize=1024)  # immutable: one per options, as the models
def recursive_stark_spec(options: TreeOptions) -> TreeSpec:
    """What :func:`recursive_stark` ships and how its phases read."""
    return TreeSpec(
        name="recursive_stark",
        description="segment STARKs aggregated in a k-ary recursion tree",
        item=symbol("proof_size") + symbol("receipt_overhead"),
        item_unit="proof",
        leaf_term="segment proofs",
        root_term="final proof",
        work="segment proving",
        lift=True,
        derived={"segment witness": segment_witness()} if options.ship == "witness" else {},
    )
