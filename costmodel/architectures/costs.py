"""The dollars metric: machines, egress and verification for one proof.

- ``billing="reserved"``: the ``M`` machines paid for the whole wall time, the
  convention of public per-proof cost dashboards (ethproofs: number of GPUs x hourly
  price x proving time); the executor is not counted among them;
- ``billing="per-use"``: each machine-second of work paid (the machine-time model,
  the executor's time included, at the same price);
- ``egress``: every byte the bytes model moves, at ``egress_price`` (cloud egress, or
  any network charged by volume; 0 inside one region);
- ``verification``: the price of verifying the final proof (on chain).

Each part is the matching model's total, so a dollar figure inherits its exactness: the
reserved cost is an upper bound where the wall time is one.
"""

from __future__ import annotations

import dataclasses

import sympy

from costmodel.architectures.spec import TreeOptions, TreeSpec
from costmodel.architectures.timing import machine_time_terms, wall_time_terms
from costmodel.architectures.traffic import traffic_terms
from costmodel.symbols import symbol

__all__ = ["dollar_terms"]


def dollar_terms(
    spec: TreeSpec, options: TreeOptions
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (USD) of one proof, and the wall time and machine time it is priced from."""
    price = symbol("machine_price")
    wall = sympy.Add(
        *wall_time_terms(spec, dataclasses.replace(options, metric="wall_time"))[0].values()
    )
    work = sympy.Add(
        *machine_time_terms(spec, dataclasses.replace(options, metric="machine_time"))[0].values()
    )
    terms: dict[str, sympy.Expr] = {}
    if options.billing == "reserved":
        terms["machines (reserved)"] = symbol("machines") * wall * price
    else:
        terms["machines (per use)"] = work * price
    if options.network:
        moved = sympy.Add(
            *traffic_terms(spec, dataclasses.replace(options, metric="bytes"))[0].values()
        )
        terms["egress"] = moved * symbol("egress_price")
    terms["verification"] = symbol("verification_cost")
    return terms, {"wall time": wall, "machine time": work}
