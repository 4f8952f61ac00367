r"""Numbers, units and quantities as LaTeX, with siunitx v3 or with plain ``\mathrm``.

Numbers stay exact: a terminating decimal is printed as it is, anything else is
rounded to ``digits`` places and marked with ``\approx``.  Units come from the
library's registry: siunitx gets ``\mega\byte\per\segment``, plain mode
``\mathrm{MB}/\mathrm{segment}``.  The units siunitx does not know (cycle, row,
segment, gate, field element, proof, machine, USD) are declared by
:func:`siunitx_declarations`.

>>> from fractions import Fraction
>>> from costmodel.units import Q_
>>> quantity_latex(Q_(Fraction(5099925, 100000), "GB"))
'\\qty{50.99925}{\\giga\\byte}'
>>> quantity_latex(Q_(50, "MB/segment"), mode="plain")
'50\\,\\mathrm{MB}/\\mathrm{segment}'
>>> quantity_latex(Q_(Fraction(1, 3), "B"))
'\\approx \\qty{0.3333333333}{\\byte}'
>>> quantity_latex(Q_(10**9, "cycle"))
'\\qty{1e9}{\\cycle}'
>>> print("\n".join(siunitx_declarations().splitlines()[-10:-8]))
\costmodelProvideSIUnit\USD{USD}
\costmodelProvideSIUnit\chunk{chunk}
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from costmodel.render.config import Mode
from costmodel.units import (
    DIMENSIONLESS,
    UnitLike,
    conversion_factor,
    decimal_text,
    defined_units,
    parse_quantity,
    parse_unit,
    readable,
    split_unit_name,
    unit_items,
    ureg,
)

__all__ = [
    "SIUNITX_UNITS",
    "custom_units",
    "number_latex",
    "quantity_latex",
    "readable",
    "siunitx_declarations",
    "unit_latex",
    "unit_macro",
]

#: Units of the registry that siunitx v3 already defines, by the registry's name.
SIUNITX_UNITS: dict[str, str] = {
    "bit": r"\bit",
    "byte": r"\byte",
    "second": r"\second",
    "millisecond": r"\milli\second",
    "microsecond": r"\micro\second",
    "nanosecond": r"\nano\second",
    "minute": r"\minute",
    "hour": r"\hour",
    "day": r"\day",
}

# -- numbers ------------------------------------------------------------------------------


def _scientific(value: Fraction) -> tuple[int, int] | None:
    """``(mantissa, exponent)`` for whole numbers like 1e9 or 25e8 (at least six zeros)."""
    if value.denominator != 1 or value == 0:
        return None
    mantissa, exponent = value.numerator, 0
    while mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    if exponent >= 6 and abs(mantissa) < 1000:
        return mantissa, exponent
    return None


def _power_of_two(value: Fraction) -> int | None:
    """``n`` when ``value`` is ``2**n`` with ``n >= 10`` (1024 and up), else ``None``."""
    if value.denominator != 1 or value.numerator < 1024:
        return None
    n = value.numerator
    return n.bit_length() - 1 if n & (n - 1) == 0 else None


def number_latex(
    value: Any, *, mode: Mode = "siunitx", digits: int = 10, powers_of_two: bool = False
) -> tuple[str, bool]:
    r"""``(text, exact)``: the number as siunitx input (``1e9``) or plain math (``10^{9}``).

    ``exact`` is False when the decimal did not terminate within ``digits`` places and
    was rounded; the caller marks it (``\approx``).

    >>> number_latex(Fraction(99925, 100))
    ('999.25', True)
    >>> number_latex(2 * 10**9, mode="plain")
    ('2 \\times 10^{9}', True)
    >>> number_latex(Fraction(2, 3), digits=2)
    ('0.67', False)

    ``powers_of_two=True`` writes ``2^{20}`` for 1048576 (powers from 2^10 up); siunitx
    input then needs ``parse-numbers = false``, which :func:`quantity_latex` adds.

    >>> number_latex(2**20, powers_of_two=True)
    ('2^{20}', True)
    """
    exact = Fraction(value)
    if powers_of_two and (power := _power_of_two(exact)) is not None:
        return f"2^{{{power}}}", True
    scientific = _scientific(exact)
    if scientific is not None:
        mantissa, exponent = scientific
        if mode == "siunitx":
            return f"{mantissa}e{exponent}", True
        if mantissa == 1:
            return f"10^{{{exponent}}}", True
        return f"{mantissa} \\times 10^{{{exponent}}}", True
    return decimal_text(exact, digits)


# -- units --------------------------------------------------------------------------------


def _canonical_units() -> list[str]:
    """The registry's own unit names, sorted: no aliases, no prefixed units.

    pint caches prefixed units (``exabyte``) among its definitions once they are used, so
    they are filtered out: the list must not depend on what was parsed before.
    """
    return sorted(n for n in defined_units() if ("", n, "") in ureg.parse_unit_name(n))


def unit_macro(name: str) -> str:
    r"""The siunitx macro of a registry unit: ``\byte``, ``\cycle``, ``\fieldelement``."""
    if name in SIUNITX_UNITS:
        return SIUNITX_UNITS[name]
    letters = "".join(char for char in name if char.isalpha() and char.isascii())
    if not letters:
        raise ValueError(f"unit {name!r} has no letters to name a LaTeX macro after")
    return "\\" + letters


def custom_units() -> list[tuple[str, str, str]]:
    r"""``(registry name, macro, printed symbol)`` for each unit siunitx does not know.

    >>> custom_units()[:2]
    [('USD', '\\USD', 'USD'), ('chunk', '\\chunk', 'chunk')]
    """
    return [
        (name, unit_macro(name), ureg.get_symbol(name))
        for name in _canonical_units()
        if name not in SIUNITX_UNITS
    ]


#: ``\costmodelProvideSIUnit\name{symbol}``: ``\DeclareSIUnit`` unless the document has
#: declared ``\name`` itself.  siunitx v3 keeps a unit's macro only inside its own
#: commands (``\name`` is undefined in the document, so ``\providecommand`` cannot
#: tell), and lists every declared unit in ``\l_siunitx_unit_symbolic_seq`` (a public
#: variable by expl3's naming: no double underscore); a siunitx without that list gets
#: the declaration as before.
PROVIDE_UNIT = "\n".join(
    [
        "% declare each unit only if the document has not: siunitx v3 lists declared units",
        r"\ExplSyntaxOn",
        r"\ProvideDocumentCommand \costmodelProvideSIUnit { m m }",
        r"  {",
        r"    \seq_if_exist:NTF \l_siunitx_unit_symbolic_seq",
        r"      { \seq_if_in:NnF \l_siunitx_unit_symbolic_seq {#1} { \DeclareSIUnit #1 {#2} } }",
        r"      { \DeclareSIUnit #1 {#2} }",
        r"  }",
        r"\ExplSyntaxOff",
    ]
)


def siunitx_declarations() -> str:
    r"""The unit declarations the library's units need, for a document's preamble.

    Each goes through ``\costmodelProvideSIUnit`` (:data:`PROVIDE_UNIT`): a unit the
    document declared before the preamble (``\DeclareSIUnit\segment{seg}``) keeps the
    document's symbol.  Deterministic: the same lines in the same order for the same
    registry.
    """
    lines = [PROVIDE_UNIT, "% units of costmodel's registry that siunitx does not define"]
    lines += [f"\\costmodelProvideSIUnit{macro}{{{symbol}}}" for _, macro, symbol in custom_units()]
    return "\n".join(lines)


_split = split_unit_name


def _power_text(exponent: Fraction) -> str:
    return str(exponent.numerator) if exponent.denominator == 1 else f"{exponent}"


def unit_latex(unit: UnitLike, *, mode: Mode = "siunitx") -> str:
    r"""The unit as siunitx input (``\mega\byte\per\segment``) or plain math.

    An empty string for a dimensionless unit.

    >>> unit_latex("kB/proof")
    '\\kilo\\byte\\per\\proof'
    >>> unit_latex("field_element/gate", mode="plain")
    '\\mathrm{felt}/\\mathrm{gate}'
    >>> unit_latex("B**2/(segment*proof)", mode="plain")
    '\\mathrm{B}^{2}/(\\mathrm{segment}\\,\\mathrm{proof})'
    """
    unit = parse_unit(unit)
    factors = unit_items(unit)
    up = [(n, e) for n, e in factors if e > 0]
    down = [(n, -e) for n, e in factors if e < 0]
    if mode == "siunitx":
        parts = []
        for names, per in ((up, ""), (down, r"\per")):
            for name, power in names:
                prefix, base = _split(name)
                text = per + (f"\\{prefix}" if prefix else "") + unit_macro(base)
                parts.append(text if power == 1 else f"{text}\\tothe{{{_power_text(power)}}}")
        return "".join(parts)

    def plain(name: str, power: Fraction) -> str:
        text = f"\\mathrm{{{ureg.get_symbol(name)}}}"
        return text if power == 1 else f"{text}^{{{_power_text(power)}}}"

    if not up:
        return r"\,".join(plain(n, -p) for n, p in down)
    text = r"\,".join(plain(n, p) for n, p in up)
    if down:
        below = r"\,".join(plain(n, p) for n, p in down)
        text += "/" + (below if len(down) == 1 else f"({below})")
    return text


# -- quantities ---------------------------------------------------------------------------


def quantity_latex(
    quantity: object,
    unit: UnitLike | None = None,
    *,
    mode: Mode = "siunitx",
    digits: int = 10,
    approx: str = "\\approx ",
    powers_of_two: bool = False,
) -> str:
    r"""The quantity as math: ``\qty{50}{\giga\byte}`` or ``50\,\mathrm{GB}``.

    ``unit`` converts first (exactly); without it a readable prefix is chosen
    (:func:`readable`).  A rounded value starts with ``approx``.  siunitx output works in
    text and in math; plain output is math.
    """
    quantity = parse_quantity(quantity)
    if unit is None:
        quantity = readable(quantity)
    else:  # exact, and a DimensionError naming both units when they do not match
        target = parse_unit(unit)
        rational = conversion_factor(quantity.units, target)
        factor = Fraction(int(rational.p), int(rational.q))
        quantity = ureg.Quantity(Fraction(quantity.magnitude) * factor, target)
    number, exact = number_latex(
        Fraction(quantity.magnitude), mode=mode, digits=digits, powers_of_two=powers_of_two
    )
    units = unit_latex(quantity.units, mode=mode) if quantity.units != DIMENSIONLESS else ""
    if mode == "siunitx":
        options = "[parse-numbers = false]" if "^" in number else ""
        text = f"\\qty{options}{{{number}}}{{{units}}}" if units else f"\\num{options}{{{number}}}"
    else:
        text = f"{number}\\,{units}" if units else number
    return text if exact else approx + text
