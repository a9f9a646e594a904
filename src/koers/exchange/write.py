"""Import: a ``koers-programma`` file (version 1 or 2) into the database, completely or not at
all.

Order of work, all in one transaction:

1. the file's header (everything but the measurements) is checked against the published JSON
   Schema (:mod:`.schema`); any problem stops the import before anything is written;
2. the DIN is written by :func:`koers.programmes.exchange.programme_import` (through the DIN's
   services, versioned, with its own complete check);
3. the other kinds follow in file order (:data:`koers.exchange.kinds.KINDS`). They are the
   *record* of the programme (reports as submitted, decisions as taken, the change record as
   written), restored as they were, with their own dates and users: the apps' services would
   redo the workflow (stamp "now", demand a decision, send mail), so each row is checked with
   the model's ``full_clean()`` and saved, its history recorded with the importing user and the
   reason "imported from file";
4. the measurements are read one line at a time, checked against the schema and the model's
   ``clean()`` and written in batches.

Every problem is collected with its JSON path; when there is any, the transaction is rolled back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from koers.decisions.models import ProgrammeChange
from koers.programmes.exchange import (
    ExchangeError,
    Problem,
    programme_import,
    validate_programme_dict,
)
from koers.programmes.exchange import schema as din
from koers.programmes.exchange.problems import show_value
from koers.programmes.models import (
    CrossProgrammeLink,
    Effort,
    Indicator,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
)

from . import kinds as k
from .elements import keys_to_refs
from .export import FORMAT_VERSION, HISTORY_SECTION, Exporter, canonical
from .history import history_key
from .measurements import REASON, MeasurementWriter
from .read import ProgrammeFile, read_programme_file
from .schema import schema_problems

_MISSING: Any = object()
MAX_PROBLEMS = 200
BATCH = 2000


def _plain(value: Any) -> Any:
    """JSON read with exact decimals back to plain JSON values (for JSON fields)."""
    if isinstance(value, Decimal):
        return (
            int(value)
            if value == value.to_integral_value() and "." not in str(value)
            else (float(value))
        )
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    return value


def _convert(field: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return _plain(value)
    if isinstance(field, models.DecimalField):
        return Decimal(str(value))
    if isinstance(field, models.DateTimeField):
        return dt.datetime.fromisoformat(value)
    if isinstance(field, models.DateField):
        return dt.date.fromisoformat(value)
    return value


@contextlib.contextmanager
def _keep_dates():
    """Save rows with the dates of the file: switch off ``auto_now``/``auto_now_add`` of the
    kinds' models while importing (a restored report keeps when it was created)."""
    changed = []
    for kind in k.all_kinds():
        for field in kind.model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class TooManyProblems(Exception):
    pass


