"""Settings read from the environment, each declared with its help text.

Every setting Koers reads from the environment is declared here through :func:`config`, so that
``koers configdocs`` can write ``docs/configuration.md`` from the code and a test can check that
the document is up to date (the approach of Open Zaak).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EnvVar:
    name: str
    default: Any
    help_text: str
    group: str


REGISTRY: dict[str, EnvVar] = {}

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"Ongeldige waarde {value!r}: gebruik true/false.")


def _to_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


CASTS: dict[type, Callable[[str], Any]] = {bool: _to_bool, list: _to_list, int: int, str: str}


def config(name: str, default: Any, *, help_text: str, group: str = "Algemeen") -> Any:
    """Read ``name`` from the environment, cast to the type of ``default``, and register it."""
    REGISTRY[name] = EnvVar(name=name, default=default, help_text=help_text, group=group)
    raw = os.environ.get(name)
    if raw is None:
        return default
    cast = CASTS.get(type(default), str)
    try:
        return cast(raw)
    except ValueError as exc:
        raise SystemExit(f"Omgevingsvariabele {name}: {exc}") from exc


def render_markdown() -> str:
    """The configuration reference as Markdown (written to docs/configuration.md)."""
    lines = [
        "# Configuratie",
        "",
        "Koers leest al zijn instellingen uit omgevingsvariabelen. Dit document is gegenereerd",
        "met `koers configdocs`; een test controleert dat het overeenkomt met de code.",
        "",
    ]
    groups: dict[str, list[EnvVar]] = {}
    for var in REGISTRY.values():
        groups.setdefault(var.group, []).append(var)
    for group, variables in groups.items():
        lines += [f"## {group}", "", "| variabele | standaard | betekenis |", "|---|---|---|"]
        for var in variables:
            default = var.default
            if isinstance(default, bool):
                default = "true" if default else "false"
            elif isinstance(default, list):
                default = ",".join(default)
            shown = f"`{default}`" if default not in ("", None) else "(leeg)"
            lines.append(f"| `{var.name}` | {shown} | {var.help_text} |")
        lines.append("")
    return "\n".join(lines)
