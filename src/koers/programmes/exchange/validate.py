"""Checking the data of a programme file completely, without the database: structure, values
against the model fields, the models' own rules and the references between elements; every
problem is collected with its JSON path."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..constants import GoalKind
from .export import decimal_to_str
from .problems import Problem, _show
from .schema import (
    EFFORT,
    EFFORTS_SECTION,
    FORMAT,
    FORMAT_VERSION,
    LINKS_SECTION,
    OPERATIONAL_GOAL,
    OPERATIONAL_GOALS_SECTION,
    PARTNER,
    PARTNERS_SECTION,
    PEOPLE_SECTION,
    PERSON,
    PERSON_KEY_FIELDS,
    ROLES_SECTION,
    SECTIONS,
    STRATEGIC_GOAL,
    STRATEGIC_GOALS_SECTION,
    TRACK,
    TRACKS_SECTION,
    ElementSpec,
    Nested,
    Ref,
)

_INVALID: Any = object()  # a value that did not pass; its problem has been reported
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass
class _Item:
    """A checked element: model field values, references (natural keys) and nested elements."""

    path: str
    fields: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, Any] = field(default_factory=dict)
    nested: dict[str, Any] = field(default_factory=dict)

    def keys(self) -> set[str]:
        return set(self.fields) | set(self.refs) | set(self.nested)


@dataclass
class _Checked:
    programme: _Item
    sections: dict[str, list[_Item]]


def _validation_problems(exc: ValidationError, item: _Item) -> list[Problem]:
    """A service's ValidationError as problems at the paths of the element and its fields."""
    if not hasattr(exc, "error_dict"):
        return [Problem(item.path, m) for m in exc.messages]
    problems = []
    keys = item.keys()
    for name, messages in exc.message_dict.items():
        if name.startswith("indicator-"):
            path = f"{item.path}.indicator.{name.removeprefix('indicator-')}"
        elif name != NON_FIELD_ERRORS and name in keys:
            path = f"{item.path}.{name}"
        else:
            path = item.path
        problems.extend(Problem(path, m) for m in messages)
    return problems


def _is_required(model_field: models.Field) -> bool:
    return not model_field.has_default() and not model_field.blank


def _default(model_field: models.Field) -> Any:
    value = model_field.get_default()
    return str(value) if isinstance(value, str) else value  # TextChoices members → plain str


