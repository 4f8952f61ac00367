"""The design-space plots: a Pareto front with the dominated designs grey, a tornado chart."""

from __future__ import annotations

import pytest

import costmodel

pytest.importorskip("matplotlib")

from costmodel.render.design_plots import plot_pareto, plot_tornado
from costmodel.render.plots import pyplot

VALUES = {
    **costmodel.presets.combine("risc0", "aws-g6").with_workload("seed-note"),
    "verification_cost": "0 USD",
}


def test_pareto_plot_greys_the_dominated_designs(tmp_path):
    wall = costmodel.recursive_stark(metric="wall_time")
    money = costmodel.recursive_stark(metric="dollars")
    front = costmodel.pareto(
        wall,
        money,
        VALUES,
        {"machines": [64, 256, 1024], "segment_cycles": costmodel.powers_of_two(20, 21)},
    )
    figure = plot_pareto(front, names=("wall time", "dollars"), path=tmp_path / "front")
    axes = figure.axes[0]
    grey, line = axes.collections[0], axes.lines[0]
    kept, dominated = len(front.front), len(front.points) - len(front.front)
    assert dominated > 0 and len(grey.get_offsets()) == dominated
    assert tuple(grey.get_facecolor()[0][:3]) == pytest.approx((0.75, 0.75, 0.75))
    assert len(line.get_xdata()) == kept
    assert axes.get_xlabel() == "wall time [s]" and axes.get_ylabel() == "dollars [USD]"
    assert (tmp_path / "front.png").exists() and (tmp_path / "front.pdf").exists()
    pyplot().close(figure)


def test_tornado_plot_draws_the_largest_swing_on_top(tmp_path):
    seed = costmodel.presets.load("seed-note")
    model = costmodel.recursive_stark()
    swings = costmodel.tornado(
        model,
        seed,
        {
            "snapshot_size": ("5 MB/segment", "50 MB/segment"),
            "proof_size": ("200 kB/proof", "300 kB/proof"),
        },
    )
    base = model.evaluate(seed).total
    figure = plot_tornado(swings, base, unit="GB", path=tmp_path / "tornado")
    axes = figure.axes[0]
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels == ["proof size", "snapshot size"]  # bottom to top: the largest on top
    bars = axes.patches
    # snapshots: 1000 x (50 - 5) MB = 45 GB of swing; proofs: 3997 x 100 kB = 0.3997 GB
    assert bars[-1].get_width() == pytest.approx(45.0)
    assert bars[0].get_width() == pytest.approx(0.3997)
    pyplot().close(figure)
    with pytest.raises(costmodel.InputError):
        plot_tornado([], base)
    with pytest.raises(costmodel.InputError):
        plot_pareto("not a front")
