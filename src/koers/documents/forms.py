"""The forms of the documents' pages: the choice of the progress report's period, and the
upload of a workbook for a new programme."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from koers.programmes.forms import DateInput
from koers.ui import style_widgets

from . import selectors
from .sections import period_label


class ProgressChoiceForm(forms.Form):
    """The period of the progress report and the reference date of the goals' status (GET)."""

    periode = forms.ChoiceField(label=gettext_lazy("Reporting period"), required=False)
    op = forms.DateField(
        label=gettext_lazy("Status of the goals as of"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Empty: the last day of the period."),
    )

    def __init__(self, *args, choice: selectors.PeriodChoice, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [(p.key, period_label(p)) for p in choice.periods]
        if choice.default is not None:
            self.fields["periode"].initial = choice.default.key
        style_widgets(self)


class ContractChoiceForm(forms.Form):
    """The date the programme contract is read as of (GET): the adopted baseline and the
    amendments up to that date."""

    contract_op = forms.DateField(
        label=gettext_lazy("Contract as of"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy(
            "Empty: today. The amendments decided after this date are left out."
        ),
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        style_widgets(self)

    def clean_contract_op(self):
        value = self.cleaned_data["contract_op"]
        if value is not None and value > self.today:
            raise forms.ValidationError(gettext_lazy("Choose a date up to today."))
        return value


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Workbook"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) in the layout of the template."),
        widget=forms.FileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
        error_messages={"required": gettext_lazy("Choose an Excel workbook to check.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
