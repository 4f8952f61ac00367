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
from costmodel.analysis.sensitivity import (
    Elasticity,
    dominance,
    dominant_term,
    elasticities,
    elasticity,
)
from costmodel.analysis.sweep import SweepResult, sweep

__all__ = [
    "Breakeven",
    "BreakevenPoint",
    "Elasticity",
    "Side",
    "SweepResult",
    "Tradeoff",
    "TradeoffPoint",
    "as_side",
    "breakeven",
    "dominance",
    "dominant_term",
    "elasticities",
    "elasticity",
    "folded_state_bounds",
    "folded_witness_breakeven",
    "folding_tradeoff",
    "largest_segment",
    "memory_limit_breakeven",
    "snapshot_witness_breakeven",
    "sweep",
    "verifier_gates_breakeven",
]
