"""Is the W* conclusion robust?

The seed note concludes that folding ships less than the STARK tree only when its folded
witness W is below the break-even W* = P + o - I (250 kB at the note's values).  Proof
sizes are not one number: RISC Zero's April 2023 datasheet gives 201.3 kB at 2^15 cycles up to
311.1 kB at 2^22.  Over that range, does the conclusion hold for Nova (a folded witness of at
least 937.5 kB, the note's 7.5 MB at most) and for Nova with CycleFold (93.75 kB .. 750 kB)?

Run: python examples/robust_w_star.py [output directory]   (plots need matplotlib)
"""

import sys
from pathlib import Path

import numpy as np

import costmodel
from costmodel.render.design_plots import plot_tornado
from costmodel.render.plots import pyplot

out = Path(sys.argv[1] if len(sys.argv) > 1 else "plots")
seed = costmodel.presets.load("seed-note")
w_star = costmodel.folded_witness_breakeven()  # folding (left) against the STARK (right)
proof_sizes = ("201.3 kB/proof", "311.1 kB/proof")  # the datasheet's smallest and largest

nova = costmodel.robust(
    w_star, seed, {"folded_witness_size": ("937.5 kB", "7.5 MB"), "proof_size": proof_sizes}
)
print("Nova:", nova)
cyclefold_box = {"folded_witness_size": ("93.75 kB", "750 kB"), "proof_size": proof_sizes}
cyclefold = costmodel.robust(w_star, seed, cyclefold_box)
print("Nova + CycleFold:", cyclefold)

# folding minus the STARK, in bytes: negative where folding ships less
fold, stark = costmodel.folding(), costmodel.recursive_stark()
difference = costmodel.Model.build(
    "folding minus STARK",
    {"folding": fold.labelled_total, "minus STARK": -stark.labelled_total},
    unit="MB",
)
at_w_star = {**seed, "folded_witness_size": "250 kB"}  # each range alone, around W = W*
swings = costmodel.tornado(difference, at_w_star, cyclefold_box)
for swing in swings:
    print(f"  {swing.name}: swing {costmodel.format_quantity(swing.swing)}")

draws = costmodel.sample(
    difference,
    seed,
    {
        "folded_witness_size": costmodel.log_uniform("93.75 kB", "750 kB"),
        "proof_size": costmodel.uniform(*proof_sizes),
    },
    n=100_000,
    seed=1,
)
share = float(np.mean(draws.totals < 0))
print(f"folding ships less in {share:.1%} of 100,000 sampled designs (seed 1)")
print(
    "  percentiles of folding minus STARK:",
    ", ".join(f"{k} {costmodel.format_quantity(v)}" for k, v in draws.percentiles.items()),
)

base = difference.evaluate(at_w_star).total  # zero: the sides are equal at W*
figure = plot_tornado(
    swings,
    base,
    title="Folding minus STARK (CycleFold box), around W = W* = 250 kB",
    path=out / "w_star_tornado",
)
pyplot().close(figure)
print("wrote", out / "w_star_tornado.png")
