"""Laws substituted into models: each law's expression with the other laws substituted into
it (a circle of laws refused, naming it), and a model with each law's parameter replaced by
its formula, symbolically, so that evaluation, break-evens, sweeps and LaTeX see through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sympy

from costmodel.errors import CostModelError, InputError
from costmodel.laws.definition import Law, LawError, law_parameter
from costmodel.model import Model
from costmodel.symbols import VOCABULARY
from costmodel.sympy_calls import substitute

__all__ = ["resolve_laws", "with_laws"]


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
                subs[law_parameter(used, current.parameters).symbol] = visit(used, (*path, name))
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
