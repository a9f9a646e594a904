"""Forms for every DIN element. Forms validate input; the services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.ui import style_widgets, use_dutch_decimals

from .change_control import decisions_for, is_controlled, proposals_for
from .constants import AccessLevel, DatePrecision, GoalKind, MeasuringFrequency, TargetKind
from .models import (
    Activity,
    Effort,
    GoalEffortLink,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def offer_decision(form: forms.BaseForm, programme: Programme | None) -> bool:
    """Give ``form`` a field ``decision``: the programme's decisions, of which an adopted
    programme's scope and target changes need one (the services enforce it; the field offers
    the choice). False when no decisions register is installed."""
    decisions = decisions_for(programme) if programme is not None else None
    if decisions is None:
        return False
    if is_controlled(programme):
        help_text = _(
            "This programme has been adopted: adding or removing a goal, an effort or a link, "
            "and changing a target, require the decision that allows it."
        )
    else:
        help_text = _("The decision behind this change, if any (e.g. the adoption by the college).")
    form.fields["decision"] = forms.ModelChoiceField(
        label=_("decision"),
        queryset=decisions,
        required=False,
        empty_label=_("(no decision)"),
        help_text=help_text,
    )
    style_widgets(form)
    return True


NEW_PROPOSAL = "nieuw"


def offer_proposal(form: forms.BaseForm, programme: Programme | None, *, apply_now: bool) -> bool:
    """Give ``form`` the fields ``proposal`` and ``reason``: put the change in a change
    proposal for the college (a new one or a concept one) instead of making it. ``apply_now``:
    the user may also make it at once, under a decision already taken."""
    proposals = proposals_for(programme) if programme is not None else None
    if proposals is None:
        return False
    empty = _("(apply now, under a decision)") if apply_now else _("(no change proposal)")
    form.fields["proposal"] = forms.ChoiceField(
        label=_("change proposal"),
        choices=[
            ("", empty),
            (NEW_PROPOSAL, _("a new change proposal")),
            *((str(p.pk), str(p)) for p in proposals),
        ],
        required=False,
        help_text=_(
            "A change that needs a decision can be put in a change proposal: it takes effect "
            "when the decision on the proposal is registered."
        ),
    )
    form.fields["reason"] = forms.CharField(
        label=_("reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this change is proposed; it goes to the college with the proposal."),
    )
    style_widgets(form)
    return True


class ElementForm(forms.ModelForm):
    """Base of the DIN forms: knows its programme (to limit choices) and the version."""

    version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, programme: Programme | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        self.limit_choices()
        use_dutch_decimals(self)
        style_widgets(self)

    def limit_choices(self) -> None:
        pass

    def service_fields(self) -> dict:
        """The cleaned values the service takes (every model field of the form)."""
        return {
            name: self.cleaned_data[name] for name in self._meta.fields if name in self.cleaned_data
        }


class ProgrammeForm(ElementForm):
    class Meta:
        model = Programme
        fields = [
            "name",
            "slug",
            "municipality",
            "period_start",
            "period_end",
            "status",
            "contract_version",
            "contract_date",
            "mission",
            "vision",
            "scope",
            "note",
        ]
        widgets = {"period_start": DateInput, "period_end": DateInput, "contract_date": DateInput}


class StrategicChoiceForm(ElementForm):
    class Meta:
        model = StrategicChoice
        fields = ["order", "title", "text", "note"]


class StrategicGoalForm(ElementForm):
    class Meta:
        model = StrategicGoal
        fields = ["code", "title", "text", "order", "note"]


def indicator_form_fields() -> dict[str, forms.Field]:
    """Fresh form fields for an indicator (a new set per form instance)."""
    return {
        "name": forms.CharField(label=_("indicator"), max_length=300, required=False),
        "unit": forms.CharField(
            label=_("unit"),
            max_length=50,
            required=False,
            help_text=_("E.g. bezoekers per week, m², %, cijfer."),
        ),
        "baseline_value": forms.DecimalField(
            label=_("baseline value"), max_digits=16, decimal_places=4, required=False
        ),
        "baseline_date": forms.DateField(
            label=_("baseline date"), required=False, widget=DateInput
        ),
        "baseline_date_precision": forms.ChoiceField(
            label=_("precision of baseline date"),
            choices=DatePrecision.choices,
            initial=DatePrecision.DAY,
            help_text=_("When the source gives only a year, choose 'year' and the last day of it."),
        ),
        "target_kind": forms.ChoiceField(
            label=_("target kind"), choices=[("", "—"), *TargetKind.choices], required=False
        ),
        "target_value": forms.DecimalField(
            label=_("target value"),
            max_digits=16,
            decimal_places=4,
            required=False,
            help_text=_("For 'increase by' and 'decrease by': the change, not the end value."),
        ),
        "target_date": forms.DateField(label=_("target date"), required=False, widget=DateInput),
        "target_date_precision": forms.ChoiceField(
            label=_("precision of target date"),
            choices=DatePrecision.choices,
            initial=DatePrecision.DAY,
        ),
        "data_source": forms.CharField(label=_("data source"), max_length=300, required=False),
        "measuring_frequency": forms.ChoiceField(
            label=_("measuring frequency"), choices=MeasuringFrequency.choices, required=False
        ),
        "decimals": forms.IntegerField(
            label=_("decimals shown"),
            required=False,
            min_value=0,
            max_value=4,
            help_text=_("E.g. 1 for a rating written as 7,0. Empty: as many as the value needs."),
        ),
        "tolerance_percent": forms.DecimalField(
            label=_("tolerance (%)"),
            max_digits=5,
            decimal_places=2,
            min_value=0,
            max_value=100,
            required=False,
            initial=Decimal("10"),
            help_text=_(
                "How far behind the planned trajectory still counts as on course, as a "
                "percentage of the distance from start to target. Default 10."
            ),
        ),
    }


class OperationalGoalForm(ElementForm):
    """The goal and, for a measurable goal, its indicator (fields prefixed ``indicator_``)."""

    class Meta:
        model = OperationalGoal
        fields = ["strategic_goal", "code", "statement", "kind", "order", "note"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        indicator = getattr(self.instance, "indicator", None) if self.instance.pk else None
        self.indicator_names = []
        for name, fld in indicator_form_fields().items():
            if indicator is not None:
                fld.initial = getattr(indicator, name)
            self.fields[f"indicator_{name}"] = fld
            self.indicator_names.append(name)
        use_dutch_decimals(self)
        style_widgets(self)

    def limit_choices(self) -> None:
        if self.programme is not None:
            self.fields["strategic_goal"].queryset = self.programme.strategic_goals.all()

    def indicator_fields(self) -> list:
        return [self[f"indicator_{name}"] for name in self.indicator_names]

    def goal_fields(self) -> list:
        return [self[name] for name in self._meta.fields]

    def indicator_data(self) -> dict | None:
        """The indicator values for the service, or None for a qualitative goal."""
        if self.cleaned_data.get("kind") != GoalKind.MEASURABLE:
            return None
        data = {name: self.cleaned_data.get(f"indicator_{name}") for name in self.indicator_names}
        for key in ("name", "unit", "data_source", "target_kind", "measuring_frequency"):
            data[key] = data[key] or ""
        if data.get("tolerance_percent") is None:
            data["tolerance_percent"] = Decimal("10")
        return data


class TrackForm(ElementForm):
    class Meta:
        model = Track
        fields = ["name", "description", "order", "start_year", "end_year", "note"]


class EffortForm(ElementForm):
    class Meta:
        model = Effort
        fields = [
            "name",
            "description",
            "track",
            "owner",
            "municipality_role",
            "status",
            "start_date",
            "end_date",
            "partners",
            "order",
            "note",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "partners": forms.CheckboxSelectMultiple,
        }

    def limit_choices(self) -> None:
        if self.programme is not None and "track" in self.fields:
            self.fields["track"].queryset = self.programme.tracks.all()


class OwnerEffortForm(EffortForm):
    """What an effort owner may change of their own effort (not its place in the DIN)."""

    class Meta(EffortForm.Meta):
        fields = ["description", "status", "start_date", "end_date", "partners", "note"]


class GoalEffortLinkForm(ElementForm):
    class Meta:
        model = GoalEffortLink
        fields = ["operational_goal", "effort", "contribution"]

    def limit_choices(self) -> None:
        if self.programme is not None:
            goals, efforts = self.programme.operational_goals.all(), self.programme.efforts.all()
            if not self.instance.pk:  # a new link: not to an archived goal or effort
                goals, efforts = goals.working(), efforts.working()
            self.fields["operational_goal"].queryset = goals
            self.fields["effort"].queryset = efforts
        if self.instance.pk:
            # An existing link keeps its ends; only the contribution can change.
            for name in ("operational_goal", "effort"):
                self.fields[name].disabled = True


class ActivityForm(ElementForm):
    class Meta:
        model = Activity
        fields = ["effort", "year", "description", "order"]

    def limit_choices(self) -> None:
        if self.programme is not None:
            # Not an archived effort, unless it is this activity's own.
            self.fields["effort"].queryset = self.programme.efforts.filter(
                Q(archived_at__isnull=True) | Q(pk=self.instance.effort_id)
            )


class ProgrammeRoleForm(ElementForm):
    class Meta:
        model = ProgrammeRole
        fields = ["kind", "title", "person", "order", "note"]


class RoleHoursForm(ElementForm):
    class Meta:
        model = RoleHours
        fields = ["role", "year", "planned_hours", "realised_hours"]

    def limit_choices(self) -> None:
        if self.programme is not None:
            self.fields["role"].queryset = self.programme.roles.all()


class PersonForm(ElementForm):
    class Meta:
        model = Person
        fields = ["name", "function_title", "email", "organisation", "note"]


class PartnerOrganisationForm(ElementForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "description", "website"]


class AccessGrantForm(forms.Form):
    """Give a user access to a programme (or change their level)."""

    user = forms.ModelChoiceField(label=_("user"), queryset=None)
    level = forms.ChoiceField(label=_("access"), choices=AccessLevel.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u} ({u.username})"
        style_widgets(self)
