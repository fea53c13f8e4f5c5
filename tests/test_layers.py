"""The core never imports Qt: catalogue/ and exchange/ run on machines with no display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ccn_desktop"


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ["catalogue", "exchange", "geo"])
def test_core_modules_do_not_import_qt(layer: str) -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in imported_modules(path) if n.startswith("PySide6")
        )
        for path in (PACKAGE / layer).rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_opening_a_catalogue_loads_no_qt(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from ccn_desktop.catalogue.facade import Catalogue\n"
        "from ccn_desktop.paths import DataPaths\n"
        f"Catalogue.open(DataPaths.in_folder({str(tmp_path)!r}), starter=False).close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_widgets_run_no_sql() -> None:
    offenders = {
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "ui").rglob("*.py")
        if {"sqlalchemy", "sqlite3"} & {name.split(".")[0] for name in imported_modules(path)}
    }
    assert offenders == set()


def test_the_catalogue_does_not_import_the_exchange() -> None:
    """Exchange builds on the catalogue, never the other way round."""
    offenders = {
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "catalogue").rglob("*.py")
        if any(name.startswith("ccn_desktop.exchange") for name in imported_modules(path))
    }
    assert offenders == set()


def _catalogue_imports() -> dict[str, set[str]]:
    """Module -> the catalogue modules it imports (anywhere: top, functions, TYPE_CHECKING)."""
    prefix = "ccn_desktop.catalogue."
    graph = {}
    for path in (PACKAGE / "catalogue").glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "ccn_desktop.catalogue":
                names.update(prefix + alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom | ast.Import):
                modules = [node.module] if isinstance(node, ast.ImportFrom) else [
                    alias.name for alias in node.names
                ]  # fmt: skip
                names.update(m for m in modules if m and m.startswith(prefix))
        graph[prefix + path.stem] = names - {prefix + path.stem}
    return graph


def test_no_import_cycles_inside_the_catalogue() -> None:
    """Each module of catalogue/ can be read after the ones it imports (issue 13)."""
    graph = _catalogue_imports()
    cycles = []
    for start in graph:
        path, seen = [start], set()
        stack = [(start, iter(sorted(graph[start])))]
        while stack:
            _node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
            elif child == start:
                cycles.append(" → ".join([*path, child]))
                break
            elif child in graph and child not in seen:
                seen.add(child)
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    assert cycles == []
