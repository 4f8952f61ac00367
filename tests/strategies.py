"""Shared Hypothesis strategies: parameter values, value sets, architectures, units."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

import costmodel
from costmodel.architectures import TRANSFER_PATTERNS

#: Units each size may be written in, with the factor to bytes (worked by hand:
#: kB = 1000 B, KiB = 1024 B, bit = 1/8 B, GB = 10^9 B, Mbit = 125000 B).
BYTE_UNITS: dict[str, Fraction] = {
    "B": Fraction(1),
    "kB": Fraction(1000),
    "KiB": Fraction(1024),
    "bit": Fraction(1, 8),
    "GB": Fraction(10**9),
    "Mbit": Fraction(125_000),
}

positive_counts = st.integers(min_value=1, max_value=10**6)
arities = st.integers(min_value=2, max_value=8)
transfers = st.sampled_from(TRANSFER_PATTERNS)
ships = st.sampled_from(("snapshot", "witness"))
byte_units = st.sampled_from(sorted(BYTE_UNITS))


@st.composite
def seed_like_values(draw: st.DrawFn) -> dict[str, str]:
    """A full set of values around the seed note's, as strings with units (bytes exact)."""
    segment_cycles = draw(st.integers(min_value=1, max_value=10**7))
    segments = draw(st.integers(min_value=1, max_value=5000))
    # total cycles anywhere in the last segment: exercise partial last segments
    total_cycles = (segments - 1) * segment_cycles + draw(
        st.integers(min_value=1, max_value=segment_cycles)
    )
    return {
        "total_cycles": f"{total_cycles} cycle",
        "segment_cycles": f"{segment_cycles} cycle/segment",
        "rows_per_cycle": f"{draw(st.integers(1, 8))} row/cycle",
        "row_size": f"{draw(st.integers(1, 4096))} B/row",
        "snapshot_size": f"{draw(st.integers(1, 10**9))} B/segment",
        "proof_size": f"{draw(st.integers(1, 10**6))} B/proof",
        "receipt_overhead": f"{draw(st.integers(0, 10**4))} B/proof",
        "arity": str(draw(arities)),
        "wrap_proof_size": f"{draw(st.integers(0, 10**3))} B",
        "folded_witness_size": f"{draw(st.integers(1, 10**8))} B",
        "folded_instance_size": f"{draw(st.integers(0, 10**4))} B",
    }


@st.composite
def architectures(draw: st.DrawFn) -> costmodel.Model:
    """recursive_stark or folding with drawn options (arity left symbolic half the time)."""
    build = draw(st.sampled_from((costmodel.recursive_stark, costmodel.folding)))
    arity = draw(st.one_of(st.none(), arities))
    return build(arity=arity, transfer=draw(transfers), wrap=draw(st.booleans()), ship=draw(ships))


def with_arity(model: costmodel.Model, values: dict[str, str]) -> dict[str, str]:
    """``values`` with the arity the model was built with, where it fixed one."""
    fixed = model.fixed.get("arity")
    return values if fixed is None else {**values, "arity": str(fixed)}
