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
