"""The principals' digest: what it holds (goal statuses, efforts in aandacht or probleem with
their explanations, decisions asked), what changed since the previous one, sending it
(``koers digest send``, the page's button), and who may see the page."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from koers.monitoring import services as monitoring
from koers.programmes import services as din
from koers.programmes.constants import RoleKind
from koers.programmes.models import OperationalGoal, Person, ProgrammeRole
from koers.reporting import services
from koers.reporting.constants import Aspect, AspectStatus
from koers.reporting.digest import build_digest
from koers.reporting.models import DigestLog, ProgressReport

pytestmark = pytest.mark.django_db
URL = "/programmas/test-programma/overleg/"
GOOD = AspectStatus.GOOD
ALL_GOOD = {"overall_status": GOOD, **{f"{a.value}_status": GOOD for a in Aspect}}


def _today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def calendar(programme, admin_user):
    """Every two weeks, starting six weeks ago: the period reported on now is the one that
    ended in the past two weeks; one period before it."""
    return services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=_today() - dt.timedelta(days=42),
    )


def _periods(calendar):
    """(earlier period, the period reported on now)."""
    current = calendar.reporting_period(_today())
    earlier = calendar.periods_until(_today())[current.number - 2]
    return earlier, current


def _effort(programme, admin_user, name, role="regisseur", **fields):
    return din.effort_create(
        actor=admin_user, programme=programme, name=name, municipality_role=role, **fields
    )


def _submit(effort, period, actor, **content):
    report = services.report_open(effort=effort, period=period, actor=actor)
    report = services.report_save(
        report=report, actor=actor, expected_version=report.version, **{**ALL_GOOD, **content}
    )
    return services.report_submit(report=report, actor=actor, expected_version=report.version)


@pytest.fixture
def efforts(programme, admin_user, owner_user, calendar):
    """Evenementen: attention over the current period, asks a decision. Marktplein: a problem,
    but reported only over the earlier period. Gevels: all good. Kiosk: only a draft."""
    earlier, current = _periods(calendar)
    events = programme.efforts.get(name="Evenementen")
    din.object_update(
        events, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    market = _effort(programme, admin_user, "Marktplein")
    facades = _effort(programme, admin_user, "Gevels")
    kiosk = _effort(programme, admin_user, "Kiosk")
    _effort(programme, admin_user, "Overleg winkeliers", role="afstemming")  # does not report
    _submit(events, earlier, admin_user, principals_request="Oud verzoek")
    _submit(
        events,
        current,
        admin_user,
        overall_status="aandacht",
        planning_status="aandacht",
        planning_explanation="De vergunning loopt vertraging op.",
        principals_request="Besluit over extra budget voor beveiliging.",
    )
    _submit(
        market,
        earlier,
        admin_user,
        overall_status="probleem",
        financien_status="probleem",
        financien_explanation="Tekort van 40.000 euro.",
        risicos_status="aandacht",
        risicos_explanation="Aannemer failliet?",
    )
    _submit(facades, current, admin_user)
    services.report_open(effort=kiosk, period=current, actor=admin_user)
    return {"events": events, "market": market, "facades": facades, "kiosk": kiosk}


@pytest.fixture
def judged(programme, admin_user):
    goal = OperationalGoal.objects.get(programme=programme, code="1b")
    monitoring.goal_judgement_record(
        actor=admin_user,
        goal=goal,
        date=_today() - dt.timedelta(days=3),
        status="niet_op_koers",
        explanation="Weinig positieve reacties.",
    )
    return goal


@pytest.fixture
def principals(programme, admin_user):
    people = {}
    for kind, name, email in [
        (RoleKind.POLITICAL_PRINCIPAL, "Wethouder Wit", "wit@example.org"),
        (RoleKind.ADMINISTRATIVE_PRINCIPAL, "Directeur Daal", "daal@example.org"),
        (RoleKind.PROGRAMME_MANAGER, "Manager Mol", "mol@example.org"),
        (RoleKind.ADVISER, "Adviseur Aal", "aal@example.org"),  # not a recipient
    ]:
        person = din.object_create(Person, actor=admin_user, name=name, email=email)
        din.object_create(
            ProgrammeRole, actor=admin_user, programme=programme, kind=kind, person=person
        )
        people[kind] = person
    return people


# --- content ----------------------------------------------------------------------------------


def test_efforts_in_attention_or_problem_with_their_explanations(efforts, judged, programme):
    digest = build_digest(programme)
    concerns = {r.effort.name: r for r in digest.concerns}
    assert set(concerns) == {"Evenementen", "Marktplein"}
    assert [r.effort.name for r in digest.concerns][0] == "Marktplein"  # problems first
    events = concerns["Evenementen"]
    assert events.current
    assert [(a.status, a.explanation) for a in events.aspects] == [
        ("aandacht", "De vergunning loopt vertraging op.")
    ]
    market = concerns["Marktplein"]
    assert not market.current  # only the earlier period's report was submitted
    assert [a.status for a in market.aspects] == ["probleem", "aandacht"]
    assert {e.name for e in digest.not_current} == {"Marktplein", "Kiosk"}
    assert [e.name for e in digest.without_report] == ["Kiosk"]


def test_decisions_asked_are_those_of_the_reports_that_count(efforts, programme):
    digest = build_digest(programme)
    assert [(d.effort.name, d.text) for d in digest.decisions] == [
        ("Evenementen", "Besluit over extra budget voor beveiliging.")
    ]


def test_goal_statuses_from_the_monitor(efforts, judged, programme):
    digest = build_digest(programme)
    (strategic,) = digest.strategic
    assert strategic.status == "niet_op_koers"
    assert {g.code: g.status for g in strategic.listed} == {
        "1a": "geen_gegevens",
        "1b": "niet_op_koers",
    }
    assert digest.monitor.status == "niet_op_koers"


def test_the_page_shows_goals_efforts_explanations_and_decisions(
    client, reader_user, efforts, judged
):
    client.force_login(reader_user)
    html = client.get(URL).content.decode()
    assert "Overleg opdrachtgevers" in html
    assert "koers-status--niet_op_koers" in html and "1b. Bezoekers voelen zich welkom" in html
    assert "Marktplein" in html and "Tekort van 40.000 euro." in html
    assert "De vergunning loopt vertraging op." in html
    assert "koers-aspect--probleem" in html and "koers-aspect--aandacht" in html
    assert "Besluit over extra budget voor beveiliging." in html
    concerns = html.split('id="digest-efforts"')[1].split('id="digest-decisions"')[0]
    assert "Gevels</a>" not in concerns  # all good: not among the efforts that need attention
    assert "Vergeleken met het overlegstuk over de vorige periode" in html
    assert "Rapportageperiode" in html
    assert "koers digest send" not in html  # a reader cannot send


def test_snapshot_is_plain_json(efforts, judged, programme):
    snapshot = build_digest(programme).snapshot()
    assert snapshot["goals"] == {"1a": "geen_gegevens", "1b": "niet_op_koers"}
    assert snapshot["strategic_goals"] == {"1": "niet_op_koers"}
    assert snapshot["efforts"] == {
        str(efforts["events"].pk): "aandacht",
        str(efforts["market"].pk): "probleem",
        str(efforts["facades"].pk): "goed",
    }
    assert len(snapshot["reports"]) == 3
    assert snapshot["decisions"][0]["effort"] == efforts["events"].pk
    import json

    assert json.loads(json.dumps(snapshot)) == snapshot


# --- changes since the previous digest ---------------------------------------------------------


def _age(days: int) -> None:
    """Make everything recorded so far look ``days`` old."""
    past = timezone.now() - dt.timedelta(days=days)
    DigestLog.objects.update(sent_at=past)
    ProgressReport.objects.update(submitted_at=past - dt.timedelta(hours=1))


def test_changes_since_the_digest_over_the_previous_period(
    client, reader_user, programme, admin_user, efforts, calendar
):
    earlier, current = _periods(calendar)
    # within the current period: 1b judged off course
    monitoring.goal_judgement_record(
        actor=admin_user,
        goal=OperationalGoal.objects.get(programme=programme, code="1b"),
        date=current.end - dt.timedelta(days=1),
        status="niet_op_koers",
        explanation="Klachten.",
    )
    digest = build_digest(programme)
    assert digest.period == current
    changes = digest.changes
    assert not changes.first and changes.previous == earlier
    assert [(c.what, c.old.value, c.new.value) for c in changes.goals] == [
        ("1", "geen_gegevens", "niet_op_koers"),
        ("1b", "niet_meetbaar", "niet_op_koers"),
    ]
    assert changes.programme.new.value == "niet_op_koers"
    assert {(c.what, c.old.value, c.new.value) for c in changes.efforts} == {
        ("Evenementen", "goed", "aandacht"),
        ("Gevels", "", "goed"),
    }
    # Marktplein counts with its report over the earlier period in both: not new.
    assert sorted(r.effort.name for r in changes.new_reports) == ["Evenementen", "Gevels"]
    # the decision Evenementen asked before is not new; the one of this period is
    assert [d.text for d in changes.new_decisions] == [
        "Besluit over extra budget voor beveiliging."
    ]

    client.force_login(reader_user)
    html = client.get(URL).content.decode()
    assert "Vergeleken met het overlegstuk over de vorige periode" in html
    for heading in (
        "Doelen met een andere status",
        "Inspanningen met een ander totaaloordeel",
        "Sindsdien ingediende rapportages",
        "Nieuw gevraagde besluiten",
    ):
        assert heading in html
    assert "veranderd in" in html and "nieuw</span>" in html


def test_nothing_changed_when_nobody_reported_over_the_period(
    client, staff_user, programme, admin_user, calendar
):
    earlier, current = _periods(calendar)
    events = programme.efforts.get(name="Evenementen")
    din.object_update(
        events, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    _submit(events, earlier, admin_user, principals_request="Graag een besluit.")
    changes = build_digest(programme, period=current).changes
    assert not changes.first and not changes.any
    client.force_login(staff_user)
    html = client.get(URL + f"?periode={current.key}").content.decode()
    assert "Sindsdien is er niets veranderd." in html


def test_the_first_period_has_nothing_to_compare_with(programme, efforts, calendar):
    first = calendar.periods_until(_today())[0]
    digest = build_digest(programme, period=first)
    assert digest.changes.first and digest.period == first
    assert digest.reports == []  # nobody reported over the first period


def test_sending_does_not_change_what_the_digest_compares_with(programme, efforts, calendar):
    """Sent this morning, printed for this afternoon's meeting: the same digest."""
    before = build_digest(programme)
    call_command("digest", "send", "test-programma", "--to", "pm@example.org", stdout=StringIO())
    after = build_digest(programme)
    assert after.sent_today is not None
    assert after.changes.previous == before.changes.previous
    assert after.snapshot() == before.snapshot()


