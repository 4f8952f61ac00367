r"""LaTeX export: golden output for the seed models, numbers, units, options, notebook reprs.

The expected strings below were written by hand from the models' definitions (see
docs/architectures.md) and checked line by line: S ⌈T/C⌉ for the snapshots,
(P + o) ⌈T/C⌉ for the segment proofs, (P + o)(3⌈T/C⌉ − 3) for store-and-forward
aggregation in a binary tree, e·b·V/8 bytes for the verifier bound.
"""

from __future__ import annotations

import ast
import html.parser
import runpy
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

import costmodel
from costmodel import render
from costmodel.errors import DimensionError, OptionError, UnitError
from costmodel.render import LatexConfig, latex
from costmodel.render.escape import escape_text
from costmodel.render.notebook import repr_html, repr_latex, repr_pretty
from costmodel.render.units_latex import (
    PROVIDE_UNIT,
    custom_units,
    number_latex,
    quantity_latex,
    readable,
    unit_latex,
)
from costmodel.units import Q_

ROOT = Path(__file__).resolve().parent.parent
SEED = costmodel.presets.load("seed-note")

CEIL = r"\left\lceil{\frac{T}{C}}\right\rceil"
CEIL_NUMBERS = r"\left\lceil{\frac{\qty{1e9}{\cycle}}{\qty{1e6}{\cycle\per\segment}}}\right\rceil"
CEIL_PLAIN = (
    r"\left\lceil{\frac{10^{9}\,\mathrm{cycle}}{10^{6}\,\mathrm{cycle}/\mathrm{segment}}}"
    r"\right\rceil"
)


# -- golden equations -----------------------------------------------------------------------


def test_recursive_stark_symbolic_golden():
    expected = "\n".join(
        [
            r"\begin{align*}",
            rf"  \text{{snapshots}} &= S {CEIL} \\",
            rf"  \text{{segment proofs}} &= \left(P + o\right) {CEIL} \\",
            rf"  \text{{aggregation}} &= \left(P + o\right) \left(3 {CEIL} - 3\right) \\",
            rf"  \text{{total}} &= S {CEIL} + \left(P + o\right) {CEIL} + "
            rf"\left(P + o\right) \left(3 {CEIL} - 3\right)",
            r"\end{align*}",
        ]
    )
    model = costmodel.recursive_stark()
    assert latex(model) == expected
    # symbolic formulas carry no units: both modes write the same block
    assert latex(model, mode="plain") == expected


def test_folding_symbolic_golden():
    expected = "\n".join(
        [
            r"\begin{align*}",
            rf"  \text{{snapshots}} &= S {CEIL} \\",
            rf"  \text{{folded witnesses}} &= \left(I + W\right) {CEIL} \\",
            rf"  \text{{aggregation}} &= \left(I + W\right) \left(3 {CEIL} - 3\right) \\",
            rf"  \text{{total}} &= S {CEIL} + \left(I + W\right) {CEIL} + "
            rf"\left(I + W\right) \left(3 {CEIL} - 3\right)",
            r"\end{align*}",
        ]
    )
    assert latex(costmodel.folding()) == expected


def test_verifier_bounds_golden_have_no_separate_total():
    exact = latex(costmodel.verifier_witness_bound())
    rounded = latex(costmodel.verifier_witness_bound(rounding="rounded"))
    assert exact == "\\begin{align*}\n  \\text{verifier witness} &= \\frac{e b V}{8}\n\\end{align*}"
    assert rounded == (
        "\\begin{align*}\n  \\text{verifier witness} &= \\frac{\\beta V}{8}\n\\end{align*}"
    )


def test_symbolic_arity_and_peer_pattern_golden():
    model = costmodel.recursive_stark(arity=None, transfer="peer-both", wrap=True)
    joins = rf"J_{{k}}\left({CEIL}\right)"
    expected = "\n".join(
        [
            r"\begin{align*}",
            rf"  \text{{snapshots}} &= S {CEIL} \\",
            rf"  \text{{aggregation}} &= \left(P + o\right) \left({joins} + {CEIL} - 1\right) \\",
            r"  \text{final proof} &= P + o \\",
            r"  \text{wrap} &= G \\",
            # the sum is wider than an article line: it breaks before its last term
            rf"  \text{{total}} &= S {CEIL} + \left(P + o\right) \left({joins} + {CEIL} - 1\right)"
            r" + P + o \\",
            r"  &\quad + G",
            r"\end{align*}",
        ]
    )
    assert latex(model) == expected


