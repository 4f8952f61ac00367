"""Timing helper shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_time(
    function: Callable[[], Any], repeats: int = 7, before: Callable[[], Any] | None = None
) -> float:
    """Median wall time of ``function()`` in seconds; ``before()`` runs untimed each time."""
    samples = []
    for _ in range(repeats):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def median_times(
    functions: dict[str, Callable[[], Any]],
    repeats: int = 7,
    before: Callable[[], Any] | None = None,
) -> dict[str, float]:
    """Median wall time of each function in seconds, the functions taking turns in every
    round, so that a load on a shared machine falls on all of them alike (compare these
    side by side, as ratios)."""
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            if before is not None:
                before()
            start = time.perf_counter()
            function()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}
