"""The simulation against the closed form, measured side by side in one run.

A 10^4-segment run simulated event by event (costmodel.simulate) and the wall-time closed
form evaluated (Model.evaluate) at the same values (the simulation tests' round values,
tests/cluster_values.py: 2^20-cycle segments, a 10 Gbit/s store shared by all): seconds
against milliseconds.

Run: python benchmarks/bench_simulate.py
Prints medians and ratios; nothing here is asserted (timings are not tests).
"""

from __future__ import annotations

import sys
from pathlib import Path

from _timing import median_time

import costmodel

# the round values the simulation tests use, from the repository's tests/ (one home for both)
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.cluster_values import brief_values

SEGMENTS = 10_000
REPEATS = 3  # a simulation takes seconds: three runs give a median


def main() -> None:
    print(f"recursive_stark, {SEGMENTS:,} segments, wrap (median of {REPEATS} runs)")
    print(
        f"  {'transfer':<18} {'machines':>8} {'simulate':>10} {'evaluate':>10} {'ratio':>8}"
        f"   wall time simulated / closed form"
    )
    for transfer in costmodel.TRANSFER_PATTERNS:
        for machines in (100, SEGMENTS):
            model = costmodel.recursive_stark(metric="wall_time", transfer=transfer, wrap=True)
            point = brief_values(SEGMENTS, machines)
            model.evaluate(point)  # warm the cached plain forms
            costmodel.simulate(model, point)  # and the simulation's checked expressions
            simulate = median_time(lambda m=model, p=point: costmodel.simulate(m, p), REPEATS)
            evaluate = median_time(lambda m=model, p=point: m.evaluate(p), REPEATS)
            run = costmodel.simulate(model, point)
            closed = model.evaluate(point).total
            print(
                f"  {transfer:<18} {machines:>8,} {simulate:>9.2f}s {1000 * evaluate:>8.1f}ms "
                f"{simulate / evaluate:>8.0f}   "
                f"{costmodel.format_quantity(run.wall_time, 's', digits=5)} / "
                f"{costmodel.format_quantity(closed, 's', digits=5)}"
            )


if __name__ == "__main__":
    main()
