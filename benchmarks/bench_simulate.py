"""The simulation against the closed form, measured side by side in one run.

A 10^4-segment run simulated event by event (costmodel.simulate) and the wall-time closed
form evaluated (Model.evaluate) at the same values: seconds against milliseconds.

Run: python benchmarks/bench_simulate.py
Prints medians and ratios; nothing here is asserted (timings are not tests).
"""

from __future__ import annotations

from _timing import median_time

import costmodel

SEGMENTS = 10_000
REPEATS = 3  # a simulation takes seconds: three runs give a median


def values(machines: int) -> dict[str, str]:
    """Round values: 10^4 segments of 2^20 cycles, a 10 Gbit/s store shared by all."""
    return {
        "total_cycles": f"{SEGMENTS * 2**20} cycle",
        "segment_cycles": "1048576 cycle/segment",
        "machines": f"{machines} machine",
        "snapshot_size": "10 MB/segment",
        "proof_size": "250 kB/proof",
        "receipt_overhead": "0 B/proof",
        "wrap_proof_size": "256 B",
        "execution_rate": "16 Mcycle/s",
        "prove_rate": "300 kcycle/(s*machine)",
        "lift_time": "0.5 s/segment",
        "join_time": "1.2 s/join",
        "wrap_time": "80 s",
        "link_bandwidth": "10 Gbit/s",
        "store_bandwidth": "10 Gbit/s",
        "link_latency": "1 ms",
    }


def main() -> None:
    print(f"recursive_stark, {SEGMENTS:,} segments, wrap (median of {REPEATS} runs)")
    print(
        f"  {'transfer':<18} {'machines':>8} {'simulate':>10} {'evaluate':>10} {'ratio':>8}"
        f"   wall time simulated / closed form"
    )
    for transfer in costmodel.TRANSFER_PATTERNS:
        for machines in (100, SEGMENTS):
            model = costmodel.recursive_stark(metric="wall_time", transfer=transfer, wrap=True)
            point = values(machines)
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
