"""The ``costmodel`` command.

    costmodel list
    costmodel eval recursive-stark --preset seed-note --set snapshot_size="400 Mbit/segment"
    costmodel eval folding:arity=4,transfer=peer-both --json
    costmodel breakeven folding recursive-stark --solve-for folded_witness_size
    costmodel report recursive-stark folding --solve-for folded_witness_size -o report.md
    costmodel validate
    costmodel compare --cycles "1e8 cycle" --cycles "1e10 cycle"
    costmodel reproduce seed-note

An architecture is named as ``list`` shows it, optionally with options after a colon
(``folding:arity=4,wrap=true``).  Errors are one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

import sympy

from costmodel import __version__, presets
from costmodel.analysis.breakeven import breakeven
from costmodel.architectures import ARCHITECTURES, TRANSFER_PATTERNS
from costmodel.errors import CostModelError, OptionError, did_you_mean
from costmodel.model_files import load_model
from costmodel.numbers import read_number
from costmodel.studies import REPRODUCIBLE, format_figures
from costmodel.units import format_quantity, format_unit, magnitude_in

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _add_values_arguments(
    command: argparse.ArgumentParser, *, preset: str | None = "seed-note", json: bool = True
) -> None:
    """--preset, --variant, --workload, --set (and --json): where a command's values come from."""
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
        help='override a value, with its unit: --set snapshot_size="400 Mbit/segment"',
    )
    if json:
        command.add_argument("--json", action="store_true", help="exact values as JSON")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="costmodel", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"costmodel {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    commands.add_parser(
        "list",
        help="architectures, their options, and presets",
        description="List the architectures with their options, and the presets.",
    )

    evaluate = commands.add_parser(
        "eval",
        help="evaluate an architecture on a preset",
        description="Evaluate an architecture: a breakdown by term with exact values and shares.",
    )
    evaluate.add_argument(
        "architecture", help="NAME or NAME:option=value,... (see list), or a model file .toml"
    )
    evaluate.add_argument(
        "--arity", default=None, help="fix the tree's arity (default: the preset's value)"
    )
    evaluate.add_argument(
        "--transfer", default=None, help="store-and-forward, peer-both or peer-one-local"
    )
    evaluate.add_argument("--ship", default=None, help="snapshot or witness")
    evaluate.add_argument("--wrap", action="store_true", help="wrap the final proof in a SNARK")
    evaluate.add_argument(
        "--metric",
        default=None,
        help="what the model measures: bytes (default), wall_time, machine_time, dollars, "
        "peak_memory",
    )
    evaluate.add_argument(
        "--billing", default=None, help="dollars: reserved (default) or per-use machines"
    )
    evaluate.add_argument(
        "--pipeline",
        action="store_true",
        help="time and money: prove each segment as soon as the executor cuts it",
    )
    evaluate.add_argument(
        "--no-network",
        dest="network",
        action="store_false",
        help="time and money: transfers cost nothing (does the communication matter?)",
    )
    evaluate.add_argument(
        "--accounting",
        default=None,
        help="accounting: exact or rounded (verifier-witness-bound); note, "
        "relaxed-r1cs, nova-relaxed-r1cs, nova-cyclefold, hypernova-ccs "
        "(witness-accounting, pcd-tree)",
    )
    evaluate.add_argument("--unit", default=None, help="show values in this unit (e.g. GB)")
    _add_values_arguments(evaluate)

    solve = commands.add_parser(
        "breakeven",
        help="solve total(A) = total(B) for a parameter",
        description="Solve total(A) = total(B) for a parameter: closed form, conditions, and "
        "its value at the preset.",
    )
    solve.add_argument("left", help="architecture A (NAME or NAME:option=value,...)")
    solve.add_argument("right", help="architecture B")
    solve.add_argument("--solve-for", required=True, metavar="NAME", help="parameter to solve for")
    _add_values_arguments(solve)

    tex = commands.add_parser(
        "latex",
        help="LaTeX of an architecture: equations, and with a preset its numbers",
        description="LaTeX for a paper: the terms as an align block; with --preset also the "
        "three-step form, the breakdown table and the parameter table with sources.",
    )
    tex.add_argument("architecture", help="NAME or NAME:option=value,..., or a model file .toml")
    _add_values_arguments(tex, preset=None, json=False)
    tex.add_argument(
        "--plain",
        action="store_true",
        help="\\mathrm{} units instead of siunitx (notebooks, MathJax)",
    )
    tex.add_argument("--standalone", action="store_true", help="a complete document")
    tex.add_argument("-o", "--output", default=None, help="write to this file (- for stdout)")
    tex.add_argument("--force", action="store_true", help="overwrite an existing output file")

    report = commands.add_parser(
        "report",
        help="a Markdown comparison: models, breakdowns, break-evens, plots",
        description="A Markdown report comparing architectures at a preset: term formulas, "
        "breakdowns, break-evens (--solve-for, between the first two), the "
        "parameters with their sources, and plots when matplotlib is installed.",
    )
    report.add_argument(
        "architectures",
        nargs="+",
        metavar="ARCH",
        help="NAME or NAME:option=value,..., or a model file .toml",
    )
    report.add_argument(
        "--solve-for",
        action="append",
        default=[],
        metavar="NAME",
        help="break-even of the first two architectures (repeatable)",
    )
    report.add_argument("--unit", default=None, help="every value in this unit (e.g. GB)")
    report.add_argument("--plots", default=None, metavar="DIR", help="write plots here")
    report.add_argument("--over", default=None, metavar="NAME", help="parameter the plots sweep")
    report.add_argument("--title", default=None, help="the report's title")
    report.add_argument("--no-quotes", action="store_true", help="sources without quotes")
    report.add_argument("-o", "--output", default=None, help="write to this file (- for stdout)")
    report.add_argument("--force", action="store_true", help="overwrite an existing output file")
    _add_values_arguments(report, json=False)

    check = commands.add_parser(
        "validate",
        help="each preset's models beside published figures, with relative errors",
        description="A calibration table: each system's modelled figures beside the published "
        "ones (the seed note's first), the relative error, and the sources.",
    )
    check.add_argument("--json", action="store_true", help="rows as JSON, exact numbers")

    systems = commands.add_parser(
        "compare",
        help="communication of today's systems and the break-even verifier sizes",
        description="Communication of the note's Bonsai, RISC Zero today, SP1, Nova, "
        "Nova+CycleFold and Nexus PCD, and the verifier size at which folding "
        "matches the STARK under each witness accounting.",
    )
    systems.add_argument(
        "--cycles",
        action="append",
        default=None,
        metavar="QUANTITY",
        help='cycle counts for the range table (repeatable, e.g. "1e8 cycle")',
    )
    systems.add_argument(
        "--workload",
        default="seed-note",
        metavar="PRESET",
        help="the preset whose [workload] every row runs (default seed-note: 10^9 cycles, "
        "10^6-cycle segments, 50 MB snapshots; risc0: 2^20-cycle segments of 10 MB)",
    )

    reproduce = commands.add_parser(
        "reproduce",
        help="recompute a note's figures and flag each disagreement",
        description="Print every figure of the note beside its exact value.",
    )
    reproduce.add_argument("note", help=f"which note: {', '.join(REPRODUCIBLE)}")
    return parser


