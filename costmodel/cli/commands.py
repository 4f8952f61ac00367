"""The command handlers: each takes the parsed arguments and returns the text to print.

Each handler imports what only it needs (the analysis, the studies, the LaTeX writers)
when it runs, so that ``costmodel eval`` loads the models, the presets and the table
writer, and nothing else.
"""

from __future__ import annotations

import argparse
import inspect
import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sympy

from costmodel import presets
from costmodel.architectures import ARCHITECTURES, TRANSFER_PATTERNS
from costmodel.cli import paper
from costmodel.cli.inputs import (
    MAX_GRID_POINTS,
    build_models,
    command_preset,
    command_values,
    exact_text,
    preset_names,
    sweep_axis,
    write_output,
)
from costmodel.errors import OptionError, did_you_mean
from costmodel.render.results import breakeven_table, evaluation_table
from costmodel.render.table import Table, Value, write_table
from costmodel.units import format_quantity, format_unit, magnitude_in

__all__ = ["COMMANDS"]


def _eval(args: argparse.Namespace) -> str:
    (model,) = build_models(args, [args.architecture])
    result = model.evaluate(command_values(args, model))
    if args.format == "json":
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
    table = evaluation_table(result, args.unit, digits=args.digits)
    if args.format == "text":
        return f"{model}\n\n{write_table(table)}"
    return write_table(table, args.format)


def _solved_text(result: Any) -> str:
    """The break-even's closed form and conditions, in the command line's words."""
    name = result.solve_for.name
    if result.solution is None:
        return f"{name}*: no closed form ({result.reason}); the value below is found numerically"
    conditions = " and ".join(str(c) for c in result.conditions) or "parameters are positive"
    return f"{name}* = {result.solution}  [{format_unit(result.unit)}], when {conditions}"


def _breakeven(args: argparse.Namespace) -> str:
    from costmodel.analysis.breakeven import breakeven  # per command: eval needs no analysis

    solve_for = (args.solve_for,)
    models = build_models(args, [args.left, args.right], solve_for=solve_for)
    result = breakeven(models[0], models[1], solve_for=args.solve_for)
    point = result.evaluate(command_values(args, *models))
    unit = args.unit or result.unit
    if args.format == "json":

        def exact(quantity: Any) -> str:
            return exact_text(magnitude_in(quantity, unit))

        payload = {
            "left": result.left.label,
            "right": result.right.label,
            "solve_for": result.solve_for.name,
            "unit": format_unit(unit),
            "closed_form": None if result.solution is None else str(result.solution),
            "conditions": [str(c) for c in result.conditions],
            "reason": result.reason or None,
            "value": None if point.value is None else exact(point.value),
            "exact": point.exact,
            "interval": None
            if point.interval is None
            else [None if end is None else exact(end) for end in point.interval],
            "cheaper_below": point.cheaper_below,
            "cheaper_above": point.cheaper_above,
        }
        return json.dumps(payload, indent=2)
    if args.format != "text":
        return write_table(
            breakeven_table(result, point, args.unit, digits=args.digits), args.format
        )
    lines = [_solved_text(result)]
    if result.solution is not None:
        lines.append(f"LaTeX: {sympy.latex(result.equation(), symbol_names=result.latex_names())}")
    lines.append(f"at {command_preset(args).name}: {_point_text(point, args)}")
    return "\n".join(lines)


def _point_text(point: Any, args: argparse.Namespace) -> str:
    """A break-even point as text, in ``--unit`` with ``--digits``."""
    if point.interval is not None or (args.unit is None and args.digits == 10):
        return str(point)
    mark = "" if point.exact else " (numeric)"
    return (
        f"{format_quantity(point.value, args.unit, digits=args.digits)}{mark}: below it "
        f"{point.cheaper_below} is cheaper, above it {point.cheaper_above}"
    )


def _sweep(args: argparse.Namespace) -> str:
    (model,) = build_models(args, [args.architecture])
    axes = [sweep_axis(text) for text in args.over]
    names = [name for name, _ in axes]
    for name in names:
        if name not in model.parameter_names:
            raise OptionError(
                f"--over {name}: not a parameter of {model.name}"
                f"{did_you_mean(name, model.parameter_names)}; "
                f"parameters: {', '.join(model.parameter_names)}"
            )
    if len(set(names)) != len(names):
        raise OptionError("--over: each parameter once")
    points = 1
    for _, values in axes:
        points *= len(values)
    if points > MAX_GRID_POINTS:
        raise OptionError(f"--over: {points} points, at most {MAX_GRID_POINTS}; sweep fewer")
    base = command_values(args, model)
    rows = []
    for combination in itertools.product(*(values for _, values in axes)):
        result = model.evaluate({**base, **dict(zip(names, combination, strict=True))})
        swept = [
            Value.quantity(result.inputs[name], digits=args.digits)
            if hasattr(result.inputs[name], "units")
            else str(result.inputs[name])
            for name in names
        ]
        terms = [Value.quantity(q, args.unit, digits=args.digits) for q in result.terms.values()]
        rows.append((*swept, *terms, Value.quantity(result.total, args.unit, digits=args.digits)))
    columns = (*names, *model.terms, "total")
    right = range(len(columns))
    table = Table.of(
        columns, rows, right=right, title=f"{model.name} at {command_preset(args).name}"
    )
    return write_table(table, args.format)


