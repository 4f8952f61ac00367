"""How many machines for a 12-second proof, and what it costs.

A block of 3 x 10^7 cycles proven on AWS g6.xlarge machines (one L4 GPU each, billed for
the whole run): the cheapest cluster whose wall time is at most 12 s, and the Pareto front
of wall time against dollars as the cluster and the segment size change.

Run: python examples/machines_for_12_seconds.py [output directory]   (plots need matplotlib)
"""

import sys
from pathlib import Path

import costmodel
from costmodel.render.design_plots import plot_pareto
from costmodel.render.plots import pyplot

out = Path(sys.argv[1] if len(sys.argv) > 1 else "plots")
values = {
    **costmodel.presets.combine("risc0", "aws-g6"),
    "total_cycles": "3e7 cycle",
    "verification_cost": "0 USD",
}
wall = costmodel.recursive_stark(metric="wall_time")
dollars = costmodel.recursive_stark(metric="dollars")
machines = [2**e for e in range(0, 11)]  # 1 .. 1024

fastest = costmodel.optimize(wall, values, {"machines": machines})
print(
    "fastest:",
    costmodel.format_quantity(fastest.value),
    "from",
    fastest.point["machines"],
    "machines on",
)
cheapest = costmodel.optimize(
    dollars, values, {"machines": machines}, [costmodel.at_most(wall, "12 s")]
)
print(
    "cheapest within 12 s:",
    cheapest.point["machines"],
    "machines,",
    costmodel.format_quantity(cheapest.value),
    "per proof",
)
at = {**values, "machines": f"{cheapest.point['machines']} machine"}
print("  its wall time:", costmodel.format_quantity(wall.evaluate(at).total))
half = {**values, "machines": f"{cheapest.point['machines'] // 2} machine"}
print("  with half as many:", costmodel.format_quantity(wall.evaluate(half).total))
print(cheapest)

# segment sizes 2^18 .. 2^21: every one fits in the L4's 24 GB (examples/segment_size_24gb.py)
grid = {"machines": machines, "segment_cycles": costmodel.powers_of_two(18, 21)}
front = costmodel.pareto(wall, dollars, values, grid)
print(f"Pareto front: {len(front.front)} of {len(front.points)} designs")
for point in front.front:
    power = int(point.design["segment_cycles"]).bit_length() - 1
    time, cost = (costmodel.format_quantity(q) for q in (point.first, point.second))
    print(f"  {int(point.design['machines']):5d} machines, 2^{power} cycles: {time}, {cost}")
figure = plot_pareto(
    front,
    names=("wall time", "cost per proof"),
    label=lambda d: f"{int(d['machines'])} x 2^{int(d['segment_cycles']).bit_length() - 1}",
    title="Wall time against dollars, 3e7 cycles on L4 machines",
    path=out / "machines_pareto",
)
pyplot().close(figure)
print("wrote", out / "machines_pareto.png")
