"""Pieces every architecture shares: segments, what is shipped to provers, arity, options."""

from __future__ import annotations

from typing import Any

import sympy

from costmodel.errors import OptionError, did_you_mean
from costmodel.functions import ceil, count_as
from costmodel.symbols import VOCABULARY, symbol

__all__ = [
    "SHIP_OPTIONS",
    "aggregation_terms",
    "arity_symbol",
    "check_choice",
    "check_flag",
    "leaves",
    "segment_count",
    "segment_witness",
    "shipped_to_provers",
    "tree_options",
]

SHIP_OPTIONS: tuple[str, ...] = ("snapshot", "witness")


def check_choice(option: str, value: Any, choices: tuple[str, ...]) -> str:
    """``value`` if it is one of ``choices``, else an :class:`OptionError` naming them."""
    if value not in choices:
        raise OptionError(
            f"{option}: unknown choice {value!r}{did_you_mean(str(value), choices)}; "
            f"expected one of {', '.join(choices)}"
        )
    return value


def check_flag(option: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False``, else an :class:`OptionError`."""
    if not isinstance(value, bool):
        raise OptionError(f"{option}: expected True or False, got {value!r}")
    return value


def tree_options(fixed_arity: int | None, **options: Any) -> dict[str, Any]:
    """The options a tree model records: the arity first when it is fixed, then the rest."""
    return options if fixed_arity is None else {"arity": fixed_arity, **options}


def arity_symbol(arity: Any) -> tuple[sympy.Expr, int | None]:
    """The arity as it enters formulas, and its fixed value (``None``: left symbolic).

    A fixed arity goes through the same checks as a value given later: a whole
    number, at least 2.
    """
    if arity is None:
        return symbol("arity"), None
    value = VOCABULARY["arity"].exact_value(arity)
    return sympy.Integer(int(value)), int(value)


def segment_count() -> sympy.Expr:
    """``N = ⌈T / C⌉`` segments: a partial last segment is still shipped and proven."""
    return ceil(symbol("total_cycles") / symbol("segment_cycles"))


def segment_witness() -> sympy.Expr:
    """``C · ρ · r``: the witness of one segment, in bytes per segment."""
    return symbol("segment_cycles") * symbol("rows_per_cycle") * symbol("row_size")


def shipped_to_provers(ship: str) -> tuple[str, sympy.Expr]:
    """The term for what each segment prover receives: a snapshot, or its witness itself."""
    check_choice("ship", ship, SHIP_OPTIONS)
    segments = segment_count()
    if ship == "snapshot":
        return "snapshots", segments * symbol("snapshot_size")
    return "witnesses", segments * segment_witness()


def leaves() -> sympy.Expr:
    """The segment count as a pure number, the leaves of the aggregation tree."""
    return count_as(segment_count(), "")


def aggregation_terms(
    item_size: sympy.Expr,
    count_unit: str,
    *,
    arity: sympy.Expr,
    transfer: str,
    wrap: bool,
    leaf_term: str,
    root_term: str,
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (bytes) and derived counts of shipping items through the aggregation tree.

    ``item_size`` is what one item weighs (``P + o`` per proof, ``W + I`` per folded
    witness); ``count_unit`` is what an item is counted in (``"proof"``, or ``""``
    for a witness whose size has no per-unit).
    """
    from costmodel.architectures.tree import TreeJoins, transfer_counts

    n = leaves()
    joins = TreeJoins(n, arity)
    counts = transfer_counts(n, joins, transfer)

    def shipped(count: sympy.Expr) -> sympy.Expr:
        return count_as(count, count_unit) * item_size if count_unit else count * item_size

    terms: dict[str, sympy.Expr] = {}
    if transfer == "store-and-forward":
        terms[leaf_term] = shipped(counts["leaves up"])
        terms["aggregation"] = shipped(counts["to joiners"] + counts["joins up"])
    else:
        terms["aggregation"] = shipped(counts["to joiners"])
        terms[root_term] = shipped(counts["root delivered"])
    if wrap:
        wrap_size = symbol("wrap_proof_size")
        terms["wrap"] = (
            shipped(sympy.S.One) + wrap_size if transfer == "store-and-forward" else wrap_size
        )
    shipments = sum(counts.values(), sympy.S.Zero)
    derived = {"joins": joins, "items shipped": shipments}
    return terms, derived
