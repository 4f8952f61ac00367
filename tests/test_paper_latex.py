"""Paper output: tables in floats, longtable, estimates and ranges, citations, digits, 2^n."""

from __future__ import annotations

import re

import pytest

import costmodel
from costmodel import render
from costmodel.errors import OptionError
from costmodel.render.bibtex import source_key, source_latex

SEED = costmodel.presets.load("seed-note")
OPENVM = costmodel.presets.load("openvm")


def test_breakdown_table_in_a_float_with_caption_and_label():
    text = costmodel.latex(
        costmodel.recursive_stark().evaluate(SEED), caption="Costs & shares", label="tab:c"
    )
    assert text.startswith("\\begin{table}[htbp]\n  \\centering\n")
    assert "\\caption{Costs \\& shares}" in text and "\\label{tab:c}" in text
    assert text.endswith("\\end{tabular}\n\\end{table}")
    # no caption, no label: a bare tabular, as before
    assert costmodel.latex(costmodel.recursive_stark().evaluate(SEED)).startswith(
        "\\begin{tabular}"
    )


def test_label_with_tex_specials_is_refused():
    with pytest.raises(OptionError, match="label"):
        render.LatexConfig(label="tab:{x}")


def test_longtable_marks_estimates_and_ranges_and_cites_the_bib_keys():
    text = render.parameter_table(OPENVM, longtable=True, cite=True, caption="OpenVM")
    assert text.startswith("\\begin{longtable}") and "\\endhead" in text
    # join_time is an estimate published with a range 1.479 .. 3.01132 s/join
    row = next(line for line in text.splitlines() if line.startswith("  $t_{\\mathrm{join}}$"))
    assert "(est.)" in row
    assert (
        "[\\num{1.479} \\unit{\\second\\per\\join}, \\num{3.01132} \\unit{\\second\\per\\join}]"
        in row
    )
    # lift_time is read, not estimated
    lift = next(line for line in text.splitlines() if line.startswith("  $t_{\\mathrm{lift}}$"))
    assert "(est.)" not in lift
    # every cited key is an entry of the preset's .bib
    bib = costmodel.bibtex("openvm")
    cited = set(re.findall(r"\\cite\{([^}]+)\}", text))
    entries = set(re.findall(r"@misc\{([^,]+),", bib))
    assert cited and cited <= entries
    assert len(entries) == len({s.source for s in OPENVM.sources.values()})


def test_source_key_is_the_same_for_the_same_text_in_any_preset():
    text = "seed note, Napkin Math for Network Costs"
    assert source_key(text) == source_key(text)
    assert source_key(text) != source_key(text + " (other)")
    assert source_key(text).startswith("seed-note-napkin-")


def test_sources_with_addresses_become_url():
    assert source_latex("docs, https://a.org/x_y, p. 2") == "docs, \\url{https://a.org/x_y}, p. 2"
    # an address with % cannot go into \url inside a table cell: escaped text instead
    assert "\\url" not in source_latex("https://a.org/100%")


def test_bibtex_needs_a_preset():
    with pytest.raises(OptionError, match="preset"):
        costmodel.bibtex()


def test_digits_reach_breakeven_values_and_one_sign_only():
    result = costmodel.verifier_gates_breakeven()
    # V* = 8 * 250000 / 765 = 2614.3790849... gates
    text = costmodel.latex(result, values=SEED, digits=1)
    assert "V^{*} &\\approx \\qty{2614.4}{\\gate}" in text
    assert "= \\approx" not in text and "&= \\approx" not in text


def test_three_step_results_never_pair_equals_and_approx():
    text = costmodel.latex(costmodel.recursive_stark(), values=SEED, digits=2)
    # 50.99925 GB rounded to two decimals: the line's relation is the approximation
    assert "&\\approx \\qty{51.00}{\\giga\\byte}" in text
    assert "= \\approx" not in text


def test_powers_of_two_when_asked():
    values = {**SEED, "segment_cycles": "1048576 cycle/segment"}
    text = costmodel.latex(costmodel.recursive_stark(), values=values, powers_of_two=True)
    assert "\\qty[parse-numbers = false]{2^{20}}{\\cycle\\per\\segment}" in text
    assert "1048576" not in text
    plain = costmodel.latex(
        costmodel.recursive_stark(), values=values, powers_of_two=True, mode="plain"
    )
    assert "2^{20}\\,\\mathrm{cycle}/\\mathrm{segment}" in plain
    # off by default; 1000 is not a power of two
    assert "2^{20}" not in costmodel.latex(costmodel.recursive_stark(), values=values)
    assert render.units_latex.number_latex(1000, powers_of_two=True) == ("1000", True)


def test_long_sums_break_only_outside_groups():
    from costmodel.render.latex import break_sum

    # "(a + b)" shows 5 characters, "+ c + d" 4: with room for 5 the cut falls after the
    # group, never inside it
    assert break_sum(r"\left(a + b\right) + c + d", width=5) == [r"\left(a + b\right)", "+ c + d"]
    # with room for 3 the group itself is too wide: its \left( .. \right) loosen to
    # \bigl( .. \bigr), which may break
    assert break_sum(r"\left(a + b\right) + c", width=3) == [r"\bigl(a", r"+ b\bigr)", "+ c"]
    # each piece balances its braces
    for piece in break_sum(r"\frac{a + b}{c} + \qty{1}{\byte} + e", width=2):
        assert piece.count("{") == piece.count("}")


def test_plots_speak_words_and_plot_breakevens_in_any_unit(tmp_path):
    pytest.importorskip("matplotlib")
    from costmodel.render.plots import plot_breakdown, plot_breakeven, pyplot

    seed = costmodel.presets.load("seed-note")
    # V* is in gates: the default unit follows the parameter (no pint error for kB)
    figure = plot_breakeven(
        costmodel.verifier_gates_breakeven(fold=costmodel.folding(arity=None)),
        seed,
        "arity",
        ["2", "4", "8"],
        path=tmp_path / "vstar",
    )
    axes = figure.axes[0]
    assert axes.get_ylabel() == "verifier-size break-even $V^*$ [gate]"
    assert axes.get_title() == "verifier witness bound against folded-witness break-even $W^*$"
    # no byte bounds drawn on a plot in gates
    assert [line.get_label() for line in axes.get_lines()] == ["verifier-size break-even $V^*$"]
    assert (tmp_path / "vstar.png").stat().st_size > 1000
    pyplot().close(figure)

    figure = plot_breakdown(
        costmodel.recursive_stark(), seed, "segment_cycles", ([1e5, 1e6, 1e7], "cycle/segment")
    )
    axes = figure.axes[0]
    assert axes.get_title() == "recursive STARK: communication by phase"
    assert "segment proofs" in [line.get_label() for line in axes.get_lines()]
    pyplot().close(figure)


def test_readable_log_axis_labels_between_decades():
    pytest.importorskip("matplotlib")
    from costmodel.render.plots import pyplot, readable_log_axis

    plt = pyplot()
    figure, axes = plt.subplots()
    axes.set_xscale("log")
    axes.set_xlim(1, 1000)
    readable_log_axis(axes.xaxis)
    figure.canvas.draw()
    ticks = [t for t in axes.get_xticks() if 1 <= t <= 1000]
    # 1, 2, 5 per decade over three decades, then 1000
    assert ticks == pytest.approx([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
    labels = [t.get_text() for t in axes.get_xticklabels() if t.get_text()]
    assert "200" in labels and "1,000" in labels
    plt.close(figure)
