"""The design-space tools, measured side by side in one run.

1. The optimizer over a 12 x 15 x 20 grid (segment size 2^13 .. 2^24, arity 2 .. 16, 20
   cluster sizes; 3600 designs) under a 24 GB memory limit, against brute force: the same
   grid evaluated with numpy (the model's vectorized sweep on the full mesh, masked, argmin)
   and exactly point by point (timed on a sample, scaled to the grid).
2. Exact bounds over a box of the presets' ranges against a 10^6-sample Monte Carlo over the
   same box: the time of each, and how close the sampled extremes come to the exact ones.

Run: python benchmarks/bench_design.py
"""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
from _timing import median_time

import costmodel
from costmodel.analysis.sweep import sweep

EXACT_SAMPLE = 100  # exact evaluations timed, then scaled to the grid
SAMPLES = 10**6


def _values() -> dict:
    return {
        **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
        "verification_cost": "0 USD",
    }


def optimizer() -> None:
    values = _values()
    wall = costmodel.recursive_stark(metric="wall_time", arity=None)
    peak = costmodel.recursive_stark(metric="peak_memory", arity=None)
    grid = {
        "segment_cycles": costmodel.powers_of_two(13, 24),
        "arity": list(range(2, 17)),
        "machines": [f"{16 * k} machine" for k in range(1, 21)],
    }
    size = 12 * 15 * 20
    constraint = [costmodel.at_most(peak, "24 GB/machine")]
    best = costmodel.optimize(wall, values, grid, constraint)  # warm the caches
    library = median_time(lambda: costmodel.optimize(wall, values, grid, constraint), repeats=3)

    cycles = np.array([2.0**e for e in range(13, 25)])
    arities = np.arange(2, 17, dtype=float)
    machines = np.array([16.0 * k for k in range(1, 21)])
    over = {
        "segment_cycles": (cycles, "cycle/segment"),
        "arity": (arities, ""),
        "machines": (machines, "machine"),
    }

    def brute_numpy() -> tuple[int, ...]:
        times = sweep(wall, values, over, mesh=True, breakdown=False, unit="s").total
        memory = sweep(
            peak,
            values,
            {"segment_cycles": over["segment_cycles"]},
            breakdown=False,
            unit="GB/machine",
        ).total
        fits = np.asarray(memory)[:, None, None] <= 24
        masked = np.where(fits, times, np.inf)
        return np.unravel_index(np.argmin(masked), masked.shape)

    index = brute_numpy()
    numpy_time = median_time(brute_numpy, repeats=3)
    found = (int(cycles[index[0]]), int(arities[index[1]]), int(machines[index[2]]))
    chosen = tuple(int(best.point[n]) for n in ("segment_cycles", "arity", "machines"))

    rng = np.random.default_rng(3)
    picks = rng.integers(0, [12, 15, 20], size=(EXACT_SAMPLE, 3))
    start = time.perf_counter()
    for i, j, k in picks:
        at = {
            **values,
            "segment_cycles": f"{int(cycles[i])} cycle/segment",
            "arity": int(arities[j]),
            "machines": f"{int(machines[k])} machine",
        }
        wall.evaluate(at)
        peak.evaluate(at)
    exact_time = (time.perf_counter() - start) / EXACT_SAMPLE * size

    print(f"optimizer over a 12 x 15 x 20 grid ({size} designs), wall time <= 24 GB")
    print(f"  costmodel.optimize (exact optimum)   {1000 * library:9.1f} ms")
    print(
        f"  brute force, numpy mesh + argmin     {1000 * numpy_time:9.1f} ms"
        f"   ratio {library / numpy_time:5.1f}x"
    )
    print(
        f"  brute force, exact point by point    {1000 * exact_time:9.1f} ms"
        f"   ratio {library / exact_time:7.4f}x  (from {EXACT_SAMPLE} points)"
    )
    print(f"  optimum {chosen} = numpy's {found}: {chosen == found}")
    print(f"  {best.feasible} of {best.searched} designs fit; {best.method}")


def uncertainty() -> None:
    model = costmodel.recursive_stark(metric="wall_time")
    preset = costmodel.presets.combine("risc0", "aws-g6").with_workload("risc0")
    given = {
        **preset,
        "total_cycles": "1e9 cycle",
        "machines": "256 machine",
        "verification_cost": "0 USD",
    }
    ranges = {
        name: tuple(given[name] if end is None else end for end in pair)
        for name, pair in preset.ranges.items()
        if name in model.parameter_names and name != "segment_cycles"
    }
    box = costmodel.bounds(model, given, ranges)
    exact = median_time(lambda: costmodel.bounds(model, given, ranges), repeats=3)
    distributions = {name: costmodel.uniform(low, high) for name, (low, high) in ranges.items()}
    start = time.perf_counter()
    draws = costmodel.sample(model, given, distributions, n=SAMPLES, seed=11)
    monte_carlo = time.perf_counter() - start
    low, high = float(box.low.magnitude), float(box.high.magnitude)
    inside = bool(
        np.all((draws.totals >= low * (1 - 1e-12)) & (draws.totals <= high * (1 + 1e-12)))
    )
    span = high - low
    print(f"bounds of the wall time over {len(ranges)} ranged parameters: {', '.join(ranges)}")
    print(
        f"  costmodel.bounds (exact, {'proven' if box.proven else 'searched'})"
        f"      {1000 * exact:9.1f} ms   {costmodel.format_quantity(box.low)} .."
        f" {costmodel.format_quantity(box.high)}"
    )
    print(
        f"  Monte Carlo, {SAMPLES:,} uniform samples   {1000 * monte_carlo:9.1f} ms"
        f"   time ratio MC / bounds {monte_carlo / exact:5.2f}x"
    )
    print(
        f"  sampled min {draws.totals.min():.6f} s, max {draws.totals.max():.6f} s: every sample"
        f" inside the bounds: {inside}"
    )
    print(
        f"  the samples miss {100 * (draws.totals.min() - low) / span:.2f} % of the range at the"
        f" bottom and {100 * (high - draws.totals.max()) / span:.2f} % at the top"
    )
    print(
        "  P50 / P90 / P99: "
        + ", ".join(costmodel.format_quantity(q) for q in draws.percentiles.values())
    )
    assert inside
    assert Fraction(box.low.magnitude) <= Fraction(box.high.magnitude)


if __name__ == "__main__":
    optimizer()
    uncertainty()
