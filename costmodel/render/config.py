"""How LaTeX is written: one frozen configuration object instead of loose keyword arguments.

>>> from costmodel.render.config import LatexConfig
>>> config = LatexConfig()
>>> config.mode, config.environment
('siunitx', 'align*')
>>> config.replace(mode="plain", numbered=True).environment
'align'
>>> LatexConfig(mode="html")
Traceback (most recent call last):
...
costmodel.errors.OptionError: mode: unknown choice 'html'; expected one of siunitx, plain
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from costmodel.errors import OptionError, check_choice, check_flag, did_you_mean
from costmodel.units import parse_unit

__all__ = ["FORMS", "MODES", "MUL_SYMBOLS", "Form", "LatexConfig", "Mode", "MulSymbol"]

Mode = Literal["siunitx", "plain"]
Form = Literal["symbolic", "substituted", "three-step"]
MulSymbol = Literal["dot", "times", "ldot"]

#: ``siunitx``: ``\qty{50}{\giga\byte}`` (needs siunitx v3 and the unit declarations);
#: ``plain``: ``50\,\mathrm{GB}`` (MathJax, KaTeX, documents without siunitx).
MODES: tuple[Mode, ...] = ("siunitx", "plain")

#: ``symbolic``: formulas over the vocabulary's symbols; ``substituted``: the numbers put
#: into each formula and its result on one line; ``three-step``: formula, numbers and
#: result on three lines.
FORMS: tuple[Form, ...] = ("symbolic", "substituted", "three-step")

#: sympy's multiplication signs for formulas: ``None`` (juxtaposition), ``\cdot``,
#: ``\times``, ``.`` (``ldot``).  Only these: any other text would go into the LaTeX raw.
MUL_SYMBOLS: tuple[MulSymbol | None, ...] = (None, "dot", "times", "ldot")


@dataclass(frozen=True)
class LatexConfig:
    """Every choice the LaTeX writers make, checked once when the object is made.

    - ``mode``: ``"siunitx"`` or ``"plain"`` (see :data:`MODES`);
    - ``form``: ``"symbolic"``, ``"substituted"`` or ``"three-step"`` (see :data:`FORMS`);
      ``None`` lets each kind choose (a model without values: symbolic; a model with
      values: three-step; an evaluation: its breakdown table);
    - ``standalone``: a complete document (``\\documentclass`` to ``\\end{document}``);
    - ``unit``: show results (terms, totals) in this unit, e.g. ``"GB"``; ``None``
      picks a readable prefix for each value;
    - ``digits``: decimals kept before a value is rounded (and marked ``\\approx``);
    - ``share_digits``: decimals of a share in percent;
    - ``numbered``: ``align`` (numbered) rather than ``align*``;
    - ``mul_symbol``: sympy's ``mul_symbol`` for formulas (``None``: juxtaposition;
      ``"dot"``: ``\\cdot``); substituted numbers always use ``\\cdot``;
    - ``quotes``: add each source's quote to the parameter table;
    - ``caption`` and ``label``: put tables in a ``table`` float with this caption and
      ``\\label`` (either one makes the float); ``float_table=True`` makes it without them;
    - ``longtable``: the parameter table as a ``longtable`` (breaks across pages; needs
      the ``longtable`` package, which :func:`~costmodel.render.latex.preamble` loads);
    - ``cite``: sources as ``\\cite{KEY}`` with the keys of :func:`costmodel.bibtex`
      rather than their text (URLs in the text are always ``\\url{}``);
    - ``powers_of_two``: whole values that are powers of two from 1024 up as ``2^{20}``.
    """

    mode: Mode = "siunitx"
    form: Form | None = None
    standalone: bool = False
    unit: str | None = None
    digits: int = 10
    share_digits: int = 2
    numbered: bool = False
    mul_symbol: MulSymbol | None = None
    quotes: bool = False
    caption: str | None = None
    label: str | None = None
    float_table: bool = False
    longtable: bool = False
    cite: bool = False
    powers_of_two: bool = False

    def __post_init__(self) -> None:
        check_choice("mode", self.mode, MODES)
        if self.form is not None:
            check_choice("form", self.form, FORMS)
        check_choice("mul_symbol", self.mul_symbol, MUL_SYMBOLS)
        for name in ("digits", "share_digits"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise OptionError(f"{name}: expected a whole number >= 0, got {value!r}")
        for name in ("caption", "label"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise OptionError(f"{name}: expected text, got {type(value).__name__}")
        if self.label is not None and any(c in self.label for c in "{}\\%#\n"):
            raise OptionError(f"label: {self.label!r} holds a brace, backslash, % or #")
        for name in (
            "standalone",
            "numbered",
            "quotes",
            "float_table",
            "longtable",
            "cite",
            "powers_of_two",
        ):
            check_flag(name, getattr(self, name))
        if self.unit is not None:
            parse_unit(self.unit)  # a UnitError now rather than in the middle of a table

    @property
    def siunitx(self) -> bool:
        """True when units and numbers go through siunitx macros."""
        return self.mode == "siunitx"

    @property
    def environment(self) -> str:
        """The display environment of equation blocks: ``align`` or ``align*``."""
        return "align" if self.numbered else "align*"

    @property
    def floating(self) -> bool:
        """True when tables go in a ``table`` float (a caption, a label or ``float_table=True``)."""
        return self.float_table or self.caption is not None or self.label is not None

    def replace(self, **changes: Any) -> LatexConfig:
        """A copy with ``changes``; an unknown option is a :class:`TypeError` with a suggestion."""
        known = {f.name for f in dataclasses.fields(self)}
        for name in changes:
            if name not in known:
                raise TypeError(
                    f"unknown LaTeX option {name!r}{did_you_mean(name, known)}; "
                    f"options: {', '.join(sorted(known))}"
                )
        return dataclasses.replace(self, **changes) if changes else self

    @classmethod
    def make(cls, config: LatexConfig | None = None, **changes: Any) -> LatexConfig:
        """``config`` (or the defaults) with ``changes`` applied."""
        if config is not None and not isinstance(config, LatexConfig):
            raise TypeError(f"config: expected a LatexConfig, got {type(config).__name__}")
        return (config or cls()).replace(**changes)
