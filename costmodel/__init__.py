"""costmodel: symbolic, unit-checked cost models of distributed zero-knowledge proving.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> result = costmodel.recursive_stark().evaluate(seed)
>>> costmodel.format_quantity(result.total)
'50.99925 GB'
>>> costmodel.format_quantity(result.terms["aggregation"])
'749.25 MB'
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from costmodel import presets, render
    from costmodel.analysis import (
        Bounds,
        Breakeven,
        BreakevenPoint,
        Interval,
        Optimum,
        ParetoFront,
        SweepResult,
        at_least,
        at_most,
        bounds,
        elasticities,
        folded_witness_breakeven,
        folding_tradeoff,
        largest_segment,
        log_uniform,
        memory_limit_breakeven,
        powers_of_two,
        robust,
        sample,
        snapshot_witness_breakeven,
        tornado,
        triangular,
        uniform,
        verifier_gates_breakeven,
    )
    from costmodel.analysis.breakeven import breakeven
    from costmodel.analysis.optimize import optimize
    from costmodel.analysis.pareto import pareto
    from costmodel.analysis.sweep import sweep
    from costmodel.architectures import (
        ARCHITECTURES,
        TRANSFER_PATTERNS,
        WITNESS_ACCOUNTINGS,
        folding,
        layered_joins,
        pcd_node,
        pcd_tree,
        recursive_stark,
        verifier_witness_bound,
        witness_accounting,
    )
    from costmodel.dimensions import convert, normalize, unit_of
    from costmodel.errors import (
        CostModelError,
        DefinitionError,
        DimensionError,
        ExpressionError,
        InputError,
        MissingParameterError,
        NoSolutionError,
        OptionError,
        ParameterValueError,
        PresetError,
        UnitError,
        UnknownParameterError,
        UnknownPresetError,
    )
    from costmodel.functions import (
        CountAs,
        Log,
        ceil,
        count_as,
        floor,
        log,
        maximum,
        minimum,
        piecewise,
        plain,
    )
    from costmodel.laws import Fit, Law, LawError, fit, law, with_laws
    from costmodel.model import Evaluation, Model
    from costmodel.model_files import load_model
    from costmodel.render import LatexConfig
    from costmodel.render.bibtex import bibtex
    from costmodel.render.latex import latex
    from costmodel.simulate import simulate
    from costmodel.symbols import VOCABULARY, Param, ParamSymbol, param, symbol
    from costmodel.trees import (
        GroupJoins,
        GroupJoinWaves,
        JoinWaves,
        TreeDepth,
        TreeJoins,
        group_joins,
        layer_sizes,
        tree_depth,
    )
    from costmodel.units import (
        Q_,
        conversion_factor,
        format_quantity,
        format_unit,
        parse_quantity,
        ureg,
    )

__version__ = "0.1.0"

#: Where each public name lives; imported on first use (PEP 562), so that importing the
#: package (and ``costmodel --help``) pays for sympy and pint only when a name needs them.
_HOMES: dict[str, str] = {
    "Bounds": "costmodel.analysis",
    "Breakeven": "costmodel.analysis",
    "BreakevenPoint": "costmodel.analysis",
    "Interval": "costmodel.analysis",
    "Optimum": "costmodel.analysis",
    "ParetoFront": "costmodel.analysis",
    "SweepResult": "costmodel.analysis",
    "at_least": "costmodel.analysis",
    "at_most": "costmodel.analysis",
    "bounds": "costmodel.analysis",
    "breakeven": "costmodel.analysis",
    "elasticities": "costmodel.analysis",
    "folded_witness_breakeven": "costmodel.analysis",
    "folding_tradeoff": "costmodel.analysis",
    "largest_segment": "costmodel.analysis",
    "log_uniform": "costmodel.analysis",
    "memory_limit_breakeven": "costmodel.analysis",
    "optimize": "costmodel.analysis",
    "pareto": "costmodel.analysis",
    "powers_of_two": "costmodel.analysis",
    "robust": "costmodel.analysis",
    "sample": "costmodel.analysis",
    "snapshot_witness_breakeven": "costmodel.analysis",
    "sweep": "costmodel.analysis",
    "tornado": "costmodel.analysis",
    "triangular": "costmodel.analysis",
    "uniform": "costmodel.analysis",
    "verifier_gates_breakeven": "costmodel.analysis",
    "ARCHITECTURES": "costmodel.architectures",
    "TRANSFER_PATTERNS": "costmodel.architectures",
    "WITNESS_ACCOUNTINGS": "costmodel.architectures",
    "folding": "costmodel.architectures",
    "layered_joins": "costmodel.architectures",
    "pcd_node": "costmodel.architectures",
    "pcd_tree": "costmodel.architectures",
    "recursive_stark": "costmodel.architectures",
    "verifier_witness_bound": "costmodel.architectures",
    "witness_accounting": "costmodel.architectures",
    "convert": "costmodel.dimensions",
    "normalize": "costmodel.dimensions",
    "unit_of": "costmodel.dimensions",
    "CostModelError": "costmodel.errors",
    "DefinitionError": "costmodel.errors",
    "DimensionError": "costmodel.errors",
    "ExpressionError": "costmodel.errors",
    "InputError": "costmodel.errors",
    "MissingParameterError": "costmodel.errors",
    "NoSolutionError": "costmodel.errors",
    "OptionError": "costmodel.errors",
    "ParameterValueError": "costmodel.errors",
    "PresetError": "costmodel.errors",
    "UnitError": "costmodel.errors",
    "UnknownParameterError": "costmodel.errors",
    "UnknownPresetError": "costmodel.errors",
    "CountAs": "costmodel.functions",
    "Log": "costmodel.functions",
    "ceil": "costmodel.functions",
    "count_as": "costmodel.functions",
    "floor": "costmodel.functions",
    "log": "costmodel.functions",
    "maximum": "costmodel.functions",
    "minimum": "costmodel.functions",
    "piecewise": "costmodel.functions",
    "plain": "costmodel.functions",
    "Fit": "costmodel.laws",
    "Law": "costmodel.laws",
    "LawError": "costmodel.laws",
    "fit": "costmodel.laws",
    "law": "costmodel.laws",
    "with_laws": "costmodel.laws",
    "Evaluation": "costmodel.model",
    "Model": "costmodel.model",
    "load_model": "costmodel.model_files",
    "LatexConfig": "costmodel.render",
    "bibtex": "costmodel.render",
    "latex": "costmodel.render",
    "simulate": "costmodel.simulate",
    "VOCABULARY": "costmodel.symbols",
    "Param": "costmodel.symbols",
    "ParamSymbol": "costmodel.symbols",
    "param": "costmodel.symbols",
    "symbol": "costmodel.symbols",
    "GroupJoinWaves": "costmodel.trees",
    "GroupJoins": "costmodel.trees",
    "group_joins": "costmodel.trees",
    "JoinWaves": "costmodel.trees",
    "TreeDepth": "costmodel.trees",
    "TreeJoins": "costmodel.trees",
    "layer_sizes": "costmodel.trees",
    "tree_depth": "costmodel.trees",
    "Q_": "costmodel.units",
    "conversion_factor": "costmodel.units",
    "format_quantity": "costmodel.units",
    "format_unit": "costmodel.units",
    "parse_quantity": "costmodel.units",
    "ureg": "costmodel.units",
}

#: Subpackages and modules reachable as attributes (``costmodel.analysis.sweep``).
_SUBMODULES = frozenset(
    {
        "analysis",
        "architectures",
        "cli",
        "dimensions",
        "errors",
        "formulas",
        "functions",
        "laws",
        "model",
        "model_files",
        "nodes",
        "numbers",
        "presets",
        "render",
        "studies",
        "symbol_text",
        "symbols",
        "sympy_calls",
        "trees",
        "unit_text",
        "units",
    }
)


def __getattr__(name: str) -> Any:
    """Import a public name (or a submodule) on first use and keep it."""
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"costmodel.{name}")
    else:
        raise AttributeError(f"module 'costmodel' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES, *_SUBMODULES})


class _Package(ModuleType):
    """The package's module type: ``costmodel.simulate`` stays the function.

    Importing the subpackage ``costmodel.simulate`` sets the package's attribute of that name
    to the subpackage; the function of the same name (the public one) takes its place again.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "simulate" and isinstance(value, ModuleType):
            value = value.simulate
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "ARCHITECTURES",
    "Q_",
    "TRANSFER_PATTERNS",
    "VOCABULARY",
    "WITNESS_ACCOUNTINGS",
    "Bounds",
    "Breakeven",
    "BreakevenPoint",
    "CostModelError",
    "CountAs",
    "DefinitionError",
    "DimensionError",
    "Evaluation",
    "ExpressionError",
    "Fit",
    "GroupJoinWaves",
    "GroupJoins",
    "InputError",
    "Interval",
    "JoinWaves",
    "LatexConfig",
    "Law",
    "LawError",
    "Log",
    "MissingParameterError",
    "Model",
    "NoSolutionError",
    "Optimum",
    "OptionError",
    "Param",
    "ParamSymbol",
    "ParameterValueError",
    "ParetoFront",
    "PresetError",
    "SweepResult",
    "TreeDepth",
    "TreeJoins",
    "UnitError",
    "UnknownParameterError",
    "UnknownPresetError",
    "__version__",
    "at_least",
    "at_most",
    "bibtex",
    "bounds",
    "breakeven",
    "ceil",
    "conversion_factor",
    "convert",
    "count_as",
    "elasticities",
    "fit",
    "floor",
    "folded_witness_breakeven",
    "folding",
    "folding_tradeoff",
    "format_quantity",
    "format_unit",
    "group_joins",
    "largest_segment",
    "latex",
    "law",
    "layer_sizes",
    "layered_joins",
    "load_model",
    "log",
    "log_uniform",
    "maximum",
    "memory_limit_breakeven",
    "minimum",
    "normalize",
    "optimize",
    "param",
    "pareto",
    "parse_quantity",
    "pcd_node",
    "pcd_tree",
    "piecewise",
    "plain",
    "powers_of_two",
    "presets",
    "recursive_stark",
    "render",
    "robust",
    "sample",
    "simulate",
    "snapshot_witness_breakeven",
    "sweep",
    "symbol",
    "tornado",
    "tree_depth",
    "triangular",
    "uniform",
    "unit_of",
    "ureg",
    "verifier_gates_breakeven",
    "verifier_witness_bound",
    "with_laws",
    "witness_accounting",
]
