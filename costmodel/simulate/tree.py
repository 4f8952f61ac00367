"""The aggregation tree the simulation walks: every join, its children, its place.

The same layered ``k``-ary tree as :mod:`costmodel.trees` counts: each layer's items are
grouped consecutively by ``k``; a full group and a last group of 2..k-1 items are joins;
a last group of one item is carried up unjoined, so a join's children may come from
several layers below it, or, with ``carry=False``, proved alone (a join of one child),
as :class:`~costmodel.trees.GroupJoins` counts.  Nodes are numbered segments first
(``0..N-1``), then joins in (layer, group) order (node ``N + j`` is join ``j``).

>>> tree = join_tree(5, 2)
>>> tree.children
((0, 1), (2, 3), (5, 6), (7, 4))
>>> tree.keys, tree.root
(((0, 0), (0, 1), (1, 0), (2, 0)), 8)
"""

from __future__ import annotations

from dataclasses import dataclass

from costmodel.trees import layer_sizes

__all__ = ["JoinTree", "join_tree"]


@dataclass(frozen=True)
class JoinTree:
    """The joins of the layered tree over ``segments`` leaves, in (layer, group) order.

    ``children[j]`` are the nodes join ``j`` joins, in order (its first child is the one
    ``peer-one-local`` keeps in place); ``keys[j]`` is its ``(layer, group)``;
    ``parent[node]`` is the join taking a node's item (``None`` for the root).
    """

    segments: int
    arity: int
    children: tuple[tuple[int, ...], ...]
    keys: tuple[tuple[int, int], ...]
    parent: tuple[int | None, ...]
    root: int

    def name(self, node: int) -> str:
        """``segment 3`` or ``join 1.0`` (layer 1, group 0)."""
        if node < self.segments:
            return f"segment {node}"
        layer, group = self.keys[node - self.segments]
        return f"join {layer}.{group}"


def join_tree(segments: int, arity: int, *, carry: bool = True) -> JoinTree:
    """The layered ``arity``-ary tree over ``segments`` leaves, join by join; a layer's
    last single item is carried up (``carry=True``) or joined alone.

    >>> join_tree(5, 2, carry=False).children
    ((0, 1), (2, 3), (4,), (5, 6), (7,), (8, 9))
    """
    layer_sizes(segments, arity)  # the same checks (whole numbers, in range) as the counts
    children: list[tuple[int, ...]] = []
    keys: list[tuple[int, int]] = []
    layer = list(range(segments))
    depth = 0
    while len(layer) > 1:
        upper = []
        for group, start in enumerate(range(0, len(layer), arity)):
            members = layer[start : start + arity]
            if len(members) == 1 and carry:  # a last single item is carried up unjoined
                upper.append(members[0])
                continue
            upper.append(segments + len(children))
            children.append(tuple(members))
            keys.append((depth, group))
        layer = upper
        depth += 1
    parent: list[int | None] = [None] * (segments + len(children))
    for join, joined in enumerate(children):
        for child in joined:
            parent[child] = segments + join
    return JoinTree(segments, arity, tuple(children), tuple(keys), tuple(parent), layer[0])
