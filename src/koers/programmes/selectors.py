"""Every read the DIN pages need, each with a fixed number of queries (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from .constants import RoleKind
from .deletion import Consequence, delete_plan
from .models import (
    Activity,
    Effort,
    GoalEffortLink,
    Indicator,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    Programme,
    ProgrammeAccess,
    ProgrammeRole,
    RoleHours,
    StrategicChoice,
    StrategicGoal,
    Track,
)
from .presentation import format_number
from .rules import _access


def programmes_for_user(user) -> QuerySet[Programme]:
    """The programmes a user may see, with the counts the list shows (one query)."""
    qs = Programme.objects.all()
    if not (user.is_authenticated and user.is_functional_admin):
        if not user.is_authenticated:
            return qs.none()
        levels, owned = _access(user)
        visible = set(levels) | set(owned.values())
        qs = qs.filter(pk__in=visible)
    # One subquery per count: joining the three tables at once would multiply their rows.
    return qs.annotate(
        n_strategic=_count_of(StrategicGoal),
        n_operational=_count_of(OperationalGoal),
        n_efforts=_count_of(Effort),
    ).order_by("name")


def _count_of(model) -> Subquery:
    rows = model.objects.filter(programme=OuterRef("pk"))
    if hasattr(model, "archived_at"):
        rows = rows.filter(archived_at__isnull=True)  # the working count
    counts = rows.order_by().values("programme").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts), 0)


def programme_get(slug: str) -> Programme:
    try:
        return Programme.objects.get(slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(slug) from exc


def _efforts_qs() -> QuerySet[Effort]:
    return Effort.objects.select_related("owner", "track", "programme").prefetch_related(
        Prefetch(
            "links",
            queryset=GoalEffortLink.objects.filter(
                operational_goal__archived_at__isnull=True
            ).select_related("operational_goal__programme"),
        )
    )


def programme_overview(slug: str, *, archived: bool = False) -> Programme:
    """A programme with everything its page shows, prefetched; with ``archived`` also its
    archived goals and efforts (``archived_goals``, ``archived_efforts``: two queries more)."""
    qs = Programme.objects.prefetch_related(
        Prefetch("choices", queryset=StrategicChoice.objects.order_by("order", "id")),
        Prefetch(
            "strategic_goals",
            queryset=StrategicGoal.objects.select_related("programme")
            .order_by("order", "code")
            .prefetch_related(
                Prefetch(
                    "operational_goals",
                    queryset=OperationalGoal.objects.working()
                    .select_related("indicator", "programme")
                    .order_by("order", "code")
                    .annotate(
                        n_links=Count("links", filter=Q(links__effort__archived_at__isnull=True))
                    ),
                )
            ),
        ),
        Prefetch("tracks", queryset=Track.objects.order_by("order", "name")),
        Prefetch("efforts", queryset=_efforts_qs().working().order_by("order", "name")),
        Prefetch(
            "roles",
            queryset=ProgrammeRole.objects.select_related("person", "person__organisation")
            .prefetch_related(Prefetch("hours", queryset=RoleHours.objects.order_by("year")))
            .order_by("order", "id"),
        ),
    )
    if archived:
        # The archived ones, for the section that shows them (collapsed) with a restore button.
        qs = qs.prefetch_related(
            Prefetch(
                "operational_goals",
                queryset=OperationalGoal.objects.archived()
                .select_related("strategic_goal", "programme", "archived_by")
                .order_by("code"),
                to_attr="archived_goals",
            ),
            Prefetch(
                "efforts",
                queryset=Effort.objects.archived()
                .select_related("programme", "archived_by")
                .order_by("name"),
                to_attr="archived_efforts",
            ),
        )
    try:
        return qs.get(slug=slug)
    except Programme.DoesNotExist as exc:
        raise Http404(slug) from exc


@dataclass
class TrackGroup:
    track: Track | None
    efforts: list[Effort] = field(default_factory=list)


def efforts_by_track(programme: Programme) -> list[TrackGroup]:
    """Group the prefetched efforts of ``programme_overview`` by track (pure, no queries)."""
    groups = {t.pk: TrackGroup(track=t) for t in programme.tracks.all()}
    loose = TrackGroup(track=None)
    for effort in programme.efforts.all():
        groups.get(effort.track_id, loose).efforts.append(effort)
    result = list(groups.values())
    if loose.efforts:
        result.append(loose)
    return result


def strategic_goal_get(programme: Programme, code: str) -> StrategicGoal:
    qs = StrategicGoal.objects.filter(programme=programme).prefetch_related(
        Prefetch(
            "operational_goals",
            queryset=OperationalGoal.objects.working()
            .select_related("indicator", "programme")
            .prefetch_related(
                Prefetch(
                    "links",
                    queryset=GoalEffortLink.objects.filter(
                        effort__archived_at__isnull=True
                    ).select_related("effort"),
                )
            ),
        )
    )
    try:
        return qs.get(code=code)
    except StrategicGoal.DoesNotExist as exc:
        raise Http404(code) from exc


def operational_goal_get(programme: Programme, code: str) -> OperationalGoal:
    qs = (
        OperationalGoal.objects.filter(programme=programme)
        .select_related("strategic_goal__programme", "indicator", "programme")
        .prefetch_related(
            Prefetch(
                "links",
                queryset=GoalEffortLink.objects.filter(effort__archived_at__isnull=True)
                .select_related("effort__programme", "effort__owner", "effort__track")
                .order_by("effort__order", "effort__name"),
            )
        )
    )
    try:
        return qs.get(code=code)
    except OperationalGoal.DoesNotExist as exc:
        raise Http404(code) from exc


def effort_get(programme: Programme, pk: int) -> Effort:
    qs = (
        Effort.objects.filter(programme=programme)
        .select_related("track", "owner", "owner__organisation", "programme")
        .prefetch_related(
            "partners",
            Prefetch("activities", queryset=Activity.objects.order_by("year", "order", "id")),
            Prefetch(
                "links",
                queryset=GoalEffortLink.objects.filter(operational_goal__archived_at__isnull=True)
                .select_related("operational_goal__programme", "operational_goal__strategic_goal")
                .order_by("operational_goal__code"),
            ),
        )
    )
    try:
        return qs.get(pk=pk)
    except Effort.DoesNotExist as exc:
        raise Http404(pk) from exc


def people_list() -> QuerySet[Person]:
    return Person.objects.select_related("organisation", "user").annotate(
        n_efforts=Count("owned_efforts", distinct=True), n_roles=Count("roles", distinct=True)
    )


def partner_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.annotate(n_efforts=Count("efforts", distinct=True))


# --- history -----------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: datetime
    who: Any
    kind: str  # verbose name of the model
    label: str
    action: str  # "+", "~", "-"
    changes: list[str]
    reason: str = ""


def _history_rows(model, filter_q: Q) -> list:
    return list(
        model.history.filter(filter_q)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )


def _diff(prev, cur, fields: list[str]) -> list[str]:
    return [f for f in fields if getattr(prev, f, None) != getattr(cur, f, None)]


def programme_history(programme: Programme, *, limit: int = 200) -> list[HistoryEntry]:
    """Who changed what, when, across every DIN element of the programme (newest first).

    One query per element type, whatever the number of changes; diffs are computed in Python by
    comparing each history row with the previous one of the same object."""
    pid = programme.pk
    # Names as last known (also of deleted elements), to label links and hours.
    effort_names = dict(
        Effort.history.filter(programme_id=pid).order_by("history_date").values_list("id", "name")
    )
    goal_codes = dict(
        OperationalGoal.history.filter(programme_id=pid)
        .order_by("history_date")
        .values_list("id", "code")
    )
    role_titles = dict(
        ProgrammeRole.history.filter(programme_id=pid)
        .order_by("history_date")
        .values_list("id", "title")
    )
    effort_ids, goal_ids, role_ids = set(effort_names), set(goal_codes), set(role_titles)
    from django.contrib.auth import get_user_model

    access_user_ids = set(
        ProgrammeAccess.history.filter(programme_id=pid).values_list("user_id", flat=True)
    )
    user_names = {u.pk: str(u) for u in get_user_model().objects.filter(pk__in=access_user_ids)}
    names = {"effort": effort_names, "goal": goal_codes, "role": role_titles, "user": user_names}
    sources = [
        (Programme, Q(id=pid)),
        (StrategicChoice, Q(programme_id=pid)),
        (StrategicGoal, Q(programme_id=pid)),
        (OperationalGoal, Q(programme_id=pid)),
        (Indicator, Q(operational_goal_id__in=goal_ids)),
        (Track, Q(programme_id=pid)),
        (Effort, Q(programme_id=pid)),
        (GoalEffortLink, Q(effort_id__in=effort_ids)),
        (Activity, Q(effort_id__in=effort_ids)),
        (ProgrammeRole, Q(programme_id=pid)),
        (RoleHours, Q(role_id__in=role_ids)),
        (ProgrammeAccess, Q(programme_id=pid)),
    ]
    entries: list[HistoryEntry] = []
    for model, q in sources:
        fields = [f.attname for f in model._meta.concrete_fields if f.name not in ("id", "version")]
        verbose = {f.attname: str(f.verbose_name) for f in model._meta.concrete_fields}
        prev_by_id: dict[int, Any] = {}
        for row in _history_rows(model, q):
            prev = prev_by_id.get(row.id)
            changes = []
            if row.history_type == "~" and prev is not None:
                changes = [verbose[f] for f in _diff(prev, row, fields)]
            prev_by_id[row.id] = row
            entries.append(
                HistoryEntry(
                    when=row.history_date,
                    who=row.history_user,
                    kind=str(model._meta.verbose_name),
                    label=_history_label(row, names),
                    action=row.history_type,
                    changes=changes,
                    reason=row.history_change_reason or "",
                )
            )
    entries.extend(_principal_address_changes(pid))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]


PRINCIPAL_ROLES = (RoleKind.POLITICAL_PRINCIPAL, RoleKind.ADMINISTRATIVE_PRINCIPAL)


def _principal_address_changes(pid: int) -> list[HistoryEntry]:
    """Changes of the e-mail address of the people who hold (or held) a principal role in the
    programme: the programme's digest goes to that address, and a person is shared by every
    programme, so a change made elsewhere must show here too. Two queries."""
    person_ids = set(
        ProgrammeRole.history.filter(
            programme_id=pid, kind__in=PRINCIPAL_ROLES, person_id__isnull=False
        ).values_list("person_id", flat=True)
    )
    if not person_ids:
        return []
    verbose = str(Person._meta.get_field("email").verbose_name)
    entries: list[HistoryEntry] = []
    prev_by_id: dict[int, Any] = {}
    for row in _history_rows(Person, Q(id__in=person_ids)):
        prev = prev_by_id.get(row.id)
        prev_by_id[row.id] = row
        if row.history_type != "~" or prev is None or prev.email == row.email:
            continue
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=row.history_user,
                kind=str(Person._meta.verbose_name),
                label=row.name,
                action="~",
                changes=[f"{verbose}: {prev.email or '—'} → {row.email or '—'}"],
                reason=row.history_change_reason or "",
            )
        )
    return entries


def _history_label(row, names: dict[str, dict[int, str]]) -> str:
    if hasattr(row, "level") and hasattr(row, "user_id"):  # access to the programme
        return f"{names['user'].get(row.user_id, '?')}: {row.get_level_display()}"
    if hasattr(row, "operational_goal_id") and hasattr(row, "effort_id"):
        effort = names["effort"].get(row.effort_id, "?")
        return f"{effort} → {names['goal'].get(row.operational_goal_id, '?')}"
    if hasattr(row, "operational_goal_id"):  # an indicator
        return f"{names['goal'].get(row.operational_goal_id, '?')}: {row.name}"
    if hasattr(row, "planned_hours"):
        hours = format_number(row.planned_hours)
        return f"{names['role'].get(row.role_id) or '?'} {row.year}: {hours}"
    if hasattr(row, "year") and hasattr(row, "description"):
        return f"{names['effort'].get(row.effort_id, '?')} {row.year}: {row.description[:80]}"
    code = getattr(row, "code", None)
    if code:
        text = getattr(row, "statement", None) or getattr(row, "text", None) or ""
        return f"{code} {text[:80]}".strip()
    for attr in ("name", "title"):
        value = getattr(row, attr, None)
        if value:
            return str(value)
    return getattr(row, "get_kind_display", lambda: str(row.id))()


# --- what a delete takes with it ----------------------------------------------------------------


def delete_consequences(instance) -> list[Consequence]:
    """What deleting ``instance`` does to other objects in every app, per kind and count: the
    plan :func:`koers.programmes.deletion.delete_plan` that the delete itself checks."""
    return delete_plan(instance).consequences


def programme_access_list(programme: Programme) -> QuerySet[ProgrammeAccess]:
    return (
        ProgrammeAccess.objects.filter(programme=programme)
        .select_related("user")
        .order_by("level", "user__last_name", "user__username")
    )
