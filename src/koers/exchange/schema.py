"""The JSON Schema of format ``koers-programma`` version 2, generated from the data model and the
kinds (:mod:`.kinds`, :mod:`koers.programmes.exchange.schema`), published as a file users can
download (``static/exchange/koers-programma-2.schema.json``, linked from docs/uitwisseling.md) and
used to check every imported file before anything is written.

``koers exchangeschema`` prints it; ``tests/exchange/test_schema.py`` checks that the published
file is the generated one.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from koers.programmes.exchange import Problem
from koers.programmes.exchange import schema as din

from . import kinds as k
from .export import FORMAT_VERSION, HISTORY_SECTION

SCHEMA_FILE = (
    Path(__file__).resolve().parent / "static" / "exchange" / "koers-programma-2.schema.json"
)
SCHEMA_ID = "https://koers.example/static/exchange/koers-programma-2.schema.json"

_POSITIVE = (
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)
_DECIMAL = r"^-?\d+(\.\d+)?$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"


def _field_schema(field: models.Field) -> dict[str, Any]:
    out: dict[str, Any]
    if isinstance(field, models.BooleanField):
        out = {"type": "boolean"}
    elif isinstance(field, models.DecimalField):
        out = {"type": "string", "pattern": _DECIMAL}
    elif isinstance(field, models.DateTimeField):
        out = {"type": "string", "format": "date-time"}
    elif isinstance(field, models.DateField):
        out = {"type": "string", "format": "date", "pattern": _DATE}
    elif isinstance(field, models.IntegerField):
        out = {"type": "integer"}
        if isinstance(
            field,
            models.PositiveIntegerField
            | models.PositiveSmallIntegerField
            | models.PositiveBigIntegerField,
        ):
            out["minimum"] = 0
    elif isinstance(field, models.JSONField):
        out = {}
    else:
        out = {"type": "string"}
        if field.max_length:
            out["maxLength"] = field.max_length
        if field.choices:
            allowed = [str(key) for key, _label in field.flatchoices]
            if field.blank and "" not in allowed:
                allowed.append("")
            out["enum"] = allowed
    if field.null and "type" in out:
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    title = str(field.verbose_name)
    result = {"title": title[:1].upper() + title[1:], **out}
    if field.help_text:
        result["description"] = str(field.help_text)
    return result


def _nullable(schema: dict[str, Any], null: bool) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]} if null else schema


_REF_DEFS = {
    k.USER: {"type": "string", "title": "Gebruikersnaam"},
    k.PERSON: {"$ref": "#/$defs/persoon_sleutel"},
    k.PARTNER: {"type": "string", "title": "Naam van de partnerorganisatie"},
    k.GOAL: {"type": "string", "title": "Code van het operationele doel"},
    k.INDICATOR: {"type": "string", "title": "Code van het operationele doel van de indicator"},
    k.EFFORT: {"type": "string", "title": "Naam van de inspanning"},
    k.SOURCE: {"type": "string", "title": "Naam van de financieringsbron"},
    k.BUDGET_LINE: {"$ref": "#/$defs/begrotingsregel_sleutel"},
    k.DECISION: {"$ref": "#/$defs/besluit_sleutel"},
    k.PROPOSAL: {"$ref": "#/$defs/voorstel_sleutel"},
    k.CROSS_EFFORT: {"$ref": "#/$defs/inspanning_elders"},
    k.CROSS_GOAL: {"$ref": "#/$defs/doel_elders"},
}


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _required(field: models.Field) -> bool:
    return not field.has_default() and not field.blank and not field.null


def kind_schema(kind: k.Kind) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for name, field, ref in kind.keys():
        if ref is not None:
            target = dict(_REF_DEFS[ref.target])
            if ref.many:
                props[name] = {"type": "array", "items": target}
            else:
                props[name] = _nullable(target, field.null)
                if not field.null:
                    required.append(name)
        elif name == "target_id" and kind.model.__name__ == "PendingChange":
            props["target"] = {"title": "Element (natuurlijke sleutel)"}
        else:
            props[name] = _field_schema(field)
            if _required(field):
                required.append(name)
    for child in kind.children:
        props[child.section] = {"type": "array", "items": {"$ref": f"#/$defs/{child.section}"}}
    return _object(props, required)


def din_schema(spec: din.ElementSpec) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    for key in spec.keys:
        if isinstance(key, str):
            field = spec.model_field(key)
            props[key] = _field_schema(field)
            if _required(field):
                required.append(key)
        elif isinstance(key, din.Ref):
            target = (
                {"$ref": "#/$defs/persoon_sleutel"}
                if key.target == din.PERSON
                else {"type": "string"}
            )
            if key.many:
                props[key.key] = {"type": "array", "items": target}
            else:
                props[key.key] = target if key.required else _nullable(target, True)
                if key.required:
                    required.append(key.key)
        else:
            inner = din_schema(key.spec)
            props[key.key] = (
                {"type": "array", "items": inner} if key.many else _nullable(inner, True)
            )
    return _object(props, required)


def build_schema() -> dict[str, Any]:
    with translation.override("nl"):
        defs: dict[str, Any] = {
            "persoon_sleutel": _object(
                {"name": {"type": "string"}, "email": {"type": "string"}}, ["name"]
            ),
            "begrotingsregel_sleutel": _object(
                {
                    "source": {"type": "string"},
                    "year": {"type": "integer"},
                    "effort": {"type": ["string", "null"]},
                    "item": {"type": "string"},
                },
                ["source", "year"],
            ),
            "besluit_sleutel": _object(
                {
                    "date": {"type": "string", "pattern": _DATE},
                    "number": {"type": "string"},
                    "title": {"type": "string"},
                },
                ["date", "number", "title"],
            ),
            "voorstel_sleutel": _object(
                {"title": {"type": "string"}, "created_at": {"type": "string"}},
                ["title", "created_at"],
            ),
            "inspanning_elders": _object(
                {"programme": {"type": "string"}, "name": {"type": "string"}},
                ["programme", "name"],
            ),
            "doel_elders": _object(
                {"programme": {"type": "string"}, "code": {"type": "string"}},
                ["programme", "code"],
            ),
        }
        props: dict[str, Any] = {
            "format": {"const": din.FORMAT},
            "format_version": {"const": FORMAT_VERSION},
        }
        for section in din.SECTIONS:
            defs[section.key] = din_schema(section.spec)
            ref = {"$ref": f"#/$defs/{section.key}"}
            props[section.key] = {"type": "array", "items": ref} if section.many else ref
        for kind in k.all_kinds():
            defs[kind.section] = kind_schema(kind)
        for kind in k.KINDS:
            props[kind.section] = {"type": "array", "items": {"$ref": f"#/$defs/{kind.section}"}}
        props[HISTORY_SECTION] = {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["model", "history_date", "history_type"],
            },
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Koers-programmabestand, formaatversie 2",
        "description": "Een heel programma van Koers; zie docs/uitwisseling.md.",
        "type": "object",
        "properties": props,
        "required": ["format", "format_version", din.PROGRAMME_SECTION.key],
        "additionalProperties": False,
        "$defs": defs,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


@cache
def published_schema() -> dict[str, Any]:
    """The schema as published (the file in static), which is what an import is checked
    against."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validators():
    from jsonschema import Draft202012Validator, FormatChecker

    schema = published_schema()
    whole = Draft202012Validator(schema, format_checker=FormatChecker())
    row_schema = {"$defs": schema["$defs"], "$ref": f"#/$defs/{k.MEASUREMENTS.section}"}
    row = Draft202012Validator(row_schema, format_checker=FormatChecker())
    return whole, row


def _path(base: str, parts) -> str:
    path = base
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path = f"{path}.{part}" if path else str(part)
    return path


def _message(error) -> str:
    from .problems_text import schema_message

    return schema_message(error)


def schema_problems(data: Any, *, base: str = "", row: bool = False) -> list[Problem]:
    """Every place where ``data`` (the header of a file, or one measurement when ``row``) does
    not follow the published schema, as problems with their JSON path."""
    whole, one = _validators()
    validator = one if row else whole
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        if error.validator == "additionalProperties":
            for name in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                problems.append(
                    Problem(_path(base, [*error.absolute_path, name]), _("unknown key"))
                )
            continue
        problems.append(Problem(_path(base, error.absolute_path), _message(error)))
    return problems
