"""Trees that prove a layer's last single item (``singletons="proved"``), as OpenVM's do.

OpenVM's report for Ethereum block 23,100,006 lists its internal proofs layer by layer:
38 leaves, then 19, 10, 5, 3, 2 and 1 internal proofs (40 in all): a layer of 19 gives 10,
so the 19th item is proved alone rather than carried up.  These tests check the counts
(``group_joins``, ``GroupJoins``, their waves and the numpy versions) against a tree
built by brute force, the models' terms by hand, and the simulated cluster against the
closed forms as :mod:`tests.test_simulate` states them for carried trees.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel import OptionError, ParameterValueError
from costmodel.analysis.readable import readable_form
from costmodel.architectures import spec_of
from costmodel.simulate.tree import join_tree
from costmodel.trees import (
    GroupJoins,
    GroupJoinWaves,
    JoinWaves,
    TreeJoins,
    group_join_waves,
    group_joins,
    layered_joins,
    numpy_group_join_waves,
    numpy_group_joins,
    tree_depth,
)
from tests.test_simulate import (
    ARCHITECTURES,
    TRANSFER_PATTERNS,
    closed,
    cluster_values,
    model,
    simulated,
)


def build_proved_tree(leaves: int, arity: int) -> list[list[Any]]:
    """The layers of the tree that proves every group, a last group of one included.

    A node is a leaf (an int) or a join (a tuple of its children); each layer above the
    leaves is the previous one cut into consecutive slices of ``arity``, every slice a join.
    """
    layer: list[Any] = list(range(leaves))
    layers = [layer]
    while len(layer) > 1:
        layer = [tuple(layer[i : i + arity]) for i in range(0, len(layer), arity)]
        layers.append(layer)
    return layers


# -- the counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leaves", "arity", "joins"),
    [
        (1, 2, 0),  # one leaf is the root
        (2, 2, 1),
        (3, 2, 3),  # [0 1 | 2] -> 2 joins (one of them alone) -> 1 join
        (5, 3, 3),  # [0 1 2 | 3 4] -> 2 joins -> 1 join
        (4, 3, 3),  # [0 1 2 | 3] -> 2 joins (leaf 3 alone) -> 1 join; carried: 2
        (9, 3, 4),  # 3 + 1, no single item anywhere: as the carried tree
        (38, 2, 40),  # OpenVM's report: 19 + 10 + 5 + 3 + 2 + 1
    ],
)
def test_group_joins_hand_worked(leaves: int, arity: int, joins: int) -> None:
    assert group_joins(leaves, arity) == joins
    assert GroupJoins(sympy.Integer(leaves), arity) == joins


def test_openvm_layers_and_waves_by_hand() -> None:
    # the layers 19, 10, 5, 3, 2, 1: one machine runs 40 joins one after another; ten
    # machines need 2 waves for the 19 and one for each other layer: 7; nineteen, 6
    assert [len(layer) for layer in build_proved_tree(38, 2)] == [38, 19, 10, 5, 3, 2, 1]
    assert [group_join_waves(38, 2, m) for m in (1, 10, 19)] == [40, 7, 6]
    # carried, the 19th item waits a layer instead: 37 joins
    assert layered_joins(38, 2) == 37


@pytest.mark.parametrize("arity", range(2, 17))
def test_counts_match_the_built_tree_exhaustively(arity: int) -> None:
    for leaves in range(1, 2001):
        layers = build_proved_tree(leaves, arity)
        made = [len(layer) for layer in layers[1:]]  # every item above the leaves is a join
        assert group_joins(leaves, arity) == sum(made), (leaves, arity)
        # the depth does not change: the same layers, with or without single items proved
        assert tree_depth(leaves, arity) == len(made), (leaves, arity)
        # each layer holds ⌈N / k^i⌉ items (the nested ceilings collapse)
        assert made == [-(-leaves // arity**i) for i in range(1, len(made) + 1)]
        for machines in (1, 2, 3, 7, leaves):
            expected = sum(-(-joins // machines) for joins in made)
            assert group_join_waves(leaves, arity, machines) == expected


@pytest.mark.parametrize("arity", [2, 3, 5, 16])
def test_the_simulated_tree_is_the_built_tree(arity: int) -> None:
    for leaves in range(1, 200):
        tree = join_tree(leaves, arity, carry=False)

        def rebuilt(node: int, tree: Any = tree) -> Any:
            # a node as the brute force writes it: a leaf's number, a join's children
            if node < tree.segments:
                return node
            return tuple(rebuilt(child) for child in tree.children[node - tree.segments])

        # the same joins, grouped the same way, layer by layer (keys are (layer, group))
        layers = build_proved_tree(leaves, arity)
        for depth, layer in enumerate(layers[1:]):
            joins = [j for j, key in enumerate(tree.keys) if key[0] == depth]
            assert [rebuilt(leaves + j) for j in joins] == layer, (leaves, arity, depth)
        assert rebuilt(tree.root) == layers[-1][0]
        # every node but the root has exactly one parent
        assert sum(parent is None for parent in tree.parent) == 1


@given(st.integers(1, 10**6), st.integers(2, 16), st.integers(1, 10**6))
def test_the_symbolic_counts_are_the_integer_ones(leaves: int, arity: int, machines: int) -> None:
    n = sympy.Integer(leaves)
    assert GroupJoins(n, arity) == group_joins(leaves, arity)
    assert GroupJoinWaves(n, arity, machines) == group_join_waves(leaves, arity, machines)
    # proving single items never saves a join, and costs at most one per layer
    extra = group_joins(leaves, arity) - layered_joins(leaves, arity)
    assert 0 <= extra <= tree_depth(leaves, arity)


def test_numpy_counts_are_the_exact_ones() -> None:
    leaves = np.arange(1, 3001, dtype=float)
    for arity in (2, 3, 7):
        expected = [group_joins(int(n), arity) for n in leaves]
        assert numpy_group_joins(leaves, arity).tolist() == expected
        waves = [group_join_waves(int(n), arity, 5) for n in leaves]
        assert numpy_group_join_waves(leaves, arity, 5).tolist() == waves
    # past 2^48 the layers are counted in int64: 2^50 leaves, k = 2, is 2^50 - 1 joins and
    # 2^49 + 2^48 + ... + 1 = 2^50 - 1 too (no single items: a power of the arity)
    big = np.array([2.0**50, 2.0**50 + 1])
    # 2^50 + 1 leaves: layers ⌈(2^50 + 1)/2^i⌉ = 2^(50-i) + 1 for i = 1..50, then 1 more
    assert numpy_group_joins(big, 2).tolist() == [2.0**50 - 1, 2.0**50 - 1 + 50 + 1]


def test_symbolic_forms() -> None:
    n = sympy.Symbol("N", integer=True, positive=True)
    # unlike J_2(N) = N - 1, the binary count stays a function of N
    assert TreeJoins(n, 2) == n - 1
    assert isinstance(GroupJoins(n, 2), GroupJoins)
    assert isinstance(GroupJoins(n, 2), TreeJoins)  # a kind of tree joins: whole, monotone
    assert isinstance(GroupJoinWaves(n, 2, 4), JoinWaves)
    assert sympy.latex(GroupJoins(n, 2)) == r"\hat{J}_{2}\left(N\right)"
    assert sympy.latex(GroupJoinWaves(n, 3, 4)) == r"\hat{W}_{3}\left(N, 4\right)"
    assert GroupJoins(sympy.Integer(1), 5) == 0


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: GroupJoins(sympy.Integer(0), 2), "tree leaves"),
        (lambda: GroupJoins(sympy.Integer(5), 1), "tree arity"),
        (lambda: GroupJoinWaves(sympy.Integer(5), 2, 0), "tree machines"),
        (lambda: group_joins(5, 1), "arity"),
        (lambda: group_join_waves(5, 2, 0), "machines"),
        (lambda: numpy_group_join_waves(np.array([5.0]), 2, 0), "machines"),
    ],
)
def test_impossible_trees_are_refused(call: Any, message: str) -> None:
    with pytest.raises(ParameterValueError, match=message):
        call()


# -- the models -----------------------------------------------------------------------------

OPENVM_LIKE = {
    "total_cycles": "38 Mcycle",
    "segment_cycles": "1 Mcycle/segment",
    "machines": "1 machine",
    "execution_rate": "38 Mcycle/s",
    "prove_rate": "1 Mcycle/(s*machine)",
    "lift_time": "1 s/segment",
    "join_time": "2 s/join",
}


def test_machine_time_counts_the_single_items_proved_by_hand() -> None:
    # execution 1 s, 38 segments x (1 s proving + 1 s lift) = 76 s, joins x 2 s:
    # carried 37 joins -> 1 + 76 + 74 = 151; proved 40 joins -> 1 + 76 + 80 = 157
    totals = {
        singletons: costmodel.recursive_stark(
            metric="machine_time", network=False, singletons=singletons
        )
        .evaluate(OPENVM_LIKE)
        .total
        for singletons in ("carried", "proved")
    }
    assert totals["carried"] == costmodel.Q_(151, "machine*s")
    assert totals["proved"] == costmodel.Q_(157, "machine*s")


def test_wall_time_counts_waves_of_every_layer_by_hand() -> None:
    # 3 machines: execution 1 s, ⌈38/3⌉ = 13 waves x 2 s = 26 s; joins in waves of the
    # layers 19, 10, 5, 3, 2, 1: 7 + 4 + 2 + 1 + 1 + 1 = 16 waves x 2 s = 32 s: 59 s
    # (carried, the layers make 19, 9, 5, 2, 1, 1 joins: 7 + 3 + 2 + 1 + 1 + 1 = 15 waves)
    values = {**OPENVM_LIKE, "machines": "3 machine"}
    model = costmodel.recursive_stark(metric="wall_time", network=False, singletons="proved")
    result = model.evaluate(values)
    assert result.total == costmodel.Q_(59, "s")
    assert result.derived["waves of joins"].magnitude == 16
    carried = costmodel.recursive_stark(metric="wall_time", network=False).evaluate(values)
    assert carried.derived["waves of joins"].magnitude == 15


def test_bytes_count_every_join_once() -> None:
    # store-and-forward, 38 proofs of 1 MB: 38 up to the store; then every item but the
    # root down to its joiner, 38 + 40 - 1 = 77, and the 40 join results up: 117 MB of
    # aggregation (carried, 37 joins: 38 + 37 - 1 + 37 = 111 MB)
    values = {"total_cycles": "38 Mcycle", "segment_cycles": "1 Mcycle/segment"}
    values |= {"snapshot_size": "1 MB/segment", "proof_size": "1 MB/proof"}
    values |= {"receipt_overhead": "0 B/proof"}
    proved = costmodel.recursive_stark(singletons="proved").evaluate(values)
    assert proved.terms["segment proofs"] == costmodel.Q_(38, "MB")
    assert proved.terms["aggregation"] == costmodel.Q_(117, "MB")
    assert proved.derived["joins"].magnitude == 40
    carried = costmodel.recursive_stark().evaluate(values)
    assert carried.terms["aggregation"] == costmodel.Q_(111, "MB")


def test_the_option_is_recorded_checked_and_rebuilt() -> None:
    model = costmodel.folding(metric="wall_time", singletons="proved")
    assert dict(model.options)["singletons"] == "proved"
    assert "singletons" not in dict(costmodel.folding().options)  # the default is not shown
    _, options = spec_of(model)
    assert options.singletons == "proved"
    with pytest.raises(OptionError, match="singletons"):
        costmodel.recursive_stark(singletons="carry")


def test_the_readable_form_names_the_count() -> None:
    model = costmodel.recursive_stark(arity=3, singletons="proved")
    meanings = {aux.meaning for aux in readable_form(model.total).where}
    assert "joins of the layered tree, single items proved too" in meanings
    assert "joins of the layered tree" not in meanings


def test_the_command_line_flag(capsys: Any) -> None:
    from costmodel.cli import main

    args = ["eval", "recursive-stark", "--singletons", "proved", "--metric", "machine_time"]
    args += ["--no-network"]
    for name, value in OPENVM_LIKE.items():
        args += ["--set", f"{name}={value}"]
    assert main(args) == 0
    out = capsys.readouterr().out
    # as worked by hand above (pint may order the unit's factors either way)
    assert re.search(r"^total +157 (machine\*s|s\*machine) ", out, re.MULTILINE)
    assert "joins: 40" in out


# -- the simulated cluster against the closed forms ---------------------------------------------


#: The simulation's helpers (tests/test_simulate.py), for the tree that proves single items.
PROVED = {"singletons": "proved"}


names = st.sampled_from(sorted(ARCHITECTURES))
patterns = st.sampled_from(TRANSFER_PATTERNS)


@given(
    segments=st.integers(1, 120),
    machines=st.integers(1, 150),
    arity=st.integers(2, 6),
    name=names,
    transfer=patterns,
    network=st.booleans(),
    ample=st.booleans(),
    data=st.data(),
)
def test_simulation_against_the_closed_forms(
    segments: int,
    machines: int,
    arity: int,
    name: str,
    transfer: str,
    network: bool,
    ample: bool,
    data: Any,
) -> None:
    values = data.draw(cluster_values(segments, machines, store="ample" if ample else "any"))
    options = {"arity": arity, "transfer": transfer, "network": network, **PROVED}
    run = simulated(name, values, **options)
    # machine time: exact when the store never limits (or there is no network)
    machine_time = closed(name, "machine_time", values, **options)
    if ample or not network:
        assert run.machine_time.magnitude == machine_time
    else:
        assert run.machine_time.magnitude >= machine_time
    # wall time: an upper bound (peer-one-local needs a machine per segment, as carried)
    if transfer != "peer-one-local" or machines >= segments:
        assert run.wall_time.magnitude <= closed(name, "wall_time", values, **options)
    # every byte moved is a byte the bytes model counts (without a network, none move)
    if not network:
        return
    bytes_options = {"arity": arity, "transfer": transfer, **PROVED}
    counted = model(name, "bytes", **bytes_options).evaluate(values).total.to("B").magnitude
    assert run.bytes_total.to("B").magnitude == counted


@given(segments=st.integers(1, 80), arity=st.integers(2, 6), name=names, data=st.data())
def test_one_machine_without_a_network_is_the_closed_form(
    segments: int, arity: int, name: str, data: Any
) -> None:
    values = data.draw(cluster_values(segments, 1))
    options = {"arity": arity, "network": False, **PROVED}
    run = simulated(name, values, **options)
    assert run.wall_time.magnitude == run.machine_time.magnitude
    assert run.wall_time.magnitude == closed(name, "wall_time", values, **options)


def test_a_break_even_between_the_two_trees_reads() -> None:
    # folding's tree carries single items, recursive_stark's proves them: both counts stay
    # in W*, each named once and defined once in the where clause
    result = costmodel.breakeven(
        costmodel.folding(arity=3),
        costmodel.recursive_stark(arity=3, singletons="proved"),
        solve_for="folded_witness_size",
    )
    text = costmodel.latex(result)
    assert r"\left(2 \hat{J} + 2 N - 1\right)}{2 J + 2 N - 1}" in text
    meaning = r"\text{ the joins, single items proved too}"
    assert rf"\hat{{J}} &= \hat{{J}}_{{3}}\left(N\right), {meaning}" in text
    assert r"\hat{J}_{k}(n) = \sum_{i=1}^{\lceil \log_{k} n \rceil}" in text
    assert text.count(r"\text{with }") == 2  # J_k's recurrence and Ĵ_k's sum, once each


def test_solving_through_tree_counts_is_not_an_error() -> None:
    # sympy.solve probes an expression with trial values to test whether it is constant;
    # undefined arithmetic there (ceiling(T/C) at C = 0) reached a tree count as nan and
    # raised the error meant for a user's value.  Now nan gives nan, and the break-even
    # says what it found: join_time * (J_3(N) - J_4(N)) = 0 has no positive root.
    for left, right in (
        ({"arity": 3}, {"arity": 4}),
        ({}, {"singletons": "proved"}),
    ):
        result = costmodel.breakeven(
            costmodel.recursive_stark(metric="machine_time", network=False, **left),
            costmodel.recursive_stark(metric="machine_time", network=False, **right),
            solve_for="join_time",
        )
        assert result.solution is None
    # the labels tell two models of one name apart, a default shown as such
    assert result.left.label == "recursive_stark(singletons=default)"
    assert result.right.label == "recursive_stark(singletons=proved)"
    n = sympy.Symbol("n")
    assert GroupJoins(sympy.nan, 2) is sympy.nan
    assert GroupJoinWaves(n, 2, sympy.zoo) is sympy.nan
    # a user's value is still refused by name
    with pytest.raises(ParameterValueError, match="tree leaves"):
        GroupJoins(sympy.Rational(1, 2), 2)
