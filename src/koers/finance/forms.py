"""Forms of the budget pages: a funding source, an available amount, a budget line. Amounts are
typed in Dutch or international notation (1.749.200 or 1749200, 7.500,50 or 7500.50)."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.programmes.change_control import is_controlled, proposals_for
from koers.programmes.models import Programme
from koers.ui import DutchDecimalField, DutchIntegerField, VersionedForm, style_widgets

from .models import BudgetLine, FundingSource, Spending, SpendingKind
from .money import format_euro
from .spending import (
    check_amount,
    duplicate_warning,
    new_submission_key,
    similar_spending,
    submission_done,
)

AMOUNT_HELP = _("In euros, Dutch or international notation: 35.000, 35000 or 7.500,50.")


def money(field: DutchDecimalField) -> DutchDecimalField:
    """Show the field's values in euros where Koers compares them (what the other person saved)."""
    field.show = format_euro
    return field


def _amount_field(label) -> DutchDecimalField:
    return money(
        DutchDecimalField(
            label=label, max_digits=14, decimal_places=2, min_value=0, help_text=AMOUNT_HELP
        )
    )


def _year_field() -> DutchIntegerField:
    return DutchIntegerField(
        label=_("year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class SourceForm(VersionedForm):
    name = forms.CharField(label=_("name"), max_length=200)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)
    order = DutchIntegerField(
        label=_("order"),
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("Position in the budget table; lower comes first."),
    )
    field_names = ("name", "description", "note", "order")

    def values(self) -> dict:
        data = super().values()
        data["order"] = data["order"] or 0
        return data


class _SourceChoiceMixin:
    def setup(self) -> None:
        self.fields["source"].queryset = FundingSource.objects.filter(programme=self.programme)


class AvailabilityForm(_SourceChoiceMixin, VersionedForm):
    source = forms.ModelChoiceField(label=_("source"), queryset=FundingSource.objects.none())
    year = _year_field()
    amount = _amount_field(_("amount available"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)
    field_names = ("source", "year", "amount", "note")


class BudgetLineForm(_SourceChoiceMixin, VersionedForm):
    source = forms.ModelChoiceField(label=_("source"), queryset=FundingSource.objects.none())
    year = _year_field()
    effort = forms.ModelChoiceField(
        label=_("effort"),
        required=False,
        queryset=None,
        help_text=_("Leave empty for a programme-level item."),
    )
    item = forms.CharField(
        label=_("programme-level item"),
        max_length=200,
        required=False,
        help_text=BudgetLine._meta.get_field("item").help_text,
    )
    amount = _amount_field(_("amount"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)
    field_names = ("source", "year", "effort", "item", "amount", "note")

    def setup(self) -> None:
        super().setup()
        current = getattr(self.instance, "effort_id", None)
        self.fields["effort"].queryset = self.programme.efforts.order_by("name").working_or(current)

    def clean(self):
        data = super().clean()
        effort, item = data.get("effort"), (data.get("item") or "").strip()
        if effort is not None and item:
            self.add_error("item", _("Choose an effort or name a programme-level item, not both."))
        elif effort is None and not item and "effort" not in self.errors:
            self.add_error("effort", _("Choose an effort or name a programme-level item."))
        return data


def _line_choices(programme: Programme):
    return (
        BudgetLine.objects.filter(programme=programme)
        .select_related("source", "effort")
        .order_by("source__order", "source__name", "year", "effort__name", "item")
    )


class SpendingForm(VersionedForm):
    """A commitment or expenditure booked on one of the programme's budget lines."""

    budget_line = forms.ModelChoiceField(label=_("budget line"), queryset=BudgetLine.objects.none())
    kind = forms.ChoiceField(label=_("kind"), choices=SpendingKind.choices)
    date = forms.DateField(
        label=_("date"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        help_text=_("For example 31-03-2019 or 2019-03-31."),
        widget=forms.DateInput(format="%d-%m-%Y"),
    )
    amount = money(
        DutchDecimalField(label=_("amount"), max_digits=14, decimal_places=2, help_text=AMOUNT_HELP)
    )
    description = forms.CharField(label=_("description"), max_length=500, required=False)
    reference = forms.CharField(
        label=_("reference"),
        max_length=100,
        required=False,
        help_text=Spending._meta.get_field("reference").help_text,
    )
    # The form's random key: sending it twice (a double click, the back button, a second tab)
    # books once (see koers.finance.spending.spending_create).
    submission = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    # Shown (as a checkbox) only when the same line, date and amount is booked already.
    confirm_duplicate = forms.BooleanField(
        label=_("Save anyway"), required=False, widget=forms.HiddenInput
    )
    field_names = ("budget_line", "kind", "date", "amount", "description", "reference")

    def setup(self) -> None:
        self.fields["budget_line"].queryset = _line_choices(self.programme)
        if self.instance is None:
            self.fields["submission"].initial = new_submission_key()

    def clean(self):
        data = super().clean()
        line, date, amount = data.get("budget_line"), data.get("date"), data.get("amount")
        if line is None or date is None or amount is None or data.get("confirm_duplicate"):
            return data
        if self.instance is None and submission_done(data.get("submission") or ""):
            return data  # sent twice: the service answers with the first result
        similar = similar_spending(
            budget_line=line,
            date=date,
            amount=amount,
            exclude_pk=getattr(self.instance, "pk", None),
        )
        if similar is not None:
            field = self.fields["confirm_duplicate"]
            field.widget = forms.CheckboxInput(attrs={"class": "utrecht-checkbox"})
            self.add_error("confirm_duplicate", duplicate_warning(similar))
        return data

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        try:
            return check_amount(amount)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from exc


class SpendingUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV file (UTF-8) in the spending format."),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose a CSV file to check.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class _LineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.label} — {obj.source.name} {obj.year} ({format_euro(obj.amount)})"


class TransferForm(forms.Form):
    """Moving money from a budget line to another effort (same source and year)."""

    from_line = _LineChoiceField(label=_("from budget line"), queryset=BudgetLine.objects.none())
    to_effort = forms.ModelChoiceField(
        label=_("to effort"),
        queryset=None,
        help_text=_(
            "The money goes to this effort's line of the same source and year; that line is "
            "created when the effort has none yet."
        ),
    )
    amount = DutchDecimalField(
        label=_("amount"), max_digits=14, decimal_places=2, help_text=AMOUNT_HELP
    )
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for moving the money.")},
    )
    decision = forms.ModelChoiceField(
        label=_("decision"),
        required=False,
        queryset=None,
        help_text=_("The decision that allows the move, if there is one."),
    )
    from_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["from_line"].queryset = _line_choices(programme)
        self.fields["to_effort"].queryset = programme.efforts.working().order_by("name")
        decisions = apps.get_model("decisions", "Decision")._default_manager
        self.fields["decision"].queryset = decisions.filter(programme=programme)
        if is_controlled(programme):
            # In an adopted programme the move can also be put in a change proposal for the
            # college, applied when the decision on the proposal is registered.
            self.fields["proposal"] = forms.ChoiceField(
                label=_("change proposal"),
                required=False,
                choices=[
                    ("", _("(apply now)")),
                    ("nieuw", _("a new change proposal")),
                    *((str(p.pk), str(p)) for p in proposals_for(programme)),
                ],
                help_text=_(
                    "Put the move in a change proposal: it takes effect when the decision on the "
                    "proposal is registered."
                ),
            )
        style_widgets(self)