# --- sending -----------------------------------------------------------------------------------


def test_send_mails_principals_and_manager_html_and_text_and_records_it(
    programme, efforts, principals, settings
):
    settings.BASE_URL = "https://koers.example.nl"
    out = StringIO()
    call_command("digest", "send", "test-programma", stdout=out)
    (message,) = mail.outbox
    assert message.to == ["wit@example.org", "daal@example.org", "mol@example.org"]
    assert "Overleg opdrachtgevers Testprogramma" in message.subject
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = "https://koers.example.nl/programmas/test-programma/overleg/"
    assert link in html and link in message.body
    assert "Tekort van 40.000 euro." in html and "Tekort van 40.000 euro." in message.body
    assert "Besluit over extra budget voor beveiliging." in html
    assert "<script" not in html
    log = DigestLog.objects.get()
    assert log.recipients.split("\n") == ["wit@example.org", "daal@example.org", "mol@example.org"]
    assert log.snapshot["efforts"][str(efforts["market"].pk)] == "probleem"
    assert "wit@example.org" in out.getvalue()


def test_send_to_given_addresses(programme, efforts, principals):
    call_command(
        "digest",
        "send",
        "test-programma",
        "--to",
        "a@example.org",
        "b@example.org",
        stdout=StringIO(),
    )
    assert mail.outbox[0].to == ["a@example.org", "b@example.org"]
    assert DigestLog.objects.get().recipients == "a@example.org\nb@example.org"