def test_ternary_tree_shows_its_join_count():
    text = latex(costmodel.recursive_stark(arity=3))
    # store-and-forward: N + J - 1 to joiners and J results up, N + 2 J - 1 in all
    assert rf"\left(P + o\right) \left(2 J_{{3}}\left({CEIL}\right) + {CEIL} - 1\right)" in text


def test_log_prints_with_its_base_and_ceil_with_brackets():
    T, C, P = (costmodel.symbol(n) for n in ("total_cycles", "segment_cycles", "proof_size"))
    k = costmodel.symbol("arity")
    depth = costmodel.count_as(costmodel.log(costmodel.ceil(T / C), k), "proof")
    model = costmodel.Model.build("path", {"proofs on a path": depth * P})
    assert latex(model) == (
        "\\begin{align*}\n"
        rf"  \text{{proofs on a path}} &= P \log_{{k}}{{\left({CEIL}\right)}}"
        "\n\\end{align*}"
    )


def test_three_step_golden_for_the_seed():
    proof_numbers = r"\left(\qty{250}{\kilo\byte\per\proof} + \qty{0}{\byte\per\proof}\right)"
    expected = "\n".join(
        [
            r"\begin{align*}",
            rf"  \text{{snapshots}} &= S {CEIL} \\",
            rf"  &= \qty{{50}}{{\mega\byte\per\segment}} \cdot {CEIL_NUMBERS} \\",
            r"  &= \qty{50}{\giga\byte} \\",
            rf"  \text{{segment proofs}} &= \left(P + o\right) {CEIL} \\",
            # the numbers are wider than an article line beside "segment proofs": they break
            # before the product's dot, the continuation indented by a quad
            rf"  &= {proof_numbers} \\",
            rf"  &\quad \cdot {CEIL_NUMBERS} \\",
            r"  &= \qty{250}{\mega\byte} \\",
            rf"  \text{{aggregation}} &= \left(P + o\right) \left(3 {CEIL} - 3\right) \\",
            rf"  &= {proof_numbers} \\",
            rf"  &\quad \cdot \left(3 \cdot {CEIL_NUMBERS} - 3\right) \\",
            r"  &= \qty{749.25}{\mega\byte} \\",
            rf"  \text{{total}} &= S {CEIL} + \left(P + o\right) {CEIL} + "
            rf"\left(P + o\right) \left(3 {CEIL} - 3\right) \\",
            r"  &= \qty{50}{\giga\byte} + \qty{250}{\mega\byte} + \qty{749.25}{\mega\byte} \\",
            r"  &= \qty{50.99925}{\giga\byte}",
            r"\end{align*}",
        ]
    )
    model = costmodel.recursive_stark()
    assert latex(model, values=SEED) == expected
    assert latex(model, values=SEED, form="three-step") == expected
    assert latex(model.evaluate(SEED), form="three-step") == expected


def test_substituted_plain_golden_for_the_verifier():
    model = costmodel.verifier_witness_bound()
    expected = (
        "\\begin{align*}\n"
        r"  \text{verifier witness} &= \frac{3\,\mathrm{felt}/\mathrm{gate} \cdot "
        r"255\,\mathrm{bit}/\mathrm{felt} \cdot 10000\,\mathrm{gate}}{8} \\"
        "\n"
        r"  &\quad = 956.25\,\mathrm{kB}"
        "\n\\end{align*}"
    )
    # 10,000 gates x 3 elements x 255 bits = 7,650,000 bits = 956,250 bytes; the line is
    # estimated wider than an article line beside its label, so the result breaks off

    assert latex(model, values=SEED, mode="plain", form="substituted") == expected


