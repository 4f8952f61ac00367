r"""Text a user wrote (names, meanings, sources, quotes), made safe for where it goes.

Every piece of user-provided text that reaches LaTeX, Markdown or a LaTeX comment passes
one of these functions; none is inserted raw.

- :func:`escape_text`: inside ``\text{}`` and table cells: TeX's specials escaped, common
  symbols mapped, line breaks and control characters turned into spaces (a blank line
  would end a paragraph inside ``\text{}``);
- :func:`comment_text`: after ``%``: one line, so nothing after a newline can run when
  the document is compiled;
- :func:`markdown_text` and :func:`markdown_code`: Markdown text and code spans (no raw
  HTML, no table breaks, one line).

>>> print(comment_text("model\n\\immediate\\write18{rm -rf ~}"))
model \immediate\write18{rm -rf ~}
>>> escape_text("a\\input{x}")
'a\\textbackslash{}input\\{x\\}'
>>> markdown_text("<script>|x")
'&lt;script&gt;\\|x'
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "comment_text",
    "escape_text",
    "markdown_code",
    "markdown_text",
    "math_text",
    "one_line",
]

_TEXT_ESCAPES: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "≈": r"\ensuremath{\approx}",
    "×": r"\ensuremath{\times}",
    "·": r"\ensuremath{\cdot}",
    "−": r"\ensuremath{-}",
    "≤": r"\ensuremath{\leq}",
    "≥": r"\ensuremath{\geq}",
    "µ": r"\ensuremath{\mu}",
    "⌈": r"\ensuremath{\lceil}",
    "⌉": r"\ensuremath{\rceil}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
    "–": "--",
    "—": "---",
    "…": r"\ldots{}",
}


#: TeX's specials in math mode, where MathJax reads them too (inside its ``\text{}`` it
#: shows ``\_`` with the backslash).
_MATH_ESCAPES: dict[str, str] = {
    "\\": r"\backslash ",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\sim ",
    "^": r"\hat{}",
    "<": "<",
    ">": ">",
    "|": r"\vert ",
    "≈": r"\approx ",
    "×": r"\times ",
    "·": r"\cdot ",
    "−": "-",
    "≤": r"\leq ",
    "≥": r"\geq ",
    "µ": r"\mu ",
    "⌈": r"\lceil ",
    "⌉": r"\rceil ",
}


def math_text(text: str) -> str:
    r"""``text`` for math mode, safe for LaTeX and MathJax alike: words in ``\text{}``,
    every special outside it (MathJax shows ``\text{a\_b}`` with its backslash).

    >>> math_text("folded_witness & more")
    '\\text{folded}\\_\\text{witness }\\&\\text{ more}'
    >>> math_text("")
    ''
    """
    pieces: list[str] = []
    run: list[str] = []
    for char in one_line(text):
        if char in _MATH_ESCAPES:
            if run:
                pieces.append("\\text{" + "".join(run) + "}")
                run = []
            pieces.append(_MATH_ESCAPES[char])
        else:
            run.append(char)
    if run:
        pieces.append("\\text{" + "".join(run) + "}")
    return "".join(pieces)


def one_line(text: str) -> str:
    """``text`` with every line break and control character replaced by a space."""
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp", "Cf") else char
        for char in str(text)
    )


def escape_text(text: str) -> str:
    r"""``text`` safe inside ``\text{}`` and table cells: specials escaped, common symbols mapped.

    >>> escape_text("~1,000 gates & 50% of C_fold")
    '\\textasciitilde{}1,000 gates \\& 50\\% of C\\_fold'
    """
    return "".join(_TEXT_ESCAPES.get(char, char) for char in one_line(text))


def comment_text(text: str) -> str:
    """``text`` as the rest of one LaTeX comment line: line breaks become spaces."""
    return one_line(text)


_MARKDOWN_ESCAPES: dict[str, str] = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": r"\|",
    "\\": "\\\\",
    "`": r"\`",
    "[": r"\[",
    "]": r"\]",
}


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown on one line: no raw HTML, code, links or table breaks.

    Underscores stay as written: inside a word (``recursive_stark``) they are literal.
    """
    return "".join(_MARKDOWN_ESCAPES.get(char, char) for char in one_line(text))


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span, whatever backticks it holds (one line).

    >>> markdown_code("a`b")
    '``a`b``'
    """
    body = one_line(text)
    run = longest = 0
    for char in body:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"
