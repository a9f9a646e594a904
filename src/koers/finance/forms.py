"""Forms of the budget pages: a funding source, an available amount, a budget line. Amounts are
typed in Dutch or international notation (1.749.200 or 1749200, 7.500,50 or 7500.50)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.programmes.models import Programme
from koers.ui import DutchDecimalField, DutchIntegerField, style_widgets

from .models import BudgetLine, FundingSource

AMOUNT_HELP = _("In euros, Dutch or international notation: 35.000, 35000 or 7.500,50.")


def _amount_field(label) -> DutchDecimalField:
    return DutchDecimalField(
        label=label, max_digits=14, decimal_places=2, min_value=0, help_text=AMOUNT_HELP
    )


def _year_field() -> DutchIntegerField:
    return DutchIntegerField(
        label=_("year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class _VersionedForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_names: tuple[str, ...] = ()

    def __init__(self, *args, instance=None, programme: Programme, **kwargs):
        self.instance = instance
        self.programme = programme
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(instance)
        super().__init__(*args, **kwargs)
        self.setup()
        style_widgets(self)

    def initial_from(self, instance) -> dict:
        data = {name: getattr(instance, name) for name in self.field_names}
        data["version"] = instance.version
        return data

    def setup(self) -> None:
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.field_names}


class SourceForm(_VersionedForm):
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


class AvailabilityForm(_SourceChoiceMixin, _VersionedForm):
    source = forms.ModelChoiceField(label=_("source"), queryset=FundingSource.objects.none())
    year = _year_field()
    amount = _amount_field(_("amount available"))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)
    field_names = ("source", "year", "amount", "note")


class BudgetLineForm(_SourceChoiceMixin, _VersionedForm):
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
        self.fields["effort"].queryset = self.programme.efforts.order_by("name")

    def clean(self):
        data = super().clean()
        effort, item = data.get("effort"), (data.get("item") or "").strip()
        if effort is not None and item:
            self.add_error("item", _("Choose an effort or name a programme-level item, not both."))
        elif effort is None and not item and "effort" not in self.errors:
            self.add_error("effort", _("Choose an effort or name a programme-level item."))
        return data
