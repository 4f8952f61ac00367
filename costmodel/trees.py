"""Aggregation-tree counting: joins of a layered k-ary tree over N leaves, exactly.

The tree is built layer by layer, as a cluster aggregates: each layer's items are
taken in groups of ``k``; a full group is one join, a last group of 2..k-1 items is a
partial join, and a last group of one item is carried up unjoined.  Every join
yields one item for the next layer, until one item (the root) is left.

For ``k = 2`` this is ``N - 1`` joins for every ``N``; when ``N`` is a power of ``k``
it is ``(N - 1) / (k - 1)``.  In general there is no simpler closed form, so
:class:`TreeJoins` stays a symbol ``J_k(N)`` until numbers are given, and evaluates
exactly then.  This module sits beside the unit-aware functions, below the models and
the formula parser that use it.

Some systems prove a last single item too, a join of one child, so that every item of a
layer is a proof of that layer (OpenVM's internal layers: 38 leaves, then 19, 10, 5, 3,
2, 1 internal proofs).  Then every group of every layer is a join: the layers above the
leaves hold ``⌈N/k⌉, ⌈N/k²⌉, …, 1`` items, and :class:`GroupJoins` ``Ĵ_k(N)`` is their
sum (``⌈⌈N/a⌉/b⌉ = ⌈N/(ab)⌉`` for whole ``a, b``).  The depth is the same either way.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, cast

import sympy

from costmodel.dimensions import rescale
from costmodel.errors import ParameterValueError
from costmodel.nodes import NoText
from costmodel.sympy_calls import integer
from costmodel.tree_arrays import (
    numpy_group_join_waves,
    numpy_group_joins,
    numpy_join_waves,
    numpy_tree_depth,
    numpy_tree_joins,
)
from costmodel.units import DIMENSIONLESS

__all__ = [
    "GroupJoinWaves",
    "GroupJoins",
    "JoinWaves",
    "TreeDepth",
    "TreeJoins",
    "group_join_waves",
    "group_joins",
    "join_waves",
    "layer_joins",
    "layer_sizes",
    "layered_joins",
    "numpy_group_join_waves",
    "numpy_group_joins",
    "numpy_join_waves",
    "numpy_tree_depth",
    "numpy_tree_joins",
    "tree_depth",
]


def _whole(value: Any, name: str, minimum: int) -> int:
    if isinstance(value, bool):
        raise ParameterValueError(f"{name}: expected a whole number, got {value!r}")
    try:
        whole = operator.index(value)
    except TypeError:
        raise ParameterValueError(f"{name}: expected a whole number, got {value!r}") from None
    if whole < minimum:
        raise ParameterValueError(f"{name}: expected at least {minimum}, got {whole}")
    return whole


def layer_sizes(leaves: int, arity: int) -> list[int]:
    """Items in each layer, leaves first, root (1) last: ``layer_sizes(5, 2) == [5, 3, 2, 1]``."""
    leaves, arity = _whole(leaves, "leaves", 1), _whole(arity, "arity", 2)
    sizes = [leaves]
    while sizes[-1] > 1:
        sizes.append(-(-sizes[-1] // arity))
    return sizes


def layer_joins(leaves: int, arity: int) -> list[int]:
    """Joins in each layer, leaves first: ``layer_joins(5, 2) == [2, 1, 1]``.

    A layer of ``n`` items has ``⌊n/k⌋`` full joins, and one partial join when ``2 <=
    n mod k``; a last single item is carried up unjoined.
    """
    sizes = layer_sizes(leaves, arity)
    return [size // arity + (1 if size % arity >= 2 else 0) for size in sizes[:-1]]


def join_waves(leaves: int, arity: int, machines: int) -> int:
    """Waves of joins when each layer's joins run ``machines`` at a time: ``Σ ⌈J_l / M⌉``.

    With at least as many machines as the first layer's joins it is the depth.

    >>> join_waves(1000, 2, 1000), join_waves(1000, 2, 100), join_waves(5, 2, 1)
    (10, 17, 4)
    """
    machines = _whole(machines, "machines", 1)
    return sum(-(-joins // machines) for joins in layer_joins(leaves, arity))


def layered_joins(leaves: int, arity: int) -> int:
    """Joins in the layered ``arity``-ary tree over ``leaves`` leaves (partial joins count).

    >>> layered_joins(1000, 2), layered_joins(5, 3), layered_joins(9, 3)
    (999, 3, 4)
    """
    sizes = layer_sizes(leaves, arity)
    joins = 0
    for size in sizes[:-1]:
        full, rest = divmod(size, arity)
        joins += full + (1 if rest >= 2 else 0)
    return joins


def group_joins(leaves: int, arity: int) -> int:
    """Joins when every group of every layer is one, a last single item included:
    ``Σ_{i=1}^{d} ⌈N / k^i⌉``, the items of the layers above the leaves.

    >>> group_joins(38, 2), layered_joins(38, 2), group_joins(5, 3), group_joins(1, 2)
    (40, 37, 3, 0)
    """
    return sum(layer_sizes(leaves, arity)[1:])


def group_join_waves(leaves: int, arity: int, machines: int) -> int:
    """Waves of :func:`group_joins` when each layer's joins run ``machines`` at a time.

    >>> group_join_waves(38, 2, 1), group_join_waves(38, 2, 10), group_join_waves(38, 2, 19)
    (40, 7, 6)
    """
    machines = _whole(machines, "machines", 1)
    return sum(-(-size // machines) for size in layer_sizes(leaves, arity)[1:])


def tree_depth(leaves: int, arity: int) -> int:
    """Layers of joins between the leaves and the root: ``⌈log_arity leaves⌉``, exactly.

    Worked by dividing (``layer_sizes``), never with a logarithm.

    >>> tree_depth(1000, 2), tree_depth(1024, 2), tree_depth(1025, 2), tree_depth(1, 3)
    (10, 10, 11, 0)
    """
    return len(layer_sizes(leaves, arity)) - 1


def _undefined(*values: sympy.Expr) -> bool:
    """True when an argument is NaN or infinite: sympy's own probes (``solve`` substitutes
    trial values to test whether an expression is constant) get ``nan`` back, as from any
    undefined arithmetic, instead of an error meant for a user's value."""
    return any(v.has(sympy.S.NaN, sympy.S.ComplexInfinity, sympy.oo, -sympy.oo) for v in values)


