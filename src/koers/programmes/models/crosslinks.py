"""Contributions between programmes: an effort of one programme serves an operational goal of
another.

"Er vindt continue afstemming plaats tussen de programmamanagers hoe met de inspanning binnen het
ene programma kan worden bijgedragen aan de doelstellingen van andere programma's." The effort's
programme proposes the link; the programme that owns the goal accepts or declines it (a decline
with its reason). Only an accepted link counts: on both programmes' pages, in both DINs and in
the quality check. A link within one programme stays a :class:`GoalEffortLink`.

In the code such a contribution is a *cross-programme link* (``CrossProgrammeLink``,
``cross_link_*``), so that it is never mistaken for a partner's contribution
(:class:`koers.partners.models.Contribution`); the pages call it a contribution (bijdrage).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..constants import CrossLinkState
from .base import Versioned
from .efforts import Effort
from .goals import OperationalGoal


class CrossProgrammeLink(Versioned):
    """An effort of one programme contributes to an operational goal of another programme."""

    effort = models.ForeignKey(
        Effort, models.CASCADE, related_name="cross_links", verbose_name=_("effort")
    )
    operational_goal = models.ForeignKey(
        OperationalGoal,
        models.CASCADE,
        related_name="cross_links",
        verbose_name=_("operational goal"),
    )
    contribution = models.TextField(
        _("contribution"),
        help_text=_("How the effort serves the goal of the other programme."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CrossLinkState.choices,
        default=CrossLinkState.PROPOSED,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the proposal was declined (required when declining)."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution to another programme")
        verbose_name_plural = _("contributions to other programmes")
        ordering = ["operational_goal__code", "effort__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["effort", "operational_goal"],
                name="cross_programme_link_unique",
                violation_error_message=_("This effort has already been proposed for this goal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.effort} → {self.operational_goal.programme}: {self.operational_goal.code}"

    @property
    def is_accepted(self) -> bool:
        return self.state == CrossLinkState.ACCEPTED

    @property
    def is_proposed(self) -> bool:
        return self.state == CrossLinkState.PROPOSED

    def clean(self) -> None:
        errors = {}
        if (
            self.operational_goal_id
            and self.effort_id
            and self.operational_goal.programme_id == self.effort.programme_id
        ):
            errors["operational_goal"] = _(
                "The goal belongs to the effort's own programme: link them within the programme "
                "instead."
            )
        if self.state == CrossLinkState.DECLINED and not self.decision_reason.strip():
            errors["decision_reason"] = _("Give the reason for declining.")
        if errors:
            raise ValidationError(errors)
