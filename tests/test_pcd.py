"""The Paranova / PCD tree: nodes from accountings, the STARK tree's counts and patterns."""

import pytest
import sympy

import costmodel
from costmodel import pcd_node, pcd_tree, presets

SEED = presets.load("seed-note")
WORKLOAD = {
    name: SEED[name] for name in ("total_cycles", "segment_cycles", "snapshot_size", "arity")
}


def nova_values(**extra):
    """Nova's measured circuits on the seed note's workload (1000 segments, 50 MB)."""
    return {**presets.load("nova"), **WORKLOAD, **extra}


def test_node_is_accounting_plus_instances():
    node = pcd_node(accounting="nova-relaxed-r1cs")
    state = costmodel.witness_accounting(accounting="nova-relaxed-r1cs")
    assert list(node.terms) == [*state.terms, "instances"]
    values = nova_values(folded_instance_size="160 B")
    # 1,621,792 B of witnesses + 160 B of instances
    assert node.evaluate(values).total.magnitude == 1_621_792 + 160


def test_nova_tree_hand_worked():
    # N = 1000 segments, binary tree: J = 999 joins; store-and-forward ships
    # 1000 nodes up, 1000 + 999 - 1 = 1998 down to joiners, 999 join results up.
    # node = 1,621,792 B: 1000 x node = 1,621,792,000 B; 2997 x node = 4,860,510,624 B
    result = pcd_tree(accounting="nova-relaxed-r1cs").evaluate(nova_values())
    assert result.derived["segments"].magnitude == 1000
    assert result.derived["joins"].magnitude == 999
    assert result.derived["node size"].magnitude == 1_621_792
    assert result.derived["items shipped"].magnitude == 1000 + 1998 + 999
    assert {n: q.magnitude for n, q in result.terms.items()} == {
        "snapshots": 50_000_000_000,
        "nodes up": 1_621_792_000,
        "aggregation": 4_860_510_624,
    }
    assert result.total.magnitude == 56_482_302_624


def test_nexus_tree_hand_worked():
    # node: 1,746,000 elements x 32 B = 55,872,000 B; 3997 nodes = 223,320,384,000 B
    values = {
        **presets.load("nexus"),
        "total_cycles": "1e9 cycle",
        "segment_cycles": "1e6 cycle/segment",
        "snapshot_size": "50 MB/segment",
    }
    result = pcd_tree(accounting="nova-cyclefold").evaluate(values)
    assert result.derived["node size"].magnitude == 55_872_000
    tree = result.total.magnitude - 50_000_000_000
    assert tree == 3997 * 55_872_000 == 223_320_384_000


@pytest.mark.parametrize(
    ("transfer", "nodes"),
    [
        ("store-and-forward", 3997),  # N + (N + J - 1) + J
        ("peer-both", 1999),  # (N + J - 1) children to joiners, the root delivered
        ("peer-one-local", 1000),  # N - 1 (each join holds one child), the root delivered
    ],
)
def test_transfer_patterns_count_like_the_stark_tree(transfer, nodes):
    model = pcd_tree(accounting="nova-relaxed-r1cs", transfer=transfer)
    result = model.evaluate(nova_values())
    assert result.total.magnitude - 50_000_000_000 == nodes * 1_621_792
    stark = costmodel.recursive_stark(transfer=transfer).evaluate(SEED)
    assert stark.derived["items shipped"].magnitude == nodes


def test_arity_four_and_segment_ceiling():
    # 1000 leaves, k = 4: layers 1000, 250, 63, 16, 4, 1; joins 250 + 63 + 16 + 4 + 1 = 334
    result = pcd_tree(accounting="nova-relaxed-r1cs", arity=4).evaluate(nova_values(arity=4))
    assert result.derived["joins"].magnitude == 334
    assert result.derived["items shipped"].magnitude == 1000 + 1333 + 334
    # 10^9 cycles at 2^20 per segment: 953.67 -> 954 segments, 953 joins
    values = nova_values(segment_cycles="1048576 cycle/segment")
    result = pcd_tree(accounting="nova-relaxed-r1cs").evaluate(values)
    assert result.derived["segments"].magnitude == 954
    assert result.derived["joins"].magnitude == 953


def test_symbolic_arity_is_given_with_the_values():
    model = pcd_tree(accounting="nova-relaxed-r1cs", arity=None)
    assert costmodel.symbol("arity") in model.total.free_symbols
    assert model.evaluate(nova_values(arity=2)).total.magnitude == 56_482_302_624


def test_same_item_size_ships_like_the_notes_folding_sketch():
    # a node of 1 MB: 15,625 variables and constraints x 64 B = 1,000,000 B, the note's W
    values = {
        **WORKLOAD,
        "primary_constraints": "15625 gate",
        "primary_variables": "15625 felt",
        "serialized_element_size": "32 B/felt",
        "folded_instance_size": "0 B",
    }
    tree = pcd_tree(accounting="relaxed-r1cs").evaluate(values)
    sketch = costmodel.folding().evaluate(SEED)
    assert tree.total == sketch.total  # 53.997 GB
    assert costmodel.format_quantity(tree.total) == "53.997 GB"


def test_wrap_and_witness_shipping():
    result = pcd_tree(accounting="nova-relaxed-r1cs", wrap=True).evaluate(
        nova_values(wrap_proof_size="256 B")
    )
    # the root fetched by the wrapper and the SNARK uploaded: 1,621,792 + 256 B
    assert result.terms["wrap"].magnitude == 1_621_792 + 256
    shipped = pcd_tree(accounting="nova-relaxed-r1cs", ship="witness").evaluate(
        nova_values(rows_per_cycle="1 row/cycle", row_size="1 kB/row")
    )
    assert shipped.terms["witnesses"].magnitude == 10**12  # 1000 x 1 GB


def test_options_are_checked():
    with pytest.raises(costmodel.OptionError, match="peer-both"):
        pcd_tree(transfer="peer-to-peer")
    with pytest.raises(costmodel.OptionError, match="wrap"):
        pcd_tree(wrap="yes")
    with pytest.raises(costmodel.OptionError, match="accounting"):
        pcd_tree(accounting="paranova")
    with pytest.raises(costmodel.ParameterValueError, match="arity"):
        pcd_tree(arity=1)
    with pytest.raises(costmodel.OptionError, match="arity"):
        pcd_tree(accounting="nova-relaxed-r1cs").evaluate(nova_values(arity=3))


def test_registered_and_printable():
    assert costmodel.ARCHITECTURES["pcd-tree"] is pcd_tree
    model = pcd_tree(accounting="hypernova-ccs")
    assert not model.total.has(sympy.Float)
    text = costmodel.latex(model)
    assert r"\lceil" in text and "n_{1}" in text
