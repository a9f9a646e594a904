"""The apps talk to each other through public names only: no module imports a ``_private`` name
(or reaches for one through an imported module) from another app. Read from the source, so a new
violation fails here and not in a review."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "koers"


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "koers" else None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def cross_app_private_uses() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if len(rel.parts) < 2 or "migrations" in rel.parts:
            continue
        app = rel.parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        foreign_modules: dict[str, str] = {}  # local name -> module of another app
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                other = _app_of(node.module)
                if other is None or other == app:
                    continue
                for alias in node.names:
                    if _private(alias.name) or any(_private(p) for p in node.module.split(".")):
                        found.append(f"{rel}:{node.lineno}: {node.module}.{alias.name}")
                    foreign_modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    other = _app_of(alias.name)
                    if other is None or other == app:
                        continue
                    if any(_private(p) for p in alias.name.split(".")):
                        found.append(f"{rel}:{node.lineno}: {alias.name}")
                    if alias.asname:
                        foreign_modules[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in foreign_modules
                and _private(node.attr)
            ):
                found.append(f"{rel}:{node.lineno}: {foreign_modules[node.value.id]}.{node.attr}")
    return found


def test_no_app_uses_a_private_name_of_another_app():
    assert cross_app_private_uses() == []


def test_the_check_sees_a_violation(tmp_path, monkeypatch):
    """The check itself works: a module of one app importing a private name of another fails."""
    app = tmp_path / "reporting"
    app.mkdir()
    (app / "x.py").write_text(
        "from koers.programmes.services import _stamp\n"
        "from koers.programmes import services\n"
        "services._bump(1)\n"
        "from koers.reporting.models import _own  # the same app: allowed\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["SRC"]), "SRC", tmp_path)
    assert cross_app_private_uses() == [
        "reporting/x.py:1: koers.programmes.services._stamp",
        "reporting/x.py:3: koers.programmes.services._bump",
    ]
