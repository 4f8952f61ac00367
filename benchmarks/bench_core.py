"""Core costs, measured side by side in one run: import, model building, evaluation.

Run: python benchmarks/bench_core.py
Prints medians and ratios; nothing here is asserted (timings are not tests).
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from _timing import median_time, median_times

REPEATS = 7


def process_time(code: str) -> float:
    """Median wall time of a fresh interpreter running ``code``."""
    return median_time(lambda: subprocess.run([sys.executable, "-c", code], check=True), REPEATS)


def child_cpu(arguments: list[str]) -> float:
    """CPU time (user + system) of one fresh ``python ARGUMENTS``, output discarded: what
    it costs, whatever else the machine is doing."""
    child = subprocess.Popen([sys.executable, *arguments], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if status != 0:
        raise SystemExit(f"python {' '.join(arguments)} failed ({status})")
    return usage.ru_utime + usage.ru_stime


def median_cpu(commands: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Median CPU time of each command, the commands taking turns in every round."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, arguments in commands.items():
            samples[name].append(child_cpu(arguments))
    return {name: statistics.median(values) for name, values in samples.items()}


def command_line() -> None:
    """The command line against the imports it cannot do without, in CPU time."""
    # An installed package has its bytecode compiled by pip; a checkout run with
    # PYTHONDONTWRITEBYTECODE set (as some machines do) would otherwise be measured
    # compiling its own source on every run, which no user pays.
    compileall.compile_dir(Path(costmodel_root()), quiet=1)
    imports = "import sympy, pint"
    fraction_registry = (
        "from fractions import Fraction; pint.UnitRegistry(None, non_int_type=Fraction)"
    )
    cpu = median_cpu(
        {
            "pass": ["-c", "pass"],
            "help": ["-m", "costmodel", "--help"],
            "imports": ["-c", imports],
            "addition": ["-c", f"{imports}; sympy.Symbol('x') + 1"],
            "registry": ["-c", f"{imports}; sympy.Symbol('x') + 1; {fraction_registry}"],
            "eval": ["-m", "costmodel", "eval", "recursive-stark"],
        },
        REPEATS,
    )
    base = cpu["imports"]
    print("command line, CPU time of fresh processes taking turns (median of", REPEATS, "runs)")
    print(f"  python -c pass                          {1000 * cpu['pass']:8.1f} ms")
    print(f"  costmodel --help                        {1000 * cpu['help']:8.1f} ms")
    print(
        f"  ratio --help / python -c pass           {cpu['help'] / cpu['pass']:8.2f}   (goal <= 3)"
    )
    print(f"  python -c 'import sympy, pint'          {1000 * base:8.1f} ms")
    print(
        f"  ... and one sympy addition              {1000 * cpu['addition']:8.1f} ms"
        f"   ({cpu['addition'] / base:.2f}: sympy imports its tensor and combinatorics modules)"
    )
    print(
        f"  ... and an empty Fraction unit registry {1000 * cpu['registry']:8.1f} ms"
        f"   ({cpu['registry'] / base:.2f})"
    )
    print(f"  costmodel eval recursive-stark          {1000 * cpu['eval']:8.1f} ms")
    print(f"  ratio eval / import sympy, pint         {cpu['eval'] / base:8.2f}   (goal <= 1.1)")
    print(f"  ratio eval / the three above            {cpu['eval'] / cpu['registry']:8.2f}")
    print()


def costmodel_root() -> str:
    """The folder of the costmodel package (found without importing it)."""
    spec = importlib.util.find_spec("costmodel")
    assert spec is not None and spec.submodule_search_locations is not None
    return next(iter(spec.submodule_search_locations))


def main() -> None:
    command_line()
    bare = process_time("pass")
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
