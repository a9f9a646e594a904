"""The DIN drawn as a network: the page with the diagram (inline SVG), the filter by track, the
activities on request, the same network as nested lists, and the downloads as SVG, PNG and
PDF. Thin views: permission, selector, the pure DOT builder, render."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from koers.decisions.templatetags.decision_tags import (
    element_keys,
    proposed_link,
    request_pending,
)
from koers.programmes.models import Programme
from koers.programmes.selectors import programme_get

from . import graph
from .forms import NO_TRACK, DiagramFilterForm
from .render import FORMATS, DotError, inline_svg
from .render import render as render_dot
from .selectors_diagram import diagram_network


def urlpatterns(path):
    return [
        path("<slug:slug>/din/", diagram, name="diagram"),
        path("<slug:slug>/din.<str:fmt>", diagram_export, name="diagram_export"),
    ]


def _programme(request: HttpRequest, slug: str) -> Programme:
    programme = programme_get(slug)
    if not request.user.has_perm("programmes.view_programme", programme):
        raise PermissionDenied
    return programme


def _shown(network: graph.Network, track: str) -> graph.Network:
    if not track:
        return network
    return graph.track_only(network, None if track == NO_TRACK else int(track))


def _source(network: graph.Network, activities: bool) -> str:
    return graph.to_dot(network, activities=activities, efforts_label=_("efforts: %(count)s"))


def _description(network: graph.Network, grouped: bool) -> str:
    text = _(
        "Network of %(name)s: the mission; strategic goals (%(strategic)s); operational goals "
        "(%(goals)s); efforts (%(efforts)s); with lines from each operational goal to the "
        "efforts that serve it."
    ) % {
        "name": network.name,
        "strategic": len(network.strategic),
        "goals": len(network.goals),
        "efforts": len(network.efforts),
    }
    if grouped:
        text += " " + _("The efforts are grouped by track; choose a track to see its efforts.")
    if network.pending:
        text += " " + _(
            "Boxes with a dashed border marked ✎ have a proposed change that is not yet in force; "
            "the proposed changes are listed below the diagram."
        )
    return text + " " + _("The same network is listed in text below the diagram.")


def _script_texts() -> list[tuple[str, str]]:
    """What the page's script says when a box is chosen (data-* attributes of the figure;
    ``%(name)s`` and the like are filled in by the script)."""
    return [
        ("effort-text", _("Effort %(name)s serves goals %(goals)s.")),
        ("effort-none", _("Effort %(name)s serves no goal.")),
        ("goal-text", _("Goal %(name)s is served by %(efforts)s.")),
        ("goal-none", _("No effort serves goal %(name)s.")),
        ("track-text", _("The efforts of track %(name)s serve goals %(goals)s.")),
        ("open-text", _("Click again or press Enter to open the page.")),
    ]


def _network(request: HttpRequest, programme: Programme) -> graph.Network:
    """The programme's network, with the elements that pending changes (of proposals not yet
    decided on) are about marked: one query more, also when there are none."""
    pending = request_pending(request, programme)
    return diagram_network(
        programme,
        as_of=timezone.localdate(),
        pending={key for change in pending for key in element_keys(change)},
        proposed_links=[link for change in pending if (link := proposed_link(change))],
    )


def diagram(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(request, slug)
    network = _network(request, programme)
    form = DiagramFilterForm(request.GET or None, network=network)
    track, activities = form.choices()
    shown = _shown(network, track)
    grouped = len(shown.efforts) > graph.GROUP_FROM
    svg, error = "", ""
    try:
        svg = inline_svg(
            render_dot(_source(shown, activities), "svg"),
            title=_("DIN of %(name)s") % {"name": programme.name},
            description=_description(shown, grouped),
        )
    except DotError as exc:
        error = str(exc)
    tree, tracks = graph.outline(shown)
    query = request.GET.urlencode()
    return render(
        request,
        "din/diagram.html",
        {
            "programme": programme,
            "svg": mark_safe(svg),  # noqa: S308 - dot's output; every text in it was escaped
            "error": error,
            "grouped": grouped,
            "track": track,
            "track_name": dict(form.fields["spoor"].choices).get(track, "") if track else "",
            "form": form,
            "script_texts": _script_texts(),
            "activities": activities,
            "tree": tree,
            "tracks": tracks,
            "mission": shown.mission,
            "has_pending": bool(shown.pending),
            "downloads": [
                (
                    fmt.upper(),
                    reverse("din:diagram_export", kwargs={"slug": slug, "fmt": fmt})
                    + (f"?{query}" if query else ""),
                )
                for fmt in FORMATS
            ],
        },
    )


def diagram_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    programme = _programme(request, slug)
    if fmt not in FORMATS:
        raise Http404(fmt)
    network = _network(request, programme)
    track, activities = DiagramFilterForm(request.GET or None, network=network).choices()
    try:
        data = render_dot(_source(_shown(network, track), activities), fmt)
    except DotError as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=FORMATS[fmt][1])
    name = f"din-{programme.slug}" + (f"-spoor-{track}" if track else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
