"""The sweeps' compiled arithmetic: storing into given arrays gives the floats the returned
results had, and the finite check screened by floating-point flags misses nothing."""

from __future__ import annotations

import importlib

import numpy as np
import pytest
import sympy

import costmodel
from costmodel.analysis.numeric import (
    flags_reveal_non_finite,
    numeric_function,
    numeric_function_into,
)
from costmodel.errors import ParameterValueError
from costmodel.functions import Log
from costmodel.trees import TreeJoins

sweep_module = importlib.import_module("costmodel.analysis.sweep")

T, U = sympy.symbols("t u", positive=True)

#: One expression per way a result is stored: the last operation an addition, a subtraction,
#: a product, a quotient (a ufunc writing into the row), or anything else (copied in): a
#: power, a call, a bare symbol, constants, a selection.
_EXPRESSIONS = [
    3 * sympy.ceiling(T / 7) + U,
    5 * sympy.ceiling(T / 7) - 3,
    sympy.Rational(1, 4) * T * U,
    T / U,
    T**2,
    sympy.floor(T / 3),
    T,
    sympy.Integer(7),
    sympy.Rational(1, 3),
    sympy.Max(T, 2 * U),
    sympy.Piecewise((T, T > U), (U, True)),
    Log(T, 2),
    sympy.ceiling(Log(T, 2)),
]


@pytest.mark.parametrize("shapes", [((40,), (40,)), ((5, 1), (3,))])
def test_stored_results_are_the_returned_ones(shapes: tuple[tuple[int, ...], ...]) -> None:
    rng = np.random.default_rng(3)
    t = rng.integers(1, 10**6, shapes[0]).astype(float)
    u = rng.integers(1, 10**3, shapes[1]).astype(float)
    t.reshape(-1)[0] = 2.0**40  # an exact power: Log stores 40, not 39.99...
    shape = np.broadcast_shapes(t.shape, u.shape)
    returned = numeric_function(_EXPRESSIONS, (T, U))(t, u)
    out = np.full((len(_EXPRESSIONS), *shape), np.nan)
    numeric_function_into(_EXPRESSIONS, (T, U))(t, u, out)
    for expr, row, value in zip(_EXPRESSIONS, out, returned, strict=True):
        # bit for bit: the same operations in the same order
        assert np.array_equal(row, np.broadcast_to(value, shape)), expr
    assert out[-2].reshape(-1)[0] == 40.0 and out[-1].reshape(-1)[0] == 40.0


def test_stored_results_by_hand() -> None:
    t, u = np.array([7.0, 8.0, 15.0]), np.array([1.0, 2.0, 4.0])
    out = np.empty((4, 3))
    numeric_function_into(_EXPRESSIONS[:4], (T, U))(t, u, out)
    # ceil(t/7) = 1, 2, 3: 3·that + u = 4, 8, 13; 5·that - 3 = 2, 7, 12;
    # t·u/4 = 1.75, 4, 15; t/u = 7, 4, 3.75
    assert out.tolist() == [
        [4.0, 8.0, 13.0],
        [2.0, 7.0, 12.0],
        [1.75, 4.0, 15.0],
        [7.0, 4.0, 3.75],
    ]


def test_which_expressions_flags_screen() -> None:
    # arithmetic, powers, rounding, max/min: an infinity or a NaN only through a flag
    assert flags_reveal_non_finite([3 * sympy.ceiling(T / 7) - 1, T**2 / U, sympy.Min(T, U)])
    # a float or infinite constant, a selection that fills NaN, the library's own functions
    assert not flags_reveal_non_finite([T * sympy.Float(1.5)])
    assert not flags_reveal_non_finite([T + sympy.oo])
    assert not flags_reveal_non_finite([sympy.Piecewise((T, T > U), (U, True))])
    assert not flags_reveal_non_finite([sympy.ceiling(Log(T, 2))])
    assert not flags_reveal_non_finite([TreeJoins(T, 3)])


def _overflowing_model() -> costmodel.Model:
    big = sympy.Integer(10) ** 300
    x, y = costmodel.symbol("folded_witness_size"), costmodel.symbol("wrap_proof_size")
    return costmodel.Model.build("overflow", {"early": x * big, "late": y * big})


@pytest.mark.parametrize("flagged", [True, False])
def test_a_sweep_names_the_first_term_not_finite(flagged: bool, monkeypatch) -> None:
    if not flagged:  # every block looked at, whatever the expressions
        monkeypatch.setattr(sweep_module, "flags_reveal_non_finite", lambda exprs: False)
    model = _overflowing_model()
    points = 3 * sweep_module.BLOCK + 5
    x, y = np.ones(points), np.ones(points)
    # 10^9 B · 10^300 = 10^309 > 1.8·10^308: "late" overflows in the first block, "early"
    # only at the very last point, in the last block; "early" comes first in the terms
    y[0], x[-1] = 1e9, 1e9
    over = {"folded_witness_size": (x, "B"), "wrap_proof_size": (y, "B")}
    with pytest.raises(ParameterValueError, match=r"^early: not a finite float"):
        costmodel.sweep(model, {}, over)
    x[-1] = 1.0  # now only "late" (and the total) overflow
    with pytest.raises(ParameterValueError, match=r"^late: not a finite float"):
        costmodel.sweep(model, {}, over)
    y[0] = 1.0  # nothing overflows: 10^300 B each
    result = costmodel.sweep(model, {}, over)
    assert result.total[0] == 2e300 and result.terms["early"][-1] == 1e300


def test_the_overflowing_model_is_screened_by_flags() -> None:
    assert flags_reveal_non_finite(list(_overflowing_model().terms.values()))


def test_a_value_not_whole_in_the_last_block_is_found() -> None:
    seed = costmodel.presets.load("seed-note")
    cycles = np.full(3 * sweep_module.BLOCK + 5, 1e9)
    grid = {"total_cycles": (cycles, "cycle")}
    assert costmodel.sweep(costmodel.recursive_stark(), seed, grid).total.shape == cycles.shape
    cycles[-1] = 1e9 + 0.5
    with pytest.raises(ParameterValueError, match="whole numbers"):
        costmodel.sweep(costmodel.recursive_stark(), seed, grid)
