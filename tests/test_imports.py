"""Dependencies point one way: the import graph between newsledger's packages has no
cycle, and the pairs issue 19 names go in the allowed direction only.

The graph is read from the source with :mod:`ast`, so imports inside functions and
under ``TYPE_CHECKING`` count as much as those at the top of a module: an import
hidden in a function is still a dependency. ``from newsledger.link import tables``
is an edge to the module ``newsledger.link.tables``; ``from newsledger.link import
Ledger`` one to ``newsledger.link``. A package is the first name under ``newsledger``
(``store``, ``link``, ``records``, ``cli``…).

The root package ``newsledger`` is left out of the graph: it imports nothing at run
time (its API names are re-exported lazily, ``_LAZY``), so it may name any package,
and inside the package it may be imported for ``__version__`` only.

    python tests/test_imports.py      # prints the package graph
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT = "newsledger"

#: Chains of packages in their allowed direction: a package may import those before
#: it in its chain, never those after it.
CHAINS: tuple[tuple[str, ...], ...] = (
    ("records", "annotate", "pipeline", "engine"),
    ("store", "link", "export", "web", "cli"),
)

#: The command line may import anything; nothing imports it.
TOP = "cli"


@cache
def modules() -> dict[str, Path]:
    """``{"newsledger.store.ledger": Path(...), …}`` for every module of the package."""
    found = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _is_package(module: str) -> bool:
    return modules()[module].name == "__init__.py"


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[tuple[str, str]]:
    """``(imported module, imported name or "")`` for one import statement."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, ""
        return
    base = node.module or ""
    if node.level:  # relative: resolve against this module's package
        package = module if _is_package(module) else module.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield (submodule, "") if submodule in modules() else (base, alias.name)


@cache
def module_imports() -> tuple[tuple[str, str, str, int], ...]:
    """(importing module, imported newsledger module, name, line) for every import."""
    found = []
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target, name in _imported(module, node):
                    if target == ROOT or target.startswith(ROOT + "."):
                        found.append((module, target, name, node.lineno))
    return tuple(found)


def package_of(module: str) -> str:
    """``"newsledger.store.ledger"`` -> ``"store"``; the root package is ``""``."""
    return module.split(".")[1] if "." in module else ""


@cache
def package_graph() -> dict[str, dict[str, list[str]]]:
    """``{package: {imported package: ["store/ledger.py:31 imports newsledger.link", …]}}``."""
    graph: dict[str, dict[str, list[str]]] = {package_of(m): {} for m in modules() if package_of(m)}
    for module, target, _, line in module_imports():
        source, dest = package_of(module), package_of(target)
        if source and dest:
            if source != dest:
                where = modules()[module].relative_to(SRC / ROOT)
                graph[source].setdefault(dest, []).append(f"{where}:{line} imports {target}")
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """One cycle through each strongly connected group of packages (Tarjan's)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, set(group)) for group in groups]


def _cycle_in(graph: dict[str, dict[str, list[str]]], group: set[str]) -> list[str]:
    """The shortest path ``a -> b -> … -> a`` from the group's first package back to it."""
    start = min(group)
    paths = [[start]]
    while paths:  # breadth first: every package of the group reaches every other
        path = paths.pop(0)
        for nxt in sorted(n for n in graph[path[-1]] if n in group):
            if nxt == start:
                return [*path, start]
            if nxt not in path:
                paths.append([*path, nxt])
    raise AssertionError(f"{sorted(group)} is not a cycle")


def _explain(graph: dict[str, dict[str, list[str]]], cycle: list[str]) -> str:
    steps = [f"  {a} -> {b}: {graph[a][b][0]}" for a, b in zip(cycle, cycle[1:], strict=False)]
    return " -> ".join(cycle) + "\n" + "\n".join(steps)


def test_the_graph_is_read() -> None:
    graph = package_graph()
    assert {"store", "link", "export", "web", "cli", "records", "annotate"} <= set(graph)
    assert "store" in graph["link"]  # a known edge: the links are stored in the store


def test_no_cycle_between_packages() -> None:
    graph = package_graph()
    found = cycles(graph)
    assert not found, "import cycles between packages:\n" + "\n".join(_explain(graph, c) for c in found)


def test_cycles_are_detected() -> None:
    graph = {"a": {"b": ["x"]}, "b": {"c": ["y"]}, "c": {"a": ["z"]}, "d": {"a": ["w"]}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b": ["x"]}, "b": {}}) == []


def forbidden() -> dict[str, set[str]]:
    """For each package, the packages it must not import (from :data:`CHAINS`, and
    :data:`TOP`, which nothing imports)."""
    banned: dict[str, set[str]] = {}
    for chain in CHAINS:
        for at, package in enumerate(chain):
            banned.setdefault(package, set()).update(chain[at + 1:])
    for package in package_graph():
        if package != TOP:
            banned.setdefault(package, set()).add(TOP)
    return banned


def test_dependencies_point_one_way() -> None:
    graph = package_graph()
    wrong = [f"{source} -> {dest}: {graph[source][dest][0]}"
             for source, banned in sorted(forbidden().items())
             for dest in sorted(banned & set(graph.get(source, {})))]
    assert not wrong, "imports against the allowed direction:\n" + "\n".join(wrong)


def test_the_store_never_imports_the_links_or_the_export() -> None:
    banned = forbidden()
    assert {"link", "export", "web", "cli"} <= banned["store"]
    assert {"export", "web", "cli"} <= banned["link"]
    assert {"web", "cli"} <= banned["export"]


def test_the_root_package_is_imported_for_its_version_only() -> None:
    wrong = [f"{module}:{line} imports {name or 'the module'} from newsledger"
             for module, target, name, line in module_imports()
             if target == ROOT and module != ROOT and name != "__version__"]
    assert not wrong, "\n".join(wrong)


def test_the_web_app_imports_its_routers_never_the_reverse() -> None:
    """app.py builds the app from api.py and pages.py, which share web/deps.py."""
    edges = {(m, t) for m, t, _, _ in module_imports() if m.startswith("newsledger.web")}
    assert {("newsledger.web.app", "newsledger.web.api"), ("newsledger.web.app", "newsledger.web.pages")} <= edges
    back = sorted(m for m, t in edges if t == "newsledger.web.app" and m != "newsledger.web")
    assert not back, f"{back} import newsledger.web.app"
    assert ("newsledger.web.pages", "newsledger.web.api") not in edges


def describe(graph: dict[str, dict[str, list[str]]]) -> str:
    """One line per package: ``link -> annotate, records, store``."""
    return "\n".join(f"{package} -> {', '.join(sorted(graph[package])) or '(nothing)'}"
                     for package in sorted(graph))


if __name__ == "__main__":
    print(describe(package_graph()))  # noqa: T201 (a script's output)
