"""Choices of the decisions register."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    """Who took a decision. Scope changes of an adopted programme need a college decision by the
    contract; Koers accepts any recorded decision and shows its kind beside every change."""

    COLLEGE = "college", _("college decision")
    COUNCIL = "raad", _("council decision")
    PRINCIPAL = "opdrachtgever", _("decision of the principal")
    PROGRAMME_MANAGER = "programmamanager", _("decision of the programme manager")
    OTHER = "anders", _("other decision")


class ProposalStatus(models.TextChoices):
    """Where a change proposal stands: being prepared, adopted by a decision (its changes
    applied), or rejected (its changes kept, unapplied)."""

    CONCEPT = "concept", _("concept")
    DECIDED = "besloten", _("decided")
    REJECTED = "afgewezen", _("rejected")
