"""The shape of the code: short functions, modules of a readable size, no import cycles,
and no stage reaching up into the pipeline or the batch driver.

Known exceptions live in DEBT below, each owned by an open issue; an entry that no
longer applies fails the test too, so the list only shrinks.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "dateline"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600
# The drivers above the stages: no stage package imports them.
DRIVERS = {"dateline.pipeline", "dateline.batch", "dateline.cli", "dateline.api", "dateline.web"}
STAGES = ("ingest", "nlp", "time", "geo", "quantity", "entities", "events", "verify", "store", "query", "export")

DEBT: dict[str, set[str]] = {
    "functions": set(),
    "modules": set(),
    "cycles": set(),
    "upward": set(),
}


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(SRC.rglob("*.py")):
        rel = p.relative_to(SRC.parent).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Dateline modules imported anywhere in the file (function-level imports included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(name, path, known) for name, path in mods.items()}


def test_functions_are_short():
    long = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    long.add(f"{path.relative_to(SRC).as_posix()}:{node.name}")
    assert long - DEBT["functions"] == set(), f"functions over {MAX_FUNCTION_LINES} lines"
    assert DEBT["functions"] - long == set(), "fixed: remove these from DEBT"


def test_modules_are_readable():
    big = {
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if p.read_text(encoding="utf-8").count("\n") > MAX_MODULE_LINES
    }
    assert big - DEBT["modules"] == set(), f"modules over {MAX_MODULE_LINES} lines"
    assert DEBT["modules"] - big == set(), "fixed: remove these from DEBT"


def _cycles(graph: dict[str, set[str]]) -> set[str]:
    """Pairs of modules that reach each other (one line per strongly connected pair)."""
    reach: dict[str, set[str]] = {}
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            m = todo.pop()
            if m not in seen:
                seen.add(m)
                todo.extend(graph.get(m, ()))
        reach[start] = seen
    # A package __init__ re-exporting its modules is not a cycle of logic.
    return {
        f"{a} <-> {b}"
        for a in graph
        for b in reach[a]
        if a < b and a in reach[b] and not b.startswith(a + ".") and not a.startswith(b + ".")
    }


def test_no_import_cycles():
    graph = {
        m: {d for d in deps if not (m.startswith(d + ".") or d.startswith(m + "."))} for m, deps in _graph().items()
    }
    found = _cycles(graph)
    assert found - DEBT["cycles"] == set()
    assert DEBT["cycles"] - found == set(), "fixed: remove these from DEBT"


def test_stages_do_not_import_the_drivers():
    upward = set()
    for name, deps in _graph().items():
        if name.count(".") and name.split(".")[1] in STAGES:
            for d in deps:
                if any(d == x or d.startswith(x + ".") for x in DRIVERS):
                    upward.add(f"{name} -> {d}")
    assert upward - DEBT["upward"] == set()
    assert DEBT["upward"] - upward == set(), "fixed: remove these from DEBT"
