"""Sampled totals: a model's total at random points of a box of ranges, with percentiles.

Each ranged parameter is drawn from its :class:`Distribution` (:func:`uniform`,
:func:`log_uniform`, :func:`triangular`); the totals come from one vectorized sweep per
chunk of points, and the same ``seed`` gives the same totals.

>>> import costmodel
>>> values = costmodel.presets.load("seed-note")
>>> result = sample(costmodel.recursive_stark(), values,
...                 {"snapshot_size": uniform("40 MB/segment", "60 MB/segment")}, n=1000)
>>> 49 < result.percentile(50).to("GB").magnitude < 53  # 1000 x about 50 MB, + 1 GB
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from costmodel.analysis.sweep import sweep
from costmodel.errors import InputError, ParameterValueError, UnknownParameterError, did_you_mean
from costmodel.model import Model
from costmodel.units import Q_

__all__ = [
    "MAX_SAMPLES",
    "Distribution",
    "SampleResult",
    "log_uniform",
    "sample",
    "triangular",
    "uniform",
]


@dataclass(frozen=True)
class Distribution:
    """A parameter's distribution over its range: ``uniform``, ``log-uniform`` or
    ``triangular`` (with a ``mode``)."""

    kind: str
    low: Any
    high: Any
    mode: Any = None


def uniform(low: Any, high: Any) -> Distribution:
    """Every value of ``[low, high]`` equally likely."""
    return Distribution("uniform", low, high)


def log_uniform(low: Any, high: Any) -> Distribution:
    """Every order of magnitude of ``[low, high]`` equally likely (both ends positive)."""
    return Distribution("log-uniform", low, high)


def triangular(low: Any, mode: Any, high: Any) -> Distribution:
    """Most likely at ``mode``, falling linearly to ``low`` and ``high``."""
    return Distribution("triangular", low, high, mode)


@dataclass(frozen=True)
class SampleResult:
    """Sampled totals (float) in ``unit``, and their percentiles."""

    totals: np.ndarray
    unit: str
    seed: int

    def percentile(self, p: float) -> Any:
        """The ``p``-th percentile of the total (``p`` in 0..100), as a quantity."""
        if not 0 <= p <= 100:
            raise ParameterValueError(f"percentile: expected 0..100, got {p}")
        return Q_(float(np.percentile(self.totals, p)), self.unit)

    @property
    def percentiles(self) -> dict[str, Any]:
        """P50, P90 and P99 (dashboards report tail latency)."""
        return {f"P{p}": self.percentile(p) for p in (50, 90, 99)}


#: The most points sampled in one call.
MAX_SAMPLES = 10_000_000
_CHUNK = 200_000


def sample(
    model: Model,
    values: Mapping[str, Any],
    distributions: Mapping[str, Distribution],
    n: int = 100_000,
    *,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> SampleResult:
    """Totals at ``n`` random points, each parameter drawn from its distribution.

    Reproducible: the same ``seed`` gives the same totals.  ``progress(done, n)`` is
    called after each chunk of :data:`_CHUNK` points (the command line prints it).
    """
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_SAMPLES:
        raise ParameterValueError(
            f"sample: n must be a whole number in 1..{MAX_SAMPLES}, got {n!r}"
        )
    params = {p.name: p for p in model.parameters}
    for name, dist in distributions.items():
        if name not in params:
            raise UnknownParameterError(
                f"distribution for {name!r}: not a parameter of {model.name}"
                f"{did_you_mean(str(name), params)}"
            )
        if not isinstance(dist, Distribution):
            raise InputError(f"{name}: expected uniform(...), log_uniform(...) or triangular(...)")
    rng = np.random.default_rng(seed)
    chunks = []
    done = 0
    while done < n:
        size = min(_CHUNK, n - done)
        over = {}
        for name, dist in distributions.items():
            param = params[name]
            low = float(param.exact_value(dist.low))
            high = float(param.exact_value(dist.high))
            if low > high:
                raise ParameterValueError(f"{name}: low {dist.low} above high {dist.high}")
            if dist.kind == "uniform":
                draws = rng.uniform(low, high, size)
            elif dist.kind == "log-uniform":
                if low <= 0:
                    raise ParameterValueError(f"{name}: a log-uniform range must be positive")
                draws = np.exp(rng.uniform(np.log(low), np.log(high), size))
            else:
                mode = float(param.exact_value(dist.mode))
                if not low <= mode <= high:
                    raise ParameterValueError(f"{name}: the mode must lie in the range")
                draws = rng.triangular(low, mode, high, size) if low < high else np.full(size, low)
            if param.integral:
                draws = np.rint(draws)
            over[name] = (draws, param.unit)
        chunks.append(sweep(model, values, over, breakdown=False).total)
        done += size
        if progress is not None:
            progress(done, n)
    return SampleResult(np.concatenate(chunks), model.unit, seed)
