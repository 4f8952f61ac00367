"""The command handlers: each takes the parsed arguments and returns the text to print."""

from __future__ import annotations

import argparse
import inspect
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy

from costmodel import presets
from costmodel.analysis.breakeven import breakeven
from costmodel.architectures import ARCHITECTURES, TRANSFER_PATTERNS
from costmodel.cli import paper
from costmodel.cli.inputs import (
    architecture,
    command_preset,
    command_values,
    exact_text,
    preset_names,
    write_output,
)
from costmodel.errors import OptionError, did_you_mean
from costmodel.numbers import read_number
from costmodel.studies import REPRODUCIBLE, format_figures
from costmodel.units import format_quantity, format_unit, magnitude_in

__all__ = ["COMMANDS"]


def _eval_model(args: argparse.Namespace) -> Any:
    function, options = architecture(args.architecture)
    accepted = inspect.signature(function).parameters
    flags = {
        "transfer": args.transfer,
        "ship": args.ship,
        "accounting": args.accounting,
        "rounding": args.rounding,
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
        options["arity"] = None if args.arity is None else read_number(args.arity, name="arity")
    elif args.arity is not None and "arity" not in accepted:
        raise OptionError(f"--arity does not apply to {args.architecture}")
    return function(**options)


def _eval(args: argparse.Namespace) -> str:
    model = _eval_model(args)
    values = command_values(args, model)
    if args.arity is not None:
        values["arity"] = read_number(args.arity, name="arity")
    result = model.evaluate(values)
    if args.json:
        unit = args.unit or model.unit
        payload = {
            "model": model.name,
            "options": {k: v for k, v in model.options},
            "unit": format_unit(unit),
            "total": exact_text(magnitude_in(result.total, unit)),
            "terms": {n: exact_text(magnitude_in(q, unit)) for n, q in result.terms.items()},
            "shares": {n: exact_text(s) for n, s in result.shares.items()},
            "derived": {
                n: {"value": exact_text(q.magnitude), "unit": format_unit(q.units)}
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
        function, options = architecture(spec)
        models.append(function(**options))
    result = breakeven(models[0], models[1], solve_for=args.solve_for)
    point = result.evaluate(command_values(args, *models))
    if args.json:
        payload = {
            "left": result.left.label,
            "right": result.right.label,
            "solve_for": result.solve_for.name,
            "unit": format_unit(result.unit),
            "closed_form": None if result.solution is None else str(result.solution),
            "conditions": [str(c) for c in result.conditions],
            "reason": result.reason or None,
            "value": exact_text(point.value.magnitude),
            "exact": point.exact,
            "interval": None
            if point.interval is None
            else [None if end is None else exact_text(end.magnitude) for end in point.interval],
            "cheaper_below": point.cheaper_below,
            "cheaper_above": point.cheaper_above,
        }
        return json.dumps(payload, indent=2)
    lines = [str(result)]
    if result.solution is not None:
        lines.append(f"LaTeX: {sympy.latex(result.equation(), symbol_names=result.latex_names())}")
    lines.append(f"at {command_preset(args).name}: {point}")
    return "\n".join(lines)


def _latex(args: argparse.Namespace) -> str:
    from costmodel import render

    if args.preamble:
        return paper.preamble_text(args)
    if args.architecture is None:
        raise OptionError("latex: name an architecture (or ask for --preamble)")
    function, options = architecture(args.architecture)
    model = function(**options)
    if not preset_names(args) and (args.set or args.variant or args.workload):
        raise OptionError("--set and --variant need --preset")
    values = command_values(args, model) if preset_names(args) else None
    text = render.export(
        model, values, mode="plain" if args.plain else "siunitx", standalone=args.standalone
    )
    return write_output(text, args.output, force=args.force)


def _report(args: argparse.Namespace) -> str:
    from costmodel.render.report import markdown_report

    models = []
    for spec in args.architectures:
        function, options = architecture(spec)
        models.append(function(**options))
    if args.solve_for and len(models) < 2:
        raise OptionError("--solve-for needs two architectures to compare")
    values = command_values(args, *models)
    preset = command_preset(args)
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
    return write_output(text, args.output, force=args.force)


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


COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    "list": lambda args: _list(),
    "eval": _eval,
    "breakeven": _breakeven,
    "latex": _latex,
    "report": _report,
    "validate": _validate,
    "compare": _compare,
    "reproduce": _reproduce,
    "threshold": paper.threshold,
    "bib": paper.bib,
}
