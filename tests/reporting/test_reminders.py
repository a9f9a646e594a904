"""``koers reminders send``: who gets a reminder when, each (effort, period, kind) once, also
when the command runs twice or the mail server fails, and what the output says."""

from __future__ import annotations

import threading
from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from koers.programmes import services as din
from koers.programmes.models import Person
from koers.reporting import services
from koers.reporting.constants import Aspect, AspectStatus, ReminderKind
from koers.reporting.models import ReminderLog
from koers.reporting.reminders import _claim, due_reminders, reminder_kind

pytestmark = pytest.mark.django_db

ALL_GOOD = {
    "overall_status": AspectStatus.GOOD,
    **{f"{a.value}_status": AspectStatus.GOOD for a in Aspect},
}
# Monthly from 1 January 2024, due 10 days after the month, reminded 3 days before:
# January's report is due 10 February; "due soon" from 7 February, "late" from 11 February.
JANUARY = "2024-01-01"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def effort(programme, admin_user, owner_user):
    effort = programme.efforts.get(name="Evenementen")
    din.object_update(
        effort, actor=admin_user, expected_version=None, municipality_role="opdrachtgever"
    )
    din.object_update(
        effort.owner, actor=admin_user, expected_version=None, email="tess@example.org"
    )
    return effort


@pytest.fixture
def calendar(programme, admin_user):
    return services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="maandelijks",
        start_date=date(2024, 1, 1),
        deadline_days=10,
        reminder_days=3,
    )


def _send(*args: str, verbosity: int = 1) -> str:
    out = StringIO()
    call_command("reminders", "send", *args, stdout=out, stderr=StringIO(), verbosity=verbosity)
    return out.getvalue()


def _january(calendar):
    return calendar.period_starting(date(2024, 1, 1))


def test_kind_per_day():
    from koers.reporting.schedule import period

    p = period("maandelijks", date(2024, 1, 1), 10, 1)  # deadline 10 February
    assert reminder_kind(p, None, today=date(2024, 2, 6), days=3) is None
    assert reminder_kind(p, None, today=date(2024, 2, 7), days=3) == ReminderKind.DUE
    assert reminder_kind(p, "concept", today=date(2024, 2, 10), days=3) == ReminderKind.DUE
    assert reminder_kind(p, "teruggestuurd", today=date(2024, 2, 11), days=3) == "te_laat"
    assert reminder_kind(p, "ingediend", today=date(2024, 2, 11), days=3) is None
    assert reminder_kind(p, "geaccepteerd", today=date(2024, 2, 8), days=3) is None
    assert reminder_kind(p, None, today=date(2024, 2, 1), days=10) == ReminderKind.DUE


def test_due_soon_mails_the_owner_with_a_direct_link(effort, calendar, settings):
    settings.BASE_URL = "https://koers.example.nl"
    out = _send("--today", "2024-02-08")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tess@example.org"]
    assert "Herinnering" in message.subject and "Evenementen" in message.subject
    assert "10 februari 2024" in message.subject
    link = f"https://koers.example.nl/programmas/test-programma/rapportages/{effort.pk}/{JANUARY}/"
    assert link in message.body
    assert "Testprogramma" in message.body
    assert "1 januari 2024 t/m 31 januari 2024" in message.body
    assert "niet begonnen" in message.body
    log = ReminderLog.objects.get()
    assert (log.effort_id, log.period_start, log.kind) == (
        effort.pk,
        date(2024, 1, 1),
        "binnenkort",
    )
    assert log.recipient == "tess@example.org"
    assert "tess@example.org" in out and "Evenementen" in out


def test_late_report_gets_a_late_reminder(effort, calendar, admin_user):
    services.report_open(effort=effort, period=_january(calendar), actor=admin_user)
    _send("--today", "2024-02-12")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Te laat")
    assert "concept" in mail.outbox[0].body
    assert ReminderLog.objects.get().kind == "te_laat"


def test_not_yet_due_sends_nothing(effort, calendar):
    out = _send("--today", "2024-02-05")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "0 herinneringen" in out


