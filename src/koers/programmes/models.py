"""The goals–efforts network (DIN) of a programme.

programme ── strategic goal ── operational goal (± indicator) ⟷ effort ── activity
                                                 (GoalEffortLink)   │
             track (spoor) ─────────────────────────────────────────┘
People, partner organisations and programme roles (with hours per year) belong here too.
Every model keeps its history (django-simple-history) and a ``version`` counter that services use
to refuse an edit based on a stale copy (optimistic locking).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .constants import (
    AccessLevel,
    DatePrecision,
    EffortStatus,
    GoalKind,
    MeasuringFrequency,
    MunicipalityRole,
    PartnerKind,
    ProgrammeStatus,
    RoleKind,
    TargetKind,
)

NOTE_HELP = _(
    "Explanation, including where the source is ambiguous or silent (never invent what the "
    "source does not say)."
)


RESERVED_SLUGS = {"nieuw", "personen", "organisaties"}


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("‘%(value)s’ is reserved in Koers' addresses; choose another short name."),
            params={"value": value},
        )


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every change; an edit based on an older version is refused."),
    )

    class Meta:
        abstract = True


class Programme(Versioned):
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        unique=True,
        help_text=_("Used in addresses and on the command line, e.g. almelo-binnenstad."),
        validators=[validate_not_reserved],
    )
    name = models.CharField(_("name"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=100)
    period_start = models.DateField(_("start of period"))
    period_end = models.DateField(_("end of period"))
    contract_version = models.CharField(
        _("contract version"),
        max_length=100,
        blank=True,
        help_text=_("The version label of the programme contract, e.g. 'versie maart 2019'."),
    )
    contract_date = models.DateField(_("contract date"), null=True, blank=True)
    mission = models.TextField(_("mission"), blank=True)
    vision = models.TextField(_("vision and ambition"), blank=True)
    scope = models.TextField(
        _("scope"), blank=True, help_text=_("What belongs to the programme and what does not.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.CONCEPT
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The end of the period lies before its start.")})


class StrategicChoice(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="choices", verbose_name=_("programme")
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("explanation"), blank=True)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategic choice")
        verbose_name_plural = _("strategic choices")
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        return self.title


class StrategicGoal(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="strategic_goals", verbose_name=_("programme")
    )
    code = models.CharField(
        _("code"), max_length=10, help_text=_("Short code within the programme, e.g. 1 or A.")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional short label, e.g. 'Netwerken en positionering'."),
    )
    text = models.TextField(_("goal"))
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="strategic_goal_code_unique",
                violation_error_message=_(
                    "This programme already has a strategic goal with this code."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.title or self.text}"

    def get_absolute_url(self) -> str:
        return reverse(
            "programmes:strategic_goal",
            kwargs={"slug": self.programme.slug, "code": self.code},
        )


class OperationalGoal(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="operational_goals", verbose_name=_("programme")
    )
    strategic_goal = models.ForeignKey(
        StrategicGoal,
        models.PROTECT,
        related_name="operational_goals",
        verbose_name=_("strategic goal"),
    )
    code = models.CharField(
        _("code"), max_length=10, help_text=_("Unique within the programme, e.g. 2a.")
    )
    statement = models.TextField(_("goal"))
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=GoalKind.choices,
        default=GoalKind.MEASURABLE,
        help_text=_("Measurable (with an indicator) or explicitly qualitative."),
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("operational goal")
        verbose_name_plural = _("operational goals")
        ordering = ["programme", "strategic_goal__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="operational_goal_code_unique",
                violation_error_message=_(
                    "This programme already has an operational goal with this code."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.statement}"

    def get_absolute_url(self) -> str:
        return reverse("programmes:goal", kwargs={"slug": self.programme.slug, "code": self.code})

    @property
    def is_measurable(self) -> bool:
        return self.kind == GoalKind.MEASURABLE

    def clean(self) -> None:
        if (
            self.strategic_goal_id
            and self.programme_id
            and self.strategic_goal.programme_id != self.programme_id
        ):
            raise ValidationError(
                {"strategic_goal": _("The strategic goal belongs to another programme.")}
            )


class Indicator(Versioned):
    """How a measurable operational goal is measured. Values are exact decimals."""

    operational_goal = models.OneToOneField(
        OperationalGoal,
        models.CASCADE,
        related_name="indicator",
        verbose_name=_("operational goal"),
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("E.g. bezoekers per week, m², %, cijfer.")
    )
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_date_precision = models.CharField(
        _("precision of baseline date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("When the source gives only a year, the date is the last day of that year."),
    )
    target_kind = models.CharField(
        _("target kind"), max_length=20, choices=TargetKind.choices, blank=True
    )
    target_value = models.DecimalField(
        _("target value"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For 'increase by' and 'decrease by': the change, not the end value."),
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    target_date_precision = models.CharField(
        _("precision of target date"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    measuring_frequency = models.CharField(
        _("measuring frequency"),
        max_length=20,
        choices=MeasuringFrequency.choices,
        blank=True,
        default=MeasuringFrequency.UNKNOWN,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.target_value is not None and not self.target_kind:
            errors["target_kind"] = _("Choose the kind of target for this target value.")
        if self.target_kind and self.target_kind != TargetKind.KEEP and self.target_value is None:
            errors["target_value"] = _("A target of this kind needs a target value.")
        if (
            self.target_kind in (TargetKind.INCREASE_BY, TargetKind.DECREASE_BY)
            and self.target_value is not None
            and self.target_value < 0
        ):
            errors["target_value"] = _("Give the change as a positive number.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must lie after the baseline date.")
        if errors:
            raise ValidationError(errors)

    @property
    def target_end_value(self):
        """The value the indicator should have at the target date, or None if unknown."""
        if self.target_kind == TargetKind.INCREASE_BY:
            if self.baseline_value is None or self.target_value is None:
                return None
            return self.baseline_value + self.target_value
        if self.target_kind == TargetKind.DECREASE_BY:
            if self.baseline_value is None or self.target_value is None:
                return None
            return self.baseline_value - self.target_value
        if self.target_kind == TargetKind.KEEP and self.target_value is None:
            return self.baseline_value
        return self.target_value


class Track(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="tracks", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=1)
    start_year = models.PositiveIntegerField(_("from year"), null=True, blank=True)
    end_year = models.PositiveIntegerField(_("to year"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="track_name_unique",
                violation_error_message=_("This programme already has a track with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The last year lies before the first.")})


class PartnerOrganisation(Versioned):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.OTHER
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(Versioned):
    name = models.CharField(_("name"), max_length=200)
    function_title = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.ForeignKey(
        PartnerOrganisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
        help_text=_("Empty for staff of the municipality."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
        help_text=_("The log-in of this person; an effort owner edits their own efforts."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function_title})" if self.function_title else self.name


class Effort(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="efforts", verbose_name=_("programme")
    )
    track = models.ForeignKey(
        Track,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="efforts",
        verbose_name=_("track"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_efforts",
        verbose_name=_("owner (trekker)"),
    )
    municipality_role = models.CharField(
        _("role of the municipality"),
        max_length=20,
        choices=MunicipalityRole.choices,
        blank=True,
        default=MunicipalityRole.UNKNOWN,
    )
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="efforts", verbose_name=_("partners")
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EffortStatus.choices, default=EffortStatus.PLANNED
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords(m2m_fields=[partners])

    class Meta:
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        ordering = ["programme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="effort_name_unique",
                violation_error_message=_("This programme already has an effort with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programmes:effort", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.track_id and self.programme_id and self.track.programme_id != self.programme_id:
            errors["track"] = _("The track belongs to another programme.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end lies before the start.")
        if errors:
            raise ValidationError(errors)


class GoalEffortLink(Versioned):
    """An effort contributes to an operational goal (the lines of the DIN)."""

    operational_goal = models.ForeignKey(
        OperationalGoal, models.CASCADE, related_name="links", verbose_name=_("operational goal")
    )
    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="links", verbose_name=_("effort")
    )
    contribution = models.TextField(
        _("contribution"), blank=True, help_text=_("Optional: how the effort serves the goal.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("link between goal and effort")
        verbose_name_plural = _("links between goals and efforts")
        ordering = ["operational_goal__code", "effort__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["operational_goal", "effort"],
                name="goal_effort_link_unique",
                violation_error_message=_("This effort is already linked to this goal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.effort} → {self.operational_goal.code}"

    def clean(self) -> None:
        if (
            self.operational_goal_id
            and self.effort_id
            and self.operational_goal.programme_id != self.effort.programme_id
        ):
            raise ValidationError(_("The goal and the effort belong to different programmes."))


class Activity(Versioned):
    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="activities", verbose_name=_("effort")
    )
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(1900)])
    description = models.TextField(_("description"))
    order = models.PositiveIntegerField(_("order"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["effort", "year", "order", "id"]

    def __str__(self) -> str:
        return f"{self.year}: {self.description[:60]}"


class ProgrammeRole(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="roles", verbose_name=_("programme")
    )
    kind = models.CharField(_("role"), max_length=30, choices=RoleKind.choices)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("The title as the contract gives it, e.g. 'strategisch programma-adviseur'."),
    )
    person = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("held by"),
        help_text=_("Empty when the source does not name the person."),
    )
    order = models.PositiveIntegerField(_("order"), default=1)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme role")
        verbose_name_plural = _("programme roles")
        ordering = ["programme", "order", "id"]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


class RoleHours(Versioned):
    role = models.ForeignKey(
        ProgrammeRole, models.CASCADE, related_name="hours", verbose_name=_("role")
    )
    year = models.PositiveIntegerField(_("year"), validators=[MinValueValidator(1900)])
    planned_hours = models.DecimalField(
        _("planned hours"), max_digits=8, decimal_places=1, validators=[MinValueValidator(0)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hours per year")
        verbose_name_plural = _("hours per year")
        ordering = ["role", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "year"],
                name="role_hours_year_unique",
                violation_error_message=_("Hours for this role and year already exist."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.year}: {self.planned_hours}"


class ProgrammeAccess(Versioned):
    """Who may work on a programme: programme staff edit it, readers only read."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="access", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="programme_access",
        verbose_name=_("user"),
    )
    level = models.CharField(_("access"), max_length=10, choices=AccessLevel.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("access to a programme")
        verbose_name_plural = _("access to programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user"],
                name="programme_access_unique",
                violation_error_message=_("This user already has access to this programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.programme}: {self.get_level_display()}"
