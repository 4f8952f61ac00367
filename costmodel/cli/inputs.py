"""What a command reads from its arguments: architectures with their options, presets and
values (``--preset``, ``--variant``, ``--workload``, ``--set``); and where its output goes."""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from costmodel import presets
from costmodel.architectures import ARCHITECTURES
from costmodel.errors import OptionError, did_you_mean
from costmodel.model_files import load_model, model_from_toml
from costmodel.numbers import read_number
from costmodel.symbols import VOCABULARY

__all__ = [
    "OPTION_FLAGS",
    "architecture",
    "build_models",
    "command_preset",
    "command_values",
    "exact_text",
    "option_value",
    "preset_names",
    "sweep_axis",
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


_STDIN: dict[str, Any] = {}


def _stdin_model() -> Any:
    """The model file read from standard input (``-``), read once per run."""
    if "model" not in _STDIN:
        _STDIN["model"] = model_from_toml(sys.stdin.read(), where="standard input")
    return _STDIN["model"]


def architecture(spec: str) -> tuple[Callable[..., Any], dict[str, Any]]:
    """``NAME[:key=value,...]``, a model file's path, or ``-`` (a model file on standard
    input) -> (architecture function, options)."""
    if spec == "-":
        model = _stdin_model()
        return (lambda: model), {}
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


#: The architecture options that have their own flag (``--transfer peer-both``), with the
#: attribute the parser stores them in.
OPTION_FLAGS: tuple[str, ...] = (
    "transfer",
    "singletons",
    "ship",
    "accounting",
    "rounding",
    "wrap",
    "metric",
    "billing",
    "pipeline",
    "network",
)


def _flag_name(option: str) -> str:
    return "--no-network" if option == "network" else f"--{option}"


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    """The option flags given on the command line, as architecture options."""
    given: dict[str, Any] = {}
    for option in OPTION_FLAGS:
        value = getattr(args, option, None)
        if option in ("wrap", "pipeline"):
            value = True if value else None
        elif option == "network":
            value = False if value is False else None
        if value is not None:
            given[option] = value
    return given


def _set_values(args: argparse.Namespace) -> dict[str, str]:
    """``--set NAME=VALUE`` as a mapping (checked: each has a name and an ``=``)."""
    values = {}
    for item in getattr(args, "set", None) or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--set expects NAME=VALUE with a unit, got {item!r}")
        values[name.strip()] = value.strip()
    return values


def _command_arity(args: argparse.Namespace) -> tuple[Fraction | None, str]:
    """The arity given on the command line (``--arity`` or ``--set arity=``) and where."""
    flag = getattr(args, "arity", None)
    given = _set_values(args).get("arity")
    arity = VOCABULARY["arity"]  # its checks: a whole, dimensionless number, at least 2
    from_flag = None if flag is None else arity.exact_value(flag)
    from_set = None if given is None else arity.exact_value(given)
    if from_flag is not None and from_set is not None and from_flag != from_set:
        raise OptionError(f"--arity {flag} contradicts --set arity={given}; give it once")
    if from_flag is not None:
        return from_flag, f"--arity {flag}"
    if from_set is not None:
        return from_set, f"--set arity={given}"
    return None, ""


def build_models(
    args: argparse.Namespace, specs: list[str], *, solve_for: tuple[str, ...] = ()
) -> list[Any]:
    """The models of ``specs``, built the same way by every command.

    Options come from the spec (``folding:arity=4``) and from the option flags
    (``--transfer``, ``--wrap``, ...), which apply to every architecture that takes them
    (a flag none takes is an error, as is one that contradicts a spec).  The arity, where
    an architecture has one and its spec does not fix it, is the command line's
    (``--arity`` or ``--set arity=``), else the preset's, else the architecture's default;
    a parameter solved for (``--solve-for arity``) is left symbolic where the spec does not
    fix it (``recursive-stark:arity=2`` keeps that side binary).
    """
    flags = _flags(args)
    arity, arity_source = _command_arity(args)
    names = preset_names(args) if hasattr(args, "preset") else []
    if arity is None and names and "arity" not in solve_for:
        preset = command_preset(args)
        if "arity" in preset:
            arity = Fraction(preset["arity"].magnitude)
    used: set[str] = set()
    takes_arity = False
    models = []
    for spec in specs:
        function, options = architecture(spec)
        accepted = inspect.signature(function).parameters
        for option, value in flags.items():
            if option not in accepted:
                continue
            used.add(option)
            if option in options and options[option] != value:
                raise OptionError(
                    f"{_flag_name(option)} {value} contradicts {option}={options[option]} "
                    f"in {spec!r}; give it once"
                )
            options[option] = value
        if "arity" in accepted:
            takes_arity = True
            if "arity" in options:
                if arity_source and options["arity"] is not None and options["arity"] != arity:
                    raise OptionError(
                        f"{arity_source} contradicts arity={options['arity']} in {spec!r}; "
                        f"give it once"
                    )
            elif "arity" in solve_for:
                options["arity"] = None
            elif arity is not None:
                options["arity"] = arity
        models.append(function(**options))
    unused = [option for option in flags if option not in used]
    if unused:
        raise OptionError(f"{_flag_name(unused[0])} does not apply to {', '.join(specs)}")
    if arity_source.startswith("--arity") and not takes_arity:
        raise OptionError(f"--arity does not apply to {', '.join(specs)}")
    return models


def preset_names(args: argparse.Namespace) -> list[str]:
    """The presets named on the command line, or the command's default."""
    if args.preset:
        return list(args.preset)
    return [args.default_preset] if args.default_preset else []


def command_preset(args: argparse.Namespace) -> presets.Preset:
    """The command's preset: the ``--preset`` ones combined, a variant, a workload.

    Read once per command (kept on ``args``): a command asks for it more than once.
    """
    loaded_before: presets.Preset | None = getattr(args, "_command_preset", None)
    if loaded_before is not None:
        return loaded_before
    names = preset_names(args)
    if args.variant is not None and len(names) != 1:
        raise OptionError("--variant needs exactly one --preset")
    loaded = [presets.load(name, variant=args.variant) for name in names]
    preset = loaded[0] if len(loaded) == 1 else presets.combine(*loaded)
    if args.workload is not None:
        preset = preset.with_workload(args.workload)
    args._command_preset = preset
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
    values.update(_set_values(args))
    return values


def exact_text(value: Any) -> str:
    """An exact number as ``"7"`` or ``"p/q"`` (the JSON of ``eval`` and ``breakeven``)."""
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


#: At most this many points in a sweep's grid (the product of its axes).
MAX_GRID_POINTS = 10_000

_NUMBER = r"[-+]?\(?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?(?:\s*/\s*[0-9][0-9_]*)?\)?"
_RANGE = re.compile(
    rf"\s*(?P<start>{_NUMBER})\s*\.\.\s*(?P<stop>{_NUMBER})\s*"
    rf"(?P<step>[:*])\s*(?P<by>{_NUMBER})\s*(?P<unit>.*)",
    re.S,
)
_ITEM = re.compile(rf"\s*(?P<number>{_NUMBER})\s*(?P<unit>.*)", re.S)


def sweep_axis(text: str) -> tuple[str, list[str]]:
    """``--over NAME=VALUES`` -> (name, the values as quantity text).

    VALUES is a list (``1e8,1e9,1e10 cycle``), ``START..STOP:COUNT`` (``COUNT`` evenly
    spaced values, ends included) or ``START..STOP*FACTOR`` (``START``, ``START*FACTOR``,
    ... up to ``STOP``); a unit at the end applies to every value written without one.

    >>> sweep_axis("total_cycles=1e8..1e10*10 cycle")
    ('total_cycles', ['100000000 cycle', '1000000000 cycle', '10000000000 cycle'])
    >>> sweep_axis("folded_witness_size=250 kB, 1,2 MB")
    ('folded_witness_size', ['250 kB', '1 MB', '2 MB'])
    """
    name, sep, body = text.partition("=")
    name = name.strip()
    if not sep or not name or not body.strip():
        raise OptionError(f"--over expects NAME=VALUES, got {text!r}")
    found = _RANGE.fullmatch(body)
    if found is not None:
        unit = found["unit"].strip()
        start, stop, by = (
            read_number(found[key].replace(" ", ""), name=f"--over {name}")
            for key in ("start", "stop", "by")
        )
        values = _range_values(name, start, stop, found["step"], by)
        return name, [f"{exact_text(v)} {unit}".strip() for v in values]
    items = [item for item in (part.strip() for part in body.split(",")) if item]
    parsed = []
    for item in items:
        match = _ITEM.fullmatch(item)
        if match is None:
            raise OptionError(
                f"--over {name}: expected numbers with a unit (1e8,1e9 cycle), "
                f"START..STOP:COUNT or START..STOP*FACTOR, got {item!r}"
            )
        parsed.append((match["number"], match["unit"].strip()))
    last_unit = parsed[-1][1]
    _check_grid_size(name, len(parsed))
    return name, [f"{number} {unit or last_unit}".strip() for number, unit in parsed]


def _range_values(
    name: str, start: Fraction, stop: Fraction, step: str, by: Fraction
) -> list[Fraction]:
    if step == ":":
        if by.denominator != 1 or by < 2:
            raise OptionError(f"--over {name}: COUNT after ':' must be a whole number >= 2")
        _check_grid_size(name, int(by))
        return [start + (stop - start) * i / (int(by) - 1) for i in range(int(by))]
    if start <= 0 or stop < start or by <= 1:
        raise OptionError(
            f"--over {name}: START..STOP*FACTOR needs 0 < START <= STOP and FACTOR > 1"
        )
    values = [start]
    while values[-1] * by <= stop:
        values.append(values[-1] * by)
        _check_grid_size(name, len(values))
    return values


def _check_grid_size(name: str, count: int) -> None:
    if count > MAX_GRID_POINTS:
        raise OptionError(
            f"--over {name}: more than {MAX_GRID_POINTS} values; sweep a coarser grid"
        )
