"""The trade-off, elasticities, sweeps and plots."""

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel.analysis import dominance, dominant_term, elasticities, elasticity, sweep
from costmodel.functions import numpy_log
from tests.strategies import architectures, seed_like_values, with_arity


def test_tradeoff_at_hand_worked_points(seed):
    tradeoff = costmodel.folding_tradeoff("rounded")
    # Nova, rounded: B = 937.5 kB. W = 1875 kB: share 1/2, overhead 2.
    # W = 3750 kB: share 1/4, overhead 4/3.
    first, second = tradeoff.at(seed, ["1875 kB", "3750 kB"])
    assert (first.verifier_share, first.overhead) == (Fraction(1, 2), 2)
    assert (second.verifier_share, second.overhead) == (Fraction(1, 4), Fraction(4, 3))
    # communication at W = 1.875 MB: 50 GB + 3997 x 1.875 MB = 57 494 375 000 B
    assert first.communication.to("B").magnitude == 57_494_375_000
    with pytest.raises(costmodel.ParameterValueError, match="not above the verifier"):
        tradeoff.at(seed, ["900 kB"])
    W = costmodel.symbol("folded_witness_size")
    assert costmodel.unit_of(tradeoff.share) == costmodel.ureg.Unit("")
    overhead = costmodel.plain(tradeoff.overhead)
    assert sympy.simplify(overhead.xreplace({W: 2 * costmodel.plain(tradeoff.bound)})) == 2


def test_elasticities_hand_worked(seed):
    # total f = N S + (4N - 3) P with N = T / C (relaxed), binary store-and-forward.
    # e_S = N S / f = 50e9 / 50.99925e9 = 200000/203997
    # e_P = (4N - 3) P / f = 3997 * 250000 / 50.99925e9 = 3997/203997
    # e_T = T f'(T) / f = N (S + 4P) / f = (f + 3P) / f = 68000/67999; e_C = -e_T
    ranked = {e.name: e for e in elasticities(costmodel.recursive_stark(), seed)}
    assert ranked["snapshot_size"].value == Fraction(200_000, 203_997)
    assert ranked["proof_size"].value == Fraction(3997, 203_997)
    assert ranked["total_cycles"].value == Fraction(68_000, 67_999)
    assert ranked["segment_cycles"].value == -Fraction(68_000, 67_999)
    assert ranked["receipt_overhead"].value == 0  # o = 0 at the seed
    assert ranked["snapshot_size"].exact and not ranked["total_cycles"].exact


@given(
    architectures(),
    seed_like_values(),
    st.sampled_from(
        ("snapshot_size", "proof_size", "folded_witness_size", "row_size", "receipt_overhead")
    ),
)
def test_elasticities_match_finite_differences(model, values, name):
    if name not in model.parameter_names:
        return
    values = with_arity(model, values)
    param = costmodel.param(name)
    x = param.exact_value(values[name])
    step = x / 2 if x > 0 else Fraction(1)  # x - step stays a valid (positive) value
    unit = param.unit

    def total(at):
        return Fraction(model.evaluate({**values, name: f"({at}) {unit}"}).total.magnitude)

    # the total is linear in each size, so the central difference is the derivative
    low = x - step if x > 0 else x
    derivative = (total(x + step) - total(low)) / (x + step - low)
    expected = x * derivative / total(x)
    subs = model.substitutions(values)
    assert elasticity(model, name).xreplace(subs) == expected


def test_elasticity_of_cycles_against_a_whole_segment_step(seed):
    # binary tree: one more segment adds S + 4P exactly, as the relaxed derivative says
    model = costmodel.recursive_stark()
    base = Fraction(model.evaluate(seed).total.magnitude)
    more = Fraction(model.evaluate({**seed, "total_cycles": "1001000000 cycle"}).total.magnitude)
    slope = (more - base) / 10**6
    assert {e.name: e.value for e in elasticities(model, seed)}[
        "total_cycles"
    ] == 10**9 * slope / base


def test_dominance(seed):
    assert dominant_term(costmodel.recursive_stark(), seed) == (
        "snapshots",
        Fraction(200_000, 203_997),
    )
    # with a 1 kB snapshot the proofs dominate: 1000 x 1 kB against 3997 x 250 kB
    rows = dominance(
        costmodel.recursive_stark(), seed, "snapshot_size", ["1 kB/segment", "50 MB/segment"]
    )
    assert [name for _, name, _ in rows] == ["aggregation", "snapshots"]


@given(architectures(), seed_like_values(), st.data())
def test_sweep_matches_evaluate(model, values, data):
    values = with_arity(model, values)
    name = data.draw(st.sampled_from([p for p in model.parameter_names if p not in ("arity",)]))
    param = costmodel.param(name)
    base = param.exact_value(values[name])
    points = sorted({max(int(base) * m, 1) for m in (1, 2, 3, 7)})
    result = sweep(model, values, {name: (np.array(points, dtype=float), param.unit)})
    for index, point in enumerate(points):
        exact = model.evaluate({**values, name: f"{point} {param.unit}"})
        assert result.total[index] == pytest.approx(float(exact.total.magnitude), rel=1e-12)
        for term, quantity in exact.terms.items():
            assert result.terms[term][index] == pytest.approx(
                float(quantity.magnitude), rel=1e-12, abs=1e-9
            )


def test_sweep_over_arity_and_cycles_with_mesh(seed):
    model = costmodel.recursive_stark(arity=None)
    result = sweep(
        model,
        seed,
        {"arity": (np.arange(2, 9), ""), "total_cycles": (np.array([1, 2**30 / 1e9]), "Gcycle")},
        mesh=True,
        unit="GB",
    )
    assert result.total.shape == (7, 2)
    for i, k in enumerate(range(2, 9)):
        for j, cycles in enumerate(("1e9 cycle", f"{2**30} cycle")):
            exact = model.evaluate({**seed, "arity": k, "total_cycles": cycles}).total
            assert result.total[i, j] == pytest.approx(float(exact.to("GB").magnitude), rel=1e-12)