class _TreeCount(NoText, sympy.Function):
    """What the tree counts share: whole and never negative; lambdify calls their exact
    functions (element-wise on arrays for numpy); their arguments are dimensionless."""

    #: The functions lambdify calls, for numpy and for Python.
    _numpy_function: str
    _python_function: str
    #: The exact count of whole arguments (:func:`layered_joins`...).
    _exact: Callable[..., int]
    #: What each argument is, in error messages, and the least whole value it may take.
    _arguments = ("tree leaves", "tree arity", "tree machines")
    _minimums = (1, 2, 1)

    @classmethod
    def eval(cls, *args: sympy.Expr) -> sympy.Expr | None:
        """``nan`` for a nan or infinite argument; an error naming a numeric argument that
        is not a whole number in range; 0 over one leaf; exact over whole numbers."""
        if _undefined(*args):
            return sympy.S.NaN
        for value, name, minimum in zip(args, cls._arguments, cls._minimums, strict=False):
            if value.is_number and not (value.is_Integer and value >= minimum):
                raise ParameterValueError(
                    f"{name}: expected a whole number of at least {minimum}, got {value}"
                )
        if args[0] == 1:
            return sympy.S.Zero
        shortcut = cls._symbolic(*args)
        if shortcut is not None:
            return shortcut
        if all(a.is_Integer for a in args):
            return integer(cls._exact(*(int(a) for a in args)))
        return None

    @classmethod
    def _symbolic(cls, *args: sympy.Expr) -> sympy.Expr | None:
        """A closed form the count has for symbolic arguments (none by default)."""
        return None

    def _eval_is_integer(self) -> bool | None:
        return True if all(a.is_integer for a in self.args) else None

    def _eval_is_nonnegative(self) -> bool | None:
        return True if self.args[0].is_positive else None

    def _numpycode(self, printer: Any) -> str:
        printed = ", ".join(printer._print(a) for a in self.args)
        return f"{printer._module_format(self._numpy_function)}({printed})"

    def _pythoncode(self, printer: Any) -> str:
        printed = ", ".join(f"round({printer._print(a)})" for a in self.args)
        return f"{printer._module_format(self._python_function)}({printed})"

    _lambdacode = _pythoncode
    _mpmathcode = _pythoncode

    def _costmodel_unit(self, args: list[tuple[Any, Any]]) -> tuple[Any, Any]:
        scaled = [
            rescale(value, unit, DIMENSIONLESS, context=context)
            for (value, unit), context in zip(args, self._arguments, strict=False)
        ]
        return type(self)(*scaled), DIMENSIONLESS


