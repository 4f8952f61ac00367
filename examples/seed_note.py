"""Reproduce the seed note (Gafni, "Napkin Math: Communication Complexity of Decentralized
Proving", 2023): every figure beside its exact value, then the models behind them.

Run: python examples/seed_note.py
"""

import costmodel
from costmodel.studies import format_figures, seed_note_figures

seed = costmodel.presets.load("seed-note")

print("The seed note's figures, recomputed exactly")
print("==========================================")
print(format_figures(seed_note_figures(), system=False, sources=False))
print()

stark = costmodel.recursive_stark()  # binary tree, store-and-forward, no wrap
fold = costmodel.folding()  # the note's folding sketch, same tree
print("Recursive STARK (Bonsai), the note's parameters")
print(stark.evaluate(seed))
print()
print("Parallel folding sketch with a 1 MB folded witness")
print(fold.evaluate(seed))
print()

# The same preset with the snapshot given in other units: the result is the same, exactly.
in_bits = stark.evaluate({**seed, "snapshot_size": "400 Mbit/segment"})
assert in_bits.total == stark.evaluate(seed).total
print(
    "snapshot_size = 400 Mbit/segment gives the same total:",
    costmodel.format_quantity(in_bits.total),
)
