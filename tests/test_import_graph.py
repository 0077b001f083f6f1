"""The import graph holds the pipeline's order: no stage imports a later one, and nothing imports in a circle.

Every ``import`` of a ``warmap`` module is read with ``ast`` — at module level and inside
functions alike (a lazy import is still a dependency) — except those under
``if TYPE_CHECKING:``, which name types and make no run-time dependency. A module belongs to
the unit of its first name under ``warmap`` (``warmap.fronts.territory`` → ``fronts``); units
are ranked in pipeline order below, and a unit may import only units ranked before it.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "warmap"

# Units in pipeline order; a unit may import units of earlier rows only.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "paths", "version", "model", "terminal"),  # shared: errors, bundled files, data classes, inert text
    ("languages", "wars", "filecache"),  # shared data: the language packs, the war profile, parsed files kept
    ("sources",),
    ("reading",),
    ("gazetteer",),  # shared by the stages after reading: it looks names up in reading's matching form
    ("spotting",),
    ("resolution",),
    ("chronology",),
    ("fronts",),
    ("join",),  # phases filled with events, fronts and territory
    ("features",),  # the feature collections, their geometry and timespans, the sides' names: read by both below
    ("render", "export"),  # both read the stages' results; neither may import the other
    ("pipeline", "outputs", "campaign", "cli", "batch", "batch_dask", "batch_inputs", "__main__", "warmap"),  # orchestration, the API
]
ORCHESTRATION = set(LAYERS[-1])

# Edges left against the order, each with its reason. Remove an edge from this list when it goes:
# the list may only shrink (test_allowed_edges_still_exist).
ALLOWED: set[tuple[str, str]] = {
    # A circle left: batch_dask is batch's Dask back end and reads batch's items
    # (batch.py was being made robust on another branch).
    ("warmap.batch", "warmap.batch_dask"),
}


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _type_only(tree: ast.AST) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:``."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(child) for statement in node.body for child in ast.walk(statement))
    return inside


def _edges() -> dict[str, set[str]]:
    """module → the warmap modules it imports (``from warmap.x import y`` is warmap.x.y when y is a module)."""
    modules = _modules()
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_only(tree)
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] == "warmap":
                    for alias in node.names:
                        full = f"{node.module}.{alias.name}"
                        edges[name].add(full if full in modules else node.module)
            elif isinstance(node, ast.Import):
                edges[name].update(a.name for a in node.names if a.name.split(".")[0] == "warmap")
            elif isinstance(node, ast.ImportFrom) and node.level:
                raise AssertionError(f"{path}: relative import; the graph reads absolute ones")
    return edges


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "warmap"


def _rank(unit: str) -> int:
    for rank, layer in enumerate(LAYERS):
        if unit in layer:
            return rank
    raise AssertionError(f"warmap/{unit} is in no layer of tests/test_import_graph.py: give it its place")


def test_every_unit_has_a_place_in_the_order() -> None:
    for module in _modules():
        _rank(_unit(module))


def test_no_stage_imports_a_later_one() -> None:
    wrong = []
    for source, targets in sorted(_edges().items()):
        for target in sorted(targets):
            a, b = _unit(source), _unit(target)
            if a == b or (source, target) in ALLOWED:
                continue
            if _rank(b) > _rank(a) or (_rank(b) == _rank(a) and a not in ORCHESTRATION):
                wrong.append(f"{source} imports {target} ({a} may not import {b})")
    assert not wrong, "\n".join(wrong)


def test_render_and_export_do_not_import_each_other() -> None:
    crossing = [
        (source, target)
        for source, targets in _edges().items()
        for target in targets
        if {_unit(source), _unit(target)} == {"render", "export"}
    ]
    assert set(crossing) <= ALLOWED, sorted(set(crossing) - ALLOWED)


def test_no_import_cycles() -> None:
    """No circle among modules (Tarjan's strongly connected components), the allowed edges aside."""
    edges = {m: {t for t in ts if (m, t) not in ALLOWED} for m, ts in _edges().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for module in sorted(_modules()):
        if module not in index:
            visit(module)
    assert not circles, circles


def test_allowed_edges_still_exist() -> None:
    """An allowed edge that has gone must leave the list, so that it cannot come back unnoticed."""
    edges = _edges()
    gone = sorted((a, b) for a, b in ALLOWED if b not in edges.get(a, set()))
    assert not gone, gone


def test_the_graph_sees_lazy_imports() -> None:
    """The reader is not blind to imports inside functions (most of warmap's are)."""
    edges = _edges()
    assert "warmap.pipeline" in edges["warmap.campaign"]  # inside Campaign.from_sources
    assert "warmap.chronology.phases" in edges["warmap.fronts.territory"]  # inside territory_timeline