def _fail(message: str) -> NoReturn:
    one_line = " ".join(message.split())  # user text in a message must not break the line
    sys.stderr.write(f"costmodel: error: {one_line}\n")
    raise SystemExit(2)


#: Architecture options that are true or false.
_FLAGS = ("wrap", "pipeline", "network")


def _option_value(name: str, text: str) -> Any:
    if name == "arity":
        if text.lower() in ("none", "symbolic"):
            return None
        return _number(text, "arity")
    if name in _FLAGS:
        if text.lower() in ("true", "yes", "1"):
            return True
        if text.lower() in ("false", "no", "0"):
            return False
        raise OptionError(f"{name}: expected true or false, got {text!r}")
    return text


def _architecture(spec: str) -> tuple[Callable[..., Any], dict[str, Any]]:
    """``NAME[:key=value,...]`` (or a model file's path) -> (architecture function, options)."""
    if spec.endswith(".toml"):
        model = load_model(spec)
        return (lambda: model), {}
    name, _, rest = spec.partition(":")
    if name not in ARCHITECTURES:
        raise OptionError(
            f"unknown architecture {name!r}{did_you_mean(name, ARCHITECTURES)}; "
            f"architectures: {', '.join(ARCHITECTURES)}"
        )
    function = ARCHITECTURES[name]
    accepted = inspect.signature(function).parameters
    options: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep:
            raise OptionError(f"{name}: expected option=value, got {item!r}")
        if key not in accepted:
            raise OptionError(
                f"{name}: unknown option {key!r}{did_you_mean(key, accepted)}; "
                f"options: {', '.join(accepted) or 'none'}"
            )
        options[key] = _option_value(key, value.strip())
    return function, options


