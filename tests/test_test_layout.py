"""The layout of the tests themselves: fixtures live in conftest files, and no
test module imports another test module or a conftest.

A test module (``test_*.py``) defines no fixture and imports from ``tests``
only ``tests.builders``, ``tests.factories`` and ``tests.support``; helpers a
fixture needs go into its conftest, or into tests/support/ (or
tests/builders.py) when test modules or several conftests need them. No file
under tests/ imports a test module or a conftest.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ALLOWED = ("tests.builders", "tests.factories", "tests.support")


def _python_files() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(TESTS.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _is_test_module(path: Path) -> bool:
    return path.name.startswith("test_")


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(TESTS.parent)}:{node.lineno}"


def _is_fixture(decorator: ast.expr) -> bool:
    """``@pytest.fixture``, ``@pytest.fixture(...)``, ``@fixture`` or ``@fixture(...)``."""
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if isinstance(target, ast.Attribute):
        return target.attr == "fixture"
    return isinstance(target, ast.Name) and target.id == "fixture"


def _imported_modules(path: Path, tree: ast.Module) -> Iterator[tuple[ast.stmt, str]]:
    """Every module an import statement in ``path`` names, relative imports resolved."""
    package = list(path.relative_to(TESTS.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node, module
            # ``from tests import conftest`` or ``from . import test_x`` name modules too.
            for alias in node.names:
                yield node, f"{module}.{alias.name}"


def _names_tests(module: str) -> bool:
    return module == "tests" or module.startswith("tests.")


def _allowed(module: str) -> bool:
    return any(module == allowed or module.startswith(f"{allowed}.") for allowed in ALLOWED)


def _is_test_module_or_conftest(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "conftest" or last.startswith("test_")


def test_no_test_module_defines_a_fixture() -> None:
    found = [
        f"{_where(path, node)}: fixture `{node.name}` (move it to a conftest.py)"
        for path, tree in _python_files()
        if _is_test_module(path)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and any(_is_fixture(decorator) for decorator in node.decorator_list)
    ]

    if found:
        pytest.fail("fixtures in test modules:\n" + "\n".join(found), pytrace=False)


def test_test_modules_import_only_builders_factories_and_support() -> None:
    found = []
    for path, tree in _python_files():
        wrong: dict[ast.stmt, list[str]] = {}
        for node, module in _imported_modules(path, tree):
            if not _names_tests(module) or module == "tests":
                continue
            if _is_test_module_or_conftest(module) or (
                _is_test_module(path) and not _allowed(module)
            ):
                wrong.setdefault(node, []).append(module)
        for node, modules in wrong.items():
            # Name the test module or conftest if the statement names one.
            named = [m for m in modules if _is_test_module_or_conftest(m)] or modules
            found.append(f"{_where(path, node)}: imports {named[0]}")

    if found:
        pytest.fail(
            "imports from tests that a test may not make:\n" + "\n".join(found), pytrace=False
        )
