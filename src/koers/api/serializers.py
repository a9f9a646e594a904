"""The JSON shapes the API answers with: camelCase names (NL GOV API Design Rules), ISO 8601
dates, exact decimals as strings. What a client sends is validated by the write shapes
(:mod:`.serializers_write`), the query parameters of the lists by :mod:`.serializers_filter`.

Fields listed in ``PRIVATE`` are ``null`` when the client may read the programme only as the
public does (no token, or a token whose user has no access to that programme).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from koers.decisions.constants import ProposalStatus
from koers.monitoring.constants import PeriodKind
from koers.programmes.constants import ChangeKind, EffortStatus, GoalKind, ProgrammeStatus
from koers.reporting.constants import Aspect, ReportState
from koers.risks.constants import RiskKind, RiskStatus

from .selectors import Access


class ReadSerializer(serializers.Serializer):
    PRIVATE: tuple[str, ...] = ()

    def programme_id(self, obj) -> int:
        return obj.programme_id

    def to_representation(self, instance):
        data = super().to_representation(instance)
        access: Access | None = self.context.get("access")
        if self.PRIVATE and (access is None or self.programme_id(instance) not in access.full):
            for name in self.PRIVATE:
                data[name] = None
        return data


PRIVATE_HELP = "Only for clients that may read the programme in full; otherwise null."


class ProgrammeSerializer(ReadSerializer):
    PRIVATE = ("status", "vision", "scope", "contractVersion", "note")

    slug = serializers.SlugField(read_only=True)
    name = serializers.CharField(read_only=True)
    municipality = serializers.CharField(read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    mission = serializers.CharField(read_only=True)
    introduction = serializers.SerializerMethodField()
    published = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        ProgrammeStatus.choices, read_only=True, help_text=PRIVATE_HELP, allow_null=True
    )
    vision = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    scope = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    contractVersion = serializers.CharField(
        source="contract_version", read_only=True, help_text=PRIVATE_HELP, allow_null=True
    )
    note = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    def programme_id(self, obj) -> int:
        return obj.pk

    def _publication(self, obj):
        publication = getattr(obj, "publication", None)
        return publication if publication is not None and publication.published else None

    def get_introduction(self, obj) -> str:
        publication = self._publication(obj)
        return publication.introduction if publication else ""

    def get_published(self, obj) -> bool:
        return self._publication(obj) is not None


class StrategicGoalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)


class GoalSerializer(ReadSerializer):
    PRIVATE = ("note",)

    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="programme.slug", read_only=True)
    strategicGoal = StrategicGoalSerializer(source="strategic_goal", read_only=True)
    code = serializers.CharField(read_only=True)
    statement = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(GoalKind.choices, read_only=True)
    order = serializers.IntegerField(read_only=True)
    note = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    version = serializers.IntegerField(read_only=True)


class IndicatorSerializer(ReadSerializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="operational_goal.programme.slug", read_only=True)
    goal = serializers.IntegerField(source="operational_goal_id", read_only=True)
    goalCode = serializers.CharField(source="operational_goal.code", read_only=True)
    name = serializers.CharField(read_only=True)
    unit = serializers.CharField(read_only=True)
    baselineValue = serializers.DecimalField(
        16, 4, source="baseline_value", read_only=True, allow_null=True
    )
    baselineDate = serializers.DateField(source="baseline_date", read_only=True, allow_null=True)
    targetKind = serializers.CharField(source="target_kind", read_only=True)
    targetValue = serializers.DecimalField(
        16, 4, source="target_value", read_only=True, allow_null=True
    )
    targetDate = serializers.DateField(source="target_date", read_only=True, allow_null=True)
    dataSource = serializers.CharField(source="data_source", read_only=True)
    measuringFrequency = serializers.CharField(source="measuring_frequency", read_only=True)
    decimals = serializers.IntegerField(read_only=True, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    def programme_id(self, obj) -> int:
        return obj.operational_goal.programme_id


class MeasurementSerializer(ReadSerializer):
    PRIVATE = ("note",)

    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(
        source="indicator.operational_goal.programme.slug", read_only=True
    )
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    period = serializers.CharField(
        source="period_code", read_only=True, help_text=("E.g. 2019, 2019-Q3, 2019-07, 2019-W27.")
    )
    periodKind = serializers.ChoiceField(PeriodKind.choices, source="period_kind", read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    knownFrom = serializers.DateField(
        source="known_from",
        read_only=True,
        help_text=(
            "The day from which the value is known; the status on a date uses only the values "
            "known on that date."
        ),
    )
    value = serializers.DecimalField(16, 4, read_only=True)
    source = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    isProvisional = serializers.BooleanField(source="is_provisional", read_only=True)
    isFictitious = serializers.BooleanField(source="is_fictitious", read_only=True)
    version = serializers.IntegerField(read_only=True)

    def programme_id(self, obj) -> int:
        return obj.indicator.operational_goal.programme_id


class EffortSerializer(ReadSerializer):
    PRIVATE = ("description", "owner", "municipalityRole", "note")

    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="programme.slug", read_only=True)
    name = serializers.CharField(read_only=True)
    track = serializers.CharField(source="track.name", read_only=True, allow_null=True)
    status = serializers.ChoiceField(EffortStatus.choices, read_only=True)
    startDate = serializers.DateField(source="start_date", read_only=True, allow_null=True)
    endDate = serializers.DateField(source="end_date", read_only=True, allow_null=True)
    order = serializers.IntegerField(read_only=True)
    publicDescription = serializers.SerializerMethodField()
    description = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    owner = serializers.CharField(
        source="owner.name", read_only=True, allow_null=True, help_text=PRIVATE_HELP
    )
    municipalityRole = serializers.CharField(
        source="municipality_role", read_only=True, help_text=PRIVATE_HELP, allow_null=True
    )
    note = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    def get_publicDescription(self, obj) -> str:
        publication = getattr(obj, "publication", None)
        return publication.public_description if publication and publication.published else ""


class LinkSerializer(ReadSerializer):
    PRIVATE = ("contribution",)

    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="effort.programme.slug", read_only=True)
    goal = serializers.IntegerField(source="operational_goal_id", read_only=True)
    goalCode = serializers.CharField(source="operational_goal.code", read_only=True)
    effort = serializers.IntegerField(source="effort_id", read_only=True)
    contribution = serializers.CharField(read_only=True, help_text=PRIVATE_HELP, allow_null=True)
    version = serializers.IntegerField(read_only=True)

    def programme_id(self, obj) -> int:
        return obj.effort.programme_id


class AspectSerializer(serializers.Serializer):
    aspect = serializers.ChoiceField(Aspect.choices)
    status = serializers.CharField(help_text=("goed, aandacht, probleem or empty."))
    explanation = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="effort.programme.slug", read_only=True)
    effort = serializers.IntegerField(source="effort_id", read_only=True)
    effortName = serializers.CharField(source="effort.name", read_only=True)
    periodStart = serializers.DateField(source="period_start", read_only=True)
    periodEnd = serializers.DateField(source="period_end", read_only=True)
    deadline = serializers.DateField(read_only=True)
    state = serializers.ChoiceField(ReportState.choices, read_only=True)
    overallStatus = serializers.CharField(
        source="overall_status",
        read_only=True,
        help_text=("goed, aandacht, probleem or empty."),
    )
    aspects = serializers.SerializerMethodField()
    principalsRequest = serializers.CharField(source="principals_request", read_only=True)
    submittedAt = serializers.DateTimeField(source="submitted_at", read_only=True, allow_null=True)
    reviewedAt = serializers.DateTimeField(source="reviewed_at", read_only=True, allow_null=True)
    isFictitious = serializers.BooleanField(source="is_fictitious", read_only=True)
    version = serializers.IntegerField(read_only=True)

    @extend_schema_field(AspectSerializer(many=True))
    def get_aspects(self, obj) -> list[dict]:
        return [
            {
                "aspect": aspect.value,
                "status": getattr(obj, f"{aspect.value}_status"),
                "explanation": getattr(obj, f"{aspect.value}_explanation"),
            }
            for aspect in Aspect
        ]


class BudgetLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="programme.slug", read_only=True)
    source = serializers.CharField(source="source.name", read_only=True)
    year = serializers.IntegerField(read_only=True)
    amount = serializers.DecimalField(14, 2, read_only=True)
    effort = serializers.IntegerField(source="effort_id", read_only=True, allow_null=True)
    item = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)


class RiskSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="programme.slug", read_only=True)
    title = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(RiskKind.choices, read_only=True)
    likelihood = serializers.IntegerField(read_only=True, allow_null=True)
    impact = serializers.IntegerField(read_only=True, allow_null=True)
    mitigation = serializers.CharField(read_only=True)
    owner = serializers.CharField(source="owner.name", read_only=True, allow_null=True)
    status = serializers.ChoiceField(RiskStatus.choices, read_only=True)
    nextReview = serializers.DateField(source="next_review", read_only=True, allow_null=True)
    goals = serializers.SerializerMethodField()
    efforts = serializers.SerializerMethodField()
    note = serializers.CharField(read_only=True)
    version = serializers.IntegerField(read_only=True)

    def get_goals(self, obj) -> list[int]:
        return [g.pk for g in obj.goals.all()]

    def get_efforts(self, obj) -> list[int]:
        return [e.pk for e in obj.efforts.all()]


# --- change proposals ---------------------------------------------------------------------------


class DescribedChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        ChangeKind.choices,
        read_only=True,
        help_text="The kind of change (as in the change record).",
    )
    subject = serializers.CharField(read_only=True, help_text="What the change is about.")
    before = serializers.CharField(read_only=True, help_text="The situation before, in words.")
    after = serializers.CharField(read_only=True, help_text="The situation after, in words.")


class PendingChangeSerializer(serializers.Serializer):
    """A change of a change proposal, not in force until the decision on the proposal applies
    it."""

    id = serializers.IntegerField(read_only=True)
    proposal = serializers.IntegerField(source="proposal_id", read_only=True)
    operation = serializers.CharField(
        read_only=True,
        help_text="The write it makes: programmes.<element kind>:create, update or delete.",
    )
    elementKind = serializers.SerializerMethodField(
        help_text="The kind of element: doel, strategisch-doel, inspanning, koppeling, …"
    )
    element = serializers.IntegerField(
        source="target_id",
        read_only=True,
        allow_null=True,
        help_text="Id of the element it changes or deletes; null for an element to be added.",
    )
    changes = DescribedChangeSerializer(
        source="described",
        many=True,
        read_only=True,
        help_text="The changes that need a decision, described as the change record does.",
    )
    reason = serializers.CharField(read_only=True)
    proposedAt = serializers.DateTimeField(source="created_at", read_only=True)
    appliedAt = serializers.DateTimeField(
        source="applied_at",
        read_only=True,
        allow_null=True,
        help_text="When the decision on the proposal applied it; null while pending.",
    )

    def get_elementKind(self, obj) -> str:
        return obj.operation.partition(":")[0].removeprefix("programmes.")


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    programme = serializers.SlugField(source="programme.slug", read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(ProposalStatus.choices, read_only=True)
    decision = serializers.SerializerMethodField(
        help_text="Id of the decision registered on the proposal; null until it is decided."
    )
    rejectedOn = serializers.DateField(source="rejected_on", read_only=True, allow_null=True)
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    pendingChanges = PendingChangeSerializer(source="pending", many=True, read_only=True)
    version = serializers.IntegerField(read_only=True)

    def get_decision(self, obj) -> int | None:
        decision = getattr(obj, "decision", None)
        return decision.pk if decision is not None else None
