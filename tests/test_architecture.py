"""The layers of ARCHITECTURE.md, held: no module imports from a layer above its own, and no two
packages import each other."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
LAYERS = [
    {"config", "errors", "collector"},
    {"contract", "importer"},
    {"models"},
    {"storage"},
    {"http"},
    {"kit"},
    {"auth"},
    {"interviews", "questions", "answers", "speakers", "topics", "search", "feeds", "changes", "imports"}
    | {"docs", "home", "operations", "corpus", "pages", "webhooks"},
    {"main", "cli"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def package_imports() -> dict[str, set[str]]:
    """For each top-level part of app/ (a folder or a root module), the other parts it imports."""
    edges: dict[str, set[str]] = defaultdict(set)
    for path in APP.rglob("*.py"):
        part = path.relative_to(APP).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("app."):
                    target = name.split(".")[1]
                    if target != part:
                        edges[part].add(target)
    return edges


def test_every_part_of_app_has_a_layer() -> None:
    parts = {p.name.removesuffix(".py") for p in APP.iterdir() if p.suffix == ".py" or p.is_dir()}
    parts -= {"__init__", "__pycache__"}
    assert parts == set(RANK), "add the new part to ARCHITECTURE.md and to LAYERS here"


def test_no_arrow_points_up() -> None:
    upward = [
        (part, target)
        for part, targets in package_imports().items()
        for target in targets
        if RANK[target] > RANK[part]
    ]
    assert upward == []


def test_no_two_packages_import_each_other() -> None:
    edges = package_imports()
    assert [(a, b) for a in edges for b in edges[a] if a in edges.get(b, set()) and a < b] == []
