"""Resource limits as guarantees: every entry point an input can make slow has a documented
bound (docs/limits.md); at the bound it finishes in seconds, above it a clear error comes
at once.  The time limits asserted here are generous (a loaded machine); they catch a path
gone quadratic or unbounded, not a slow laptop."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
import sympy

import costmodel
from costmodel.analysis.optimize import MAX_GRID_POINTS, optimize
from costmodel.analysis.sweep import MAX_SWEEP_POINTS, sweep
from costmodel.analysis.uncertainty import MAX_CORNERS, bounds
from costmodel.dimensions import MAX_EXPONENT, check_bounded
from costmodel.errors import CostModelError, InputError, ParameterValueError
from costmodel.formulas import MAX_FORMULA_LENGTH, parse_formula
from costmodel.functions import MAX_EXACT_LOG, ceil_log, floor_log
from costmodel.numbers import (
    MAX_DECIMAL_EXPONENT,
    MAX_NUMBER_BITS,
    MAX_NUMBER_TEXT,
    exact_number,
    read_number,
)
from costmodel.simulate.inputs import MAX_MACHINES, MAX_SEGMENTS
from costmodel.trees import JoinWaves, TreeDepth, TreeJoins
from costmodel.unit_text import MAX_UNIT_TEXT
from costmodel.units import parse_unit

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 30  # "in seconds", with room for a loaded machine


class Clock:
    def __enter__(self) -> Clock:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.perf_counter() - self.start


def test_the_documented_bounds_are_the_code_s():
    # docs/limits.md states each number; a change to one must change the page too
    text = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    for shown in (
        f"{MAX_NUMBER_TEXT} characters",
        f"10^{MAX_DECIMAL_EXPONENT}",
        f"2^{MAX_NUMBER_BITS}",
        f"{MAX_UNIT_TEXT} characters",
        f"{MAX_FORMULA_LENGTH} characters",
        f"±{MAX_EXPONENT}",
        f"{MAX_EXACT_LOG:,}",
        f"{MAX_SWEEP_POINTS:,}",
        f"{MAX_GRID_POINTS:,}",
        f"{MAX_CORNERS:,}",
        f"{MAX_SEGMENTS:,}",
        f"{MAX_MACHINES:,}",
    ):
        assert shown in text, shown


# -- numbers and units ------------------------------------------------------------------------


def test_numbers_at_their_bounds():
    with Clock() as clock:
        assert read_number("1e1000") == 10**1000  # the largest decimal exponent
        assert read_number("1" + "0" * 398) == 10**398  # 399 characters, under 400
        assert exact_number(2**MAX_NUMBER_BITS - 1) == 2**MAX_NUMBER_BITS - 1
    assert clock.elapsed < SECONDS


@pytest.mark.parametrize(
    "text",
    ["1e1001", "1" * (MAX_NUMBER_TEXT + 1), "1e-1001"],
    ids=["exponent", "length", "negative exponent"],
)
def test_numbers_above_their_bounds(text):
    with pytest.raises(CostModelError, match="speed"):
        read_number(text, name="speed")


def test_integers_past_the_bit_bound_and_python_s_digit_limit():
    # 2^3400 has 3401 bits; 10^5000 is past Python's 4300-digit str() limit: both are
    # refused by the library with the parameter's name, not a ValueError from int()
    for value in (2**MAX_NUMBER_BITS, 10**5000):
        with pytest.raises(CostModelError, match="total_cycles"):
            exact_number(value, name="total_cycles")


def test_unit_text_at_and_above_its_bound():
    at_bound = "B/" + "*".join(["s"] * 50)  # 2 + 99 characters: well-formed, long
    assert len(at_bound) <= MAX_UNIT_TEXT
    assert parse_unit(at_bound).dimensionality
    with pytest.raises(CostModelError, match="link_bandwidth"):
        parse_unit("B/s" + " " * MAX_UNIT_TEXT, name="link_bandwidth")
    with Clock() as clock, pytest.raises(CostModelError):
        parse_unit("9**9**9")  # pint would evaluate it: a hang
    assert clock.elapsed < SECONDS


# -- formulas and expressions -----------------------------------------------------------------


def names():
    return {name: costmodel.symbol(name) for name in costmodel.VOCABULARY}


def test_formulas_at_and_above_their_length():
    term = "total_cycles/segment_cycles"
    formula = "+".join([term] * ((MAX_FORMULA_LENGTH - 1) // (len(term) + 1)))
    assert len(formula) <= MAX_FORMULA_LENGTH
    with Clock() as clock:
        parse_formula(formula, names())
    assert clock.elapsed < SECONDS
    with pytest.raises(CostModelError, match=f"longer than {MAX_FORMULA_LENGTH}"):
        parse_formula(formula + "+" + term * 10, names())


def test_exponents_at_and_above_their_bound():
    x = costmodel.symbol("total_cycles")
    check_bounded(x**MAX_EXPONENT)
    with pytest.raises(CostModelError, match="exponent"):
        check_bounded((x**16) ** 17)  # sympy merges it into x**272
    with pytest.raises(CostModelError, match="exponent"):
        check_bounded(x ** costmodel.symbol("arity"))  # symbolic: no bound at all


def test_exact_logarithms_at_and_above_their_bound():
    with Clock() as clock:
        # log_2 of 2^100000 +- 1: floor and ceiling exact at the bound
        big = 2**MAX_EXACT_LOG
        assert floor_log(big + 1, 2) == MAX_EXACT_LOG
        assert ceil_log(big + 1, 2) == MAX_EXACT_LOG + 1
        assert floor_log(big - 1, 2) == MAX_EXACT_LOG - 1
    assert clock.elapsed < SECONDS
    with pytest.raises(CostModelError):
        floor_log(2 ** (MAX_EXACT_LOG + 10), 2)


def test_tree_counts_for_the_largest_numbers_read():
    # N up to 2^3400 (the number bound): the counts walk log_k N layers, at most 3400
    n = sympy.Integer(2**MAX_NUMBER_BITS - 1)
    with Clock() as clock:
        # a binary tree over N leaves has N - 1 joins, depth ceil(log2 N) = 3400
        assert TreeJoins(n, 2) == n - 1
        assert TreeDepth(n, 2) == MAX_NUMBER_BITS
        # one machine joins one at a time: N - 1 waves
        assert JoinWaves(n, 2, 1) == n - 1
        # an arity as large as N: one join of everything
        assert TreeJoins(n, n) == 1
    assert clock.elapsed < SECONDS


# -- sweeps, the optimizer, bounds, the simulation ----------------------------------------------


def test_a_sweep_at_its_bound():
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    grid = np.linspace(1e4, 1e8, MAX_SWEEP_POINTS)
    with Clock() as clock:
        result = sweep(model, seed, {"snapshot_size": (grid, "B/segment")}, breakdown=False)
    assert clock.elapsed < SECONDS
    assert result.total.shape == (MAX_SWEEP_POINTS,)
    # the snapshots are N x S of it: at S = 10^8 B, 1000 x 10^8 B more than at 0
    assert result.total[-1] > 10**11


def test_a_sweep_above_its_bound_is_refused_before_any_array_is_made():
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    axis = (np.arange(1, 4001) * 1e3, "B/segment")
    cycles = (np.arange(1, 4001) * 1e3, "cycle/segment")
    with Clock() as clock, pytest.raises(ParameterValueError, match="16000000 points"):
        # 4000 x 4000 = 1.6 x 10^7 points in a mesh: refused before the mesh exists
        sweep(model, seed, {"snapshot_size": axis, "segment_cycles": cycles}, mesh=True)
    assert clock.elapsed < 5


@pytest.mark.parametrize("limit", [0, -3, 2.5, True, "10"])
def test_limits_are_whole_numbers(limit):
    seed = costmodel.presets.load("seed-note")
    with pytest.raises((InputError, ParameterValueError), match="max_points"):
        sweep(
            costmodel.recursive_stark(), seed, {"snapshot_size": ["1 MB/segment"]}, max_points=limit
        )


def test_the_optimizer_above_its_grid_bound_is_refused_at_once():
    # reserved machines cost M x wall time: not monotone in M, nor (ceilings) in C, so
    # nothing is pruned: 1010 x 1000 = 1,010,000 points, just past the bound
    values = {
        **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
        "verification_cost": "0 USD",
    }
    over = {
        "machines": [f"{m} machine" for m in range(1, 1011)],
        "segment_cycles": [f"{c} cycle/segment" for c in range(2**20, 2**20 + 1000)],
    }
    model = costmodel.recursive_stark(metric="dollars")
    with Clock() as clock, pytest.raises(ParameterValueError, match="1010000 grid points"):
        optimize(model, values, over, max_points=MAX_GRID_POINTS)
    assert clock.elapsed < 10


def test_bounds_above_the_corner_bound_are_refused():
    # 13 ranged parameters in which the wall time is monotone: 2^13 corners > 2^12
    values = {
        **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
        "machines": "1000 machine",
    }
    ranges = {
        "execution_rate": ("10 Mcycle/s", "20 Mcycle/s"),
        "prove_rate": ("200 kcycle/(s*machine)", "400 kcycle/(s*machine)"),
        "join_time": ("1 s/join", "2 s/join"),
        "link_bandwidth": ("1 Gbit/s", "10 Gbit/s"),
        "store_bandwidth": ("1 Gbit/s", "10 Gbit/s"),
        "link_latency": ("0 ms", "1 ms"),
        "snapshot_size": ("10 MB/segment", "50 MB/segment"),
        "proof_size": ("200 kB/proof", "250 kB/proof"),
        "total_cycles": ("1e9 cycle", "2e9 cycle"),
        "receipt_overhead": ("0 B/proof", "1 kB/proof"),
        "lift_time": ("0 s/segment", "1 s/segment"),
        "wrap_time": ("60 s", "90 s"),
        "wrap_proof_size": ("256 B", "512 B"),
    }
    with Clock() as clock, pytest.raises(ParameterValueError, match=f"at most {MAX_CORNERS}"):
        bounds(costmodel.recursive_stark(metric="wall_time", wrap=True), values, ranges)
    assert clock.elapsed < 10
