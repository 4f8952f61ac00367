"""Analysis: break-even conditions, the note's derived conditions, sensitivity, sweeps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from costmodel.lazy_names import import_on_first_use

if TYPE_CHECKING:
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

#: Where each public name lives, imported on first use (:mod:`costmodel.lazy_names`).
_HOMES: dict[str, str] = {
    "Breakeven": "costmodel.analysis.breakeven",
    "BreakevenPoint": "costmodel.analysis.breakeven",
    "Side": "costmodel.analysis.breakeven",
    "as_side": "costmodel.analysis.breakeven",
    "breakeven": "costmodel.analysis.breakeven",
    "Tradeoff": "costmodel.analysis.conditions",
    "TradeoffPoint": "costmodel.analysis.conditions",
    "folded_state_bounds": "costmodel.analysis.conditions",
    "folded_witness_breakeven": "costmodel.analysis.conditions",
    "folding_tradeoff": "costmodel.analysis.conditions",
    "largest_segment": "costmodel.analysis.conditions",
    "memory_limit_breakeven": "costmodel.analysis.conditions",
    "snapshot_witness_breakeven": "costmodel.analysis.conditions",
    "verifier_gates_breakeven": "costmodel.analysis.conditions",
    "Interval": "costmodel.analysis.designs",
    "powers_of_two": "costmodel.analysis.designs",
    "Constraint": "costmodel.analysis.optimize",
    "Optimum": "costmodel.analysis.optimize",
    "at_least": "costmodel.analysis.optimize",
    "at_most": "costmodel.analysis.optimize",
    "optimize": "costmodel.analysis.optimize",
    "ParetoFront": "costmodel.analysis.pareto",
    "pareto": "costmodel.analysis.pareto",
    "Elasticity": "costmodel.analysis.sensitivity",
    "dominance": "costmodel.analysis.sensitivity",
    "dominant_term": "costmodel.analysis.sensitivity",
    "elasticities": "costmodel.analysis.sensitivity",
    "elasticity": "costmodel.analysis.sensitivity",
    "SweepResult": "costmodel.analysis.sweep",
    "sweep": "costmodel.analysis.sweep",
    "Bounds": "costmodel.analysis.uncertainty",
    "RobustDecision": "costmodel.analysis.uncertainty",
    "SampleResult": "costmodel.analysis.uncertainty",
    "Swing": "costmodel.analysis.uncertainty",
    "bounds": "costmodel.analysis.uncertainty",
    "log_uniform": "costmodel.analysis.uncertainty",
    "robust": "costmodel.analysis.uncertainty",
    "sample": "costmodel.analysis.uncertainty",
    "tornado": "costmodel.analysis.uncertainty",
    "triangular": "costmodel.analysis.uncertainty",
    "uniform": "costmodel.analysis.uncertainty",
}

import_on_first_use(__name__, _HOMES)

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
