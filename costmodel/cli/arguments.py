"""The argument groups the command line's subcommands share.

Every command that builds models takes the same architecture options
(:func:`add_model_arguments`), every command that reads values the same preset arguments
(:func:`add_values_arguments`), every command that prints values ``--unit`` and
``--digits`` (:func:`add_display_arguments`), every command that prints a table
``--format`` (:func:`add_format_arguments`), and every command that writes text
``-o/--output`` and ``--force`` (:func:`add_output_arguments`).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from costmodel.output_formats import FORMATS

__all__ = [
    "add_display_arguments",
    "add_format_arguments",
    "add_model_arguments",
    "add_output_arguments",
    "add_values_arguments",
    "whole_number",
]


def add_values_arguments(
    command: argparse.ArgumentParser, *, preset: str | None = "seed-note"
) -> None:
    """--preset, --variant, --workload, --set: where a command's values come from."""
    command.add_argument(
        "--preset",
        action="append",
        default=None,
        help=(
            f"preset name (default {preset}); repeat to combine presets, later ones "
            f"winning a name: --preset risc0 --preset aws-g6"
        )
        if preset
        else "preset whose numbers to show (repeatable)",
    )
    command.set_defaults(default_preset=preset)
    command.add_argument("--variant", default=None, help="preset variant (e.g. cyclefold)")
    command.add_argument(
        "--workload",
        default=None,
        metavar="PRESET",
        help="run on this preset's [workload] (cycles, segment size, snapshot per segment)",
    )
    command.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help='override a value, with its unit: --set snapshot_size="400 Mbit/segment" '
        "(--set arity=4 also builds the tree with that arity)",
    )


def add_format_arguments(command: argparse.ArgumentParser, *, json_flag: bool = False) -> None:
    """--format (and the older --json): how a command writes its tables."""
    command.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (aligned, the default), json (exact values as strings with their units), "
        "csv (exact values, a unit column beside each), markdown or latex (booktabs)",
    )
    if json_flag:
        command.add_argument(
            "--json", dest="format", action="store_const", const="json", help="--format json"
        )


def add_display_arguments(command: argparse.ArgumentParser) -> None:
    """--unit and --digits: how values are shown."""
    command.add_argument("--unit", default=None, help="show values in this unit (e.g. GB)")
    command.add_argument(
        "--digits",
        type=whole_number("--digits"),
        default=10,
        help="decimals kept before a value is rounded and marked ≈ (default 10)",
    )


def whole_number(flag: str) -> Callable[[str], int]:
    def read(text: str) -> int:
        if not text.strip().isdigit():
            raise argparse.ArgumentTypeError("expected a whole number >= 0")
        return int(text)

    return read


def add_model_arguments(command: argparse.ArgumentParser) -> None:
    """The architecture options as flags (each applies to every architecture that takes
    it; the same as ``NAME:option=value``)."""
    command.add_argument(
        "--arity",
        default=None,
        help="the tree's arity (the same as --set arity=K; default: the preset's value)",
    )
    command.add_argument(
        "--transfer", default=None, help="store-and-forward, peer-both or peer-one-local"
    )
    command.add_argument(
        "--singletons",
        default=None,
        help="a layer's last single item: carried (default) up unjoined, or proved alone",
    )
    command.add_argument("--ship", default=None, help="snapshot or witness")
    command.add_argument("--wrap", action="store_true", help="wrap the final proof in a SNARK")
    command.add_argument(
        "--metric",
        default=None,
        help="what the model measures: bytes (default), wall_time, machine_time, dollars, "
        "peak_memory",
    )
    command.add_argument(
        "--billing", default=None, help="dollars: reserved (default) or per-use machines"
    )
    command.add_argument(
        "--pipeline",
        action="store_true",
        help="time and money: prove each segment as soon as the executor cuts it",
    )
    command.add_argument(
        "--no-network",
        dest="network",
        action="store_false",
        help="time and money: transfers cost nothing (does the communication matter?)",
    )
    command.add_argument(
        "--accounting",
        default=None,
        help="folded-state layout: note, relaxed-r1cs, nova-relaxed-r1cs, nova-cyclefold, "
        "hypernova-ccs (witness-accounting, pcd-tree)",
    )
    command.add_argument(
        "--rounding",
        default=None,
        help="bits per gate: exact or rounded (verifier-witness-bound)",
    )


def add_output_arguments(command: argparse.ArgumentParser) -> None:
    """-o/--output and --force: where a command writes its text."""
    command.add_argument("-o", "--output", default=None, help="write to this file (- for stdout)")
    command.add_argument("--force", action="store_true", help="overwrite an existing output file")
