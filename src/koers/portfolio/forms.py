"""Forms of the portfolio: its filters (GET) and the meetings with their agenda, decisions and
actions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.monitoring.constants import Status
from koers.programmes.constants import ProgrammeStatus
from koers.programmes.forms import DateInput
from koers.programmes.models import Person
from koers.ui import style_widgets

from .constants import Cadence, ItemKind, ItemStatus, MeetingKind
from .models import Meeting, MeetingItem


def _help(model, name: str):
    return model._meta.get_field(name).help_text


class PortfolioFilterForm(forms.Form):
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

    def filters(self) -> dict[str, str | None]:
        names = ("holder", "status", "goal_status")
        if not self.is_bound or not self.is_valid():
            return dict.fromkeys(names)
        return {k: self.cleaned_data.get(k) or None for k in names}


MEETING_FIELDS = ("kind", "title", "cadence", "participants", "note")


class MeetingForm(forms.Form):
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
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance: Meeting | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {n: getattr(instance, n) for n in MEETING_FIELDS} | {
                "version": instance.version
            }
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in MEETING_FIELDS}


class OccurrenceForm(forms.Form):
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
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "date": instance.date,
                "minutes": instance.minutes,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        if instance is not None:
            del self.fields["with_digest"]
        style_widgets(self)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("point"), max_length=500)
    text = forms.CharField(label=_("explanation"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 3
        style_widgets(self)


ITEM_FIELDS = ("kind", "text", "owner", "due_date", "status", "done_on")


class MeetingItemForm(forms.Form):
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
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance: MeetingItem | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {n: getattr(instance, n) for n in ITEM_FIELDS} | {
                "owner": instance.owner_id,
                "version": instance.version,
            }
        kwargs.setdefault("initial", {"kind": ItemKind.ACTION, "status": ItemStatus.OPEN})
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 3
        style_widgets(self)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS}
