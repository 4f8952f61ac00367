"""costmodel: symbolic, unit-checked cost models of distributed zero-knowledge proving.

>>> import costmodel
>>> seed = costmodel.presets.load("seed-note")
>>> result = costmodel.recursive_stark().evaluate(seed)
>>> costmodel.format_quantity(result.total)
'50.99925 GB'
>>> costmodel.format_quantity(result.terms["aggregation"])
'749.25 MB'
"""

from costmodel import presets, render
from costmodel.analysis import (
    Breakeven,
    BreakevenPoint,
    SweepResult,
    breakeven,
    elasticities,
    folded_witness_breakeven,
    folding_tradeoff,
    snapshot_witness_breakeven,
    sweep,
    verifier_gates_breakeven,
)
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
from costmodel.model import Evaluation, Model
from costmodel.model_files import load_model
from costmodel.render import LatexConfig, latex
from costmodel.simulate import simulate  # the function shadows its package (SimPy: on call)
from costmodel.symbols import VOCABULARY, Param, ParamSymbol, param, symbol
from costmodel.trees import TreeDepth, TreeJoins, layer_sizes, tree_depth
from costmodel.units import (
    Q_,
    conversion_factor,
    format_quantity,
    format_unit,
    parse_quantity,
    ureg,
)

__version__ = "0.1.0"

__all__ = [
    "ARCHITECTURES",
    "Q_",
    "TRANSFER_PATTERNS",
    "VOCABULARY",
    "WITNESS_ACCOUNTINGS",
    "Breakeven",
    "BreakevenPoint",
    "CostModelError",
    "CountAs",
    "DefinitionError",
    "DimensionError",
    "Evaluation",
    "ExpressionError",
    "InputError",
    "LatexConfig",
    "Log",
    "MissingParameterError",
    "Model",
    "NoSolutionError",
    "OptionError",
    "Param",
    "ParamSymbol",
    "ParameterValueError",
    "PresetError",
    "SweepResult",
    "TreeDepth",
    "TreeJoins",
    "UnitError",
    "UnknownParameterError",
    "UnknownPresetError",
    "__version__",
    "breakeven",
    "ceil",
    "conversion_factor",
    "convert",
    "count_as",
    "elasticities",
    "floor",
    "folded_witness_breakeven",
    "folding",
    "folding_tradeoff",
    "format_quantity",
    "format_unit",
    "latex",
    "layer_sizes",
    "layered_joins",
    "load_model",
    "log",
    "maximum",
    "minimum",
    "normalize",
    "param",
    "parse_quantity",
    "pcd_node",
    "pcd_tree",
    "piecewise",
    "plain",
    "presets",
    "recursive_stark",
    "render",
    "simulate",
    "snapshot_witness_breakeven",
    "sweep",
    "symbol",
    "tree_depth",
    "unit_of",
    "ureg",
    "verifier_gates_breakeven",
    "verifier_witness_bound",
    "witness_accounting",
]
