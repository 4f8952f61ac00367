"""Notebook and IPython displays, checked through IPython itself (``IPython.lib.pretty``),
not by calling the hooks: a dataclass's own ``__repr__`` must not win over the readable text."""

from fractions import Fraction

import pytest

import costmodel

pretty = pytest.importorskip("IPython.lib.pretty").pretty

SEED = costmodel.presets.load("seed-note")


def test_an_evaluation_shows_its_table_in_readable_units():
    text = pretty(costmodel.recursive_stark().evaluate(SEED))
    # the seed's arithmetic: 1000 x 50 MB = 50 GB; 1000 x 250 kB = 250 MB; 2997 x 250 kB =
    # 749.25 MB; total 50.99925 GB; the snapshots' share 50 / 50.99925 = 98.04 %
    for fragment in ("50 GB", "250 MB", "749.25 MB", "50.99925 GB", "98.04 %", "term", "share"):
        assert fragment in text, fragment
    assert "Evaluation(" not in text and "Quantity" not in text


def test_a_model_shows_its_formulas():
    text = pretty(costmodel.recursive_stark())
    assert text.startswith("recursive_stark [B]") and "snapshots = " in text
    assert "Model(" not in text


def test_a_preset_shows_values_with_sources():
    text = pretty(SEED)
    assert text.splitlines()[0] == "seed-note"
    assert "50 MB/segment" in text and "250 kB/proof" in text and "seed note" in text
    html = SEED._repr_html_()
    assert html.startswith('<table class="costmodel">') and "snapshot_size" in html


def test_break_evens_and_points_show_as_sentences():
    result = costmodel.folded_witness_breakeven()
    assert pretty(result).startswith("folded_witness_size* = ")
    point = result.evaluate(SEED)
    # W* = P + o - I = 250 kB at the seed
    assert pretty(point).startswith("250 kB: below it folding is cheaper")
    assert "BreakevenPoint(" not in pretty(point) and "250 kB" in point._repr_html_()


def test_elasticities_show_as_one_table():
    values = costmodel.elasticities(costmodel.recursive_stark(), SEED)
    text = pretty(values)
    lines = text.splitlines()
    assert lines[0] == "elasticities" and "Elasticity(" not in text
    # d ln total / d ln S = N S / total = 50 GB / 50.99925 GB = 0.9804 (to four decimals)
    row = next(line for line in lines if line.startswith("snapshot_size"))
    assert "0.9804" in row
    by_name = {e.name: e.value for e in values}
    assert by_name["snapshot_size"] == Fraction(50_000_000_000, 50_999_250_000)
    assert "<table" in values._repr_html_() and isinstance(values, list)


def test_notebook_latex_is_mathjax_safe():
    from costmodel.render.notebook import repr_latex

    for obj in (
        costmodel.recursive_stark(),
        costmodel.recursive_stark().evaluate(SEED),
        costmodel.folding().evaluate(SEED),
        costmodel.folded_witness_breakeven(),
    ):
        text = repr_latex(obj)
        assert text.startswith("$$") and text.endswith("$$")
        assert "tabular" not in text and "siunitx" not in text and r"\qty" not in text
        # MathJax shows \_ inside \text{} with its backslash
        for chunk in text.split(r"\text{")[1:]:
            assert r"\_" not in chunk.split("}")[0], chunk


def test_a_break_even_shows_its_readable_form_through_ipython():
    formatter = pytest.importorskip("IPython.core.formatters").DisplayFormatter()
    # a 4-ary fold: its break-even needs the segments N = ceil(T / C) and the tree's joins J,
    # which the readable form names and defines in a "where" clause
    result = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=4))
    data, _ = formatter.format(result)
    text = data["text/latex"]
    assert text.startswith("$$\\begin{aligned}") and text.endswith("\\end{aligned}$$")
    assert r"\text{where } N &= \left\lceil{\frac{T}{C}}\right\rceil" in text
    assert r"J &= J_{4}\left(N\right)" in text and r"\text{if }" in text
    # the same lines as costmodel.latex gives, only in aligned (MathJax has no align*)
    paper = costmodel.latex(result, mode="plain")
    assert text.removeprefix("$$\\begin{aligned}").removesuffix("\\end{aligned}$$") == (
        paper.removeprefix("\\begin{align*}").removesuffix("\\end{align*}")
    )
    assert "align*" not in text and "tabular" not in text


def test_a_break_even_without_a_closed_form_names_its_unknown_outside_text():
    formatter = pytest.importorskip("IPython.core.formatters").DisplayFormatter()
    result = costmodel.breakeven(
        costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
    )
    data, _ = formatter.format(result)
    assert data["text/latex"] == r"$$\text{no closed form for }\text{arity}$$"


def test_a_fresh_process_shows_tables_before_render_is_imported():
    # ``import costmodel`` is lazy: nothing has imported costmodel.render when a notebook
    # first shows a result; the first display loads the writers itself
    import subprocess
    import sys

    code = (
        "import sys, costmodel\n"
        "from IPython.lib.pretty import pretty\n"
        "assert 'costmodel.render' not in sys.modules\n"
        "seed = costmodel.presets.load('seed-note')\n"
        "print(pretty(costmodel.elasticities(costmodel.recursive_stark(), seed)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    # the readable table titled "elasticities", not the list's repr of dataclass dumps
    assert done.stdout.startswith("elasticities") and "Elasticity(" not in done.stdout
    assert "snapshot_size" in done.stdout
