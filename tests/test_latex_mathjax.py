r"""Plain LaTeX is MathJax-safe: no ``tabular`` (MathJax has none) and no ``\text{..\_..}``.

MathJax's ``\text{}`` takes its argument literally, so ``\text{a\_b}`` shows the backslash;
the specials must sit in math mode between ``\text{}`` runs.
"""

import re

import pytest

import costmodel
from costmodel.cli import main
from costmodel.render.escape import math_text
from costmodel.render.notebook import repr_latex

# each architecture with a preset that gives every value it needs
ARCHITECTURES = [
    ("recursive-stark", ["--preset", "seed-note"]),
    ("folding", ["--preset", "seed-note"]),
    ("verifier-witness-bound", ["--preset", "seed-note"]),
    ("witness-accounting", ["--preset", "nova"]),
    ("pcd-tree", ["--preset", "nova", "--workload", "seed-note"]),
]

# a \text{...} whose argument (no nested braces) holds an escaped special
_ESCAPE_IN_TEXT = re.compile(r"\\text\{[^{}]*\\[_&%#$]")


def _assert_mathjax_safe(text: str) -> None:
    assert "tabular" not in text
    assert _ESCAPE_IN_TEXT.search(text) is None, _ESCAPE_IN_TEXT.search(text)


@pytest.mark.parametrize(("architecture", "preset"), ARCHITECTURES)
def test_plain_export_of_every_architecture_is_mathjax_safe(capsys, architecture, preset):
    status = main(["latex", architecture, *preset, "--plain"])
    out, err = capsys.readouterr()
    assert status in (0, None) and err == ""
    assert "\\begin{array}" in out  # the breakdown and parameter tables are still there
    _assert_mathjax_safe(out)


def test_names_with_underscores_keep_them_outside_text():
    model = costmodel.Model.build(
        "m", {"wrap_proof & more": costmodel.symbol("wrap_proof_size")}, description="d"
    )
    values = {"wrap_proof_size": "1 B"}
    text = costmodel.render.export(model, values, mode="plain")
    _assert_mathjax_safe(text)
    # the term's name: words in \text{}, "_" and "&" as math-mode escapes between them
    assert r"\text{wrap}\_\text{proof }\&\text{ more}" in text
    _assert_mathjax_safe(repr_latex(model) or "")
    _assert_mathjax_safe(repr_latex(model.evaluate(values)) or "")


def test_math_text_worked_by_hand():
    # "a_b": the run "a", the special "_" escaped in math, the run "b"
    assert math_text("a_b") == r"\text{a}\_\text{b}"
    # a lone special has no empty \text{} around it
    assert math_text("%") == r"\%"
    # a line break becomes a space: nothing ends the math early
    assert math_text("x\ny") == r"\text{x y}"
