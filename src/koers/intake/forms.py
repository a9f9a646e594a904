"""Forms of the intake: choosing the programme, registering an initiative, the assessment, turning
it into an effort and a moment of contact."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.programmes.forms import DateInput, offer_decision
from koers.programmes.models import Programme
from koers.risks.forms import GoalChoiceField
from koers.ui import style_widgets

from .constants import Origin, Outcome
from .models import ContactMoment, Initiative
from .selectors import goal_choices, may_choose_goals, programmes_for_registration
from .services import REGISTRATION_FIELDS


def _help(model, name: str):
    return model._meta.get_field(name).help_text


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class ProgrammeChoiceForm(forms.Form):
    """Step one of a registration: which programme the initiative touches (GET)."""

    programma = ProgrammeChoiceField(
        label=_("programme"),
        queryset=None,
        to_field_name="slug",
        empty_label=_("(choose a programme)"),
        help_text=_("The programme the initiative touches."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programma"].queryset = programmes_for_registration()
        style_widgets(self)


class RegistrationForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    initiator = forms.CharField(
        label=_("initiator"), max_length=200, help_text=_help(Initiative, "initiator")
    )
    origin = forms.ChoiceField(
        label=_("comes from"),
        choices=Origin.choices,
        widget=forms.RadioSelect,
        help_text=_help(Initiative, "origin"),
    )
    origin_name = forms.CharField(
        label=_("department or organisation"),
        max_length=200,
        help_text=_help(Initiative, "origin_name"),
    )
    location = forms.CharField(
        label=_("location"), max_length=300, help_text=_help(Initiative, "location")
    )
    description = forms.CharField(
        label=_("description"), widget=forms.Textarea, help_text=_help(Initiative, "description")
    )
    expected_contribution = forms.CharField(
        label=_("expected contribution"),
        widget=forms.Textarea,
        help_text=_help(Initiative, "expected_contribution"),
    )
    goals = GoalChoiceField(
        label=_("operational goals"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_help(Initiative, "goals"),
    )

    def __init__(self, *args, programme: Programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        if may_choose_goals(user, programme):
            self.fields["goals"].queryset = goal_choices(programme, user)
        else:
            # The goals are the programme's content: not for a user who may not read it.
            del self.fields["goals"]
        style_widgets(self)

    def service_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in REGISTRATION_FIELDS}
        data["goals"] = list(self.cleaned_data.get("goals", ()))
        return data


class AssessmentForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        help_text=_help(Initiative, "outcome"),
    )
    reasons = forms.CharField(
        label=_("reasons"), widget=forms.Textarea, help_text=_help(Initiative, "reasons")
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance: Initiative, **kwargs):
        kwargs.setdefault(
            "initial",
            {"outcome": instance.outcome, "reasons": instance.reasons, "version": instance.version},
        )
        super().__init__(*args, **kwargs)
        self.fields["reasons"].widget.attrs["rows"] = 6
        style_widgets(self)


class ToEffortForm(forms.Form):
    """Turning an initiative into an effort: its name (the initiative's title unless changed)
    and, where the programme keeps a decisions register, the decision that allows it."""

    name = forms.CharField(
        label=_("name of the effort"),
        max_length=200,
        help_text=_("The initiative's title, unless another name suits the effort better."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance: Initiative, programme: Programme, **kwargs):
        kwargs.setdefault("initial", {"name": instance.title, "version": instance.version})
        super().__init__(*args, **kwargs)
        offer_decision(self, programme)
        style_widgets(self)


class ContactMomentForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput)
    description = forms.CharField(
        label=_("what"), max_length=300, help_text=_help(ContactMoment, "description")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
