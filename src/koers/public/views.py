"""The public monitor (no log-in), its open data and the accessibility statement.

Every page here shows only what :mod:`koers.public.selectors` says is published. The responses
are public and cacheable for five minutes (``Cache-Control: public, max-age=300``) with an ETag
over the content, so a browser or proxy that asks again gets a 304 when nothing changed. They
never depend on who asks: no session, no cookie, no user menu.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from koers.monitoring.forms import AsOfForm
from koers.monitoring.selectors import goal_chart
from koers.numbers import format_decimal_input
from koers.spreadsheet import csv_row
from koers.ui import programme_for, versioned_submit

from . import selectors, services
from .forms import PublicationForm

MAX_AGE = 300
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def public_page(view):
    """Open to anyone, GET/HEAD only, cacheable by browsers and proxies for ``MAX_AGE``
    seconds, with an ETag over the content and a 304 for a matching ``If-None-Match``."""

    @login_not_required
    @require_safe
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 200:
            return response
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    return wrapped


def _as_of(request: HttpRequest):
    """(the date the page is about: ``?op=`` or today; the date form; whether a date was
    chosen)."""
    form = AsOfForm(request.GET or None)
    return form.as_of(), form, bool(request.GET.get("op")) and form.is_valid()


@public_page
def programme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "public/programme_list.html",
        {"programmes": list(selectors.published_programmes())},
    )


def _with_charts(goals, *, as_of) -> list:
    for g in goals:
        g.chart = mark_safe(goal_chart(g.state, as_of=None)) if g.state else ""  # noqa: S308
    return goals


@public_page
def programme_page(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.published_programme(slug)
    as_of, form, given = _as_of(request)
    monitor = selectors.public_monitor(programme, as_of=as_of)
    _with_charts(monitor.indicators, as_of=monitor.as_of)
    return render(
        request,
        "public/programme.html",
        {
            "as_of_form": form,
            "as_of_given": given,
            "programme": programme,
            "publication": programme.publication,
            "monitor": monitor,
            "license_name": selectors.LICENSE_NAME,
            "license_url": selectors.LICENSE_URL,
        },
    )


@public_page
def indicator_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    programme = selectors.published_programme(slug)
    as_of, form, given = _as_of(request)
    monitor = selectors.public_monitor(programme, as_of=as_of)
    goal = next((g for g in monitor.indicators if g.goal.code.casefold() == code.casefold()), None)
    if goal is None:
        raise Http404(code)
    _with_charts([goal], as_of=monitor.as_of)
    return render(
        request,
        "public/indicator.html",
        {
            "as_of_form": form,
            "as_of_given": given,
            "programme": programme,
            "monitor": monitor,
            "g": goal,
            "license_name": selectors.LICENSE_NAME,
            "license_url": selectors.LICENSE_URL,
        },
    )


def _records(programme, measurements) -> list[dict]:
    return [selectors.measurement_record(m, programme_slug=programme.slug) for m in measurements]


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def _dutch_csv(records: list[dict]) -> str:
    """The records as a CSV that a Dutch Excel opens with a double click: UTF-8 with a byte
    order mark, semicolons, a decimal comma, Dutch column names, and no text that runs as a
    formula (:func:`koers.spreadsheet.csv_row`)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    fields = selectors.OPEN_DATA_FIELDS
    writer.writerow(csv_row(selectors.OPEN_DATA_CSV_HEADERS[f] for f in fields))
    for record in records:
        record = {
            **record,
            "provisional": "ja" if record["provisional"] else "nee",
            "fictitious": "ja" if record["fictitious"] else "nee",
        }
        writer.writerow(csv_row((record[f] for f in fields), number=format_decimal_input))
    return "\ufeff" + out.getvalue()


def _data_response(request, programme, records, *, fmt: str, name: str, url: str):
    if fmt == "csv":
        body = _dutch_csv(records)
    else:
        document = {
            "programme": {
                "slug": programme.slug,
                "name": programme.name,
                "municipality": programme.municipality,
                "url": request.build_absolute_uri(
                    reverse("public:programme", args=[programme.slug])
                ),
            },
            "source": request.build_absolute_uri(url),
            "license": {"name": selectors.LICENSE_NAME, "url": selectors.LICENSE_URL},
            "fields": list(selectors.OPEN_DATA_FIELDS),
            "fictitious_included": any(r["fictitious"] for r in records),
            "measurements": records,
        }
        body = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'inline; filename="{name}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_page
def programme_data(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(fmt)
    programme = selectors.published_programme(slug)
    records = _records(programme, selectors.published_measurements(programme))
    return _data_response(
        request,
        programme,
        records,
        fmt=fmt,
        name=f"{programme.slug}-metingen",
        url=reverse("public:programme_data", args=[programme.slug, fmt]),
    )


@public_page
def indicator_data(request: HttpRequest, slug: str, code: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(fmt)
    programme = selectors.published_programme(slug)
    indicator = selectors.published_indicator(programme, code)
    records = _records(programme, selectors.published_measurements(indicator))
    return _data_response(
        request,
        programme,
        records,
        fmt=fmt,
        name=f"{programme.slug}-{indicator.operational_goal.code}",
        url=reverse(
            "public:indicator_data", args=[programme.slug, indicator.operational_goal.code, fmt]
        ),
    )


@public_page
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "public/accessibility.html", {})


# --- Staff: what of a programme is public ------------------------------------------------------


def publication_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Choose what of the programme is public (programme staff: ``change_programme``)."""
    programme = programme_for(request, slug, "programmes.change_programme")
    overview = selectors.publication_overview(programme)
    bound = request.method == "POST"
    form = PublicationForm(request.POST if bound else None, overview=overview)
    done = None
    if bound:
        done = versioned_submit(
            form,
            lambda version: services.publication_set(
                programme=programme,
                actor=request.user,
                expected_version=version or 0,
                **form.service_fields(),
            ),
            instance=overview.publication,
            require_version=False,  # no version: nothing published yet; 0 is checked (409)
        )
        if done.ok:
            messages.success(request, _("The publication has been saved."))
            return redirect(reverse("public:publication", args=[programme.slug]))
    status = done.status if done else 200
    return render(
        request,
        "public/publication_form.html",
        {
            "programme": programme,
            "overview": overview,
            "form": form,
            "differences": done.differences if done else None,
            "current": _("Publication"),
        },
        status=status,
    )
