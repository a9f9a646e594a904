"""Replacing a programme never drops data silently: first the list of what goes and what comes,
per kind (:func:`replace_plan`), then, only when asked (``--force``), a full export of the
programme being replaced (:func:`replace_backup`) and the import."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.programmes.exchange import schema as din
from koers.programmes.models import Programme

from . import kinds as k
from .export import Exporter, write_programme
from .write import file_counts

_DIN_LABELS = {
    din.PROGRAMME_SECTION.key: gettext_lazy("programme"),
    din.CHOICES_SECTION.key: gettext_lazy("strategic choices"),
    din.STRATEGIC_GOALS_SECTION.key: gettext_lazy("strategic goals"),
    din.OPERATIONAL_GOALS_SECTION.key: gettext_lazy("operational goals"),
    din.TRACKS_SECTION.key: gettext_lazy("tracks"),
    din.EFFORTS_SECTION.key: gettext_lazy("efforts"),
    din.LINKS_SECTION.key: gettext_lazy("links"),
    din.ROLES_SECTION.key: gettext_lazy("roles"),
}


@dataclass(frozen=True)
class PlanLine:
    section: str  # the key in the file
    label: str
    in_database: int  # rows of the programme now, all removed by the replace
    in_file: int  # rows the file brings

    def __str__(self) -> str:
        return _("%(label)s: %(now)d now, removed; %(file)d in the file") % {
            "label": self.label,
            "now": self.in_database,
            "file": self.in_file,
        }


def programme_counts(programme: Programme) -> dict[str, int]:
    """Rows of each kind the programme has now (section key → count)."""
    counts = {
        din.PROGRAMME_SECTION.key: 1,
        din.CHOICES_SECTION.key: programme.choices.count(),
        din.STRATEGIC_GOALS_SECTION.key: programme.strategic_goals.count(),
        din.OPERATIONAL_GOALS_SECTION.key: programme.operational_goals.count(),
        din.TRACKS_SECTION.key: programme.tracks.count(),
        din.EFFORTS_SECTION.key: programme.efforts.count(),
        din.LINKS_SECTION.key: programme.efforts.values("links").exclude(links=None).count(),
        din.ROLES_SECTION.key: programme.roles.count(),
    }
    ex = Exporter(programme)
    for kind in k.KINDS:
        pks = list(ex.rows(kind).values_list("pk", flat=True))
        counts[kind.section] = len(pks)
        _count_children(kind, pks, counts)
    return counts


def _count_children(kind: k.Kind, pks: list, counts: dict[str, int]) -> None:
    for child in kind.children:
        objs = list(
            child.model._default_manager.filter(**{f"{child.parent}__in": pks}).values_list(
                "pk", flat=True
            )
        )
        counts[child.section] = counts.get(child.section, 0) + len(objs)
        _count_children(child, objs, counts)


def replace_plan(programme: Programme, source: bytes | IO[bytes]) -> list[PlanLine]:
    """Per kind: how many rows the programme has now (all removed by a replace) and how many
    the file brings; only kinds where either is not zero."""
    now = programme_counts(programme)
    coming = file_counts(source)
    labels = {key: str(label) for key, label in _DIN_LABELS.items()}
    labels |= {kind.section: str(kind.label) for kind in k.all_kinds()}
    lines = []
    for section, label in labels.items():
        a, b = now.get(section, 0), coming.get(section, 0)
        if a or b:
            lines.append(PlanLine(section, label, a, b))
    return lines


def replace_backup(programme: Programme) -> Path:
    """Export ``programme`` completely (format version 2, with history) to a new file in
    ``KOERS_VAR_DIR/exports`` and return its path."""
    folder = Path(settings.VAR_DIR) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{programme.slug}-voor-vervangen-{stamp}.json"
    with path.open("xb") as out:
        write_programme(out, programme, history=True)
    return path
