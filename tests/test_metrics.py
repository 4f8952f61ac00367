"""Time, money and memory models: every closed form against numbers worked by hand.

The values below are round on purpose, so each term can be worked out on paper:

- 8 segments of 2^20 cycles (T = 8 * 2^20), executed at 16 Mcycle/s: T/R_e = 0.524288 s;
- proving at 524,288 cycle/(s*machine): C/R_p = 2 s per segment; lift 0.5 s; join 1 s;
- snapshots of 10 MB, proofs of 250 kB, a wrap proof of 256 B;
- links of 100 MB/s, a store of 400 MB/s, 10 ms latency per transfer.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import costmodel
from costmodel.architectures import METRIC_UNITS, METRICS

VALUES = {
    "total_cycles": f"{8 * 2**20} cycle",
    "segment_cycles": f"{2**20} cycle/segment",
    "machines": "8 machine",
    "arity": 2,
    "execution_rate": "16 Mcycle/s",
    "prove_rate": "524288 cycle/(s*machine)",
    "lift_time": "0.5 s/segment",
    "join_time": "1 s/join",
    "wrap_time": "10 s",
    "snapshot_size": "10 MB/segment",
    "proof_size": "250 kB/proof",
    "receipt_overhead": "0 B/proof",
    "wrap_proof_size": "256 B",
    "link_bandwidth": "100 MB/s",
    "store_bandwidth": "400 MB/s",
    "link_latency": "10 ms",
    "machine_price": "1.116 USD/(machine*h)",
    "egress_price": "0.09 USD/GB",
    "verification_cost": "0.5 USD",
    "memory_base": "1.75 GB/machine",
    "memory_per_cycle": "7459 B/cycle",
    "machine_memory": "16 GB/machine",
}


def seconds(result: costmodel.Evaluation) -> dict[str, Fraction]:
    return {name: Fraction(q.to("s").magnitude) for name, q in result.terms.items()}


def exact(text: str) -> Fraction:
    return Fraction(text)


def test_every_metric_totals_in_its_unit():
    for metric in METRICS:
        model = costmodel.recursive_stark(metric=metric)
        assert model.pint_unit == costmodel.units.parse_unit(METRIC_UNITS[metric])


def test_wall_time_store_and_forward_with_wrap():
    model = costmodel.recursive_stark(metric="wall_time", wrap=True)
    terms = seconds(model.evaluate(VALUES))
    # 8 machines for 8 segments: one wave; 8 transfers share the 400 MB/s store, so each moves
    # at min(100, 400/8) = 50 MB/s: a snapshot takes 0.01 + 10/50 = 0.21 s, a proof 0.015 s
    assert terms == {
        "execution": exact("0.524288"),  # 8 * 2^20 / 16e6
        "snapshot distribution": exact("0.21"),
        "segment proving": exact("2"),
        "lift": exact("0.5"),
        "segment proofs to the store": exact("0.015"),
        # 3 layers of joins (8 -> 4 -> 2 -> 1), each join: 2 proofs down and 1 up, 0.015 s each
        "tree transfers": exact("0.135"),
        "joins": exact("3"),
        # the root down (0.015 s), 10 s of wrap, 256 B out (0.01 + 256/1e8 s)
        "wrap": exact("10.02500256"),
    }
    assert sum(terms.values()) == exact("16.40929056")


def test_wall_time_peer_patterns():
    peer = costmodel.recursive_stark(metric="wall_time", transfer="peer-both")
    terms = seconds(peer.evaluate(VALUES))
    # peers receive at the link's 100 MB/s: a proof takes 0.01 + 0.0025 = 0.0125 s
    assert terms["tree transfers"] == exact("0.075")  # 3 layers x 2 proofs x 0.0125 s
    assert terms["final proof"] == exact("0.0125")  # the root delivered to the client
    assert "segment proofs to the store" not in terms
    assert sum(terms.values()) == exact("6.321788")
    one_local = costmodel.recursive_stark(metric="wall_time", transfer="peer-one-local")
    # the joiner holds one child: 1 proof received per join, 3 layers
    assert seconds(one_local.evaluate(VALUES))["tree transfers"] == exact("0.0375")


def test_wall_time_in_waves():
    values = {**VALUES, "machines": "3 machine"}
    terms = seconds(costmodel.recursive_stark(metric="wall_time").evaluate(values))
    # 3 machines: ceil(8/3) = 3 waves; 3 transfers share the store: min(100, 400/3) = 100 MB/s
    assert terms["snapshot distribution"] == exact("0.33")  # 3 x (0.01 + 0.1)
    assert terms["segment proving"] == 6 and terms["lift"] == exact("1.5")
    # joins per layer 4, 2, 1 run 3 at a time: 2 + 1 + 1 = 4 waves of joins
    assert terms["joins"] == 4
    assert terms["tree transfers"] == exact("0.15")  # 4 waves x 3 proofs x 0.0125 s
    assert sum(terms.values()) == exact("12.541788")


def test_wall_time_pipelined():
    values = {**VALUES, "machines": "3 machine"}
    model = costmodel.recursive_stark(metric="wall_time", pipeline=True)
    terms = seconds(model.evaluate(values))
    # one segment task: 0.11 s in + 2 s + 0.5 s + 0.0125 s out = 2.6225 s; segments are handed
    # out every 2^20 / 16e6 = 0.065536 s.  Chains: the last segment, 0.524288 + 2.6225; the
    # second wave's, 5 x 0.065536 + 2 x 2.6225; the last wave's first, 2 x 0.065536 + 3 x 2.6225
    assert terms["execution and segments (pipelined)"] == exact("7.998572")
    assert sum(terms.values()) == exact("12.148572")  # + 0.15 s of tree transfers + 4 s of joins
    # never later than without pipelining
    plain = costmodel.recursive_stark(metric="wall_time").evaluate(values).total
    assert Fraction(plain.magnitude) >= sum(terms.values())


def test_machine_time():
    model = costmodel.recursive_stark(metric="machine_time", wrap=True)
    result = model.evaluate(VALUES)
    terms = {name: Fraction(q.to("machine*s").magnitude) for name, q in result.terms.items()}
    # alone at the store a transfer moves at min(100, 400) MB/s: 0.11 s per snapshot,
    # 0.0125 s per proof
    assert terms == {
        "execution": exact("0.524288"),
        "snapshot distribution": exact("0.88"),  # 8 x 0.11
        "segment proving": 16,  # 8 x 2
        "lift": 4,  # 8 x 0.5
        # 8 proofs up, 8 + 7 - 1 down to joiners, 7 results up: 29 x 0.0125
        "tree transfers": exact("0.3625"),
        "joins": 7,
        "wrap": exact("10.02250256"),  # 0.0125 + 10 + 0.01000256
    }
    assert Fraction(result.total.magnitude) == exact("38.78929056")


def test_dollars_reserved_and_per_use():
    reserved = costmodel.recursive_stark(metric="dollars", wrap=True).evaluate(VALUES)
    terms = {name: Fraction(q.to("USD").magnitude) for name, q in reserved.terms.items()}
    # 8 machines x 16.40929056 s x 1.116 USD / 3600 s = 8 x 16.40929056 x 0.00031
    assert terms["machines (reserved)"] == exact("0.0406950405888")
    # 87,500,256 B moved (8 x 10 MB + 8 x 250 kB + 21 x 250 kB + 250,256 B) x 0.09 USD/GB
    assert terms["egress"] == exact("0.00787502304")
    assert terms["verification"] == exact("0.5")
    per_use = costmodel.recursive_stark(metric="dollars", wrap=True, billing="per-use")
    used = per_use.evaluate(VALUES).terms["machines (per use)"]
    assert Fraction(used.to("USD").magnitude) == exact("38.78929056") * exact("0.00031")


def test_network_off_leaves_compute_alone():
    model = costmodel.recursive_stark(metric="wall_time", network=False)
    assert list(model.terms) == ["execution", "segment proving", "lift", "joins"]
    assert Fraction(model.evaluate(VALUES).total.magnitude) == exact("6.024288")
    dollars = costmodel.recursive_stark(metric="dollars", network=False)
    assert "egress" not in dollars.terms


def test_peak_memory_and_the_largest_segment_that_fits():
    memory = costmodel.recursive_stark(metric="peak_memory").evaluate(VALUES)
    # 1.75 GB + 7459 B x 2^20 = 1,750,000,000 + 7,821,328,384 B
    assert memory.total.to("B/machine").magnitude == 9_571_328_384
    limit = costmodel.memory_limit_breakeven()
    point = limit.evaluate(VALUES)
    # (16 GB - 1.75 GB) / 7459 B per cycle = 14.25e9 / 7459 cycles per segment
    assert Fraction(point.value.to("cycle/segment").magnitude) == Fraction(14_250_000_000, 7459)
    # about 1,910,444 cycles: 2^20 fits, 2^21 = 2,097,152 does not (Boundless: 16 GB -> po2 20)
    assert costmodel.largest_segment(VALUES).to("cycle/segment").magnitude == 2**20
    assert costmodel.largest_segment(VALUES, power_of_two=False).to(
        "cycle/segment"
    ).magnitude == Fraction(14_250_000_000, 7459)


def test_folding_and_pcd_tree_take_every_metric():
    values = {**VALUES, "folded_witness_size": "1 MB", "folded_instance_size": "0 B"}
    folded = costmodel.folding(metric="wall_time").evaluate(values)
    # no lift; the tree ships 1 MB witnesses: 0.01 + 1e6 x max(1e-8, 8 / 4e8) = 0.03 s each
    assert "lift" not in folded.terms and "segment folding" in folded.terms
    assert Fraction(folded.terms["tree transfers"].to("s").magnitude) == exact("0.27")
    pcd = costmodel.pcd_tree(metric="machine_time", accounting="relaxed-r1cs")
    assert pcd.pint_unit == costmodel.units.parse_unit("machine*s")


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"billing": "per-use"}, "billing applies"),
        ({"pipeline": True}, "pipeline applies"),
        ({"network": False, "metric": "peak_memory"}, "network=False applies"),
        ({"metric": "latency"}, "unknown choice 'latency'"),
        ({"metric": "dollars", "billing": "hourly"}, "unknown choice 'hourly'"),
        ({"metric": "wall_time", "pipeline": "yes"}, "True or False"),
    ],
)
def test_options_that_do_not_apply_are_refused(options, fragment):
    with pytest.raises(costmodel.OptionError, match=fragment):
        costmodel.recursive_stark(**options)


def test_bytes_models_are_unchanged_by_the_metric_options():
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    assert model.fixed == {
        "arity": 2,
        "transfer": "store-and-forward",
        "wrap": False,
        "ship": "snapshot",
    }
    assert costmodel.format_quantity(model.evaluate(seed).total) == "50.99925 GB"


@given(
    segments=st.integers(1, 300),
    arity=st.integers(2, 9),
    transfer=st.sampled_from(costmodel.TRANSFER_PATTERNS),
    wrap=st.booleans(),
    prove=st.integers(1, 10**6),
    join=st.integers(1, 10**3),
)
def test_one_machine_without_network_wall_time_is_machine_time(
    segments, arity, transfer, wrap, prove, join
):
    values = {
        **VALUES,
        "total_cycles": f"{segments * 2**20} cycle",
        "machines": "1 machine",
        "arity": arity,
        "prove_rate": f"{prove} cycle/(s*machine)",
        "join_time": f"{join} ms/join",
    }
    options = {"arity": arity, "transfer": transfer, "wrap": wrap, "network": False}
    wall = costmodel.recursive_stark(metric="wall_time", **options).evaluate(values)
    work = costmodel.recursive_stark(metric="machine_time", **options).evaluate(values)
    assert wall.total.to("s").magnitude == work.total.to("machine*s").magnitude