def _number(text: str, name: str) -> Fraction:
    return read_number(text, name=name)


def _preset_names(args: argparse.Namespace) -> list[str]:
    """The presets named on the command line, or the command's default."""
    if args.preset:
        return list(args.preset)
    return [args.default_preset] if args.default_preset else []


def _preset(args: argparse.Namespace) -> presets.Preset:
    """The command's preset: the ``--preset`` ones combined, a variant, a workload."""
    names = _preset_names(args)
    if args.variant is not None and len(names) != 1:
        raise OptionError("--variant needs exactly one --preset")
    loaded = [presets.load(name, variant=args.variant) for name in names]
    preset = loaded[0] if len(loaded) == 1 else presets.combine(*loaded)
    if args.workload is not None:
        preset = preset.with_workload(args.workload)
    return preset


def _values(args: argparse.Namespace, *models: Any) -> dict[str, Any]:
    """The preset's values with ``--set`` applied.

    An option fixed on the command line (``folding:arity=4``) wins over the preset's value
    of the same name; a ``--set`` that contradicts it is still an error.
    """
    values: dict[str, Any] = dict(_preset(args))
    for model in models:
        for option in model.fixed:
            values.pop(option, None)
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--set expects NAME=VALUE with a unit, got {item!r}")
        values[name.strip()] = value.strip()
    return values


def _exact_text(value: Any) -> str:
    fraction = Fraction(value)
    return str(fraction.numerator) if fraction.denominator == 1 else str(fraction)


def _eval_model(args: argparse.Namespace) -> Any:
    function, options = _architecture(args.architecture)
    accepted = inspect.signature(function).parameters
    flags = {
        "transfer": args.transfer,
        "ship": args.ship,
        "accounting": args.accounting,
        "wrap": True if args.wrap else None,
        "metric": args.metric,
        "billing": args.billing,
        "pipeline": True if args.pipeline else None,
        "network": False if not args.network else None,
    }
    for key, value in flags.items():
        if value is None:
            continue
        if key not in accepted:
            flag = "--no-network" if key == "network" else f"--{key}"
            raise OptionError(f"{flag} does not apply to {args.architecture}")
        if key in options and options[key] != value:
            raise OptionError(
                f"--{key} {value} contradicts {key}={options[key]} in "
                f"{args.architecture!r}; give it once"
            )
        options[key] = value
    if "arity" in accepted and "arity" not in options:
        options["arity"] = None if args.arity is None else _number(args.arity, "arity")
    elif args.arity is not None and "arity" not in accepted:
        raise OptionError(f"--arity does not apply to {args.architecture}")
    return function(**options)


