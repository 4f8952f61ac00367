"""Break-even solving, measured side by side: costmodel.breakeven (unit checks, conditions,
slope) against plain sympy.solve on the bare expressions of the same two sides.

Run: python benchmarks/bench_breakeven.py      Goal (issue 13): at most 1.5x for W*, V*, C*.

Each side is built before the clock starts (models, and W* for V*): what is timed is the
solving.  Every run starts with sympy's cache cleared, and the two take turns.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from _timing import median_times

import costmodel
from costmodel.analysis.breakeven import as_side

REPEATS = 9
V_STAR = costmodel.verifier_gates_breakeven
C_STAR = costmodel.memory_limit_breakeven
C_S = costmodel.snapshot_witness_breakeven  # the snapshot against the witness: no closed form


def bare_solve(left: sympy.Expr, right: sympy.Expr, x: sympy.Symbol) -> list[sympy.Expr]:
    """``sympy.solve`` of ``left = right``; an equation it cannot solve gives no roots."""
    try:
        return list(sympy.solve(sympy.Eq(left, right), x))
    except NotImplementedError:
        return []


def compare(
    label: str, a: object, b: object, solve_for: str, library: Callable[[], object] | None = None
) -> None:
    """``library()`` (default: ``breakeven(a, b)``) against the bare solve of ``a = b``."""
    left, right = as_side(a), as_side(b)
    x = costmodel.symbol(solve_for)
    bare_left, bare_right = left.plain, right.plain
    to_left = costmodel.conversion_factor(right.unit, left.unit)
    times = median_times(
        {
            "library": library or (lambda: costmodel.breakeven(a, b, solve_for=solve_for)),
            "bare": lambda: bare_solve(bare_left, to_left * bare_right, x),
        },
        REPEATS,
        sympy.core.cache.clear_cache,  # each run starts cold: no cached simplifications
    )
    ratio = times["library"] / times["bare"]
    print(
        f"  {label:4} costmodel           {1000 * times['library']:8.1f} ms   "
        f"sympy.solve {1000 * times['bare']:8.1f} ms   ratio {ratio:5.2f}"
    )


def main() -> None:
    stark, fold = costmodel.recursive_stark(), costmodel.folding()
    witness = costmodel.breakeven(fold, stark, solve_for="folded_witness_size")
    print(f"break-evens against a bare sympy.solve, median of {REPEATS} (goal <= 1.5 each)")
    compare("W*", fold, stark, "folded_witness_size")
    compare("V*", costmodel.verifier_witness_bound(), witness, "verifier_gates")
    peak = costmodel.recursive_stark(metric="peak_memory")
    compare("C*", peak, costmodel.symbol("machine_memory"), "segment_cycles")
    print("the whole calls, building their models and W* inside (same bare solves)")
    compare("V*", costmodel.verifier_witness_bound(), witness, "verifier_gates", V_STAR)
    compare("C*", peak, costmodel.symbol("machine_memory"), "segment_cycles", C_STAR)
    snapshot = costmodel.recursive_stark(ship="snapshot")
    compare("C_s*", snapshot, costmodel.recursive_stark(ship="witness"), "segment_cycles", C_S)


if __name__ == "__main__":
    main()
