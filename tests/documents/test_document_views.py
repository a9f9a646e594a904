"""The documents page and the downloads: who may see them, what they return, and the number
of queries of the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.reporting.models import ReportingCalendar

#: The documents page: session, user, programme, the access rules, calendar, latest report.
PAGE_QUERIES = 10  # the default period asks for the latest reported one


def _list(programme) -> str:
    return reverse("documents:document_list", kwargs={"slug": programme.slug})


def _contract(programme, fmt="pdf") -> str:
    return reverse("documents:document_contract", kwargs={"slug": programme.slug, "fmt": fmt})


def _progress(programme, fmt="pdf", period=None) -> str:
    if period is None:
        return reverse("documents:document_progress", kwargs={"slug": programme.slug, "fmt": fmt})
    return reverse(
        "documents:document_progress_period",
        kwargs={"slug": programme.slug, "fmt": fmt, "period": period},
    )


def test_addresses():
    assert reverse("documents:document_list", args=["p"]) == "/programmas/p/documenten/"
    assert (
        reverse("documents:document_contract", args=["p", "pdf"])
        == "/programmas/p/documenten/programmacontract.pdf"
    )
    assert (
        reverse("documents:document_progress_period", args=["p", "2019-10-14", "docx"])
        == "/programmas/p/documenten/voortgang-2019-10-14.docx"
    )


@pytest.fixture
def calendar(programme):
    return ReportingCalendar.objects.create(
        programme=programme, frequency="kwartaal", start_date=dt.date(2019, 1, 1)
    )


def test_reader_sees_the_page(client, reader_user, programme, calendar):
    client.force_login(reader_user)
    response = client.get(_list(programme))
    assert response.status_code == 200
    html = response.content.decode()
    assert _contract(programme, "pdf") in html and _contract(programme, "docx") in html
    assert "voortgang-" in html  # the progress report of the chosen period


def test_outsider_and_anonymous(client, outsider_user, programme):
    for url in (_list(programme), _contract(programme), _progress(programme, "docx")):
        response = client.get(url)
        assert response.status_code == 302 and "/account/" in response["Location"], url
    client.force_login(outsider_user)
    for url in (_list(programme), _contract(programme), _progress(programme, "docx")):
        assert client.get(url).status_code == 403, url


def test_contract_downloads(client, reader_user, programme):
    client.force_login(reader_user)
    response = client.get(_contract(programme, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"
    assert response["Content-Disposition"] == (
        'attachment; filename="programmacontract-test-programma.pdf"'
    )
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control
    response = client.get(_contract(programme, "docx"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert response["Content-Disposition"].endswith('programmacontract-test-programma.docx"')


def test_progress_download_of_a_period(client, reader_user, programme, calendar):
    client.force_login(reader_user)
    response = client.get(_progress(programme, "docx", "2019-04-01") + "?op=2019-12-31")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('voortgang-test-programma-2019-04-01.docx"')
    # a day on which no period begins, a period in the future, a bad date, a bad format
    for url in (
        _progress(programme, "pdf", "2019-04-02"),
        _progress(programme, "pdf", "2999-01-01"),
        _progress(programme, "pdf", "gisteren"),
        _progress(programme, "odt"),
        _contract(programme, "odt"),
    ):
        assert client.get(url).status_code == 404, url


def test_progress_without_calendar(client, reader_user, programme):
    client.force_login(reader_user)
    response = client.get(_progress(programme, "docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('voortgang-test-programma.docx"')
    assert client.get(_progress(programme, "pdf", "2019-04-01")).status_code == 404


def test_page_query_count_does_not_grow(client, reader_user, programme, calendar):
    client.force_login(reader_user)
    client.get(_list(programme))  # warm up (session, permissions cache)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(_list(programme) + "?periode=2019-04-01")
    from koers.reporting.models import ProgressReport

    effort = programme.efforts.first()
    ProgressReport.objects.create(
        effort=effort,
        period_start=dt.date(2019, 4, 1),
        period_end=dt.date(2019, 6, 30),
        deadline=dt.date(2019, 7, 14),
        state="ingediend",
    )
    with CaptureQueriesContext(connection) as second:
        client.get(_list(programme) + "?periode=2019-04-01")
    assert len(first) == len(second) == PAGE_QUERIES, [q["sql"] for q in second]