def _eval(args: argparse.Namespace) -> str:
    model = _eval_model(args)
    values = _values(args, model)
    if args.arity is not None:
        values["arity"] = _number(args.arity, "arity")
    result = model.evaluate(values)
    if args.json:
        unit = args.unit or model.unit
        payload = {
            "model": model.name,
            "options": {k: v for k, v in model.options},
            "unit": format_unit(unit),
            "total": _exact_text(magnitude_in(result.total, unit)),
            "terms": {n: _exact_text(magnitude_in(q, unit)) for n, q in result.terms.items()},
            "shares": {n: _exact_text(s) for n, s in result.shares.items()},
            "derived": {
                n: {"value": _exact_text(q.magnitude), "unit": format_unit(q.units)}
                for n, q in result.derived.items()
            },
        }
        return json.dumps(payload, indent=2)
    lines = [str(model), ""]
    rows = result.breakdown(args.unit)
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    for name, value, share in rows:
        lines.append(f"{name:<{width[0]}}  {value:>{width[1]}}  {share:>{width[2]}}")
    for name, quantity in result.derived.items():
        lines.append(f"{name}: {format_quantity(quantity)}")
    return "\n".join(lines)


def _breakeven(args: argparse.Namespace) -> str:
    models = []
    for spec in (args.left, args.right):
        function, options = _architecture(spec)
        models.append(function(**options))
    result = breakeven(models[0], models[1], solve_for=args.solve_for)
    point = result.evaluate(_values(args, *models))
    if args.json:
        payload = {
            "left": result.left.label,
            "right": result.right.label,
            "solve_for": result.solve_for.name,
            "unit": format_unit(result.unit),
            "closed_form": None if result.solution is None else str(result.solution),
            "conditions": [str(c) for c in result.conditions],
            "reason": result.reason or None,
            "value": _exact_text(point.value.magnitude),
            "exact": point.exact,
            "interval": None
            if point.interval is None
            else [None if end is None else _exact_text(end.magnitude) for end in point.interval],
            "cheaper_below": point.cheaper_below,
            "cheaper_above": point.cheaper_above,
        }
        return json.dumps(payload, indent=2)
    lines = [str(result)]
    if result.solution is not None:
        lines.append(f"LaTeX: {sympy.latex(result.equation(), symbol_names=result.latex_names())}")
    lines.append(f"at {_preset(args).name}: {point}")
    return "\n".join(lines)


def _latex(args: argparse.Namespace) -> str:
    from costmodel import render

    function, options = _architecture(args.architecture)
    model = function(**options)
    if not _preset_names(args) and (args.set or args.variant or args.workload):
        raise OptionError("--set and --variant need --preset")
    values = _values(args, model) if _preset_names(args) else None
    text = render.export(
        model, values, mode="plain" if args.plain else "siunitx", standalone=args.standalone
    )
    return _write_output(text, args.output, force=args.force)


def _report(args: argparse.Namespace) -> str:
    from costmodel.render.report import markdown_report

    models = []
    for spec in args.architectures:
        function, options = _architecture(spec)
        models.append(function(**options))
    if args.solve_for and len(models) < 2:
        raise OptionError("--solve-for needs two architectures to compare")
    values = _values(args, *models)
    preset = _preset(args)
    sources: dict[str, Any] = dict(preset.sources)
    for item in args.set:
        sources[item.partition("=")[0].strip()] = "set on the command line"
    breakevens = [breakeven(models[0], models[1], solve_for=name) for name in args.solve_for]
    plots_link = None
    if args.plots is not None and Path(args.plots).exists() and not Path(args.plots).is_dir():
        raise OptionError(f"--plots {args.plots!r} is a file, not a directory")
    if args.plots is not None and args.output not in (None, "-"):
        plots_link = os.path.relpath(args.plots, Path(args.output).resolve().parent)
    text = markdown_report(
        models,
        values,
        breakevens=breakevens,
        plots_dir=args.plots,
        title=args.title or " vs ".join(model.name for model in models),
        unit=args.unit,
        over=args.over,
        plots_link=plots_link,
        quotes=not args.no_quotes,
        sources=sources,
    )
    return _write_output(text, args.output, force=args.force)


