"""The note's question as closed forms: when does folding match recursive STARK aggregation?

Run: python examples/breakeven.py
"""

import costmodel

seed = costmodel.presets.load("seed-note")

# W*: the folded witness at which folding ships what the STARK tree ships.
w_star = costmodel.folded_witness_breakeven()
print(w_star)
print("  at the seed:", w_star.evaluate(seed))

# With a 4-ary folding tree against the binary STARK tree, W* keeps both trees' counts.
w_star_4 = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4))
print("  folding k = 4 against STARK k = 2:", w_star_4.evaluate(seed))

# V*: the verifier circuit below which folding's smallest witness fits under W*.
for rounding in ("exact", "rounded"):
    v_star = costmodel.verifier_gates_breakeven(rounding)
    print(f"V* ({rounding}):", v_star.evaluate(seed))

# C*: below this segment size, shipping the witness beats shipping a snapshot.
c_star = costmodel.snapshot_witness_breakeven()
print(c_star)
print("  at the seed:", c_star.evaluate(seed))

# No closed form where the parameter sits inside a tree count: found numerically, and marked.
arity_star = costmodel.breakeven(
    costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
)
print(arity_star)
print("  with W = 300 kB:", arity_star.evaluate({**seed, "folded_witness_size": "300 kB"}))

# Which parameters matter: elasticities of the STARK total at the seed.
print("elasticities of recursive_stark at the seed:")
for item in costmodel.elasticities(costmodel.recursive_stark(), seed):
    mark = "" if item.exact else "  (smoothed)"
    print(f"  {item.name:<18} {float(item.value):+.6f}{mark}")
