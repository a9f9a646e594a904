"""The decisions register of a programme: its decisions (college decisions and others) and the
record of every change made to it since it was adopted, with the decision that allowed it.

The tables were created when the register was part of :mod:`koers.risks` and keep their names
(``risks_decision``, ``risks_historicaldecision``, ``risks_programmechange``); the move changed
only where Django looks for the models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from koers.programmes.constants import ChangeKind
from koers.programmes.models import Programme, Versioned
from koers.programmes.models.base import NOTE_HELP

from .constants import DecisionKind, ProposalStatus


class Decision(Versioned):
    """A decision that changed the programme: a college decision (collegebesluit), a council
    decision or another; the changes it allowed refer to it."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="decisions", verbose_name=_("programme")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.COLLEGE
    )
    date = models.DateField(_("date"))
    number = models.CharField(
        _("number"),
        max_length=100,
        blank=True,
        help_text=_("The number or reference in the decision register, e.g. 2019/0123."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    link = models.URLField(
        _("link"),
        max_length=500,
        blank=True,
        help_text=_("Where the decision can be read, e.g. in the council information system."),
    )
    note = models.TextField(_("note"), blank=True, help_text=NOTE_HELP)
    # The kinds of change (ChangeKind values) a decision recorded on its own allows; a change of
    # another kind cannot cite it. A decision on a change proposal allows exactly the proposal's
    # changes, applied with it, and nothing afterwards.
    authorises = models.JSONField(_("authorises"), default=list, blank=True)
    proposal = models.OneToOneField(
        "ChangeProposal",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="decision",
        verbose_name=_("change proposal"),
    )
    # Tables keep the names from when the register was part of the risks app.
    history = HistoricalRecords(table_name="risks_historicaldecision")

    class Meta:
        db_table = "risks_decision"
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["programme", "-date", "-pk"]

    def __str__(self) -> str:
        label = f"{self.number} {self.title}" if self.number else self.title
        return f"{label} ({self.date:%d-%m-%Y})" if self.date else label

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", kwargs={"slug": self.programme.slug, "pk": self.pk})


class ProgrammeChange(models.Model):
    """One change to an adopted programme (a goal or effort added or removed, a target changed,
    budget moved, the status changed), with the decision that allowed it. Written by the services
    through :mod:`koers.programmes.change_control`; never edited."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="changes", verbose_name=_("programme")
    )
    decision = models.ForeignKey(
        Decision,
        models.RESTRICT,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("decision"),
    )
    kind = models.CharField(_("kind"), max_length=40, choices=ChangeKind.choices)
    subject = models.CharField(_("subject"), max_length=500)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        db_table = "risks_programmechange"
        verbose_name = _("programme change")
        verbose_name_plural = _("programme changes")
        ordering = ["programme", "-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"


class ChangeProposal(Versioned):
    """A change proposal (wijzigingsvoorstel): changes to an adopted programme that need a
    decision, prepared first and applied together when the decision on the proposal is
    registered. A rejected proposal is kept with its changes unapplied."""

    programme = models.ForeignKey(
        Programme, models.CASCADE, related_name="proposals", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Why these changes are proposed, for the college."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.CONCEPT
    )
    rejected_on = models.DateField(_("rejected on"), null=True, blank=True)
    rejection_note = models.TextField(_("note on the rejection"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ["programme", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:proposal", kwargs={"slug": self.programme.slug, "pk": self.pk})

    @property
    def is_concept(self) -> bool:
        return self.status == ProposalStatus.CONCEPT


class PendingChange(models.Model):
    """One change of a proposal, not yet in force: the write it will make (``operation`` on the
    element ``target_model``/``target_id`` with ``arguments``, only the values that change) and
    the change it is in words (``described``: kind, subject, before, after of each controlled
    change the write makes), with its reason. Written by the services; never edited, only
    withdrawn while the proposal is a concept."""

    proposal = models.ForeignKey(
        ChangeProposal, models.CASCADE, related_name="pending", verbose_name=_("change proposal")
    )
    operation = models.CharField(_("operation"), max_length=100)
    target_model = models.CharField(_("element kind"), max_length=100, blank=True)
    target_id = models.PositiveBigIntegerField(_("element"), null=True, blank=True)
    arguments = models.JSONField(_("arguments"), default=dict, blank=True)
    described = models.JSONField(_("changes"), default=list, blank=True)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    is_pending_change = True  # what the DIN's edit pages recognise after proposing

    class Meta:
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        ordering = ["proposal", "created_at", "pk"]

    def __str__(self) -> str:
        return (
            "; ".join(f"{ChangeKind(d['kind']).label}: {d['subject']}" for d in self.described)
            or self.operation
        )

    def get_absolute_url(self) -> str:
        return self.proposal.get_absolute_url()

    @property
    def descriptions(self) -> list[dict]:
        """``described`` with the label of each kind of change, for the pages."""
        return [
            {**d, "label": ChangeKind(d["kind"]).label if d["kind"] in ChangeKind.values else ""}
            for d in self.described
        ]
