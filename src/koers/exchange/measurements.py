"""Writing the measurements of a file: up to a million rows, with bounded memory and in
reasonable time.

Each row is checked with a quick test derived from the same model fields as the JSON Schema (the
schema itself, slow per row, runs only on a row that fails, for its precise messages), then with
the rules of :meth:`koers.monitoring.models.Measurement.clean` (the period ends after it starts,
a value is not known before its period starts; ``known_from`` gets the model's default when
empty). Rows are inserted with one ``executemany`` per batch; the history then gets one '+'
record per row in one set-based ``INSERT … SELECT`` (the measurement import of the monitor,
:mod:`koers.monitoring.importing.write`, does the same), and the rows whose creation the file's
history names get its user, moment and reason.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.monitoring.periods import default_known_from

from . import kinds as k
from .schema import schema_problems

if TYPE_CHECKING:  # pragma: no cover
    from .write import Importer

BATCH = 2000
#: The reason in the history of what an import writes.
REASON = gettext_lazy("imported from file")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_INVALID: Any = object()
MODEL = k.MEASUREMENTS.model  # koers.monitoring.models.Measurement


def _converter(field: models.Field, ref: k.Ref | None):
    """A function from the JSON value to the Python value, or _INVALID when the value is not of
    the field's form (then the schema says why)."""
    null = field.null

    def wrap(convert):
        def run(value):
            if value is None:
                return None if null else _INVALID
            try:
                return convert(value)
            except (ValueError, TypeError, InvalidOperation, ValidationError):
                return _INVALID

        return run

    if ref is not None:
        return wrap(lambda v: v if isinstance(v, str) else _INVALID)
    if isinstance(field, models.BooleanField):
        return wrap(lambda v: v if isinstance(v, bool) else _INVALID)
    if isinstance(field, models.DecimalField):

        def decimal(v):
            if not isinstance(v, str) or not _DECIMAL.match(v):
                return _INVALID
            number = Decimal(v)
            for validator in field.validators:
                validator(number)
            return number

        return wrap(decimal)
    if isinstance(field, models.DateTimeField):
        return wrap(lambda v: dt.datetime.fromisoformat(v) if isinstance(v, str) else _INVALID)
    if isinstance(field, models.DateField):
        return wrap(
            lambda v: (
                dt.date.fromisoformat(v) if isinstance(v, str) and _DATE.match(v) else _INVALID
            )
        )
    if isinstance(field, models.IntegerField):
        return wrap(lambda v: v if isinstance(v, int) and not isinstance(v, bool) else _INVALID)
    allowed = {str(key) for key, _label in field.flatchoices} if field.choices else None
    limit = field.max_length

    def text(v):
        if not isinstance(v, str) or (limit and len(v) > limit) or "\x00" in v:
            return _INVALID
        if allowed is not None and v not in allowed and not (v == "" and field.blank):
            return _INVALID
        return v

    return wrap(text)


