"""Dependencies run one way (DESIGN.md, Architecture): read from the source, so a new
import that breaks the layering fails here rather than in a cycle at start-up."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # src/ipbureau

# The records and what they stand on: they never import the figures built from them, nor
# the work modules and pages above them.
RECORDS = ("regions", "accounts", "audit", "orgs", "patents")
ABOVE_RECORDS = (
    "ipbureau.figures",
    "ipbureau.patents.figures",
    "ipbureau.targets",
    "ipbureau.cases",
    "ipbureau.assistance",
    "ipbureau.dashboard",
    "ipbureau.demo",
)
# The edges that present figures of records (a command and the figures themselves).
RECORD_EDGES = ("patents/figures/", "patents/management/commands/stats.py")
# core.cells: the formula-safe cells of every CSV and Excel file, which import nothing.
SHARED_FIGURES_MAY_IMPORT = (
    "ipbureau.figures",
    "ipbureau.regions",
    "ipbureau.accounts",
    "ipbureau.core.cells",
)


def modules() -> list[Path]:
    return [
        path
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        and path.name != "conftest.py"
    ]  # fmt: skip


def imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported from ipbureau, whether at module level) for each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found += [(name, id(node) in top) for name in names if name.startswith("ipbureau")]
    return found


def where(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_no_module_imports_ipbureau_inside_a_function():
    inner = [
        f"{where(path)}: {name}"
        for path in modules()
        for name, at_top in imports(path)
        if not at_top
    ]
    assert inner == []


def test_no_test_imports_ipbureau_inside_a_function():
    # conftest.py is left out: its session fixtures run before the test database exists.
    tests = [
        path
        for path in PACKAGE.rglob("test_*.py")
        if "tests" in path.parts
    ]  # fmt: skip
    inner = [f"{where(path)}: {name}" for path in tests for name, top in imports(path) if not top]
    assert tests and inner == []


def test_records_never_import_the_figures_or_the_modules_above_them():
    offending = [
        f"{where(path)}: {name}"
        for path in modules()
        if where(path).split("/")[0] in RECORDS and not where(path).startswith(RECORD_EDGES)
        for name, _ in imports(path)
        if name.startswith(ABOVE_RECORDS)
    ]
    assert offending == []


def test_the_shared_figures_package_imports_no_domain():
    offending = [
        f"{where(path)}: {name}"
        for path in modules()
        if where(path).startswith("figures/")
        for name, _ in imports(path)
        if not name.startswith(SHARED_FIGURES_MAY_IMPORT)
    ]
    assert offending == []


def test_the_cells_module_imports_nothing_of_ipbureau():
    # Records, figures and imports all write through it; an import here would tie them.
    assert imports(PACKAGE / "core" / "cells.py") == []


def test_the_checks_see_the_code_they_guard():
    # A path mistake would make every check above pass on nothing.
    checked = {where(path) for path in modules()}
    assert {
        "patents/importer/writer.py",
        "patents/counts/services.py",
        "figures/periods.py",
    } <= checked
    assert ("ipbureau.patents.counts.services", True) in imports(
        PACKAGE / "patents" / "importer" / "writer.py"
    )
