"""Out-of-range input is a 400 or 404, never a server error: every URL of Koers (its path
parameters and the query parameters the pages and the API read) with extreme values, huge
numbers, dates at the ends of the calendar and garbage, as a logged-in functional administrator
on the demo programmes.

Bounded and deterministic: one pass of the extremes over every URL, then a few drawn examples."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
DATES = ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2024-02-30"]
GARBAGE = ["x", "-1", "0", HUGE, "2024-Q9", "2024-W99", "9999-Q1", "9999"]
EXTREMES = [*DATES, *GARBAGE]
# What a path parameter of each kind gets (an int route takes digits only).
PATH = {"int": ["0", HUGE, "9999"], "": EXTREMES, "str": EXTREMES, "slug": EXTREMES}
# The query parameters the pages and the API read.
QUERY = ["op", "periode", "contract_op", "page", "jaar", "soort", "doel", "inspanning"]
# The admin site's own pages (Django's) and log-out are not Koers's parameters.
SKIP = re.compile(r"^(beheer/|uitloggen|accounts/logout|i18n/)")

values = st.one_of(
    st.sampled_from(EXTREMES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.dates().map(str),
    st.text(alphabet="0123456789-QW", max_size=12),
)


def _patterns(resolver=None, prefix=""):
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def _routes() -> list[str]:
    """Every route as a path with ``{name}`` for its parameters (regex routes of the API
    router made plain)."""
    routes = set()
    for route in _patterns():
        route = route.replace("^", "").replace("$", "").replace("\\.", ".")
        route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<str:\1>", route)
        route = re.sub(r"\(\?P<format>[^)]*\)", "", route)
        if SKIP.match(route) or "(" in route or "?" in route:
            continue
        routes.add(re.sub(r"<(?:(\w+):)?(\w+)>", r"{\1:\2}", route))
    return sorted(routes)


def _fill(route: str, slug: str, value: str, field: str | None) -> str:
    """The route with the demo programme for ``slug`` and ``value`` for the parameter ``field``
    (every other number 1, every other text the value too)."""

    def one(match):
        kind, name = match.group(1), match.group(2)
        if name == "slug":
            return slug
        if field is not None and name != field or field == "":
            return OTHER.get(name, "1")
        if kind == "int":
            return value if value.isdigit() else "1"
        if kind == "slug":
            return value if re.fullmatch(r"[-\w]+", value) else "x"
        return value.replace("/", "") or "x"

    return "/" + re.sub(r"\{(\w*):(\w+)\}", one, route)


OTHER = {"fmt": "pdf"}  # the value of a parameter that is not the one under test


@pytest.fixture
def demo(client, django_user_model):
    from koers.programmes.models import Programme

    call_command("demo", verbosity=0)
    user = django_user_model.objects.create_user("fuzz", password="x", is_functional_admin=True)
    client.force_login(user)
    client.raise_request_exception = False  # a server error is a 500 answer, collected
    return Programme.objects.order_by("pk").first().slug


def _get(client, url: str, params: dict, failures: list | None = None):
    response = client.get(url, params)
    if failures is not None and response.status_code >= 500:
        failures.append((url, params))
        return
    assert response.status_code < 500, (url, params, response.status_code)


def test_extremes_in_every_parameter_are_no_server_error(client, demo):
    routes = _routes()
    assert len(routes) > 100
    failures = []
    for route in routes:
        for kind, name in re.findall(r"\{(\w*):(\w+)\}", route):
            for value in PATH[kind] if name != "slug" else []:
                _get(client, _fill(route, demo, value, name), {}, failures)
        if "/verwijderen" not in route and "/bewerken" not in route:
            for value in (HUGE, "9999-12-31", "0001-01-01", "x"):
                query = dict.fromkeys(QUERY, value)
                _get(client, _fill(route, demo, "", ""), query, failures)
    assert not failures, "\n".join(map(repr, failures))


def test_drawn_values_are_no_server_error(client, demo):
    routes = [r for r in _routes() if re.search(r"\{(?!slug)", r.replace("{:", "{x:"))]

    @settings(
        max_examples=40,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        route=st.sampled_from(routes),
        value=values,
        query=st.dictionaries(st.sampled_from(QUERY), values, max_size=3),
    )
    def check(route, value, query):
        _get(client, _fill(route, demo, value, None), query)

    check()