def _latex(args: argparse.Namespace) -> str:
    from costmodel import render

    if args.preamble:
        return paper.preamble_text(args)
    if args.architecture is None:
        raise OptionError("latex: name an architecture (or ask for --preamble)")
    (model,) = build_models(args, [args.architecture])
    values_set = [item for item in args.set if item.partition("=")[0].strip() != "arity"]
    if not preset_names(args) and (values_set or args.variant or args.workload):
        raise OptionError("--set (other than arity), --variant and --workload need --preset")
    values = command_values(args, model) if preset_names(args) else None
    text = render.export(
        model,
        values,
        mode="plain" if args.plain else "siunitx",
        standalone=args.standalone,
        unit=args.unit,
        digits=args.digits,
    )
    return write_output(text, args.output, force=args.force)


def _report(args: argparse.Namespace) -> str:
    from costmodel.render.report import markdown_report

    models = build_models(args, list(args.architectures), solve_for=tuple(args.solve_for))
    if args.solve_for and len(models) < 2:
        raise OptionError("--solve-for needs two architectures to compare")
    values = command_values(args, *models)
    preset = command_preset(args)
    sources: dict[str, Any] = dict(preset.sources)
    for item in args.set:
        sources[item.partition("=")[0].strip()] = "set on the command line"
    from costmodel.analysis.breakeven import breakeven

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
        digits=args.digits,
        over=args.over,
        plots_link=plots_link,
        quotes=not args.no_quotes,
        sources=sources,
    )
    return write_output(text, args.output, force=args.force)


def _validate(args: argparse.Namespace) -> str:
    from costmodel.studies.calibration import validate
    from costmodel.studies.figures import figures_table

    rows = validate()
    if args.format == "json":
        return json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False)
    return write_table(figures_table(rows, unit=args.unit, digits=args.digits), args.format)


def _compare(args: argparse.Namespace) -> str:
    from costmodel.studies.systems import by_cycles_table, communication_table, comparison_table
    from costmodel.studies.verifiers import breakevens_table, verifier_breakevens

    cycles = args.cycles or ["1e7 cycle", "1e8 cycle", "1e9 cycle", "1e10 cycle"]
    shown = {"unit": args.unit, "digits": args.digits}
    tables = [
        comparison_table(communication_table(workload=args.workload), args.workload, **shown),
        by_cycles_table(cycles, workload=args.workload, **shown),
        breakevens_table(verifier_breakevens(), digits=args.digits),
    ]
    return write_table(tables, args.format)


def _list(args: argparse.Namespace) -> str:
    architectures = Table.of(
        ("architecture", "options"),
        [
            (
                name,
                ", ".join(
                    f"{key}={param.default!r}"
                    for key, param in inspect.signature(function).parameters.items()
                ),
            )
            for name, function in ARCHITECTURES.items()
        ],
        title="architectures",
    )
    loaded = [presets.load(name) for name in presets.names()]
    preset_rows = Table.of(
        ("preset", "title", "variants"),
        [(p.name, p.title, ", ".join(p.variants) or "-") for p in loaded],
        title="presets",
    )
    patterns = Table.of(
        ("transfer pattern",), [(n,) for n in TRANSFER_PATTERNS], title="transfer patterns"
    )
    return write_table([architectures, preset_rows, patterns], args.format)


def _reproduce(args: argparse.Namespace) -> str:
    from costmodel.studies import REPRODUCIBLE
    from costmodel.studies.figures import figures_table

    if args.note not in REPRODUCIBLE:
        raise OptionError(
            f"nothing to reproduce called {args.note!r}"
            f"{did_you_mean(args.note, REPRODUCIBLE)}; "
            f"known: {', '.join(REPRODUCIBLE)}"
        )

    figures = REPRODUCIBLE[args.note]()
    if args.format == "json":
        return json.dumps([row.as_dict() for row in figures], indent=2, ensure_ascii=False)
    table = figures_table(figures, system=False, sources=False, unit=args.unit, digits=args.digits)
    return write_table(table, args.format)


def _optimize(args: argparse.Namespace) -> str:
    from costmodel.cli.design import run_optimize

    return run_optimize(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], str]] = {
    "list": _list,
    "eval": _eval,
    "breakeven": _breakeven,
    "sweep": _sweep,
    "latex": _latex,
    "report": _report,
    "validate": _validate,
    "compare": _compare,
    "reproduce": _reproduce,
    "optimize": _optimize,
    "threshold": paper.threshold,
    "bib": paper.bib,
}
