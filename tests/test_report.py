"""The Markdown report: exact values worked by hand, break-evens, sources, plots, determinism.

Hand-worked seed values (N = 1000 segments, binary tree, J = 999 joins, store-and-forward):
snapshots 1000 x 50 MB = 50 GB; segment proofs 1000 x 250 kB = 250 MB; aggregation
(N + J - 1 + J) = 2997 proofs x 250 kB = 749.25 MB; total 50.99925 GB.  Folding with
W = 1 MB ships the same 3997 items: 50 GB + 1 GB + 2.997 GB = 53.997 GB.  W* = P + o - I
= 250 kB.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

import costmodel
from costmodel.render import report
from costmodel.render.report import markdown_report

SEED = costmodel.presets.load("seed-note")


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _section(text: str, heading: str) -> str:
    """The text from ``heading`` to the next heading of the same or a higher level."""
    start = text.index(heading)
    level = heading.split(" ")[0]
    rest = text[start + len(heading) :]
    ends = [rest.find("\n" + "#" * n + " ") for n in range(1, len(level) + 1)]
    ends = [e for e in ends if e >= 0]
    return heading + (rest[: min(ends)] if ends else rest)


def test_seed_breakdown_is_exact():
    text = markdown_report(costmodel.recursive_stark(), SEED)
    lines = _lines(text)
    # shares: 50/50.99925 = 0.980406..., 0.25/50.99925 = 0.004902..., 0.74925/50.99925 = 0.014691...
    table = [
        "| term | value | share |",
        "| --- | ---: | ---: |",
        "| snapshots | 50 GB | ≈ 98.04 % |",
        "| segment proofs | 250 MB | ≈ 0.49 % |",
        "| aggregation | 749.25 MB | ≈ 1.47 % |",
        "| **total** | **50.99925 GB** | 100 % |",
    ]
    start = lines.index(table[0])
    assert lines[start : start + len(table)] == table
    assert lines[0] == "# Cost comparison"
    assert "- segments: 1000 segment" in lines and "- joins: 999" in lines
    assert "- items shipped: 3997" in lines  # 1000 + 1998 + 999
    assert "50.99925000" not in text and "e+" not in text


def test_one_unit_for_every_value():
    text = markdown_report(costmodel.recursive_stark(), SEED, unit="MB")
    assert "| aggregation | 749.25 MB | ≈ 1.47 % |" in text
    assert "| **total** | **50999.25 MB** | 100 % |" in text
    assert "| snapshots | 50000 MB |" in text


def test_models_formulas_and_options():
    text = markdown_report(costmodel.recursive_stark(), SEED)
    section = _section(text, "### recursive_stark")
    assert (
        "Options: `arity=2`, `transfer=store-and-forward`, `wrap=False`, `ship=snapshot`."
        in section
    )
    assert "| term | formula [B] |" in section
    assert r"| snapshots | $S \left\lceil{\frac{T}{C}}\right\rceil$ |" in section
    assert (
        r"| aggregation | $\left(P + o\right) \left(3 \left\lceil{\frac{T}{C}}\right\rceil"
        r" - 3\right)$ |"
    ) in section
    # the total is the terms joined, in order
    total = next(line for line in _lines(section) if line.startswith("| total |"))
    assert total.index(r"$S \left\lceil") < total.index(r"+ \left(P + o\right) \left\lceil")


def test_comparison_of_totals():
    text = markdown_report([costmodel.recursive_stark(), costmodel.folding()], SEED)
    assert "| **total** | **53.997 GB** | 100 % |" in _section(text, "### folding")
    comparison = _section(text, "## Comparison")
    assert "| recursive_stark | 50.99925 GB | cheapest |" in comparison
    # 53.997 - 50.99925 = 2.99775 GB; 2.99775 / 50.99925 = 0.0587803...
    assert "| folding | 53.997 GB | +2.99775 GB (≈ +5.88 %) |" in comparison


def test_one_model_has_no_comparison():
    assert "## Comparison" not in markdown_report(costmodel.folding(), SEED)


def test_models_of_one_name_are_told_apart():
    text = markdown_report(
        [costmodel.recursive_stark(), costmodel.recursive_stark(ship="witness")], SEED
    )
    assert (
        "### recursive_stark (arity=2, transfer=store-and-forward, wrap=False, ship=snapshot)"
    ) in text
    assert "ship=witness)\n" in text
    # witnesses: 1000 segments x 1e6 cycles x 1 row x 1 kB = 1 TB, plus the same 999.25 MB
    assert "| **total** | **1.00099925 TB** | 100 % |" in text


def test_folded_witness_breakeven():
    text = markdown_report(
        [costmodel.folding(), costmodel.recursive_stark()],
        SEED,
        breakevens=costmodel.folded_witness_breakeven(),
    )
    section = _section(text, "### `folding` = `recursive_stark`")
    assert "solved for `folded_witness_size`" in section
    assert "$W^{*} = - I + P + o$ when $- I + P + o > 0$." in section
    assert "At these values $W^{*}$ = 250 kB." in section
    assert "Below it `folding` is cheaper; above it `recursive_stark` is cheaper." in section
    assert "Both sides there: 50.99925 GB." in section


def test_breakeven_that_does_not_terminate_shows_the_fraction():
    # V* = 8 (P + o - I) / (e b) = 8 * 250000 B / (3 * 255 bit) = 2000000 / 765 = 400000/153
    text = markdown_report(
        costmodel.verifier_witness_bound(), SEED, breakevens=[costmodel.verifier_gates_breakeven()]
    )
    assert r"$V^{*} = \frac{8 \left(- I + P + o\right)}{e b}$" in text
    assert "$V^{*}$ ≈ 2614.3790849673 gate (exactly 400000/153 gate)." in text


def test_numeric_breakeven():
    # folding k-ary against the binary STARK tree, W = 300 kB: at k = 3 the layered tree over
    # 1000 leaves has 333 + 111 + 37 + 13 + 4 + 2 + 1 = 501 joins, so folding ships
    # 1000 + 1500 + 501 = 3001 items x 300 kB = 900.3 MB (total 50.9003 GB < 50.99925 GB);
    # at k = 2 it ships 3997 x 300 kB = 1199.1 MB (more than the STARK's 999.25 MB).
    result = costmodel.breakeven(
        costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
    )
    values = {**SEED, "folded_witness_size": "300 kB"}
    text = markdown_report(costmodel.folding(arity=None), values, breakevens=[result])
    section = _section(text, "### `folding` = `recursive_stark`, solved for `arity`")
    assert "No closed form: arity sits inside" in section
    assert (
        "At these values the sides cross between 2 and 3 (found numerically): $k^{*}$ = 3 "
        "is the first whole value past the crossing."
    ) in section
    assert "Below it `recursive_stark` is cheaper; above it `folding` is cheaper." in section
    assert "There `folding` is 50.9003 GB and `recursive_stark` is 50.99925 GB." in section


def test_no_breakeven_at_these_values_is_reported():
    # I = 300 kB > P + o = 250 kB: W* = -50 kB is no folded witness size
    values = {**SEED, "folded_instance_size": "300 kB"}
    text = markdown_report(
        costmodel.folding(), values, breakevens=[costmodel.folded_witness_breakeven()]
    )
    assert "At these values, no break-even: folded_witness_size* = -50000 B" in text


def test_bad_values_raise():
    with pytest.raises(costmodel.DimensionError, match='did you mean "50 MB/segment"'):
        markdown_report(costmodel.recursive_stark(), {**SEED, "snapshot_size": "50 MB"})
    with pytest.raises(costmodel.MissingParameterError):
        markdown_report(costmodel.folding(), {"total_cycles": "1e9 cycle"})
    with pytest.raises(costmodel.ExpressionError, match="at least one model"):
        markdown_report([], SEED)


def test_parameter_table_with_sources():
    text = markdown_report(costmodel.recursive_stark(), SEED)
    table = _section(text, "## Parameters")
    assert "| parameter | symbol | meaning | value | source |" in table
    snapshot = next(line for line in _lines(table) if line.startswith("| `snapshot_size`"))
    assert snapshot.startswith(
        "| `snapshot_size` | $S$ | memory snapshot shipped per segment | "
        "50 MB/segment | seed note, Communication complexity, point 2: "
    )
    assert "We use 50MB for the analysis that follows" in snapshot
    # only the model's parameters, in the vocabulary's order
    names = [line.split("`")[1] for line in _lines(table) if line.startswith("| `")]
    assert names == [
        "total_cycles",
        "segment_cycles",
        "snapshot_size",
        "proof_size",
        "receipt_overhead",
    ]
    assert "Values: preset `seed-note` (*Napkin Math" in text


def test_parameter_table_without_quotes_or_sources():
    short = markdown_report(costmodel.recursive_stark(), SEED, quotes=False)
    row = next(line for line in _lines(short) if line.startswith("| `snapshot_size`"))
    assert row.endswith("| seed note, Communication complexity, point 2 |")
    given = {**SEED, "snapshot_size": "400 Mbit/segment"}
    plain = markdown_report(costmodel.recursive_stark(), given)
    assert "| parameter | symbol | meaning | value |\n" in plain and "source" not in plain
    assert (
        "| `snapshot_size` | $S$ | memory snapshot shipped per segment | 400 Mbit/segment |"
        in plain
    )
    assert "| **total** | **50.99925 GB** | 100 % |" in plain  # 400 Mbit = 50 MB exactly
    assert "Values: as given" in plain


def test_sources_given_beside_changed_values():
    given = {**SEED, "snapshot_size": "200 MB/segment"}
    sources = {
        **{k: v for k, v in SEED.sources.items() if k != "snapshot_size"},
        "snapshot_size": "the note's upper bound",
    }
    text = markdown_report(costmodel.recursive_stark(), given, sources=sources, quotes=False)
    rows = {line.split("`")[1]: line for line in _lines(text) if line.startswith("| `")}
    assert rows["snapshot_size"].endswith("| 200 MB/segment | the note's upper bound |")
    assert rows["proof_size"].endswith("| seed note, Napkin Math for Network Costs |")
    # 1000 x 200 MB + 999.25 MB
    assert "| **total** | **200.99925 GB** | 100 % |" in text


def test_breakeven_parameters_join_the_table():
    text = markdown_report(
        costmodel.verifier_witness_bound(), SEED, breakevens=[costmodel.verifier_gates_breakeven()]
    )
    names = [
        line.split("`")[1]
        for line in _lines(_section(text, "## Parameters"))
        if line.startswith("| `")
    ]
    # V* is solved against W*, whose sides (folding, the STARK tree) need their own values
    assert names == [
        "total_cycles",
        "segment_cycles",
        "rows_per_cycle",
        "row_size",
        "snapshot_size",
        "proof_size",
        "receipt_overhead",
        "folded_witness_size",
        "folded_instance_size",
        "verifier_gates",
        "elements_per_gate",
        "field_element_bits",
    ]


def test_same_input_same_bytes():
    def make() -> str:
        return markdown_report(
            [costmodel.recursive_stark(), costmodel.folding()],
            SEED,
            breakevens=[
                costmodel.folded_witness_breakeven(),
                costmodel.snapshot_witness_breakeven(),
            ],
        )

    assert make() == make()


def test_no_plots_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = markdown_report(
        costmodel.recursive_stark(), SEED, breakevens=[costmodel.folded_witness_breakeven()]
    )
    assert "![" not in text and "matplotlib" not in text
    assert list(tmp_path.iterdir()) == []


def test_importing_the_report_does_not_import_matplotlib():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, costmodel.render.report; print('matplotlib' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "False"


def test_plots_embedded_when_asked(tmp_path):
    pytest.importorskip("matplotlib")
    plots = tmp_path / "plots"
    text = markdown_report(
        [costmodel.recursive_stark(), costmodel.folding()],
        SEED,
        breakevens=[costmodel.folded_witness_breakeven()],
        plots_dir=plots,
    )
    images = [line for line in _lines(text) if line.startswith("![")]
    link = plots.as_posix()
    # the totals are most sensitive to the segment size (elasticity -68000/67999, tied with
    # total_cycles and ordered by name); W* = P + o - I to the proof size (elasticity 1)
    assert images == [
        f"![recursive_stark: total and each term against segment_cycles]"
        f"({link}/breakdown-1-recursive-stark.png)",
        f"![folding: total and each term against segment_cycles]({link}/breakdown-2-folding.png)",
        f"![folded_witness_size* against proof_size]({link}/breakeven-1-folded-witness-size.png)",
    ]
    for stem in (
        "breakdown-1-recursive-stark",
        "breakdown-2-folding",
        "breakeven-1-folded-witness-size",
    ):
        png = plots / f"{stem}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert (plots / f"{stem}.pdf").stat().st_size > 0
    # the breakdown plot sits in its model's section
    assert "breakdown-2-folding.png" in _section(text, "### folding")


def test_plot_links_and_over(tmp_path):
    pytest.importorskip("matplotlib")
    text = markdown_report(
        [costmodel.recursive_stark()],
        SEED,
        breakevens=[costmodel.folded_witness_breakeven()],
        plots_dir=tmp_path / "out",
        plots_link="figures",
        over="total_cycles",
    )
    images = [line for line in _lines(text) if line.startswith("![")]
    # W* does not depend on total_cycles: its plot keeps its own choice
    assert images == [
        "![recursive_stark: total and each term against total_cycles]"
        "(figures/breakdown-1-recursive-stark.png)",
        "![folded_witness_size* against proof_size](figures/breakeven-1-folded-witness-size.png)",
    ]
    assert (tmp_path / "out" / "breakdown-1-recursive-stark.png").is_file()


def test_same_bytes_with_plots(tmp_path):
    pytest.importorskip("matplotlib")

    def make() -> str:
        return markdown_report(
            costmodel.folding(),
            SEED,
            plots_dir=tmp_path / "p",
            plots_link="p",
            breakevens=[costmodel.folded_witness_breakeven()],
        )

    assert make() == make()


def test_bounds_only_on_breakevens_of_their_dimension(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    from costmodel.render import plots

    seen: list[tuple[str, dict]] = []
    real = plots.plot_breakeven

    def recording(result, values, over, grid, **options):
        seen.append((result.solve_for.name, dict(options["bounds"])))
        return real(result, values, over, grid, **options)

    monkeypatch.setattr(plots, "plot_breakeven", recording)
    bounds = {"Nova": "937.5 kB", "a gate count": "100 gate"}
    markdown_report(
        costmodel.verifier_witness_bound(),
        SEED,
        plots_dir=tmp_path,
        breakevens=[costmodel.folded_witness_breakeven(), costmodel.verifier_gates_breakeven()],
        bounds=bounds,
    )
    assert [(name, list(shown)) for name, shown in seen] == [
        ("folded_witness_size", ["Nova"]),
        ("verifier_gates", ["a gate count"]),
    ]


def test_numeric_breakeven_plotted_only_against_over(tmp_path):
    pytest.importorskip("matplotlib")
    result = costmodel.breakeven(
        costmodel.folding(arity=None), costmodel.recursive_stark(), solve_for="arity"
    )
    values = {**SEED, "folded_witness_size": "300 kB"}
    without = markdown_report(
        costmodel.folding(arity=None),
        values,
        breakevens=[result],
        plots_dir=tmp_path / "a",
        plots_link="a",
    )
    assert "arity* against" not in without
    with_over = markdown_report(
        costmodel.folding(arity=None),
        values,
        breakevens=[result],
        plots_dir=tmp_path / "b",
        plots_link="b",
        over="folded_witness_size",
    )
    assert "![arity* against folded_witness_size](b/breakeven-1-arity.png)" in with_over


def test_without_matplotlib_the_report_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "_matplotlib_available", lambda: False)
    plots = tmp_path / "plots"
    text = markdown_report(costmodel.recursive_stark(), SEED, plots_dir=plots)
    assert "![" not in text
    assert 'matplotlib is not installed: `pip install "costmodel[plot]"`' in text
    assert not plots.exists()


def test_pipes_in_names_are_escaped():
    model = costmodel.Model.build("odd", {"a|b": costmodel.symbol("wrap_proof_size")})
    text = markdown_report(model, {"wrap_proof_size": "2 kB"})
    assert r"| a\|b | 2 kB | 100 % |" in text
