"""What a command reads from its arguments: architectures with their options, presets and
values (``--preset``, ``--variant``, ``--workload``, ``--set``); and where its output goes."""

from __future__ import annotations

import argparse
import inspect
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from costmodel import presets
from costmodel.architectures import ARCHITECTURES
from costmodel.errors import OptionError, did_you_mean
from costmodel.model_files import load_model
from costmodel.numbers import read_number

__all__ = [
    "architecture",
    "command_preset",
    "command_values",
    "exact_text",
    "option_value",
    "preset_names",
    "write_output",
]


#: Architecture options that are true or false.
_FLAGS = ("wrap", "pipeline", "network")


def option_value(name: str, text: str) -> Any:
    if name == "arity":
        if text.lower() in ("none", "symbolic"):
            return None
        return read_number(text, name="arity")
    if name in _FLAGS:
        if text.lower() in ("true", "yes", "1"):
            return True
        if text.lower() in ("false", "no", "0"):
            return False
        raise OptionError(f"{name}: expected true or false, got {text!r}")
    return text


def architecture(spec: str) -> tuple[Callable[..., Any], dict[str, Any]]:
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
        options[key] = option_value(key, value.strip())
    return function, options


def preset_names(args: argparse.Namespace) -> list[str]:
    """The presets named on the command line, or the command's default."""
    if args.preset:
        return list(args.preset)
    return [args.default_preset] if args.default_preset else []


def command_preset(args: argparse.Namespace) -> presets.Preset:
    """The command's preset: the ``--preset`` ones combined, a variant, a workload."""
    names = preset_names(args)
    if args.variant is not None and len(names) != 1:
        raise OptionError("--variant needs exactly one --preset")
    loaded = [presets.load(name, variant=args.variant) for name in names]
    preset = loaded[0] if len(loaded) == 1 else presets.combine(*loaded)
    if args.workload is not None:
        preset = preset.with_workload(args.workload)
    return preset


def command_values(args: argparse.Namespace, *models: Any) -> dict[str, Any]:
    """The preset's values with ``--set`` applied.

    An option fixed on the command line (``folding:arity=4``) wins over the preset's value
    of the same name; a ``--set`` that contradicts it is still an error.
    """
    values: dict[str, Any] = dict(command_preset(args))
    for model in models:
        for option in model.fixed:
            values.pop(option, None)
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--set expects NAME=VALUE with a unit, got {item!r}")
        values[name.strip()] = value.strip()
    return values


def exact_text(value: Any) -> str:
    fraction = Fraction(value)
    return str(fraction.numerator) if fraction.denominator == 1 else str(fraction)


def write_output(text: str, output: str | None, *, force: bool = False) -> str:
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
