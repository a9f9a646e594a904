"""The partners pages: who may see and change them, Dutch amounts, messages per field, the
conflict page, the empty state, a fixed number of queries, the effort page's block."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.partners import services
from koers.partners.models import Contribution, PartnerInterest
from koers.programmes import services as din
from koers.programmes.models import PartnerOrganisation

pytestmark = pytest.mark.django_db

D = Decimal
NB = "\u00a0"
ROLES = ["anonymous", "outsider", "reader", "owner", "staff", "admin"]
READERS = {"reader", "owner", "staff", "admin"}
EDITORS = {"staff", "admin"}


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "admin": admin_user,
        "staff": staff_user,
        "reader": reader_user,
        "owner": owner_user,
        "outsider": outsider_user,
    }


@pytest.fixture
def contribution(admin_user, partners):
    return services.contribution_create(
        actor=admin_user,
        partner=partners["kennis"],
        effort=partners["events"],
        year=2020,
        kind="geld",
        committed_amount=D("7500.50"),
        delivered_amount=D("2500"),
    )


def _client(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_permissions_on_every_page(client, users, programme, partners, contribution, role):
    c = _client(client, users, role)
    slug = programme.slug
    pages = [
        ("partners:overview", [slug], READERS),
        ("partners:contribution_create", [slug], EDITORS),
        ("partners:contribution_edit", [slug, contribution.pk], EDITORS),
        ("partners:contribution_delete", [slug, contribution.pk], EDITORS),
        ("partners:interest_edit", [slug, partners["kennis"].pk], EDITORS),
    ]
    for name, args, allowed in pages:
        response = c.get(reverse(name, args=args))
        if role in allowed:
            assert response.status_code == 200, (name, role)
        elif role == "anonymous":
            assert response.status_code == 302 and "inloggen" in response["Location"], name
        else:
            assert response.status_code == 403, (name, role)


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_no_writes_without_change_permission(client, users, programme, contribution, role):
    c = _client(client, users, role)
    url = reverse("partners:contribution_delete", args=[programme.slug, contribution.pk])
    assert c.post(url, {"version": contribution.version}).status_code == 403
    assert Contribution.objects.count() == 1


def test_unknown_or_foreign_objects_are_404(client, admin_user, programme, contribution):
    client.force_login(admin_user)
    stranger = din.object_create(PartnerOrganisation, actor=admin_user, name="Vreemd")
    for name, args in (
        ("partners:contribution_edit", [programme.slug, contribution.pk + 99]),
        ("partners:interest_edit", [programme.slug, stranger.pk]),
        ("partners:overview", ["bestaat-niet"]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_empty_page_says_so(client, reader_user, programme):
    client.force_login(reader_user)
    response = client.get(reverse("partners:overview", args=[programme.slug]))
    assert _("No contributions recorded yet.") in response.content.decode()


def test_overview_shows_totals_per_partner_and_effort(client, reader_user, programme, contribution):
    client.force_login(reader_user)
    html = client.get(reverse("partners:overview", args=[programme.slug])).content.decode()
    assert f"€{NB}7.500,50" in html and f"€{NB}2.500" in html
    assert 'id="partner-' in html and 'id="inspanning-' in html
    assert "Kennispunt Twente" in html
    assert "bewerken" not in html  # a reader gets no edit links


def test_create_with_dutch_amount(client, staff_user, programme, partners):
    client.force_login(staff_user)
    url = reverse("partners:contribution_create", args=[programme.slug])
    assert (
        f'value="{partners["markt"].pk}" selected'
        in client.get(url + f"?inspanning={partners['markt'].pk}").content.decode()
    )
    response = client.post(
        url,
        {
            "partner": partners["bomen"].pk,
            "effort": partners["markt"].pk,
            "year": "2021",
            "kind": "geld",
            "committed_amount": "12.345,67",
        },
    )
    assert response.status_code == 302, response.content.decode()
    c = Contribution.objects.get()
    assert c.committed_amount == D("12345.67")
    assert list(partners["markt"].partners.all()) == [partners["bomen"]]


def test_kind_errors_per_field_in_dutch(client, staff_user, programme, partners):
    client.force_login(staff_user)
    url = reverse("partners:contribution_create", args=[programme.slug])
    response = client.post(
        url,
        {
            "partner": partners["bomen"].pk,
            "effort": partners["markt"].pk,
            "year": "2021",
            "kind": "uren",
            "committed_amount": "100",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "committed_hours" in errors and "committed_amount" in errors
    response = client.post(
        url,
        {
            "partner": partners["bomen"].pk,
            "effort": partners["markt"].pk,
            "year": "2021",
            "kind": "geld",
            "committed_amount": "1,005",
        },
    )
    assert response.status_code == 400 and "committed_amount" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_stale_edit_gives_409_with_differences(client, staff_user, programme, contribution):
    client.force_login(staff_user)
    url = reverse("partners:contribution_edit", args=[programme.slug, contribution.pk])
    data = {
        "partner": contribution.partner_id,
        "effort": contribution.effort_id,
        "year": "2020",
        "kind": "geld",
        "committed_amount": "8000",
        "version": contribution.version,
    }
    services.contribution_update(
        contribution=Contribution.objects.get(pk=contribution.pk),
        actor=staff_user,
        expected_version=contribution.version,
        delivered_amount=D("3000"),
    )
    response = client.post(url, data)
    assert response.status_code == 409
    assert response.context["differences"]
    assert Contribution.objects.get(pk=contribution.pk).committed_amount == D("7500.50")


def test_interests_edit(client, staff_user, programme, partners):
    client.force_login(staff_user)
    url = reverse("partners:interest_edit", args=[programme.slug, partners["kennis"].pk])
    response = client.post(url, {"interests": "Betere data over bezoekers", "version": ""})
    assert response.status_code == 302
    assert PartnerInterest.objects.get().interests == "Betere data over bezoekers"
    response = client.post(url, {"interests": "Anders", "version": ""})
    assert response.status_code == 409 and response.context["differences"]
    page = client.get(reverse("partners:overview", args=[programme.slug])).content.decode()
    assert "Betere data over bezoekers" in page


def _add_many(admin_user, programme, n: int) -> None:
    effort = din.effort_create(actor=admin_user, programme=programme, name=f"Inspanning {n}")
    for i in range(n):
        partner = din.object_create(PartnerOrganisation, actor=admin_user, name=f"Partner {n}-{i}")
        services.contribution_create(
            actor=admin_user, partner=partner, effort=effort, year=2020 + i % 3,
            kind="uren", committed_hours=D("10.5"),
        )  # fmt: skip
        services.contribution_create(
            actor=admin_user, partner=partner, effort=effort, year=2020, kind="product",
            description="Iets", delivered_note="Geleverd",
        )  # fmt: skip
        services.interest_save(
            actor=admin_user, programme=programme, partner=partner, interests="Belang",
            expected_version=None,
        )  # fmt: skip


def test_query_count_does_not_grow(client, admin_user, staff_user, programme, contribution):
    client.force_login(staff_user)
    url = reverse("partners:overview", args=[programme.slug])
    client.get(url)  # warm up (session, permissions cache)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_many(admin_user, programme, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many), [q["sql"] for q in many]


def test_effort_block_template_tag(rf: RequestFactory, staff_user, programme, contribution):
    request = rf.get("/")
    request.user = staff_user
    effort = contribution.effort
    template = Template("{% load partners %}{% partner_contributions effort %}")
    context = {"effort": effort, "programme": programme, "request": request}
    template.render(Context(context))
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context(context))
    assert _("Contributions of partners") in html
    assert "Kennispunt Twente" in html and f"€{NB}7.500,50" in html
    assert f"?inspanning={effort.pk}" in html
    services.contribution_create(
        actor=staff_user, partner=contribution.partner, effort=effort, year=2021,
        kind="uren", committed_hours=D("4"),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as more:
        template.render(Context(context))
    assert len(more) == len(queries) == 1, [q["sql"] for q in more]
