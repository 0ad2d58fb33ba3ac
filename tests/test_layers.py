"""Layers point one way: every import, at module level or inside a function, goes down.

Read from the source with ``ast`` (nothing is imported), so a lazy import inside a function
counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rag.config import PROJECT_ROOT

PACKAGES = ("rag", "ingest", "ui", "evals", "benchmarks")
# Bottom first. A module may import modules of its own layer or of a layer below.
RAG_LAYERS: tuple[tuple[str, ...], ...] = (
    ("rag.errors", "rag.schema", "rag.config", "rag.types"),
    ("rag.language", "rag.lexical", "rag.values", "rag.aliases", "rag.annotate", "rag.questions"),
    ("rag.slots", "rag.subjects"),
    ("rag.embed", "rag.reader", "rag.spans"),
    ("rag.store",),
    ("rag.retrieve",),
    ("rag.score",),
    ("rag.compose",),
    ("rag.conflicts",),
    ("rag.assemble",),
    ("rag.api", "rag.suggest"),
    ("rag.explain",),
    ("rag", "rag.cli"),
)
# Packages built on the library: ingest writes the store; ui, evals and benchmarks sit on top.
PACKAGE_MAY_IMPORT = {
    "rag": {"rag"},
    "ingest": {"rag", "ingest"},
    "ui": {"rag", "ingest", "ui"},
    "evals": {"rag", "ingest", "evals"},
    "benchmarks": {"rag", "ingest", "evals", "benchmarks"},
}


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).glob("*.py")):
            name = package if path.stem == "__init__" else f"{package}.{path.stem}"
            found[name] = path
    return found


def imports(path: Path) -> set[str]:
    """The project modules ``path`` imports, anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # "from rag import store" imports the module rag.store.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    known = modules()
    return {n for n in names if n in known}


def _layer(module: str) -> int:
    for i, layer in enumerate(RAG_LAYERS):
        if module in layer:
            return i
    raise AssertionError(f"{module} has no layer: add it to RAG_LAYERS in this test")


@pytest.mark.parametrize("module", sorted(modules()))
def test_a_module_imports_only_what_its_package_may(module: str) -> None:
    package = module.split(".")[0]
    for imported in imports(modules()[module]):
        assert imported.split(".")[0] in PACKAGE_MAY_IMPORT[package], (
            f"{module} imports {imported}: {package}/ may only import "
            f"{sorted(PACKAGE_MAY_IMPORT[package])}"
        )


@pytest.mark.parametrize("module", sorted(m for m in modules() if m.split(".")[0] == "rag"))
def test_the_library_imports_only_downwards(module: str) -> None:
    for imported in imports(modules()[module]):
        if imported == "rag":
            continue
        assert _layer(imported) <= _layer(module), (
            f"{module} (layer {_layer(module)}) imports {imported} (layer {_layer(imported)})"
        )


def test_every_library_module_has_a_layer() -> None:
    for module in modules():
        if module.split(".")[0] == "rag":
            _layer(module)
