"""Illustrative progress reports for the demo: FICTITIOUS, not real reports.

The *Programmacontract Binnenstad* (2019) prescribes a reporting format (eight aspects) and a
fortnightly meeting of the programme manager with the principals, but gives no reporting
calendar, does not say for which efforts the municipality is *opdrachtgever* or *regisseur*
(the seed leaves every effort's municipality role empty, so by default none reports), and holds
no reports. So that the demo shows what the reporting pages do, :func:`load_demo_reports` gives
*Programma Binnenstad*:

- a reporting calendar: every two weeks from Monday 2 September 2019, reports due five days
  after a period ends, a reminder three days before (:data:`CALENDAR`);
- five efforts that report, through their own setting (:data:`REPORTING_EFFORTS`);
- reports over the first four periods (2 September – 27 October 2019) with varied statuses and
  Dutch explanations (:data:`REPORTS`), all ``is_fictitious=True``, in every state: accepted,
  submitted, returned with a comment, a draft that is late, and one missing report (the demo
  effort owner's, so logging in as ``trekker`` shows a report to make from its pre-fill).

Every write goes through :mod:`koers.reporting.services` (open → save → submit → accept or
return), so a later report is pre-filled from the earlier one exactly as for a real owner and
only its changes are given here. The moments of submission and review are then dated in 2019
(the day before the deadline, and two days after it) so the overview reads like the year it
illustrates; the history keeps the real moment the demo was loaded.

Today's reporting period lies years after these reports and shows every effort as missing and
late: that is what the calendar says. The overview's period chooser, and its link "latest period
with reports", lead to the 2019 periods.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from koers.programmes.models import Programme
from koers.reporting import services
from koers.reporting.constants import AspectStatus, ReportingFrequency, ReportState
from koers.reporting.models import ProgressReport, ReportingCalendar

__all__ = ["CALENDAR", "PERIODS", "REPORTING_EFFORTS", "REPORTS", "load_demo_reports"]

SLUG = "almelo-binnenstad"

CALENDAR = {
    "frequency": ReportingFrequency.BIWEEKLY,
    "start_date": dt.date(2019, 9, 2),  # a Monday
    "deadline_days": 5,
    "reminder_days": 3,
}
PERIODS = 4
# Programma Stedelijke Ontwikkeling (2023–2026) reports every quarter; it has no reports yet, so
# its pages open on the period owners report on now.
SO_SLUG = "almelo-stedelijke-ontwikkeling"
SO_CALENDAR = {
    "frequency": ReportingFrequency.QUARTERLY,
    "start_date": dt.date(2023, 1, 1),
    "deadline_days": 14,
    "reminder_days": 5,
}

GOOD, ATTENTION, PROBLEM = AspectStatus.GOOD, AspectStatus.ATTENTION, AspectStatus.PROBLEM
DRAFT, SUBMITTED = ReportState.DRAFT, ReportState.SUBMITTED
ACCEPTED, RETURNED = ReportState.ACCEPTED, ReportState.RETURNED


@dataclass(frozen=True)
class DemoReport:
    """One report as the demo leaves it. ``aspects`` holds only what changed since the effort's
    previous report (aspect value → (status, explanation)); the rest comes from the pre-fill."""

    state: str
    overall: str
    aspects: dict[str, tuple[str, str]] = field(default_factory=dict)
    principals_request: str = ""
    review_comment: str = ""


def _first(**changes: tuple[str, str]) -> dict[str, tuple[str, str]]:
    """A first report: every aspect good unless given."""
    aspects = {
        "resultaten": (GOOD, "Activiteiten verlopen volgens het jaarplan."),
        "planning": (GOOD, ""),
        "kwaliteit": (GOOD, ""),
        "financien": (GOOD, "Uitgaven binnen het budget van dit jaar."),
        "risicos": (GOOD, ""),
        "belanghebbenden": (GOOD, ""),
        "ontwikkelingen": (GOOD, ""),
        "knelpunten": (GOOD, ""),
    }
    aspects.update(changes)
    return aspects


#: The efforts of Programma Binnenstad that report in the demo, with their four reports
#: (None: no report for that period).
REPORTS: dict[str, tuple[DemoReport | None, ...]] = {
    "Pilot 2 uur gratis parkeren": (
        DemoReport(
            ACCEPTED,
            GOOD,
            _first(
                resultaten=(GOOD, "De pilot loopt; bezoekers parkeren de eerste twee uur gratis."),
                belanghebbenden=(GOOD, "Ondernemers en parkeerbedrijf zijn positief."),
            ),
            review_comment="Akkoord.",
        ),
        DemoReport(
            ACCEPTED,
            ATTENTION,
            {
                "financien": (
                    ATTENTION,
                    "Gederfde parkeerinkomsten liggen 8% boven de raming voor dit kwartaal.",
                ),
            },
            principals_request="Kennisnemen van de hogere gederfde inkomsten.",
        ),
        DemoReport(
            ACCEPTED,
            ATTENTION,
            {
                "risicos": (
                    ATTENTION,
                    "Bij doorzetten van de trend past de pilot in 2020 niet binnen 300.000 euro.",
                ),
            },
            principals_request="Besluit: bij overschrijding de pilot versoberen of aanvullen "
            "uit de algemene middelen?",
            review_comment="Besproken met de opdrachtgevers; besluit volgt in het overleg.",
        ),
        DemoReport(
            SUBMITTED,
            ATTENTION,
            {
                "ontwikkelingen": (
                    ATTENTION,
                    "De decemberdrukte zal de gederfde inkomsten verder laten oplopen.",
                ),
            },
            principals_request="Besluit over versobering of aanvulling, graag in het "
            "volgende overleg.",
        ),
    ),
    "Gevel-/ transformatiefonds": (
        DemoReport(
            ACCEPTED,
            GOOD,
            _first(resultaten=(GOOD, "Regeling gepubliceerd; de eerste aanvragen komen binnen.")),
        ),
        DemoReport(
            ACCEPTED,
            ATTENTION,
            {
                "planning": (
                    ATTENTION,
                    "Beoordeling van aanvragen loopt twee weken achter door vakantie.",
                ),
            },
        ),
        DemoReport(
            RETURNED,
            ATTENTION,
            {
                "planning": (ATTENTION, "Loopt achter."),
                "knelpunten": (ATTENTION, "Eigenaren twijfelen over de eigen bijdrage."),
            },
            review_comment="Licht de achterstand toe: hoeveel aanvragen wachten er en wanneer "
            "is die ingelopen?",
        ),
        DemoReport(
            DRAFT,
            ATTENTION,
            {
                "planning": (
                    ATTENTION,
                    "Zes aanvragen wachten op beoordeling; verwacht ingelopen half november.",
                ),
            },
        ),
    ),
    "Communicatie & Marketing": (
        DemoReport(
            ACCEPTED,
            GOOD,
            _first(
                resultaten=(GOOD, "Campagne voor de najaarsevenementen staat klaar."),
                ontwikkelingen=(GOOD, "Gesprek met de citymarketingorganisatie gepland."),
            ),
        ),
        DemoReport(
            ACCEPTED,
            GOOD,
            {"resultaten": (GOOD, "Campagne gestart: online, abri's en huis-aan-huisblad.")},
        ),
        DemoReport(
            SUBMITTED,
            ATTENTION,
            {
                "belanghebbenden": (
                    ATTENTION,
                    "Niet alle ondernemersverenigingen willen meebetalen aan de decembercampagne.",
                ),
            },
            principals_request="Wil de bestuurlijk opdrachtgever de ondernemersverenigingen "
            "hierover aanspreken?",
        ),
        None,  # not made yet: the demo effort owner can make it from the pre-fill
    ),
    "Stadscafés": (
        DemoReport(
            ACCEPTED,
            GOOD,
            _first(resultaten=(GOOD, "Eerste stadscafé gehouden; circa 60 deelnemers.")),
        ),
        DemoReport(ACCEPTED, GOOD, {"resultaten": (GOOD, "Tweede stadscafé voorbereid.")}),
        DemoReport(
            ACCEPTED,
            GOOD,
            {"resultaten": (GOOD, "Tweede stadscafé gehouden over de kwartieren.")},
        ),
        DemoReport(
            ACCEPTED,
            GOOD,
            {"ontwikkelingen": (GOOD, "Opbrengst wordt verwerkt in de uitvoeringsagenda 2020.")},
            review_comment="Akkoord, mooie opkomst.",
        ),
    ),
    "Vergroenen binnenstad": (
        DemoReport(
            ACCEPTED,
            GOOD,
            _first(resultaten=(GOOD, "Plantlocaties met de Stichting Bomenstad Almelo gekozen.")),
        ),
        DemoReport(
            ACCEPTED,
            ATTENTION,
            {
                "kwaliteit": (
                    ATTENTION,
                    "Op twee locaties liggen kabels en leidingen; alternatieven worden gezocht.",
                ),
            },
        ),
        DemoReport(
            SUBMITTED,
            PROBLEM,
            {
                "planning": (
                    PROBLEM,
                    "Het plantseizoen begint in november; zonder vergunning eind oktober "
                    "schuift de aanplant een jaar op.",
                ),
                "knelpunten": (
                    PROBLEM,
                    "Omgevingsvergunning voor twee locaties nog niet verleend.",
                ),
            },
            principals_request="Hulp gevraagd: kan de ambtelijk opdrachtgever de vergunning "
            "met voorrang laten behandelen?",
        ),
        DemoReport(
            SUBMITTED,
            ATTENTION,
            {
                "planning": (ATTENTION, "Vergunning verleend; aanplant in week 47."),
                "knelpunten": (GOOD, ""),
            },
        ),
    ),
}
REPORTING_EFFORTS: tuple[str, ...] = tuple(REPORTS)


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _content(spec: DemoReport) -> dict:
    content: dict = {"overall_status": spec.overall, "principals_request": spec.principals_request}
    for aspect, (status, explanation) in spec.aspects.items():
        content[f"{aspect}_status"] = status
        content[f"{aspect}_explanation"] = explanation
    return content


def _report_make(effort, period, spec: DemoReport, *, actor) -> ProgressReport:
    report = services.report_open(effort=effort, period=period, actor=actor, is_fictitious=True)
    report = services.report_save(
        report=report, actor=actor, expected_version=report.version, **_content(spec)
    )
    if spec.state == DRAFT:
        return report
    report = services.report_submit(report=report, actor=actor, expected_version=report.version)
    if spec.state == ACCEPTED:
        report = services.report_accept(
            report=report,
            actor=actor,
            expected_version=report.version,
            comment=spec.review_comment,
        )
    elif spec.state == RETURNED:
        report = services.report_return(
            report=report,
            actor=actor,
            expected_version=report.version,
            comment=spec.review_comment,
        )
    # Date the submission and review in 2019 (see the module's docstring).
    dates = {"submitted_at": _moment(period.deadline - dt.timedelta(days=1), 16)}
    if spec.state in (ACCEPTED, RETURNED):
        dates["reviewed_at"] = _moment(period.deadline + dt.timedelta(days=2), 10)
    ProgressReport.objects.filter(pk=report.pk).update(**dates)
    return report


def load_demo_reports(programme: Programme, *, actor=None) -> int:
    """Give Programma Binnenstad the demo calendar, the reporting efforts and their fictitious
    reports, and Programma Stedelijke Ontwikkeling its quarterly calendar, through the
    reporting services; return how many reports were added. Idempotent: an existing calendar
    and existing reports are left as they are."""
    if programme.slug == SO_SLUG:
        if not ReportingCalendar.objects.filter(programme=programme).exists():
            services.calendar_set(programme=programme, actor=actor, **SO_CALENDAR)
        return 0
    if programme.slug != SLUG:
        return 0
    calendar = ReportingCalendar.objects.filter(programme=programme).first()
    if calendar is None:
        calendar = services.calendar_set(programme=programme, actor=actor, **CALENDAR)
    periods = calendar.periods_until(
        CALENDAR["start_date"] + dt.timedelta(days=14 * (PERIODS - 1))
    )[:PERIODS]
    efforts = {e.name: e for e in programme.efforts.filter(name__in=list(REPORTS))}
    existing = set(
        ProgressReport.objects.filter(effort__in=efforts.values()).values_list(
            "effort_id", "period_start"
        )
    )
    added = 0
    for name, specs in REPORTS.items():
        effort = efforts.get(name)
        if effort is None:
            continue
        services.effort_reporting_set(effort=effort, reports=True, actor=actor)
        for period, spec in zip(periods, specs, strict=False):
            if spec is None or (effort.pk, period.start) in existing:
                continue
            _report_make(effort, period, spec, actor=actor)
            added += 1
    return added