def test_send_refuses_a_bad_address(programme, efforts):
    with pytest.raises(CommandError, match="geen e-mailadres"):
        call_command("digest", "send", "test-programma", "--to", "niet-een-adres")
    assert not DigestLog.objects.exists()


def test_no_recipients_is_a_clear_error_and_records_nothing(programme, efforts):
    with pytest.raises(CommandError) as exc:
        call_command("digest", "send", "test-programma", stdout=StringIO())
    assert "niemand" in str(exc.value) and "--to" in str(exc.value)
    assert mail.outbox == []
    assert not DigestLog.objects.exists()


def test_dry_run_sends_and_records_nothing(programme, efforts, principals):
    out = StringIO()
    call_command("digest", "send", "test-programma", "--dry-run", stdout=out)
    assert mail.outbox == [] and not DigestLog.objects.exists()
    assert "wit@example.org" in out.getvalue() and "GEVRAAGDE BESLUITEN" in out.getvalue()


def test_show_prints_the_text(programme, efforts):
    out = StringIO()
    call_command("digest", "show", "test-programma", stdout=out)
    text = out.getvalue()
    assert "GEVRAAGDE BESLUITEN" in text and "Marktplein" in text
    assert "De vergunning loopt vertraging op." in text
    assert not DigestLog.objects.exists()


