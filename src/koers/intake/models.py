"""Initiatives that touch a programme, from the line organisation or from outside, and their
assessment: does the programme take the *opdrachtgever* role, the *regie* role, is *afstemming*
with the programme manager enough, or does it lie outside the programme?"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Effort, OperationalGoal, Programme, Versioned

from .constants import OUTCOME_SHORT, TO_EFFORT, IntakeStatus, Origin, Outcome


class Initiative(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="initiatives", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    initiator = models.CharField(
        _("initiator"),
        max_length=200,
        help_text=_("Who takes the initiative: a person, a team or an organisation."),
    )
    origin = models.CharField(
        _("comes from"),
        max_length=20,
        choices=Origin.choices,
        help_text=_("From the municipality's own line organisation or from an outside party."),
    )
    origin_name = models.CharField(
        _("department or organisation"),
        max_length=200,
        help_text=_("The municipal department, or the name of the outside party."),
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        help_text=_("Where in the area, e.g. a street, a square or a building."),
    )
    description = models.TextField(_("description"), help_text=_("What the initiative is."))
    expected_contribution = models.TextField(
        _("expected contribution"),
        help_text=_("What the initiative is expected to contribute to the programme's goals."),
    )
    goals = models.ManyToManyField(
        OperationalGoal,
        blank=True,
        related_name="initiatives",
        verbose_name=_("operational goals"),
        help_text=_("The goals of the programme the initiative expects to serve, if known."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.OPEN
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=Outcome.choices,
        blank=True,
        help_text=_("The role the programme takes in the initiative."),
    )
    reasons = models.TextField(
        _("reasons"), blank=True, help_text=_("Why the programme takes this role.")
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    assessed_at = models.DateTimeField(_("assessed at"), null=True, blank=True)
    effort = models.OneToOneField(
        Effort,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="initiative",
        verbose_name=_("effort"),
        help_text=_("The effort the initiative became."),
    )
    history = HistoricalRecords(m2m_fields=[goals])

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["programme", "registered_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("intake:detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.status == IntakeStatus.ASSESSED:
            if not self.outcome:
                errors["outcome"] = _("Choose the outcome of the assessment.")
            if not self.reasons.strip():
                errors["reasons"] = _("Give the reasons for the outcome.")
        elif self.outcome:
            errors["status"] = _("An initiative with an outcome has been assessed.")
        if self.effort_id and self.outcome not in TO_EFFORT:
            errors["outcome"] = _(
                "This initiative has become an effort: its outcome must be opdrachtgever or regie."
            )
        if self.effort_id and self.programme_id and self.effort.programme_id != self.programme_id:
            errors["effort"] = _("The effort belongs to another programme.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status == IntakeStatus.OPEN

    @property
    def outcome_short(self) -> str:
        return OUTCOME_SHORT.get(self.outcome, "")

    @property
    def can_become_effort(self) -> bool:
        """Assessed as opdrachtgever or regie and not yet turned into an effort."""
        return self.outcome in TO_EFFORT and self.effort_id is None

    def age_in_days(self, today) -> int:
        return (today - timezone.localdate(self.registered_at)).days


class ContactMoment(Versioned):
    """An agreed moment of contact with an initiative the programme aligns with (afstemming)."""

    initiative = models.ForeignKey(
        Initiative,
        models.CASCADE,
        related_name="contact_moments",
        verbose_name=_("initiative"),
    )
    date = models.DateField(_("date"))
    description = models.CharField(
        _("what"),
        max_length=300,
        help_text=_("E.g. a meeting with the initiator, a decision point, a delivery."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("moment of contact")
        verbose_name_plural = _("moments of contact")
        ordering = ["initiative", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y}: {self.description}"
