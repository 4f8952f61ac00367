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

The parts have homes of their own: a law and its unit check
(:mod:`costmodel.laws.definition`), laws substituted into models
(:mod:`costmodel.laws.substitution`) and fits to tables (:mod:`costmodel.laws.fitting`).

>>> import costmodel
>>> size = law("proof_size", "base + per_doubling * log(segment_cycles, 2)",
...            {"base": "100 kB/proof", "per_doubling": "10 kB/proof"})
>>> size.value({"segment_cycles": "1048576 cycle/segment"})
<Quantity(300000, 'B/proof')>
>>> model = with_laws(costmodel.recursive_stark(), [size])
>>> "proof_size" in model.parameter_names, "segment_cycles" in model.parameter_names
(False, True)
"""

from costmodel.laws.definition import Law, LawError, law
from costmodel.laws.fitting import MAX_FIT_ROWS, Fit, fit
from costmodel.laws.substitution import resolve_laws, with_laws

__all__ = ["MAX_FIT_ROWS", "Fit", "Law", "LawError", "fit", "law", "resolve_laws", "with_laws"]
