"""Choices of the portfolio's meetings: the contract's recurring meetings, how often they meet,
and what a meeting records (decisions and actions)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """The contract's recurring meetings (and any other the programme keeps)."""

    PRINCIPALS = "opdrachtgeversoverleg", _("principals' meeting")
    PROVINCIAL = "provinciaal_overleg", _("provincial meeting")
    OTHER = "overig", _("other meeting")


class Cadence(models.TextChoices):
    BIWEEKLY = "tweewekelijks", _("every two weeks")
    MONTHLY = "maandelijks", _("monthly")
    QUARTERLY = "kwartaal", _("quarterly")
    IRREGULAR = "onregelmatig", _("irregular")


#: The usual cadence of each kind (the contract: principals every two weeks, province quarterly).
DEFAULT_CADENCE = {
    MeetingKind.PRINCIPALS: Cadence.BIWEEKLY,
    MeetingKind.PROVINCIAL: Cadence.QUARTERLY,
    MeetingKind.OTHER: Cadence.IRREGULAR,
}


class AgendaSource(models.TextChoices):
    DIGEST = "digest", _("from the digest")
    FREE = "vrij", _("added")


class ItemKind(models.TextChoices):
    DECISION = "besluit", _("decision")
    ACTION = "actie", _("action")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "gedaan", _("done")


#: An icon beside the status text (never colour alone).
ITEM_ICONS = {ItemStatus.OPEN: "○", ItemStatus.DONE: "✔"}
