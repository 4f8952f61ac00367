"""The ``costmodel`` command.

    costmodel reproduce seed-note
    costmodel list
    costmodel eval recursive-stark --preset seed-note --set snapshot_size="400 Mbit/segment"

Errors are one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, NoReturn

from costmodel import __version__, presets
from costmodel.architectures import ARCHITECTURES, TRANSFER_PATTERNS
from costmodel.errors import CostModelError, OptionError, did_you_mean
from costmodel.reproduce import format_figures, seed_note_figures
from costmodel.units import format_quantity, format_unit

__all__ = ["main"]

REPRODUCIBLE = ("seed-note",)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="costmodel", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"costmodel {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    reproduce = commands.add_parser(
        "reproduce",
        help="recompute a note's figures and flag each disagreement",
        description="Print every figure of the note beside its exact value.",
    )
    reproduce.add_argument("note", help=f"which note: {', '.join(REPRODUCIBLE)}")

    commands.add_parser(
        "list",
        help="architectures, presets and transfer patterns",
        description="List the architectures, presets and transfer patterns.",
    )

    evaluate = commands.add_parser(
        "eval",
        help="evaluate an architecture on a preset",
        description="Evaluate an architecture: a breakdown by term with exact values.",
    )
    evaluate.add_argument("architecture", help=f"one of {', '.join(ARCHITECTURES)}")
    evaluate.add_argument("--preset", default="seed-note", help="preset name (default seed-note)")
    evaluate.add_argument("--variant", default=None, help="preset variant (e.g. cyclefold)")
    evaluate.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help='override a value, with its unit: snapshot_size="400 Mbit/segment"',
    )
    evaluate.add_argument(
        "--arity", default=None, help="fixed arity of the aggregation tree (default: the preset's)"
    )
    evaluate.add_argument("--transfer", default="store-and-forward", choices=TRANSFER_PATTERNS)
    evaluate.add_argument("--ship", default="snapshot", choices=("snapshot", "witness"))
    evaluate.add_argument("--wrap", action="store_true", help="wrap the final proof in a SNARK")
    evaluate.add_argument(
        "--accounting",
        default="exact",
        choices=("exact", "rounded"),
        help="verifier-witness-bound accounting",
    )
    evaluate.add_argument("--unit", default=None, help="show values in this unit (e.g. GB)")
    evaluate.add_argument("--json", action="store_true", help="exact values as JSON")
    return parser


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"costmodel: error: {message}\n")
    raise SystemExit(2)


def _model(args: argparse.Namespace) -> Any:
    name = args.architecture
    if name not in ARCHITECTURES:
        raise OptionError(
            f"unknown architecture {name!r}{did_you_mean(name, ARCHITECTURES)}; "
            f"architectures: {', '.join(ARCHITECTURES)}"
        )
    if name == "verifier-witness-bound":
        return ARCHITECTURES[name](accounting=args.accounting)
    arity = args.arity if args.arity is None else _number(args.arity, "arity")
    return ARCHITECTURES[name](arity=arity, transfer=args.transfer, ship=args.ship, wrap=args.wrap)


def _number(text: str, name: str) -> Fraction:
    try:
        return Fraction(text)
    except ValueError:
        raise OptionError(f"{name}: expected a number, got {text!r}") from None


def _values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = dict(presets.load(args.preset, variant=args.variant))
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--set expects NAME=VALUE with a unit, got {item!r}")
        values[name.strip()] = value.strip()
    if args.arity is not None:
        values["arity"] = _number(args.arity, "arity")
    return values


def _exact_text(value: Any) -> str:
    fraction = Fraction(value)
    return str(fraction.numerator) if fraction.denominator == 1 else str(fraction)


def _eval(args: argparse.Namespace) -> str:
    model = _model(args)
    result = model.evaluate(_values(args))
    if args.json:
        unit = args.unit or model.unit
        payload = {
            "model": model.name,
            "options": {k: v for k, v in model.options},
            "unit": format_unit(unit),
            "total": _exact_text(result.total.to(unit).magnitude),
            "terms": {n: _exact_text(q.to(unit).magnitude) for n, q in result.terms.items()},
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


def _list() -> str:
    lines = ["architectures:"]
    lines += [f"  {name}" for name in ARCHITECTURES]
    lines.append("presets:")
    for name in presets.names():
        preset = presets.load(name)
        variants = f" (variants: {', '.join(preset.variants)})" if preset.variants else ""
        lines.append(f"  {name}: {preset.title}{variants}")
    lines.append("transfer patterns:")
    lines += [f"  {name}" for name in TRANSFER_PATTERNS]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "reproduce":
            if args.note not in REPRODUCIBLE:
                raise OptionError(
                    f"nothing to reproduce called {args.note!r}"
                    f"{did_you_mean(args.note, REPRODUCIBLE)}; "
                    f"known: {', '.join(REPRODUCIBLE)}"
                )
            output = format_figures(seed_note_figures())
        elif args.command == "list":
            output = _list()
        else:
            output = _eval(args)
    except CostModelError as exc:
        _fail(str(exc))
    print(output)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
