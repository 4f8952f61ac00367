"""Core costs, measured side by side in one run: import, model building, evaluation.

Run: python benchmarks/bench_core.py
Prints medians and ratios; nothing here is asserted (timings are not tests).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from fractions import Fraction

from _timing import median_time, median_times

REPEATS = 7


def process_time(code: str) -> float:
    """Median wall time of a fresh interpreter running ``code``."""
    return median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True), REPEATS)


def command(*arguments: str) -> Callable[[], object]:
    """A fresh ``python ARGUMENTS`` (output discarded)."""
    line = [sys.executable, *arguments]
    return lambda: subprocess.run(line, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    side = median_times(
        {
            "pass": command("-c", "pass"),
            "help": command("-m", "costmodel", "--help"),
            "imports": command("-c", "import sympy, pint"),
            "eval": command("-m", "costmodel", "eval", "recursive-stark"),
        },
        REPEATS,
    )
    bare, help_time, imports, eval_time = (side[k] for k in ("pass", "help", "imports", "eval"))
    print("command line (fresh processes taking turns, median of", REPEATS, "runs)")
    print(f"  python -c pass                          {1000 * bare:8.1f} ms")
    print(f"  costmodel --help                        {1000 * help_time:8.1f} ms")
    print(f"  ratio --help / python -c pass           {help_time / bare:8.2f}   (goal <= 3)")
    print(f"  python -c 'import sympy, pint'          {1000 * imports:8.1f} ms")
    print(f"  costmodel eval recursive-stark          {1000 * eval_time:8.1f} ms")
    print(f"  ratio eval / import sympy, pint         {eval_time / imports:8.2f}   (goal <= 1.1)")
    print()
    baseline = process_time(
        "import sympy, pint; from fractions import Fraction; "
        "pint.UnitRegistry(None, non_int_type=Fraction)"
    )
    # the package imports its names on first use: load the models and the presets
    library = process_time("import costmodel; costmodel.recursive_stark; costmodel.presets")
    print("import (fresh process, median of", REPEATS, "runs, interpreter start subtracted)")
    print(f"  sympy + pint + empty Fraction registry  {1000 * (baseline - bare):8.1f} ms")
    print(f"  import costmodel, its models, presets   {1000 * (library - bare):8.1f} ms")
    print(f"  ratio costmodel / baseline              {(library - bare) / (baseline - bare):8.2f}")

    import costmodel
    from costmodel.units import Q_

    seed = costmodel.presets.load("seed-note")
    build = median_time(lambda: costmodel.recursive_stark(), 20)
    model = costmodel.recursive_stark()
    model.evaluate(seed)  # warm the cached plain forms
    evaluate = median_time(lambda: model.evaluate(seed))
    huge = {**seed, "total_cycles": "1e15 cycle", "machines": "1000000 machine"}
    evaluate_huge = median_time(lambda: model.evaluate(huge))
    subs = model.substitutions(seed)
    naive = median_time(lambda: model.total.subs(subs).doit())

    def by_hand() -> Fraction:
        """The same total with Fractions, each input converted with pint."""

        def given(name: str, unit: str) -> Fraction:
            return Fraction(Q_(seed[name]).to(unit).magnitude)

        cycles, per_segment = (
            given("total_cycles", "cycle"),
            given("segment_cycles", "cycle/segment"),
        )
        snapshot, proof = given("snapshot_size", "B/segment"), given("proof_size", "B/proof")
        receipt = given("receipt_overhead", "B/proof")
        segments = -(-cycles // per_segment)
        return snapshot * segments + (proof + receipt) * (4 * segments - 3)

    assert by_hand() == model.evaluate(seed).total.magnitude
    side = median_times({"evaluate": lambda: model.evaluate(seed), "hand": by_hand}, 101)
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
    print("side by side (taking turns, median of 101)")
    print(f"  evaluate                                {1000 * side['evaluate']:8.3f} ms")
    print(f"  hand Fraction formula, pint conversion  {1000 * side['hand']:8.3f} ms")
    ratio = side["evaluate"] / side["hand"]
    print(f"  ratio evaluate / hand                   {ratio:8.2f}   (goal <= 2.5)")

    from sympy.core.cache import clear_cache

    from costmodel.analysis.sensitivity import elasticities

    def sixteen() -> None:
        for _ in range(16):
            model.evaluate(seed)

    for label, before in (("repeated", None), ("sympy's cache cleared before each", clear_cache)):
        times = median_times({"el": lambda: elasticities(model, seed), "ev": sixteen}, 21, before)
        print(f"elasticities against 16 exact evaluate calls ({label}, median of 21)")
        print(f"  elasticities(recursive_stark, seed)     {1000 * times['el']:8.2f} ms")
        print(f"  16 x evaluate                           {1000 * times['ev']:8.2f} ms")
        ratio = times["el"] / times["ev"]
        print(f"  ratio                                   {ratio:8.2f}   (goal <= 3)")


if __name__ == "__main__":
    main()
