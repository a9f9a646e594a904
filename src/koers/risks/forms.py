"""Forms of the risk register: a risk, the register's filters (GET) and an effort's risk
paragraph."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.programmes.forms import DateInput
from koers.programmes.models import Person, Programme
from koers.ui import style_widgets

from .constants import IMPACT_LABELS, LIKELIHOOD_LABELS, RiskKind, RiskStatus
from .models import EffortRiskParagraph, Risk
from .selectors import link_choices

FIELDS = (
    "title",
    "description",
    "kind",
    "goals",
    "efforts",
    "likelihood",
    "impact",
    "mitigation",
    "owner",
    "status",
    "next_review",
    "note",
)


def _scale(labels) -> list[tuple[str, str]]:
    return [("", _("not scored")), *((str(k), v) for k, v in labels.items())]


def _help(name: str):
    return Risk._meta.get_field(name).help_text


class GoalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code}. {obj.statement}"


class RiskForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=300)
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(
        label=_("kind"), choices=RiskKind.choices, widget=forms.RadioSelect, help_text=_help("kind")
    )
    goals = GoalChoiceField(
        label=_("operational goals"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_help("goals"),
    )
    efforts = forms.ModelMultipleChoiceField(
        label=_("efforts"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_help("efforts"),
    )
    likelihood = forms.TypedChoiceField(
        label=_("likelihood"),
        choices=_scale(LIKELIHOOD_LABELS),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_help("likelihood"),
    )
    impact = forms.TypedChoiceField(
        label=_("impact"),
        choices=_scale(IMPACT_LABELS),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_help("impact"),
    )
    mitigation = forms.CharField(
        label=_("mitigation"), required=False, widget=forms.Textarea, help_text=_help("mitigation")
    )
    owner = forms.ModelChoiceField(
        label=_("risk owner"), queryset=Person.objects.all(), required=False
    )
    status = forms.ChoiceField(label=_("status"), choices=RiskStatus.choices)
    next_review = forms.DateField(label=_("next review"), required=False, widget=DateInput)
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea, help_text=_help("note")
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, programme: Programme, instance: Risk | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(instance)
        kwargs.setdefault("initial", {"status": RiskStatus.OPEN})
        super().__init__(*args, **kwargs)
        goals, efforts = link_choices(programme, instance)
        self.fields["goals"].queryset = goals
        self.fields["efforts"].queryset = efforts
        style_widgets(self)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELDS}


def initial_of(risk: Risk) -> dict:
    data = {name: getattr(risk, name) for name in FIELDS if name not in ("goals", "efforts")}
    data["owner"] = risk.owner_id
    data["goals"] = [g.pk for g in risk.goals.all()]
    data["efforts"] = [e.pk for e in risk.efforts.all()]
    data["version"] = risk.version
    return data


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("all"))] + RiskStatus.choices
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("all"))] + RiskKind.choices
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def filters(self) -> dict[str, str | None]:
        if not self.is_valid():
            return {"status": None, "kind": None}
        return {k: self.cleaned_data.get(k) or None for k in ("status", "kind")}


PARAGRAPH_FIELDS = ("text", "mitigation", "drawn_up_on", "drawn_up_by")


def _paragraph_help(name: str):
    return EffortRiskParagraph._meta.get_field(name).help_text


class RiskParagraphForm(forms.Form):
    text = forms.CharField(
        label=_("foreseen risks"), widget=forms.Textarea, help_text=_paragraph_help("text")
    )
    mitigation = forms.CharField(
        label=_("limiting the consequences"),
        widget=forms.Textarea,
        help_text=_paragraph_help("mitigation"),
    )
    drawn_up_on = forms.DateField(label=_("drawn up on"), widget=DateInput)
    drawn_up_by = forms.ModelChoiceField(
        label=_("drawn up by"), queryset=Person.objects.all(), required=False
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, instance: EffortRiskParagraph | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "text": instance.text,
                "mitigation": instance.mitigation,
                "drawn_up_on": instance.drawn_up_on,
                "drawn_up_by": instance.drawn_up_by_id,
                "version": instance.version,
            }
        super().__init__(*args, **kwargs)
        for name in ("text", "mitigation"):
            self.fields[name].widget.attrs["rows"] = 8
        style_widgets(self)

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in PARAGRAPH_FIELDS}
