"""The smallest folded witness a recursive verifier circuit allows."""

from __future__ import annotations

from typing import Literal

from costmodel.errors import check_choice
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = ["ROUNDINGS", "Rounding", "verifier_witness_bound"]

Rounding = Literal["exact", "rounded"]

#: ``exact``: gates x elements per gate x bits per element;
#: ``rounded``: gates x bits per gate, as the seed note rounds (750 bits for 3 x 255).
ROUNDINGS: tuple[Rounding, ...] = ("exact", "rounded")


def verifier_witness_bound(*, rounding: Rounding = "exact") -> Model:
    """A folded witness holds at least the verifier circuit's witness, in bytes.

    ``V · e · b`` bits (``rounding="exact"``) or ``V · β`` bits with a hand-rounded
    ``β`` bits per gate (``rounding="rounded"``, the note's 750), converted exactly
    to bytes.  Bits are not bytes: 10,000 gates at 750 bits is 937.5 kB, not 7.5 MB.

    >>> from costmodel import presets, format_quantity
    >>> bound = verifier_witness_bound(rounding="rounded")
    >>> format_quantity(bound.evaluate(presets.load("seed-note")).total)
    '937.5 kB'
    """
    check_choice("rounding", rounding, ROUNDINGS)
    gates = symbol("verifier_gates")
    if rounding == "exact":
        bits = gates * symbol("elements_per_gate") * symbol("field_element_bits")
    else:
        bits = gates * symbol("bits_per_gate")
    return Model.build(
        "verifier_witness_bound",
        {"verifier witness": bits},
        options={"rounding": rounding},
        description="lower bound on a folded witness from the recursive verifier circuit",
    )
