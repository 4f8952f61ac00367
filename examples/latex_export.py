"""The seed note's models as LaTeX: equations, numbers, breakdown and parameter tables.

Run: python examples/latex_export.py            (prints the LaTeX body)
     python examples/latex_export.py seed.tex   (writes a complete document)
     pdflatex seed.tex                          (needs siunitx v3: texlive-science)
"""

import sys
from pathlib import Path

import costmodel
from costmodel import render

seed = costmodel.presets.load("seed-note")
stark = costmodel.recursive_stark()  # binary tree, store-and-forward, as in the note
fold = costmodel.folding()  # the note's folding sketch through the same tree

# The formulas alone, in the vocabulary's symbols (T, C, S, P, o, W, I ...).
print(costmodel.latex(stark))

# Formula = numbers = result, for each term and the total (50.99925 GB, exactly).
print(costmodel.latex(stark, values=seed))

# The breakdown (term, value, share) and the parameters with their sources, in booktabs.
print(costmodel.latex(stark.evaluate(seed)))
print(render.parameter_table(seed, stark))

# For a notebook or a document without siunitx: plain \mathrm units.
print(costmodel.latex(fold.evaluate(seed), mode="plain"))

if len(sys.argv) > 1:
    body = [render.export(stark, seed), render.export(fold, seed)]
    Path(sys.argv[1]).write_text(render.document(body), encoding="utf-8")
    print(f"wrote {sys.argv[1]}")
