"""The grammar of a parameter's LaTeX symbol: what may be written into a document.

A symbol is letters, digits, a little punctuation, and the commands of
:data:`LATEX_COMMANDS` (Greek letters, fonts, accents), with balanced braces; nothing that
reads files, writes or defines (``\\input``, ``\\write``, ``\\def``...) can appear in one.
"""

from __future__ import annotations

import re
from typing import Any

from costmodel.errors import DefinitionError

__all__ = ["LATEX_COMMANDS", "check_latex_symbol"]

_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
_FONTS_AND_ACCENTS = (
    "mathrm mathit mathbf mathsf mathtt mathcal mathbb mathfrak operatorname text textrm "
    "hat bar tilde vec dot ddot check breve acute grave widehat widetilde overline underline "
    "prime ell star ast infty partial nabla cdot times hbar imath jmath"
)
#: The LaTeX commands a parameter's symbol may use: Greek letters, font and accent
#: commands, and a few ordinary math symbols.  Nothing that reads files, writes, or
#: defines (``\input``, ``\write``, ``\def``...) can appear in a symbol.
LATEX_COMMANDS: frozenset[str] = frozenset((*_GREEK.split(), *_FONTS_AND_ACCENTS.split()))
_LATEX_TOKEN = re.compile(
    r"\\(?P<command>[A-Za-z]+)|\\(?P<space>[,;!: _])|(?P<char>[A-Za-z0-9_^{}'*.,+\-()|/ ])"
)
_MAX_LATEX_SYMBOL = 100


def check_latex_symbol(text: Any, *, name: str = "latex") -> str:
    r"""``text`` if it is a math symbol safe to put into LaTeX, else a :class:`DefinitionError`.

    A symbol is letters, digits, ``_ ^ { } ' * . , + - ( ) | /``, spaces, and the commands of
    :data:`LATEX_COMMANDS`, with balanced braces: ``W``, ``t_{\mathrm{join}}``, ``\rho``.

    >>> check_latex_symbol(r"t_{\mathrm{join}}")
    't_{\\mathrm{join}}'
    >>> check_latex_symbol(r"\input{secrets}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    costmodel.errors.DefinitionError: latex: the command \input is not allowed ...
    """
    if not isinstance(text, str) or not text.strip():
        raise DefinitionError(f"{name}: a LaTeX symbol must be a non-empty string, got {text!r}")
    if len(text) > _MAX_LATEX_SYMBOL:
        raise DefinitionError(f"{name}: LaTeX symbol longer than {_MAX_LATEX_SYMBOL} characters")
    depth, position = 0, 0
    while position < len(text):
        token = _LATEX_TOKEN.match(text, position)
        if token is None:
            raise DefinitionError(
                f"{name}: {text[position]!r} is not allowed in a LaTeX symbol ({text!r}); "
                f"use letters, digits, _ ^ {{ }} and commands such as \\rho or \\mathrm"
            )
        command = token["command"]
        if command is not None and command not in LATEX_COMMANDS:
            raise DefinitionError(
                f"{name}: the command \\{command} is not allowed in a LaTeX symbol ({text!r}); "
                f"allowed: Greek letters, \\mathrm, \\mathit, \\hat, \\bar and the like"
            )
        char = token["char"]
        depth += 1 if char == "{" else -1 if char == "}" else 0
        if depth < 0:
            break
        position = token.end()
    if depth != 0:
        raise DefinitionError(f"{name}: unbalanced braces in the LaTeX symbol {text!r}")
    return text
