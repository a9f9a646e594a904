"""The meetings of a programme (/portfolio/<slug>/overleg/): the agenda drawn from the
principals' digest, decisions and actions, open actions carrying over to later meetings until
they are done, stale edits refused, and who may see and change what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.portfolio import selectors, services
from koers.portfolio.constants import AgendaSource, ItemStatus
from koers.portfolio.models import MeetingItem
from koers.programmes import services as din
from koers.programmes.models import Person
from tests.builders import bare_programme

from .conftest import today

pytestmark = pytest.mark.django_db
BASE = "/portfolio/test-programma/overleg/"


@pytest.fixture
def meeting(programme, admin_user):
    return services.meeting_create(
        actor=admin_user,
        programme=programme,
        kind="opdrachtgeversoverleg",
        title="Overleg opdrachtgevers",
        cadence="tweewekelijks",
    )


def _held(meeting, actor, days_ago: int, **kwargs):
    kwargs.setdefault("with_digest", False)
    return services.occurrence_create(
        actor=actor, meeting=meeting, date=today() - dt.timedelta(days=days_ago), **kwargs
    )


def _action(held, actor, text, **fields):
    return services.meeting_item_create(
        actor=actor, occurrence=held, kind="actie", text=text, **fields
    )


def test_agenda_is_drawn_from_the_digest(programme, admin_user, filled, meeting):
    held = _held(meeting, admin_user, 0, with_digest=True)
    agenda = list(held.agenda.order_by("order"))
    titles = [a.title for a in agenda]
    assert all(a.source == AgendaSource.DIGEST for a in agenda)
    assert len(titles) >= 4
    # After what changed since the previous period: the efforts in probleem first, then those
    # in aandacht (the digest's order).
    points = [t for t in titles[1:] if not t.startswith("Veranderd sinds de vorige periode")]
    assert "Marktplein" in points[0] and "✖" in points[0]
    assert "Evenementen" in points[1] and "▲" in points[1]
    asked = [a for a in agenda if a.text == "Extra budget?"]
    assert len(asked) == 1 and "Evenementen" in asked[0].title
    assert asked[0].link.startswith("/programmas/test-programma/rapportages/")
    assert agenda[0].link.startswith("/programmas/test-programma/overleg/?periode=")  # its period


def test_redraw_keeps_the_points_added_by_hand(programme, admin_user, filled, meeting):
    held = _held(meeting, admin_user, 0, with_digest=True)
    drawn = held.agenda.count()
    services.agenda_item_add(actor=admin_user, occurrence=held, title="Rondvraag")
    held.refresh_from_db()
    services.agenda_refresh(occurrence=held, actor=admin_user, expected_version=held.version)
    agenda = list(held.agenda.order_by("order"))
    assert len(agenda) == drawn + 1
    assert agenda[-1].title == "Rondvraag" and agenda[-1].order == drawn + 1
    with pytest.raises(services.ConflictError):
        services.agenda_refresh(occurrence=held, actor=admin_user, expected_version=1)


def test_open_actions_carry_over_until_done(admin_user, meeting):
    first = _held(meeting, admin_user, 28)
    second = _held(meeting, admin_user, 14)
    third = _held(meeting, admin_user, 0)
    open_one = _action(first, admin_user, "Bel de provincie", due_date=today())
    done_one = _action(first, admin_user, "Stuur de notitie")
    services.meeting_item_done(
        item=done_one,
        actor=admin_user,
        expected_version=done_one.version,
        done_on=today() - dt.timedelta(days=7),
    )
    services.meeting_item_create(
        actor=admin_user, occurrence=first, kind="besluit", text="Akkoord met plan"
    )
    later = _action(second, admin_user, "Plan overleg")
    assert selectors.occurrence_page(first).carried_over == []
    page = selectors.occurrence_page(second)
    assert [a.text for a in page.carried_over] == ["Bel de provincie", "Stuur de notitie"]
    assert [a.text for a in page.open_carried_over] == ["Bel de provincie"]
    page = selectors.occurrence_page(third)
    assert {a.pk for a in page.carried_over} == {open_one.pk, later.pk}
    assert page.previous == second and page.next is None
    # Every open action of the series is on the meeting's own page.
    assert {a.pk for a in selectors.meeting_page(meeting).open_actions} == {
        open_one.pk,
        later.pk,
    }


def test_decision_has_no_owner(admin_user, meeting):
    held = _held(meeting, admin_user, 0)
    person = din.object_create(Person, actor=admin_user, name="Piet")
    with pytest.raises(ValidationError):
        services.meeting_item_create(
            actor=admin_user, occurrence=held, kind="besluit", text="X", owner=person
        )
    decision = services.meeting_item_create(
        actor=admin_user, occurrence=held, kind="besluit", text="Y"
    )
    assert decision.status == ItemStatus.DONE and not decision.is_open
    with pytest.raises(ValidationError):
        services.meeting_item_done(item=decision, actor=admin_user, expected_version=None)


def test_one_meeting_per_day(admin_user, meeting):
    _held(meeting, admin_user, 0)
    with pytest.raises(ValidationError):
        _held(meeting, admin_user, 0)


def test_staff_adds_meeting_date_and_action_through_the_pages(
    client, staff_user, programme, filled
):
    meeting = filled["meeting"]  # with an open action from a meeting two weeks ago
    client.force_login(staff_user)
    assert client.get(BASE).status_code == 200
    response = client.post(
        f"{BASE}{meeting.pk}/nieuw",
        {"date": today().isoformat(), "minutes": "", "with_digest": "on"},
    )
    assert response.status_code == 302
    held = meeting.occurrences.get(date=today())
    assert held.agenda.count() >= 4
    page = client.get(held.get_absolute_url()).content.decode()
    assert "Extra budget?" in page
    assert "Bel de provincie" in page  # the open action of the earlier meeting in `filled`
    person = filled["person"]
    response = client.post(
        f"{BASE}{meeting.pk}/{held.pk}/punten/nieuw",
        {"kind": "actie", "text": "Nieuwe actie", "owner": person.pk, "status": "open"},
    )
    assert response.status_code == 302
    assert MeetingItem.objects.filter(text="Nieuwe actie", owner=person).exists()
    response = client.post(
        f"{BASE}{meeting.pk}/{held.pk}/agenda/nieuw",
        {"agenda-title": "Rondvraag", "agenda-text": ""},
    )
    assert response.status_code == 302
    assert held.agenda.filter(title="Rondvraag", source=AgendaSource.FREE).exists()


def test_stale_done_is_refused_with_409(client, staff_user, admin_user, meeting):
    held = _held(meeting, admin_user, 0)
    action = _action(held, admin_user, "Doe iets")
    client.force_login(staff_user)
    url = f"{BASE}punten/{action.pk}/gedaan"
    assert client.post(url, {"version": action.version + 1}).status_code == 409
    assert client.post(url, {"version": action.version}).status_code == 302
    action.refresh_from_db()
    assert action.status == ItemStatus.DONE and action.done_on == today()


def test_reader_reads_but_does_not_change(client, reader_user, admin_user, meeting):
    held = _held(meeting, admin_user, 0)
    client.force_login(reader_user)
    for url in (BASE, meeting.get_absolute_url(), held.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert "Record a decision" not in response.content.decode()
    for url in (
        f"{BASE}nieuw",
        f"{BASE}{meeting.pk}/bewerken",
        f"{BASE}{meeting.pk}/nieuw",
        f"{BASE}{meeting.pk}/{held.pk}/punten/nieuw",
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403


def test_outsider_sees_nothing(client, outsider_user, admin_user, meeting):
    held = _held(meeting, admin_user, 0)
    client.force_login(outsider_user)
    for url in (BASE, meeting.get_absolute_url(), held.get_absolute_url()):
        assert client.get(url).status_code == 403


def test_owner_marks_their_own_action_done(
    client, django_user_model, reader_user, admin_user, meeting
):
    held = _held(meeting, admin_user, 0)
    me = din.object_create(Person, actor=admin_user, name="Lezer", user=reader_user)
    other = din.object_create(Person, actor=admin_user, name="Ander")
    mine = _action(held, admin_user, "Mijn actie", owner=me)
    theirs = _action(held, admin_user, "Andermans actie", owner=other)
    client.force_login(reader_user)
    page = client.get(held.get_absolute_url()).content.decode()
    assert page.count("/gedaan") == 1
    assert (
        client.post(f"{BASE}punten/{theirs.pk}/gedaan", {"version": theirs.version}).status_code
        == 403
    )
    assert (
        client.post(f"{BASE}punten/{mine.pk}/gedaan", {"version": mine.version}).status_code == 302
    )
    mine.refresh_from_db()
    assert mine.status == ItemStatus.DONE


def test_meeting_of_another_programme_is_404(client, admin_user, meeting):
    from koers.programmes.constants import ProgrammeStatus  # noqa: F401

    other = bare_programme(admin_user, "ander", name="Ander")
    client.force_login(admin_user)
    assert client.get(f"/portfolio/{other.slug}/overleg/{meeting.pk}/").status_code == 404


def test_meeting_page_query_count_is_fixed(client, admin_user, meeting):
    earlier = _held(meeting, admin_user, 14)
    held = _held(meeting, admin_user, 0)
    client.force_login(admin_user)
    _action(earlier, admin_user, "Een")
    _action(held, admin_user, "Twee")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(held.get_absolute_url()).status_code == 200
            assert client.get(meeting.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for i in range(6):
        _action(earlier, admin_user, f"Eerder {i}")
        _action(held, admin_user, f"Nu {i}")
        services.agenda_item_add(actor=admin_user, occurrence=held, title=f"Punt {i}")
    assert count() == few