def test_no_period_ended_yet_sends_nothing(effort, calendar):
    _send("--today", "2024-01-20")
    assert mail.outbox == []


def test_submitted_or_accepted_report_gets_no_reminder(effort, calendar, admin_user):
    report = services.report_open(effort=effort, period=_january(calendar), actor=admin_user)
    report = services.report_save(
        report=report, actor=admin_user, expected_version=report.version, **ALL_GOOD
    )
    report = services.report_submit(report=report, actor=admin_user, expected_version=None)
    _send("--today", "2024-02-12")
    services.report_accept(report=report, actor=admin_user, expected_version=None)
    _send("--today", "2024-02-13")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()


def test_returned_report_is_reminded_with_the_reviewers_comment(effort, calendar, admin_user):
    report = services.report_open(effort=effort, period=_january(calendar), actor=admin_user)
    report = services.report_save(
        report=report, actor=admin_user, expected_version=report.version, **ALL_GOOD
    )
    report = services.report_submit(report=report, actor=admin_user, expected_version=None)
    services.report_return(
        report=report, actor=admin_user, expected_version=None, comment="Graag de planning"
    )
    _send("--today", "2024-02-09")
    assert "teruggestuurd" in mail.outbox[0].body
    assert "Graag de planning" in mail.outbox[0].body


def test_running_twice_sends_nothing_twice(effort, calendar):
    _send("--today", "2024-02-08")
    out = _send("--today", "2024-02-08", verbosity=2)
    _send("--today", "2024-02-09")
    assert len(mail.outbox) == 1
    assert "Al eerder verstuurd: Evenementen" in out
    # late is a different reminder: once more, and then no more
    _send("--today", "2024-02-11")
    _send("--today", "2024-02-12")
    assert len(mail.outbox) == 2
    assert sorted(ReminderLog.objects.values_list("kind", flat=True)) == [
        "binnenkort",
        "te_laat",
    ]


def test_a_reminder_claimed_by_another_run_is_not_sent(effort, calendar):
    """Two runs at the same moment: both see the reminder as due, only one may claim it."""
    due, _already = due_reminders(date(2024, 2, 8))
    assert len(due) == 1
    first, _ = _claim(due)
    second, _ = _claim(due)
    assert len(first) == 1 and second == []
    assert ReminderLog.objects.count() == 1


def test_failed_send_leaves_no_log_and_is_retried(effort, calendar, settings):
    settings.EMAIL_BACKEND = "tests.reporting.test_reminders.FailingBackend"
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("reminders", "send", "--today", "2024-02-08", stdout=StringIO(), stderr=err)
    assert "mail server down" in err.getvalue()
    assert not ReminderLog.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _send("--today", "2024-02-08")
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1


def test_owner_without_email_is_skipped_and_reported(effort, calendar, admin_user):
    din.object_update(effort.owner, actor=admin_user, expected_version=None, email="")
    out = _send("--today", "2024-02-08")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "Overgeslagen" in out and "Tess Trekker" in out and "e-mailadres" in out


def test_owner_without_own_address_gets_it_at_the_account_address(
    effort, calendar, admin_user, owner_user
):
    din.object_update(effort.owner, actor=admin_user, expected_version=None, email="")
    owner_user.email = "trekker@example.org"
    owner_user.save()
    _send("--today", "2024-02-08")
    assert mail.outbox[0].to == ["trekker@example.org"]


def test_effort_without_owner_is_skipped(effort, calendar, admin_user):
    din.object_update(effort, actor=admin_user, expected_version=None, owner=None)
    out = _send("--today", "2024-02-08")
    assert mail.outbox == []
    assert "Overgeslagen" in out


def test_effort_that_does_not_report_gets_nothing(effort, calendar, admin_user):
    services.effort_reporting_set(effort=effort, reports=False, actor=admin_user)
    _send("--today", "2024-02-12")
    assert mail.outbox == []


def test_effort_with_municipality_in_alignment_role_does_not_report(effort, calendar, admin_user):
    din.object_update(effort, actor=admin_user, expected_version=None, municipality_role="")
    _send("--today", "2024-02-12")
    assert mail.outbox == []


