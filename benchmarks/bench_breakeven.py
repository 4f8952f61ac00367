"""Break-even solving, measured side by side: costmodel.breakeven (unit checks, conditions,
slope) against plain sympy.solve on the bare expressions of the same two totals.

Run: python benchmarks/bench_breakeven.py      Goal (issue 6): at most 2x.
"""

from __future__ import annotations

import statistics
import time

import sympy

import costmodel

REPEATS = 15


def median_time(function) -> float:
    samples = []
    for _ in range(REPEATS):
        sympy.core.cache.clear_cache()  # both sides start cold: no cached simplifications
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    stark, fold = costmodel.recursive_stark(), costmodel.folding()
    witness = costmodel.symbol("folded_witness_size")
    bare_left, bare_right = costmodel.plain(fold.total), costmodel.plain(stark.total)

    library = median_time(
        lambda: costmodel.breakeven(fold, stark, solve_for="folded_witness_size"))
    bare = median_time(lambda: sympy.solve(sympy.Eq(bare_left, bare_right), witness))
    bare_simplified = median_time(
        lambda: sympy.simplify(sympy.solve(sympy.Eq(bare_left, bare_right), witness)[0]))
    print("break-even W* for the seed pair (folding vs recursive_stark), median of", REPEATS)
    print(f"  costmodel.breakeven               {1000 * library:8.1f} ms")
    print(f"  sympy.solve                       {1000 * bare:8.1f} ms")
    print(f"  sympy.solve + simplify            {1000 * bare_simplified:8.1f} ms")
    print(f"  ratio breakeven / solve           {library / bare:8.2f}   (goal <= 2)")
    print(f"  ratio breakeven / solve+simplify  {library / bare_simplified:8.2f}")


if __name__ == "__main__":
    main()
