"""Sweeps, measured side by side in one run: the library's vectorized sweep against a
hand-written numpy expression of the same formula, and against sympy ``subs`` in a loop.

Run: python benchmarks/bench_sweep.py
Goals (issue 3): sweep within 1.5x of hand-written numpy; at least 1000x faster than subs.
"""

from __future__ import annotations

import time

import numpy as np
from _timing import median_time

import costmodel
from costmodel.analysis.sweep import sweep

POINTS = 10**6
SUBS_POINTS = 200  # subs is slow: measured on a few points, per point


def main() -> None:
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    rng = np.random.default_rng(7)
    cycles = rng.integers(10**6, 10**12, POINTS).astype(float)
    grid = {"total_cycles": (cycles, "cycle")}

    sweep(model, seed, grid)  # build and cache the numpy functions once
    sweep(model, seed, grid, breakdown=False)
    library = median_time(lambda: sweep(model, seed, grid, breakdown=False))
    with_terms = median_time(lambda: sweep(model, seed, grid))

    segment_cycles, snapshot, proof = 1e6, 50e6, 250e3

    def by_hand() -> np.ndarray:
        segments = np.ceil(cycles / segment_cycles)
        # snapshots + segment proofs + aggregation (binary, store-and-forward)
        return segments * snapshot + segments * proof + (3 * segments - 3) * proof

    hand = median_time(by_hand)
    result = sweep(model, seed, grid)
    assert np.allclose(result.total, by_hand(), rtol=1e-12)

    total = costmodel.plain(model.total)
    subs = model.substitutions(seed)
    symbol = costmodel.symbol("total_cycles")
    sample = cycles[:SUBS_POINTS]
    start = time.perf_counter()
    for value in sample:
        point = dict(subs)
        point[symbol] = int(value)
        total.subs(point)
    per_point = (time.perf_counter() - start) / SUBS_POINTS

    print(f"{POINTS:,}-point sweep of recursive_stark over total_cycles (median of 7)")
    print(f"  costmodel.sweep, total only     {1000 * library:9.1f} ms")
    print(f"  costmodel.sweep, with breakdown {1000 * with_terms:9.1f} ms   (terms and total)")
    print(f"  hand-written numpy              {1000 * hand:9.1f} ms")
    print(
        f"  sympy subs in a loop (per point){1e6 * per_point:9.1f} us"
        f"  -> {per_point * POINTS:,.0f} s for the grid"
    )
    print(f"  ratio sweep / numpy             {library / hand:9.2f}   (goal <= 1.5)")
    print(f"  ratio subs loop / sweep         {per_point * POINTS / library:9.0f}   (goal >= 1000)")


if __name__ == "__main__":
    main()
