"""Choosing a segment size for a 24 GB GPU.

A segment's snapshot grows with the memory its cycles touch (a law, not a constant), and the
prover's peak memory grows linearly with the segment size.  Larger segments mean fewer
segments and a shallower tree, but longer proofs each and more memory: which power of two is
fastest on L4 GPUs (24 GB), and what does the memory limit cost?

Run: python examples/segment_size_24gb.py [output directory]   (plots need matplotlib)
"""

import sys
from pathlib import Path

import costmodel
from costmodel.render.plots import pyplot, save

out = Path(sys.argv[1] if len(sys.argv) > 1 else "plots")
values = {
    **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
    "machines": "256 machine",
}
# The snapshot: a fixed part plus the memory touched per cycle, capped by the guest's memory.
# Illustrative coefficients, chosen so a 2^20-cycle segment ships 1 MB + 8 B x 2^20 = 9.4 MB,
# inside the 5-10 MB Bento reports for such segments (the risc0 preset's range); the cap is an
# assumed guest memory of 192 MiB.
snapshot = costmodel.law(
    "snapshot_size",
    "min(fixed + touched * segment_cycles, guest_memory)",
    {"fixed": "1 MB/segment", "touched": "8 B/cycle", "guest_memory": "192 MiB/segment"},
    source="illustrative: fits Bento's 5-10 MB per 2^20-cycle segment",
)
wall = costmodel.with_laws(costmodel.recursive_stark(metric="wall_time"), [snapshot])
peak = costmodel.recursive_stark(metric="peak_memory")  # memory_base + memory_per_cycle x C
sizes = costmodel.powers_of_two(16, 24)

free = costmodel.optimize(wall, values, {"segment_cycles": sizes})
best = costmodel.optimize(
    wall, values, {"segment_cycles": sizes}, [costmodel.at_most(peak, "24 GB/machine")]
)
print(
    "without a memory limit:",
    free.point["segment_cycles"],
    "cycles per segment,",
    costmodel.format_quantity(free.value),
)
needed = peak.evaluate(
    {**values, "segment_cycles": f"{free.point['segment_cycles']} cycle/segment"}
)
print("  which needs", costmodel.format_quantity(needed.total.to("GB/machine")))
print(
    "on a 24 GB GPU:",
    best.point["segment_cycles"],
    "cycles per segment,",
    costmodel.format_quantity(best.value),
)
print("  the limit costs", costmodel.format_quantity(best.value - free.value))
print(best)

plt = pyplot()
figure, (top, bottom) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
cycles = [int(s.split()[0]) for s in sizes]
times, memory = [], []
for c in cycles:
    at = {**values, "segment_cycles": f"{c} cycle/segment"}
    times.append(float(wall.evaluate(at).total.to("s").magnitude))
    memory.append(float(peak.evaluate(at).total.to("GB/machine").magnitude))
fits = [m <= 24 for m in memory]
top.plot(cycles, times, "-", color="0.6")
top.scatter(
    [c for c, f in zip(cycles, fits, strict=True) if f],
    [t for t, f in zip(times, fits, strict=True) if f],
    color="tab:blue",
    label="fits in 24 GB",
    zorder=3,
)
top.scatter(
    [c for c, f in zip(cycles, fits, strict=True) if not f],
    [t for t, f in zip(times, fits, strict=True) if not f],
    color="0.75",
    label="needs more than 24 GB",
    zorder=3,
)
top.scatter(
    [int(best.point["segment_cycles"])],
    [float(best.value.to("s").magnitude)],
    s=160,
    facecolors="none",
    edgecolors="tab:red",
    label="optimum under 24 GB",
    zorder=4,
)
top.set_ylabel("wall time [s]")
top.set_title("Segment size on 256 L4 GPUs, $10^9$ cycles, snapshot law")
top.legend()
bottom.plot(cycles, memory, "-o", color="tab:purple")
bottom.axhline(24, color="tab:red", linestyle="--", label="24 GB GPU")
bottom.set_yscale("log")
bottom.set_xscale("log", base=2)
bottom.set_xlabel("segment size [cycle/segment]")
bottom.set_ylabel("peak memory [GB/machine]")
bottom.legend()
for axes in (top, bottom):
    axes.grid(True, which="both", alpha=0.3)
save(figure, out / "segment_size_24gb")
plt.close(figure)
print("wrote", out / "segment_size_24gb.png")
