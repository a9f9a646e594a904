"""Entering spending in the web UI: staff add, change and delete a commitment or expenditure
from the spending page (Dutch amounts, to the cent), back to the spending page; others get 403;
a stale edit or delete gives 409; the page's links only for staff; a fixed query count."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.finance import services
from koers.finance.models import Spending
from koers.finance.spending import spending_create, spending_update

pytestmark = pytest.mark.django_db

D = Decimal
NB = "\u00a0"


@pytest.fixture
def entry(budget, admin_user):
    return spending_create(
        actor=admin_user,
        budget_line=budget["line"],
        kind="verplichting",
        date=dt.date(2019, 6, 1),
        amount=D("2500.50"),
        description="Podium",
        reference="V-1",
    )


def _urls(programme, entry):
    slug = programme.slug
    return [
        reverse("finance:spending_create", args=[slug]),
        reverse("finance:spending_edit", args=[slug, entry.pk]),
        reverse("finance:spending_delete", args=[slug, entry.pk]),
    ]


def _data(budget, **extra):
    data = {
        "budget_line": budget["line"].pk,
        "kind": "uitgave",
        "date": "31-03-2019",
        "amount": "1.500,25",
        "description": "Geluid",
        "reference": "F-9",
    }
    data.update(extra)
    return data


def test_urls():
    assert reverse("finance:spending_create", args=["x"]) == "/programmas/x/middelen/uitgaven/nieuw"
    assert reverse("finance:spending_edit", args=["x", 3]) == (
        "/programmas/x/middelen/uitgaven/3/bewerken"
    )
    assert reverse("finance:spending_delete", args=["x", 3]) == (
        "/programmas/x/middelen/uitgaven/3/verwijderen"
    )


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_others_get_403_on_every_write_url(
    client, programme, budget, entry, reader_user, owner_user, outsider_user, role
):
    user = {"reader": reader_user, "owner": owner_user, "outsider": outsider_user}[role]
    client.force_login(user)
    for url in _urls(programme, entry):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {**_data(budget), "version": entry.version}).status_code == 403
    assert list(Spending.objects.values_list("pk", "amount", "version")) == [
        (entry.pk, D("2500.50"), 1)
    ]


def test_anonymous_is_sent_to_log_in(client, programme, budget, entry):
    for url in _urls(programme, entry):
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response["Location"]


def test_staff_adds_an_expenditure_to_the_cent(client, programme, budget, staff_user):
    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    page = client.get(url)
    assert page.status_code == 200
    assert "Evenementen" in page.content.decode() and "Organisatie" in page.content.decode()
    response = client.post(url, _data(budget))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("finance:spending", args=[programme.slug])
    saved = Spending.objects.get()
    assert (saved.budget_line, saved.kind, saved.date, saved.amount) == (
        budget["line"],
        "uitgave",
        dt.date(2019, 3, 31),
        D("1500.25"),
    )
    assert (saved.description, saved.reference) == ("Geluid", "F-9")
    assert saved.history.first().history_user == staff_user


def test_bad_input_gets_a_message_per_field_and_nothing_is_written(
    client, programme, budget, staff_user, admin_user
):
    from koers.programmes import services as din

    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    data = _data(budget, kind="cadeau", date="31-02-2019", amount="0")
    response = client.post(url, data)
    assert response.status_code == 400
    assert {"kind", "date", "amount"} <= set(response.context["form"].errors)
    response = client.post(url, _data(budget, amount="1,005"))
    assert response.status_code == 400 and "amount" in response.context["form"].errors
    other = din.programme_create(
        actor=admin_user,
        slug="ander",
        name="Ander",
        municipality="Almelo",
        period_start=programme.period_start,
        period_end=programme.period_end,
    )
    source = services.source_create(actor=admin_user, programme=other, name="Elders")
    line = services.budget_line_create(
        actor=admin_user, programme=other, source=source, year=2019, amount=D("5"), item="X"
    )
    response = client.post(url, _data(budget, budget_line=line.pk))
    assert response.status_code == 400 and "budget_line" in response.context["form"].errors
    assert not Spending.objects.exists()


def test_duplicate_reference_is_said_at_the_field(client, programme, budget, entry, staff_user):
    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    response = client.post(url, _data(budget, kind="verplichting", reference="V-1"))
    assert response.status_code == 400
    assert "V-1" in response.context["form"].errors["reference"][0]
    assert Spending.objects.count() == 1


def test_staff_changes_and_deletes(client, programme, budget, entry, staff_user):
    client.force_login(staff_user)
    edit = reverse("finance:spending_edit", args=[programme.slug, entry.pk])
    page = client.get(edit).content.decode()
    assert 'value="2500,5"' in page and 'value="01-06-2019"' in page
    data = _data(budget, kind="verplichting", amount="2.600", version=entry.version)
    response = client.post(edit, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:spending", args=[programme.slug])
    entry.refresh_from_db()
    assert entry.amount == D("2600.00") and entry.version == 2
    delete = reverse("finance:spending_delete", args=[programme.slug, entry.pk])
    assert client.get(delete).status_code == 200
    response = client.post(delete, {"version": entry.version})
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:spending", args=[programme.slug])
    assert not Spending.objects.exists()


def test_stale_edit_gives_409_with_differences(
    client, programme, budget, entry, staff_user, admin_user
):
    seen = entry.version
    spending_update(spending=entry, actor=admin_user, expected_version=seen, amount=D("3000"))
    client.force_login(staff_user)
    url = reverse("finance:spending_edit", args=[programme.slug, entry.pk])
    data = _data(budget, kind="verplichting", amount="2.750,75", version=seen)
    response = client.post(url, data)
    assert response.status_code == 409
    differences = [(s, t) for _label, s, t in response.context["differences"]]
    assert (f"€{NB}3.000", f"€{NB}2.750,75") in differences
    assert Spending.objects.get().amount == D("3000")
    data["version"] = seen + 1
    assert client.post(url, data).status_code == 302
    assert Spending.objects.get().amount == D("2750.75")


def test_other_programmes_entry_is_404(client, programme, budget, entry, admin_user):
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
    assert client.get(reverse("finance:spending_edit", args=[other.slug, entry.pk])).status_code
    assert (
        client.get(reverse("finance:spending_edit", args=[other.slug, entry.pk])).status_code == 404
    )


def test_links_only_for_staff(client, programme, budget, entry, staff_user, reader_user):
    page = reverse("finance:spending", args=[programme.slug])
    links = [*_urls(programme, entry), reverse("finance:spending_upload", args=[programme.slug])]
    client.force_login(reader_user)
    html = client.get(page).content.decode()
    assert not any(link in html for link in links)
    client.force_login(staff_user)
    html = client.get(page).content.decode()
    assert all(link in html for link in links)


def test_budget_kinds_still_return_to_the_budget_page(client, programme, budget, staff_user):
    client.force_login(staff_user)
    url = reverse("finance:line_edit", args=[programme.slug, budget["item"].pk])
    data = {"source": budget["source"].pk, "year": "2019", "item": "Organisatie", "amount": "1"}
    response = client.post(url, {**data, "version": budget["item"].version})
    assert response["Location"] == reverse("finance:budget", args=[programme.slug])


def _queries(client, slug) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("finance:spending", args=[slug]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_spending_page_for_staff_has_a_fixed_query_count(
    client, programme, budget, entry, staff_user, admin_user
):
    client.force_login(staff_user)
    _queries(client, programme.slug)
    small = _queries(client, programme.slug)
    for i in range(10):
        for line in (budget["line"], budget["item"]):
            spending_create(
                actor=admin_user,
                budget_line=line,
                kind="uitgave" if i % 2 else "verplichting",
                date=dt.date(2019, 7, 1),
                amount=D("10.01"),
                reference=f"R-{i}",
            )
    assert _queries(client, programme.slug) == small
