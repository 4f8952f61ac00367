"""Folded-state accountings: the bytes of what a folding prover holds and ships.

The seed note bounds a folded witness by the verifier circuit at 3 field elements of
255 bits per gate.  Real folding schemes lay their running state out differently, and
each layout is a named accounting here, built as a :class:`~costmodel.model.Model`
whose terms are bytes (so it can be evaluated, compared, solved and put in a PCD node):

- ``note``: ``V · e · b`` bits, the seed note's gates x elements x bits;
- ``relaxed-r1cs``: one relaxed R1CS witness, ``W`` (``n₁`` elements) and ``E`` (``m₁``);
- ``nova-relaxed-r1cs``: Nova on a 2-cycle, both curves' relaxed witnesses and the plain
  second-curve witness (``n₂``);
- ``nova-cyclefold``: Nova with CycleFold, the primary relaxed witness, the plain primary
  witness (``n₁``) and the CycleFold relaxed witness;
- ``hypernova-ccs``: HyperNova with CycleFold, running and incoming CCS witnesses (``n₁``
  each, no error vector) and the CycleFold relaxed witness.

Vectors are counted in field elements and shipped at ``s`` bytes each
(``serialized_element_size``): ``W`` holds one element per variable, ``E`` one per
constraint (an R1CS constraint is one multiplication gate).  Instances (commitments
and a few scalars) are not witness bytes; a PCD node adds them as
``folded_instance_size`` (:func:`costmodel.pcd_node`).

Worked example, Nova's measured circuits (Pallas/Vesta, 9,817 and 10,349 constraints,
variables taken equal to constraints, 32 B per element): the 2-cycle state holds
``9,817 + 9,817 + 10,349 + 10,349 + 10,349 = 50,681`` elements, 1,621,792 B.

>>> from costmodel import witness_accounting, format_quantity
>>> values = {"primary_constraints": "9817 gate", "primary_variables": "9817 felt",
...           "secondary_constraints": "10349 gate", "secondary_variables": "10349 felt",
...           "serialized_element_size": "32 B/felt"}
>>> format_quantity(witness_accounting(accounting="nova-relaxed-r1cs").evaluate(values).total)
'1.621792 MB'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Literal, cast

import sympy

from costmodel.errors import check_choice
from costmodel.functions import count_as
from costmodel.model import Model
from costmodel.symbols import symbol

__all__ = [
    "ACCOUNTING_PRESETS",
    "WITNESS_ACCOUNTINGS",
    "Accounting",
    "hypernova_ccs_state",
    "note_witness",
    "nova_cyclefold_state",
    "nova_two_cycle_state",
    "relaxed_r1cs_witness",
    "witness_accounting",
]


Accounting = Literal["note", "relaxed-r1cs", "nova-relaxed-r1cs", "nova-cyclefold", "hypernova-ccs"]


def _variables(curve: str) -> sympy.Expr:
    """``n · s``: a witness vector with one field element per variable, in bytes."""
    return cast(sympy.Expr, symbol(f"{curve}_variables") * symbol("serialized_element_size"))


def _errors(curve: str) -> sympy.Expr:
    """``m · s``: an error vector with one field element per constraint, in bytes."""
    constraints = count_as(symbol(f"{curve}_constraints"), "field_element")
    return cast(sympy.Expr, constraints * symbol("serialized_element_size"))


def _build(name: str, key: str, terms: dict[str, sympy.Expr], description: str) -> Model:
    return Model.build(name, terms, options={"accounting": key}, description=description)


def note_witness() -> Model:
    """The seed note's accounting: ``V · e · b`` bits (3 elements of 255 bits per gate).

    Source: the seed note, *Summary of impressions* ("Assuming each gate consists of (3)
    255-bit field elements").  It counts a Plonkish gate's a, b, c wires; it equals
    :func:`costmodel.verifier_witness_bound` with ``rounding="exact"``.
    """
    bits = symbol("verifier_gates") * symbol("elements_per_gate") * symbol("field_element_bits")
    return _build(
        "note_witness",
        "note",
        {"verifier witness": bits},
        "the seed note's gates x elements x bits",
    )


def relaxed_r1cs_witness() -> Model:
    """One relaxed R1CS witness on the first curve: ``(n₁ + m₁) · s`` bytes.

    Layout: Nova's ``RelaxedR1CSWitness { W, E }`` with ``W.len() == num_vars`` and
    ``E.len() == num_cons`` (microsoft/Nova ``src/r1cs/mod.rs``, ``is_sat_relaxed``,
    commit 0080f4f1; Kothapalli, Setty, Tzialla, eprint 2021/370).  Newer versions add
    two blinding scalars, which are not counted.

    With ``n₁ = m₁ = 10,000`` and ``s = 32 B``: 640,000 B (64 B per constraint).
    """
    return _build(
        "relaxed_r1cs_witness",
        "relaxed-r1cs",
        {"primary W": _variables("primary"), "primary E": _errors("primary")},
        "one relaxed R1CS witness: W and E on the first curve",
    )


def nova_two_cycle_state() -> Model:
    """Nova over a 2-cycle of curves: ``(n₁ + m₁ + n₂ + m₂ + n₂) · s`` bytes.

    Layout: microsoft/Nova ``src/nova/mod.rs`` (commit 01559608), ``struct RecursiveSNARK``
    holds ``r_W_primary``, ``r_W_secondary`` (relaxed: ``W`` and ``E`` on each curve) and
    ``l_w_secondary`` (the plain second-curve witness), besides instances and ``z`` values.
    The verifier circuit is "about 10,000 multiplication gates" on each curve (Nova
    ``README.md``; CycleFold, eprint 2023/1192: "on both curves in the cycle").
    """
    return _build(
        "nova_two_cycle_state",
        "nova-relaxed-r1cs",
        {
            "primary W": _variables("primary"),
            "primary E": _errors("primary"),
            "secondary W": _variables("secondary"),
            "secondary E": _errors("secondary"),
            "secondary w (incoming)": _variables("secondary"),
        },
        "Nova on a 2-cycle: both relaxed witnesses and the plain secondary witness",
    )


def nova_cyclefold_state() -> Model:
    """Nova with CycleFold: ``(n₁ + m₁ + n₁ + n₂ + m₂) · s`` bytes.

    Layout: argumentcomputer/arecibo ``src/cyclefold/snark.rs`` (commit 051bab82),
    ``struct RecursiveSNARK`` holds ``r_W_primary`` (relaxed), ``l_w_primary`` (plain) and
    ``r_W_cyclefold`` (relaxed, second curve); Nexus's ``PCDNode { U, W, U_secondary,
    W_secondary, u, w }`` (nexus-xyz/nexus-zkvm ``nova/src/circuits/nova/pcd/mod.rs``,
    commit 0f8da4d1) has the same three witnesses.  CycleFold's second-curve circuit is
    "≈1,000--1,500 multiplication gates" (eprint 2023/1192, abstract); the first-curve
    circuit grows instead (33,289 constraints in arecibo's CycleFold augmented circuit).
    """
    return _build(
        "nova_cyclefold_state",
        "nova-cyclefold",
        {
            "primary W": _variables("primary"),
            "primary E": _errors("primary"),
            "primary w (incoming)": _variables("primary"),
            "secondary W": _variables("secondary"),
            "secondary E": _errors("secondary"),
        },
        "Nova with CycleFold: primary relaxed and plain witnesses, CycleFold relaxed witness",
    )


def hypernova_ccs_state() -> Model:
    """HyperNova with CycleFold: ``(n₁ + n₁ + n₂ + m₂) · s`` bytes (no error vector).

    Layout: ``struct RecursiveSNARK { r_U: LR1CSInstance, r_W, l_u, l_w, r_U_cyclefold,
    r_W_cyclefold }`` (wyattbenno777/arecibo ``src/hypernova/rs.rs``, commit 04b96f29): the
    running (linearized) and incoming CCS witnesses hold the variables only (Kothapalli,
    Setty, HyperNova, eprint 2023/573); the CycleFold witness is relaxed R1CS.  With the
    same sizes it is :func:`nova_cyclefold_state` less ``m₁ · s``.
    """
    return _build(
        "hypernova_ccs_state",
        "hypernova-ccs",
        {
            "primary w (running)": _variables("primary"),
            "primary w (incoming)": _variables("primary"),
            "secondary W": _variables("secondary"),
            "secondary E": _errors("secondary"),
        },
        "HyperNova with CycleFold: running and incoming CCS witnesses, CycleFold witness",
    )


#: Accounting name -> function building its model (terms in bytes).
WITNESS_ACCOUNTINGS: Mapping[Accounting, Callable[[], Model]] = MappingProxyType(
    {
        "note": note_witness,
        "relaxed-r1cs": relaxed_r1cs_witness,
        "nova-relaxed-r1cs": nova_two_cycle_state,
        "nova-cyclefold": nova_cyclefold_state,
        "hypernova-ccs": hypernova_ccs_state,
    }
)


#: Accounting -> the shipped preset with the circuit sizes of the scheme it lays out.
ACCOUNTING_PRESETS: Mapping[Accounting, str] = MappingProxyType(
    {
        "note": "seed-note",
        "relaxed-r1cs": "nova",
        "nova-relaxed-r1cs": "nova",
        "nova-cyclefold": "nova-cyclefold",
        "hypernova-ccs": "hypernova",
    }
)


def witness_accounting(*, accounting: Accounting = "nova-relaxed-r1cs") -> Model:
    """The accounting called ``accounting`` (see the module's table), as a model in bytes.

    >>> witness_accounting(accounting="relaxed-r1cs").total
    primary_constraints*serialized_element_size + primary_variables*serialized_element_size
    """
    check_choice("accounting", accounting, tuple(WITNESS_ACCOUNTINGS))
    return WITNESS_ACCOUNTINGS[accounting]()
