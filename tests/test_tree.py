"""The layered aggregation tree, checked against a tree built here independently.

Everything expected below comes from three places, none of them the library's
counting code:

- a brute-force construction (:func:`build_tree`): the leaves are the ints
  ``0..N-1`` (segment ``i``'s proof), a join is a tuple holding its children, and
  each layer is cut into groups of ``k`` by slicing;
- a simulation of machines and a network (:func:`simulate`) that walks that tree,
  places every join on a machine by the transfer pattern's rule, and counts an
  item as sent only when it must move from one place to another;
- numbers worked out by hand, with the working in comments.
"""

from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction
from typing import Any

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel.architectures.transfers import transfer_counts
from costmodel.trees import TreeJoins, join_waves, layer_sizes, layered_joins, tree_depth

ARITIES = range(2, 9)
PATTERNS = ("store-and-forward", "peer-both", "peer-one-local")
MAX_LEAVES = 5000

leaf_counts = st.integers(min_value=1, max_value=MAX_LEAVES)
arities = st.integers(min_value=2, max_value=8)
patterns = st.sampled_from(PATTERNS)

# -- the brute-force tree --------------------------------------------------------------


def build_tree(leaves: int, arity: int) -> tuple[Any, list[list[Any]], int]:
    """The layered ``arity``-ary tree over ``leaves`` leaves: ``(root, layers, joins)``.

    A node is a leaf (an int) or a join (a tuple of its children).  Each layer is
    cut into consecutive groups of ``arity`` by slicing: every full group becomes a
    join; of the rest (``len % arity`` items at the end), two or more become one
    partial join and a single one is carried up as it is.  ``joins`` counts the
    tuples made.  Full groups are made by ``zip`` over one iterator, which yields
    consecutive ``arity``-tuples without a Python loop over the items.
    """
    layer: list[Any] = list(range(leaves))
    layers = [layer]
    joins = 0
    while len(layer) > 1:
        cut = len(layer) - len(layer) % arity
        full = layer[:cut]
        rest = layer[cut:]
        upper: list[Any] = list(zip(*[iter(full)] * arity, strict=False))
        joins += len(upper)
        if len(rest) >= 2:
            upper.append(tuple(rest))  # a partial join
            joins += 1
        elif len(rest) == 1:
            upper.append(rest[0])  # carried up, unjoined
        layer = upper
        layers.append(layer)
    return layer[0], layers, joins


def walk(node: Any) -> tuple[list[int], list[tuple[Any, ...]]]:
    """Leaves left to right and every join node below ``node`` (a plain recursive walk)."""
    if not isinstance(node, tuple):
        return [node], []
    leaves: list[int] = []
    joins: list[tuple[Any, ...]] = [node]
    for child in node:
        child_leaves, child_joins = walk(child)
        leaves += child_leaves
        joins += child_joins
    return leaves, joins


def test_brute_force_on_hand_worked_trees() -> None:
    # N=5, k=3: [0 1 2 | 3 4] -> a full join and a partial one -> 2 items -> 1 join.
    root, layers, joins = build_tree(5, 3)
    assert root == ((0, 1, 2), (3, 4))
    assert [len(layer) for layer in layers] == [5, 2, 1]
    assert joins == 3
    # N=4, k=3: [0 1 2 | 3] -> 1 join, leaf 3 carried up -> [(0 1 2), 3] -> 1 join.
    root, layers, joins = build_tree(4, 3)
    assert root == ((0, 1, 2), 3)
    assert [len(layer) for layer in layers] == [4, 2, 1]
    assert joins == 2
    # N=5, k=2: [01|23|4] -> 2 joins + 4 carried -> [a b | 4] -> 1 join + carried
    # -> [c 4] -> 1 join: 4 joins.
    root, layers, joins = build_tree(5, 2)
    assert root == (((0, 1), (2, 3)), 4)
    assert [len(layer) for layer in layers] == [5, 3, 2, 1]
    assert joins == 4
    # N=1: the leaf is the root, no joins.
    assert build_tree(1, 4) == (0, [[0]], 0)


@pytest.mark.parametrize("arity", ARITIES)
def test_brute_force_trees_are_well_formed(arity: int) -> None:
    for leaves in range(1, 301):
        root, _, joins = build_tree(leaves, arity)
        in_order, join_nodes = walk(root)
        assert in_order == list(range(leaves))  # every leaf once, in order
        assert len(join_nodes) == joins
        assert all(2 <= len(join) <= arity for join in join_nodes)


# -- layered_joins and layer_sizes: exhaustive ------------------------------------------