class Importer:
    def __init__(self, programme: Programme, actor, notes: list[str]):
        self.programme = programme
        self.actor = actor
        self.notes = notes
        self.problems: list[Problem] = []
        self.users: dict[str, Any] = {}
        self.goals = {g.code: g for g in OperationalGoal.objects.filter(programme=programme)}
        self.indicators = {
            i.operational_goal.code: i
            for i in Indicator.objects.filter(operational_goal__programme=programme).select_related(
                "operational_goal"
            )
        }
        self.efforts = {e.name: e for e in Effort.objects.filter(programme=programme)}
        self.sources: dict[str, Any] = {}
        self.lines: dict[tuple, Any] = {}
        self.decisions: dict[tuple, Any] = {}
        self.proposals: dict[tuple, Any] = {}
        self.missing_users: set[str] = set()
        self.created: dict[tuple[str, str], dict] = {}

    def read_history(self, entries: list[dict]) -> None:
        """The first entry of each element in the file's history: who created it, when."""
        for entry in entries:
            if entry.get("history_type") != "+":
                continue
            key = (entry.get("model", ""), canonical(entry.get("element")))
            self.created.setdefault(key, entry)

    def stamp(self, kind: k.Kind, obj: models.Model, row: dict) -> None:
        obj._history_user = self.actor
        obj._change_reason = str(REASON)
        if not self.created:
            return
        key = (kind.model._meta.label_lower, canonical(history_key(kind, row)))
        entry = self.created.get(key)
        if entry is None:
            return
        name = entry.get("history_user")
        obj._history_user = None if name is None else self.user(name)
        obj._history_date = dt.datetime.fromisoformat(entry["history_date"])
        obj._change_reason = entry.get("history_change_reason") or str(REASON)

    def problem_value(self, path: str, row: Any) -> Problem:
        return Problem(path, _("%(value)s is not a measurement") % {"value": show_value(row)})

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))
        if len(self.problems) >= MAX_PROBLEMS:
            raise TooManyProblems

    # references

    def user(self, name: str) -> Any:
        if name not in self.users:
            self.users[name] = get_user_model().objects.filter(username=name).first()
        found = self.users[name]
        if found is None and name not in self.missing_users:
            self.missing_users.add(name)
            self.notes.append(
                _(
                    "There is no user %(user)s in this installation; where the file names them "
                    "(entered by, submitted by, …) the field is left empty."
                )
                % {"user": show_value(name)}
            )
        return found

    def resolve(self, ref: k.Ref, value: Any, path: str) -> Any:
        if value is None:
            return None
        target = ref.target
        found: Any
        if target == k.USER:
            return self.user(value)
        if target == k.PERSON:
            found = (
                Person.objects.filter(name=value.get("name"), email=value.get("email", ""))
                .order_by("pk")
                .first()
            )
        elif target == k.PARTNER:
            found = PartnerOrganisation.objects.filter(name=value).order_by("pk").first()
        elif target == k.GOAL:
            found = self.goals.get(value)
        elif target == k.INDICATOR:
            found = self.indicators.get(value)
        elif target == k.EFFORT:
            found = self.efforts.get(value)
        elif target == k.SOURCE:
            found = self.sources.get(value)
        elif target == k.BUDGET_LINE:
            found = self.lines.get(
                (value.get("source"), value.get("year"), value.get("effort"), value.get("item", ""))
            )
        elif target == k.DECISION:
            found = self.decisions.get((value["date"], value["number"], value["title"]))
        elif target == k.PROPOSAL:
            found = self.proposals.get((value["title"], value["created_at"]))
        elif target == k.CROSS_EFFORT:
            found = Effort.objects.filter(
                programme__slug=value["programme"], name=value["name"]
            ).first()
            return found if found is not None else _MISSING
        elif target == k.CROSS_GOAL:
            found = OperationalGoal.objects.filter(
                programme__slug=value["programme"], code=value["code"]
            ).first()
            return found if found is not None else _MISSING
        else:  # pragma: no cover
            raise LookupError(target)
        if found is None:
            self.problem(
                path,
                _("refers to %(value)s, which is not in the file") % {"value": show_value(value)},
            )
            return _MISSING
        return found

    # rows

    def build(self, kind: k.Kind, row: dict, path: str, parent: Any = None):
        values: dict[str, Any] = {}
        many: dict[str, list] = {}
        ok = True
        for name, field, ref in kind.keys():
            if name == "target_id" and kind.model.__name__ == "PendingChange":
                missing: list[str] = []
                target = row.get("target")
                label = row.get("target_model", "")
                pk = keys_to_refs({"$ref": label, "key": target}, self.programme, missing)["pk"]
                if missing:
                    self.problem(f"{path}.target", _("the element this change is about is missing"))
                    ok = False
                values[name] = pk
                continue
            if name not in row:
                continue
            value = row[name]
            if ref is not None and ref.many:
                found = [self.resolve(ref, v, f"{path}.{name}[{i}]") for i, v in enumerate(value)]
                if _MISSING in found:
                    ok = False
                many[name] = found
            elif ref is not None:
                found = self.resolve(ref, value, f"{path}.{name}")
                if found is _MISSING:
                    ok = False
                values[name] = found
            elif name in kind.element_json:
                missing = []
                values[name] = keys_to_refs(_plain(value), self.programme, missing)
                if missing:
                    self.notes.append(
                        _("%(path)s refers to an element that is not in the file.") % {"path": path}
                    )
            else:
                values[name] = _convert(field, value)
        if not ok:
            return _MISSING, many
        if kind.programme_path == "programme":
            values["programme"] = self.programme
        if parent is not None:
            values[kind.parent] = parent
        return values, many

    def save(self, kind: k.Kind, values: dict, many: dict, path: str, row: dict) -> Any:
        obj = None
        for field in kind.model._meta.concrete_fields:
            if field.one_to_one and values.get(field.name) is not None:
                obj = kind.model._default_manager.filter(**{field.name: values[field.name]}).first()
                break
        if obj is None:
            obj = kind.model(**values)
        else:
            for name, value in values.items():
                setattr(obj, name, value)
        try:
            obj.full_clean(exclude=["version"] if hasattr(obj, "version") else None)
        except ValidationError as exc:
            self.validation(exc, path)
            return _MISSING
        self.stamp(kind, obj, row)
        obj.save()
        for name, found in many.items():
            getattr(obj, name).set(found)
        return obj

    def validation(self, exc: ValidationError, path: str) -> None:
        if not hasattr(exc, "error_dict"):
            for message in exc.messages:
                self.problem(path, message)
            return
        for name, messages in exc.message_dict.items():
            where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
            for message in messages:
                self.problem(where, message)

    def write_kind(self, kind: k.Kind, rows: list, base: str, parent: Any = None) -> None:
        for i, row in enumerate(rows):
            path = f"{base}[{i}]"
            values, many = self.build(kind, row, path, parent)
            if values is _MISSING:
                continue
            if kind is k.CROSS_LINKS:
                if CrossProgrammeLink.objects.filter(
                    effort=values["effort"], operational_goal=values["operational_goal"]
                ).exists():
                    continue  # already there (imported with the other programme)
            obj = self.save(kind, values, many, path, row)
            if obj is _MISSING:
                continue
            self.remember(kind, obj, row)
            for child in kind.children:
                self.write_kind(child, row.get(child.section, []), f"{path}.{child.section}", obj)

    def remember(self, kind: k.Kind, obj: Any, row: dict) -> None:
        if kind is k.SOURCES:
            self.sources[obj.name] = obj
        elif kind is k.BUDGET_LINES:
            key = (row.get("source"), obj.year, row.get("effort"), obj.item)
            self.lines[key] = obj
        elif kind is k.DECISIONS:
            self.decisions[(row["date"], row["number"], row["title"])] = obj
        elif kind is k.PROPOSALS:
            self.proposals[(row["title"], row["created_at"])] = obj

    def write_measurements(self, rows: Iterator[tuple[str, Any]]) -> int:
        """Check and write the measurements, read one at a time (:mod:`.measurements`)."""
        writer = MeasurementWriter(self)
        count = 0
        for path, row in rows:
            count += 1
            writer.add(path, row)
        writer.finish()
        return count


