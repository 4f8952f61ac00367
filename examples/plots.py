"""Plots for a paper: breakdown against segment size, W* against arity with the verifier
bounds on it, and folding's communication-versus-overhead trade-off.

Run: python examples/plots.py [output directory]   (needs the plot extra: matplotlib)
"""

import sys
from pathlib import Path

import numpy as np

import costmodel
from costmodel.render.plots import plot_breakdown, plot_breakeven, plot_tradeoff

out = Path(sys.argv[1] if len(sys.argv) > 1 else "plots")
seed = costmodel.presets.load("seed-note")

plot_breakdown(
    costmodel.recursive_stark(),
    seed,
    "segment_cycles",
    (np.logspace(4, 8, 60), "cycle/segment"),
    path=out / "breakdown_segment_size",
)
plot_breakdown(
    costmodel.folding(),
    seed,
    "total_cycles",
    (np.unique(np.round(np.logspace(7, 12, 60))), "cycle"),
    path=out / "folding_by_cycles",
)
plot_breakeven(
    costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=None)),
    seed,
    "arity",
    [str(k) for k in range(2, 17)],
    path=out / "breakeven_arity",
)
sizes = [f"{int(kb)} kB" for kb in np.unique(np.logspace(3, 5, 40).astype(int))]
plot_tradeoff(costmodel.folding_tradeoff("rounded"), seed, sizes, path=out / "tradeoff")
print("wrote", ", ".join(sorted(p.name for p in out.iterdir())))
