"""The public monitor shows exactly what is published and nothing else."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from koers.public import selectors
from koers.public.models import ProgrammePublication
from koers.public.services import publication_set

from .conftest import PUBLISHED, SECRETS

pytestmark = pytest.mark.django_db


def _public_urls(p) -> list[str]:
    return [
        reverse("public:list"),
        reverse("public:programme", args=[p.slug]),
        reverse("public:indicator", args=[p.slug, "1a"]),
        reverse("public:programme_data", args=[p.slug, "csv"]),
        reverse("public:programme_data", args=[p.slug, "json"]),
        reverse("public:indicator_data", args=[p.slug, "1a", "csv"]),
        reverse("public:indicator_data", args=[p.slug, "1a", "json"]),
        reverse("public:accessibility"),
    ]


def test_no_secret_in_any_public_response(client, secret_programme):
    for url in _public_urls(secret_programme):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in SECRETS:
            assert secret not in body, f"{secret} leaked on {url}"


def test_unpublished_things_are_not_found(client, secret_programme):
    slug = secret_programme.slug
    for url in [
        reverse("public:programme", args=["concept"]),
        reverse("public:programme_data", args=["concept", "csv"]),
        reverse("public:programme", args=["bestaat-niet"]),
        reverse("public:indicator", args=[slug, "1b"]),  # indicator not published
        reverse("public:indicator", args=[slug, "1c"]),  # qualitative
        reverse("public:indicator_data", args=[slug, "1b", "csv"]),
        reverse("public:indicator_data", args=[slug, "1b", "json"]),
        reverse("public:programme_data", args=[slug, "xml"]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_published_things_appear(client, secret_programme):
    body = client.get(reverse("public:programme", args=[secret_programme.slug])).content.decode()
    for text in PUBLISHED:
        assert text in body, text
    assert "fictief" in body
    assert 'class="koers-chart-image"' in body  # the chart, with the table beside it
    assert "koers-status--" in body
    listing = client.get(reverse("public:list")).content.decode()
    assert "Openbaar programma" in listing and "OPENBARE-INLEIDING" in listing


def test_goal_status_only_from_published_indicators(secret_programme):
    programme = selectors.published_programme(secret_programme.slug)
    monitor = selectors.public_monitor(programme, as_of=programme.period_end)
    by_code = {g.goal.code: g for g in monitor.goals}
    assert by_code["1a"].status is not None
    assert by_code["1b"].status is None and by_code["1b"].measurements == []
    assert by_code["1c"].status is None  # the judgement is not public
    assert monitor.strategic[0].status == by_code["1a"].status


def test_a_programme_that_is_unpublished_again_disappears(client, secret_programme, admin_user):
    publication = secret_programme.publication
    publication_set(
        programme=secret_programme,
        actor=admin_user,
        expected_version=publication.version,
        published=False,
    )
    for url in _public_urls(secret_programme)[1:-1]:
        assert client.get(url).status_code == 404, url
    assert "Openbaar programma" not in client.get(reverse("public:list")).content.decode()


def test_budget_total_only_when_published(client, secret_programme, admin_user):
    url = reverse("public:programme", args=[secret_programme.slug])
    assert "€" not in client.get(url).content.decode()
    publication_set(
        programme=secret_programme,
        actor=admin_user,
        expected_version=secret_programme.publication.version,
        published=True,
        show_budget_total=True,
    )
    body = client.get(url).content.decode()
    assert "999.999,00" in body  # 987.654 + 12.345, only the total
    for secret in ("987654", "987.654", "12.345", "GEHEIM-BEGROTINGSPOST"):
        assert secret not in body


def test_csv_open_data(client, secret_programme):
    response = client.get(reverse("public:programme_data", args=[secret_programme.slug, "csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffprogramma;doel;")  # Dutch Excel: BOM and semicolons
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert list(rows[0]) == [selectors.OPEN_DATA_CSV_HEADERS[f] for f in selectors.OPEN_DATA_FIELDS]
    assert [(r["doel"], r["periode"], r["waarde"], r["fictief"]) for r in rows] == [
        ("1a", "2020", "123456", "nee"),
        ("1a", "2021", "130000", "ja"),
    ]
    assert rows[0]["begin"] == "2020-01-01" and rows[0]["einde"] == "2020-12-31"
    assert rows[0]["eenheid"] == "bezoekers" and rows[0]["bron"] == "OPENBARE-BRON"
    assert rows[0]["indicator"] == "OPENBARE-INDICATOR"


def test_json_open_data(client, secret_programme):
    url = reverse("public:indicator_data", args=[secret_programme.slug, "1a", "json"])
    response = client.get(url)
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["license"]["name"] == "CC0 1.0"
    assert data["programme"]["slug"] == secret_programme.slug
    assert data["fictitious_included"] is True
    assert data["measurements"][0] == {
        "programme": secret_programme.slug,
        "goal": "1a",
        "indicator": "OPENBARE-INDICATOR",
        "unit": "bezoekers",
        "period": "2020",
        "period_kind": "jaar",
        "start": "2020-01-01",
        "end": "2020-12-31",
        "known_from": "2020-12-31",
        "value": "123456",
        "provisional": False,
        "fictitious": False,
        "source": "OPENBARE-BRON",
    }
    assert Decimal(data["measurements"][1]["value"]) == Decimal("130000")


def test_cache_headers_and_not_modified(client, secret_programme):
    for url in _public_urls(secret_programme):
        response = client.get(url)
        assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
        assert response.has_header("ETag"), url
        assert not response.cookies, url  # nothing personal: no session, no CSRF cookie
        again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b""


def test_the_etag_changes_with_the_content(client, secret_programme, admin_user):
    url = reverse("public:programme", args=[secret_programme.slug])
    etag = client.get(url)["ETag"]
    publication_set(
        programme=secret_programme,
        actor=admin_user,
        expected_version=secret_programme.publication.version,
        published=True,
        introduction="Een nieuwe inleiding",
    )
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 200


def test_only_get_and_head(client, secret_programme):
    url = reverse("public:programme", args=[secret_programme.slug])
    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


def test_no_programme_published(client, programme):
    response = client.get(reverse("public:list"))
    assert response.status_code == 200
    assert programme.name not in response.content.decode()
    assert client.get(reverse("public:programme", args=[programme.slug])).status_code == 404
    assert not ProgrammePublication.objects.exists()
