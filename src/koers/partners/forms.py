"""Forms of the partners pages: a contribution and a partner's interests. Amounts and hours are
typed in Dutch or international notation (7.500,50 or 7500.50); the kind-specific rules (which
fields a kind needs, which stay empty) are the model's and come back from the service per
field."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.finance.forms import AMOUNT_HELP, money
from koers.programmes.models import PartnerOrganisation
from koers.ui import DutchDecimalField, DutchIntegerField, VersionedForm

from .constants import ContributionKind
from .models import Contribution, PartnerInterest

WHO = ("partner", "effort", "year", "kind")
COMMITTED = ("committed_amount", "committed_hours", "description")
DELIVERED = ("delivered_amount", "delivered_hours", "delivered_note")
FIELDS = (*WHO, *COMMITTED, *DELIVERED, "note")


def _help(name: str):
    return Contribution._meta.get_field(name).help_text


def _amount(label, help_text) -> DutchDecimalField:
    return money(
        DutchDecimalField(
            label=label,
            required=False,
            max_digits=14,
            decimal_places=2,
            min_value=0,
            help_text=f"{help_text} {AMOUNT_HELP}",
        )
    )


def _hours(label, help_text) -> DutchDecimalField:
    return DutchDecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=1,
        min_value=0,
        help_text=help_text,
    )


class ContributionForm(VersionedForm):
    partner = forms.ModelChoiceField(
        label=_("partner"),
        queryset=PartnerOrganisation.objects.order_by("name"),
        help_text=_(
            "A partner that is not yet a partner of the effort becomes one. A new organisation "
            "is added under Organisations."
        ),
    )
    effort = forms.ModelChoiceField(label=_("effort"), queryset=None)
    year = DutchIntegerField(
        label=_("year"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Money: give the amount. Hours: give the hours. Deliverable: describe it. Leave the "
            "fields of the other kinds empty."
        ),
    )
    committed_amount = _amount(_("committed amount"), _help("committed_amount"))
    committed_hours = _hours(_("committed hours"), _help("committed_hours"))
    description = forms.CharField(
        label=_("description"),
        required=False,
        widget=forms.Textarea,
        help_text=_help("description"),
    )
    delivered_amount = _amount(_("delivered amount"), _help("delivered_amount"))
    delivered_hours = _hours(_("delivered hours"), _help("delivered_hours"))
    delivered_note = forms.CharField(
        label=_("what was delivered"),
        required=False,
        widget=forms.Textarea,
        help_text=_help("delivered_note"),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea)

    field_names = FIELDS

    def setup(self) -> None:
        current = getattr(self.instance, "effort_id", None)
        efforts = self.programme.efforts.order_by("order", "name")
        self.fields["effort"].queryset = efforts.working_or(current)

    def groups(self):
        """The fields in three groups: who and when, what is committed, what was delivered."""
        return [
            (_("Partner, effort and year"), [self[n] for n in WHO]),
            (_("What the partner commits"), [self[n] for n in COMMITTED]),
            (_("What the partner delivered"), [self[n] for n in DELIVERED]),
            ("", [self["note"], self["version"]]),
        ]


class InterestForm(VersionedForm):
    interests = forms.CharField(
        label=_("interests"),
        required=False,
        widget=forms.Textarea,
        help_text=PartnerInterest._meta.get_field("interests").help_text,
    )

    field_names = ("interests",)

    def groups(self):
        return [("", [self["interests"], self["version"]])]