def test_numbered_equations_number_the_result_of_each_term():
    text = latex(costmodel.recursive_stark(), values=SEED, numbered=True)
    assert text.startswith("\\begin{align}\n") and text.endswith("\n\\end{align}")
    lines = text.splitlines()[1:-1]
    numbered = [line for line in lines if "\\nonumber" not in line]
    assert len(numbered) == 4  # three terms and the total, each on its result line
    assert all(r"\qty" in line and "\\cdot" not in line for line in numbered)


# -- golden tables ------------------------------------------------------------------------


def test_breakdown_table_golden():
    expected = "\n".join(
        [
            r"\begin{tabular}{@{}lrr@{}}",
            r"  \toprule",
            r"  term & value & share \\",
            r"  \midrule",
            r"  snapshots & \qty{50}{\giga\byte} & $\approx$\,\qty{98.04}{\percent} \\",
            r"  segment proofs & \qty{250}{\mega\byte} & $\approx$\,\qty{0.49}{\percent} \\",
            r"  aggregation & \qty{749.25}{\mega\byte} & $\approx$\,\qty{1.47}{\percent} \\",
            r"  \midrule",
            r"  total & \qty{50.99925}{\giga\byte} & \qty{100}{\percent} \\",
            r"  \bottomrule",
            r"\end{tabular}",
        ]
    )
    evaluation = costmodel.recursive_stark().evaluate(SEED)
    assert latex(evaluation) == expected
    assert render.breakdown_table(evaluation) == expected


def test_breakdown_table_in_one_unit_and_plain():
    evaluation = costmodel.folding().evaluate(SEED)
    text = latex(evaluation, mode="plain", unit="MB")
    # plain mode: an array in display math (MathJax has no tabular), every cell math
    assert r"\begin{array}{lrr}" in text and "tabular" not in text
    assert r"  \text{snapshots} & 50000\,\mathrm{MB} & \approx 92.60\,\% \\" in text
    assert r"  \text{aggregation} & 2997\,\mathrm{MB} & \approx 5.55\,\% \\" in text
    assert r"  \text{total} & 53997\,\mathrm{MB} & 100\,\% \\" in text
    assert "\\qty" not in text and "\\percent" not in text


def test_exact_shares_are_not_marked():
    G = costmodel.symbol("wrap_proof_size")
    model = costmodel.Model.build("halves", {"a": G, "b": G})
    text = latex(model.evaluate({"wrap_proof_size": "3 kB"}))
    assert r"  a & \qty{3}{\kilo\byte} & \qty{50}{\percent} \\" in text
    assert "approx" not in text


def test_parameter_table_golden_with_quotes():
    expected = "\n".join(
        [
            r"\begin{tabular}{@{}c>{\raggedright\arraybackslash}p{0.21\linewidth}"
            r">{\raggedright\arraybackslash}p{0.27\linewidth}"
            r">{\raggedright\arraybackslash}p{0.27\linewidth}@{}}",
            r"  \toprule",
            r"  symbol & meaning & value & source \\",
            r"  \midrule",
            # values may break between number and unit in their narrow column
            r"  $V$ & gates of the recursive verifier circuit & \num{10000} \unit{\gate} & "
            r"seed note, "
            r"Summary of impressions: ``In Nova, this verifier circuit is \textasciitilde{}10,000 "
            r"multiplication gates.'' \\",
            r"  $\beta$ & witness bits per gate as rounded by hand (the note: 750) & "
            r"\num{750} \unit{\bit\per\gate} & seed note, Summary of impressions: ``rounding a "
            r"bit for "
            r"simplicitly, we estimate \textasciitilde{}750 bits per gate in the circuit'' \\",
            r"  \bottomrule",
            r"\end{tabular}",
        ]
    )
    model = costmodel.verifier_witness_bound(rounding="rounded")
    assert render.parameter_table(SEED, model, quotes=True) == expected


def test_parameter_table_without_sources_has_three_columns():
    values = {"folded_witness_size": "2 MiB", "proof_size": "250 kB/proof"}
    text = render.parameter_table(values)
    assert "source" not in text and r"p{0.3\linewidth}@{}}" in text
    # vocabulary order (P before W); 2 MiB stays binary
    assert text.index("$P$") < text.index("$W$")
    assert r"$W$ & one folded witness (what folding ships) & \num{2} \unit{\mebi\byte} \\" in text


