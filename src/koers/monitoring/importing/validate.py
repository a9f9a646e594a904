"""Checking one row of a delivery file: programme, indicator, period, value, source, note,
provisional and the day from which the value is known.

Lookups of programmes and indicators are cached (one query per programme for all its goals);
period texts are cached too, so a million rows cost a few queries. Every problem is logged with
its row and column; a row with any problem yields None.

Numbers are read with :func:`koers.numbers.parse_decimal`. One notation is ambiguous: a single
dot followed by exactly three digits and no comma (``7.000``, ``1.500``). By the Dutch rule it is
a thousands separator (seven thousand); that reading is refused when the same file elsewhere
uses a dot as decimal point (``7.5``, also ``0.125``), or when the indicator is written with
decimals (a rating).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.numbers import NumberFormatError, parse_decimal
from koers.programmes.constants import GoalKind
from koers.programmes.models import OperationalGoal, Programme
from koers.spreadsheet import csv_unquote
from koers.text import normalise_text

from ..models import Measurement
from ..periods import Period, PeriodFormatError, known_from_problem, parse_period, period_code
from .problems import (
    MAX_DECIMALS,
    MAX_INTEGER_DIGITS,
    MAX_KEY_CHARS,
    MAX_NOTE_CHARS,
    MAX_SOURCE_CHARS,
    VALUE_LIMIT,
    ProblemLog,
    shorten,
)
from .template import EXAMPLE_NOTE

CACHE_LIMIT = 5_000  # entries per cache; cleared when full (bounds memory)
Q4 = Decimal(1).scaleb(-MAX_DECIMALS)

# How a value was written (only text matters; numbers in XLSX cells are exact).
PLAIN, THOUSANDS_OR_DECIMAL, DECIMAL_DOT = 0, 1, 2
_ONE_GROUP = re.compile(r"^[+-]?(\d{1,3})\.\d{3}$")
_MULTI_GROUP = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DUTCH_DAY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def read_day(cell) -> dt.date | None:
    """A day from a cell: an XLSX date, ``2027-03-15`` or ``15-3-2027`` (also with / or .);
    None when it is none of these."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    if m := _ISO_DAY.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DUTCH_DAY.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(slots=True)
class IndicatorRef:
    id: int
    programme_id: int
    programme_slug: str
    goal_code: str
    name: str
    unit: str
    decimals: int | None
    has_measurements: bool


@dataclass(slots=True)
class PeriodRef:
    period: Period
    key: int  # start ordinal and length packed into one int (see :func:`row_key`)
    code: str


def row_key(indicator_id: int, period: PeriodRef) -> int:
    """A compact int for (indicator, period): duplicates are found with a dict of these."""
    return (indicator_id << 29) | period.key


def read_number(text: str) -> tuple[Decimal, int]:
    """The value of ``text`` and how it was written (PLAIN, THOUSANDS_OR_DECIMAL or
    DECIMAL_DOT). ``0.125`` is a decimal point (thousands never start with 0), and evidence that
    the file writes decimals with a dot. Raises NumberFormatError."""
    if text.isascii() and text.isdigit():
        return Decimal(text), PLAIN
    value = parse_decimal(text)
    if "." not in text or "," in text:
        return value, PLAIN
    cleaned = text.replace("\u00a0", "").replace(" ", "").strip()
    if cleaned.endswith("%"):
        cleaned = cleaned[:-1]
    if m := _ONE_GROUP.match(cleaned):
        return value, DECIMAL_DOT if int(m[1]) == 0 else THOUSANDS_OR_DECIMAL
    if _MULTI_GROUP.match(cleaned):
        return value, PLAIN
    return value, DECIMAL_DOT


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, Decimal):
        return format(cell.normalize(), "f") if cell == cell.to_integral() else format(cell, "f")
    if hasattr(cell, "isoformat"):
        return cell.isoformat()
    return str(cell).strip()