class MeasurementWriter:
    def __init__(self, importer: Importer):
        self.importer = importer
        self.kind = k.MEASUREMENTS
        self.keys = self.kind.keys()
        self.converters = {name: _converter(field, ref) for name, field, ref in self.keys}
        self.required = {name for name, field, _ref in self.keys if not field.null} - {
            name for name, field, _ref in self.keys if field.has_default() or field.blank
        }
        self.names = set(self.converters)
        self.batch: list[tuple] = []
        self.first_path = ""
        self.indicator_ids: set[int] = set()
        self.today = timezone.localdate()
        self.now = timezone.now()
        table = connection.ops.quote_name(MODEL._meta.db_table)
        self.columns = ["version"] + [
            MODEL._meta.get_field(name).column for name, _f, _r in self.keys
        ]
        self.insert = (
            f"INSERT INTO {table} ({', '.join(map(connection.ops.quote_name, self.columns))}) "
            f"VALUES ({', '.join(['%s'] * len(self.columns))})"
        )

    def add(self, path: str, row: Any) -> None:
        imp = self.importer
        values = self.quick(row)
        if values is None:
            problems = schema_problems(row, base=path, row=True) or [imp.problem_value(path, row)]
            for problem in problems:
                imp.problem(problem.path, problem.message)
            return
        indicator = imp.indicators.get(values["indicator"])
        if indicator is None:
            imp.problem(
                f"{path}.indicator",
                _("refers to %(value)s, which is not in the file")
                % {"value": f'"{values["indicator"]}"'},
            )
            return
        values["indicator"] = indicator.pk
        name = values.get("entered_by")
        if name is not None:
            user = imp.user(name)
            values["entered_by"] = None if user is None else user.pk
        start, end = values["period_start"], values["period_end"]
        if end < start:
            imp.problem(f"{path}.period_end", _("The period ends before it starts."))
            return
        if values.get("known_from") is None:
            entered = values.get("entered_at")
            values["known_from"] = default_known_from(
                start, end, timezone.localdate(entered) if entered else self.today
            )
        if values["known_from"] < start:
            imp.problem(
                f"{path}.known_from", _("The value cannot be known before its period starts.")
            )
            return
        if values.get("entered_at") is None:
            values["entered_at"] = self.now
        self.indicator_ids.add(indicator.pk)
        if not self.batch:
            self.first_path = path
        self.batch.append(
            tuple([1] + [self.db(name, values.get(name)) for name, _f, _r in self.keys])
        )
        self.last_path = path
        if len(self.batch) >= BATCH:
            self.flush()

    def quick(self, row: Any) -> dict | None:
        if (
            not isinstance(row, dict)
            or not self.names.issuperset(row)
            or not self.required <= row.keys()
        ):
            return None
        values = {}
        for name, value in row.items():
            converted = self.converters[name](value)
            if converted is _INVALID:
                return None
            values[name] = converted
        for name, field, _ref in self.keys:
            if name not in values:
                values[name] = field.get_default()
        return values

    def db(self, name: str, value: Any) -> Any:
        field = MODEL._meta.get_field(name)
        if field.is_relation:
            return value
        return field.get_db_prep_save(value, connection)

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or self.importer.problems:
            return  # everything will be rolled back; only look for more problems
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(self.insert, batch)
        except IntegrityError:
            self.importer.problem(
                f"{self.first_path} … {self.last_path}",
                _(
                    "two measurements of the same indicator have the same period (or a "
                    "measurement of this period is already there)"
                ),
            )

    def finish(self) -> None:
        self.flush()
        if self.importer.problems or not self.indicator_ids:
            return
        self.history()

    def history(self) -> None:
        """One '+' record per written measurement; then the creation named by the file."""
        qn = connection.ops.quote_name
        history = MODEL.history.model
        own = {f.column for f in MODEL._meta.concrete_fields}
        shared = [
            qn(f.column)
            for f in history._meta.concrete_fields
            if not f.name.startswith("history_") and f.column in own
        ]
        cols = ", ".join(shared)
        actor = self.importer.actor
        ids = sorted(self.indicator_ids)
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {qn(history._meta.db_table)} ({cols}, history_date, "
                "history_change_reason, history_type, history_user_id) "
                f"SELECT {cols}, %s, %s, '+', %s FROM {qn(MODEL._meta.db_table)} "
                f"WHERE indicator_id IN ({marks})",
                [self.now, str(REASON), None if actor is None else actor.pk, *ids],
            )
            updates = self.stamps()
            if updates:
                cursor.executemany(
                    f"UPDATE {qn(history._meta.db_table)} SET history_date = %s, "
                    "history_user_id = %s, history_change_reason = %s "
                    f"WHERE history_type = '+' AND id = (SELECT id FROM "
                    f"{qn(MODEL._meta.db_table)} WHERE indicator_id = %s AND "
                    "period_start = %s AND period_end = %s)",
                    updates,
                )

    def stamps(self) -> list[tuple]:
        imp = self.importer
        label = MODEL._meta.label_lower
        out = []
        for (model, _key), entry in imp.created.items():
            if model != label:
                continue
            element = entry.get("element") or {}
            indicator = imp.indicators.get(element.get("indicator"))
            if indicator is None:
                continue
            name = entry.get("history_user")
            user = None if name is None else imp.user(name)
            out.append(
                (
                    dt.datetime.fromisoformat(entry["history_date"]),
                    None if user is None else user.pk,
                    entry.get("history_change_reason") or str(REASON),
                    indicator.pk,
                    element.get("period_start"),
                    element.get("period_end"),
                )
            )
        return out
