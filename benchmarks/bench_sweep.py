"""Sweeps, measured side by side in one run: the library's vectorized sweep against a
hand-written numpy expression of the same formula, and against sympy ``subs`` in a loop.

Run: python benchmarks/bench_sweep.py            (add ``--large`` for 10^7 points)
Goals (issue 13): total only within 1.1x of hand numpy at 10^6 points (1.05x at 10^7),
5x at 10^4 (fixed costs); with the breakdown 1.5x; arity 3 within 5x of arity 2; at least
1000x faster than subs.  Every pair is timed taking turns (``median_times``), so a load on
the machine falls on both alike.
"""

from __future__ import annotations

import sys
import time

import numpy as np
from _timing import median_times

import costmodel
from costmodel.analysis.sweep import sweep

SUBS_POINTS = 200  # subs is slow: measured on a few points, per point


def hand_numpy(cycles: np.ndarray) -> np.ndarray:
    """recursive_stark's total on the seed values, written by hand (the ceiling included)."""
    segment_cycles, snapshot, proof = 1e6, 50e6, 250e3
    segments = np.ceil(cycles / segment_cycles)
    # snapshots + segment proofs + aggregation (binary, store-and-forward)
    return segments * snapshot + segments * proof + (3 * segments - 3) * proof


def versus_hand(points: int, repeats: int) -> None:
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    cycles = np.random.default_rng(7).integers(10**6, 10**12, points).astype(float)
    grid = {"total_cycles": (cycles, "cycle")}
    result = sweep(model, seed, grid)  # build and cache the numpy functions once
    assert np.allclose(result.total, hand_numpy(cycles), rtol=1e-12)
    times = median_times(
        {
            "total": lambda: sweep(model, seed, grid, breakdown=False),
            "terms": lambda: sweep(model, seed, grid),
            "hand": lambda: hand_numpy(cycles),
        },
        repeats,
    )
    print(f"{points:,}-point sweep of recursive_stark over total_cycles (median of {repeats})")
    print(f"  costmodel.sweep, total only     {1000 * times['total']:9.2f} ms")
    print(f"  costmodel.sweep, with breakdown {1000 * times['terms']:9.2f} ms   (terms and total)")
    print(f"  hand-written numpy              {1000 * times['hand']:9.2f} ms")
    print(f"  ratio total only / numpy        {times['total'] / times['hand']:9.2f}")
    print(f"  ratio with breakdown / numpy    {times['terms'] / times['hand']:9.2f}")


def arity_three(points: int, repeats: int) -> None:
    seed = costmodel.presets.load("seed-note")
    cycles = np.random.default_rng(7).integers(10**6, 10**12, points).astype(float)
    grid = {"total_cycles": (cycles, "cycle")}
    models = {k: costmodel.recursive_stark(arity=k) for k in (2, 3)}
    values = {k: {**seed, "arity": str(k)} for k in (2, 3)}
    for k in (2, 3):
        sweep(models[k], values[k], grid, breakdown=False)
    times = median_times(
        {k: (lambda k=k: sweep(models[k], values[k], grid, breakdown=False)) for k in (2, 3)},
        repeats,
    )
    print(f"{points:,}-point sweep, total only, arity 3 against arity 2 (median of {repeats})")
    print(f"  arity 2                         {1000 * times[2]:9.2f} ms")
    print(f"  arity 3 (layered tree joins)    {1000 * times[3]:9.2f} ms")
    print(f"  ratio arity 3 / arity 2         {times[3] / times[2]:9.2f}   (goal <= 5)")


def versus_subs(points: int) -> None:
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    cycles = np.random.default_rng(7).integers(10**6, 10**12, points).astype(float)
    grid = {"total_cycles": (cycles, "cycle")}
    library = median_times({"sweep": lambda: sweep(model, seed, grid, breakdown=False)}, 5)
    total = costmodel.plain(model.total)
    subs = model.substitutions(seed)
    symbol = costmodel.symbol("total_cycles")
    start = time.perf_counter()
    for value in cycles[:SUBS_POINTS]:
        point = dict(subs)
        point[symbol] = int(value)
        total.subs(point)
    per_point = (time.perf_counter() - start) / SUBS_POINTS
    ratio = per_point * points / library["sweep"]
    print(f"  sympy subs in a loop (per point){1e6 * per_point:9.1f} us")
    print(f"  ratio subs loop / sweep         {ratio:9.0f}   (goal >= 1000)")


def main() -> None:
    versus_hand(10**4, 51)
    print("  (goal at 10^4: total only <= 5)")
    print()
    versus_hand(10**6, 9)
    print("  (goals at 10^6: total only <= 1.1, with breakdown <= 1.5)")
    versus_subs(10**6)
    print()
    if "--large" in sys.argv:
        versus_hand(10**7, 5)
        print("  (goal at 10^7: total only <= 1.05)")
        print()
    arity_three(10**6, 5)


if __name__ == "__main__":
    main()
