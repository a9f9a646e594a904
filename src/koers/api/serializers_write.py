"""What a client sends: the write shapes of the API, in the camelCase of its read shapes. Each
field's ``source`` is the keyword of the app's service it goes to, so a viewset hands the
validated data to the service as they are (after replacing the ids of related objects by the
objects); writes are carried out by the services, never by ``serializer.save()``."""

from __future__ import annotations

from rest_framework import serializers

from koers.monitoring.periods import PeriodFormatError, parse_period
from koers.programmes.constants import EffortStatus, GoalKind, MunicipalityRole, TargetKind

VERSION_HELP = (
    "The version you read. When someone else changed the item since, the change is refused "
    "with 409."
)
DECISION_HELP = (
    "Id of the decision (collegebesluit) that allows this change; required when the programme "
    "has been adopted."
)


PROPOSAL_HELP = (
    "Id of a change proposal (wijzigingsvoorstel) in concept of the same programme: instead of "
    "being made, a change that needs a decision is put in this proposal as a pending change "
    "(answer 202, with a Location of the proposal); it is applied when the decision on the "
    "proposal is registered. Not together with decision."
)
REASON_HELP = "Why this change is proposed; required with proposal."


class ProposingSerializer(serializers.Serializer):
    """``proposal`` and ``reason``: put the change in a change proposal instead of making it."""

    proposal = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=PROPOSAL_HELP
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, help_text=REASON_HELP, max_length=5000
    )


class VersionedWriteSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, help_text=VERSION_HELP, source="expected_version"
    )


KNOWN_HELP = (
    "The day from which the value is known (e.g. the publication date of the survey): from the "
    "first day of the period up to today. Left out or null: the end of the period, or today "
    "when that is earlier."
)


class MeasurementCreateSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(min_value=1)
    period = serializers.CharField(
        max_length=20, help_text=("E.g. 2019, 2019-Q3, 2019-07, 2019-W27 or 2019-07-01.")
    )
    value = serializers.DecimalField(16, 4)
    knownFrom = serializers.DateField(
        required=False, allow_null=True, default=None, source="known_from", help_text=KNOWN_HELP
    )
    source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    isProvisional = serializers.BooleanField(required=False, default=False, source="is_provisional")

    def validate_period(self, value: str):
        try:
            return parse_period(value)
        except PeriodFormatError as exc:
            raise serializers.ValidationError(str(exc)) from exc


class MeasurementUpdateSerializer(VersionedWriteSerializer):
    period = serializers.CharField(max_length=20, required=False)
    value = serializers.DecimalField(16, 4, required=False)
    knownFrom = serializers.DateField(
        required=False, allow_null=True, source="known_from", help_text=KNOWN_HELP
    )
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True)
    isProvisional = serializers.BooleanField(required=False, source="is_provisional")

    validate_period = MeasurementCreateSerializer.validate_period


class EffortFieldsSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    track = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    status = serializers.ChoiceField(EffortStatus.choices, required=False)
    startDate = serializers.DateField(required=False, allow_null=True, source="start_date")
    endDate = serializers.DateField(required=False, allow_null=True, source="end_date")
    municipalityRole = serializers.ChoiceField(
        MunicipalityRole.choices, required=False, allow_blank=True, source="municipality_role"
    )
    order = serializers.IntegerField(required=False, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True)


class EffortCreateSerializer(EffortFieldsSerializer, ProposingSerializer):
    programme = serializers.SlugField(help_text=("Short name (slug) of the programme."))
    decision = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=DECISION_HELP
    )


class EffortUpdateSerializer(EffortFieldsSerializer, VersionedWriteSerializer, ProposingSerializer):
    name = serializers.CharField(max_length=200, required=False)
    decision = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=DECISION_HELP
    )


class LinkCreateSerializer(ProposingSerializer):
    goal = serializers.IntegerField(min_value=1, help_text=("Id of the operational goal."))
    effort = serializers.IntegerField(min_value=1, help_text=("Id of the effort."))
    contribution = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=DECISION_HELP
    )


class IndicatorWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    unit = serializers.CharField(max_length=50, required=False, allow_blank=True)
    baselineValue = serializers.DecimalField(
        16, 4, required=False, allow_null=True, source="baseline_value"
    )
    baselineDate = serializers.DateField(required=False, allow_null=True, source="baseline_date")
    targetKind = serializers.ChoiceField(
        TargetKind.choices, required=False, allow_blank=True, source="target_kind"
    )
    targetValue = serializers.DecimalField(
        16, 4, required=False, allow_null=True, source="target_value"
    )
    targetDate = serializers.DateField(required=False, allow_null=True, source="target_date")


class GoalCreateSerializer(ProposingSerializer):
    strategicGoal = serializers.IntegerField(
        min_value=1, help_text=("Id of the strategic goal."), source="strategic_goal"
    )
    code = serializers.CharField(max_length=10)
    statement = serializers.CharField()
    kind = serializers.ChoiceField(GoalKind.choices)
    order = serializers.IntegerField(required=False, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True)
    indicator = IndicatorWriteSerializer(
        required=False, help_text=("Required for a measurable goal.")
    )
    decision = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, help_text=DECISION_HELP
    )


class GoalUpdateSerializer(VersionedWriteSerializer, ProposingSerializer):
    statement = serializers.CharField(required=False)
    order = serializers.IntegerField(required=False, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True)
