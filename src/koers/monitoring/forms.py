"""Forms of the monitor's pages: a measurement, a judgement, the reference date."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.programmes.forms import DateInput
from koers.ui import DutchDecimalField, VersionedForm, style_widgets

from .constants import JudgementStatus
from .models import Measurement
from .periods import PeriodFormatError, parse_period, period_code


class MeasurementForm(VersionedForm):
    period = forms.CharField(
        label=_("period"),
        max_length=20,
        help_text=_(
            "A year (2019), quarter (2019-Q3), month (2019-07), ISO week (2019-W27) or day "
            "(2019-07-01)."
        ),
    )
    value = DutchDecimalField(
        label=_("value"),
        max_digits=16,
        decimal_places=4,
        help_text=_("Dutch or international notation: 93.000, 93000, 7,0 or 7.0."),
    )
    source = forms.CharField(
        label=_("source"),
        max_length=300,
        required=False,
        help_text=Measurement._meta.get_field("source").help_text,
    )
    known_from = forms.DateField(
        label=_("known since"),
        required=False,
        widget=DateInput,
        help_text=_(
            "The day from which the value is known, e.g. the publication date of the survey: "
            "from the first day of the period up to today. Empty: the end of the period, or "
            "today when the period has not ended yet."
        ),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)
    is_provisional = forms.BooleanField(
        label=_("provisional"),
        required=False,
        help_text=Measurement._meta.get_field("is_provisional").help_text,
    )
    field_names = ("period", "value", "known_from", "source", "note", "is_provisional")

    def initial_from(self, instance: Measurement) -> dict:
        data = {name: getattr(instance, name) for name in self.field_names if name != "period"}
        data["period"] = period_code(instance.period_kind, instance.period_start)
        data["version"] = instance.version
        return data

    def setup(self) -> None:
        self.fields["value"].widget.attrs["inputmode"] = "decimal"

    def clean_period(self):
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodFormatError as exc:
            raise forms.ValidationError(str(exc)) from exc


class JudgementForm(forms.Form):
    date = forms.DateField(
        label=_("date"),
        widget=DateInput,
        help_text=_("The day the judgement applies to."),
    )
    status = forms.ChoiceField(
        label=_("judgement"), choices=JudgementStatus.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("explanation"),
        widget=forms.Textarea,
        help_text=_("What the judgement rests on: observations, sources, talks."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style_widgets(self)


class AsOfForm(forms.Form):
    op = forms.DateField(
        label=_("Status as of"),
        required=False,
        widget=DateInput,
        help_text=_("Only the measurements known on this date are used."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"op": timezone.localdate()})
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def as_of(self):
        if self.is_valid() and self.cleaned_data.get("op"):
            return self.cleaned_data["op"]
        return timezone.localdate()