class Resolver:
    """Programmes and their measurable goals, looked up once per programme."""

    def __init__(self, allowed_programme_ids: set[int] | None):
        self.allowed = allowed_programme_ids
        self._programmes: dict[str, tuple[int, str, str] | None] = {}
        self._goals: dict[int, dict[str, IndicatorRef | str]] = {}
        self.touched: dict[int, tuple[str, str]] = {}

    def programme(self, slug: str) -> tuple[int, str, str] | None:
        key = slug.lower()
        if key not in self._programmes:
            found = (
                Programme.objects.filter(slug__iexact=slug)
                .values_list("pk", "slug", "name")
                .first()
            )
            self._programmes[key] = found
        return self._programmes[key]

    def goal(self, programme: tuple[int, str, str], code: str) -> IndicatorRef | str | None:
        """The indicator of goal ``code``, or "qualitative" / "no_indicator", or None."""
        pk, slug, _name = programme
        goals = self._goals.get(pk)
        if goals is None:
            goals = {}
            rows = (
                OperationalGoal.objects.filter(programme_id=pk)
                .annotate(
                    has_measurements=Exists(
                        Measurement.objects.filter(indicator__operational_goal=OuterRef("pk"))
                    )
                )
                .values_list(
                    "code",
                    "kind",
                    "indicator__id",
                    "indicator__name",
                    "indicator__unit",
                    "indicator__decimals",
                    "has_measurements",
                )
            )
            for code_, kind, ind_id, name, unit, decimals, has in rows:
                if kind == GoalKind.QUALITATIVE:
                    goals[code_.lower()] = "qualitative"
                elif ind_id is None:
                    goals[code_.lower()] = "no_indicator"
                else:
                    goals[code_.lower()] = IndicatorRef(
                        ind_id, pk, slug, code_, name, unit or "", decimals, bool(has)
                    )
            self._goals[pk] = goals
        return goals.get(code.lower())


