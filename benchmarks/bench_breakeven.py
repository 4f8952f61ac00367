"""Break-even solving, measured side by side: costmodel.breakeven (unit checks, conditions,
slope) against plain sympy.solve on the bare expressions of the same two totals.

Run: python benchmarks/bench_breakeven.py      Goal (issue 6): at most 2x.
"""

from __future__ import annotations

import sympy
from _timing import median_time

import costmodel

REPEATS = 15


def main() -> None:
    stark, fold = costmodel.recursive_stark(), costmodel.folding()
    witness = costmodel.symbol("folded_witness_size")
    bare_left, bare_right = costmodel.plain(fold.total), costmodel.plain(stark.total)

    cold = sympy.core.cache.clear_cache  # each run starts cold: no cached simplifications
    library = median_time(
        lambda: costmodel.breakeven(fold, stark, solve_for="folded_witness_size"), REPEATS, cold
    )
    bare = median_time(lambda: sympy.solve(sympy.Eq(bare_left, bare_right), witness), REPEATS, cold)
    bare_simplified = median_time(
        lambda: sympy.simplify(sympy.solve(sympy.Eq(bare_left, bare_right), witness)[0]),
        REPEATS,
        cold,
    )
    print("break-even W* for the seed pair (folding vs recursive_stark), median of", REPEATS)
    print(f"  costmodel.breakeven               {1000 * library:8.1f} ms")
    print(f"  sympy.solve                       {1000 * bare:8.1f} ms")
    print(f"  sympy.solve + simplify            {1000 * bare_simplified:8.1f} ms")
    print(f"  ratio breakeven / solve           {library / bare:8.2f}   (goal <= 2)")
    print(f"  ratio breakeven / solve+simplify  {library / bare_simplified:8.2f}")


if __name__ == "__main__":
    main()