class TreeJoins(_TreeCount):
    """``J_k(N)``: joins of the layered k-ary tree over ``N`` leaves.

    Exact for integers, ``N - 1`` for ``k = 2``, a symbol otherwise.
    """

    _numpy_function = "costmodel.trees.numpy_tree_joins"
    _python_function = "costmodel.trees.layered_joins"
    _exact = staticmethod(layered_joins)
    #: The symbol printed for the count.
    _letter = "J"
    nargs = 2

    @classmethod
    def _symbolic(cls, *args: sympy.Expr) -> sympy.Expr | None:
        leaves, arity = args
        return cast(sympy.Expr, leaves - 1) if arity == 2 else None

    def _latex(self, printer: Any) -> str:
        leaves, arity = self.args
        return rf"{self._letter}_{{{printer._print(arity)}}}\left({printer._print(leaves)}\right)"


class GroupJoins(TreeJoins):
    """``Ĵ_k(N)``: joins of the layered k-ary tree when a last single item is proved too
    (a join of one child): ``Σ_{i=1}^{d} ⌈N/k^i⌉``, exact for integers.

    A kind of :class:`TreeJoins`, so what holds of tree joins (whole, non-decreasing in
    ``N``, non-increasing in ``k``) is known of it too.
    """

    _numpy_function = "costmodel.trees.numpy_group_joins"
    _python_function = "costmodel.trees.group_joins"
    _exact = staticmethod(group_joins)
    _letter = r"\hat{J}"
    nargs = 2

    @classmethod
    def _symbolic(cls, *args: sympy.Expr) -> sympy.Expr | None:
        return None  # no N - 1 at k = 2: Ĵ_2(3) = 3


class TreeDepth(_TreeCount):
    """``⌈log_k N⌉``: layers of joins in the layered k-ary tree over ``N`` leaves.

    Exact for integers (by division, never a floating-point logarithm); printed as
    ``\\lceil \\log_k N \\rceil``, which it equals for every ``N >= 1``.
    """

    _numpy_function = "costmodel.trees.numpy_tree_depth"
    _python_function = "costmodel.trees.tree_depth"
    _exact = staticmethod(tree_depth)
    nargs = 2

    def _latex(self, printer: Any) -> str:
        leaves, arity = self.args
        return (
            rf"\left\lceil \log_{{{printer._print(arity)}}}{{\left({printer._print(leaves)}"
            rf"\right)}} \right\rceil"
        )


class JoinWaves(_TreeCount):
    """``W_k(N, M)``: waves of joins when each layer's joins run ``M`` at a time.

    ``Σ_l ⌈J_l / M⌉`` over the layers of the layered k-ary tree over ``N`` leaves
    (:func:`join_waves`): exact for integers; the depth ``⌈log_k N⌉`` once ``M`` is at
    least the first layer's joins.
    """

    _numpy_function = "costmodel.trees.numpy_join_waves"
    _python_function = "costmodel.trees.join_waves"
    _exact = staticmethod(join_waves)
    #: The symbol printed for the count.
    _letter = "W"
    nargs = 3

    def _latex(self, printer: Any) -> str:
        leaves, arity, machines = (printer._print(a) for a in self.args)
        return rf"{self._letter}_{{{arity}}}\left({leaves}, {machines}\right)"


class GroupJoinWaves(JoinWaves):
    """``Ŵ_k(N, M)``: waves of :class:`GroupJoins`, each layer's ``⌈N/k^i⌉`` joins run
    ``M`` at a time: ``Σ_i ⌈⌈N/k^i⌉ / M⌉``, exact for integers."""

    _numpy_function = "costmodel.trees.numpy_group_join_waves"
    _python_function = "costmodel.trees.group_join_waves"
    _exact = staticmethod(group_join_waves)
    _letter = r"\hat{W}"
    nargs = 3
