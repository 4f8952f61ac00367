"""Round values for a simulated cluster, the ones the simulation tests start from: one home
for tests/test_simulate.py and benchmarks/bench_simulate.py (this module imports nothing, so
the benchmark needs none of the test tools).

>>> brief_values(4, 2)["total_cycles"], brief_values(4, 2, lift_time="1 s/segment")["lift_time"]
('4194304 cycle', '1 s/segment')
"""

from __future__ import annotations

#: The segment size of every simulated run: 2^20 cycles.
SEGMENT_CYCLES = 2**20

#: Nova-with-CycleFold node sizes (presets/nova-cyclefold.toml), for pcd_tree.
PCD_VALUES = {
    "primary_constraints": "33289 gate",
    "primary_variables": "33323 field_element",
    "secondary_constraints": "2090 gate",
    "secondary_variables": "2081 field_element",
    "serialized_element_size": "32 B/field_element",
}


def brief_values(segments: int, machines: int, **overrides: str) -> dict[str, str]:
    """Round values for ``segments`` whole segments of :data:`SEGMENT_CYCLES` on ``machines``
    machines (a 10 Gbit/s store shared by all), ``overrides`` replacing any of them."""
    values = {
        "total_cycles": f"{segments * SEGMENT_CYCLES} cycle",
        "segment_cycles": f"{SEGMENT_CYCLES} cycle/segment",
        "machines": f"{machines} machine",
        "snapshot_size": "10 MB/segment",
        "proof_size": "250 kB/proof",
        "receipt_overhead": "0 B/proof",
        "wrap_proof_size": "256 B",
        "execution_rate": "16 Mcycle/s",
        "prove_rate": "300 kcycle/(s*machine)",
        "lift_time": "0.5 s/segment",
        "join_time": "1.2 s/join",
        "wrap_time": "80 s",
        "link_bandwidth": "10 Gbit/s",
        "store_bandwidth": "10 Gbit/s",
        "link_latency": "1 ms",
        "folded_witness_size": "1 MB",
        "folded_instance_size": "0 B",
        "rows_per_cycle": "1 row/cycle",
        "row_size": "1 kB/row",
        **PCD_VALUES,
    }
    values.update(overrides)
    return values