def test_unknown_programme(db):
    with pytest.raises(CommandError, match="geen programma"):
        call_command("digest", "show", "bestaat-niet")


def test_staff_sends_from_the_page(client, staff_user, programme, efforts, principals):
    client.force_login(staff_user)
    html = client.get(URL).content.decode()
    assert "Overlegstuk versturen" in html and "koers digest send test-programma" in html
    response = client.post(URL, follow=True)
    assert len(mail.outbox) == 1
    log = DigestLog.objects.get()
    assert log.sent_by == staff_user
    assert "is verstuurd aan" in response.content.decode()


def test_page_send_when_the_mail_server_fails_records_nothing(
    client, staff_user, programme, efforts, principals, settings
):
    settings.EMAIL_BACKEND = "tests.reporting.test_reminders.FailingBackend"
    client.force_login(staff_user)
    response = client.post(URL, follow=True)
    assert "kon niet worden verstuurd" in response.content.decode()
    assert not DigestLog.objects.exists()


def test_command_send_when_the_mail_server_fails_records_nothing(
    programme, efforts, principals, settings
):
    settings.EMAIL_BACKEND = "tests.reporting.test_reminders.FailingBackend"
    with pytest.raises(CommandError, match="niets vastgelegd"):
        call_command("digest", "send", "test-programma", stdout=StringIO())
    assert not DigestLog.objects.exists()


def test_page_send_without_recipients_says_so(client, staff_user, programme, efforts):
    client.force_login(staff_user)
    response = client.post(URL, follow=True)
    assert "niemand" in response.content.decode()
    assert mail.outbox == [] and not DigestLog.objects.exists()


# --- permissions and queries -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "get", "post"),
    [
        ("admin_user", 200, 302),
        ("staff_user", 200, 302),
        ("reader_user", 200, 403),
        ("owner_user", 200, 403),
        ("outsider_user", 403, 403),
        (None, 302, 302),
    ],
)
def test_who_sees_the_page_and_who_may_send(
    client, request, programme, efforts, principals, who, get, post
):
    if who:
        client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == get
    if who is None:
        assert "/account/inloggen" in response["Location"]
    response = client.post(URL)
    assert response.status_code == post
    sent = post == 302 and who is not None
    assert len(mail.outbox) == (1 if sent else 0)
    assert DigestLog.objects.count() == (1 if sent else 0)


def _page_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_depend_on_the_number_of_efforts(
    client, staff_user, programme, admin_user, efforts, calendar
):
    call_command("digest", "send", "test-programma", "--to", "pm@example.org", stdout=StringIO())
    _age(14)
    client.force_login(staff_user)
    small = _page_queries(client)
    earlier, current = _periods(calendar)
    for i in range(8):
        effort = _effort(programme, admin_user, f"Extra {i}")
        _submit(effort, earlier, admin_user)
        _submit(
            effort,
            current,
            admin_user,
            overall_status="aandacht",
            resultaten_status="probleem",
            resultaten_explanation=f"Uitleg {i}",
            principals_request=f"Verzoek {i}",
        )
    large = _page_queries(client)
    assert "Uitleg 7" in client.get(URL).content.decode()
    assert large == small, (small, large)
    assert small <= 25
