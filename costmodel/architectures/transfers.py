"""Transfer patterns: what moves over the network while N leaves are joined k at a time.

The joins themselves are counted in :mod:`costmodel.trees` (``J_k(N)``).  What crosses
the network follows from ``N`` and ``J`` alone, because every item except the root is a
child of exactly one join:

- ``store-and-forward``: every proof goes up to a store and down to its joiner: ``N``
  leaves uploaded, ``N + J - 1`` downloads to joiners, ``J`` join results uploaded;
- ``peer-both``: all children of a join are shipped to the joiner: ``N + J - 1``, plus the
  root delivered;
- ``peer-one-local``: the joiner holds one child already, so each join of ``m`` children
  receives ``m - 1``, ``N - 1`` in all, plus the root delivered.

In every pattern the root is counted once on its way out of the tree: uploaded to the
store (store-and-forward) or delivered to the client (peer patterns).  A client's later
download of the root from the store is not counted, as the seed note does not count it.

>>> transfer_counts(5, 4, "peer-one-local")
{'to joiners': 4, 'root delivered': 1}
"""

from __future__ import annotations

from typing import Any, Literal

import sympy

from costmodel.errors import check_choice
from costmodel.nodes import as_expression

__all__ = [
    "TRANSFER_PATTERNS",
    "Transfer",
    "check_transfer",
    "received_per_join",
    "through_store",
    "transfer_counts",
]

Transfer = Literal["store-and-forward", "peer-both", "peer-one-local"]

#: The transfer patterns an architecture's ``transfer=`` option accepts.
TRANSFER_PATTERNS: tuple[Transfer, ...] = ("store-and-forward", "peer-both", "peer-one-local")


def check_transfer(transfer: Any) -> Transfer:
    """``transfer`` if it names a pattern, else an :class:`OptionError` listing them."""
    return check_choice("transfer", transfer, TRANSFER_PATTERNS)


def through_store(transfer: Transfer) -> bool:
    """True when items pass through the shared store (store-and-forward)."""
    return transfer == "store-and-forward"


def received_per_join(transfer: Transfer, arity: Any) -> sympy.Expr:
    """Items a joiner receives for one full join: ``k``, or ``k - 1`` when it holds one."""
    k = as_expression(arity, what="arity")
    return k - 1 if transfer == "peer-one-local" else k


def transfer_counts(leaves: Any, joins: Any, transfer: str) -> dict[str, sympy.Expr]:
    """Items crossing the network in each step of aggregation, by pattern.

    Keys: ``leaves up`` (leaves sent to a store), ``to joiners``, ``joins up`` (join
    results sent to a store), ``root delivered`` (peer patterns).
    """
    leaves = as_expression(leaves, what="transfer_counts leaves")
    joins = as_expression(joins, what="transfer_counts joins")
    check_transfer(transfer)
    if transfer == "store-and-forward":
        return {"leaves up": leaves, "to joiners": leaves + joins - 1, "joins up": joins}
    if transfer == "peer-both":
        return {"to joiners": leaves + joins - 1, "root delivered": sympy.S.One}
    return {"to joiners": leaves - 1, "root delivered": sympy.S.One}
