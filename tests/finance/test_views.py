"""The budget pages: who may see and change them, Dutch and international amounts, messages per
field, the conflict page, and a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.finance import services
from koers.finance.models import BudgetLine, FundingSource, SourceAvailability

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


def _client(client, users, role):
    if role != "anonymous":
        client.force_login(users[role])
    return client


def _pages(programme, budget):
    slug = programme.slug
    pages = [("finance:budget", [slug], READERS)]
    for kind, obj in (("source", "source"), ("availability", "available"), ("line", "line")):
        pages += [
            (f"finance:{kind}_create", [slug], EDITORS),
            (f"finance:{kind}_edit", [slug, budget[obj].pk], EDITORS),
            (f"finance:{kind}_delete", [slug, budget[obj].pk], EDITORS),
        ]
    return pages


@pytest.mark.parametrize("role", ROLES)
def test_permissions_on_every_page(client, users, programme, budget, role):
    c = _client(client, users, role)
    for name, args, allowed in _pages(programme, budget):
        response = c.get(reverse(name, args=args))
        if role in allowed:
            assert response.status_code == 200, (name, role)
        elif role == "anonymous":
            assert response.status_code == 302 and "inloggen" in response["Location"], name
        else:
            assert response.status_code == 403, (name, role)


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_no_writes_without_change_permission(client, users, programme, budget, role):
    c = _client(client, users, role)
    url = reverse("finance:line_delete", args=[programme.slug, budget["line"].pk])
    assert c.post(url, {"version": budget["line"].version}).status_code == 403
    url = reverse("finance:source_create", args=[programme.slug])
    assert c.post(url, {"name": "Stiekem"}).status_code == 403
    assert BudgetLine.objects.count() == 2 and FundingSource.objects.count() == 1


def test_budget_page_shows_figures_and_overallocation_in_words(client, admin_user, budget):
    client.force_login(admin_user)
    programme = budget["source"].programme
    html = client.get(reverse("finance:budget", args=[programme.slug])).content.decode()
    assert f"€{NB}60.000,50" in html
    assert f"€{NB}105.000,50" in html  # source, year and grand total
    assert f"€{NB}-5.000,50" in html  # difference
    assert _("More is allocated than available:") in html
    assert "⚠" in html


def test_reader_sees_no_edit_links(client, reader_user, programme, budget):
    client.force_login(reader_user)
    html = client.get(reverse("finance:budget", args=[programme.slug])).content.decode()
    assert reverse("finance:line_edit", args=[programme.slug, budget["line"].pk]) not in html
    assert f"€{NB}60.000,50" in html


@pytest.mark.parametrize("typed", ["7.500,50", "7500.50", "7500,50", " 7.500,50 "])
def test_line_create_reads_dutch_and_international_amounts(
    client, staff_user, programme, budget, typed
):
    client.force_login(staff_user)
    url = reverse("finance:line_create", args=[programme.slug])
    response = client.post(
        url,
        {"source": budget["source"].pk, "year": "2020", "item": "Communicatie", "amount": typed},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    line = BudgetLine.objects.get(item="Communicatie")
    assert line.amount == D("7500.50")
    assert line.history.first().history_user == staff_user


def test_bad_input_gets_a_message_per_field(client, staff_user, programme, budget):
    client.force_login(staff_user)
    url = reverse("finance:line_create", args=[programme.slug])
    response = client.post(url, {"source": "", "year": "twintig", "amount": "veel"})
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"source", "year", "amount", "effort"}
    response = client.post(
        url,
        {"source": budget["source"].pk, "year": "2019", "amount": "-5", "item": "X"},
    )
    assert "amount" in response.context["form"].errors
    response = client.post(
        url,
        {"source": budget["source"].pk, "year": "2019", "amount": "5", "item": "Organisatie"},
    )
    assert response.status_code == 400
    assert "Organisatie" in response.context["form"].errors["item"][0]
    response = client.post(
        url, {"source": budget["source"].pk, "year": "1850", "amount": "5", "item": "Oud"}
    )
    assert "year" in response.context["form"].errors
    assert BudgetLine.objects.count() == 2


def test_source_and_availability_forms(client, staff_user, programme, budget):
    client.force_login(staff_user)
    response = client.post(
        reverse("finance:source_create", args=[programme.slug]),
        {"name": "Stadsarrangement", "description": "Subsidie", "order": "2"},
    )
    assert response.status_code == 302
    source = FundingSource.objects.get(name="Stadsarrangement")
    response = client.post(
        reverse("finance:availability_create", args=[programme.slug]),
        {"source": source.pk, "year": "2019", "amount": "200.000", "note": "bijna"},
    )
    assert response.status_code == 302
    assert SourceAvailability.objects.get(source=source).amount == D("200000")
    response = client.post(
        reverse("finance:availability_create", args=[programme.slug]),
        {"source": source.pk, "year": "2019", "amount": "1"},
    )
    assert response.status_code == 400 and "year" in response.context["form"].errors
    response = client.post(
        reverse("finance:source_delete", args=[programme.slug, budget["source"].pk]),
        {"version": budget["source"].version},
    )
    assert response.status_code == 400  # still used by two lines: said in words
    assert FundingSource.objects.filter(pk=budget["source"].pk).exists()


def test_concurrent_edit_gives_409_with_differences(
    client, staff_user, admin_user, programme, budget
):
    line = budget["line"]
    seen = line.version
    services.budget_line_update(
        line=line, actor=admin_user, expected_version=seen, amount=D("70000")
    )
    client.force_login(staff_user)
    url = reverse("finance:line_edit", args=[programme.slug, line.pk])
    data = {
        "source": budget["source"].pk,
        "year": "2019",
        "effort": line.effort_id,
        "amount": "65.000",
        "version": seen,
    }
    response = client.post(url, data)
    assert response.status_code == 409
    differences = response.context["differences"]
    assert (f"€{NB}70.000", f"€{NB}65.000") in [(s, t) for _label, s, t in differences]
    assert BudgetLine.objects.get(pk=line.pk).amount == D("70000")
    # Saving again is a deliberate choice with the new version.
    data["version"] = seen + 1
    assert client.post(url, data).status_code == 302
    assert BudgetLine.objects.get(pk=line.pk).amount == D("65000")


def test_other_programmes_elements_are_404(client, admin_user, programme, budget):
    from koers.programmes import services as din

    other = din.programme_create(
        actor=admin_user,
        slug="ander",
        name="Ander",
        municipality="Almelo",
        period_start=programme.period_start,
        period_end=programme.period_end,
    )
    client.force_login(admin_user)
    url = reverse("finance:line_edit", args=[other.slug, budget["line"].pk])
    assert client.get(url).status_code == 404


def _page_queries(client, slug) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("finance:budget", args=[slug]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_budget_page_query_count_is_fixed(client, staff_user, admin_user, programme, budget):
    client.force_login(staff_user)
    _page_queries(client, programme.slug)  # warm the per-request caches
    small = _page_queries(client, programme.slug)
    from koers.programmes import services as din

    for i in range(8):
        effort = din.effort_create(actor=admin_user, programme=programme, name=f"Inspanning {i}")
        source = services.source_create(actor=admin_user, programme=programme, name=f"Bron {i}")
        services.availability_create(actor=admin_user, source=source, year=2020, amount=D(i))
        for year in (2019, 2020, 2021):
            services.budget_line_create(
                actor=admin_user,
                programme=programme,
                source=source,
                year=year,
                amount=D("1000.25"),
                effort=effort,
                note=f"toelichting {i}",
            )
    large = _page_queries(client, programme.slug)
    assert large == small, (small, large)
    assert small <= 10


def test_demo_budget_page(client, admin_user, binnenstad):
    client.force_login(admin_user)
    response = client.get(reverse("finance:budget", args=[binnenstad.slug]))
    html = response.content.decode()
    assert f"€{NB}1.749.200" in html
    assert f"€{NB}199.200" in html and f"€{NB}800" in html
    assert "Programmamonitoring &amp; organisatie" in html
    assert "bedoeld is 2022" in html
