"""Parameter laws: a parameter given as a formula of other parameters, and fits of laws to tables.

A :class:`Law` says how one parameter follows from others: proof size growing with
``log2`` of the segment size, a snapshot of a fixed part plus the memory touched per cycle,
capped by the VM's memory.  Its formula is read by the restricted parser
(:func:`costmodel.formulas.parse_formula`: nothing is run); its coefficients are exact
quantities with units; the whole is unit-checked against the parameter's unit.

:func:`with_laws` substitutes laws into a model symbolically, so that ``evaluate``,
``breakeven``, ``sweep`` and LaTeX of the result see through them (a break-even with laws
is still solved in closed form where one exists).  Laws that refer to each other are
substituted in order; a circle of laws is refused, naming the parameters on it.

:func:`fit` fits the coefficients of a law that is linear in them to a table, exactly
(least squares in Fractions), and reports every row's residual.

>>> import costmodel
>>> size = law("proof_size", "base + per_doubling * log(segment_cycles, 2)",
...            {"base": "100 kB/proof", "per_doubling": "10 kB/proof"})
>>> size.value({"segment_cycles": "1048576 cycle/segment"})
<Quantity(300000, 'B/proof')>
>>> model = with_laws(costmodel.recursive_stark(), [size])
>>> "proof_size" in model.parameter_names, "segment_cycles" in model.parameter_names
(False, True)
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
    NoSolutionError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.formulas import parse_formula
from costmodel.functions import plain
from costmodel.model import Model
from costmodel.nodes import WithUnit
from costmodel.symbols import VOCABULARY, Param
from costmodel.sympy_calls import derivative, plain_symbol, substitute, text_atom
from costmodel.units import Q_, format_quantity, format_unit, parse_quantity, parse_unit

__all__ = ["MAX_FIT_ROWS", "Fit", "Law", "LawError", "fit", "law", "resolve_laws", "with_laws"]

#: The most rows :func:`fit` accepts.
MAX_FIT_ROWS = 10_000


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
        return _param(self.name, self.parameters)

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
        return tuple(p.name for p in _known(self.parameters).values() if p.symbol in free)

    def value(self, values: Mapping[str, Any]) -> Any:
        """The parameter's exact value at ``values`` (the parameters the law uses)."""
        params = _known(self.parameters)
        subs = {}
        for name in self.depends_on:
            if name not in values:
                raise MissingParameterError(f"law for {self.name}: needs a value for {name}")
            exact = params[name].exact_value(values[name])
            subs[params[name].symbol] = sympy.Rational(exact.numerator, exact.denominator)
        result = sympy.simplify(substitute(plain(self.expression), subs))
        if not result.is_Rational:
            raise LawError(f"law for {self.name}: not an exact number at these values: {result}")
        return Q_(_fraction(result), self.param.unit)

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


def _known(extra: Iterable[Param]) -> dict[str, Param]:
    return {**VOCABULARY, **{p.name: p for p in extra}}


def _param(name: str, extra: Iterable[Param]) -> Param:
    known = _known(extra)
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
    param = _param(name, extra)
    known = _known(extra)
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


def _as_laws(laws: Any) -> list[Law]:
    if isinstance(laws, Law):
        return [laws]
    found = getattr(laws, "laws", None)  # a preset's laws
    if isinstance(found, Mapping):
        return list(found.values())
    if isinstance(laws, Mapping):
        return list(laws.values())
    if isinstance(laws, Iterable) and not isinstance(laws, str):
        items = list(laws)
        for item in items:
            if not isinstance(item, Law):
                raise InputError(f"laws: expected Law objects (costmodel.law), got {item!r}")
        return items
    raise InputError(f"laws: expected laws, a preset or a list of laws, got {laws!r}")


def resolve_laws(laws: Any) -> dict[str, sympy.Expr]:
    """Parameter name -> its law's expression with every other law substituted into it.

    A circle of laws (``a`` from ``b``, ``b`` from ``a``) is a :class:`LawError` naming it.
    """
    by_name: dict[str, Law] = {}
    for item in _as_laws(laws):
        if item.name in by_name:
            raise LawError(f"two laws for {item.name}")
        by_name[item.name] = item
    resolved: dict[str, sympy.Expr] = {}

    def visit(name: str, path: tuple[str, ...]) -> sympy.Expr:
        if name in resolved:
            return resolved[name]
        if name in path:
            circle = " -> ".join((*path[path.index(name) :], name))
            raise LawError(f"circular laws: {circle}; one of them must be a value")
        current = by_name[name]
        expr = current.expression
        subs = {}
        for used in current.depends_on:
            if used in by_name:
                subs[_param(used, current.parameters).symbol] = visit(used, (*path, name))
        resolved[name] = substitute(expr, subs) if subs else expr
        return resolved[name]

    for name in by_name:
        visit(name, ())
    return resolved


