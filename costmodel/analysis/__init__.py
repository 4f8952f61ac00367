"""Analysis: break-even conditions, the note's derived conditions, sensitivity, sweeps."""

from costmodel.analysis.breakeven import Breakeven, BreakevenPoint, Side, as_side, breakeven
from costmodel.analysis.conditions import (
    Tradeoff,
    TradeoffPoint,
    folded_state_bounds,
    folded_witness_breakeven,
    folding_tradeoff,
    largest_segment,
    memory_limit_breakeven,
    snapshot_witness_breakeven,
    verifier_gates_breakeven,
)
from costmodel.analysis.designs import Interval, powers_of_two
from costmodel.analysis.optimize import Constraint, Optimum, at_least, at_most, optimize
from costmodel.analysis.pareto import ParetoFront, pareto
from costmodel.analysis.sensitivity import (
    Elasticity,
    dominance,
    dominant_term,
    elasticities,
    elasticity,
)
from costmodel.analysis.sweep import SweepResult, sweep
from costmodel.analysis.uncertainty import (
    Bounds,
    RobustDecision,
    SampleResult,
    Swing,
    bounds,
    log_uniform,
    robust,
    sample,
    tornado,
    triangular,
    uniform,
)

__all__ = [
    "Bounds",
    "Breakeven",
    "BreakevenPoint",
    "Constraint",
    "Elasticity",
    "Interval",
    "Optimum",
    "ParetoFront",
    "RobustDecision",
    "SampleResult",
    "Side",
    "SweepResult",
    "Swing",
    "Tradeoff",
    "TradeoffPoint",
    "as_side",
    "at_least",
    "at_most",
    "bounds",
    "breakeven",
    "dominance",
    "dominant_term",
    "elasticities",
    "elasticity",
    "folded_state_bounds",
    "folded_witness_breakeven",
    "folding_tradeoff",
    "largest_segment",
    "log_uniform",
    "memory_limit_breakeven",
    "optimize",
    "pareto",
    "powers_of_two",
    "robust",
    "sample",
    "snapshot_witness_breakeven",
    "sweep",
    "tornado",
    "triangular",
    "uniform",
    "verifier_gates_breakeven",
]