def test_preset_renders_as_its_parameter_table():
    text = latex(SEED)
    assert text.count(r"\\") == len(SEED) + 1  # header and one row per value
    assert r"$\rho$ & witness rows per cycle & \num{1} \unit{\row\per\cycle}" in text
    assert r"$k$ & proofs joined per aggregation step & \num{2} &" in text


# -- numbers, units, escaping -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        (Fraction(5099925, 100000), "siunitx", ("50.99925", True)),
        (Fraction(1, 8), "plain", ("0.125", True)),
        (Fraction(2, 3), "siunitx", ("0.6666666667", False)),
        (10**9, "siunitx", ("1e9", True)),
        (10**9, "plain", ("10^{9}", True)),
        (25 * 10**8, "plain", ("25 \\times 10^{8}", True)),
        (2997, "siunitx", ("2997", True)),
        (123456789, "siunitx", ("123456789", True)),
        (0, "plain", ("0", True)),
    ],
)
def test_number_latex(value, mode, expected):
    assert number_latex(value, mode=mode) == expected


def test_float_values_give_exact_sums():
    # 0.1 + 0.1 + 0.1 is 0.30000000000000004 in floats; a float value is read as the
    # decimal it prints as, so three of them make 0.3 GB exactly.
    G = costmodel.symbol("wrap_proof_size")
    model = costmodel.Model.build("thirds", {"a": G, "b": G, "c": G})
    evaluation = model.evaluate({"wrap_proof_size": costmodel.Q_(0.1, "GB")})
    assert 0.1 + 0.1 + 0.1 != 0.3
    assert r"  total & \qty{0.3}{\giga\byte} & \qty{100}{\percent} \\" in latex(
        evaluation, unit="GB"
    )
    assert r"\qty{300}{\mega\byte}" in latex(evaluation)


def test_rounded_values_are_marked_and_digits_are_respected():
    third = Q_(Fraction(1, 3), "kB")
    assert quantity_latex(third) == r"\approx \qty{333.3333333333}{\byte}"
    assert quantity_latex(third, digits=2, mode="plain") == r"\approx 333.33\,\mathrm{B}"


@pytest.mark.parametrize(
    ("unit", "siunitx", "plain"),
    [
        ("GB", r"\giga\byte", r"\mathrm{GB}"),
        ("Mbit/segment", r"\mega\bit\per\segment", r"\mathrm{Mbit}/\mathrm{segment}"),
        ("field_element/gate", r"\fieldelement\per\gate", r"\mathrm{felt}/\mathrm{gate}"),
        ("1/segment", r"\per\segment", r"\mathrm{segment}^{-1}"),
        ("B**2", r"\byte\tothe{2}", r"\mathrm{B}^{2}"),
        ("KiB/s", r"\kibi\byte\per\second", r"\mathrm{KiB}/\mathrm{s}"),
        ("USD/hour", r"\USD\per\hour", r"\mathrm{USD}/\mathrm{h}"),
        ("kcycle", r"\kilo\cycle", r"\mathrm{kcycle}"),
    ],
)
def test_unit_latex(unit, siunitx, plain):
    assert unit_latex(unit) == siunitx
    assert unit_latex(unit, mode="plain") == plain


def test_every_custom_unit_is_declared_and_no_siunitx_unit_is_redeclared():
    declarations = render.siunitx_declarations()
    # every declaration goes through the guard that keeps a unit the document declared
    assert declarations.startswith(PROVIDE_UNIT + "\n")
    assert declarations.removeprefix(PROVIDE_UNIT + "\n") == "\n".join(
        [
            "% units of costmodel's registry that siunitx does not define",
            r"\costmodelProvideSIUnit\USD{USD}",
            r"\costmodelProvideSIUnit\chunk{chunk}",
            r"\costmodelProvideSIUnit\cycle{cycle}",
            r"\costmodelProvideSIUnit\fieldelement{felt}",
            r"\costmodelProvideSIUnit\gate{gate}",
            r"\costmodelProvideSIUnit\join{join}",
            r"\costmodelProvideSIUnit\machine{machine}",
            r"\costmodelProvideSIUnit\proof{proof}",
            r"\costmodelProvideSIUnit\row{row}",
            r"\costmodelProvideSIUnit\segment{segment}",
        ]
    )
    assert {name for name, _, _ in custom_units()}.isdisjoint({"bit", "byte", "second"})


