"""The risk register of a programme: risks to its goals and to its efforts, scored by likelihood
and impact (each 1–5) where the source gives them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.models import Effort, OperationalGoal, Person, Programme, Versioned
from koers.programmes.models.base import NOTE_HELP

from .constants import (
    SCALE_MAX,
    SCALE_MIN,
    STATUS_ICONS,
    RiskKind,
    RiskStatus,
    ScoreBand,
    score_band,
)

_SCALE = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


def _in_scale(field: str) -> Q:
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__gte": SCALE_MIN, f"{field}__lte": SCALE_MAX}
    )


class Risk(Versioned):
    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="risks", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=RiskKind.choices,
        help_text=_(
            "A risk to the programme's goals threatens reaching a goal; a risk to the efforts "
            "threatens carrying out the agreed efforts or reaching their results."
        ),
    )
    goals = models.ManyToManyField(
        OperationalGoal,
        blank=True,
        related_name="risks",
        verbose_name=_("operational goals"),
        help_text=_("The goals of this programme that the risk threatens."),
    )
    efforts = models.ManyToManyField(
        Effort,
        blank=True,
        related_name="risks",
        verbose_name=_("efforts"),
        help_text=_("The efforts of this programme that the risk threatens."),
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood"),
        null=True,
        blank=True,
        validators=_SCALE,
        help_text=_("1 (very unlikely) to 5 (almost certain); empty when not yet scored."),
    )
    impact = models.PositiveSmallIntegerField(
        _("impact"),
        null=True,
        blank=True,
        validators=_SCALE,
        help_text=_("1 (very small) to 5 (very large); empty when not yet scored."),
    )
    mitigation = models.TextField(
        _("mitigation"), blank=True, help_text=_("What is done to prevent or limit the risk.")
    )
    owner = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("risk owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    next_review = models.DateField(_("next review"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    history = HistoricalRecords(m2m_fields=[goals, efforts])

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["programme", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_in_scale("likelihood"),
                name="risk_likelihood_1_5",
                violation_error_message=_("The likelihood must be between 1 and 5."),
            ),
            models.CheckConstraint(
                condition=_in_scale("impact"),
                name="risk_impact_1_5",
                violation_error_message=_("The impact must be between 1 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def clean(self) -> None:
        super().clean()
        if (self.likelihood is None) != (self.impact is None):
            missing = "impact" if self.impact is None else "likelihood"
            raise ValidationError(
                {missing: _("Give both likelihood and impact, or leave both empty (not scored).")}
            )

    @property
    def score(self) -> int | None:
        """Likelihood × impact (1–25); None while the risk is not scored."""
        if self.likelihood is None or self.impact is None:
            return None
        return self.likelihood * self.impact

    @property
    def band(self) -> ScoreBand | None:
        return score_band(self.score)

    @property
    def is_scored(self) -> bool:
        return self.score is not None

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS.get(self.status, "")


class EffortRiskParagraph(Versioned):
    """The risk paragraph of an effort, drawn up when it starts (contract: "Bij de start van een
    project nemen we een risicoparagraaf op. Deze brengt de eventuele risico's in beeld en
    beschrijft hoe we mogelijke gevolgen kunnen beperken.").

    The author is a :class:`Person`, like an effort's owner and a risk's owner: a paragraph is
    often written by a project leader without a log-in and typed in by programme staff; the
    account that saved it is kept in the history."""

    effort = models.OneToOneField(
        Effort, models.CASCADE, related_name="risk_paragraph", verbose_name=_("effort")
    )
    text = models.TextField(
        _("foreseen risks"), help_text=_("The risks foreseen at the start of the effort.")
    )
    mitigation = models.TextField(
        _("limiting the consequences"),
        help_text=_("How the possible consequences of these risks are limited."),
    )
    drawn_up_on = models.DateField(_("drawn up on"))
    drawn_up_by = models.ForeignKey(
        Person,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="risk_paragraphs",
        verbose_name=_("drawn up by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk paragraph")
        verbose_name_plural = _("risk paragraphs")
        ordering = ["effort"]

    def __str__(self) -> str:
        return str(_("Risk paragraph of %(effort)s") % {"effort": self.effort})

    def get_absolute_url(self) -> str:
        return reverse(
            "risks:paragraph",
            kwargs={"slug": self.effort.programme.slug, "effort_pk": self.effort_id},
        )

    def clean(self) -> None:
        super().clean()
        if self.drawn_up_on and self.drawn_up_on > timezone.localdate():
            raise ValidationError({"drawn_up_on": _("This date lies in the future.")})
