"""Do a goal's words and its indicator agree? The numbers and years written in an operational
goal's statement, read in Dutch notation, compared with its indicator (pure: no ORM, no I/O).

The statement is what people read, also on the public monitor; the indicator is what the monitor
measures against. When a college decision changes the target ("+7.000" becomes "+8.000") and the
text is left alone, they disagree. :func:`compare` says where.

Reading numbers (Dutch notation): ``7.000`` and ``93.000`` (a dot groups thousands), ``7,0``
(a comma is the decimal sign), ``60 procent`` and ``60%``, ``6.000 m2``. A number is *not* read
when it is part of a code or an ordinal (``A3``, ``DIN-13``, ``m2``, ``2e``, ``3de``), a label
(``doel 3``, ``fase 2``, ``week 12``), a day in a date (``31 december 2022``, ``31-12-2022``), a
rate's denominator (``per 1.000 inwoners``), a ratio (``1 op de 3``), a frequency or duration
(``2 keer``, ``5 jaar``), an amount of money (``€ 1,2 miljoen``, unless the indicator counts
money), a range (``5-10``), part of a word (``65-plussers``), a year abbreviated (``’22``) or the
number of an item (``1. …``). Numbers written as words ("zeven") are not read. The check is
conservative: a number it cannot place is left alone rather than reported.

What a number may be (see :func:`allowed_values`): the baseline value, the target value, the
difference between the two and the level the target comes to. For *increase by* and *decrease
by* the target value *is* the difference (``met 7.000``), and the level is the baseline plus or
minus it (``tot 100.000``); for *reach*, *at least* and *at most* the target value is the level
and the difference is the target minus the baseline; *keep* keeps the baseline (or the target
value). A percentage of a count may be the change relative to the baseline (``7,5 procent
meer``). A rounded baseline in the text (``93.000`` for 93.412) is no disagreement.

A year (1900–2100, four digits, no unit) is judged only when the words mark it: as a deadline
("in 2022", "uiterlijk 31 december 2022", "eind 2022", the end of "2019–2022") it must be the
target date's year (or the baseline's); as the baseline's ("ten opzichte van 2016", "sinds
2016") it must be the baseline's year. A year in a name ("binnenstadsmonitor 2018") or at the
start of a period ("vanaf 2019") is not judged. When the statement names no deadline of its own,
the deadline its strategic goal names ("In 2022 …") must be the target date's year: that is
where the target date came from.

A number that is no value of the indicator is reported against the target, or against the
baseline when the words mark it as the baseline ("ten opzichte van 2016 (93.000)") or when the
text names the target right and no number is the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from koers.programmes.constants import TargetKind

from .data import IndicatorData

#: Kinds of disagreement.
TARGET = "target"  # a number that is not the target (nor any other value of the indicator)
BASELINE = "baseline"  # a number written as the baseline that is not the baseline value
TARGET_YEAR = "target_year"  # a year that is not the target date's year
BASELINE_YEAR = "baseline_year"  # a year written as the baseline's that is not its year
STRATEGIC_YEAR = "strategic_year"  # the strategic goal's deadline year is not the target's


@dataclass(frozen=True)
class Number:
    """A number read in a text: as written (with its ``%``, ``procent`` or multiplier), its
    possible values (two with a multiplier: "1,2 miljoen" is 1.200.000 or 1,2), its decimals as
    written, and what the
    words around it say it is."""

    written: str
    values: tuple[Decimal, ...]
    decimals: int
    start: int
    percent: bool = False
    year: bool = False
    range_start: bool = False  # the first of "2019–2022"
    #: "baseline" after "ten opzichte van", "sinds" …; "target" after "in", "uiterlijk" …;
    #: "start" after "vanaf", "van" …; "" when the words say nothing.
    context: str = ""
    #: The trailing zeros of a whole number ("93.000": 3): it may be a rounded value.
    round_figure: int = 0

    @property
    def value(self) -> Decimal:
        return self.values[0]


@dataclass(frozen=True)
class Disagreement:
    kind: str  # TARGET, BASELINE, TARGET_YEAR, BASELINE_YEAR or STRATEGIC_YEAR
    written: tuple[str, ...]  # the numbers or years as the text writes them
    #: The indicator's value (TARGET, BASELINE) or year (the *_YEAR kinds).
    expected: Decimal | int
    decimals: int = 0  # the decimals the text writes the number with


_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_POINT = re.compile(r"\d+\.\d{1,2}")  # English notation ("7.5"), also "1.2" of a code
_INTEGER = re.compile(r"\d+")
_PERCENT = re.compile(r"\s?(?:%|procent(?:punt(?:en)?)?\b|procentpunt(?:en)?\b)", re.IGNORECASE)
_MULTIPLIER = re.compile(r"\s(miljoen|miljard|mln\.?|mld\.?|duizend)\b", re.IGNORECASE)
_FACTORS = {"miljoen": 10**6, "mln": 10**6, "miljard": 10**9, "mld": 10**9, "duizend": 1000}
_DAY_OF_MONTH = re.compile(rf"\s+(?:{_MONTHS})\b\.?", re.IGNORECASE)
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_WORD_BEFORE = re.compile(r"([^\W\d_]+\.?)\s*$")

#: A number after one of these is a label or code: "doel 3", "fase 2", "week 12".
_LABELS = frozenset(
    "doel doelen artikel art. hoofdstuk paragraaf par. bijlage fase stap spoor versie nummer "
    "nr nr. no. project kwartaal week maand dag blok kavel huisnummer postcode top groep "
    "niveau klas regel lid categorie type zone".split()
)
#: A number before one of these is a frequency, a duration or a time, not a value of the
#: indicator (unless the indicator's unit is one of them).
_COUNTS_OF_TIME = frozenset(
    "keer maal x jaar jaren maand maanden week weken dag dagen uur uren minuut minuten "
    "seconde seconden kwartaal kwartalen eeuw eeuwen decennia decennium".split()
)
_MONEY_BEFORE = ("€", "eur", "euro")
_MONEY_AFTER = frozenset("euro euro's eur".split())
_BASELINE_MARKERS = (
    "ten opzichte van",
    "t.o.v.",
    "tov",
    "vergeleken met",
    "in vergelijking met",
    "sinds",
    "nulmeting",
    "uitgangssituatie",
    "referentiejaar",
    "peiljaar",
    "basisjaar",
)
_TARGET_MARKERS = frozenset(
    "in uiterlijk eind einde voor vóór tot per medio begin streefjaar".split()
)
_START_MARKERS = frozenset("vanaf van na start startjaar".split())
_DASHES = "-–—"
#: What stands before the last year of a range in words: "2019 tot ", "2019 t/m ".
_RANGE_END = re.compile(r"\b\d{4}\s+(?:tot(?:\s+en\s+met)?|t/m)\s+$")
#: What stands before the year of a date: "31 december ", "31-12-", "december ".
_DATE_BEFORE = re.compile(
    rf"(?:\d{{1,2}}\s*(?:{_MONTHS})\.?|\d{{1,2}}[-/]\d{{1,2}}[-/]|(?:{_MONTHS})\.?)\s*$",
    re.IGNORECASE,
)
#: What follows the first year of a range: "2019–2022", "2019 tot 2022", "2019 t/m 2022".
_RANGE_AFTER = re.compile(r"\s?[-–—]\s?\d|\s+(?:tot(?:\s+en\s+met)?|t/m)\s+\d{4}\b")


def _parse(token: str) -> tuple[tuple[Decimal, ...], int] | None:
    """The possible values of a token and its decimals as written, or None for what is no number
    in Dutch notation (a code such as 1.2.3)."""
    if _THOUSANDS.fullmatch(token):
        whole, _sep, frac = token.partition(",")
        value = Decimal(whole.replace(".", "") + ("." + frac if frac else ""))
        return (value,), len(frac)
    if _DECIMAL_COMMA.fullmatch(token):
        whole, frac = token.split(",")
        return (Decimal(f"{whole}.{frac}"),), len(frac)
    if _DECIMAL_POINT.fullmatch(token):
        return (Decimal(token),), len(token.split(".")[1])
    if _INTEGER.fullmatch(token):
        return (Decimal(token),), 0
    return None


def _trailing_zeros(token: str) -> int:
    digits = token.replace(".", "")
    if "," in token or not digits.strip("0"):
        return 0
    return len(digits) - len(digits.rstrip("0"))


def _context(before: str) -> str:
    """What the words just before a number say it is: "baseline", "target", "start" (of a
    period: "vanaf 2019") or ""."""
    near = " ".join(before[-40:].lower().split())
    if any(f" {near}".endswith(f" {marker}") for marker in _BASELINE_MARKERS):
        return "baseline"
    if any(near.endswith(f"{marker} van") for marker in ("nulmeting", "uitgangssituatie")):
        return "baseline"
    words = near.split()
    if words and words[-1] in _TARGET_MARKERS:
        return "target"
    if len(words) >= 2 and words[-2] in _TARGET_MARKERS and words[-1] in ("het", "jaar"):
        return "target"
    if words and words[-1] in _START_MARKERS:
        return "start"
    return ""


def numbers_in(text: str, *, unit: str = "") -> list[Number]:
    """The numbers of ``text`` that may be values or years of an indicator with ``unit``, in
    order (see the module's docstring for what is left out)."""
    unit_words = {w.lower() for w in re.findall(r"[^\W\d_]+", unit)}
    money_unit = "€" in unit or bool(unit_words & {"euro", "eur"})
    found: list[Number] = []
    for m in _TOKEN.finditer(text):
        token, a, b = m.group(), m.start(), m.end()
        before, after = text[:a], text[b:]
        is_year = bool(re.fullmatch(r"\d{4}", token)) and 1900 <= int(token) <= 2100
        date = _DATE_BEFORE.search(before) if is_year else None
        if date:
            # The year of a date: judged by what stands before the date.
            before = before[: date.start()]
        prev = before[-1:] if before else ""
        nxt = after[:1]
        # Part of a code or an ordinal: a letter right before or after ("A3", "m2", "2e");
        # "6000m2" is a number with its unit.
        if prev.isalpha() or (prev and prev in "_#@"):
            continue
        if nxt.isalpha() and not re.match(r"m[2²]?(?![^\W\d_])", after):
            continue
        if prev == "/" or (nxt and nxt in "/:"):
            continue  # "24/7", "1/3", a date "12/2022", a time "10:00"
        if prev and prev in "'’‘`":
            continue  # "eind ’22", "de jaren '80"
        if re.match(rf"[{_DASHES}][^\W\d_]", after):
            continue  # part of a word: "65-plussers", "2-kamerwoningen"
        if re.match(r"[.)]", after) and not before[max(0, before.rfind("\n") + 1) :].strip():
            continue  # the number of an item: "1. Groei …", "2) …"
        if prev and prev in _DASHES and len(before) >= 2 and before[-2].isalnum():
            if before[-2].isalpha():
                continue  # "DIN-13"
            range_end = True
        else:
            range_end = False
        range_start = (
            bool(_RANGE_AFTER.match(after))
            if is_year
            else bool(re.match(rf"\s?[{_DASHES}]\s?\d", after))
        )
        parsed = _parse(token)
        if parsed is None:
            continue
        values, decimals = parsed
        if (range_start or range_end) and not is_year:
            continue  # a range of values ("5-10"), or a date "31-12-2022" (its year is read)
        if _DAY_OF_MONTH.match(after) and decimals == 0 and int(values[0]) <= 31:
            continue  # the day of "31 december 2022"
        word_after = _WORD_AFTER.match(after)
        next_word = word_after.group(1).lower() if word_after else ""
        prev_word_m = _WORD_BEFORE.search(before)
        prev_word = prev_word_m.group(1).lower() if prev_word_m else ""
        if prev_word in _LABELS:
            continue
        if next_word in _COUNTS_OF_TIME and next_word not in unit_words and not is_year:
            continue
        if prev_word == "per" and not is_year:
            continue  # "per 1.000 inwoners"
        if re.match(r"\s+op\s+(?:de\s+)?\d", after) or re.search(r"\bop\s+de\s+$", before):
            continue  # "1 op de 3"
        is_money = before.rstrip().lower().endswith(_MONEY_BEFORE) or next_word in _MONEY_AFTER
        if is_money and not money_unit:
            continue
        end = b
        percent = _PERCENT.match(after)
        multiplier = _MULTIPLIER.match(after)
        if percent:
            end = b + percent.end()
        elif multiplier:
            end = b + multiplier.end()
            factor = _FACTORS[multiplier.group(1).lower().rstrip(".")]
            values = tuple(v * factor for v in values) + values
            decimals = 0
        if is_year and (percent or multiplier or (next_word and next_word in unit_words)):
            is_year = False
        context = _context(before)
        if is_year and not context and (range_end or _RANGE_END.search(before)):
            context = "target"  # the end of "2019–2022": the deadline
        if not context and found:
            # "ten opzichte van 2016 (93.000)": the value in that year
            last = found[-1]
            between = text[last.start + len(last.written) : a]
            if last.year and last.context == "baseline" and between.strip() == "(":
                context = "baseline"
        found.append(
            Number(
                written=text[a:end],
                values=values,
                decimals=decimals,
                start=a,
                percent=bool(percent),
                year=is_year,
                range_start=range_start and is_year,
                context=context,
                round_figure=_trailing_zeros(token) if not percent else 0,
            )
        )
    return found


def _level(ind: IndicatorData) -> Decimal | None:
    """The value the target comes to."""
    kind, value, base = ind.target_kind, ind.target_value, ind.baseline_value
    if kind == TargetKind.INCREASE_BY:
        return None if value is None or base is None else base + value
    if kind == TargetKind.DECREASE_BY:
        return None if value is None or base is None else base - value
    if kind == TargetKind.KEEP:
        return value if value is not None else base
    return value


def allowed_values(ind: IndicatorData) -> tuple[list[Decimal], list[Decimal]]:
    """The values a number in the text may have: those to match exactly (the target value), and
    those that come from the baseline and may be written rounded (the baseline, the level of an
    increase or decrease, the change to reach a level)."""
    exact = [ind.target_value] if ind.target_value is not None else []
    derived = []
    base = ind.baseline_value
    level = _level(ind)
    if base is not None:
        derived.append(base)
        if ind.target_kind in (TargetKind.INCREASE_BY, TargetKind.DECREASE_BY):
            if level is not None:
                derived.append(level)
        elif level is not None:
            derived.append(abs(level - base))
    return exact, derived


def _agrees(number: Number, value: Decimal, *, rounded: bool) -> bool:
    if any(v == value for v in number.values):
        return True
    if (
        number.decimals
        and value.quantize(Decimal(1).scaleb(-number.decimals), ROUND_HALF_UP) == number.value
        and rounded
    ):
        return True
    if rounded and number.round_figure >= 2 and value:
        diff = abs(number.value - value)
        return diff <= Decimal(5).scaleb(number.round_figure - 1) and diff <= abs(value) / 100
    return False


def _relative_change(ind: IndicatorData) -> Decimal | None:
    base, level = ind.baseline_value, _level(ind)
    if not base or level is None:
        return None
    return abs(level - base) / abs(base) * 100


def _is_percent_unit(unit: str) -> bool:
    return "%" in unit or "procent" in unit.lower()


def _fits(number: Number, ind: IndicatorData) -> bool:
    exact, derived = allowed_values(ind)
    if any(_agrees(number, v, rounded=False) for v in exact):
        return True
    if any(_agrees(number, v, rounded=True) for v in derived):
        return True
    if number.percent and not _is_percent_unit(ind.unit):
        change = _relative_change(ind)
        if change is not None:
            places = Decimal(1).scaleb(-number.decimals)
            return change.quantize(places, ROUND_HALF_UP) == number.value
    return False


def _years(ind: IndicatorData) -> tuple[int | None, int | None]:
    base = ind.baseline_date.year if ind.baseline_date else None
    target = ind.target_date.year if ind.target_date else None
    return base, target


def compare(
    statement: str, indicator: IndicatorData, *, strategic_text: str = ""
) -> list[Disagreement]:
    """Where the statement (and its strategic goal's deadline) disagree with the indicator: one
    :class:`Disagreement` per kind, naming what the text writes and what the indicator holds."""
    base_year, target_year = _years(indicator)
    wrong: dict[str, list[Number]] = {}
    statement_has_year = False
    for number in numbers_in(statement, unit=indicator.unit):
        if number.year:
            # Only a year the words mark as a deadline or as the baseline's is judged: a year in
            # a name ("monitor 2018") or the start of a period ("vanaf 2019") is not.
            statement_has_year = statement_has_year or number.context == "target"
            year = int(number.value)
            if number.range_start or _fits(number, indicator):
                continue
            if number.context == "baseline":
                if base_year is not None and year != base_year:
                    wrong.setdefault(BASELINE_YEAR, []).append(number)
            elif number.context == "target" and target_year is not None:
                if year not in (target_year, base_year):
                    wrong.setdefault(TARGET_YEAR, []).append(number)
            continue
        if _fits(number, indicator):
            continue
        if number.context == "baseline" and indicator.baseline_value is not None:
            wrong.setdefault(BASELINE, []).append(number)
        elif indicator.target_value is not None:
            wrong.setdefault(TARGET, []).append(number)
    if BASELINE not in wrong and indicator.baseline_value is not None and wrong.get(TARGET):
        # The text names the target right but no number is the baseline: what it names
        # wrongly is the baseline ("van 93.000 met 7.000" when the baseline is 95.000).
        numbers = [n for n in numbers_in(statement, unit=indicator.unit) if not n.year]
        target = indicator.target_value
        if any(_agrees(n, target, rounded=False) for n in numbers) and not any(
            _agrees(n, indicator.baseline_value, rounded=True) for n in numbers
        ):
            wrong[BASELINE] = wrong.pop(TARGET)
    if strategic_text and not statement_has_year and target_year is not None:
        for number in numbers_in(strategic_text):
            if number.year and number.context == "target" and int(number.value) != target_year:
                wrong.setdefault(STRATEGIC_YEAR, []).append(number)
    result = []
    for kind in (TARGET, BASELINE, TARGET_YEAR, BASELINE_YEAR, STRATEGIC_YEAR):
        numbers = wrong.get(kind)
        if not numbers:
            continue
        written = tuple(dict.fromkeys(n.written for n in numbers))
        if kind == TARGET:
            expected: Decimal | int = indicator.target_value
        elif kind == BASELINE:
            expected = indicator.baseline_value
        elif kind == BASELINE_YEAR:
            expected = base_year
        else:
            expected = target_year
        result.append(Disagreement(kind, written, expected, max(n.decimals for n in numbers)))
    return result


def _written_dutch(value: Decimal, decimals: int) -> str:
    """``value`` in Dutch notation with ``decimals`` decimals: ``8.000``, ``7,5``."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    whole, _sep, fraction = f"{abs(rounded):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{grouped},{fraction}" if decimals else f"{sign}{grouped}"


def suggest_statement(statement: str, old: IndicatorData, new: IndicatorData) -> str | None:
    """The statement rewritten for a changed target: each number that is the old target value
    (or the level it came to) becomes the new one, in the same notation, and a deadline year
    that is the old target date's year becomes the new one. None when nothing in the text names
    the old target, or when the rewritten text would still disagree with ``new``."""
    replacements: list[tuple[int, int, str]] = []
    old_base_year, old_year = _years(old)
    _base_year, new_year = _years(new)
    pairs = [(old.target_value, new.target_value), (_level(old), _level(new))]
    for number in numbers_in(statement, unit=old.unit):
        end = number.start + len(number.written)
        if number.year:
            if (
                number.context == "target"
                and old_year is not None
                and new_year is not None
                and int(number.value) == old_year != new_year
                and old_year != old_base_year
            ):
                replacements.append((number.start, end, str(new_year)))
            continue
        for before, after in pairs:
            if before is None or after is None or before == after:
                continue
            if _agrees(number, before, rounded=False) and not _agrees(number, after, rounded=False):
                token = _TOKEN.match(statement, number.start)
                if token is None:
                    break
                replacements.append(
                    (number.start, token.end(), _written_dutch(after, number.decimals))
                )
                break
    if not replacements:
        return None
    text = statement
    for start, end, value in sorted(replacements, reverse=True):
        text = text[:start] + value + text[end:]
    if text == statement or compare(text, new):
        return None
    return text