def test_sweep_errors(seed):
    model = costmodel.folding()
    with pytest.raises(costmodel.DimensionError):
        sweep(model, seed, {"folded_witness_size": (np.array([1.0]), "cycle")})
    with pytest.raises(costmodel.ParameterValueError, match="negative"):
        sweep(model, seed, {"folded_witness_size": (np.array([-1.0]), "kB")})
    with pytest.raises(costmodel.ParameterValueError, match="finite"):
        sweep(model, seed, {"folded_witness_size": (np.array([np.nan]), "kB")})
    with pytest.raises(costmodel.UnknownParameterError, match="did you mean"):
        sweep(model, seed, {"folded_witness_sise": (np.array([1.0]), "kB")})
    with pytest.raises(costmodel.ParameterValueError, match="whole"):
        sweep(costmodel.folding(arity=None), seed, {"arity": (np.array([2.5]), "")})


def test_numpy_log_is_exact_at_powers():
    exponents = np.arange(1, 63)
    assert np.array_equal(numpy_log(2.0**exponents, 2), exponents)
    assert np.array_equal(numpy_log(3.0 ** np.arange(1, 30), 3), np.arange(1, 30))
    # not a power: left as the float quotient
    assert numpy_log(1000.0, 2) == pytest.approx(9.965784284662087)


def test_sweep_result_units_and_dataframe(seed):
    result = sweep(costmodel.folding(), seed, {"folded_witness_size": ["250 kB", "1 MB"]})
    assert result.unit == "B"
    assert list(result.to("GB").total) == pytest.approx([50.99925, 53.997])
    pandas = pytest.importorskip("pandas")
    frame = result.to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert frame.columns[0] == "folded_witness_size [B]"
    assert frame["total [B]"].tolist() == pytest.approx([50.99925e9, 53.997e9])


def test_plots_write_png_and_pdf(tmp_path, seed):
    pytest.importorskip("matplotlib")
    from costmodel.render.plots import plot_breakdown, plot_breakeven, plot_tradeoff

    figure = plot_breakdown(
        costmodel.recursive_stark(),
        seed,
        "segment_cycles",
        (np.logspace(4, 8, 20), "cycle/segment"),
        path=tmp_path / "b",
    )
    axes = figure.axes[0]
    assert axes.get_xlabel() == "segment cycles [cycle/segment]"
    assert axes.get_ylabel() == "communication [GB]"
    assert len(axes.lines) == 4  # total + three terms
    assert (tmp_path / "b.png").stat().st_size > 0 and (tmp_path / "b.pdf").stat().st_size > 0

    result = costmodel.folded_witness_breakeven(fold=costmodel.folding(arity=None))
    figure = plot_breakeven(result, seed, "arity", ["2", "3", "4", "8"], path=tmp_path / "w")
    axes = figure.axes[0]
    assert len(axes.lines) == 3  # W* and the Nova and CycleFold states
    # in words, the unit chosen from the values (W* is 250 kB and up here)
    assert axes.get_ylabel() == "folded-witness break-even $W^*$ [kB]"
    ys = axes.lines[0].get_ydata()
    assert ys[0] == pytest.approx(250.0)  # W* = P at k = 2
    # by default the library's accountings at the measured circuits (test_accounting):
    # Nova's 2-cycle state 50,681 x 32 B, Nova + CycleFold 104,106 x 32 B
    bounds = sorted(line.get_ydata()[0] for line in axes.lines[1:])
    assert bounds == pytest.approx([1621.792, 3331.392])
    from costmodel.studies import note_verifier_bounds

    figure = plot_breakeven(result, seed, "arity", ["2", "3"], bounds=note_verifier_bounds())
    # the note's own rounded bounds, when asked: 750 bits x 10,000 and 1,000 gates
    bounds = sorted(line.get_ydata()[0] for line in figure.axes[0].lines[1:])
    assert bounds == pytest.approx([93.75, 937.5])

    figure = plot_tradeoff(
        costmodel.folding_tradeoff("rounded"), seed, ["1 MB", "2 MB", "10 MB"], path=tmp_path / "t"
    )
    assert len(figure.axes) == 2 and figure.axes[0].get_xlabel() == "folded witness size [kB]"
    assert (tmp_path / "t.pdf").exists()


@given(
    st.integers(min_value=1, max_value=10**7),
    st.lists(st.integers(1, 10**5), min_size=1, max_size=50),
)
def test_sweep_counts_whole_segments_exactly(segment_cycles, segment_counts):
    # T = m * C exactly: the sweep must count m segments, never m + 1 (a float reciprocal of C
    # would put some quotients just above m).
    seed = costmodel.presets.load("seed-note")
    counts = np.array(segment_counts, dtype=float)
    result = sweep(
        costmodel.recursive_stark(),
        {**seed, "segment_cycles": f"{segment_cycles} cycle/segment"},
        {"total_cycles": (counts * segment_cycles, "cycle")},
    )
    assert np.array_equal(result.terms["snapshots"], counts * 50e6)
    only_total = sweep(
        costmodel.recursive_stark(),
        {**seed, "segment_cycles": f"{segment_cycles} cycle/segment"},
        {"total_cycles": (counts * segment_cycles, "cycle")},
        breakdown=False,
    )
    assert only_total.terms == {} and np.array_equal(only_total.total, result.total)
