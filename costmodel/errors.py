"""The library's errors.

Every error raised on purpose derives from :class:`CostModelError` and also from
the builtin that fits (``ValueError``, ``TypeError`` or ``KeyError``), so callers
can catch either.  Messages say what to fix: the parameter, what was given and
what was expected.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = [
    "CostModelError",
    "DefinitionError",
    "DimensionError",
    "ExpressionError",
    "InputError",
    "MissingParameterError",
    "NoSolutionError",
    "OptionError",
    "ParameterValueError",
    "PresetError",
    "UnitError",
    "UnknownParameterError",
    "UnknownPresetError",
    "check_choice",
    "check_flag",
    "check_limit",
    "did_you_mean",
]

_Choice = TypeVar("_Choice")


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """Return ``' (did you mean "x"?)'`` for the closest candidate, or ``''``."""
    close = difflib.get_close_matches(name, sorted(candidates), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def unknown_key(table: str, given: Iterable[str], allowed: Iterable[str]) -> str | None:
    """The message for the first key of ``given`` that ``allowed`` lacks, or ``None``: one
    wording for every table of a file (``model``, ``parameters.x``, ``laws.x``...).

    >>> print(unknown_key("laws.x", ["formula", "coefficent"], ["formula", "coefficients"]))
    laws.x: unknown key 'coefficent' (did you mean "coefficients"?); keys: coefficients, formula
    >>> unknown_key("model", ["name"], ["name", "description"]) is None
    True
    """
    allowed = sorted(allowed)
    unknown = sorted(set(given) - set(allowed))
    if not unknown:
        return None
    key = unknown[0]
    return f"{table}: unknown key {key!r}{did_you_mean(key, allowed)}; keys: {', '.join(allowed)}"


def check_choice(option: str, value: object, choices: Iterable[_Choice]) -> _Choice:
    """``value`` if it is one of ``choices`` (the same type and equal), else an
    :class:`OptionError` naming them.

    >>> check_choice("transfer", "peer-both", ("store-and-forward", "peer-both"))
    'peer-both'
    """
    choices = tuple(choices)
    for choice in choices:
        if value == choice and type(value) is type(choice):
            return choice
    shown = ", ".join(str(choice) for choice in choices)
    raise OptionError(
        f"{option}: unknown choice {value!r}{did_you_mean(str(value), map(str, choices))}; "
        f"expected one of {shown}"
    )


def check_flag(option: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False``, else an :class:`OptionError`."""
    if not isinstance(value, bool):
        raise OptionError(f"{option}: expected True or False, got {value!r}")
    return value


def check_limit(option: str, value: Any) -> int:
    """``value`` if it is a whole number of at least 1 (a caller's resource limit), else an
    :class:`InputError` (not a whole number) or :class:`ParameterValueError` (below 1).

    >>> check_limit("max_points", 1000)
    1000
    """
    if isinstance(value, bool):
        raise InputError(f"{option}: expected a whole number of at least 1, got {value!r}")
    try:
        whole = operator.index(value)
    except TypeError:
        raise InputError(
            f"{option}: expected a whole number of at least 1, got {value!r}"
        ) from None
    if whole < 1:
        raise ParameterValueError(f"{option}: expected a whole number of at least 1, got {whole}")
    return whole


class CostModelError(Exception):
    """Base class of every error the library raises on purpose."""

    def __str__(self) -> str:
        # KeyError would print the repr of its argument; show the message as written.
        return str(self.args[0]) if self.args else ""


class UnitError(CostModelError, ValueError):
    """A unit or quantity string that cannot be parsed or is not defined."""


class DimensionError(CostModelError, ValueError):
    """Quantities of incompatible dimensions were combined or given.

    ``term`` is the offending expression or parameter, ``unit`` what it has and
    ``expected`` what was required.
    """

    def __init__(
        self, message: str, *, term: object = None, unit: object = None, expected: object = None
    ) -> None:
        super().__init__(message)
        self.term = term
        self.unit = unit
        self.expected = expected


class InputError(CostModelError, TypeError):
    """An argument of the wrong kind: values that are not a mapping, a name that is not
    a string..."""


class DefinitionError(CostModelError, ValueError):
    """A malformed definition: a parameter name that is not an identifier, a bad minimum."""


class NoSolutionError(CostModelError, ValueError):
    """An equation with no solution where one was asked for (a break-even that never is)."""


class ExpressionError(CostModelError, TypeError):
    """An expression the unit walker cannot give a unit to (a float, an unknown symbol...)."""


class ParameterValueError(CostModelError, ValueError):
    """A value of the right unit but not allowed: negative, zero, NaN, infinite, fractional."""


class OptionError(CostModelError, ValueError):
    """An architecture option that is not allowed, or a value contradicting a fixed option."""


class MissingParameterError(CostModelError, KeyError):
    """A parameter the model needs was not given."""


class UnknownParameterError(CostModelError, KeyError):
    """A name that is not in the vocabulary nor among the model's parameters."""


class PresetError(CostModelError, ValueError):
    """A preset file that is malformed: a value without unit or source, bad TOML..."""


class UnknownPresetError(CostModelError, KeyError):
    """No preset of that name."""
