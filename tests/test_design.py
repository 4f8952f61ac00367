"""The design space: optimizer against brute force, Pareto fronts, bounds, robust decisions,
sampling, and the monotonicity the pruning and the bounds rest on."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import costmodel
from costmodel.analysis.monotone import direction
from costmodel.architectures.quantities import one
from costmodel.trees import (
    group_join_waves,
    group_joins,
    join_waves,
    layered_joins,
    tree_depth,
)

VALUES = {
    **costmodel.presets.combine("risc0", "aws-g6", "nova-cyclefold").with_workload("seed-note"),
    "machines": "256 machine",
    "arity": 2,
    "folded_witness_size": "1 MB",
    "folded_instance_size": "0 B",
    "rows_per_cycle": "1 row/cycle",
    "row_size": "1 kB/row",
    "verification_cost": "0.25 USD",
}
SEGMENTS = costmodel.powers_of_two(18, 22)


def _for(model, values):
    return {k: v for k, v in values.items() if k not in model.fixed or k in model.parameter_names}


def _brute(objective, constraints, grid):
    """Every grid point evaluated exactly; the feasible ones sorted by the objective."""
    names = list(grid)
    found = []
    for combination in itertools.product(*(grid[n] for n in names)):
        values = {**VALUES, **dict(zip(names, combination, strict=True))}
        met = True
        for model, bound in constraints:
            total = model.evaluate(_for(model, values)).total
            met &= Fraction(total.to(bound.units).magnitude) <= Fraction(bound.magnitude)
        if met:
            found.append(Fraction(objective.evaluate(_for(objective, values)).total.magnitude))
    return sorted(found)


@settings(deadline=None)
@given(
    build=st.sampled_from(list(costmodel.architectures.TREE_ARCHITECTURES.values())),
    metric=st.sampled_from(("bytes", "wall_time", "dollars")),
    segments=st.lists(st.sampled_from(SEGMENTS), min_size=1, max_size=3, unique=True),
    arities=st.lists(st.integers(2, 6), min_size=1, max_size=3, unique=True),
    machines=st.lists(st.sampled_from((16, 64, 256, 1024)), min_size=1, max_size=2, unique=True),
    memory=st.sampled_from((None, "12 GB/machine", "24 GB/machine")),
)
def test_optimizer_agrees_with_brute_force(build, metric, segments, arities, machines, memory):
    objective = build(metric=metric, arity=None)
    grid = {"segment_cycles": segments, "arity": arities}
    if "machines" in objective.parameter_names:
        grid["machines"] = [f"{m} machine" for m in machines]
    constraints = []
    if memory is not None:
        peak = build(metric="peak_memory")
        constraints.append((peak, costmodel.Q_(memory)))
    expected = _brute(objective, constraints, grid)
    subject_to = [costmodel.at_most(model, bound) for model, bound in constraints]
    if not expected:
        with pytest.raises(costmodel.NoSolutionError):
            costmodel.optimize(objective, VALUES, grid, subject_to)
        return
    best = costmodel.optimize(objective, VALUES, grid, subject_to)
    assert Fraction(best.value.magnitude) == expected[0]
    # the optimum meets every constraint, exactly
    chosen = {
        **VALUES,
        **{n: costmodel.Q_(v, costmodel.param(n).unit) for n, v in best.point.items()},
    }
    for model, bound in constraints:
        total = model.evaluate(_for(model, chosen)).total
        assert Fraction(total.to(bound.units).magnitude) <= Fraction(bound.magnitude)
    if (
        best.runner_up is not None
        and len(expected) > 1
        and "pruned (monotone)" not in best.method.values()
    ):
        assert Fraction(best.runner_up_value.magnitude) == expected[1]
        assert best.margin == best.runner_up_value - best.value


def test_segment_size_for_a_24_gb_gpu():
    wall = costmodel.recursive_stark(metric="wall_time", arity=None)
    peak = costmodel.recursive_stark(metric="peak_memory")
    best = costmodel.optimize(
        wall,
        {**VALUES, "machines": "1024 machine"},
        {"segment_cycles": costmodel.powers_of_two(16, 24), "arity": [2]},
        [costmodel.at_most(peak, "24 GB/machine")],
    )
    # (24 GB - 1.75 GB) / 7459.1 B per cycle = 2,982,936 cycles: 2^21 fits, 2^22 does not;
    # fewer, longer segments are faster here (the snapshots stay 50 MB whatever their size)
    assert best.point["segment_cycles"] == 2**21
    # the label names the metric: the objective is the same architecture's wall time
    assert best.binding == ("recursive_stark peak_memory <= 24 GB/machine",)
    assert best.searched == 9 and best.feasible == 6  # 2^16 .. 2^21 fit


def test_pruning_by_monotonicity():
    # bytes fall with arity: fewer joins, fewer uploads; the optimum is the largest arity
    best = costmodel.optimize(
        costmodel.recursive_stark(arity=None), VALUES, {"arity": range(2, 17)}
    )
    assert best.point == {"arity": 16} and best.method == {"arity": "pruned (monotone)"}
    # 1000 leaves, k = 16: layers 1000, 63, 4, 1 and joins 63 + 4 + 1 = 68; store-and-forward
    # moves 1000 + 1067 + 68 = 2135 proofs of 223,551 B beside 1000 snapshots of 50 MB
    assert best.value.to("B").magnitude == 50 * 10**9 + 2135 * 223_551


def test_a_closed_form_optimum_has_zero_slope():
    T, C = costmodel.symbol("total_cycles"), costmodel.symbol("segment_cycles")
    rate, overhead = costmodel.symbol("prove_rate"), costmodel.symbol("lift_time")
    # proving one segment grows with its size, a per-segment overhead shrinks with it:
    # C / R_p + t T / C is least at C* = sqrt(t T R_p) = sqrt(1 x 4e12 x 1e6) = 2e9 cycles
    model = costmodel.Model.build(
        "tradeoff",
        {"proving": C / rate * one("segment/machine"), "overhead": overhead * T / C},
        unit="s",
    )
    values = {
        "total_cycles": "4e12 cycle",
        "prove_rate": "1e6 cycle/(s*machine)",
        "lift_time": "1 s/segment",
    }
    best = costmodel.optimize(
        model,
        values,
        {"segment_cycles": costmodel.Interval("1e6 cycle/segment", "1e12 cycle/segment")},
    )
    assert best.method == {"segment_cycles": "closed form"}
    assert best.point["segment_cycles"] == 2 * 10**9
    assert best.value.to("s").magnitude == 4000  # 2e9/1e6 + 4e12/2e9
    slope = sympy.diff(model.total, C).xreplace(
        {T: 4 * 10**12, rate: 10**6, overhead: 1, C: best.stationary["segment_cycles"]}
    )
    assert slope == 0


def test_a_weighted_objective_and_parameter_constraints():
    wall = costmodel.recursive_stark(metric="wall_time", arity=None)
    dollars = costmodel.recursive_stark(metric="dollars", arity=None)
    grid = {"machines": [64, 256, 1024], "arity": [2]}
    best = costmodel.optimize(
        [(dollars, 1), (wall, "0.01 USD/s")],
        VALUES,
        grid,
        [costmodel.at_most("machines", "512 machine")],
    )
    assert best.point["machines"] <= 512
    assert best.value.units == costmodel.units.parse_unit("USD")
    with pytest.raises(costmodel.InputError, match="one unit"):
        costmodel.optimize([(dollars, 1), (wall, 1)], VALUES, grid)


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (
            lambda: costmodel.optimize(costmodel.recursive_stark(), VALUES, {"arity": [2, 3]}),
            costmodel.InputError,
            "built with arity=2",
        ),
        (
            lambda: costmodel.optimize(
                costmodel.recursive_stark(arity=None), VALUES, {"aritty": [2]}
            ),
            costmodel.UnknownParameterError,
            'did you mean "arity"',
        ),
        (
            lambda: costmodel.optimize(
                costmodel.recursive_stark(metric="wall_time", arity=None),
                VALUES,
                {
                    "segment_cycles": costmodel.powers_of_two(10, 30),
                    "arity": range(2, 200),
                    "machines": range(1, 400),
                },
                max_points=10_000,
            ),
            costmodel.ParameterValueError,
            "at most 10000",
        ),
        (
            lambda: costmodel.optimize(
                costmodel.recursive_stark(metric="wall_time", arity=None),
                VALUES,
                {"arity": [2]},
                [
                    costmodel.at_most(
                        costmodel.recursive_stark(metric="peak_memory"), "1 GB/machine"
                    )
                ],
            ),
            costmodel.NoSolutionError,
            "no design",
        ),
        (lambda: costmodel.powers_of_two(3, 1), costmodel.ParameterValueError, "low <= high"),
    ],
)
def test_bad_optimizer_inputs(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def test_pareto_front_is_exactly_the_non_dominated_set():
    wall = costmodel.recursive_stark(metric="wall_time", arity=None)
    money = costmodel.recursive_stark(metric="dollars", arity=None)
    front = costmodel.pareto(
        wall, money, VALUES, {"machines": [16, 64, 128, 256, 512, 1024, 2048], "arity": [2, 4]}
    )
    points = [(Fraction(p.first.magnitude), Fraction(p.second.magnitude)) for p in front.points]
    for point, item in zip(points, front.points, strict=True):
        beaten = any(o[0] <= point[0] and o[1] <= point[1] and o != point for o in points)
        assert item.dominated == beaten
    firsts = [Fraction(p.first.magnitude) for p in front.front]
    seconds = [Fraction(p.second.magnitude) for p in front.front]
    assert firsts == sorted(firsts) and seconds == sorted(seconds, reverse=True)


RANGES = {
    "snapshot_size": ("5 MB/segment", "50 MB/segment"),
    "store_bandwidth": ("5 Gbit/s", "25 Gbit/s"),
    "join_time": ("1.1 s/join", "1.3 s/join"),
    "prove_rate": ("300 kcycle/(s*machine)", "400 kcycle/(s*machine)"),
}


@settings(deadline=None, max_examples=10)
@given(seed=st.integers(0, 2**31), metric=st.sampled_from(("bytes", "wall_time", "dollars")))
def test_bounds_contain_every_sample_and_are_attained(seed, metric):
    model = costmodel.recursive_stark(metric=metric)
    ranges = {n: r for n, r in RANGES.items() if n in model.parameter_names}
    box = costmodel.bounds(model, VALUES, ranges)
    assert box.proven  # each of these moves the total one way
    for point, end in ((box.low_at, box.low), (box.high_at, box.high)):
        values = {
            **VALUES,
            **{n: costmodel.Q_(v, costmodel.param(n).unit) for n, v in point.items()},
        }
        assert model.evaluate(values).total == end
    draws = costmodel.sample(
        model, VALUES, {n: costmodel.uniform(*r) for n, r in ranges.items()}, n=500, seed=seed
    )
    low, high = float(box.low.magnitude), float(box.high.magnitude)
    assert np.all(draws.totals >= low * (1 - 1e-12)) and np.all(draws.totals <= high * (1 + 1e-12))


def test_bounds_from_a_presets_ranges():
    risc0 = costmodel.presets.load("risc0")
    box = costmodel.bounds(
        costmodel.recursive_stark(), {**risc0, "total_cycles": "1e9 cycle"}, risc0.ranges
    )
    # the preset publishes snapshots of 5..10 MB and segments of 2^13..2^24 cycles:
    # fewest bytes with the largest segments and smallest snapshots: 60 segments of 5 MB
    assert box.low_at == {"segment_cycles": 2**24, "snapshot_size": 5_000_000}
    assert box.high_at["segment_cycles"] == 2**13


def test_tornado_orders_the_swings():
    wall = costmodel.recursive_stark(metric="wall_time")
    swings = costmodel.tornado(wall, VALUES, RANGES)
    sizes = [Fraction(s.swing.magnitude) for s in swings]
    assert sizes == sorted(sizes, reverse=True)
    by_name = {s.name: s for s in swings}
    # the joins alone: 256 machines join 1000 leaves in 11 waves (500 joins take 2, then one
    # each for 250, 125, 62, 31, 16, 8, 4, 2, 1) x 0.2 s of range = 2.2 s
    assert by_name["join_time"].swing == costmodel.Q_(Fraction(11, 5), "s")


def test_robust_decisions():
    seed = costmodel.presets.load("seed-note")
    w_star = costmodel.folded_witness_breakeven()
    below = costmodel.robust(w_star, seed, {"folded_witness_size": ("100 kB", "200 kB")})
    # W* = 250 kB: folding ships less over the whole box; 3997 items x (W - 250 kB)
    assert below.cheaper == "folding"
    assert below.difference.low == costmodel.Q_(-3997 * 150_000, "B")
    flips = costmodel.robust(
        w_star,
        seed,
        {"folded_witness_size": ("100 kB", "2 MB"), "proof_size": ("200 kB/proof", "300 kB/proof")},
    )
    assert flips.cheaper is None
    assert (flips.breakeven_low, flips.breakeven_high) == (
        costmodel.Q_(200, "kB"),
        costmodel.Q_(300, "kB"),
    )


def test_sampling_is_reproducible_and_bounded():
    wall = costmodel.recursive_stark(metric="wall_time")
    dists = {
        "snapshot_size": costmodel.log_uniform("5 MB/segment", "50 MB/segment"),
        "join_time": costmodel.triangular("1.1 s/join", "1.17 s/join", "1.3 s/join"),
    }
    first = costmodel.sample(wall, VALUES, dists, n=1000, seed=7)
    again = costmodel.sample(wall, VALUES, dists, n=1000, seed=7)
    other = costmodel.sample(wall, VALUES, dists, n=1000, seed=8)
    assert np.array_equal(first.totals, again.totals)
    assert not np.array_equal(first.totals, other.totals)
    p = first.percentiles
    assert p["P50"] <= p["P90"] <= p["P99"]
    seen = []
    costmodel.sample(wall, VALUES, dists, n=450_000, seed=1, progress=lambda d, n: seen.append(d))
    assert seen == [200_000, 400_000, 450_000]
    with pytest.raises(costmodel.ParameterValueError, match=r"1\.\.10000000"):
        costmodel.sample(wall, VALUES, dists, n=0)


def test_monotonicity_of_the_tree_counts_in_every_argument():
    # what the pruning and the bounds assume of the step functions: exhaustively checked
    for leaves in range(1, 1200):
        for arity in range(2, 17):
            assert layered_joins(leaves, arity + 1) <= layered_joins(leaves, arity)
            assert tree_depth(leaves, arity + 1) <= tree_depth(leaves, arity)
            assert layered_joins(leaves + 1, arity) >= layered_joins(leaves, arity)
            for machines in (1, 2, 5, 64):
                waves = join_waves(leaves, arity, machines)
                assert join_waves(leaves, arity + 1, machines) <= waves
                assert join_waves(leaves + 1, arity, machines) >= waves
                assert join_waves(leaves, arity, machines + 1) <= waves
            # the same of a tree that proves single items (GroupJoins, GroupJoinWaves)
            assert group_joins(leaves, arity + 1) <= group_joins(leaves, arity)
            assert group_joins(leaves + 1, arity) >= group_joins(leaves, arity)
            for machines in (1, 2, 5, 64):
                waves = group_join_waves(leaves, arity, machines)
                assert group_join_waves(leaves, arity + 1, machines) <= waves
                assert group_join_waves(leaves + 1, arity, machines) >= waves
                assert group_join_waves(leaves, arity, machines + 1) <= waves


def test_directions_of_the_models():
    model = costmodel.recursive_stark(metric="wall_time", arity=None)
    moves = {p.name: direction(model.total, p.symbol) for p in model.parameters}
    assert moves["snapshot_size"] == 1 and moves["store_bandwidth"] == -1
    assert moves["execution_rate"] == -1 and moves["join_time"] == 1
    # genuinely two-sided: bigger segments prove longer but are fewer; more machines share
    # the store among more transfers but take fewer waves
    assert moves["segment_cycles"] is None and moves["machines"] is None
