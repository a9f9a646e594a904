"""Choices of the risk register: the contract's two kinds of risk, a risk's status, the 1–5
scales and the bands of the score (likelihood × impact)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

SCALE_MIN = 1
SCALE_MAX = 5
SCALE = tuple(range(SCALE_MIN, SCALE_MAX + 1))


class RiskKind(models.TextChoices):
    """The contract's two categories ("Als risico's in het programma onderscheiden we")."""

    GOALS = "doelen", _("risk to the programme's goals")
    EFFORTS = "inspanningen", _("risk to the efforts")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("open")
    CONTROLLED = "beheerst", _("controlled")
    OCCURRED = "opgetreden", _("occurred")
    LAPSED = "vervallen", _("lapsed")


#: An icon beside the status text (never colour alone); the icon is hidden from screen readers.
STATUS_ICONS = {
    RiskStatus.OPEN: "○",
    RiskStatus.CONTROLLED: "✓",
    RiskStatus.OCCURRED: "⚠",
    RiskStatus.LAPSED: "–",
}

LIKELIHOOD_LABELS = {
    1: _("1 – very unlikely"),
    2: _("2 – unlikely"),
    3: _("3 – possible"),
    4: _("4 – likely"),
    5: _("5 – almost certain"),
}
IMPACT_LABELS = {
    1: _("1 – very small"),
    2: _("2 – small"),
    3: _("3 – moderate"),
    4: _("4 – large"),
    5: _("5 – very large"),
}


class ScoreBand(models.TextChoices):
    """Bands of the score, shown as text in the register and in every cell of the heat map."""

    LOW = "laag", _("low")
    MEDIUM = "middel", _("medium")
    HIGH = "hoog", _("high")


#: Upper bounds (inclusive) of the bands: 1–4 low, 5–10 medium, 12–25 high.
BAND_LIMITS = ((4, ScoreBand.LOW), (10, ScoreBand.MEDIUM), (SCALE_MAX * SCALE_MAX, ScoreBand.HIGH))


def score_band(score: int | None) -> ScoreBand | None:
    if score is None:
        return None
    for limit, band in BAND_LIMITS:
        if score <= limit:
            return band
    return ScoreBand.HIGH
