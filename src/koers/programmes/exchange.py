"""Exchange of a whole programme as one JSON file (format ``koers-programma``, version 1).

Three parts, each usable on its own (the commands ``koers export`` and ``koers import`` only
glue them to files):

* :func:`programme_to_dict` / :func:`programme_to_json` read a programme through one prefetched
  query set (a fixed number of queries, whatever its size) into plain data with natural keys;
* :func:`parse_programme_json` and :func:`validate_programme_dict` read a file and check it
  completely without touching the database, collecting every problem with its JSON path;
* :func:`programme_import` writes a checked file through the services in one transaction: either
  the whole programme is written or nothing is.

The format itself is described in :mod:`koers.programmes.exchange_schema` and, for users, in
``docs/uitwisseling.md``.

Decimals are written as JSON strings in a canonical form: the exact value without trailing zeros
and without exponent (``Decimal("93000.0000")`` → ``"93000"``, ``7.5000`` → ``"7.5"``). The
database keeps a fixed number of decimal places (SQLite and PostgreSQL alike), so the scale a
value was typed with is not stored and cannot be exported; the canonical form is the same on
every database, which makes export → import → export give the same bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from . import services
from .constants import GoalKind
from .exchange_schema import (
    CHOICES_SECTION,
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
    PROGRAMME_SECTION,
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
from .models import (
    Activity,
    Effort,
    GoalEffortLink,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)

# --- problems -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a JSON path such as ``operationele_doelen[3].code``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ExchangeError(Exception):
    """A programme could not be exported or imported; ``problems`` says why, each at its path."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ProgrammeExistsError(ExchangeError):
    """The file's programme is already in the database and replacing it was not asked for."""

    def __init__(self, slug: str):
        self.slug = slug
        super().__init__(
            [
                Problem(
                    f"{PROGRAMME_SECTION.key}.slug",
                    _("A programme with the short name %(slug)s already exists.")
                    % {"slug": _show(slug)},
                )
            ]
        )


def _show(value: Any, limit: int = 60) -> str:
    """A value as the user wrote it in the file, shortened."""
    if isinstance(value, Decimal):
        text = str(value)
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- rendering of values ------------------------------------------------------------------------


