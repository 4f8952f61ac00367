"""A parameter law: ``name = formula`` of other parameters, its formula read by the
restricted parser (nothing is run), its coefficients exact quantities with units (or a bare
unit, for a coefficient to fit), the whole unit-checked against the parameter's unit.

>>> size = law("proof_size", "base + per_doubling * log(segment_cycles, 2)",
...            {"base": "100 kB/proof", "per_doubling": "10 kB/proof"})
>>> size.depends_on, size.value({"segment_cycles": "1024 cycle/segment"})
(('segment_cycles',), <Quantity(200000, 'B/proof')>)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

import sympy

from costmodel.dimensions import normalize, rescale
from costmodel.errors import (
    CostModelError,
    ExpressionError,
    InputError,
    MissingParameterError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.formulas import parse_formula
from costmodel.functions import plain
from costmodel.nodes import WithUnit
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import plain_symbol, substitute, text_atom
from costmodel.units import Q_, format_quantity, format_unit, parse_quantity, parse_unit

__all__ = ["Law", "LawError", "fraction_of", "known_parameters", "law", "law_parameter"]


class LawError(ExpressionError):
    """A law that cannot be used: circular, in the wrong unit, unknown names, unfitted."""


@dataclass(frozen=True)
class Law:
    """``name = formula``, with exact coefficients (name -> quantity) and a source.

    Build one with :func:`law`.  ``template`` is the formula with its coefficients as
    symbols; ``expression`` the formula with the coefficients' values, labelled with units
    and rescaled into the parameter's unit (what :func:`with_laws` substitutes).
    ``rows`` and ``residual`` record a fit (:func:`fit`): the table it was fitted to and
    the largest residual on it.
    """

    name: str
    formula: str
    coefficients: tuple[tuple[str, Any], ...]
    template: sympy.Expr
    coefficient_symbols: tuple[tuple[str, sympy.Symbol], ...]
    parameters: tuple[Param, ...]
    coefficient_units: tuple[tuple[str, Any], ...] = ()
    source: str = ""
    rows: tuple[tuple[tuple[tuple[str, Any], ...], Any], ...] = field(default=(), compare=False)
    residual: Any = field(default=None, compare=False)

    @property
    def param(self) -> Param:
        """The parameter the law gives."""
        return law_parameter(self.name, self.parameters)

    @property
    def unknown(self) -> tuple[str, ...]:
        """The coefficients given as a unit only, to be found by :func:`fit`."""
        return tuple(name for name, value in self.coefficients if value is None)

    @property
    def expression(self) -> sympy.Expr:
        """The law in the parameter's unit, its coefficients numbers labelled with units."""
        if self.unknown:
            raise LawError(
                f"law for {self.name}: coefficients {', '.join(self.unknown)} have no value; "
                f"fit the law to a table first (costmodel.fit)"
            )
        values = dict(self.coefficients)
        replaced = substitute(
            self.template,
            {
                symbol: WithUnit(
                    sympy.Rational(values[n].magnitude.numerator, values[n].magnitude.denominator),
                    text_atom(format_unit(values[n].units)),
                )
                for n, symbol in self.coefficient_symbols
            },
        )
        return _in_unit(replaced, self.param, self.name)

    @property
    def depends_on(self) -> tuple[str, ...]:
        """The parameters the formula uses, in the order they are declared."""
        free = self.template.free_symbols
        return tuple(p.name for p in known_parameters(self.parameters).values() if p.symbol in free)

    def value(self, values: Mapping[str, Any]) -> Any:
        """The parameter's exact value at ``values`` (the parameters the law uses)."""
        params = known_parameters(self.parameters)
        subs = {}
        for name in self.depends_on:
            if name not in values:
                raise MissingParameterError(f"law for {self.name}: needs a value for {name}")
            exact = params[name].exact_value(values[name])
            subs[params[name].symbol] = sympy.Rational(exact.numerator, exact.denominator)
        result = sympy.simplify(substitute(plain(self.expression), subs))
        if not result.is_Rational:
            raise LawError(f"law for {self.name}: not an exact number at these values: {result}")
        return Q_(fraction_of(result), self.param.unit)

    def __repr__(self) -> str:
        return f"<Law {self}>"

    def __str__(self) -> str:
        shown = ", ".join(
            f"{n} = {format_quantity(v) if v is not None else '?'}" for n, v in self.coefficients
        )
        text = f"{self.name} = {self.formula}" + (f" ({shown})" if shown else "")
        if self.residual is not None:
            text += (
                f"; fitted to {len(self.rows)} rows, residual <= {format_quantity(self.residual)}"
            )
        return text + (f" [{self.source}]" if self.source else "")


