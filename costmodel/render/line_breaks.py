r"""Breaking long LaTeX lines: a rough count of the characters a piece of math shows when
typeset (:func:`typeset_width`), and cuts before top-level ``+``, ``-``, ``\cdot`` and ``=``
where no brace is open (:func:`break_sum`), so that equation blocks fit an article's line.

>>> break_sum("a + b + c", width=2)
['a', '+ b', '+ c']
"""

from __future__ import annotations

import re

__all__ = ["LINE_CHARS", "break_sum", "typeset_width"]


#: About how many characters of typeset math fit on an article line beside a label.
LINE_CHARS = 40

_COMMAND = re.compile(r"\\[a-zA-Z]+")


_QTY = re.compile(r"\\(?:qty|SI)\{([^{}]*)\}\{([^{}]*)\}|\\num\{([^{}]*)\}")
_FRAC = re.compile(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}")
_STRUCTURAL = {"left", "right", "cdot", "text", "mathrm", "quad", "qquad", "nonumber"}


def _plain_width(text: str) -> int:
    def weight(match: re.Match[str]) -> str:
        name = match.group(0)[1:]
        return "" if name in _STRUCTURAL else "x" * min(2, len(name))

    visible = _COMMAND.sub(weight, text)
    return sum(1 for char in visible if char not in "{}&^_ ")


def typeset_width(text: str) -> int:
    r"""A rough count of the characters ``text`` shows when typeset.

    A fraction counts as its wider part, a command as one or two characters.

    >>> typeset_width(r"\qty{250}{\kilo\byte} + \frac{a}{bc}")
    11
    """
    text = _QTY.sub(
        lambda m: "x" * (len(m.group(3) or m.group(1)) + _plain_width(m.group(2) or "") + 1),
        text,
    )
    while True:
        replaced = _FRAC.sub(
            lambda m: "x" * max(_plain_width(m.group(1)), _plain_width(m.group(2))), text
        )
        if replaced == text:
            break
        text = replaced
    return _plain_width(text)


def _cuts(text: str) -> list[int]:
    """Where ``text`` may break: before a top-level ``+``, ``-``, ``\\cdot`` or ``=``."""
    cuts = []
    depth = 0
    for index, char in enumerate(text):
        if text.startswith("\\left", index):
            depth += 1
        elif text.startswith("\\right", index):
            depth -= 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and index > 0 and text.startswith((" + ", " - ", " \\cdot ", " = "), index):
            cuts.append(index)
    return cuts


def _pieces(text: str, width: int) -> list[str]:
    pieces, start, last = [], 0, 0
    for cut in [*_cuts(text), len(text)]:
        if typeset_width(text[start:cut]) > width and last > start:
            pieces.append(text[start:last].strip())
            start = last
        last = cut
    pieces.append(text[start:].strip())
    return pieces


def break_sum(text: str, width: int = LINE_CHARS) -> list[str]:
    """``text`` cut before top-level ``+``, ``-``, ``\\cdot`` and ``=`` into pieces about
    ``width`` wide, each valid LaTeX on its own line of an ``align``.

    Cuts fall where no brace or ``\\left``/``\\right`` pair is open; when a piece is
    still too wide, its ``\\left( .. \\right)`` become ``\\bigl( .. \\bigr)``, which
    may break.

    >>> break_sum("a + b + c", width=2)
    ['a', '+ b', '+ c']
    """
    pieces = _pieces(text, width)
    if all(typeset_width(p) <= width for p in pieces):
        return pieces
    loose = text.replace("\\left(", "\\bigl(").replace("\\right)", "\\bigr)")
    return _pieces(loose, width)
