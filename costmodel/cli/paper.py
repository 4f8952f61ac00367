"""Commands for writing a paper: ``threshold`` (named break-evens in LaTeX), ``bib``, the preamble.

costmodel threshold W* --preset seed-note
costmodel threshold V* --set arity=4 --latex
costmodel threshold memory --preset risc0
costmodel bib seed-note nova-cyclefold -o refs.bib
costmodel latex --preamble
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from costmodel.errors import OptionError, did_you_mean

__all__ = ["THRESHOLDS", "bib", "preamble_text", "threshold"]


def _folded_witness(fold: Any, stark: Any) -> Any:
    from costmodel import folded_witness_breakeven, folding, recursive_stark

    return folded_witness_breakeven(recursive_stark(arity=stark), folding(arity=fold))


def _verifier_gates(fold: Any, stark: Any) -> Any:
    from costmodel import folding, recursive_stark, verifier_gates_breakeven

    return verifier_gates_breakeven(stark=recursive_stark(arity=stark), fold=folding(arity=fold))


def _memory(fold: Any, stark: Any) -> Any:
    from costmodel import memory_limit_breakeven

    return memory_limit_breakeven()


def _snapshot(fold: Any, stark: Any) -> Any:
    from costmodel import snapshot_witness_breakeven

    return snapshot_witness_breakeven()


#: Named thresholds: name -> (what it is, its break-even from the folding and STARK arities).
THRESHOLDS: dict[str, tuple[str, Callable[[Any, Any], Any]]] = {
    "W*": ("folded-witness break-even: folding ships as much as the STARK tree", _folded_witness),
    "V*": ("verifier size at which the smallest folded witness equals W*", _verifier_gates),
    "C*": ("segment size at which a prover's peak memory fills its machine", _memory),
    "memory": ("the memory limit C* (the same threshold)", _memory),
    "snapshot": ("segment size at which a snapshot weighs as much as the witness", _snapshot),
}


def _threshold_name(name: str) -> str:
    aliases = {"w": "W*", "v": "V*", "c": "C*", "w*": "W*", "v*": "V*", "c*": "C*"}
    name = aliases.get(name.lower(), name)
    if name not in THRESHOLDS:
        raise OptionError(
            f"threshold: unknown name {name!r}{did_you_mean(name, THRESHOLDS)}; "
            f"known: {', '.join(THRESHOLDS)}"
        )
    return name


def _arity(option: str, text: str) -> Any:
    if text in ("k", "None", "none"):
        return None
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 2:
        raise OptionError(f"{option}: expected a whole number >= 2 or k, got {text!r}")
    return value


def threshold(args: argparse.Namespace) -> str:
    """The threshold's LaTeX (with its value when a preset or --set values are given)."""
    import costmodel
    from costmodel.cli.inputs import command_values, preset_names, write_output

    name = _threshold_name(args.name)
    result = THRESHOLDS[name][1](
        _arity("--arity", args.arity), _arity("--stark-arity", args.stark_arity)
    )
    if args.set and not preset_names(args):
        raise OptionError("--set needs --preset (the values it changes)")
    values = command_values(args) if preset_names(args) else None
    text = costmodel.latex(
        result, values=values, mode="plain" if args.plain else "siunitx", digits=args.digits
    )
    header = f"% {name}: {THRESHOLDS[name][0]}\n"
    return write_output(header + text + "\n", args.output, force=args.force)


def bib(args: argparse.Namespace) -> str:
    """The ``.bib`` text for the presets named."""
    from costmodel.cli.inputs import write_output
    from costmodel.render.bibtex import bibtex

    return write_output(bibtex(*args.presets), args.output, force=args.force)


def preamble_text(args: argparse.Namespace) -> str:
    """``costmodel latex --preamble``: the preamble every export needs."""
    from costmodel.render.latex import preamble

    return preamble(mode="plain" if getattr(args, "plain", False) else "siunitx")