def decimal_to_str(value: Decimal) -> str:
    """The canonical text of a decimal: exact, no trailing zeros, no exponent ("7.5", "93000")."""
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def _render(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_to_str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# --- export -------------------------------------------------------------------------------------


def export_queryset() -> QuerySet[Programme]:
    """Programmes with everything the export reads, in a fixed number of queries."""
    return Programme.objects.prefetch_related(
        Prefetch("choices", queryset=StrategicChoice.objects.order_by()),
        Prefetch("strategic_goals", queryset=StrategicGoal.objects.order_by()),
        Prefetch(
            "operational_goals",
            queryset=OperationalGoal.objects.select_related(
                "strategic_goal", "indicator"
            ).order_by(),
        ),
        Prefetch("tracks", queryset=Track.objects.order_by()),
        Prefetch(
            "efforts",
            queryset=Effort.objects.select_related("track", "owner__organisation").order_by(),
        ),
        Prefetch("efforts__partners", queryset=PartnerOrganisation.objects.order_by()),
        Prefetch("efforts__activities", queryset=Activity.objects.order_by()),
        Prefetch(
            "efforts__links",
            queryset=GoalEffortLink.objects.select_related("operational_goal").order_by(),
        ),
        Prefetch(
            "roles",
            queryset=ProgrammeRole.objects.select_related("person__organisation").order_by(),
        ),
        Prefetch("roles__hours", queryset=RoleHours.objects.order_by()),
    )


def _canonical(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def _sorted(items: Iterable[dict[str, Any]], spec: ElementSpec) -> list[dict[str, Any]]:
    """Order then natural key (``spec.sort_key``); the whole element breaks any remaining tie."""
    key = spec.sort_key or (lambda d: ())
    return sorted(items, key=lambda d: (key(d), _canonical(d)))


class _Exporter:
    def __init__(self) -> None:
        self.people: dict[tuple[str, str], Person] = {}
        self.partners: dict[str, PartnerOrganisation] = {}
        self.problems: list[Problem] = []

    def person_ref(self, person: Person) -> dict[str, str]:
        key = (person.name, person.email)
        known = self.people.setdefault(key, person)
        if known.pk != person.pk:
            self.problems.append(
                Problem(
                    PEOPLE_SECTION.key,
                    _(
                        "Two different people are called %(name)s and have the same e-mail "
                        "address %(email)s; give them a different name or e-mail address first."
                    )
                    % {"name": _show(person.name), "email": _show(person.email)},
                )
            )
        return dict(zip(PERSON_KEY_FIELDS, key, strict=True))

    def partner_ref(self, partner: PartnerOrganisation) -> str:
        self.partners[partner.name] = partner
        return partner.name

    def ref(self, target: str, obj: Any) -> Any:
        if obj is None:
            return None
        if target == PERSON:
            return self.person_ref(obj)
        if target == PARTNER:
            return self.partner_ref(obj)
        if target in (STRATEGIC_GOAL, OPERATIONAL_GOAL):
            return obj.code
        return obj.name  # TRACK, EFFORT

    def element(self, obj: models.Model, spec: ElementSpec) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in spec.keys:
            if isinstance(key, str):
                out[key] = _render(getattr(obj, key))
            elif isinstance(key, Ref):
                if key.many:
                    out[key.key] = sorted(
                        self.ref(key.target, o) for o in getattr(obj, key.key).all()
                    )
                else:
                    out[key.key] = self.ref(key.target, getattr(obj, key.key))
            elif key.many:
                children = [self.element(o, key.spec) for o in getattr(obj, key.key).all()]
                out[key.key] = _sorted(children, key.spec)
            else:
                try:
                    child = getattr(obj, key.key)
                except ObjectDoesNotExist:
                    child = None
                out[key.key] = None if child is None else self.element(child, key.spec)
        return out

    def elements(self, objs: Iterable[models.Model], spec: ElementSpec) -> list[dict[str, Any]]:
        return _sorted((self.element(o, spec) for o in objs), spec)


def programme_to_dict(programme: Programme) -> dict[str, Any]:
    """The whole programme as plain data in the exchange format (natural keys, no ids).

    Reads through :func:`export_queryset`: the number of queries does not depend on the size of
    the programme. Raises :class:`ExchangeError` when the programme cannot be written with natural
    keys (two people with the same name and e-mail address; track, effort and goal names are
    unique per programme by database constraint).
    """
    programme = export_queryset().get(pk=programme.pk)
    ex = _Exporter()
    efforts = list(programme.efforts.all())
    tracks = list(programme.tracks.all())
    data: dict[str, Any] = {"format": FORMAT, "format_version": FORMAT_VERSION}
    data[PROGRAMME_SECTION.key] = ex.element(programme, PROGRAMME_SECTION.spec)
    data[CHOICES_SECTION.key] = ex.elements(programme.choices.all(), CHOICES_SECTION.spec)
    data[STRATEGIC_GOALS_SECTION.key] = ex.elements(
        programme.strategic_goals.all(), STRATEGIC_GOALS_SECTION.spec
    )
    data[OPERATIONAL_GOALS_SECTION.key] = ex.elements(
        programme.operational_goals.all(), OPERATIONAL_GOALS_SECTION.spec
    )
    data[TRACKS_SECTION.key] = ex.elements(tracks, TRACKS_SECTION.spec)
    data[EFFORTS_SECTION.key] = ex.elements(efforts, EFFORTS_SECTION.spec)
    data[LINKS_SECTION.key] = ex.elements(
        (link for effort in efforts for link in effort.links.all()), LINKS_SECTION.spec
    )
    data[ROLES_SECTION.key] = ex.elements(programme.roles.all(), ROLES_SECTION.spec)
    # People first: their organisations are partner organisations the programme refers to.
    data[PEOPLE_SECTION.key] = ex.elements(list(ex.people.values()), PEOPLE_SECTION.spec)
    data[PARTNERS_SECTION.key] = ex.elements(list(ex.partners.values()), PARTNERS_SECTION.spec)
    if ex.problems:
        raise ExchangeError(ex.problems)
    return data


def dict_to_json(data: dict[str, Any]) -> str:
    """The file text: UTF-8 characters as they are, indent 2, a newline at the end."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def programme_to_json(programme: Programme) -> str:
    return dict_to_json(programme_to_dict(programme))


# --- reading a file -----------------------------------------------------------------------------


class _DuplicateKeyError(ValueError):
    pass


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_programme_json(raw: bytes | str) -> Any:
    """The JSON data of a file; numbers with a fraction are read as exact decimals.

    Raises :class:`ExchangeError` with a single problem when the file is not UTF-8 text or not
    JSON. Whether it is a programme file is for :func:`validate_programme_dict` to say.
    """
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExchangeError(
                [
                    Problem(
                        "",
                        _(
                            "The file is not UTF-8 encoded text (unexpected byte at position "
                            "%(position)d). Save it as UTF-8 and try again."
                        )
                        % {"position": exc.start},
                    )
                ]
            ) from exc
    try:
        return json.loads(
            raw,
            parse_float=Decimal,
            parse_constant=_reject_constant,
            object_pairs_hook=_object_without_duplicate_keys,
        )
    except json.JSONDecodeError as exc:
        message = _(
            "The file is not valid JSON: %(error)s at line %(line)d, column %(column)d."
        ) % {
            "error": exc.msg,
            "line": exc.lineno,
            "column": exc.colno,
        }
    except _DuplicateKeyError as exc:
        message = _("The file is not valid: an object contains the key %(key)s twice.") % {
            "key": _show(exc.args[0])
        }
    except ValueError as exc:
        message = _("The file is not valid JSON: %(value)s is not a number.") % {
            "value": exc.args[0]
        }
    raise ExchangeError([Problem("", message)])


# --- validation (no database) -------------------------------------------------------------------

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


# --- writing ------------------------------------------------------------------------------------


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


_MISSING: Any = object()  # a referenced element that could not be written (problem reported)


def _lookup(mapping: dict[Any, Any], key: Any) -> Any:
    if key is None:
        return None
    return mapping.get(key, _MISSING)


class _Writer:
    """Writes a checked programme through the services. A ValidationError of one element is
    recorded with its path and the writing goes on (without what depends on that element), so
    that one run reports as much as possible; the caller then rolls everything back."""

    def __init__(self, actor, notes: list[str]):
        self.actor = actor
        self.notes = notes
        self.problems: list[Problem] = []

    def attempt(self, item: _Item, create: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return create(*args, **kwargs)
        except ValidationError as exc:
            self.problems.extend(_validation_problems(exc, item))
            return _MISSING

    def create(self, item: _Item, model: type[models.Model], **fields: Any) -> Any:
        return self.attempt(
            item, services.object_create, model, actor=self.actor, **item.fields, **fields
        )

    def partners(self, items: list[_Item]) -> dict[str, PartnerOrganisation]:
        names = [item.fields["name"] for item in items]
        existing = {p.name: p for p in PartnerOrganisation.objects.filter(name__in=names)}
        result = {}
        for item in items:
            name = item.fields["name"]
            partner = existing.get(name)
            if partner is None:
                partner = self.create(item, PartnerOrganisation)
            elif any(getattr(partner, k) != v for k, v in item.fields.items()):
                self.notes.append(
                    _(
                        "Partner organisation %(name)s already exists with other details; "
                        "the existing details are kept."
                    )
                    % {"name": _show(name)}
                )
            if partner is not _MISSING:
                result[name] = partner
        return result

    def people(
        self, items: list[_Item], partners: dict[str, PartnerOrganisation]
    ) -> dict[tuple[str, str], Person]:
        names = [item.fields["name"] for item in items]
        existing: dict[tuple[str, str], Person] = {}
        for person in (
            Person.objects.filter(name__in=names).select_related("organisation").order_by("pk")
        ):
            existing.setdefault((person.name, person.email), person)
        result = {}
        for item in items:
            key = (item.fields["name"], item.fields["email"])
            organisation = _lookup(partners, item.refs["organisation"])
            if organisation is _MISSING:
                continue
            person = existing.get(key)
            if person is None:
                person = self.create(item, Person, organisation=organisation)
            elif person.function_title != item.fields["function_title"] or (
                person.organisation != organisation
            ):
                self.notes.append(
                    _(
                        "Person %(name)s (%(email)s) already exists with other details; "
                        "the existing details are kept."
                    )
                    % {"name": _show(key[0]), "email": _show(key[1])}
                )
            if person is not _MISSING:
                result[key] = person
        return result

    def write(self, checked: _Checked) -> Programme | None:
        sections = checked.sections
        partners = self.partners(sections[PARTNERS_SECTION.key])
        people = self.people(sections[PEOPLE_SECTION.key], partners)
        programme = self.attempt(
            checked.programme,
            services.programme_create,
            actor=self.actor,
            **checked.programme.fields,
        )
        if programme is _MISSING:
            return None
        for item in sections[CHOICES_SECTION.key]:
            self.create(item, StrategicChoice, programme=programme)

        strategic_goals = {}
        for item in sections[STRATEGIC_GOALS_SECTION.key]:
            goal = self.create(item, StrategicGoal, programme=programme)
            if goal is not _MISSING:
                strategic_goals[goal.code] = goal

        goals = {}
        for item in sections[OPERATIONAL_GOALS_SECTION.key]:
            strategic_goal = _lookup(strategic_goals, item.refs["strategic_goal"])
            if strategic_goal is _MISSING:
                continue
            indicator = item.nested["indicator"]
            goal = self.attempt(
                item,
                services.operational_goal_create,
                actor=self.actor,
                programme=programme,
                strategic_goal=strategic_goal,
                indicator=None if indicator is None else indicator.fields,
                **item.fields,
            )
            if goal is not _MISSING:
                goals[goal.code] = goal

        tracks = {}
        for item in sections[TRACKS_SECTION.key]:
            track = self.create(item, Track, programme=programme)
            if track is not _MISSING:
                tracks[track.name] = track

        efforts = {}
        for item in sections[EFFORTS_SECTION.key]:
            track = _lookup(tracks, item.refs["track"])
            owner = _lookup(people, item.refs["owner"])
            effort_partners = [_lookup(partners, name) for name in item.refs["partners"]]
            if _MISSING in (track, owner) or _MISSING in effort_partners:
                continue
            effort = self.attempt(
                item,
                services.effort_create,
                actor=self.actor,
                programme=programme,
                track=track,
                owner=owner,
                partners=effort_partners,
                **item.fields,
            )
            if effort is _MISSING:
                continue
            efforts[effort.name] = effort
            for activity in item.nested["activities"]:
                self.create(activity, Activity, effort=effort)

        for item in sections[LINKS_SECTION.key]:
            goal = _lookup(goals, item.refs["operational_goal"])
            effort = _lookup(efforts, item.refs["effort"])
            if _MISSING in (goal, effort):
                continue
            self.attempt(
                item,
                services.goal_effort_link_create,
                actor=self.actor,
                operational_goal=goal,
                effort=effort,
                **item.fields,
            )

        for item in sections[ROLES_SECTION.key]:
            person = _lookup(people, item.refs["person"])
            if person is _MISSING:
                continue
            role = self.create(item, ProgrammeRole, programme=programme, person=person)
            if role is _MISSING:
                continue
            for hours in item.nested["hours"]:
                self.attempt(
                    hours, services.role_hours_set, role=role, actor=self.actor, **hours.fields
                )
        return programme


def programme_import(
    data: Any, *, actor, replace: bool = False, notes: list[str] | None = None
) -> Programme:
    """Write a programme from the data of a programme file, completely or not at all.

    The data is checked first (:func:`validate_programme_dict`); then everything is written
    through the services in one transaction. People and partner organisations that already exist
    (a person by name and e-mail address, an organisation by name) are used as they are; any
    difference with the file is added to ``notes``. A programme with the same short name is
    refused with :class:`ProgrammeExistsError`, unless ``replace`` is given: then it is deleted
    in the same transaction and the access users had to it is given to the new programme.

    Raises :class:`ExchangeError` with every problem found; nothing is written then.
    """
    checked, problems = _check(data)
    if checked is None:
        raise ExchangeError(problems)
    notes = notes if notes is not None else []
    slug = checked.programme.fields["slug"]
    with transaction.atomic():
        existing = Programme.objects.filter(slug=slug).first()
        access: list[tuple[Any, str]] = []
        if existing is not None:
            if not replace:
                raise ProgrammeExistsError(slug)
            access = [(a.user, a.level) for a in existing.access.select_related("user")]
            services.programme_delete(programme=existing, actor=actor, expected_version=None)
        writer = _Writer(actor, notes)
        programme = writer.write(checked)
        if writer.problems or programme is None:
            raise ExchangeError(writer.problems)
        for user, level in access:
            if not ProgrammeAccess.objects.filter(programme=programme, user=user).exists():
                services.programme_access_grant(
                    programme=programme, user=user, level=level, actor=actor
                )
    return programme
