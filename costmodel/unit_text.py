"""The grammar of unit strings: what text may become a unit before pint reads it.

pint evaluates unit text as arithmetic (``"B**9**9**9"`` never finishes, ``"3 B + 5"`` is a
sum), so every unit string passes :func:`check_unit_text` first: names joined by ``*``
and ``/``, parentheses, and one-digit powers applied once.

>>> unit_text_problem("B/(machine*h)") is None, unit_text_problem("B + 5")
(True, "unexpected '+'")
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from costmodel.errors import UnitError
from costmodel.numbers import short_text

__all__ = ["MAX_UNIT_TEXT", "check_unit_text", "unit_text_problem"]

#: The longest unit string read (``"B/(machine*h)"`` is 13 characters).
MAX_UNIT_TEXT = 200
_UNIT_TOKEN = re.compile(
    r"\s*(?:(?P<name>[^\W\d]\w*)|(?P<power>\*\*\s*(?:-?\d(?:\.\d)?|\(\s*-?\d\s*/\s*\d\s*\))(?![\d.]))|(?P<op>[*/])|(?P<open>\()"
    r"|(?P<close>\))|(?P<one>1(?=\s*(?:/|$))))"
)

#: The tokens an operand ends with: an operator may follow only these.
_OPERAND_ENDS = frozenset({"name", "close", "power", "one"})


@lru_cache(maxsize=4096)
def unit_text_problem(text: str) -> str | None:
    """Why ``text`` is not a unit the library reads, or ``None`` when it is one.

    A unit is names joined by ``*`` and ``/``, with parentheses and one-digit powers
    (``**2``, ``**-1``, ``**0.5``, ``**(1/2)``); a ``1`` may stand before ``/`` or alone.
    A power follows a name or a group without powers inside, never another power, so no
    exponent can grow.  Each ``*`` and ``/`` stands between two units.

    >>> unit_text_problem("MB/"), unit_text_problem("/s"), unit_text_problem("B*()")
    ("'/' with no unit after it", "'/' with no unit before it", "')' with no unit before it")
    """
    if len(text) > MAX_UNIT_TEXT:
        return f"longer than {MAX_UNIT_TEXT} characters"
    position, previous = 0, "start"
    groups: list[bool] = []  # per open parenthesis: has a power been seen inside it?
    closed_with_power = False
    while position < len(text) and text[position:].strip():
        token = _UNIT_TOKEN.match(text, position)
        if token is None or token.end() == position:
            return f"unexpected {text[position:].strip()[:1]!r}"
        kind = str(token.lastgroup)
        if kind == "op" and previous not in _OPERAND_ENDS:
            return f"{token.group('op')!r} with no unit before it"
        if kind == "close" and previous in ("op", "open"):
            return f"{text[position:].strip()[:1]!r} with no unit before it"
        if kind == "power":
            if previous not in ("name", "close") or (previous == "close" and closed_with_power):
                return "a power applies once, to a unit name or to a group without powers"
            if groups:
                groups[-1] = True
        elif kind == "open":
            groups.append(False)
        elif kind == "close":
            if not groups:
                return "unbalanced parentheses"
            closed_with_power = groups.pop()
            if closed_with_power and groups:
                groups[-1] = True
        position, previous = token.end(), kind
    if groups:
        return "unbalanced parentheses"
    if previous == "op":
        return f"{text.rstrip()[-1]!r} with no unit after it"
    return None


def check_unit_text(text: Any, *, name: str | None = None) -> str:
    """``text`` if it is a unit string the library reads, else a :class:`UnitError`.

    Every unit string passes here before pint sees it, so none is ever evaluated as
    arithmetic (``"B**9**9"``, ``"B + 5"``).

    >>> check_unit_text("B/(machine*h)")
    'B/(machine*h)'
    >>> check_unit_text("B**9**9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    costmodel.errors.UnitError: malformed unit 'B**9**9': a power applies once, ...
    """
    where = f"{name}: " if name else ""
    if not isinstance(text, str):
        raise UnitError(
            f"{where}a unit must be a string such as 'kB' or 'cycle/segment', "
            f"got {short_text(text)}"
        )
    problem = unit_text_problem(text)
    if problem is not None:
        raise UnitError(f"{where}malformed unit {short_text(text)}: {problem}")
    return text
