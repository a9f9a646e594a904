"""The portfolio (/portfolio/): every programme the user may see with the roll-up of its goals,
its efforts in aandacht/probleem, money, top risks, latest report and digest; the filters; who
sees what; and the number of queries, which does not depend on the number of programmes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.monitoring.selectors import programme_monitor
from koers.portfolio.selectors import portfolio
from koers.programmes import services as din
from koers.programmes.constants import AccessLevel, ProgrammeStatus
from tests.builders import adopt

from .conftest import make_programme, today

pytestmark = pytest.mark.django_db
URL = "/portfolio/"


def test_row_rolls_up_the_programme(programme, admin_user, filled):
    data = portfolio(admin_user, as_of=today())
    [row] = data.rows
    monitor = programme_monitor(programme, as_of=today())
    assert row.status == monitor.status
    assert sum(row.counts.values()) == 2
    assert row.counts == {s: n for s, _label, n in monitor.counts()}
    assert [(c.name, c.status) for c in row.concerns] == [
        ("Evenementen", "aandacht"),
        ("Marktplein", "probleem"),
    ]
    assert [c.name for c in row.attention] == ["Evenementen"]
    assert [c.name for c in row.problems] == ["Marktplein"]
    assert row.allocated == Decimal("1250.35")  # to the cent
    assert row.spent == Decimal("100.03")  # expenditure only, not the commitment
    assert [r.title for r in row.risks] == ["Hoog", "Tweede", "Middel"]  # open, highest first
    assert row.latest_report is not None and row.latest_digest is not None
    assert [h.name for h in row.holders] == ["Van Rees"]
    assert row.open_actions == 1


def test_roll_up_is_the_monitor_s_with_a_judgement_off_course(programme, admin_user):
    from .conftest import fill

    fill(programme, admin_user, judged="niet_op_koers")
    [row] = portfolio(admin_user, as_of=today()).rows
    assert row.status == "niet_op_koers" == programme_monitor(programme, as_of=today()).status


def test_empty_programme_shows_no_data(programme, admin_user):
    [row] = portfolio(admin_user, as_of=today()).rows
    assert row.concerns == [] and row.risks == []
    assert row.allocated == Decimal("0.00") == row.spent
    assert row.latest_report is None and row.latest_digest is None and row.holders == []


def test_page_shows_status_as_icon_and_text(client, programme, admin_user, filled):
    client.force_login(admin_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="programma-test-programma"' in html
    assert "Van Rees" in html
    assert "koers-status--" in html and 'aria-hidden="true"' in html
    assert "€\u00a01.250,35" in html and "€\u00a0100,03" in html
    assert "Hoog" in html and "Laag" not in html and "Beheerst" not in html
    assert "/portfolio/test-programma/overleg/" in html
    assert programme.get_absolute_url() in html


@pytest.fixture
def two(programme, admin_user, filled):
    other = make_programme(admin_user, "ander", holder="De Vries", judged="op_koers")
    adopt(admin_user, other)
    return other


def test_filter_by_holder_status_and_goal_status(client, admin_user, programme, two):
    data = portfolio(admin_user, as_of=today())
    keys = {h.name: h.key for h in data.holders}
    assert set(keys) == {"Van Rees", "De Vries"}
    by_holder = portfolio(admin_user, as_of=today(), holder=keys["De Vries"])
    assert [r.programme for r in by_holder.rows] == [two] and by_holder.filtered
    adopted = portfolio(admin_user, as_of=today(), status=ProgrammeStatus.ADOPTED)
    assert [r.programme for r in adopted.rows] == [two]
    rows = portfolio(admin_user, as_of=today()).rows
    status = next(r.status for r in rows if r.programme == programme)
    same = portfolio(admin_user, as_of=today(), goal_status=status)
    assert programme in [r.programme for r in same.rows]
    client.force_login(admin_user)
    html = client.get(URL, {"holder": keys["Van Rees"]}).content.decode()
    assert 'id="programma-test-programma"' in html and 'id="programma-ander"' not in html
    assert "1 programme of 2" in html or "1 programma van de 2" in html
    html = client.get(URL, {"status": "afgesloten"}).content.decode()
    assert 'id="programma-' not in html
    # An unknown value is no error: the filter is ignored.
    assert client.get(URL, {"holder": "zzz"}).status_code == 200


def test_reader_sees_only_their_programmes(client, django_user_model, programme, two, admin_user):
    user = django_user_model.objects.create_user("lezer2", password="x")
    din.programme_access_grant(programme=two, user=user, level=AccessLevel.READER, actor=admin_user)
    client.force_login(user)
    html = client.get(URL).content.decode()
    assert 'id="programma-ander"' in html and 'id="programma-test-programma"' not in html
    # The holder of a programme they cannot see is not offered as a filter either.
    assert "Van Rees" not in html


def test_outsider_sees_an_empty_portfolio(client, outsider_user, programme, filled):
    client.force_login(outsider_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="programma-' not in html and "Testprogramma" not in html


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code in (302, 403)


def _count(client, params=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params or {}).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_depend_on_the_number_of_programmes(client, admin_user):
    for i in range(2):
        make_programme(admin_user, f"p{i}")
    client.force_login(admin_user)
    small = _count(client)
    small_filtered = _count(client, {"status": "concept"})
    for i in range(2, 12):
        make_programme(admin_user, f"p{i}", holder=f"Wethouder {i % 3}")
    assert len(portfolio(admin_user, as_of=today()).rows) == 12
    assert _count(client) == small
    assert _count(client, {"status": "concept"}) == small_filtered


def test_the_portfolio_on_a_chosen_date(client, admin_user, filled):
    client.force_login(admin_user)
    response = client.get(URL, {"op": "2019-06-30"})
    assert response.context["portfolio"].as_of == dt.date(2019, 6, 30)
    assert "30 juni 2019" in response.content.decode()
    future = client.get(URL, {"op": "2999-01-01"})
    assert future.context["portfolio"].as_of == today()
    assert "niet in de toekomst" in future.content.decode()
