"""The dependency direction of docs/architecture.md, checked on the source: models/ imports none of
ours; training/ and service/ use models/ but not each other; agent_ui/ reaches the service over HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OURS = {"models", "service", "training", "agent_ui", "replydesk"}
ALLOWED = {
    "models": {"models"},
    "training": {"models", "training", "replydesk"},
    "service": {"models", "service", "replydesk"},
    "agent_ui": {"agent_ui", "replydesk"},
}


def _imported_packages(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OURS


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_dependencies_point_one_way(package: str):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    wrong = {
        str(f.relative_to(ROOT)): sorted(_imported_packages(f) - ALLOWED[package])
        for f in files
        if _imported_packages(f) - ALLOWED[package]
    }
    assert not wrong, f"{package}/ imports what it must not: {wrong}"


def test_agent_ui_never_imports_the_ml_stack():
    heavy = {"torch", "transformers", "sklearn", "sqlalchemy"}
    for f in (ROOT / "agent_ui").rglob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        names = {
            (n.module or "").split(".")[0] if isinstance(n, ast.ImportFrom) else a.name.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, ast.Import | ast.ImportFrom)
            for a in (n.names if isinstance(n, ast.Import) else [n])
        }
        assert not names & heavy, f"{f} imports {names & heavy}"
