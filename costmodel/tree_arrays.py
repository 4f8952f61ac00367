"""The tree counts of :mod:`costmodel.trees`, element-wise on numpy arrays, exactly.

A sweep evaluates a model at millions of points; these count the joins, waves and depth of
the layered k-ary tree for every point at once.  Arrays hold whole numbers as float64 while
every count stays exact there (below :data:`FLOAT_LAYERS_BELOW`) and as int64 above; each
function equals its exact counterpart in :mod:`costmodel.trees` element by element (the
tests check them side by side).  numpy is imported when a function runs, so importing the
library does not import it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from costmodel.errors import ParameterValueError

__all__ = [
    "DIGIT_TABLE_BASE",
    "FLOAT_LAYERS_BELOW",
    "numpy_group_join_waves",
    "numpy_group_joins",
    "numpy_join_waves",
    "numpy_tree_depth",
    "numpy_tree_joins",
]


def _int_arrays(leaves: Any, arity: Any) -> tuple[Any, Any]:
    """Leaves and arities as int64 arrays, checked (whole, in range, below 2**62)."""
    import numpy as np

    leaves, arity = np.broadcast_arrays(np.asarray(leaves), np.asarray(arity))
    if np.any(np.asarray(leaves, dtype=float) >= 2.0**62):
        raise ParameterValueError(
            "tree: 2^62 leaves or more do not fit a vectorized count; evaluate such a model "
            "exactly with Model.evaluate"
        )
    size = np.rint(leaves).astype(np.int64)
    k = np.rint(arity).astype(np.int64)
    if np.any(size < 1) or np.any(k < 2):
        raise ParameterValueError("tree: leaves must be at least 1 and arity at least 2")
    return size, k


def numpy_join_waves(leaves: Any, arity: Any, machines: Any) -> Any:
    """:func:`~costmodel.trees.join_waves` element-wise on arrays (floats holding whole numbers)."""
    import numpy as np

    size, k = _int_arrays(leaves, arity)
    size, k, m = np.broadcast_arrays(size, k, np.rint(np.asarray(machines)).astype(np.int64))
    if np.any(m < 1):
        raise ParameterValueError("tree: machines must be at least 1")
    waves = np.zeros(size.shape, dtype=np.int64)
    while np.any(size > 1):
        active = size > 1
        full, rest = np.divmod(size, k)
        joins = full + (rest >= 2)
        waves += np.where(active, -(-joins // m), 0)
        size = np.where(active, -(-size // k), size)
    return waves.astype(float)


def numpy_group_joins(leaves: Any, arity: Any) -> Any:
    """:func:`~costmodel.trees.group_joins` element-wise on arrays (floats holding whole numbers).

    >>> import numpy as np
    >>> numpy_group_joins(np.array([1.0, 2.0, 3.0, 38.0]), 2).tolist()
    [0.0, 1.0, 3.0, 40.0]
    """
    return _numpy_group_counts(leaves, arity, None)


def numpy_group_join_waves(leaves: Any, arity: Any, machines: Any) -> Any:
    """:func:`~costmodel.trees.group_join_waves` element-wise on arrays (floats holding
    whole numbers)."""
    return _numpy_group_counts(leaves, arity, machines)


def _numpy_group_counts(leaves: Any, arity: Any, machines: Any) -> Any:
    """Each layer's items above the leaves, summed (``machines=None``), or in waves of
    ``machines``: a finished element (one item) is a fixed point of the step, so it is
    masked out of the sums, not out of the step."""
    import numpy as np

    size, k = _layer_arrays(leaves, arity)
    m = None
    if machines is not None:
        m = np.rint(np.asarray(machines, dtype=float))
        if m.size and not m.min() >= 1:  # NaN fails too
            raise ParameterValueError("tree: machines must be at least 1")
        size, k, m = (np.array(a, dtype=size.dtype) for a in np.broadcast_arrays(size, k, m))
    total = np.zeros(size.shape, dtype=size.dtype)
    full, rest = np.empty_like(size), np.empty_like(size)
    while size.size and size.max() > 1:
        active = size > 1
        _divmod(size, k, full, rest)
        np.add(full, rest > 0, out=size)
        counted = size if m is None else -(-size // m)
        total += np.where(active, counted, 0)
    return total.astype(float)


#: Below this, layer sizes are counted in float64: every quotient of two whole numbers
#: under 2^52 rounds to a value whose floor is the exact integer quotient (the true quotient
#: is at least 1/size away from the next integer, more than float64's relative error of
#: 2^-53), and products and differences of the layer arithmetic stay exact.  At 2^48 and
#: above (up to 2^62), int64.
FLOAT_LAYERS_BELOW = 2.0**48


def numpy_tree_joins(leaves: Any, arity: Any) -> Any:
    """:func:`~costmodel.trees.layered_joins` element-wise on arrays (floats holding whole numbers).

    For one whole arity up to :data:`DIGIT_TABLE_BASE`, from the digits of the leaf counts
    (:func:`_joins_by_digits`); otherwise one layer at a time over every element, where a
    finished element (one node left) is a fixed point of the step (``1 = 0·k + 1``: no
    join, one node), so no mask is needed.

    >>> import numpy as np
    >>> numpy_tree_joins(np.array([1.0, 2.0, 3.0, 4.0, 1000.0]), 3).tolist()
    [0.0, 1.0, 1.0, 2.0, 501.0]
    """
    import numpy as np

    if np.ndim(arity) == 0 and float(arity) == int(arity) and 2 <= arity <= DIGIT_TABLE_BASE:
        counts = np.asarray(leaves, dtype=float)
        if counts.size and counts.min() >= 1 and counts.max() < 2.0**62:  # else: checks below
            return _joins_by_digits(counts, int(arity))
    size, k = _layer_arrays(leaves, arity)
    joins = np.zeros(size.shape, dtype=size.dtype)
    full, rest = np.empty_like(size), np.empty_like(size)
    while size.size and size.max() > 1:
        _divmod(size, k, full, rest)
        joins += full
        joins += rest >= 2
        np.add(full, rest > 0, out=size)  # the next layer: ceil(size / k)
    return joins.astype(float)


#: The digit tables of :func:`_joins_by_digits` cover this many values at most.
DIGIT_TABLE_BASE = 2**16


@lru_cache(maxsize=64)
def _digit_table(arity: int) -> tuple[int, Any]:
    """``(B, T)``: ``B = arity^j``, the largest such power at most :data:`DIGIT_TABLE_BASE`,
    and ``T[c] = (arity - 1)·(nonzero digits of c) - (digit sum of c)`` in base ``arity``
    for ``0 <= c < B`` (int64)."""
    import numpy as np

    base = arity
    while base * arity <= DIGIT_TABLE_BASE:
        base *= arity
    rest = np.arange(base, dtype=np.int64)
    table = np.zeros(base, dtype=np.int64)
    while rest.any():
        digit = rest % arity
        table += (arity - 1) * (digit > 0) - digit
        rest //= arity
    return base, table


def _joins_by_digits(leaves: Any, arity: int) -> Any:
    """:func:`~costmodel.trees.layered_joins` from the base-``arity`` digits of ``M = leaves - 1``:

    ``J = (M - S(M)) / (k - 1) + Z(M)``, ``S`` the digit sum and ``Z`` the count of nonzero
    digits.  Why: layer ``i`` has ``s_i = ⌈N / k^i⌉ = ⌊M / k^i⌋ + 1`` nodes and makes
    ``s_{i+1}`` joins, one fewer when ``s_i ≡ 1 (mod k)`` (a lone node passes up unjoined),
    that is when digit ``i`` of ``M`` is 0.  Summed over the ``D`` digits of ``M``, the
    ``⌊M / k^i⌋`` give ``(M - S(M)) / (k - 1)`` (Legendre), the ``+1`` give ``D``, and the
    lone nodes take away ``D - Z(M)``.  Read a table chunk of digits at a time
    (:func:`_digit_table`), in int64.

    >>> import numpy as np
    >>> _joins_by_digits(np.array([1.0, 4.0, 1000.0]), 3).tolist()  # layered_joins(1000, 3)
    [0.0, 2.0, 501.0]
    """
    import numpy as np

    base, table = _digit_table(arity)
    rest = np.asarray(np.rint(leaves)).astype(np.int64)
    rest -= 1
    total = rest.copy()  # (k - 1)·J = M + Σ T[chunks of M]
    while True:
        if rest.max() < base:
            total += table[rest]
            break
        upper = rest // base
        rest -= upper * base
        total += table[rest]
        rest = upper
    total //= arity - 1
    return total.astype(float)


def numpy_tree_depth(leaves: Any, arity: Any) -> Any:
    """:func:`~costmodel.trees.tree_depth` element-wise on arrays (floats holding whole numbers).

    >>> import numpy as np
    >>> numpy_tree_depth(np.array([1.0, 3.0, 4.0, 9.0, 10.0]), 3).tolist()
    [0.0, 1.0, 2.0, 2.0, 3.0]
    """
    import numpy as np

    size, k = _layer_arrays(leaves, arity)
    depth = np.zeros(size.shape, dtype=size.dtype)
    full, rest = np.empty_like(size), np.empty_like(size)
    while size.size and size.max() > 1:
        depth += size > 1
        _divmod(size, k, full, rest)
        np.add(full, rest > 0, out=size)
    return depth.astype(float)


def _divmod(size: Any, k: Any, full: Any, rest: Any) -> None:
    """``full, rest = divmod(size, k)`` into the given arrays, exactly (float64 below
    :data:`FLOAT_LAYERS_BELOW`, else int64)."""
    import numpy as np

    if size.dtype == np.float64:
        np.divide(size, k, out=full)
        np.floor(full, out=full)
        np.multiply(full, k, out=rest)
        np.subtract(size, rest, out=rest)
    else:
        np.divmod(size, k, out=(full, rest))


def _layer_arrays(leaves: Any, arity: Any) -> tuple[Any, Any]:
    """Leaf counts (a new array, broadcast with the arities) and arities, checked as
    :func:`_int_arrays` checks them: float64 when every leaf count is below
    :data:`FLOAT_LAYERS_BELOW`, int64 otherwise."""
    import numpy as np

    leaves = np.asarray(leaves, dtype=float)
    k = np.rint(np.asarray(arity, dtype=float))
    if k.ndim:
        leaves, k = np.broadcast_arrays(leaves, k)
    size = np.rint(leaves, out=np.empty(leaves.shape))  # a new array, written layer by layer
    if size.size:
        low, high = size.min(), size.max()
        if not (low >= 1 and high < FLOAT_LAYERS_BELOW and k.min() >= 2):  # NaN fails too
            return _int_arrays(leaves, k)  # int64 layers, or its error
    return size, k
