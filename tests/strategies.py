"""Shared Hypothesis strategies: parameter values, value sets, architectures, units; and the
settings of the properties whose every example is costly."""

from __future__ import annotations

import inspect
import os
from fractions import Fraction

from hypothesis import settings
from hypothesis import strategies as st

import costmodel
from costmodel.architectures import TRANSFER_PATTERNS, TREE_ARCHITECTURES, WITNESS_ACCOUNTINGS

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


def costly(examples: int) -> settings:
    """Settings for a property each example of which is costly to run (a symbolic solve, a
    model built afresh, a simulated cluster): at most ``examples`` examples under the
    default (development) profile, the loaded profile's own count under any other (CI's
    thorough one, ``HYPOTHESIS_PROFILE=ci``: see tests/conftest.py)."""
    if os.environ.get("HYPOTHESIS_PROFILE", "default") != "default":
        return settings()
    return settings(max_examples=min(examples, settings.default.max_examples))


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
        # the folded-state accountings that size pcd_tree's nodes (each count at least 1, so a
        # node weighs something and one more segment ships strictly more)
        "primary_constraints": f"{draw(st.integers(1, 10**6))} gate",
        "primary_variables": f"{draw(st.integers(1, 10**6))} field_element",
        "secondary_constraints": f"{draw(st.integers(1, 10**5))} gate",
        "secondary_variables": f"{draw(st.integers(1, 10**5))} field_element",
        "serialized_element_size": f"{draw(st.integers(1, 64))} B/field_element",
        "verifier_gates": f"{draw(st.integers(1, 10**5))} gate",
        "elements_per_gate": f"{draw(st.integers(1, 8))} field_element/gate",
        "field_element_bits": f"{draw(st.integers(1, 512))} bit/field_element",
    }


@st.composite
def architectures(draw: st.DrawFn) -> costmodel.Model:
    """Any registered tree architecture (``TREE_ARCHITECTURES``) with drawn options: arity left
    symbolic half the time, and a folded-state accounting where the architecture takes one."""
    build = draw(st.sampled_from(tuple(TREE_ARCHITECTURES.values())))
    options = {
        "arity": draw(st.one_of(st.none(), arities)),
        "transfer": draw(transfers),
        "wrap": draw(st.booleans()),
        "ship": draw(ships),
    }
    if "accounting" in inspect.signature(build).parameters:
        options["accounting"] = draw(st.sampled_from(tuple(WITNESS_ACCOUNTINGS)))
    return build(**options)


def with_arity(model: costmodel.Model, values: dict[str, str]) -> dict[str, str]:
    """``values`` with the arity the model was built with, where it fixed one."""
    fixed = model.fixed.get("arity")
    return values if fixed is None else {**values, "arity": str(fixed)}


# -- fuzzing: formulas, quantity strings, TOML documents, valid and broken ------------------

NAME_POOL = sorted(costmodel.VOCABULARY)
FUNCTION_POOL = ("ceil", "floor", "sqrt", "log", "max", "min", "joins")
UNIT_WORDS = (
    "B",
    "kB",
    "KiB",
    "MB",
    "Gbit",
    "bit",
    "cycle",
    "segment",
    "proof",
    "gate",
    "row",
    "machine",
    "felt",
    "s",
    "hour",
    "USD",
    "parsec",
    "",
    "%",
    "1/0",
)


@st.composite
def formulas(draw: st.DrawFn, depth: int = 3) -> str:
    """Formulas built from vocabulary names, numbers, operators and allowed functions.

    They parse; many are dimensionally wrong, which the walker must then refuse.
    """
    if depth <= 0 or draw(st.booleans()):
        return draw(
            st.one_of(
                st.sampled_from(NAME_POOL),
                st.integers(min_value=0, max_value=10**6).map(str),
                st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False).map(str),
            )
        )
    kind = draw(st.sampled_from(("binary", "unary", "call")))
    if kind == "binary":
        operator = draw(st.sampled_from(("+", "-", "*", "/")))
        return f"({draw(formulas(depth - 1))} {operator} {draw(formulas(depth - 1))})"
    if kind == "unary":
        return f"-{draw(formulas(depth - 1))}"
    function = draw(st.sampled_from(FUNCTION_POOL))
    arguments = 2 if function in ("max", "min", "joins") else 1
    return f"{function}({', '.join(draw(formulas(depth - 1)) for _ in range(arguments))})"


broken_formulas = st.one_of(
    st.text(max_size=60),
    st.builds(
        lambda a, b: a + b,
        formulas(2),
        st.sampled_from(
            (".real", "[0]", "(", ")", " if 1 else 0", "**", ",", " and 1", "()", "__class__")
        ),
    ),
)

quantity_strings = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda number, unit, per: f"{number} {unit}{per}",
        st.one_of(
            st.integers(-(10**30), 10**30).map(str),
            st.floats(allow_nan=True, allow_infinity=True).map(repr),
            st.sampled_from(("nan", "inf", "1e400", "1/3", "0x10", "", "--1")),
        ),
        st.sampled_from(UNIT_WORDS),
        st.sampled_from(("", "/segment", "/proof", "/cycle", "/", "/segment/segment")),
    ),
    # what pint's expression reader once turned into wrong numbers: commas, spaced digits,
    # arithmetic, powers, subscripts, separators
    st.builds(
        lambda a, sep, b, unit: f"{a}{sep}{b} {unit}",
        st.integers(0, 999).map(str),
        st.sampled_from((",", " ", "**", "+", ";", "[", "@")),
        st.integers(0, 999).map(str),
        st.sampled_from(UNIT_WORDS),
    ),
)

toml_documents = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda name, formula, unit: (
            f'[model]\nname = "{name}"\nunit = "{unit}"\n[terms]\nx = """{formula}"""\n'
        ),
        st.text(alphabet="abcdefghij", min_size=1, max_size=8),
        st.one_of(formulas(), broken_formulas.filter(lambda t: '"""' not in t and "\\" not in t)),
        st.sampled_from(UNIT_WORDS),
    ),
)