def test_readable_scales_the_information_part_only():
    assert readable(Q_(50_000_000, "B/segment")) == Q_(50, "MB/segment")
    assert str(readable(Q_(50_000_000, "B/segment")).units) == "MB/segment"
    # decimal stays decimal: 3 * 2**20 B is 3.145728 MB, not 3 MiB
    assert readable(Q_(3 * 2**20, "B")) == Q_(Fraction(3145728, 10**6), "MB")
    assert str(readable(Q_(3 * 2**20, "B")).units) == "MB"
    assert readable(Q_(3 * 2**20, "KiB")) == Q_(3, "GiB")
    assert str(readable(Q_(3 * 2**20, "KiB")).units) == "GiB"
    assert str(readable(Q_(10**9, "cycle")).units) == "cycle"
    assert str(readable(Q_(0, "B/proof")).units) == "B/proof"


def test_escape_text():
    assert escape_text("a_b & 50% #1 {x} ~ ^ \\") == (
        r"a\_b \& 50\% \#1 \{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"
    )
    assert escape_text("≈ 3 × 255") == r"\ensuremath{\approx} 3 \ensuremath{\times} 255"
    # in OT1 text a bare | prints as an em dash (as < and > print as ¡ and ¿)
    assert escape_text("avg | sum") == r"avg \textbar{} sum"


def test_term_names_are_escaped():
    model = costmodel.Model.build("odd", {"C_fold & 5%": costmodel.symbol("wrap_proof_size")})
    # the specials sit in math between \text{} runs: MathJax shows \text{C\_fold} literally
    assert r"\text{C}\_\text{fold }\&\text{ 5}\% &= G" in latex(model)


# -- options and errors ---------------------------------------------------------------------


def test_config_is_frozen_and_checked():
    config = LatexConfig()
    with pytest.raises(AttributeError):
        config.mode = "plain"  # type: ignore[misc]
    with pytest.raises(OptionError, match="form: unknown choice 'three_step'"):
        LatexConfig(form="three_step")
    with pytest.raises(OptionError, match="digits"):
        LatexConfig(digits=-1)
    with pytest.raises(UnitError):
        LatexConfig(unit="gigabeans")
    with pytest.raises(TypeError, match='did you mean "standalone"'):
        latex(costmodel.folding(), standlone=True)


def test_forms_with_numbers_need_values():
    with pytest.raises(OptionError, match="needs values"):
        latex(costmodel.folding(), form="three-step")


def test_an_evaluation_of_another_model_is_refused():
    evaluation = costmodel.folding().evaluate(SEED)
    with pytest.raises(OptionError, match="folding"):
        render.equations(costmodel.recursive_stark(), evaluation)


def test_values_are_checked_like_evaluate_checks_them():
    with pytest.raises(DimensionError, match='did you mean "50 MB/segment"'):
        latex(costmodel.recursive_stark(), values={**SEED, "snapshot_size": "50 MB"})


def test_a_unit_that_does_not_fit_is_a_dimension_error():
    with pytest.raises(DimensionError, match="cycle"):
        latex(costmodel.recursive_stark().evaluate(SEED), unit="cycle")


def test_unknown_objects_say_how_to_register():
    with pytest.raises(TypeError, match="register"):
        latex(object())


def test_objects_can_render_themselves_or_be_registered():
    class Own:
        def _costmodel_latex_(self, config):
            return f"own {config.mode}"

    class Registered:
        pass

    @render.register(Registered)
    def _(obj, config, values):
        return f"registered {config.mode} {values}"

    assert latex(Own(), mode="plain") == "own plain"
    assert latex(Registered(), values={"a": 1}) == "registered siunitx {'a': 1}"


def test_solution_latex_for_a_break_even():
    P, o = costmodel.symbol("proof_size"), costmodel.symbol("receipt_overhead")
    instance = costmodel.symbol("folded_instance_size")
    text = render.solution_latex("W^{*}", P + o - instance, [sympy.Gt(P + o - instance, 0)])
    assert text == (
        "\\begin{align*}\n"
        r"  W^{*} &= - I + P + o \qquad \text{if } - I + P + o > 0"
        "\n\\end{align*}"
    )