def _write_output(text: str, output: str | None, *, force: bool = False) -> str:
    """``text`` for stdout (no ``-o``, or ``-o -``), or written to ``output``.

    An existing file is kept unless ``force``; the message says what was written.
    """
    if output is None or output == "-":
        return text.rstrip("\n")
    path = Path(output)
    if path.is_dir():
        raise OptionError(f"-o {output!r} is a directory; name a file")
    if path.exists() and not force:
        raise OptionError(f"{output!r} exists; add --force to overwrite it")
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OptionError(f"cannot write {output!r}: {exc.strerror}") from None
    return f"wrote {output}"


def _validate(args: argparse.Namespace) -> str:
    from costmodel.studies.calibration import validate

    rows = validate()
    if args.json:
        return json.dumps([row.as_dict() for row in rows], indent=2)
    return format_figures(rows)


def _compare(args: argparse.Namespace) -> str:
    from costmodel.studies.systems import (
        communication_table,
        format_by_cycles,
        format_comparison,
    )
    from costmodel.studies.verifiers import format_breakevens, verifier_breakevens

    cycles = args.cycles or ["1e7 cycle", "1e8 cycle", "1e9 cycle", "1e10 cycle"]
    return "\n".join(
        [
            format_comparison(communication_table(workload=args.workload), args.workload),
            "",
            "communication by cycle count",
            format_by_cycles(cycles, workload=args.workload),
            "",
            "verifier size V* at which the folded state equals the STARK's W*:",
            format_breakevens(verifier_breakevens()),
        ]
    )


def _list() -> str:
    lines = ["architectures:"]
    for name, function in ARCHITECTURES.items():
        options = ", ".join(
            f"{key}={param.default!r}"
            for key, param in inspect.signature(function).parameters.items()
        )
        lines.append(f"  {name}  ({options})")
    lines.append("presets:")
    for name in presets.names():
        preset = presets.load(name)
        variants = f" (variants: {', '.join(preset.variants)})" if preset.variants else ""
        lines.append(f"  {name}: {preset.title}{variants}")
    lines.append("transfer patterns:")
    lines += [f"  {name}" for name in TRANSFER_PATTERNS]
    return "\n".join(lines)


def _reproduce(args: argparse.Namespace) -> str:
    if args.note not in REPRODUCIBLE:
        raise OptionError(
            f"nothing to reproduce called {args.note!r}"
            f"{did_you_mean(args.note, REPRODUCIBLE)}; "
            f"known: {', '.join(REPRODUCIBLE)}"
        )
    figures = REPRODUCIBLE[args.note]()
    return format_figures(figures, system=False, sources=False)


_COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    "list": lambda args: _list(),
    "eval": _eval,
    "breakeven": _breakeven,
    "latex": _latex,
    "report": _report,
    "validate": _validate,
    "compare": _compare,
    "reproduce": _reproduce,
}


def _stdout_closed() -> None:
    """Point stdout at /dev/null, so Python's own flush at exit has nothing left to fail on."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor (a test's buffer)
        pass
    finally:
        os.close(devnull)


def _emit(text: str) -> int:
    """Write the command's output: a closed pipe (``| head``) ends quietly, a full disk or
    another write error is one line on stderr and status 2."""
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()
        return 0
    except OSError as exc:
        _stdout_closed()
        sys.stderr.write(f"costmodel: error: cannot write the output: {exc.strerror}\n")
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _build_parser().parse_args(argv)
    try:
        output = _COMMANDS[args.command](args)
    except CostModelError as exc:
        _fail(str(exc))
    except OSError as exc:  # a file or directory the command could not read or write
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"{where}{exc.strerror or exc}")
    return _emit(output)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
