"""The package reads as the pipeline: stage folders, no stage importing a later one, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "briefgen"

#: Stages in pipeline order. A module may import its own stage and earlier ones only;
#: build/ (orchestration), api.py and cli.py sit above every stage.
ORDER = (
    ("errors", "reproducible", "files", "fonts", "i18n"),
    ("brief",),
    ("audience",),
    ("document",),
    ("render",),
    ("export",),
    ("check",),
    ("build",),
    ("api", "cli", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(ORDER) for name in names}
#: The only modules directly under src/briefgen/ (everything else lives in a stage folder).
TOP_LEVEL = {"__init__", "__main__", "api", "cli", "errors", "reproducible"}


def _modules() -> dict[str, Path]:
    """Dotted module name (without ``briefgen.``) -> file."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    """Every ``briefgen`` module ``path`` imports, at any depth (functions included)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "briefgen":
                names.update(alias.name for alias in node.names)
            elif node.module.startswith("briefgen."):
                module = node.module.removeprefix("briefgen.")
                names.add(module)
                names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix("briefgen.") for a in node.names
                         if a.name.startswith("briefgen."))  # fmt: skip
    return names


def _stage(module: str) -> str:
    return module.split(".")[0]


MODULES = _modules()


def test_only_the_cli_the_api_and_the_foundation_sit_at_the_top() -> None:
    flat = {name for name, path in MODULES.items() if path.parent == PACKAGE}
    assert flat <= TOP_LEVEL, f"flat modules outside a stage: {sorted(flat - TOP_LEVEL)}"
    stages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert stages == {name for names in ORDER for name in names} - TOP_LEVEL


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_stage_imports_a_later_one(module: str) -> None:
    own = RANK.get(_stage(module), RANK["api"])  # __init__ names the API
    later = sorted(
        name
        for name in _imports(MODULES[module])
        if name in MODULES and _stage(name) in RANK and RANK[_stage(name)] > own
    )
    assert not later, f"{module} (stage {_stage(module)}) imports later stages: {later}"


def test_no_import_cycles() -> None:
    graph = {m: {n for n in _imports(p) if n in MODULES and n != m} for m, p in MODULES.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target] if target in path else [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_every_module_says_what_it_holds() -> None:
    missing = [
        m for m, path in MODULES.items() if not ast.get_docstring(ast.parse(path.read_text()))
    ]
    assert not missing, f"modules without a docstring: {missing}"