class _Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, Any, str]] = []  # (target, natural key, path)

    def add(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # scalars

    def scalar(self, obj: dict[str, Any], name: str, model_field: models.Field, path: str) -> Any:
        child = f"{path}.{name}"
        if name not in obj:
            if _is_required(model_field):
                self.add(child, _("is missing"))
                return _INVALID
            return _default(model_field)
        value = obj[name]
        if value is None:
            if model_field.null:
                return None
            self.add(child, _("may not be null"))
            return _INVALID
        value = self.convert(value, model_field, child)
        if value is _INVALID:
            return _INVALID
        if isinstance(value, str) and "\x00" in value:
            self.add(child, _("contains a NUL character (\\u0000), which is not allowed in text"))
            return _INVALID
        if model_field.choices:
            allowed = [str(key) for key, _label in model_field.flatchoices]
            if value not in allowed and not (value == "" and model_field.blank):
                self.add(
                    child,
                    _("%(value)s is not one of the allowed values: %(allowed)s")
                    % {
                        "value": _show(value),
                        "allowed": ", ".join(_show(a) for a in allowed if a != ""),
                    },
                )
                return _INVALID
        try:
            value = model_field.clean(value, None)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(child, f"{_show(value)}: {message}" if value != "" else message)
            return _INVALID
        return value

    def convert(self, value: Any, model_field: models.Field, path: str) -> Any:
        if isinstance(model_field, models.DateField):
            if isinstance(value, str) and _DATE_RE.match(value):
                try:
                    return date.fromisoformat(value)
                except ValueError:
                    pass
            self.add(
                path, _("%(value)s is not a date (write YYYY-MM-DD)") % {"value": _show(value)}
            )
            return _INVALID
        if isinstance(model_field, models.DecimalField):
            number: Decimal | None = None
            if isinstance(value, str) and _DECIMAL_RE.match(value):
                number = Decimal(value)
            elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                try:
                    number = Decimal(value)
                except InvalidOperation:  # pragma: no cover - parse_float gives finite values
                    number = None
            if number is None or not number.is_finite():
                self.add(path, _("%(value)s is not a number") % {"value": _show(value)})
                return _INVALID
            return Decimal(decimal_to_str(number))
        if isinstance(model_field, models.IntegerField):
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            self.add(path, _("%(value)s is not a whole number") % {"value": _show(value)})
            return _INVALID
        if isinstance(value, str):
            return value
        self.add(path, _("%(value)s is not text") % {"value": _show(value)})
        return _INVALID

    # references

    def ref_value(self, value: Any, target: str, path: str) -> Any:
        if target == PERSON:
            if not isinstance(value, dict):
                self.add(
                    path,
                    _('%(value)s is not a person (write {"name": …, "email": …})')
                    % {"value": _show(value)},
                )
                return _INVALID
            for key in value:
                if key not in PERSON_KEY_FIELDS:
                    self.add(f"{path}.{key}", _("unknown key"))
            name, email = value.get("name", _INVALID), value.get("email", "")
            if name is _INVALID:
                self.add(f"{path}.name", _("is missing"))
            elif not isinstance(name, str) or not name:
                self.add(f"{path}.name", _("%(value)s is not a name") % {"value": _show(name)})
                name = _INVALID
            if not isinstance(email, str):
                self.add(f"{path}.email", _("%(value)s is not text") % {"value": _show(email)})
                email = _INVALID
            if name is _INVALID or email is _INVALID:
                return _INVALID
            key = (name, email)
        else:
            if not isinstance(value, str) or not value:
                self.add(
                    path,
                    _("%(value)s is not a code or name (write it as text)")
                    % {"value": _show(value)},
                )
                return _INVALID
            key = value
        self.refs.append((target, key, path))
        return key

    def ref(self, obj: dict[str, Any], ref: Ref, path: str) -> Any:
        child = f"{path}.{ref.key}"
        if ref.key not in obj:
            if ref.required:
                self.add(child, _("is missing"))
                return _INVALID
            return [] if ref.many else None
        value = obj[ref.key]
        if ref.many:
            if not isinstance(value, list):
                self.add(child, _("%(value)s is not a list") % {"value": _show(value)})
                return _INVALID
            keys = [self.ref_value(v, ref.target, f"{child}[{i}]") for i, v in enumerate(value)]
            seen: set[Any] = set()
            for i, key in enumerate(keys):
                if key is not _INVALID and key in seen:
                    self.add(
                        f"{child}[{i}]",
                        _("%(value)s occurs more than once in this list") % {"value": _show(key)},
                    )
                seen.add(key)
            return _INVALID if _INVALID in keys else keys
        if value is None:
            if ref.required:
                self.add(child, _("may not be null"))
                return _INVALID
            return None
        return self.ref_value(value, ref.target, child)

    # elements

    def element(self, obj: Any, spec: ElementSpec, path: str) -> _Item | None:
        if not isinstance(obj, dict):
            self.add(path, _("%(value)s is not an object ({…})") % {"value": _show(obj)})
            return None
        for key in obj:
            if key not in spec.key_names:
                self.add(f"{path}.{key}", _("unknown key"))
        item = _Item(path)
        for key in spec.keys:
            if isinstance(key, str):
                item.fields[key] = self.scalar(obj, key, spec.model_field(key), path)
            elif isinstance(key, Ref):
                item.refs[key.key] = self.ref(obj, key, path)
            else:
                item.nested[key.key] = self.nested(obj, key, path)
        self.model_rules(item, spec)
        return item

    def model_rules(self, item: _Item, spec: ElementSpec) -> None:
        """The model's own rules that combine fields (``Model.clean()``), on an unsaved instance
        without relations, so that they too are reported before anything is written. Rules that
        need related objects or the database are checked again by the services while writing."""
        if _INVALID in item.fields.values():
            return
        try:
            spec.model(**item.fields).clean()
        except ValidationError as exc:
            self.problems.extend(_validation_problems(exc, item))
        except ObjectDoesNotExist:  # pragma: no cover - a rule that needs a related object
            pass

    def nested(self, obj: dict[str, Any], nested: Nested, path: str) -> Any:
        child = f"{path}.{nested.key}"
        value = obj.get(nested.key)
        if not nested.many:
            return None if value is None else self.element(value, nested.spec, child)
        if value is None and nested.key not in obj:
            return []
        return self.elements(value, nested.spec, child)

    def elements(self, value: Any, spec: ElementSpec, path: str) -> list[_Item]:
        if not isinstance(value, list):
            self.add(path, _("%(value)s is not a list ([…])") % {"value": _show(value)})
            return []
        items = [self.element(v, spec, f"{path}[{i}]") for i, v in enumerate(value)]
        return [item for item in items if item is not None]

    def unique(self, items: list[_Item], key: Callable[[_Item], Any], name: str) -> set[Any] | None:
        """Report natural keys that occur twice; return the set of keys, or None when a key
        itself was invalid (then references to these elements cannot be judged)."""
        seen: dict[Any, str] = {}
        complete = True
        for item in items:
            value = key(item)
            if value is _INVALID or (isinstance(value, tuple) and _INVALID in value):
                complete = False
                continue
            if value in seen:
                shown = " + ".join(map(_show, value)) if isinstance(value, tuple) else _show(value)
                self.add(
                    f"{item.path}.{name}",
                    _("%(value)s occurs more than once (also at %(other)s)")
                    % {"value": shown, "other": seen[value]},
                )
            else:
                seen[value] = item.path
        return set(seen) if complete else None


def _reference_message(target: str, value: Any) -> str:
    shown = " + ".join(map(_show, value)) if isinstance(value, tuple) else _show(value)
    messages = {
        STRATEGIC_GOAL: _('there is no strategic goal with code %(value)s in "%(section)s"'),
        OPERATIONAL_GOAL: _('there is no operational goal with code %(value)s in "%(section)s"'),
        TRACK: _('there is no track named %(value)s in "%(section)s"'),
        EFFORT: _('there is no effort named %(value)s in "%(section)s"'),
        PERSON: _('there is no person %(value)s in "%(section)s"'),
        PARTNER: _('there is no partner organisation named %(value)s in "%(section)s"'),
    }
    sections = {
        STRATEGIC_GOAL: STRATEGIC_GOALS_SECTION.key,
        OPERATIONAL_GOAL: OPERATIONAL_GOALS_SECTION.key,
        TRACK: TRACKS_SECTION.key,
        EFFORT: EFFORTS_SECTION.key,
        PERSON: PEOPLE_SECTION.key,
        PARTNER: PARTNERS_SECTION.key,
    }
    return messages[target] % {"value": shown, "section": sections[target]}


def _check(data: Any) -> tuple[_Checked | None, list[Problem]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, [
            Problem(
                "format",
                _('This is not a Koers programme file: "format" must be "%(format)s".')
                % {"format": FORMAT},
            )
        ]
    version = data.get("format_version")
    if isinstance(version, bool) or version != FORMAT_VERSION:
        return None, [
            Problem(
                "format_version",
                _(
                    "Format version %(version)s is not supported; this version of Koers reads "
                    "version %(ok)s."
                )
                % {"version": _show(version), "ok": FORMAT_VERSION},
            )
        ]
    checker = _Checker()
    known = {"format", "format_version"} | {s.key for s in SECTIONS}
    for key in data:
        if key not in known:
            checker.add(key, _("unknown key"))
    sections: dict[str, list[_Item]] = {}
    programme: _Item | None = None
    for section in SECTIONS:
        if section.many:
            value = data.get(section.key, [])
            sections[section.key] = checker.elements(value, section.spec, section.key)
        elif section.key not in data:
            checker.add(section.key, _("is missing"))
        else:
            programme = checker.element(data[section.key], section.spec, section.key)

    keys = {
        STRATEGIC_GOAL: checker.unique(
            sections[STRATEGIC_GOALS_SECTION.key], lambda i: i.fields["code"], "code"
        ),
        OPERATIONAL_GOAL: checker.unique(
            sections[OPERATIONAL_GOALS_SECTION.key], lambda i: i.fields["code"], "code"
        ),
        TRACK: checker.unique(sections[TRACKS_SECTION.key], lambda i: i.fields["name"], "name"),
        EFFORT: checker.unique(sections[EFFORTS_SECTION.key], lambda i: i.fields["name"], "name"),
        PERSON: checker.unique(
            sections[PEOPLE_SECTION.key],
            lambda i: (i.fields["name"], i.fields["email"]),
            "name",
        ),
        PARTNER: checker.unique(sections[PARTNERS_SECTION.key], lambda i: i.fields["name"], "name"),
    }
    checker.unique(
        sections[LINKS_SECTION.key],
        lambda i: (i.refs["operational_goal"], i.refs["effort"]),
        "effort",
    )
    for role in sections[ROLES_SECTION.key]:
        checker.unique(role.nested["hours"], lambda i: i.fields["year"], "year")
    for goal in sections[OPERATIONAL_GOALS_SECTION.key]:
        kind, indicator = goal.fields["kind"], goal.nested["indicator"]
        if kind == GoalKind.MEASURABLE and indicator is None:
            checker.add(
                f"{goal.path}.indicator",
                _('a measurable goal needs an indicator (an object with at least "name")'),
            )
        elif kind == GoalKind.QUALITATIVE and indicator is not None:
            checker.add(f"{goal.path}.indicator", _("a qualitative goal has no indicator: null"))
    for target, key, path in checker.refs:
        known = keys[target]
        if known is not None and key not in known:
            checker.add(path, _reference_message(target, key))

    if checker.problems or programme is None:
        return None, checker.problems
    return _Checked(programme, sections), []


def validate_programme_dict(data: Any) -> list[Problem]:
    """Every problem of the data of a programme file, each at its JSON path; [] when it is fine.

    Checks the structure (known and required keys, types), the values against the fields of the
    data model (lengths, choices, e-mail addresses, decimals, dates), the model's own rules that
    combine fields of one element (a target date after the baseline date, …) and the references
    between the elements. No database is used: what only the database can tell (an existing
    programme with the same short name) is checked by :func:`programme_import`, and the services
    check every element once more while writing.
    """
    return _check(data)[1]