def with_laws(model: Model, laws: Any) -> Model:
    """``model`` with each law's parameter replaced by its formula (symbolically).

    ``laws``: a :class:`Law`, a list of them, or a preset (its :attr:`laws`).  Laws for
    parameters the model does not use are ignored.
    """
    if not isinstance(model, Model):
        raise InputError(f"with_laws: expected a Model, got {type(model).__name__}")
    items = _as_laws(laws)
    resolved = resolve_laws(items)
    own = {p.name: p for p in model.parameters}
    subs = {own[name].symbol: expr for name, expr in resolved.items() if name in own}
    if not subs:
        return model
    extra = [p for p in model.parameters if p.name not in VOCABULARY]
    for item in items:
        extra += [p for p in item.parameters if p not in extra]
    try:
        return Model.build(
            model.name,
            {n: substitute(e, subs) for n, e in model.labelled_terms.items()},
            unit=model.unit,
            derived={n: substitute(e, subs) for n, e, _ in model.derived_items},
            parameters=extra,
            options=dict(model.options),
            description=model.description,
        )
    except CostModelError as exc:
        raise LawError(f"{model.name} with laws: {exc}") from None


# -- fitting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fit:
    """A law fitted to a table: the law with its coefficients, and each row's residual.

    ``residuals[i]`` is row ``i``'s published value minus the fitted law's, exact, in the
    parameter's unit; ``residual`` the largest in absolute value.
    """

    law: Law
    residuals: tuple[Any, ...]

    @property
    def residual(self) -> Any:
        return max((abs(r) for r in self.residuals), key=lambda q: q.magnitude)

    @property
    def coefficients(self) -> Mapping[str, Any]:
        return dict(self.law.coefficients)

    def __str__(self) -> str:
        return str(self.law)


def _rows(target: Law, points: Any) -> list[tuple[dict[str, Any], Any]]:
    """``points`` as (inputs, published value) pairs."""
    if isinstance(points, Mapping):
        inputs = [n for n in target.depends_on]
        if len(inputs) != 1:
            raise InputError(
                f"fit {target.name}: the law uses {', '.join(inputs) or 'no parameter'}; give "
                f"rows as ({{name: value, ...}}, value) pairs"
            )
        rows = [({inputs[0]: key}, value) for key, value in points.items()]
    elif isinstance(points, Iterable) and not isinstance(points, str):
        rows = []
        for row in points:
            if not (
                isinstance(row, tuple | list) and len(row) == 2 and isinstance(row[0], Mapping)
            ):
                raise InputError(
                    f"fit {target.name}: each row is ({{parameter: value}}, value), got {row!r}"
                )
            rows.append((dict(row[0]), row[1]))
    else:
        raise InputError(f"fit {target.name}: give the table as rows, got {points!r}")
    if len(rows) > MAX_FIT_ROWS:
        raise InputError(f"fit {target.name}: {len(rows)} rows; at most {MAX_FIT_ROWS}")
    return rows


def _solve(matrix: list[list[Fraction]], vector: list[Fraction]) -> list[Fraction]:
    """The solution of a square system, exactly (Gauss-Jordan in Fractions)."""
    size = len(vector)
    rows = [[*matrix[i], vector[i]] for i in range(size)]
    for column in range(size):
        pivot = next((r for r in range(column, size) if rows[r][column] != 0), None)
        if pivot is None:
            raise NoSolutionError(
                "the table does not determine every coefficient (too few distinct rows, or "
                "two coefficients play the same part)"
            )
        rows[column], rows[pivot] = rows[pivot], rows[column]
        lead = rows[column][column]
        rows[column] = [x / lead for x in rows[column]]
        for r in range(size):
            if r != column and rows[r][column] != 0:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[column], strict=True)]
    return [rows[i][size] for i in range(size)]


