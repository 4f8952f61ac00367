"""Parameters: a name, a unit, a LaTeX symbol, a meaning, and the rules a value must obey.

Parameter symbols are plain sympy ``Symbol`` objects made only here, so the same name
always gives the same symbol with the same assumptions.  The unit lives beside the
symbol, in the :class:`Param` that made it.

>>> from costmodel.symbols import param
>>> snapshot = param("snapshot_size")
>>> snapshot.symbol, snapshot.unit, snapshot.latex
(snapshot_size, 'byte/segment', 'S')
>>> snapshot.exact_value("400 Mbit/segment")
Fraction(50000000, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, cast

import sympy
from sympy.core.cache import cacheit

from costmodel.errors import (
    DefinitionError,
    DimensionError,
    InputError,
    ParameterValueError,
    UnknownParameterError,
    did_you_mean,
)
from costmodel.numbers import decimal_text
from costmodel.symbol_text import LATEX_COMMANDS, check_latex_symbol
from costmodel.units import (
    Q_,
    Unit,
    exact_factor,
    format_dimensions,
    format_unit,
    parse_unit,
    quantity_parts,
    unit_items,
)

__all__ = [
    "LATEX_COMMANDS",
    "VOCABULARY",
    "Param",
    "ParamSymbol",
    "check_latex_symbol",
    "param",
    "symbol",
    "unit_table",
]


class ParamSymbol(sympy.Symbol):  # type: ignore[no-untyped-call]  # sympy's __init_subclass__
    """A parameter's sympy symbol, which knows its unit.

    An ordinary ``Symbol`` in every other way (printing, ``solve``, ``lambdify``); the unit
    text is part of its identity, so two parameters of one name and different units are
    different symbols.  The unit walker reads the unit from the symbol itself, so a user's
    own :class:`Param` works inside :func:`costmodel.ceil` and friends as a vocabulary
    one does, with no table to pass.
    """

    __slots__ = ("unit_text",)
    unit_text: str

    def __new__(cls, name: str, unit_text: str, **assumptions: Any) -> ParamSymbol:
        cls._sanitize(assumptions, cls)  # type: ignore[no-untyped-call]
        return cast(ParamSymbol, ParamSymbol.__xnew__(cls, name, unit_text, **assumptions))

    @staticmethod
    @cacheit  # type: ignore[untyped-decorator]
    def __xnew__(cls: type, name: str, unit_text: str, **assumptions: Any) -> ParamSymbol:
        obj = sympy.Symbol.__xnew__(cls, name, **assumptions)  # type: ignore[no-untyped-call]
        obj.unit_text = unit_text
        return cast(ParamSymbol, obj)

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        return ((self.name, self.unit_text), self._assumptions_orig)  # type: ignore[attr-defined]

    def _hashable_content(self) -> tuple[Any, ...]:
        return (*super()._hashable_content(), self.unit_text)  # type: ignore[no-untyped-call]


@dataclass(frozen=True)
class Param:
    """A model parameter.

    ``allow_zero`` marks sizes that may be zero (an overhead, an instance not shipped);
    ``integral`` marks counts that must be whole numbers; ``minimum`` is the smallest
    value allowed (arity: 2).
    """

    name: str
    unit: str
    latex: str
    meaning: str
    allow_zero: bool = False
    integral: bool = False
    minimum: int | None = None
    symbol: sympy.Symbol = field(init=False, repr=False, compare=False)
    _pint_unit: Unit = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise DefinitionError(f"parameter name {self.name!r} must be an identifier")
        if self.minimum is not None and (
            isinstance(self.minimum, bool) or not isinstance(self.minimum, int)
        ):
            raise DefinitionError(
                f"{self.name}: minimum must be a whole number, got {self.minimum!r}"
            )
        parse_unit(self.unit, name=self.name)  # fail early on a bad unit
        check_latex_symbol(self.latex, name=f"{self.name}: latex")
        assumptions: dict[str, bool] = {"real": True}
        if self.allow_zero:
            assumptions["nonnegative"] = True
        else:
            assumptions["positive"] = True
        if self.integral:
            assumptions["integer"] = True
        object.__setattr__(self, "symbol", ParamSymbol(self.name, self.unit, **assumptions))
        object.__setattr__(self, "_pint_unit", parse_unit(self.unit))

    @property
    def pint_unit(self) -> Unit:
        """The pint unit of this parameter (:attr:`unit` parsed once, when the parameter is
        made)."""
        return self._pint_unit

    def exact_value(self, value: Any) -> Fraction:
        """``value`` converted exactly to this parameter's unit, after every check.

        Raises :class:`DimensionError` for a wrong unit (suggesting the missing
        per-unit, as in ``did you mean "50 MB/segment"?``) and
        :class:`ParameterValueError` for negative, zero, fractional or too small values.
        """
        magnitude, unit = quantity_parts(value, name=self.name)
        expected = self.pint_unit
        factor = exact_factor(unit, expected)
        if factor is None:
            quantity = Q_(magnitude, unit)
            wanted = (
                "a plain number"
                if not expected.dimensionality
                else f"a quantity in {format_unit(expected)}"
            )
            raise DimensionError(
                f"{self.name}: expected {wanted} "
                f"({format_dimensions(expected)}), got {_show(value)} "
                f"({format_dimensions(quantity.units)}){self._per_unit_hint(quantity)}",
                term=self.name,
                unit=quantity.units,
                expected=expected,
            )
        magnitude = magnitude * factor  # exactly Fraction(Q_(magnitude, unit).to(expected))
        if magnitude < 0:
            raise ParameterValueError(
                f"{self.name}: expected a non-negative value, got {_show(value)}"
            )
        if magnitude == 0 and not self.allow_zero:
            raise ParameterValueError(
                f"{self.name}: expected a positive value ({self.meaning} cannot be zero), "
                f"got {_show(value)}"
            )
        if self.integral and magnitude.denominator != 1:
            of = f" of {format_unit(expected)}" if expected.dimensionality else ""
            raise ParameterValueError(
                f"{self.name}: expected a whole number{of}, got {_show(value)}"
            )
        if self.minimum is not None and magnitude < self.minimum:
            raise ParameterValueError(
                f"{self.name}: expected at least {self.minimum}, got {_show(value)}"
            )
        return magnitude

    def _per_unit_hint(self, quantity: Any) -> str:
        """Suggest the per-unit a value lacks: ``"50 MB"`` for byte/segment."""
        expected = self.pint_unit
        for name, exponent in unit_items(expected):
            if exponent >= 0:
                continue
            per = parse_unit(name)
            if quantity.dimensionality == (expected * per).dimensionality:
                given = f"{_magnitude_text(quantity.magnitude)} {format_unit(quantity.units)}"
                return f'; did you mean "{given}/{format_unit(per)}"?'
        return ""


def _magnitude_text(magnitude: Any) -> str:
    """``50``, ``0.05`` (a terminating decimal as written), else ``1/3``."""
    text, exact = decimal_text(Fraction(magnitude), 12)
    return text if exact else str(Fraction(magnitude))


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


_VOCABULARY_ROWS: tuple[Param, ...] = (
    Param("total_cycles", "cycle", "T", "cycles of the whole execution", integral=True),
    Param("segment_cycles", "cycle/segment", "C", "cycles per segment"),
    Param("rows_per_cycle", "row/cycle", r"\rho", "witness rows per cycle"),
    Param("row_size", "byte/row", "r", "bytes per witness row"),
    Param("snapshot_size", "byte/segment", "S", "memory snapshot shipped per segment"),
    Param("proof_size", "byte/proof", "P", "one STARK (succinct receipt)"),
    Param(
        "receipt_overhead", "byte/proof", "o", "metadata shipped with each proof", allow_zero=True
    ),
    Param("arity", "", "k", "proofs joined per aggregation step", integral=True, minimum=2),
    Param("wrap_proof_size", "byte", "G", "the SNARK that wraps the final proof", allow_zero=True),
    Param("folded_witness_size", "byte", "W", "one folded witness (what folding ships)"),
    Param(
        "folded_instance_size",
        "byte",
        "I",
        "the folded instance shipped beside it",
        allow_zero=True,
    ),
    Param("verifier_gates", "gate", "V", "gates of the recursive verifier circuit"),
    Param("elements_per_gate", "field_element/gate", "e", "witness field elements per gate"),
    Param("field_element_bits", "bit/field_element", "b", "bits per field element"),
    Param(
        "bits_per_gate",
        "bit/gate",
        r"\beta",
        "witness bits per gate as rounded by hand (the note: 750)",
    ),
    Param("machines", "machine", "M", "machines in the cluster", integral=True),
    # Folded-state accountings (costmodel.architectures.accounting): an R1CS constraint is
    # one multiplication gate; a variable is one witness field element.
    Param(
        "primary_constraints",
        "gate",
        "m_{1}",
        "constraints of the folded circuit on the first curve (step and verifier)",
    ),
    Param(
        "primary_variables",
        "field_element",
        "n_{1}",
        "witness variables of the first-curve circuit (entries of W)",
    ),
    Param(
        "secondary_constraints",
        "gate",
        "m_{2}",
        "constraints of the second-curve circuit (Nova's secondary or the CycleFold circuit)",
    ),
    Param(
        "secondary_variables",
        "field_element",
        "n_{2}",
        "witness variables of the second-curve circuit",
    ),
    Param(
        "serialized_element_size",
        "byte/field_element",
        "s",
        "bytes one field element takes when shipped (32 for 255-bit fields)",
    ),
    # Time, money and memory (metric= of the tree architectures): rates per machine, times
    # of constant-size recursion steps, the network, prices, and memory per prover.
    Param(
        "execution_rate",
        "cycle/s",
        r"R_{\mathrm{e}}",
        "cycles per second of the serial executor that cuts the run into segments",
    ),
    Param(
        "prove_rate",
        "cycle/(s*machine)",
        r"R_{\mathrm{p}}",
        "cycles per second one machine proves (a segment costs its full C: traces are padded)",
    ),
    Param(
        "lift_time",
        "s/segment",
        r"t_{\mathrm{lift}}",
        "time to lift one segment proof into the recursion circuit (0 where there is no lift)",
        allow_zero=True,
    ),
    Param("join_time", "s/join", r"t_{\mathrm{join}}", "time of one join on one machine"),
    Param(
        "wrap_time",
        "s",
        r"t_{\mathrm{wrap}}",
        "time to wrap the final proof in a SNARK",
        allow_zero=True,
    ),
    Param(
        "link_bandwidth",
        "byte/s",
        r"B_{\mathrm{link}}",
        "bandwidth of each prover machine's network link",
    ),
    Param(
        "store_bandwidth",
        "byte/s",
        r"B_{\mathrm{store}}",
        "bandwidth of the shared store (coordinator uplink) snapshots and stored proofs pass",
    ),
    Param(
        "link_latency",
        "s",
        r"\lambda",
        "latency of one transfer",
        allow_zero=True,
    ),
    Param(
        "machine_price",
        "USD/(machine*hour)",
        r"c_{\mathrm{m}}",
        "price of one prover machine for one hour",
        allow_zero=True,
    ),
    Param(
        "egress_price",
        "USD/GB",
        r"c_{\mathrm{e}}",
        "price of each byte moved between machines (cloud egress)",
        allow_zero=True,
    ),
    Param(
        "verification_cost",
        "USD",
        r"c_{\mathrm{v}}",
        "price of verifying the final proof (on chain)",
        allow_zero=True,
    ),
    Param(
        "memory_base",
        "byte/machine",
        r"\mu_{0}",
        "memory a prover machine needs whatever the segment size",
        allow_zero=True,
    ),
    Param(
        "memory_per_cycle",
        "byte/cycle",
        r"\mu",
        "memory a prover needs per cycle of its segment",
    ),
    Param(
        "machine_memory",
        "byte/machine",
        r"\mu_{\mathrm{max}}",
        "memory available on each prover machine (GPU memory)",
    ),
)

#: The public vocabulary: parameter name -> :class:`Param`.
VOCABULARY: Mapping[str, Param] = MappingProxyType({p.name: p for p in _VOCABULARY_ROWS})


def param(name: str) -> Param:
    """The vocabulary's parameter called ``name``; a typo gets a suggestion."""
    if not isinstance(name, str):
        raise InputError(f"a parameter name must be a string, got {name!r}")
    try:
        return VOCABULARY[name]
    except KeyError:
        raise UnknownParameterError(
            f"unknown parameter {name!r}{did_you_mean(name, VOCABULARY)}"
        ) from None


def symbol(name: str) -> sympy.Symbol:
    """The sympy symbol of the vocabulary's parameter ``name``."""
    return param(name).symbol


def unit_table(params: Iterable[Param]) -> dict[sympy.Symbol, Unit]:
    """Symbol -> pint unit, for the unit walker."""
    return {p.symbol: p.pint_unit for p in params}
