"""Core costs, measured side by side in one run: import, model building, evaluation.

Run: python benchmarks/bench_core.py
Prints medians and ratios; nothing here is asserted (timings are not tests).
"""

from __future__ import annotations

import subprocess
import sys

from _timing import median_time

REPEATS = 7


def process_time(code: str) -> float:
    """Median wall time of a fresh interpreter running ``code``."""
    return median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True), REPEATS)


def main() -> None:
    bare = process_time("pass")
    baseline = process_time(
        "import sympy, pint; from fractions import Fraction; "
        "pint.UnitRegistry(None, non_int_type=Fraction)"
    )
    library = process_time("import costmodel")
    print("import (fresh process, median of", REPEATS, "runs, interpreter start subtracted)")
    print(f"  sympy + pint + empty Fraction registry  {1000 * (baseline - bare):8.1f} ms")
    print(f"  import costmodel                        {1000 * (library - bare):8.1f} ms")
    print(f"  ratio costmodel / baseline              {(library - bare) / (baseline - bare):8.2f}")

    import costmodel

    seed = costmodel.presets.load("seed-note")
    build = median_time(lambda: costmodel.recursive_stark(), 20)
    model = costmodel.recursive_stark()
    model.evaluate(seed)  # warm the cached plain forms
    evaluate = median_time(lambda: model.evaluate(seed))
    huge = {**seed, "total_cycles": "1e15 cycle", "machines": "1000000 machine"}
    evaluate_huge = median_time(lambda: model.evaluate(huge))
    subs = model.substitutions(seed)
    naive = median_time(lambda: model.total.subs(subs).doit())
    print()
    print("one model (recursive_stark on the seed preset), median per call")
    print(f"  build the model                         {1000 * build:8.2f} ms")
    print(f"  evaluate (checks, conversion, terms)    {1000 * evaluate:8.2f} ms")
    print(
        f"  evaluate at 10^15 cycles                {1000 * evaluate_huge:8.2f} ms"
        f"   (ratio to the seed: {evaluate_huge / evaluate:.2f})"
    )
    print(f"  sympy total.subs(values).doit()         {1000 * naive:8.2f} ms")
    print(f"  ratio evaluate / subs                   {evaluate / naive:8.2f}")


if __name__ == "__main__":
    main()
