"""Models and their evaluations.

A :class:`Model` is data: a name, its parameters, an ordered mapping of named terms
(phases) to sympy expressions in one unit, derived quantities worth reporting (segment
and join counts...), and the options it was built with.  It is immutable and hashable.

:meth:`Model.evaluate` takes values in any compatible unit and returns an
:class:`Evaluation` whose quantities have exact (``Fraction``) magnitudes.

>>> import costmodel
>>> model = costmodel.recursive_stark()
>>> result = model.evaluate(costmodel.presets.load("seed-note"))
>>> costmodel.format_quantity(result.total)
'50.99925 GB'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Any, cast

import sympy

from costmodel.dimensions import normalize, rescale
from costmodel.displays import DISPLAYS, RichDisplay
from costmodel.errors import (
    ExpressionError,
    InputError,
    MissingParameterError,
    OptionError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.functions import plain
from costmodel.nodes import as_expression
from costmodel.numbers import MAX_NUMBER_BITS, exact_number, percent_text
from costmodel.symbols import VOCABULARY, Param, unit_table
from costmodel.sympy_calls import rational, simplest_rational, substitute
from costmodel.units import Q_, Quantity, Unit, format_quantity, format_unit, parse_unit, value_key

__all__ = ["DISPLAYS", "Evaluation", "Model", "RichDisplay", "parameters_of", "percent_text"]


def parameters_of(exprs: Iterable[sympy.Expr], extra: Iterable[Param] = ()) -> tuple[Param, ...]:
    """The parameters whose symbols occur in ``exprs``: the vocabulary's in its order, then
    those of ``extra`` (parameters outside the vocabulary) in theirs.

    A symbol that is neither is an :class:`~costmodel.errors.ExpressionError`; a parameter of
    ``extra`` overrides the vocabulary's of the same symbol.

    >>> from costmodel.symbols import symbol
    >>> [p.name for p in parameters_of([symbol("proof_size") * symbol("total_cycles")])]
    ['total_cycles', 'proof_size']
    """
    own = {p.symbol: p for p in extra}
    by_symbol = {p.symbol: p for p in VOCABULARY.values()} | own
    free: set[sympy.Basic] = set()
    for expr in exprs:
        free |= expr.free_symbols
    unknown = sorted(str(s) for s in free if s not in by_symbol)
    if unknown:
        raise ExpressionError(
            f"symbols without a parameter: {', '.join(unknown)}; make them with "
            f"costmodel.symbol(name) or pass Param objects as parameters="
        )
    ordered = [p for p in VOCABULARY.values() if p.symbol in free and p.symbol not in own]
    return tuple(ordered + [p for p in extra if p.symbol in free])


@dataclass(frozen=True)
class Model(RichDisplay):
    """A cost model: named terms over unit-carrying parameters, and their total.

    Build one with :meth:`Model.build` (which checks every unit), or use an
    architecture function such as :func:`costmodel.recursive_stark`.
    """

    name: str
    term_items: tuple[tuple[str, sympy.Expr], ...]
    parameters: tuple[Param, ...]
    unit: str = "byte"
    derived_items: tuple[tuple[str, sympy.Expr, str], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()
    description: str = field(default="", compare=False)

    @classmethod
    def build(
        cls,
        name: str,
        terms: Mapping[str, Any],
        *,
        unit: str = "byte",
        derived: Mapping[str, Any] | None = None,
        parameters: Iterable[Param] = (),
        options: Mapping[str, Any] | None = None,
        description: str = "",
    ) -> Model:
        """A model whose every term is checked and converted exactly to ``unit``.

        ``parameters`` declares parameters outside the vocabulary; vocabulary symbols
        are recognised by themselves.  ``derived`` holds quantities to report beside
        the terms (counts), each kept in its own unit.
        """
        if not terms:
            raise ExpressionError(f"model {name!r} has no terms")
        extra = tuple(parameters)
        exprs = [as_expression(e, what=f"term {k!r}") for k, e in terms.items()]
        derived_exprs = {
            k: as_expression(v, what=f"derived {k!r}") for k, v in (derived or {}).items()
        }
        params = parameters_of([*exprs, *derived_exprs.values()], extra)
        table = unit_table(params)
        target = parse_unit(unit)
        items = []
        for term_name, expr in zip(terms, exprs, strict=True):
            walked, term_unit = normalize(expr, table)
            items.append(
                (term_name, rescale(walked, term_unit, target, context=f"term {term_name!r}"))
            )
        derived_items = []
        for derived_name, expr in derived_exprs.items():
            walked, derived_unit = normalize(expr, table)
            derived_items.append((derived_name, walked, format_unit(derived_unit)))
        return cls(
            name=name,
            term_items=tuple(items),
            parameters=params,
            unit=unit,
            derived_items=tuple(derived_items),
            options=tuple((options or {}).items()),
            description=description,
        )

    # -- the symbolic side -------------------------------------------------------------

    @property
    def terms(self) -> Mapping[str, sympy.Expr]:
        """Term name -> plain sympy expression (in :attr:`unit`), in the model's order.

        Plain: ``subs``, ``solve``, ``diff``, ``lambdify`` and ``latex`` work on it as on
        any sympy expression.
        """
        return MappingProxyType(dict(self._plain_terms))

    @cached_property
    def total(self) -> sympy.Expr:
        """The sum of the terms, in :attr:`unit`, as a plain sympy expression."""
        return sympy.Add(*(expr for _, expr in self._plain_terms))

    @property
    def labelled_terms(self) -> Mapping[str, sympy.Expr]:
        """The terms as the unit walker reads them: counts relabelled (``CountAs``) and
        rescaled parts marked (``InUnit``), so :func:`costmodel.unit_of` gives their unit.

        Use these to compose a new model from this one's terms.
        """
        return MappingProxyType(dict(self.term_items))

    @cached_property
    def labelled_total(self) -> sympy.Expr:
        """The sum of :attr:`labelled_terms`."""
        return sympy.Add(*(expr for _, expr in self.term_items))

    @property
    def derived(self) -> Mapping[str, tuple[sympy.Expr, str]]:
        """Derived quantity name -> (plain expression, unit text)."""
        return MappingProxyType({n: (e, u) for n, e, u in self._plain_derived})

    @property
    def pint_unit(self) -> Unit:
        """The pint unit of every term and of the total (:attr:`unit` as text, parsed once)."""
        return cast(Unit, self._pint_unit)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """The names of the parameters the model needs values for, in vocabulary order."""
        return tuple(p.name for p in self.parameters)

    @property
    def symbols(self) -> Mapping[str, sympy.Symbol]:
        """Parameter name -> sympy symbol."""
        return MappingProxyType({p.name: p.symbol for p in self.parameters})

    @property
    def fixed(self) -> Mapping[str, Any]:
        """The options the model was built with (arity, transfer pattern, ...)."""
        return MappingProxyType(dict(self.options))

    @cached_property
    def _plain_terms(self) -> tuple[tuple[str, sympy.Expr], ...]:
        return tuple((n, plain(e)) for n, e in self.term_items)

    @cached_property
    def _plain_derived(self) -> tuple[tuple[str, sympy.Expr, str], ...]:
        return tuple((n, plain(e), u) for n, e, u in self.derived_items)

    @cached_property
    def _derived_units(self) -> tuple[Any, ...]:
        """The pint unit of each derived quantity, parsed once."""
        return tuple(parse_unit(u if u != "1" else "") for _, _, u in self.derived_items)

    @cached_property
    def _pint_unit(self) -> Any:
        return parse_unit(self.unit)

    def latex_names(self) -> dict[sympy.Symbol, str]:
        """Symbol -> LaTeX symbol from the vocabulary, for ``sympy.latex(..., symbol_names=)``."""
        return {p.symbol: p.latex for p in self.parameters}

    # -- numbers -----------------------------------------------------------------------

    def exact_values(self, values: Mapping[str, Any]) -> dict[str, Fraction]:
        """Each parameter's value, checked and converted exactly to the parameter's unit.

        Vocabulary names the model does not use are not needed, but their values are
        checked all the same (a bad value is a mistake whichever model reads it); names
        outside the vocabulary and the model's parameters are an error, with a suggestion.
        """
        if not isinstance(values, Mapping):
            raise InputError(
                f"values must be a mapping of parameter name to value (a dict or a preset), "
                f"got {type(values).__name__}"
            )
        key = values_key(values)
        memo = self._exact_memo
        if key is not None and key in memo:  # the same values again: checked already
            return dict(memo[key])
        exact = self._checked_exact_values(values)
        if key is not None:
            if len(memo) >= _MEMO_SIZE:
                memo.pop(next(iter(memo)))
            memo[key] = exact
        return dict(exact)

    @cached_property
    def _plans(self) -> dict[tuple[Any, ...], Any]:
        """What analyses prepared for this model, by their key (the sweep's numpy functions
        with the fixed values substituted, by :func:`values_key`)."""
        return {}

    @cached_property
    def _exact_memo(self) -> dict[tuple[Any, ...], dict[str, Fraction]]:
        """Values already checked (their :func:`values_key`) -> their exact values."""
        return {}

    def _checked_exact_values(self, values: Mapping[str, Any]) -> dict[str, Fraction]:
        known = set(VOCABULARY) | set(self.parameter_names)
        for name in values:
            if name not in known:
                raise UnknownParameterError(
                    f"unknown parameter {name!r}{did_you_mean(str(name), known)}"
                )
        missing = [p for p in self.parameters if p.name not in values]
        if missing:
            listed = ", ".join(
                f"{p.name} ({format_unit(p.pint_unit) if p.unit else 'a number'}: {p.meaning})"
                for p in missing
            )
            raise MissingParameterError(f"model {self.name!r} needs a value for {listed}")
        exact = {p.name: p.exact_value(values[p.name]) for p in self.parameters}
        for name, value in values.items():  # unused vocabulary: not needed, but not wrong either
            if name not in exact and name in VOCABULARY:
                VOCABULARY[name].exact_value(value)
        for option, fixed in self.options:
            if option in VOCABULARY and option in values:
                given = VOCABULARY[option].exact_value(values[option])
                if given != fixed:
                    raise OptionError(
                        f"{option}: the model was built with {option}={fixed}, but the values "
                        f"give {given}; build it with {option}={given} or "
                        f"{option}=None (given with the values)"
                    )
        return exact

    def substitutions(self, values: Mapping[str, Any]) -> dict[sympy.Symbol, sympy.Rational]:
        """Symbol -> exact sympy number, from checked values (see :meth:`exact_values`)."""
        return self._substitutions(self.exact_values(values))

    def _substitutions(self, exact: Mapping[str, Fraction]) -> dict[sympy.Symbol, sympy.Rational]:
        return {
            VOCABULARY[name].symbol if name in VOCABULARY else self.symbols[name]: rational(value)
            for name, value in exact.items()
        }

    def evaluate(self, values: Mapping[str, Any]) -> Evaluation:
        """Exact values of every term, the total and the derived quantities.

        ``values`` maps parameter names to quantities in any compatible unit:
        strings (``"400 Mbit/segment"``), pint quantities, or numbers for
        dimensionless parameters.
        """
        exact = self.exact_values(values)
        subs = self._substitutions(exact)
        inputs = {p.name: Q_(exact[p.name], p.pint_unit) for p in self.parameters}
        unit = self.pint_unit
        terms = {n: Q_(_exact(substitute(e, subs), n), unit) for n, e in self._plain_terms}
        derived = {
            n: Q_(_exact(substitute(e, subs), n), u)
            for (n, e, _), u in zip(self._plain_derived, self._derived_units, strict=True)
        }
        total = Q_(sum((q.magnitude for q in terms.values()), Fraction(0)), unit)
        return Evaluation(
            model=self,
            inputs=MappingProxyType(inputs),
            terms=MappingProxyType(terms),
            total=total,
            derived=MappingProxyType(derived),
        )

    def __str__(self) -> str:
        lines = [f"{self.name} [{format_unit(self.pint_unit)}]"]
        lines += [f"  {name} = {expr}" for name, expr in self._plain_terms]
        return "\n".join(lines)


#: How many sets of values a model remembers having checked (:meth:`Model.exact_values`).
_MEMO_SIZE = 32


def values_key(values: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """A hashable key of a whole mapping of values (:func:`~costmodel.units.value_key` of
    each, in order), or None if a value has none."""
    key = []
    for name, value in values.items():
        one = value_key(value)
        if one is None or type(name) is not str:
            return None
        key.append((name, one))
    return tuple(key)


def _exact(value: sympy.Expr, name: str) -> Fraction:
    value = simplest_rational(value) if value.has(sympy.Float) else value
    if isinstance(value, sympy.Rational):
        try:  # results are bounded as inputs are (about 10^1000), so they can always print
            return exact_number(value, name=name)
        except ParameterValueError:
            raise ParameterValueError(
                f"{name}: the result is beyond about 10^1000 (numbers of more than "
                f"{MAX_NUMBER_BITS} bits are not kept exactly)"
            ) from None
    if isinstance(value, sympy.Expr) and value.is_number:
        raise ExpressionError(f"{name}: evaluates to {value}, which is not a rational number")
    raise ExpressionError(f"{name}: symbols left after substitution: {value}")


@dataclass(frozen=True)
class Evaluation(RichDisplay):
    """A model evaluated at exact values: the total, each term, its share, derived counts."""

    model: Model
    inputs: Mapping[str, Quantity]
    terms: Mapping[str, Quantity]
    total: Quantity
    derived: Mapping[str, Quantity]

    @property
    def shares(self) -> Mapping[str, Fraction]:
        """Term name -> exact fraction of the total."""
        total = Fraction(self.total.magnitude)
        if total == 0:
            raise ExpressionError("shares are undefined: the total is zero")
        return MappingProxyType({n: Fraction(q.magnitude) / total for n, q in self.terms.items()})

    def breakdown(self, unit: str | None = None) -> list[tuple[str, str, str]]:
        """Rows of (term, value, share) as text; values exact, shares to two decimals."""
        rows = []
        zero = Fraction(self.total.magnitude) == 0
        for name, quantity in self.terms.items():
            share = "-" if zero else percent_text(self.shares[name])
            rows.append((name, format_quantity(quantity, unit), share))
        rows.append(("total", format_quantity(self.total, unit), "-" if zero else "100.00 %"))
        return rows

    def __str__(self) -> str:
        rows = self.breakdown()
        width = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = [f"{self.model.name}"]
        for name, value, share in rows:
            lines.append(f"  {name:<{width[0]}}  {value:>{width[1]}}  {share:>{width[2]}}")
        for name, quantity in self.derived.items():
            lines.append(f"  {name}: {format_quantity(quantity)}")
        return "\n".join(lines)