class RowChecker:
    """Checks rows one by one. ``evidence`` is the first row (and its text) that uses a dot as
    decimal point; when it is only found after an ambiguous value, ``needs_rerun`` is set and
    the caller checks the file again with the evidence known."""

    def __init__(
        self,
        *,
        log: ProblemLog,
        allowed_programme_ids: set[int] | None,
        evidence: tuple[int, str] | None = None,
        today: dt.date | None = None,
    ):
        self.log = log
        self.today = today or timezone.localdate()
        self._days: dict = {}
        self.resolver = Resolver(allowed_programme_ids)
        self.evidence = evidence
        self.needs_rerun = False
        self._ambiguous_unjudged = 0
        self._targets: dict[tuple[str, str], tuple[IndicatorRef | None, tuple]] = {}
        self._periods: dict[str, PeriodRef | str] = {}

    # --- one row --------------------------------------------------------------------------------

    def check(self, row: int, cells, extra: bool):
        """``(ref, period, value, source, note, provisional, known_from)`` or None (problems
        logged); ``known_from`` is None when the row does not give it.

        ``cells`` holds the eight columns of :data:`ALL_COLUMNS` (None or "" when absent). This
        runs once per row per pass, so the common case (text cells, cached programme, goal and
        period, a plain number) takes the short paths."""
        slug, code, period_cell, value_cell, source, note, provisional, known_cell = cells
        log = self.log
        ok = True
        if extra:
            log.add(
                row,
                None,
                _(
                    "This row has more cells than the header row has columns. Is there a "
                    "separator (; or ,) in a value? Then put that value between double quotes."
                ),
            )
            ok = False
        hit = self._targets.get((slug, code))
        if hit is None:
            hit = self._target(slug, code)
        ref, problems = hit
        for column, message in problems:
            log.add(row, column, message)
        period = self._periods.get(period_cell)
        if period is None:
            period = self._period(period_cell)
        if period.__class__ is str:
            log.add(row, "periode", period)
            period = None
        if value_cell.__class__ is str and value_cell.isdigit() and value_cell.isascii():
            value = Decimal(value_cell)
            if len(value_cell) > MAX_INTEGER_DIGITS and value >= VALUE_LIMIT:
                value = self._value(row, value_cell, ref)
        else:
            value = self._value(row, value_cell, ref)
        source = source.strip() if source.__class__ is str else _text(source)
        if source:
            if "\n" in source or "\r" in source:  # stored as every write stores text
                source = normalise_text(source)
            if source[0] == "'":
                source = csv_unquote(source)
            if len(source) > MAX_SOURCE_CHARS:
                log.add(row, "bron", _too_long(len(source), MAX_SOURCE_CHARS))
                ok = False
        note = note.strip() if note.__class__ is str else _text(note)
        if note:
            if "\n" in note or "\r" in note:  # stored as every write stores text
                note = normalise_text(note)
            if note[0] == "'":
                note = csv_unquote(note)
            if len(note) > MAX_NOTE_CHARS:
                log.add(row, "opmerking", _too_long(len(note), MAX_NOTE_CHARS))
                ok = False
            elif note == EXAMPLE_NOTE:
                log.add(
                    row,
                    "opmerking",
                    _("This is an example row of the template; delete it before importing."),
                )
                ok = False
        provisional = self._provisional(row, provisional) if provisional else False
        known = None
        if known_cell is not None and _text(known_cell):
            known = self._known_from(row, known_cell, period)
            if known is None:
                ok = False
        if not ok or ref is None or period is None or value is None or provisional is None:
            return None
        return ref, period, value, source, note, provisional, known

    # --- known from -----------------------------------------------------------------------------

    def _known_from(self, row: int, cell, period: PeriodRef | None) -> dt.date | None:
        """The day in ``bekend_sinds``, or None (logged) when it is no day, lies before the
        period's start or after today."""
        key = cell if cell.__class__ is str else None
        day = self._days.get(key) if key is not None else None
        if day is None:
            day = read_day(cell)
            if key is not None and day is not None:
                if len(self._days) >= CACHE_LIMIT:
                    self._days.clear()
                self._days[key] = day
        if day is None:
            self.log.add(
                row,
                "bekend_sinds",
                _(
                    "‘%(text)s’ is not a date; write the day from which the value is known as "
                    "2027-03-15 or 15-3-2027, or leave the cell empty."
                )
                % {"text": shorten(_text(cell))},
            )
            return None
        start = period.period.start if period is not None else day
        problem = known_from_problem(day, start=start, today=self.today)
        if problem:
            self.log.add(row, "bekend_sinds", problem)
            return None
        return day

    # --- programme and indicator ----------------------------------------------------------------

    def _target(self, slug_cell, code_cell) -> tuple[IndicatorRef | None, tuple]:
        """Resolve and cache (by the cells as written) programme and goal."""
        slug, code = csv_unquote(_text(slug_cell)), csv_unquote(_text(code_cell))
        hit = self._resolve(slug, code)
        if len(slug) <= MAX_KEY_CHARS and len(code) <= MAX_KEY_CHARS:
            if len(self._targets) >= CACHE_LIMIT:
                self._targets.clear()
            self._targets[(slug_cell, code_cell)] = hit
        return hit

    def _resolve(self, slug: str, code: str) -> tuple[IndicatorRef | None, tuple]:
        problems = []
        programme = None
        if not slug:
            problems.append(
                ("programma", _("Enter the programme's short name (as in its web address)."))
            )
        elif len(slug) > MAX_KEY_CHARS or not (programme := self.resolver.programme(slug)):
            problems.append(
                (
                    "programma",
                    _("There is no programme with the short name ‘%(slug)s’.")
                    % {"slug": shorten(slug)},
                )
            )
        elif self.resolver.allowed is not None and programme[0] not in self.resolver.allowed:
            problems.append(
                (
                    "programma",
                    _("You may not import measurements of programme ‘%(slug)s’.")
                    % {"slug": programme[1]},
                )
            )
            programme = None
        if not code:
            problems.append(("indicator", _("Enter the code of the operational goal, e.g. 1a.")))
            return None, tuple(problems)
        if programme is None:
            return None, tuple(problems)
        goal = self.resolver.goal(programme, code) if len(code) <= MAX_KEY_CHARS else None
        values = {"code": shorten(code), "slug": programme[1]}
        if goal is None:
            message = _("Programme ‘%(slug)s’ has no operational goal with code ‘%(code)s’.")
        elif goal == "qualitative":
            message = _(
                "Goal %(code)s is qualitative: it has no indicator, so it gets a judgement "
                "instead of measurements."
            )
        elif goal == "no_indicator":
            message = _("Goal %(code)s has no indicator yet; describe it on the goal's page first.")
        else:
            self.resolver.touched.setdefault(programme[0], (programme[1], programme[2]))
            return goal, tuple(problems)
        problems.append(("indicator", message % values))
        return None, tuple(problems)

    # --- period ---------------------------------------------------------------------------------

    def _period(self, cell) -> PeriodRef | str:
        """The period of a cell (cached by the cell as written), or the problem with it."""
        text = _text(cell)
        if len(text) > MAX_KEY_CHARS:
            return _("‘%(text)s’ is not a period.") % {"text": shorten(text)}
        try:
            period = parse_period(text)
        except PeriodFormatError as exc:
            hit: PeriodRef | str = str(exc)
        else:
            key = (period.start.toordinal() << 9) | (period.end - period.start).days
            hit = PeriodRef(period, key, period_code(period.kind, period.start))
        if len(self._periods) >= CACHE_LIMIT:
            self._periods.clear()
        self._periods[cell] = hit
        return hit

    # --- value ----------------------------------------------------------------------------------

    def _value(self, row: int, cell, ref: IndicatorRef | None) -> Decimal | None:
        log = self.log
        notation = PLAIN
        if isinstance(cell, Decimal):  # an XLSX number: exact
            value, text = cell, _text(cell)
        elif cell is None or isinstance(cell, str):
            text = (cell or "").strip()
            try:
                value, notation = read_number(text)
            except NumberFormatError as exc:
                log.add(row, "waarde", str(exc) if text else _("Enter the value (a number)."))
                return None
        else:
            log.add(
                row,
                "waarde",
                _("‘%(text)s’ is not a number.") % {"text": shorten(_text(cell))},
            )
            return None
        if notation != PLAIN and self._ambiguous(row, text, value, notation, ref):
            return None
        if abs(value) >= VALUE_LIMIT:
            log.add(
                row,
                "waarde",
                _("‘%(text)s’ is too large: at most %(digits)s digits before the decimal point.")
                % {"text": shorten(text), "digits": MAX_INTEGER_DIGITS},
            )
            return None
        if value != value.quantize(Q4):
            log.add(
                row,
                "waarde",
                _(
                    "‘%(text)s’ has more than %(decimals)s decimals; round it to at most "
                    "%(decimals)s."
                )
                % {"text": shorten(text), "decimals": MAX_DECIMALS},
            )
            return None
        return value

    def _ambiguous(
        self, row: int, text: str, value: Decimal, notation: int, ref: IndicatorRef | None
    ) -> bool:
        """Whether the value is refused as ambiguous (and logged)."""
        if notation == DECIMAL_DOT:
            if self.evidence is None:
                self.evidence = (row, text)
                if self._ambiguous_unjudged:
                    self.needs_rerun = True
            return False
        comma = text.strip().rstrip("%").strip().replace(".", ",")
        plain = format(value, "f")
        if ref is not None and ref.decimals:
            message = _(
                "‘%(text)s’ is ambiguous: in Dutch notation it is %(plain)s, but indicator "
                "%(code)s is written with decimals. Write %(plain)s if you mean %(plain)s, or "
                "%(comma)s (with a decimal comma)."
            ) % {"text": text, "plain": plain, "code": ref.goal_code, "comma": comma}
        elif self.evidence is not None:
            message = _(
                "‘%(text)s’ is ambiguous: in Dutch notation it is %(plain)s, but row %(row)s of "
                "this file uses a dot as decimal point (‘%(example)s’). Write %(plain)s if you "
                "mean %(plain)s, or %(comma)s (with a decimal comma)."
            ) % {
                "text": text,
                "plain": plain,
                "row": self.evidence[0],
                "example": shorten(self.evidence[1]),
                "comma": comma,
            }
        else:
            self._ambiguous_unjudged += 1
            return False
        self.log.add(row, "waarde", message)
        return True

    # --- provisional ----------------------------------------------------------------------------

    def _provisional(self, row: int, cell) -> bool | None:
        if cell is None or isinstance(cell, bool):
            return bool(cell)
        text = _text(cell).lower()
        if text in _FALSE or not text:
            return False
        if text in _TRUE:
            return True
        self.log.add(
            row,
            "voorlopig",
            _("Write ja or nee (or leave the cell empty), not ‘%(text)s’.")
            % {"text": shorten(text)},
        )
        return None


def _too_long(length: int, limit: int) -> str:
    return _("This text has %(length)s characters; at most %(limit)s are allowed.") % {
        "length": length,
        "limit": limit,
    }