def test_one_mail_per_owner_for_several_efforts(effort, calendar, admin_user, programme):
    other = din.effort_create(
        actor=admin_user,
        programme=programme,
        name="Marktplein",
        owner=effort.owner,
        municipality_role="regisseur",
    )
    out = _send("--today", "2024-02-08")
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Evenementen" in body and "Marktplein" in body
    assert f"/rapportages/{other.pk}/{JANUARY}/" in body
    assert "2 voortgangsrapportages" in mail.outbox[0].subject
    assert ReminderLog.objects.count() == 2
    assert "2 herinneringen in 1 e-mails" in out


def test_dry_run_sends_and_records_nothing(effort, calendar):
    out = _send("--today", "2024-02-08", "--dry-run")
    assert mail.outbox == []
    assert not ReminderLog.objects.exists()
    assert "tess@example.org" in out and "proef" in out.lower()


def test_days_overrides_the_calendar(effort, calendar):
    _send("--today", "2024-02-01")
    assert mail.outbox == []
    _send("--today", "2024-02-01", "--days", "10")
    assert len(mail.outbox) == 1


def test_programme_without_calendar_is_left_alone(effort):
    out = _send("--today", "2024-02-12")
    assert mail.outbox == []
    assert "0 herinneringen" in out


def test_bad_date_is_a_clear_error(calendar):
    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        _send("--today", "12-02-2024")


def test_several_owners_get_their_own_mail(effort, calendar, admin_user, programme):
    someone = din.object_create(Person, actor=admin_user, name="Ali Akbar", email="ali@example.org")
    din.effort_create(
        actor=admin_user,
        programme=programme,
        name="Gevels",
        owner=someone,
        municipality_role="opdrachtgever",
    )
    _send("--today", "2024-02-12")
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@example.org", "tess@example.org"]


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_once(effort, calendar, monkeypatch):
    """Both runs see the reminder as due before either has logged it; the unique log row lets
    only one of them send."""
    if connection.vendor != "postgresql":
        pytest.skip("the in-memory SQLite test database locks whole tables between connections")
    from koers.reporting import reminders

    barrier = threading.Barrier(2)
    real = reminders.due_reminders

    def due_then_wait(today, *, days=None):
        found = real(today, days=days)
        barrier.wait(timeout=10)
        return found

    monkeypatch.setattr(reminders, "due_reminders", due_then_wait)
    outcomes = []

    def run():
        try:
            outcomes.append(reminders.send_reminders(date(2024, 2, 8)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert len(outcomes) == 2
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.count() == 1
    assert sorted(len(o.sent) for o in outcomes) == [0, 1]
    assert sum(len(o.already_sent) for o in outcomes) == 1


def test_an_effort_that_ended_before_the_period_gets_no_reminder(admin_user, programme):
    """An effort that ended before the period began owes no report over it: no reminder, and it
    is not listed as missing in the overview."""
    import datetime as dt

    from django.core import mail
    from django.core.management import call_command

    from koers.programmes import services as din
    from koers.programmes.models import Person
    from koers.reporting import services as reporting
    from koers.reporting.selectors_overview import period_overview

    effort = programme.efforts.get(name="Evenementen")
    owner = din.object_create(Person, actor=admin_user, name="Eva", email="eva@example.org")
    din.object_update(
        effort,
        actor=admin_user,
        expected_version=None,
        owner=owner,
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2024, 1, 31),
    )
    reporting.effort_reporting_set(effort=effort, reports=True, actor=admin_user)
    reporting.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="maandelijks",
        start_date=dt.date(2024, 1, 1),
    )
    # Period 2024-02 is reported on from March: the effort ended in January.
    call_command("reminders", "send", "--today", "2024-03-10", stdout=StringIO())
    assert mail.outbox == []
    overview = period_overview(programme, today=dt.date(2024, 3, 10))
    assert all(row.effort != effort for row in overview.rows)
    # Over January, when it still ran, it did owe a report.
    call_command("reminders", "send", "--today", "2024-02-10", stdout=StringIO())
    assert len(mail.outbox) == 1
