"""NL GOV API Design Rules: headers, problem+json, no trailing slashes, pagination, filters, the
committed OpenAPI document, Swagger UI without a CDN, and the lint of the document."""

import json
import shutil
import subprocess

import pytest
from django.conf import settings

from koers.api.schema import generate
from koers.api.views import OPENAPI_PATH

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    "method,url,status",
    [
        ("get", "/api/v1/programmas", 200),
        ("get", "/api/v1/programmas/", 404),  # no trailing slash: a 404, not a redirect
        ("get", "/api/v1/bestaat-niet", 404),
        ("get", "/api/v1/programmas/onbekend", 404),
        ("get", "/api/v1/metingen?periodeVan=gisteren", 400),
        ("get", "/api/v1/programmas?pageSize=1000", 400),
        ("get", "/api/v1/rapportages", 401),
        ("post", "/api/v1/metingen", 401),
        ("put", "/api/v1/programmas/test-programma", 401),  # writing needs a token first
        ("get", "/api/v1/openapi.json", 200),
        ("get", "/api/v1/docs", 200),
    ],
)
def test_api_version_header_and_problems_everywhere(client, world, method, url, status):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response["API-Version"] == "1.0.0"
    if status >= 400:
        assert response["Content-Type"] == PROBLEM
        body = response.json()
        assert body["status"] == status
        assert {"type", "title", "detail", "instance"} <= set(body)
    if status == 400:
        assert response.json()["invalid-params"]


def test_method_not_allowed_is_a_problem(api, tokens, world):
    response = api(tokens["admin"]).put("/api/v1/programmas/test-programma", {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"


def test_server_error_is_a_problem(client, world, monkeypatch):
    from koers.api import views

    def boom(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.ProgrammeViewSet, "list", boom)
    client.raise_request_exception = False
    response = client.get("/api/v1/programmas")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    assert "boom" not in response.content.decode()


def test_pagination_links_and_counts(api, tokens, world):
    response = api(tokens["admin"]).get("/api/v1/programmas?pageSize=1")
    body = response.json()
    assert body["count"] == 2
    assert body["pageSize"] == 1
    assert len(body["results"]) == 1
    assert body["_links"]["previous"] is None
    assert "page=2" in body["_links"]["next"]["href"]
    assert "page=2" in body["_links"]["last"]["href"]
    second = api(tokens["admin"]).get(body["_links"]["next"]["href"]).json()
    assert second["_links"]["next"] is None
    assert second["results"][0]["slug"] != body["results"][0]["slug"]


def test_filters_by_programme_and_period(api, tokens, world):
    admin = api(tokens["admin"])
    assert admin.get("/api/v1/doelen?programma=concept-programma").json()["count"] == 1
    assert admin.get("/api/v1/metingen?periodeVan=2019-06-01").json()["count"] == 1
    assert admin.get("/api/v1/metingen?periodeVan=2020-01-01").json()["count"] == 0
    assert admin.get("/api/v1/metingen?periodeTot=2018-12-31").json()["count"] == 0
    assert admin.get("/api/v1/begroting?periodeVan=2025-01-01").json()["count"] == 0
    assert admin.get("/api/v1/begroting?periodeTot=2024-12-31").json()["count"] == 1
    bad = admin.get("/api/v1/metingen?periodeVan=2020-01-01&periodeTot=2019-01-01")
    assert bad.status_code == 400
    assert bad.json()["invalid-params"][0]["name"] == "periodeTot"


def test_json_names_are_camel_case(api, world):
    effort = api().get(f"/api/v1/inspanningen/{world['effort'].pk}").json()
    assert "publicDescription" in effort and "startDate" in effort
    assert not [k for k in effort if "_" in k]


def test_committed_openapi_document_matches_the_code():
    """Fails when the code and the committed document drift apart: run `koers api_schema`."""
    generated = json.loads(json.dumps(generate(), default=str))
    committed = json.loads(OPENAPI_PATH.read_text())
    assert committed == generated, "run `koers api_schema` and commit src/koers/api/openapi.json"


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.json()["info"]["version"] == settings.SPECTACULAR_SETTINGS["VERSION"]
    assert response.json()["openapi"].startswith("3.0")


def test_swagger_ui_is_served_from_the_app(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/koers/api/swagger-init.js" in html
    assert "<script>" not in html  # no inline script (CSP)
    assert "//cdn" not in html and "unpkg" not in html
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/swagger-ui/swagger-ui-bundle.js")
    assert finders.find("koers/api/swagger-init.js")


def test_openapi_document_passes_the_design_rules_lint():
    """Spectral with the ruleset kept in the repo (src/koers/api/api-design-rules.yaml)."""
    spectral = settings.PROJECT_DIR / "node_modules" / ".bin" / "spectral"
    assert spectral.exists(), "run `npm ci` (spectral-cli is in package.json)"
    node = shutil.which("node")
    assert node
    result = subprocess.run(
        [
            str(spectral),
            "lint",
            str(OPENAPI_PATH),
            "--ruleset",
            str(OPENAPI_PATH.with_name("api-design-rules.yaml")),
            "--fail-severity",
            "error",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.PROJECT_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