def record_clear(programme: Programme) -> None:
    """Delete what the programme's record holds beyond the DIN, latest kinds first, so that the
    programme itself can be deleted (a budget transfer protects the decision it was taken with,
    which the DIN's delete cannot know about). Part of a replace: in its transaction."""
    exporter = Exporter(programme)
    for kind in reversed(k.KINDS):
        if kind is k.CROSS_LINKS:
            continue  # removed with the effort or goal at either end
        for obj in exporter.rows(kind).order_by("-pk"):
            obj._change_reason = _("replaced by an imported file")
            obj.delete()


def _din_part(header: dict) -> dict:
    data = {key: value for key, value in header.items() if key in _DIN_KEYS}
    data["format_version"] = din.FORMAT_VERSION
    return data


_DIN_KEYS = {"format"} | {s.key for s in din.SECTIONS}


def _in_din(path: str) -> bool:
    head = path.split(".", 1)[0].split("[", 1)[0]
    return head in _DIN_KEYS and head != "format"


def open_source(source: bytes | str | IO[bytes]) -> IO[bytes]:
    if isinstance(source, bytes):
        return io.BytesIO(source)
    if isinstance(source, str):
        return io.BytesIO(source.encode("utf-8"))
    return source


def import_programme(
    source: bytes | str | IO[bytes] | ProgrammeFile,
    *,
    actor,
    replace: bool = False,
    notes: list[str] | None = None,
    before_replace: Callable[[Programme], Any] | None = None,
) -> Programme:
    """Write the programme of a file (format version 1 or 2), completely or not at all.

    ``source`` is the file's bytes, a binary stream (read with bounded memory, see
    :mod:`.read`) or an already opened :class:`ProgrammeFile`. ``replace`` deletes a programme
    with the same short name in the same transaction (callers must first show what goes:
    :func:`koers.exchange.replace_plan`); ``before_replace`` is then called with that programme
    once the file has been checked, before anything is removed (e.g. :func:`replace_backup`).
    Raises :class:`ExchangeError` with every problem;
    nothing is written then.
    """
    notes = notes if notes is not None else []
    pf = source if isinstance(source, ProgrammeFile) else read_programme_file(open_source(source))
    header = pf.header
    version = header.get("format_version") if isinstance(header, dict) else None
    if version != FORMAT_VERSION or header.get("format") != din.FORMAT:
        # Version 1 (the DIN only), or not a programme file: the DIN import says which.
        if replace and before_replace is not None and not validate_programme_dict(header):
            existing = Programme.objects.filter(slug=header["programma"]["slug"]).first()
            if existing is not None:
                before_replace(existing)
        return programme_import(header, actor=actor, replace=replace, notes=notes)
    # The DIN sections are checked by the DIN's own, more specific check; the schema checks the
    # rest (and the structure of the whole file).
    problems = [p for p in schema_problems(header) if not _in_din(p.path)]
    problems += validate_programme_dict(_din_part(header))
    if problems:
        raise ExchangeError(problems)
    with transaction.atomic(), _keep_dates():
        existing = Programme.objects.filter(slug=header["programma"]["slug"]).first()
        if replace and existing is not None:
            if before_replace is not None:
                before_replace(existing)
            record_clear(existing)
        programme = programme_import(_din_part(header), actor=actor, replace=replace, notes=notes)
        importer = Importer(programme, actor, notes)
        importer.read_history(header.get(HISTORY_SECTION) or [])
        try:
            # The file's change record replaces the lines the DIN import wrote (its adoption).
            ProgrammeChange.objects.filter(programme=programme).delete()
            for kind in k.KINDS:
                if kind.streamed:
                    continue
                importer.write_kind(kind, header.get(kind.section, []), kind.section)
            importer.write_measurements(pf.measurements())
        except TooManyProblems:
            pass
        if importer.problems:
            raise ExchangeError(importer.problems)
    return programme


def file_counts(source: bytes | IO[bytes]) -> dict[str, int]:
    """How many rows of each kind a file holds (section key → count), measurements counted
    while reading; for the list that a replace shows first."""
    pf = read_programme_file(open_source(source))
    header = pf.header
    counts: dict[str, int] = {}
    for section in din.SECTIONS:
        value = header.get(section.key)
        counts[section.key] = 1 if isinstance(value, dict) else len(value or [])
    for kind in k.all_kinds():
        counts.setdefault(kind.section, 0)
    for kind in k.KINDS:
        _count_rows(kind, header.get(kind.section) or [], counts)
    counts[k.MEASUREMENTS.section] = sum(1 for _ in pf.measurements())
    return counts


def _count_rows(kind: k.Kind, rows: list, counts: dict[str, int]) -> None:
    counts[kind.section] += len(rows)
    for child in kind.children:
        for row in rows:
            _count_rows(child, row.get(child.section) or [], counts)
