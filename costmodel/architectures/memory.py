"""The peak-memory metric: what one prover machine must hold while it proves a segment.

``μ_0 + μ · C``: a base (the prover's own code and tables) plus memory linear in the
segment's cycles, as RISC Zero documents it ("Memory consumption is roughly linear with
the segment size", docs.rs ``ExecutorEnvBuilder::segment_limit_po2``).  Each machine
proves one segment at a time.  The largest segment that fits a machine is the break-even
:func:`costmodel.memory_limit_breakeven`.
"""

from __future__ import annotations

import sympy

from costmodel.architectures.quantities import one
from costmodel.architectures.spec import TreeOptions, TreeSpec
from costmodel.symbols import symbol

__all__ = ["memory_terms"]


def memory_terms(
    spec: TreeSpec, options: TreeOptions
) -> tuple[dict[str, sympy.Expr], dict[str, sympy.Expr]]:
    """Terms (bytes per machine) of the peak memory of a segment prover."""
    trace = symbol("memory_per_cycle") * symbol("segment_cycles") * one("segment/machine")
    return {"base": symbol("memory_base"), "segment trace": trace}, {}
