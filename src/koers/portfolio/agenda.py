"""The agenda a meeting draws from the principals' digest (:mod:`koers.reporting.digest`):
where the programme stands, what changed since the previous digest, each effort in *aandacht*
or *probleem*, each decision asked of the principals and the efforts that have not reported.

Plain computation over the digest that is already built: no queries here."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from koers.reporting.digest import Change, Digest


@dataclass(frozen=True)
class AgendaPoint:
    title: str
    text: str = ""
    link: str = ""


def _change_line(change: Change) -> str:
    what = f"{change.what} {change.text}".strip()
    return f"{what}: {change.old.text} → {change.new.text}"


def agenda_points(digest: Digest) -> list[AgendaPoint]:
    """The points of the agenda, in the digest's order."""
    digest_url = digest.path
    lines = [f"{s.badge.text} — {s.code}. {s.text}" for s in digest.strategic]
    points = [
        AgendaPoint(
            _("Where the programme stands: %(status)s") % {"status": digest.programme_badge.text},
            "\n".join(lines),
            digest_url,
        )
    ]
    changes = digest.changes
    if changes.previous is not None and changes.any:
        lines = [_change_line(c) for c in ([changes.programme] if changes.programme else [])]
        lines += [_change_line(c) for c in changes.goals + changes.efforts]
        lines += [
            _("New report: %(effort)s") % {"effort": r.effort.name} for r in changes.new_reports
        ]
        previous = changes.previous
        points.append(
            AgendaPoint(
                _("Changes since the previous period, %(start)s to %(end)s")
                % {
                    "start": formats.date_format(previous.start, "j F Y"),
                    "end": formats.date_format(previous.end, "j F Y"),
                },
                "\n".join(lines),
                digest_url,
            )
        )
    for concern in digest.concerns:
        lines = [
            f"{a.label}: {a.badge.text}" + (f" — {a.explanation}" if a.explanation else "")
            for a in concern.aspects
        ]
        points.append(
            AgendaPoint(
                _("%(effort)s: %(status)s")
                % {"effort": concern.effort.name, "status": concern.badge.text},
                "\n".join(lines),
                concern.path,
            )
        )
    for decision in digest.decisions:
        points.append(
            AgendaPoint(
                _("Decision asked: %(effort)s") % {"effort": decision.effort.name},
                decision.text,
                decision.report.get_absolute_url(),
            )
        )
    if digest.not_current:
        points.append(
            AgendaPoint(
                _("Efforts without a submitted report over the current period"),
                ", ".join(e.name for e in digest.not_current),
                reverse("reporting:overview", kwargs={"slug": digest.programme.slug}),
            )
        )
    return points
