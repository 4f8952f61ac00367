"""The command line's parser: one subcommand each for list, eval, breakeven, sweep, latex,
report, validate, compare, reproduce, optimize, threshold and bib.

The argument groups the subcommands share (architecture options, values, display,
``--format``, output) are built in :mod:`costmodel.cli.arguments` and re-exported here."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, NoReturn

from costmodel import __version__
from costmodel.cli import paper
from costmodel.cli.arguments import (
    add_display_arguments,
    add_format_arguments,
    add_model_arguments,
    add_output_arguments,
    add_values_arguments,
)
from costmodel.studies import REPRODUCIBLE

__all__ = [
    "DESCRIPTION",
    "add_display_arguments",
    "add_format_arguments",
    "add_model_arguments",
    "add_values_arguments",
    "build_parser",
]

#: The command's one-line description (``costmodel --help``).
DESCRIPTION = "The ``costmodel`` command."


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def add_optimize(commands: Any) -> None:
    """``costmodel optimize``."""
    command = commands.add_parser(
        "optimize",
        help="the best segment size, arity, cluster size... under constraints",
        description="Minimize an architecture's metric over grids of parameters (and one "
        "continuous interval), under constraints on other metrics or on the parameters. "
        "The optimum is exact, with the runner-up, the margin and the binding constraints.",
    )
    command.add_argument("architecture", help="NAME or NAME:option=value,... (see list)")
    command.add_argument(
        "--minimize",
        default=None,
        metavar="METRIC",
        help="bytes (default), wall_time, machine_time, dollars or peak_memory",
    )
    command.add_argument(
        "--over",
        action="append",
        default=[],
        required=True,
        metavar="NAME=SPEC",
        help="pow2:16..24, 2..16, 64,256,1024 or interval:LOW..HIGH (repeatable)",
    )
    command.add_argument(
        "--at-most",
        action="append",
        default=[],
        metavar="TARGET=BOUND",
        help='a metric or parameter at most BOUND: "peak_memory=24 GB/machine" (repeatable)',
    )
    command.add_argument(
        "--at-least", action="append", default=[], metavar="TARGET=BOUND", help="the same, >="
    )
    command.add_argument(
        "--laws",
        action="store_true",
        help="apply the preset's laws (values given as formulas of other parameters)",
    )
    command.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (the default) or json (exact values as strings with their units)",
    )
    command.add_argument(
        "--json", dest="format", action="store_const", const="json", help="--format json"
    )
    add_values_arguments(command)


def _add_threshold(commands: Any) -> None:
    """``costmodel threshold NAME``."""
    known = "; ".join(f"{name}: {what}" for name, (what, _) in paper.THRESHOLDS.items())
    command = commands.add_parser(
        "threshold",
        help="a named break-even (W*, V*, C*, memory) in LaTeX, with its value at a preset",
        description=f"A named threshold's closed form, its condition and where clause, and "
        f"(with --preset) its value, as LaTeX. {known}.",
    )
    command.add_argument("name", help=f"one of {', '.join(paper.THRESHOLDS)}")
    command.add_argument(
        "--arity", default="2", help="folding's tree arity for W* and V* (a number, or k)"
    )
    command.add_argument(
        "--stark-arity", default="2", help="the STARK tree's arity for W* and V* (a number, or k)"
    )
    command.add_argument("--digits", type=int, default=10, help="decimals kept before rounding")
    command.add_argument("--plain", action="store_true", help="\\mathrm{} units, no siunitx")
    add_values_arguments(command, preset=None)
    command.add_argument("-o", "--output", default=None, help="write to this file (- for stdout)")
    command.add_argument("--force", action="store_true", help="overwrite an existing output file")


def _add_bib(commands: Any) -> None:
    """``costmodel bib PRESET...``."""
    command = commands.add_parser(
        "bib",
        help="BibTeX entries for presets' sources (the keys LaTeX tables cite)",
        description="One @misc entry per distinct source of the presets named; "
        "costmodel latex ... --cite cites these keys.",
    )
    command.add_argument("presets", nargs="+", metavar="PRESET", help="preset names")
    command.add_argument("-o", "--output", default=None, help="write to this file (- for stdout)")
    command.add_argument("--force", action="store_true", help="overwrite an existing output file")


def build_parser() -> argparse.ArgumentParser:
    """The ``costmodel`` command's parser, one subcommand per entry of :data:`_SUBCOMMANDS`."""
    parser = _Parser(prog="costmodel", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"costmodel {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for add in _SUBCOMMANDS:
        add(commands)
    return parser


def _add_list(commands: Any) -> None:
    """``costmodel list``."""
    command = commands.add_parser(
        "list",
        help="architectures, their options, and presets",
        description="List the architectures with their options, and the presets.",
    )
    add_format_arguments(command)


def _add_eval(commands: Any) -> None:
    """``costmodel eval``."""
    command = commands.add_parser(
        "eval",
        help="evaluate an architecture on a preset",
        description="Evaluate an architecture: a breakdown by term with exact values and shares.",
    )
    command.add_argument(
        "architecture",
        help="NAME or NAME:option=value,... (see list), a model file .toml, or - to read "
        "a model file from standard input",
    )
    add_model_arguments(command)
    add_display_arguments(command)
    add_values_arguments(command)
    add_format_arguments(command, json_flag=True)


def _add_breakeven(commands: Any) -> None:
    """``costmodel breakeven``."""
    command = commands.add_parser(
        "breakeven",
        help="solve total(A) = total(B) for a parameter",
        description="Solve total(A) = total(B) for a parameter: closed form, conditions, and "
        "its value at the preset.",
    )
    command.add_argument("left", help="architecture A (NAME or NAME:option=value,...)")
    command.add_argument("right", help="architecture B")
    command.add_argument(
        "--solve-for",
        required=True,
        metavar="NAME",
        help="parameter to solve for (arity too: both trees are then built with a symbolic arity)",
    )
    add_model_arguments(command)
    add_display_arguments(command)
    add_values_arguments(command)
    add_format_arguments(command, json_flag=True)


def _add_sweep(commands: Any) -> None:
    """``costmodel sweep``."""
    command = commands.add_parser(
        "sweep",
        help="an architecture over a grid of values: one row per point (CSV with --format csv)",
        description="Evaluate an architecture at every point of a grid, exactly: one row per "
        "point with the swept values, each term and the total.  Grids: a list "
        '(--over "total_cycles=1e8,1e9,1e10 cycle"), evenly spaced values '
        '(--over "folded_witness_size=100..1000:10 kB", 10 values) or a geometric range '
        '(--over "total_cycles=1e6..1e10*10 cycle").  A unit at the end applies to every '
        "value without one; several --over make the grid their product.",
    )
    command.add_argument(
        "architecture",
        help="NAME or NAME:option=value,..., a model file .toml, or - (standard input)",
    )
    command.add_argument(
        "--over",
        action="append",
        required=True,
        metavar="NAME=VALUES",
        help="a swept parameter and its values (repeatable)",
    )
    add_model_arguments(command)
    add_display_arguments(command)
    add_values_arguments(command)
    add_format_arguments(command)


def _add_latex(commands: Any) -> None:
    """``costmodel latex``."""
    command = commands.add_parser(
        "latex",
        help="LaTeX of an architecture: equations, and with a preset its numbers",
        description="LaTeX for a paper: the terms as an align block; with --preset also the "
        "three-step form, the breakdown table and the parameter table with sources.",
    )
    command.add_argument(
        "architecture",
        nargs="?",
        help="NAME or NAME:option=value,..., a model file .toml, or - (standard input)",
    )
    command.add_argument("--preamble", action="store_true", help="print the preamble it needs")
    add_model_arguments(command)
    add_display_arguments(command)
    add_values_arguments(command, preset=None)
    command.add_argument(
        "--plain",
        action="store_true",
        help="\\mathrm{} units instead of siunitx (notebooks, MathJax)",
    )
    command.add_argument("--standalone", action="store_true", help="a complete document")
    add_output_arguments(command)


def _add_report(commands: Any) -> None:
    """``costmodel report``."""
    command = commands.add_parser(
        "report",
        help="a Markdown comparison: models, breakdowns, break-evens, plots",
        description="A Markdown report comparing architectures at a preset: term formulas, "
        "breakdowns, break-evens (--solve-for, between the first two), the "
        "parameters with their sources, and plots when matplotlib is installed.",
    )
    command.add_argument(
        "architectures",
        nargs="+",
        metavar="ARCH",
        help="NAME or NAME:option=value,..., a model file .toml, or - (standard input)",
    )
    command.add_argument(
        "--solve-for",
        action="append",
        default=[],
        metavar="NAME",
        help="break-even of the first two architectures (repeatable)",
    )
    add_model_arguments(command)
    add_display_arguments(command)
    command.add_argument("--plots", default=None, metavar="DIR", help="write plots here")
    command.add_argument("--over", default=None, metavar="NAME", help="parameter the plots sweep")
    command.add_argument("--title", default=None, help="the report's title")
    command.add_argument("--no-quotes", action="store_true", help="sources without quotes")
    add_output_arguments(command)
    add_values_arguments(command)


def _add_validate(commands: Any) -> None:
    """``costmodel validate``."""
    command = commands.add_parser(
        "validate",
        help="each preset's models beside published figures, with relative errors",
        description="A calibration table: each system's modelled figures beside the published "
        "ones (the seed note's first), the relative error, and the sources.",
    )
    add_display_arguments(command)
    add_format_arguments(command, json_flag=True)


def _add_compare(commands: Any) -> None:
    """``costmodel compare``."""
    command = commands.add_parser(
        "compare",
        help="communication of today's systems and the break-even verifier sizes",
        description="Communication of the note's Bonsai, RISC Zero today, SP1, Nova, "
        "Nova+CycleFold and Nexus PCD, and the verifier size at which folding "
        "matches the STARK under each witness accounting.",
    )
    command.add_argument(
        "--cycles",
        action="append",
        default=None,
        metavar="QUANTITY",
        help='cycle counts for the range table (repeatable, e.g. "1e8 cycle")',
    )
    command.add_argument(
        "--workload",
        default="seed-note",
        metavar="PRESET",
        help="the preset whose [workload] every row runs (default seed-note: 10^9 cycles, "
        "10^6-cycle segments, 50 MB snapshots; risc0: 2^20-cycle segments of 10 MB)",
    )
    add_display_arguments(command)
    add_format_arguments(command)


def _add_reproduce(commands: Any) -> None:
    """``costmodel reproduce``."""
    command = commands.add_parser(
        "reproduce",
        help="recompute a note's figures and flag each disagreement",
        description="Print every figure of the note beside its exact value.",
    )
    command.add_argument("note", help=f"which note: {', '.join(REPRODUCIBLE)}")
    add_display_arguments(command)
    add_format_arguments(command)


#: The subcommands, in the order ``costmodel --help`` lists them.
_SUBCOMMANDS: tuple[Callable[[Any], None], ...] = (
    _add_list,
    _add_eval,
    _add_breakeven,
    _add_sweep,
    _add_latex,
    _add_report,
    _add_validate,
    _add_compare,
    _add_reproduce,
    add_optimize,
    _add_threshold,
    _add_bib,
)
