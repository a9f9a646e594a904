"""The spending page: who may see it, what it shows (to the cent, overspend in words), and a
fixed number of queries however many lines and entries there are."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.finance import services
from koers.finance.spending import spending_create

pytestmark = pytest.mark.django_db
NB = "\u00a0"


def _url(programme):
    return reverse("finance:spending", args=[programme.slug])


def _book(actor, line, kind, amount, reference=""):
    return spending_create(
        actor=actor,
        budget_line=line,
        kind=kind,
        date=dt.date(2019, 6, 1),
        amount=Decimal(amount),
        description="Podium",
        reference=reference,
    )


def test_url():
    assert reverse("finance:spending", args=["x"]) == "/programmas/x/middelen/uitgaven"


@pytest.mark.parametrize(
    ("role", "status"),
    [("reader", 200), ("owner", 200), ("staff", 200), ("admin", 200), ("outsider", 403)],
)
def test_permissions(
    client,
    programme,
    budget,
    admin_user,
    staff_user,
    reader_user,
    owner_user,
    outsider_user,
    role,
    status,
):
    users = {
        "reader": reader_user,
        "owner": owner_user,
        "staff": staff_user,
        "admin": admin_user,
        "outsider": outsider_user,
    }
    client.force_login(users[role])
    assert client.get(_url(programme)).status_code == status


def test_anonymous_is_sent_to_log_in(client, programme, budget):
    response = client.get(_url(programme))
    assert response.status_code in (302, 403)


def test_page_shows_exhaustion_and_overspend_in_words(
    client, reader_user, admin_user, programme, budget
):
    _book(admin_user, budget["line"], "verplichting", "20000.25", "V-1")
    _book(admin_user, budget["line"], "uitgave", "10000.10", "F-1")
    _book(admin_user, budget["item"], "uitgave", "45000.01", "F-2")  # 0.01 over
    client.force_login(reader_user)
    response = client.get(_url(programme))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"€{NB}20.000,25" in html and f"€{NB}10.000,10" in html
    assert f"€{NB}30.000,15" in html  # remaining on the effort's line
    assert "50,0%" in html
    assert "overschreden" in html
    assert f"€{NB}0,01" in html
    assert "Podium" in html and "F-2" in html
    # The warning names the line in words, not only in colour.
    assert "Organisatie" in html.split('role="status"')[1].split("</div>")[0]


def test_page_without_overspend_has_no_warning(client, reader_user, admin_user, programme, budget):
    _book(admin_user, budget["line"], "uitgave", "1")
    client.force_login(reader_user)
    html = client.get(_url(programme)).content.decode()
    assert 'role="status"' not in html.split("<main")[-1] or "⚠" not in html


def _queries(client, programme):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url(programme))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_fixed(client, staff_user, admin_user, programme, budget):
    _book(admin_user, budget["line"], "uitgave", "1", "A")
    client.force_login(staff_user)
    _queries(client, programme)  # warm the per-request caches
    small = _queries(client, programme)
    from koers.programmes import services as din

    source = services.source_create(actor=admin_user, programme=programme, name="Subsidie")
    for i in range(6):
        effort = din.effort_create(actor=admin_user, programme=programme, name=f"Inspanning {i}")
        line = services.budget_line_create(
            actor=admin_user,
            programme=programme,
            source=source,
            year=2020 + i % 2,
            amount=Decimal("1000"),
            effort=effort,
        )
        for j in range(3):
            _book(admin_user, line, ["uitgave", "verplichting"][j % 2], "400", f"R{i}-{j}")
    assert _queries(client, programme) == small
