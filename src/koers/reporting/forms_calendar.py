"""Forms of the reporting overview: the period chooser and the reporting calendar with, per
effort, whether it reports."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.programmes.constants import MunicipalityRole
from koers.programmes.forms import DateInput
from koers.programmes.models import Effort
from koers.ui import style_widgets

from .constants import ReportingFrequency
from .models import ReportingCalendar, effort_reports_by_default
from .schedule import ReportingPeriod

CALENDAR_FIELDS = ("frequency", "start_date", "deadline_days", "reminder_days")
MAX_DAYS = 90


def period_label(period: ReportingPeriod) -> str:
    """ "2 september – 15 september 2019" (with the year once when both days share it)."""
    start_format = "j F" if period.start.year == period.end.year else "j F Y"
    return f"{date_format(period.start, start_format)} – {date_format(period.end, 'j F Y')}"


class PeriodForm(forms.Form):
    """The overview's period chooser (GET ?periode=YYYY-MM-DD, the period's first day)."""

    periode = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args, periods: list[ReportingPeriod], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [
            (
                p.key,
                gettext("%(dates)s (period %(number)s)")
                % {"dates": period_label(p), "number": p.number},
            )
            for p in periods
        ]
        self.fields["periode"].error_messages["invalid_choice"] = _(
            "There is no reporting period that begins on %(value)s; choose one from the list."
        )
        style_widgets(self)


def _field(name: str):
    return ReportingCalendar._meta.get_field(name)


def default_text(effort: Effort) -> str:
    """Why an effort reports or not by default, e.g. "default: yes (the municipality is
    principal)"."""
    role = effort.municipality_role
    if role == MunicipalityRole.PRINCIPAL:
        return gettext("default: yes, the municipality is principal (opdrachtgever)")
    if role == MunicipalityRole.DIRECTOR:
        return gettext("default: yes, the municipality is director (regisseur)")
    if role == MunicipalityRole.ALIGNMENT:
        return gettext("default: no, the municipality only aligns (afstemming)")
    return gettext("default: no, the municipality's role has not been determined")


@dataclass(frozen=True)
class EffortChoice:
    """One row of the "which efforts report" table."""

    field: forms.BoundField
    effort: Effort
    reports: bool  # as it is now
    own: bool  # is that the effort's own setting (rather than the default)?
    default: bool
    default_text: str


class CalendarForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_field("frequency").verbose_name, choices=ReportingFrequency.choices
    )
    start_date = forms.DateField(
        label=_field("start_date").verbose_name,
        widget=DateInput,
        help_text=_field("start_date").help_text,
    )
    deadline_days = forms.IntegerField(
        label=_field("deadline_days").verbose_name,
        min_value=0,
        max_value=MAX_DAYS,
        help_text=_field("deadline_days").help_text,
    )
    reminder_days = forms.IntegerField(
        label=_field("reminder_days").verbose_name,
        min_value=0,
        max_value=MAX_DAYS,
        help_text=_field("reminder_days").help_text,
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        calendar: ReportingCalendar | None,
        efforts: list[tuple[Effort, bool, bool]],
        **kwargs,
    ):
        initial = {"frequency": ReportingFrequency.BIWEEKLY, "deadline_days": 5, "reminder_days": 3}
        if calendar is not None:
            initial = {name: getattr(calendar, name) for name in CALENDAR_FIELDS}
            initial["version"] = calendar.version
        for effort, reports, _own in efforts:
            initial[self.effort_field(effort)] = reports
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self._efforts = efforts
        for effort, _reports, _own in efforts:
            self.fields[self.effort_field(effort)] = forms.BooleanField(
                label=effort.name, required=False
            )
        style_widgets(self)
        for name in ("deadline_days", "reminder_days"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "size": 4})

    @staticmethod
    def effort_field(effort: Effort) -> str:
        return f"inspanning_{effort.pk}"

    def calendar_fields(self):
        return [self[name] for name in CALENDAR_FIELDS]

    def effort_choices(self) -> list[EffortChoice]:
        return [
            EffortChoice(
                self[self.effort_field(effort)],
                effort,
                reports,
                own,
                effort_reports_by_default(effort),
                default_text(effort),
            )
            for effort, reports, own in self._efforts
        ]

    def calendar_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in CALENDAR_FIELDS}

    def effort_values(self) -> list[tuple[Effort, bool, bool]]:
        """(effort, reports as it was, reports as chosen)."""
        return [
            (effort, reports, bool(self.cleaned_data.get(self.effort_field(effort))))
            for effort, reports, _own in self._efforts
        ]
