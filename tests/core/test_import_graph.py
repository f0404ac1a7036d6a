"""The imports of cxdesk go one way: each layer of the core imports only the layers below
it, the core never imports the desktop app, and nothing imports in a cycle, not even
through imports hidden inside functions.

The graph is read from the source with :mod:`ast` (nothing is imported), so it sees every
import, where it is written:

* ``module level``: the statements that run when the module is imported (also inside a
  top-level ``try`` or ``if``, but not ``if TYPE_CHECKING:``, which never runs);
* ``anywhere``: those and the imports inside functions and classes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import cxdesk

PACKAGE = Path(cxdesk.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(body: list[ast.stmt], *, nested: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of ``body``; with ``nested``, inside functions and classes too."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _imports(node.body, nested=nested)
            yield from _imports(node.orelse, nested=nested)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _imports(block, nested=nested)
            for handler in node.handlers:
                yield from _imports(handler.body, nested=nested)
        elif isinstance(node, ast.For | ast.While):
            yield from _imports(node.body + node.orelse, nested=nested)
        elif isinstance(node, ast.With) or (
            nested and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        ):
            yield from _imports(node.body, nested=nested)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The cxdesk modules an import statement loads (``from pkg import mod`` loads pkg.mod)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:  # relative: from the importing module's package
            package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        names = [base] + [f"{base}.{alias.name}" for alias in node.names]
    for name in names:
        if name in MODULES:
            yield name


def import_graph(*, nested: bool) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        edges = {t for node in _imports(tree.body, nested=nested) for t in _targets(module, node)}
        graph[module] = edges - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
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
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _within(graph: dict[str, set[str]], prefix: str) -> dict[str, set[str]]:
    inside = {m for m in graph if m == prefix or m.startswith(prefix + ".")}
    return {m: graph[m] & inside for m in inside}


#: Core modules that start the desktop app, and so import it inside a function: ``cxdesk
#: gui`` and the self-test, which opens the main window of the frozen build; and ``cxdesk
#: key bureau-file``, which prints the bureau's A4 notice to PDF with Qt's printing (the
#: same page the desktop app prints).
LAUNCHERS = {"cxdesk.commands.gui", "cxdesk.selftest", "cxdesk.commands.keys"}


def _is_ui(module: str) -> bool:
    return module == "cxdesk.ui" or module.startswith("cxdesk.ui.")


def _ui_imports(graph: dict[str, set[str]]) -> set[str]:
    return {m for m, targets in graph.items() if not _is_ui(m) and any(map(_is_ui, targets))}


def test_the_core_never_imports_the_desktop_app() -> None:
    assert _ui_imports(import_graph(nested=False)) == set()
    assert _ui_imports(import_graph(nested=True)) == LAUNCHERS


def test_storage_imports_go_one_way() -> None:
    storage = _within(import_graph(nested=True), "cxdesk.storage")
    assert "cxdesk.storage.db" in storage and "cxdesk.storage.server.schema" in storage
    assert cycles(storage) == []


def test_bureau_imports_go_one_way() -> None:
    """The bureau's modules have no cycle, imports inside functions included: the shared
    vocabulary (outcomes, package layout, submission helpers) lives in leaf modules that the
    collector, the intake, the county package and the held list all import."""
    bureau = _within(import_graph(nested=True), "cxdesk.bureau")
    assert "cxdesk.bureau.intake" in bureau["cxdesk.bureau.collect"]
    assert cycles(bureau) == []


def test_the_bureaus_vocabulary_is_made_of_leaves() -> None:
    graph = import_graph(nested=True)
    for leaf in ("outcomes", "package_layout", "submissions"):
        imported = {t for t in graph[f"cxdesk.bureau.{leaf}"] if t.startswith("cxdesk.bureau")}
        assert imported == set(), leaf


def test_storage_imports_only_the_bottom_of_the_core() -> None:
    allowed: tuple[str, ...] = ("cxdesk.storage", "cxdesk.errors", "cxdesk.i18n", "cxdesk.paths")
    allowed += ("cxdesk.models", "cxdesk.changelog")
    graph = import_graph(nested=True)
    outside = {
        (m, t)
        for m, targets in _within(graph, "cxdesk.storage").items()
        for t in graph[m]
        if not t.startswith(allowed) and t != "cxdesk"
    }
    assert outside == set()


def test_no_cycle_at_module_level_in_the_whole_package() -> None:
    assert cycles(import_graph(nested=False)) == []


def _in(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_no_cycle_in_the_whole_package_not_even_through_imports_inside_functions() -> None:
    assert cycles(import_graph(nested=True)) == []


#: The layers of the package, bottom up (docs/architecture.md): a module imports its own
#: layer and those below, never one above, not even inside a function.  Top-level modules
#: are named one by one, so that a new one has to be placed here.
LAYERS: tuple[tuple[str, ...], ...] = (
    # the leaf modules: shared vocabulary, no database; they import each other
    (
        *("cxdesk", "cxdesk.errors", "cxdesk.i18n", "cxdesk.paths", "cxdesk.reference"),
        *("cxdesk.validation", "cxdesk.typed_dates", "cxdesk.safe_text", "cxdesk.logs"),
        "cxdesk.percentage",
    ),
    ("cxdesk.models", "cxdesk.changelog"),
    ("cxdesk.storage",),
    # a school's records as of a date, its figures, the rules that check them
    ("cxdesk.as_of", "cxdesk.school_records", "cxdesk.school_snapshot"),
    ("cxdesk.period_records", "cxdesk.figures", "cxdesk.checks"),
    ("cxdesk.services",),
    ("cxdesk.standards",),
    ("cxdesk.workbook",),
    ("cxdesk.exchange",),
    ("cxdesk.bureau",),
    ("cxdesk.sample",),
    ("cxdesk.cli", "cxdesk.commands", "cxdesk.selftest", "cxdesk.__main__"),
    ("cxdesk.ui",),
)


def layer_of(module: str) -> int:
    """The layer of ``module`` (its longest matching prefix)."""
    matches = [
        (len(prefix), n)
        for n, layer in enumerate(LAYERS)
        for prefix in layer
        if _in(module, prefix) and (prefix != "cxdesk" or module == "cxdesk")
    ]
    assert matches, f"{module} has no layer: add it to LAYERS (and docs/architecture.md)"
    return max(matches)[1]


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_each_layer_imports_only_those_below_it() -> None:
    """So checks never import services, exchange never the bureau, the core never the app
    (but for the launchers, above)."""
    graph = import_graph(nested=True)
    upward = {
        (m, t)
        for m, targets in graph.items()
        for t in targets
        if layer_of(t) > layer_of(m) and not (m in LAUNCHERS and _is_ui(t))
    }
    assert upward == set()
    assert layer_of("cxdesk.checks.engine") < layer_of("cxdesk.services.school_checks")
    assert layer_of("cxdesk.exchange.replies") < layer_of("cxdesk.bureau.intake")
    assert layer_of("cxdesk.storage.server.engine") == layer_of("cxdesk.storage")


def test_the_graph_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    # Imports inside functions are seen only when asked for.
    assert "cxdesk.ui.desktop" in import_graph(nested=True)["cxdesk.commands.gui"]
    assert "cxdesk.ui.desktop" not in import_graph(nested=False)["cxdesk.commands.gui"]


#: The desktop app's three wings (docs/architecture.md, "Desktop app").
SHELL, SCHOOL, BUREAU = "cxdesk.ui.shell", "cxdesk.ui.school", "cxdesk.ui.bureau"


def _wing_edges(graph: dict[str, set[str]], source: str, target: str) -> set[tuple[str, str]]:
    inside = _within(graph, source)
    return {(m, t) for m in inside for t in graph[m] if t == target or t.startswith(target + ".")}


def test_the_wings_of_the_desktop_app_stay_apart() -> None:
    # Imports inside functions count too: a page is loaded lazily, but still belongs.
    graph = import_graph(nested=True)
    assert _within(graph, SHELL) and _within(graph, SCHOOL) and _within(graph, BUREAU)
    assert _wing_edges(graph, SCHOOL, BUREAU) == set()
    assert _wing_edges(graph, BUREAU, SCHOOL) == set()
    assert _wing_edges(graph, SHELL, SCHOOL) == set()
    assert _wing_edges(graph, SHELL, BUREAU) == set()


def test_every_module_of_the_desktop_app_is_in_a_wing() -> None:
    # Only the package itself and the module that puts the shell and its wings together.
    loose = {m for m in MODULES if _is_ui(m) and not m.startswith((SHELL, SCHOOL, BUREAU))}
    assert loose == {"cxdesk.ui", "cxdesk.ui.desktop"}


def test_the_graph_sees_an_edge_between_wings() -> None:
    graph = {"cxdesk.ui.school.a": {"cxdesk.ui.bureau.b"}, "cxdesk.ui.bureau.b": set()}
    assert _wing_edges(graph, SCHOOL, BUREAU) == {("cxdesk.ui.school.a", "cxdesk.ui.bureau.b")}
