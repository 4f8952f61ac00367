"""Does the communication matter?  The seed note's 50 GB on a cloud cluster, in seconds,
dollars and bytes of GPU memory.

The note's workload (10^9 cycles in 1000 segments of 10^6 cycles, 50 MB snapshots) proven
with RISC Zero's published stage times (Bento: 3.07 s per segment, 1.17 s per join, a
16.3 Mcycle/s executor) on 1000 AWS g6.xlarge machines with 10 Gbit/s links and a store of
the same speed.

Run: python examples/communication_matters.py [plot directory]
(the simulation needs the sim extra, SimPy; the plots the plot extra, matplotlib)
"""

import sys
from pathlib import Path

import costmodel
from costmodel.architectures.quantities import one

fmt = costmodel.format_quantity
values = {
    **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
    "machines": "1000 machine",
}

# -- time: the closed form, and the simulated cluster as ground truth ----------------------
wall = costmodel.recursive_stark(metric="wall_time")
print(wall.evaluate(values))  # the level-synchronous schedule, term by term
print()
for pipeline in (False, True):
    for network in (True, False):
        model = costmodel.recursive_stark(metric="wall_time", pipeline=pipeline, network=network)
        bound = model.evaluate(values).total
        run = costmodel.simulate(model, values)
        print(
            f"pipeline={pipeline!s:5}  network={network!s:5}  closed form {fmt(bound, digits=1):>9}"
            f"   simulated {fmt(run.wall_time, digits=1):>9}"
        )
print()

# Without pipelining the 1000 snapshots leave a 10 Gbit/s store one after another: 40 s, next
# to 3 s of proving.  The break-even store bandwidth, numerically (a max sits in the formula):
distribution = costmodel.breakeven(
    (wall, "snapshot distribution"), (wall, "segment proving"), solve_for="store_bandwidth"
)
print("distribution as long as proving at", fmt(distribution.evaluate(values).value, "Gbit/s"))

# With pipelining the store only has to keep up with the executor: S / B <= C / R_e.
S, B, C, R_e = (
    costmodel.symbol(n)
    for n in ("snapshot_size", "store_bandwidth", "segment_cycles", "execution_rate")
)
keep_up = costmodel.breakeven(
    S * one("segment") / B, C / R_e * one("segment"), solve_for="store_bandwidth"
)
print(keep_up)
print("the store keeps up with the executor above", fmt(keep_up.evaluate(values).value, "Gbit/s"))
pipelined = costmodel.recursive_stark(metric="wall_time", pipeline=True)
for speed in ("4 Gbit/s", "6 Gbit/s", "7 Gbit/s", "40 Gbit/s"):
    run = costmodel.simulate(pipelined, {**values, "store_bandwidth": speed})
    print(f"  store {speed:>9}: {fmt(run.wall_time, digits=1)}")
print()

# -- money and memory ------------------------------------------------------------------------
for billing in ("reserved", "per-use"):
    dollars = costmodel.recursive_stark(metric="dollars", billing=billing)
    print(dollars.evaluate({**values, "verification_cost": "0 USD"}))
print()
memory = costmodel.recursive_stark(metric="peak_memory")
print(memory.evaluate(values))
print("largest segment in a 24 GB L4:", fmt(costmodel.largest_segment(values)))
print(
    "largest in a 16 GB GPU:",
    fmt(costmodel.largest_segment({**values, "machine_memory": "16 GB/machine"})),
)

if len(sys.argv) > 1:
    from costmodel.render.gantt import plot_schedule

    out = Path(sys.argv[1])
    small = {**values, "total_cycles": "12e6 cycle", "machines": "4 machine"}
    for pipeline in (False, True):
        model = costmodel.recursive_stark(metric="wall_time", pipeline=pipeline)
        name = "gantt-pipelined" if pipeline else "gantt"
        plot_schedule(costmodel.simulate(model, small), out / name)
        print("wrote", out / f"{name}.png")