def test_sympy_expressions_use_the_vocabulary_symbols():
    rho, r = costmodel.symbol("rows_per_cycle"), costmodel.symbol("row_size")
    assert latex(costmodel.symbol("segment_cycles") * rho * r) == r"r \rho C"
    product = costmodel.symbol("proof_size") * costmodel.symbol("machines")
    assert latex(product, mul_symbol="dot") == r"M \cdot P"


# -- documents ------------------------------------------------------------------------------


def test_preamble_and_standalone_document():
    text = latex(costmodel.verifier_witness_bound(), values=SEED, standalone=True)
    assert text.startswith("\\documentclass{article}\n\\usepackage{amsmath}\n")
    # the one siunitx setting, on its own line after a comment saying it may be dropped
    assert "\\usepackage{siunitx}\n% the one siunitx setting" in text
    assert "% drop the next line to keep your document's own per-mode\n" in text
    assert "\n\\sisetup{per-mode = symbol}\n" in text
    assert render.siunitx_declarations() in text
    assert text.endswith("\\qty{956.25}{\\kilo\\byte}\n\\end{align*}\n\\end{document}\n")
    plain = latex(costmodel.verifier_witness_bound(), mode="plain", standalone=True)
    assert "siunitx" not in plain and "DeclareSIUnit" not in plain


def test_export_has_every_part_in_order():
    text = render.export(costmodel.recursive_stark(), SEED)
    parts = text.split("\n\n")
    assert [part.splitlines()[0] for part in parts] == [
        "% recursive_stark (arity=2, transfer=store-and-forward, wrap=False, ship=snapshot): "
        "terms in byte",
        "% recursive_stark (arity=2, transfer=store-and-forward, wrap=False, ship=snapshot): "
        "with numbers",
        "% recursive_stark (arity=2, transfer=store-and-forward, wrap=False, ship=snapshot): "
        "breakdown",
        "% parameters (preset seed-note)",
    ]
    assert parts[1].splitlines()[1:] == latex(costmodel.recursive_stark(), values=SEED).splitlines()
    assert text.endswith("\\end{tabular}\n")
    assert render.export(costmodel.folding()).count("\\begin{align*}") == 1


# -- notebook reprs -------------------------------------------------------------------------