@pytest.mark.parametrize("arity", ARITIES)
def test_layered_joins_and_layer_sizes_match_brute_force_exhaustively(arity: int) -> None:
    for leaves in range(1, MAX_LEAVES + 1):
        _, layers, joins = build_tree(leaves, arity)
        assert layered_joins(leaves, arity) == joins, (leaves, arity)
        assert layer_sizes(leaves, arity) == [len(layer) for layer in layers], (leaves, arity)


@pytest.mark.parametrize(
    ("leaves", "arity", "joins"),
    [
        # layer [5] -> groups (3)(2) -> 2 joins -> 2 items -> 1 join: 3
        (5, 3, 3),
        # layer [9] -> (3)(3)(3) -> 3 joins -> 3 items -> 1 join: 4
        (9, 3, 4),
        # binary: every join takes two items and gives back one, so N - 1
        (1000, 2, 999),
        # [4] -> (3)(1): 1 join, 1 carried -> 2 items -> 1 join: 2
        (4, 3, 2),
        # [7] -> (3)(3)(1): 2 joins, 1 carried -> 3 items -> 1 join: 3
        (7, 3, 3),
        # [10] -> (4)(4)(2): 3 joins -> 3 items -> a partial join: 4
        (10, 4, 4),
        # [6] -> (5)(1): 1 join, 1 carried -> 2 items -> 1 join: 2
        (6, 5, 2),
        # one leaf is already the root
        (1, 2, 0),
        (1, 3, 0),
        (1, 8, 0),
        # N = k^d: d full layers of k^(d-1), ..., 1 joins: (k^d - 1) / (k - 1)
        (3**5, 3, (3**5 - 1) // 2),
        (4**4, 4, (4**4 - 1) // 3),
        (8**3, 8, (8**3 - 1) // 7),
        (2**12, 2, 2**12 - 1),
    ],
)
def test_layered_joins_hand_worked(leaves: int, arity: int, joins: int) -> None:
    assert layered_joins(leaves, arity) == joins
    assert build_tree(leaves, arity)[2] == joins


@pytest.mark.parametrize(
    ("leaves", "arity", "sizes"),
    [
        (5, 2, [5, 3, 2, 1]),  # 5 -> 2 joins + 1 carried -> 1 join + 1 carried -> 1 join
        (5, 3, [5, 2, 1]),
        (9, 3, [9, 3, 1]),
        (4, 3, [4, 2, 1]),
        (1, 5, [1]),
        (27, 3, [27, 9, 3, 1]),
    ],
)
def test_layer_sizes_hand_worked(leaves: int, arity: int, sizes: list[int]) -> None:
    assert layer_sizes(leaves, arity) == sizes


# -- transfers: machines and a network --------------------------------------------------

STORE = ("store", 0)
CLIENT = ("client", 0)

#: What each pattern counts, as the patterns are described (not read from the library).
PATTERN_KEYS = {
    "store-and-forward": ("leaves up", "to joiners", "joins up"),
    "peer-both": ("to joiners", "root delivered"),
    "peer-one-local": ("to joiners", "root delivered"),
}


class Network:
    """Machines and the items sent between them, counted by step."""

    def __init__(self) -> None:
        self.sent: Counter[str] = Counter()
        self.uploads = 0
        self.downloads = 0
        self._joiners = itertools.count()

    def new_joiner(self) -> tuple[str, int]:
        return ("joiner", next(self._joiners))

    def move(self, source: tuple[str, int], target: tuple[str, int], step: str) -> tuple:
        """The item at ``source`` is needed at ``target``: a transfer unless already there."""
        if source != target:
            self.sent[step] += 1
            if target == STORE:
                self.uploads += 1
            elif source == STORE:
                self.downloads += 1
        return target


def simulate(root: Any, pattern: str) -> Network:
    """Prove the tree ``root`` on machines by ``pattern`` and count what is sent.

    Each leaf proof starts on its own segment prover ``("prover", i)``.  A join
    runs on a machine that must first hold all its children: a fresh joiner
    (store-and-forward, peer-both) or the machine holding its first child
    (peer-one-local).  A carried-up item is not a join, so it is simply found
    where it was made when a later join needs it.
    """
    net = Network()
    store = pattern == "store-and-forward"

    def produce(node: Any) -> tuple[str, int]:
        """Make ``node``'s item; return where it is then kept."""
        if not isinstance(node, tuple):
            prover = ("prover", node)
            return net.move(prover, STORE, "leaves up") if store else prover
        places = [produce(child) for child in node]
        if store:
            assert set(places) == {STORE}
        joiner = places[0] if pattern == "peer-one-local" else net.new_joiner()
        for place in places:
            net.move(place, joiner, "to joiners")
        return net.move(joiner, STORE, "joins up") if store else joiner

    final = produce(root)
    if not store:
        net.move(final, CLIENT, "root delivered")
    return net


def simulated_counts(leaves: int, arity: int, pattern: str) -> dict[str, int]:
    root, _, _ = build_tree(leaves, arity)
    net = simulate(root, pattern)
    assert set(net.sent) <= set(PATTERN_KEYS[pattern])
    if pattern == "store-and-forward":
        assert net.uploads == net.sent["leaves up"] + net.sent["joins up"]
        assert net.downloads == net.sent["to joiners"]
    else:
        assert net.uploads == net.downloads == 0
    return {step: net.sent[step] for step in PATTERN_KEYS[pattern]}


def library_counts(leaves: int, arity: int, pattern: str) -> dict[str, int]:
    counts = transfer_counts(leaves, layered_joins(leaves, arity), pattern)
    assert all(isinstance(count, sympy.Integer) for count in counts.values())
    return {step: int(count) for step, count in counts.items()}


@pytest.mark.parametrize(
    ("leaves", "arity", "pattern", "expected"),
    [
        # N=5, k=3: joins a=(0 1 2), b=(3 4), root=(a b); J=3.
        # store: 5 leaves up; a downloads 3, b 2, root 2 = 7; a, b, root go up = 3.
        (5, 3, "store-and-forward", {"leaves up": 5, "to joiners": 7, "joins up": 3}),
        # peer-both: the same 3 + 2 + 2 children shipped, then the root to the client.
        (5, 3, "peer-both", {"to joiners": 7, "root delivered": 1}),
        # peer-one-local: a on prover 0 gets 1, 2; b on prover 3 gets 4; the root join
        # on prover 0 (holding a) gets b: 2 + 1 + 1 = 4.
        (5, 3, "peer-one-local", {"to joiners": 4, "root delivered": 1}),
        # N=4, k=3: a=(0 1 2), leaf 3 carried, root=(a 3); J=2.
        # peer-both: 3 + 2 = 5 shipped; peer-one-local: a gets 1, 2, root (prover 0)
        # gets leaf 3 from prover 3, which kept it while it was carried: 3.
        (4, 3, "peer-both", {"to joiners": 5, "root delivered": 1}),
        (4, 3, "peer-one-local", {"to joiners": 3, "root delivered": 1}),
        (4, 3, "store-and-forward", {"leaves up": 4, "to joiners": 5, "joins up": 2}),
        # N=1: nothing to join; the leaf goes to the store, or straight to the client.
        (1, 2, "store-and-forward", {"leaves up": 1, "to joiners": 0, "joins up": 0}),
        (1, 2, "peer-both", {"to joiners": 0, "root delivered": 1}),
        (1, 2, "peer-one-local", {"to joiners": 0, "root delivered": 1}),
    ],
)
def test_transfers_hand_worked(
    leaves: int, arity: int, pattern: str, expected: dict[str, int]
) -> None:
    assert simulated_counts(leaves, arity, pattern) == expected
    assert library_counts(leaves, arity, pattern) == expected


@given(leaves=leaf_counts, arity=arities, pattern=patterns)
def test_transfer_counts_match_simulation(leaves: int, arity: int, pattern: str) -> None:
    assert library_counts(leaves, arity, pattern) == simulated_counts(leaves, arity, pattern)


@pytest.mark.parametrize("pattern", PATTERNS)
def test_transfer_counts_match_simulation_exhaustively(pattern: str) -> None:
    for arity in ARITIES:
        for leaves in range(1, 301):
            simulated = simulated_counts(leaves, arity, pattern)
            assert library_counts(leaves, arity, pattern) == simulated, (leaves, arity)


# -- TreeJoins ---------------------------------------------------------------------------

N = sympy.Symbol("N", integer=True, positive=True)
K = sympy.Symbol("k", integer=True, positive=True)


@pytest.mark.parametrize("arity", ARITIES)
def test_tree_joins_is_exact_for_integers(arity: int) -> None:
    for leaves in itertools.chain(range(1, 200), range(200, MAX_LEAVES + 1, 37)):
        value = TreeJoins(leaves, arity)
        assert isinstance(value, sympy.Integer)
        assert value == build_tree(leaves, arity)[2], (leaves, arity)


def test_tree_joins_hand_worked_and_after_substitution() -> None:
    assert TreeJoins(5, 3) == 3
    assert TreeJoins(9, 3) == 4
    assert TreeJoins(1000, 2) == 999
    assert TreeJoins(1, K) == 0  # one leaf needs no join, whatever the arity
    assert TreeJoins(N, K).subs({N: 9, K: 3}) == 4
    assert TreeJoins(N, K).subs({N: 5, K: 3}) == 3


def test_tree_joins_binary_is_n_minus_one_symbolically() -> None:
    assert TreeJoins(N, 2) == N - 1
    assert sympy.simplify(TreeJoins(N, 2) - (N - 1)) == 0
    assert not TreeJoins(N, 2).has(TreeJoins)


def test_tree_joins_stays_unevaluated_for_symbolic_arguments() -> None:
    for value in (TreeJoins(N, K), TreeJoins(N, 3), TreeJoins(7, K)):
        assert isinstance(value, TreeJoins)
    assert TreeJoins(N, K).args == (N, K)
    assert TreeJoins(N, K).is_integer is True


def test_tree_joins_latex() -> None:
    assert sympy.latex(TreeJoins(N, K)) == r"J_{k}\left(N\right)"
    assert sympy.latex(TreeJoins(N, 3)) == r"J_{3}\left(N\right)"


# -- the models' tree terms --------------------------------------------------------------

#: Every name either model uses.  One byte per item, no overhead, one byte of snapshot
#: per segment and one cycle per segment: N segments, N leaves, N bytes of snapshots.
UNIT_SIZES = {
    "segment_cycles": "1 cycle/segment",
    "rows_per_cycle": "1 row/cycle",
    "row_size": "1 B/row",
    "snapshot_size": "1 B/segment",
    "proof_size": "1 B/proof",
    "receipt_overhead": "0 B/proof",
    "folded_witness_size": "1 B",
    "folded_instance_size": "0 B",
}

#: Where each step's bytes land in each model's terms.
MODEL_TERMS = {
    "recursive_stark": {
        "store-and-forward": {
            "segment proofs": ("leaves up",),
            "aggregation": ("to joiners", "joins up"),
        },
        "peer": {"aggregation": ("to joiners",), "final proof": ("root delivered",)},
    },
    "folding": {
        "store-and-forward": {
            "folded witnesses": ("leaves up",),
            "aggregation": ("to joiners", "joins up"),
        },
        "peer": {"aggregation": ("to joiners",), "final witness": ("root delivered",)},
    },
}


def byte_magnitude(quantity: Any) -> Fraction:
    return Fraction(quantity.to("B").magnitude)


@pytest.mark.parametrize("build", [costmodel.recursive_stark, costmodel.folding])
@given(leaves=leaf_counts, arity=arities, pattern=patterns, fixed=st.booleans())
def test_model_tree_bytes_match_simulation(
    build: Any, leaves: int, arity: int, pattern: str, fixed: bool
) -> None:
    model = build(arity=arity if fixed else None, transfer=pattern)
    values = {**UNIT_SIZES, "total_cycles": f"{leaves} cycle"}
    if not fixed:
        values["arity"] = str(arity)
    result = model.evaluate(values)
    root, _, joins = build_tree(leaves, arity)
    sent = simulate(root, pattern).sent

    # everything that is not snapshots is items of one byte each moving once
    assert byte_magnitude(result.terms["snapshots"]) == leaves
    assert byte_magnitude(result.total) - leaves == sum(sent.values())

    kind = "store-and-forward" if pattern == "store-and-forward" else "peer"
    layout = MODEL_TERMS[model.name][kind]
    assert set(result.terms) == {"snapshots", *layout}
    for term, steps in layout.items():
        assert byte_magnitude(result.terms[term]) == sum(sent[step] for step in steps), term

    assert result.derived["joins"].magnitude == joins
    assert result.derived["items shipped"].magnitude == sum(sent.values())


@given(
    leaves=leaf_counts,
    arity=arities,
    pattern=patterns,
    proof=st.integers(1, 10**6),
    overhead=st.integers(0, 10**4),
    snapshot=st.integers(1, 10**9),
)
def test_recursive_stark_bytes_scale_with_item_size(
    leaves: int, arity: int, pattern: str, proof: int, overhead: int, snapshot: int
) -> None:
    # total = N snapshots of S bytes + every proof transfer carrying P + o bytes
    model = costmodel.recursive_stark(arity=arity, transfer=pattern)
    values = {
        **UNIT_SIZES,
        "total_cycles": f"{leaves} cycle",
        "snapshot_size": f"{snapshot} B/segment",
        "proof_size": f"{proof} B/proof",
        "receipt_overhead": f"{overhead} B/proof",
    }
    result = model.evaluate(values)
    transfers = sum(simulate(build_tree(leaves, arity)[0], pattern).sent.values())
    assert byte_magnitude(result.total) == leaves * snapshot + transfers * (proof + overhead)


@pytest.mark.parametrize(
    ("leaves", "arity"),
    [(0, 2), (sympy.Rational(5, 2), 2), (0, 3), (5, 1), (5, sympy.Rational(5, 2))],
)
def test_tree_joins_refuses_impossible_trees(leaves, arity):
    with pytest.raises(costmodel.ParameterValueError):
        TreeJoins(leaves, arity)


def test_layered_joins_refuses_bools():
    with pytest.raises(costmodel.ParameterValueError):
        layered_joins(True, 2)


# -- depth, waves of joins and the critical path: against the built tree -------------------


def height(node: Any) -> int:
    """Joins on the longest root-to-leaf path (a leaf: 0), walked without recursion."""
    best, stack = 0, [(node, 0)]
    while stack:
        item, above = stack.pop()
        if isinstance(item, tuple):
            stack.extend((child, above + 1) for child in item)
        else:
            best = max(best, above)
    return best


@pytest.mark.parametrize("arity", range(2, 17))
def test_depth_and_waves_match_the_built_tree_exhaustively(arity: int) -> None:
    for leaves in range(1, 3001):
        _, layers, _ = build_tree(leaves, arity)
        depth = len(layers) - 1  # one join per layer above the leaves on the longest path
        assert tree_depth(leaves, arity) == depth, (leaves, arity)
        # joins made in each layer: the new tuples above (an item carried up unjoined is
        # the last one below, the same object)
        made = [
            len(upper) - (upper[-1] is lower[-1]) for lower, upper in itertools.pairwise(layers)
        ]
        for machines in (1, 2, 3, 7, 64, leaves):
            expected = sum(-(-joins // machines) for joins in made)
            assert join_waves(leaves, arity, machines) == expected, (leaves, arity, machines)
    # the longest path of the built tree is its layer count (checked once per arity)
    assert height(build_tree(3000, arity)[0]) == tree_depth(3000, arity)


@given(st.integers(1, 10**6), st.integers(2, 16), st.integers(1, 10**6))
def test_the_symbolic_counts_are_the_integer_ones(leaves: int, arity: int, machines: int) -> None:
    n = sympy.Integer(leaves)
    assert costmodel.TreeDepth(n, arity) == tree_depth(leaves, arity)
    assert costmodel.JoinWaves(n, arity, machines) == join_waves(leaves, arity, machines)
    # with a machine per join of the first layer, a wave per layer: the depth
    assert costmodel.JoinWaves(n, arity, leaves) == tree_depth(leaves, arity)


def asap_finish(node: Any, join_time: Fraction) -> Fraction:
    """When ``node`` is done if every join starts as soon as its children are (unlimited
    machines, no network): a leaf at 0, a join at its last child plus ``join_time``."""
    if not isinstance(node, tuple):
        return Fraction(0)
    return max(asap_finish(child, join_time) for child in node) + join_time


@given(st.integers(1, 3000), st.integers(2, 16))
def test_critical_path_is_the_built_tree_s_longest_path(leaves: int, arity: int) -> None:
    # M >= N machines, no pipelining, no network: the wall time is execution, one segment
    # proof, the lift, then the tree's longest chain of joins, then the wrap.  The chain
    # comes from the built tree's as-soon-as-possible schedule, not from the library.
    values = {
        "total_cycles": f"{leaves * 2**20} cycle",
        "segment_cycles": f"{2**20} cycle/segment",
        "machines": f"{leaves} machine",
        "execution_rate": "16 Mcycle/s",
        "prove_rate": "500 kcycle/(s*machine)",
        "lift_time": "1/2 s/segment",
        "join_time": "6/5 s/join",
        "wrap_time": "80 s",
        "arity": arity,
    }
    model = costmodel.recursive_stark(arity=None, metric="wall_time", network=False, wrap=True)
    root, _, _ = build_tree(leaves, arity)
    execution = Fraction(leaves * 2**20, 16 * 10**6)
    prove = Fraction(2**20, 500_000)
    expected = execution + prove + Fraction(1, 2) + asap_finish(root, Fraction(6, 5)) + 80
    assert model.evaluate(values).total == costmodel.Q_(expected, "s")
