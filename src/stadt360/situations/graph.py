"""Dependency graphs between steps: cycle detection and a stable topological order.

Pure Python, no Django, so the loader can check a whole catalogue file before
anything is written, and ``Step.clean()`` and the admin can check one edit.
"""

import heapq
from collections.abc import Callable, Hashable, Iterable, Mapping


def find_cycle[K: Hashable](edges: Mapping[K, Iterable[K]]) -> list[K] | None:
    """One cycle as a path ``[a, b, …, a]`` where ``a`` requires ``b``, or None if acyclic."""
    state: dict[K, int] = {}  # 1 = on the current path, 2 = finished
    path: list[K] = []

    def visit(node: K) -> list[K] | None:
        state[node] = 1
        path.append(node)
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in list(edges):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def topological_order[K: Hashable](
    nodes: Iterable[K], edges: Mapping[K, Iterable[K]], *, sort_key: Callable[[K], object]
) -> list[K]:
    """Prerequisites before the steps that need them; ties broken by ``sort_key`` (Kahn).

    ``edges[a]`` lists what ``a`` requires. Edges to nodes outside ``nodes`` are ignored.
    Raises ValueError on a cycle (the catalogue is validated against that on every write).
    """
    members = list(nodes)
    member_set = set(members)
    waiting = {node: {req for req in edges.get(node, ()) if req in member_set} for node in members}
    dependants: dict[K, list[K]] = {node: [] for node in members}
    for node, requirements in waiting.items():
        for req in requirements:
            dependants[req].append(node)
    ready = [
        (sort_key(node), index, node) for index, node in enumerate(members) if not waiting[node]
    ]
    heapq.heapify(ready)
    index_of = {node: index for index, node in enumerate(members)}
    order: list[K] = []
    while ready:
        _, _, node = heapq.heappop(ready)
        order.append(node)
        for dependant in dependants[node]:
            waiting[dependant].discard(node)
            if not waiting[dependant]:
                heapq.heappush(ready, (sort_key(dependant), index_of[dependant], dependant))
    if len(order) != len(members):
        raise ValueError("the step dependencies contain a cycle")
    return order