class _HTMLChecker(html.parser.HTMLParser):
    VOID = frozenset({"br", "hr", "img", "meta", "col"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text.append(data)


def _check_html(text: str) -> str:
    checker = _HTMLChecker()
    checker.feed(text)
    checker.close()
    assert checker.stack == []
    return "".join(checker.text)


def _balanced(text: str) -> bool:
    depth = 0
    for index, char in enumerate(text):
        if char in "{}" and index and text[index - 1] == "\\":
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_repr_latex_of_an_evaluation_is_mathjax_safe_and_has_the_total():
    text = repr_latex(costmodel.recursive_stark().evaluate(SEED))
    assert text.startswith("$$\\begin{array}{lrr}\n") and text.endswith("\\end{array}$$")
    assert r"\text{total} & 50.99925\,\mathrm{GB} & 100\,\%" in text
    assert r"\text{snapshots} & 50\,\mathrm{GB} & \approx 98.04\,\%" in text
    for macro in ("\\qty", "\\num", "\\unit", "\\percent", "tabular", "\\toprule"):
        assert macro not in text
    assert _balanced(text)


def test_repr_latex_of_a_model_is_an_aligned_block_with_the_total():
    text = repr_latex(costmodel.recursive_stark())
    assert text.startswith("$$\\begin{aligned}\n") and text.endswith("\\end{aligned}$$")
    assert rf"\text{{total}} &= S {CEIL} + " in text
    assert _balanced(text)


def test_repr_html_of_an_evaluation_has_the_total():
    text = repr_html(costmodel.folding().evaluate(SEED))
    shown = _check_html(text)
    assert "53.997 GB" in shown and "≈ 92.60 %" in shown and "100 %" in shown


def test_repr_html_of_a_model_escapes_its_formulas():
    text = repr_html(costmodel.recursive_stark())
    shown = _check_html(text)
    assert "total" in shown and rf"\(S {CEIL} + " in shown
    assert "recursive_stark, terms in B" in shown


def test_reprs_of_other_objects_are_none():
    assert repr_latex(object()) is None and repr_html(3) is None


def test_repr_pretty_prints_the_text_form():
    class Printer:
        def __init__(self):
            self.out = []

        def text(self, s):
            self.out.append(s)

    evaluation = costmodel.recursive_stark().evaluate(SEED)
    printer = Printer()
    repr_pretty(evaluation, printer, False)
    # the readable table (header, aligned values, shares), not the one-line field dump
    assert "term" in printer.out[0] and "50.99925 GB" in printer.out[0]
    assert "98.04 %" in printer.out[0] and "Evaluation(" not in printer.out[0]
    printer = Printer()
    repr_pretty(evaluation, printer, True)
    assert printer.out == ["<Evaluation ...>"]


# -- matplotlib and examples ----------------------------------------------------------------


def _module_level_imports(nodes):
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_render_never_imports_matplotlib_at_import():
    # (which layers render/ may import: tests/test_layers.py, for every package)
    for path in sorted((ROOT / "costmodel" / "render").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in _module_level_imports(tree.body):  # module level: runs at import time
            assert not name.startswith("matplotlib"), f"{path.name} imports {name} at import"
    done = subprocess.run(
        [sys.executable, "-c", "import sys, costmodel.render; print('matplotlib' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_latex_export_example_runs(tmp_path, capsys, monkeypatch):
    example = str(ROOT / "examples" / "latex_export.py")
    monkeypatch.setattr(sys, "argv", ["latex_export.py"])
    runpy.run_path(example, run_name="__main__")
    out = capsys.readouterr().out
    assert "\\qty{50.99925}{\\giga\\byte}" in out and "wrote" not in out
    target = tmp_path / "seed.tex"
    monkeypatch.setattr(sys, "argv", ["latex_export.py", str(target)])
    runpy.run_path(example, run_name="__main__")
    written = target.read_text(encoding="utf-8")
    assert written.startswith("\\documentclass{article}") and written.endswith("\\end{document}\n")
    assert written.count("% parameters (preset seed-note)") == 2


def test_breakeven_latex_golden():
    seed = costmodel.presets.load("seed-note")
    result = costmodel.folded_witness_breakeven()
    # W* = P + o - I, its condition (W* > 0, i.e. P + o > I, written once with the
    # negative term moved right), and its value at the seed: 250 kB
    assert costmodel.latex(result, values=seed) == (
        "\\begin{align*}\n"
        "  W^{*} &= P + o - I \\qquad \\text{if } P + o > I \\\\\n"
        "  W^{*} &= \\qty{250}{\\kilo\\byte}\n"
        "\\end{align*}"
    )
    # the note's verifier accounting: V* = 8 (P + o - I) / (e b), the positive factor
    # 8 / (e b) in front; V* > 0 holds exactly when P + o > I
    assert costmodel.latex(costmodel.verifier_gates_breakeven()) == (
        "\\begin{align*}\n"
        "  V^{*} &= \\frac{8}{e b} \\left(P + o - I\\right) \\qquad \\text{if } P + o > I\n"
        "\\end{align*}"
    )
    # the notebook shows the readable form too (W* = P + o - I, if P + o > I), in aligned
    assert result._repr_latex_() == (
        "$$\\begin{aligned}\n  W^{*} &= P + o - I \\qquad \\text{if } P + o > I\n\\end{aligned}$$"
    )
    assert "W^{*}" in result._repr_html_() and "&gt; 0" in result._repr_html_()


def test_model_and_evaluation_reprs_carry_the_total():
    seed = costmodel.presets.load("seed-note")
    result = costmodel.recursive_stark().evaluate(seed)
    assert "50.99925" in result._repr_latex_() and "50.99925 GB" in result._repr_html_()
    assert result._repr_latex_().startswith("$$")
    assert "\\text{snapshots}" in costmodel.recursive_stark()._repr_latex_()
