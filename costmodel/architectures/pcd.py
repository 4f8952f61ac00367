"""A Paranova / PCD tree: folding in a k-ary tree whose items are whole PCD nodes.

In parallel Nova (Paranova; Nexus's ``PCDNode``) a node proving a range of steps holds
the running instance-witness pairs on both curves and the incoming instance-witness
pair, and two nodes are folded into their parent.  Here each segment prover folds its
segment locally into one node and ships it; nodes then meet in the same layered k-ary
tree, with the same transfer patterns, as the STARK tree's proofs
(:func:`costmodel.recursive_stark`).

A node weighs the witnesses of a folded-state accounting
(:data:`costmodel.WITNESS_ACCOUNTINGS`) plus the instances shipped beside them
(``folded_instance_size``: commitments and a few scalars).

Worked example, Nexus-sized nodes (580,000 and 3,000 constraints, variables taken equal,
32 B per element, instances not counted): a ``nova-cyclefold`` node holds
``3 · 580,000 + 2 · 3,000 = 1,746,000`` elements, 55.872 MB; 1000 segments through a
binary store-and-forward tree ship ``1000 + 1998 + 999 = 3997`` nodes.
"""

from __future__ import annotations

import functools
from typing import Any

from costmodel.architectures.accounting import Accounting, witness_accounting
from costmodel.architectures.builder import tree_model
from costmodel.architectures.spec import Billing, Metric, Ship, Singletons, TreeOptions, TreeSpec
from costmodel.architectures.transfers import Transfer
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["pcd_node", "pcd_tree", "pcd_tree_spec"]


def pcd_node(*, accounting: Accounting = "nova-cyclefold") -> Model:
    """One PCD node in bytes: the accounting's witnesses and the node's instances.

    Nexus's node (nexus-xyz/nexus-zkvm ``nova/src/circuits/nova/pcd/mod.rs``, commit
    0f8da4d1) is ``PCDNode { i, j, z_i, z_j, U, W, U_secondary, W_secondary, u, w }``:
    the ``nova-cyclefold`` accounting's three witnesses and three instances.

    >>> from costmodel import format_quantity
    >>> node = pcd_node(accounting="relaxed-r1cs")
    >>> values = {"primary_constraints": "10000 gate", "primary_variables": "10000 felt",
    ...           "serialized_element_size": "32 B/felt", "folded_instance_size": "0 B"}
    >>> format_quantity(node.evaluate(values).total)
    '640 kB'
    """
    witnesses = witness_accounting(accounting=accounting)
    terms = {**witnesses.labelled_terms, "instances": symbol("folded_instance_size")}
    return Model.build(
        "pcd_node",
        terms,
        options={"accounting": accounting},
        description=f"a PCD node: {accounting} witnesses and the node's instances",
    )


def pcd_tree(
    *,
    accounting: Accounting = "nova-cyclefold",
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
    """Each segment folded into a PCD node, nodes folded together in a tree.

    - segment provers receive snapshots (or witnesses) as in :func:`recursive_stark`;
    - each folds its segment into one PCD node (:func:`pcd_node` under ``accounting``);
    - the ``N`` nodes are folded together through a layered ``arity``-ary tree moved
      by ``transfer`` (``store-and-forward``, ``peer-both``, ``peer-one-local``);
    - ``wrap=True`` compresses the root into a SNARK of ``G`` bytes.

    ``singletons``, ``metric`` and its options as in :func:`recursive_stark`.

    >>> from costmodel import format_quantity
    >>> values = {"total_cycles": "1e9 cycle", "segment_cycles": "1e6 cycle/segment",
    ...           "snapshot_size": "50 MB/segment", "arity": 2,
    ...           "primary_constraints": "10000 gate", "primary_variables": "10000 felt",
    ...           "serialized_element_size": "32 B/felt", "folded_instance_size": "0 B"}
    >>> result = pcd_tree(accounting="relaxed-r1cs").evaluate(values)
    >>> [format_quantity(q) for q in result.terms.values()]
    ['50 GB', '640 MB', '1.91808 GB']
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
    return tree_model(pcd_tree_spec(options, accounting), options, accounting=accounting)


@functools.lru_cache(maxsize=1024)  # immutable: one per options, as the models
def pcd_tree_spec(options: TreeOptions, accounting: Accounting = "nova-cyclefold") -> TreeSpec:
    """What :func:`pcd_tree` ships (nodes of ``accounting``) and how its phases read."""
    node = pcd_node(accounting=accounting).labelled_total
    return TreeSpec(
        name="pcd_tree",
        description="segments folded into PCD nodes, nodes folded in a k-ary tree",
        item=node,
        item_unit="",
        leaf_term="nodes up",
        root_term="final node",
        work="segment folding",
        derived={"node size": node},
    )
