"""The package's shape (docs/architecture.md): imports flow one way and no module grows too long.

Imports are read with ``ast`` from the source, at module level and inside
functions alike: a lazy import hides a cycle from Python's import system,
not from the design.  ``from pkg import name`` depends on the module
``pkg.name`` when there is one, else on ``pkg`` itself (its ``__init__``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import storyline

PACKAGE = Path(storyline.__file__).parent
MAX_LINES = 600  # TEAM.md: no module over 600 lines
# The layers of docs/architecture.md, lowest first: a module imports only its own layer and
# those below it.  "storyline" alone is the package's __init__, the public Python API.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("storyline.version", "storyline.errors", "storyline.model", "storyline.settings",
                    "storyline.langs", "storyline.contract", "storyline.safe_text", "storyline.windows",
                    "storyline.normalize", "storyline.memory", "storyline.regex_guard",
                    "storyline.linear")),
    ("ingest", ("storyline.ingest",)),
    ("dates", ("storyline.dates",)),
    ("clean", ("storyline.clean",)),
    ("language", ("storyline.langid",)),
    ("extract", ("storyline.extract",)),
    ("semantic", ("storyline.embed", "storyline.story_model", "storyline.data")),
    ("pipeline", ("storyline.pipeline",)),
    ("store", ("storyline.store",)),
    ("resolve", ("storyline.resolve",)),
    ("cluster", ("storyline.cluster",)),
    ("collection", ("storyline.collection",)),
    ("api", ("storyline.api", "storyline", "storyline.watch")),
    ("stories", ("storyline.stories",)),
    ("views", ("storyline.export", "storyline.render", "storyline.web", "storyline.cli",
               "storyline.commands", "storyline.progress", "storyline.spark", "storyline.evaluate",
               "storyline.__main__")),
)  # fmt: skip
# SQL that writes: the read-side query package must contain none.
_WRITE_SQL = re.compile(
    r"\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\s+(INTO|OR|FROM|TABLE|INDEX|\w+\s+SET)\b"
)


def modules(root: Path, package: str) -> dict[str, Path]:
    """``{dotted name: file}`` of every ``.py`` file below ``root`` (``__init__`` names its package)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: Mapping[str, Path]) -> set[str]:
    """The modules of ``known`` that module ``name`` imports anywhere in its source."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, is_package, node)
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in known:
                    out.add(target)
                elif base in known:
                    out.add(base)
    out.discard(name)
    return out


def _absolute(name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = name.split(".") if is_package else name.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    known = modules(root, package)
    return {name: imports(name, path, known) for name, path in known.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _describe(graph: Mapping[str, set[str]], component: list[str]) -> Iterator[str]:
    for name in component:
        inside = sorted(graph[name] & set(component))
        yield f"  {name} -> {', '.join(inside)}"


def test_no_import_cycle_among_storyline_modules() -> None:
    graph = import_graph(PACKAGE, "storyline")
    found = cycles(graph)
    report = "\n".join(line for component in found for line in ("cycle:", *_describe(graph, component)))
    assert not found, f"import cycles (docs/architecture.md says which way imports flow):\n{report}"


def layer_of(module: str) -> int | None:
    """Index in :data:`LAYERS` of the longest prefix naming ``module`` (None: in no layer)."""
    found = [
        (len(prefix), i)
        for i, (_, prefixes) in enumerate(LAYERS)
        for prefix in prefixes
        if module == prefix or (prefix != "storyline" and module.startswith(prefix + "."))
    ]
    return max(found)[1] if found else None


def test_imports_go_down_the_layers() -> None:
    graph = import_graph(PACKAGE, "storyline")
    layers = {name: layer_of(name) for name in graph}
    assert not [m for m, n in layers.items() if n is None], "modules in no layer: add them to LAYERS"
    upward = [
        f"{a} ({LAYERS[la][0]}) imports {b} ({LAYERS[lb][0]})"
        for a, targets in sorted(graph.items())
        for b in sorted(targets)
        if (la := layers[a]) is not None and (lb := layers[b]) is not None and lb > la
    ]
    assert not upward, "imports against the layering of docs/architecture.md:\n" + "\n".join(upward)


def test_no_module_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(PACKAGE.parent)): n
        for path in modules(PACKAGE, "storyline").values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines (split them along what they do): {long}"


def test_read_side_queries_write_nothing() -> None:
    """``storyline.stories`` only reads: the write side lives in ``storyline.collection``."""
    writes = []
    for path in sorted((PACKAGE / "stories").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _WRITE_SQL.search(node.value)
            ):
                writes.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    assert not writes, writes


def test_lazy_and_relative_imports_make_cycles_too(tmp_path: Path) -> None:
    """The checker itself: a cycle through a function-level relative import is found."""
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("def f():\n    from .. import a\n    return a\n")
    (pkg / "c.py").write_text("import pkg.a\n")
    graph = import_graph(pkg, "pkg")
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ("INSERT INTO events VALUES (?)", True),
        ("UPDATE entities SET actor_id = ?", True),
        ("INSERT OR REPLACE INTO fingerprints VALUES (?)", True),
        ("DELETE FROM story_articles", True),
        ("SELECT id FROM events WHERE date IS NOT NULL ORDER BY id", False),
        ("count(DISTINCT CASE WHEN counts = 1 THEN article_id END)", False),
    ],
)
def test_write_sql_pattern(sql: str, writes: bool) -> None:
    assert bool(_WRITE_SQL.search(sql)) is writes