def known_parameters(extra: Iterable[Param]) -> dict[str, Param]:
    """The vocabulary and the parameters ``extra`` declares, by name."""
    return {**VOCABULARY, **{p.name: p for p in extra}}


def law_parameter(name: str, extra: Iterable[Param]) -> Param:
    """The parameter ``name`` (of the vocabulary or ``extra``), or an error naming it."""
    known = known_parameters(extra)
    if name not in known:
        raise UnknownParameterError(
            f"law for {name!r}: not a parameter{did_you_mean(str(name), known)}"
        )
    return known[name]


def _in_unit(expr: sympy.Expr, param: Param, name: str) -> sympy.Expr:
    try:
        walked, unit = normalize(expr)
        return rescale(walked, unit, param.pint_unit, context="the formula")
    except CostModelError as exc:
        raise LawError(
            f"law for {name}: must be in {format_unit(param.pint_unit)} ({param.meaning}): {exc}"
        ) from None


def _coefficient(name: str, value: Any, law_name: str) -> Any:
    """A coefficient's exact quantity, or ``_Unknown`` with its unit for a bare unit string.

    A string that starts with a letter (and is not ``nan``/``inf``) is a bare unit:
    ``"kB/proof"``; anything else is a quantity, read by the one number reader.
    """
    where = f"law for {law_name}: {name}"
    if isinstance(value, str):
        stripped = value.strip()
        first = stripped.split()[0].lower() if stripped else ""
        if stripped[:1].isalpha() and first not in {"nan", "inf", "infinity"}:
            return _Unknown(parse_unit(stripped, name=where))
    return parse_quantity(value, name=where)


@dataclass(frozen=True)
class _Unknown:
    unit: Any


def law(
    name: str,
    formula: str,
    coefficients: Mapping[str, Any] | None = None,
    *,
    source: str = "",
    parameters: Iterable[Param] = (),
) -> Law:
    """The law ``name = formula``, parsed (never run) and unit-checked.

    ``coefficients`` maps names used in the formula to quantities (``"200 kB/proof"``), or
    to a bare unit (``"kB/proof"``) for a coefficient :func:`fit` is to find.
    ``parameters`` declares parameters outside the vocabulary the law uses or gives.
    """
    if not isinstance(name, str) or not isinstance(formula, str):
        raise InputError("law: give the parameter's name and the formula as strings")
    extra = tuple(parameters)
    param = law_parameter(name, extra)
    known = known_parameters(extra)
    given = dict(coefficients or {})
    for coefficient in given:
        if not isinstance(coefficient, str) or not coefficient.isidentifier():
            raise LawError(f"law for {name}: coefficient name {coefficient!r} is not a name")
        if coefficient in known:
            raise LawError(
                f"law for {name}: coefficient {coefficient!r} is a parameter's name; "
                f"name coefficients apart from parameters"
            )
    symbols = {c: plain_symbol(f"law_{name}_{c}", real=True) for c in given}
    names = {n: p.symbol for n, p in known.items()} | symbols
    template = parse_formula(formula, names, where=f"law for {name}")
    if param.symbol in template.free_symbols:
        raise LawError(f"law for {name}: circular: the formula uses {name} itself")
    unused = [c for c, s in symbols.items() if s not in template.free_symbols]
    if unused:
        raise LawError(f"law for {name}: coefficient {unused[0]!r} is not used in the formula")
    values = {c: _coefficient(c, v, name) for c, v in given.items()}
    units = {
        symbols[c]: (v.unit if isinstance(v, _Unknown) else v.units) for c, v in values.items()
    }
    try:  # the unit check: with every coefficient in its unit, the formula is in the param's
        walked, unit = normalize(template, units)
        rescale(walked, unit, param.pint_unit, context="the formula")
    except CostModelError as exc:
        raise LawError(
            f"law for {name}: must be in {format_unit(param.pint_unit)} ({param.meaning}): {exc}"
        ) from None
    return Law(
        name=name,
        formula=formula,
        coefficients=tuple((c, None if isinstance(v, _Unknown) else v) for c, v in values.items()),
        template=template,
        coefficient_symbols=tuple(symbols.items()),
        parameters=extra,
        coefficient_units=tuple((c, units[symbols[c]]) for c in values),
        source=source,
    )


def fraction_of(value: sympy.Expr) -> Fraction:
    """A sympy Rational (checked by the caller) as a Fraction."""
    rational = cast(sympy.Rational, value)
    return Fraction(int(rational.p), int(rational.q))