def fit(target: Law, points: Any) -> Fit:
    """``target``'s unknown coefficients fitted to ``points`` by exact least squares.

    ``points``: ``({parameter: value, ...}, published value)`` pairs, or, for a law of one
    parameter, a mapping of that parameter's value to the published value.  The law must be
    linear in its unknown coefficients (``a + b * log(C, 2)``; not ``min(a + b C, m)``).

    >>> size = law("proof_size", "base + step * log(segment_cycles, 2)",
    ...            {"base": "kB/proof", "step": "kB/proof"})
    >>> result = fit(size, {"1024 cycle/segment": "11 kB/proof",
    ...                     "2048 cycle/segment": "12 kB/proof",
    ...                     "4096 cycle/segment": "14 kB/proof"})
    >>> result.coefficients["step"], [str(r) for r in result.residuals]
    (<Quantity(3/2, 'kB/proof')>, ['500/3 B/proof', '-1000/3 B/proof', '500/3 B/proof'])
    """
    if not isinstance(target, Law):
        raise InputError(f"fit: expected a law (costmodel.law), got {target!r}")
    unknown = target.unknown
    if not unknown:
        raise LawError(
            f"fit {target.name}: every coefficient has a value; give the ones to fit as a bare "
            f'unit ("kB/proof")'
        )
    symbols = dict(target.coefficient_symbols)
    values = dict(target.coefficients)
    param = target.param
    declared = dict(target.coefficient_units)
    units = {symbols[c]: declared[c] for c in symbols}
    walked, unit = normalize(target.template, units)
    linear = plain(rescale(walked, unit, param.pint_unit, context=f"law for {target.name}"))
    fixed = {
        symbols[c]: sympy.Rational(v.magnitude.numerator, v.magnitude.denominator)
        for c, v in values.items()
        if v is not None
    }
    linear = substitute(linear, fixed)
    unknown_symbols = [symbols[c] for c in unknown]
    basis = [derivative(linear, s) for s in unknown_symbols]
    for c, b in zip(unknown, basis, strict=True):
        if b.free_symbols & set(unknown_symbols):
            raise LawError(
                f"fit {target.name}: the law is not linear in its coefficients ({c}); "
                f"fit the linear part and cap it afterwards"
            )
    offset = substitute(linear, {s: sympy.S.Zero for s in unknown_symbols})
    params = _known(target.parameters)
    table = []
    for inputs, published in _rows(target, points):
        subs = {}
        for name in target.depends_on:
            if name not in inputs:
                raise UnknownParameterError(f"fit {target.name}: a row lacks {name}")
            exact = params[name].exact_value(inputs[name])
            subs[params[name].symbol] = sympy.Rational(exact.numerator, exact.denominator)
        observed = param.exact_value(published)
        row = [_rational(sympy.simplify(substitute(b, subs)), target.name) for b in basis]
        table.append(
            (row, observed - _rational(sympy.simplify(substitute(offset, subs)), target.name))
        )
    if len(table) < len(unknown):
        raise NoSolutionError(
            f"fit {target.name}: {len(table)} rows for {len(unknown)} coefficients"
        )
    size = len(unknown)
    normal = [
        [sum((r[i] * r[j] for r, _ in table), Fraction(0)) for j in range(size)]
        for i in range(size)
    ]
    right = [sum((r[i] * y for r, y in table), Fraction(0)) for i in range(size)]
    try:
        solved = _solve(normal, right)
    except NoSolutionError as exc:
        raise NoSolutionError(f"fit {target.name}: {exc}") from None
    residuals = tuple(
        Q_(y - sum((a * c for a, c in zip(r, solved, strict=True)), Fraction(0)), param.unit)
        for r, y in table
    )
    coefficients = dict(values)
    for c, amount in zip(unknown, solved, strict=True):
        coefficients[c] = Q_(amount, declared[c])
    largest = max((abs(r) for r in residuals), key=lambda q: q.magnitude)
    fitted_rows = tuple(
        (tuple(sorted(inputs.items())), published) for inputs, published in _rows(target, points)
    )
    fitted = Law(
        name=target.name,
        formula=target.formula,
        coefficients=tuple(coefficients.items()),
        template=target.template,
        coefficient_symbols=target.coefficient_symbols,
        parameters=target.parameters,
        coefficient_units=target.coefficient_units,
        source=target.source,
        rows=fitted_rows,
        residual=largest,
    )
    return Fit(fitted, residuals)


def _rational(value: sympy.Expr, name: str) -> Fraction:
    if not value.is_Rational:
        raise LawError(
            f"fit {name}: the law is not an exact number at a row of the table ({value}); "
            f"give rows where it is (powers of two under log(..., 2))"
        )
    return _fraction(value)


def _fraction(value: sympy.Expr) -> Fraction:
    """A sympy Rational (checked by the caller) as a Fraction."""
    rational = cast(sympy.Rational, value)
    return Fraction(int(rational.p), int(rational.q))
