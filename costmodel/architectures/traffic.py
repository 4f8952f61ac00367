"""The bytes metric: what crosses the network, term by term (the seed note's accounting).

Segment provers receive ``N`` snapshots (or witnesses); the tree's items then move by the
transfer pattern (:mod:`costmodel.architectures.transfers`); a wrap adds the SNARK.
"""

from __future__ import annotations

from typing import cast

import sympy

from costmodel.architectures.quantities import leaves, segment_count, shipped_per_segment
from costmodel.architectures.spec import TreeOptions, TreeSpec
from costmodel.architectures.transfers import transfer_counts
from costmodel.functions import count_as
from costmodel.symbols import symbol

__all__ = ["traffic_terms"]


def traffic_terms(
    spec: TreeSpec, options: TreeOptions
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (bytes) and derived counts of one run of the architecture."""
    kind, per_segment = shipped_per_segment(options.ship)
    plural = {"snapshot": "snapshots", "witness": "witnesses"}[kind]
    terms: dict[str, sympy.Expr] = {plural: segment_count() * per_segment}
    n = leaves()
    joins = options.joins(n)
    counts = transfer_counts(n, joins, options.transfer)

    def shipped(count: sympy.Expr) -> sympy.Expr:
        if spec.item_unit:
            return cast(sympy.Expr, count_as(count, spec.item_unit) * spec.item)
        return cast(sympy.Expr, count * spec.item)

    if options.transfer == "store-and-forward":
        terms[spec.leaf_term] = shipped(counts["leaves up"])
        terms["aggregation"] = shipped(counts["to joiners"] + counts["joins up"])
    else:
        terms["aggregation"] = shipped(counts["to joiners"])
        terms[spec.root_term] = shipped(counts["root delivered"])
    if options.wrap:
        wrap_size = symbol("wrap_proof_size")
        terms["wrap"] = (
            shipped(sympy.S.One) + wrap_size
            if options.transfer == "store-and-forward"
            else wrap_size
        )
    derived = {
        "segments": segment_count(),
        **spec.derived,
        "joins": joins,
        "items shipped": sum(counts.values(), sympy.S.Zero),
    }
    return terms, derived
