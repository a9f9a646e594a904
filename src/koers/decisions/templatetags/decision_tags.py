"""What the decisions app shows on the programmes' pages: the record of changes on the programme
page (the latest changes since adoption with their decisions, one query, and a link to the whole
decisions register), and the changes proposed but not yet in force (the pending changes of the
programme's concept proposals): a section on the programme page and a notice on each element's
page. The pending changes are read once per request (one query), however many elements ask."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from koers.programmes import proposing
from koers.programmes.constants import ChangeKind

from ..selectors import pending_changes, pending_for, programme_changes

register = template.Library()

LATEST = 10


@register.inclusion_tag("decisions/_programme_changes.html", takes_context=True)
def programme_changes_section(context, programme):
    changes = programme_changes(programme, limit=LATEST + 1)
    return {
        "programme": programme,
        "changes": changes[:LATEST],
        "more": len(changes) > LATEST,
        "request": context.get("request"),
    }


LINK_CREATE = proposing.operation_name("koppeling", "create")

# --- pending changes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Described:
    """One change of a pending change in words: what kind, about what, from what to what."""

    kind: str
    subject: str
    before: str
    after: str
    is_addition: bool


@dataclass(frozen=True)
class Shown:
    """A pending change as the pages show it: its proposal (title and link), its reason and the
    changes it makes in words."""

    pending: object
    proposal_title: str
    proposal_url: str
    reason: str
    described: tuple[Described, ...]


ADDITIONS = frozenset(
    {
        ChangeKind.STRATEGIC_GOAL_ADDED,
        ChangeKind.GOAL_ADDED,
        ChangeKind.EFFORT_ADDED,
        ChangeKind.LINK_ADDED,
    }
)


def _kind_label(kind: str) -> str:
    try:
        return str(ChangeKind(kind).label)
    except ValueError:
        return kind


def proposal_url(proposal) -> str:
    return proposal.get_absolute_url()


def shown(changes) -> list[Shown]:
    return [
        Shown(
            pending=change,
            proposal_title=str(change.proposal),
            proposal_url=proposal_url(change.proposal),
            reason=change.reason,
            described=tuple(
                Described(
                    kind=_kind_label(d.get("kind", "")),
                    subject=d.get("subject", ""),
                    before=d.get("before", ""),
                    after=d.get("after", ""),
                    is_addition=d.get("kind") in ADDITIONS,
                )
                for d in change.described
            ),
        )
        for change in changes
    ]


def request_pending(request, programme, cache: dict | None = None) -> list:
    """The pending changes of ``programme``, read once per request (one query; kept on the
    request, or in ``cache`` when there is no request). A view that needs them too (the DIN
    diagram) calls this, so the page's tags do not read them again."""
    if request is not None:
        cache = request.__dict__.setdefault("_koers_pending", {})
    elif cache is None:
        cache = {}
    if programme.pk not in cache:
        cache[programme.pk] = pending_changes(programme)
    return cache[programme.pk]


def programme_pending(context, programme) -> list:
    return request_pending(
        context.get("request"),
        programme,
        context.render_context.setdefault("_koers_pending", {}),
    )


def element_keys(change) -> set[tuple[str, int]]:
    """The elements (model label, key) a pending change is about: the one it acts on and those
    it refers to (as :func:`koers.decisions.selectors.pending_for` counts them)."""
    keys = proposing.element_refs(change.arguments)
    if change.target_model and change.target_id:
        keys.add((change.target_model, change.target_id))
    return keys


def _by_proposal(items: list[Shown]) -> list[tuple[str, str, list[Shown]]]:
    groups: dict[int, tuple[str, str, list[Shown]]] = {}
    for item in items:
        key = item.pending.proposal_id
        if key not in groups:
            groups[key] = (item.proposal_title, item.proposal_url, [])
        groups[key][2].append(item)
    return list(groups.values())


@register.inclusion_tag("decisions/_pending_changes.html", takes_context=True)
def pending_changes_section(context, programme, heading_level=2):
    """The section "proposed changes (not yet in force)" of the programme page: per concept
    proposal its pending changes, with a link to the proposal. Nothing when there are none."""
    return {
        "programme": programme,
        "proposals": _by_proposal(shown(programme_pending(context, programme))),
        "heading_level": heading_level,
    }


@register.inclusion_tag("decisions/_pending_notice.html", takes_context=True)
def pending_changes_for(context, element, programme=None):
    """A notice on ``element``'s page for each pending change about it (acting on it or
    referring to it). Nothing when there are none."""
    programme = programme or context.get("programme") or element.programme
    return {"items": shown(pending_for(programme_pending(context, programme), element))}


def proposed_link(change) -> tuple[int, int] | None:
    """The link (goal key, effort key) that ``change`` would add, or None."""
    if change.operation != LINK_CREATE:
        return None
    refs = proposing.element_refs(change.arguments)
    goals = [pk for label, pk in refs if label == "programmes.operationalgoal"]
    efforts = [pk for label, pk in refs if label == "programmes.effort"]
    return (goals[0], efforts[0]) if len(goals) == 1 and len(efforts) == 1 else None
