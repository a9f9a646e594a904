"""Forms of the portfolio: its filters (GET) and the meetings with their agenda, decisions and
actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.monitoring.constants import Status
from koers.programmes.constants import ProgrammeStatus
from koers.programmes.forms import DateInput
from koers.programmes.models import Person
from koers.ui import VersionedForm, style_widgets

from .constants import Cadence, ItemKind, ItemStatus, MeetingKind
from .models import Meeting, MeetingItem


def _help(model, name: str):
    return model._meta.get_field(name).help_text


class PortfolioFilterForm(forms.Form):
    op = forms.DateField(
        label=_("Status as of"),
        required=False,
        widget=DateInput,
        help_text=_("The goals' status on this date (by default today)."),
    )
    holder = forms.ChoiceField(label=_("portfolio holder"), required=False)
    status = forms.ChoiceField(
        label=_("programme status"),
        required=False,
        choices=[("", _("all"))] + ProgrammeStatus.choices,
    )
    goal_status = forms.ChoiceField(
        label=_("goals (roll-up)"), required=False, choices=[("", _("all"))] + Status.choices
    )

    def __init__(self, *args, holders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].choices = [("", _("all"))] + [(h.key, h.name) for h in holders]
        style_widgets(self)

    def clean_op(self):
        day = self.cleaned_data.get("op")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(_("Choose a date that is not in the future."))
        return day

    def as_of(self):
        """The chosen date (when it is a date not in the future), or today."""
        today = timezone.localdate()
        if not self.is_bound:
            return today
        try:
            day = self.fields["op"].clean(self.data.get("op"))
        except forms.ValidationError:
            return today
        return day if day is not None and day <= today else today

    def filters(self) -> dict[str, str | None]:
        names = ("holder", "status", "goal_status")
        if not self.is_bound or not self.is_valid():
            return dict.fromkeys(names)
        return {k: self.cleaned_data.get(k) or None for k in names}


MEETING_FIELDS = ("kind", "title", "cadence", "participants", "note")


class MeetingForm(VersionedForm):
    kind = forms.ChoiceField(label=_("kind"), choices=MeetingKind.choices)
    title = forms.CharField(label=_("title"), max_length=200, help_text=_help(Meeting, "title"))
    cadence = forms.ChoiceField(label=_("how often"), choices=Cadence.choices)
    participants = forms.CharField(
        label=_("participants"),
        required=False,
        widget=forms.Textarea,
        help_text=_help(Meeting, "participants"),
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea, help_text=_help(Meeting, "note")
    )
    field_names = MEETING_FIELDS


class OccurrenceForm(VersionedForm):
    date = forms.DateField(label=_("date"), widget=DateInput)
    minutes = forms.CharField(
        label=_("minutes"),
        required=False,
        widget=forms.Textarea,
        help_text=_("What was discussed, in short."),
    )
    with_digest = forms.BooleanField(
        label=_("Draw the agenda from the principals' digest"),
        required=False,
        initial=True,
        help_text=_(
            "Where the programme stands, what changed, the efforts in attention or problem and "
            "the decisions asked. Points can be added by hand afterwards."
        ),
    )
    field_names = ("date", "minutes")

    def setup(self) -> None:
        if self.instance is not None:
            del self.fields["with_digest"]

    def values(self) -> dict:
        values = super().values()
        if "with_digest" in self.fields:
            values["with_digest"] = self.cleaned_data["with_digest"]
        return values


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("point"), max_length=500)
    text = forms.CharField(label=_("explanation"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 3
        style_widgets(self)


ITEM_FIELDS = ("kind", "text", "owner", "due_date", "status", "done_on")


class MeetingItemForm(VersionedForm):
    kind = forms.ChoiceField(label=_("kind"), choices=ItemKind.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("text"), widget=forms.Textarea)
    owner = forms.ModelChoiceField(
        label=_("owner"),
        queryset=Person.objects.all(),
        required=False,
        help_text=_("For an action: who carries it out."),
    )
    due_date = forms.DateField(
        label=_("due date"), required=False, widget=DateInput, help_text=_("For an action.")
    )
    status = forms.ChoiceField(label=_("status"), choices=ItemStatus.choices)
    done_on = forms.DateField(
        label=_("done on"),
        required=False,
        widget=DateInput,
        help_text=_("For an action that is done; empty: today."),
    )
    field_names = ITEM_FIELDS

    def __init__(self, *args, instance: MeetingItem | None = None, **kwargs):
        if instance is None:
            kwargs.setdefault("initial", {"kind": ItemKind.ACTION, "status": ItemStatus.OPEN})
        super().__init__(*args, instance=instance, **kwargs)

    def initial_from(self, instance: MeetingItem) -> dict:
        return super().initial_from(instance) | {"owner": instance.owner_id}

    def setup(self) -> None:
        self.fields["text"].widget.attrs["rows"] = 3
