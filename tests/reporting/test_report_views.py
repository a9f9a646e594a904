"""The report pages: the owner's form (pre-filled, save, submit, conflicts), the read-only report
with its frozen effort, the reviewer's accept / return, the history, "my reports", and who may
do what."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from koers.programmes import services as din
from koers.programmes.models import OperationalGoal, Person
from koers.reporting import services
from koers.reporting.constants import Aspect, AspectStatus, ReportState
from koers.reporting.models import ProgressReport

pytestmark = pytest.mark.django_db

FIRST, SECOND = date(2024, 1, 1), date(2024, 1, 15)


def _url(effort, start=FIRST, suffix=""):
    url = reverse("reporting:report", args=[effort.programme.slug, effort.pk, start.isoformat()])
    return url + suffix


def _post_data(report=None, **fields):
    data = {"overall_status": "goed", "principals_request": "", "action": "save"}
    for a in Aspect:
        data[f"{a.value}_status"] = "goed"
        data[f"{a.value}_explanation"] = ""
    if report is not None:
        data["version"] = report.version
    data.update(fields)
    return data


def _submitted(effort, calendar, actor, start=FIRST, **content) -> ProgressReport:
    period = calendar.period_starting(start)
    report = services.report_open(effort=effort, period=period, actor=actor)
    fields = {k: v for k, v in _post_data(**content).items() if k not in ("action", "version")}
    report = services.report_save(report=report, actor=actor, expected_version=None, **fields)
    return services.report_submit(report=report, actor=actor, expected_version=report.version)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- the owner's form ----------------------------------------------------------------------------


def test_owner_gets_the_form_and_a_draft(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert response.status_code == 200
    assert "reporting/report_form.html" in [t.name for t in response.templates]
    report = ProgressReport.objects.get(effort=effort, period_start=FIRST)
    assert report.state == ReportState.DRAFT
    html = _text(response)
    # eight aspects in the contract's order, each a fieldset with its label as legend
    legends = re.findall(
        r'<legend class="utrecht-form-fieldset__legend[^"]*">([^<]+)</legend>', html
    )
    assert [html_lib.unescape(t) for t in legends[1:]] == [
        str(a.label).capitalize() for a in Aspect
    ]
    for a in Aspect:
        for status in AspectStatus:
            assert f'name="{a.value}_status" value="{status.value}"' in html
        assert f'name="{a.value}_explanation"' in html
    assert f'name="version" value="{report.version}"' in html
    assert 'value="save"' in html and 'value="submit"' in html
    assert "Opslaan als concept" in html and "Indienen" in html
    assert "Overgenomen uit" not in html  # nothing to pre-fill from


def test_second_period_is_pre_filled(client, effort, calendar, owner_user):
    _submitted(
        effort,
        calendar,
        owner_user,
        planning_status="aandacht",
        planning_explanation="Vergunning vertraagd.",
        principals_request="Besluit over de locatie.",
    )
    client.force_login(owner_user)
    response = client.get(_url(effort, SECOND))
    html = _text(response)
    assert "Overgenomen uit de rapportage over" in html
    assert _url(effort) in html  # a link to the previous report
    assert re.search(r'name="planning_status" value="aandacht"[^>]*checked', html)
    assert "Vergunning vertraagd." in html and "Besluit over de locatie." in html
    draft = ProgressReport.objects.get(effort=effort, period_start=SECOND)
    assert draft.planning_explanation == "Vergunning vertraagd."


def test_save_as_draft(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    client.get(_url(effort))
    report = ProgressReport.objects.get()
    data = _post_data(report, planning_status="probleem", planning_explanation="Te laat.")
    response = client.post(_url(effort), data)
    assert response.status_code == 302 and response["Location"] == _url(effort)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert (report.planning_status, report.planning_explanation) == ("probleem", "Te laat.")
    assert report.version == 2


def test_submit_with_problems_shows_them_and_submits_nothing(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    client.get(_url(effort))
    report = ProgressReport.objects.get()
    data = _post_data(report, action="submit", risicos_status="probleem", kwaliteit_status="")
    response = client.post(_url(effort), data)
    assert response.status_code == 400
    html = _text(response)
    assert "niet ingediend" in html
    assert 'href="#id_risicos_explanation"' in html
    assert 'href="#id_kwaliteit_status_0"' in html
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT and report.snapshot == {}
    assert report.risicos_status == "probleem"  # the input is kept as a draft
    # the form carries the new version, so correcting and submitting again just works
    assert f'name="version" value="{report.version}"' in html
    data = _post_data(report, action="submit", risicos_status="probleem")
    data["risicos_explanation"] = "Aannemer failliet."
    response = client.post(_url(effort), data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_submit_then_read_only_report(client, effort, calendar, owner_user, admin_user):
    goal = OperationalGoal.objects.get(code="1a")
    din.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    client.force_login(owner_user)
    client.get(_url(effort))
    report = ProgressReport.objects.get()
    data = _post_data(
        report,
        action="submit",
        financien_status="aandacht",
        financien_explanation="Budget krap.",
        principals_request="Extra budget?",
    )
    response = client.post(_url(effort), data, follow=True)
    assert response.redirect_chain == [(_url(effort), 302)]
    assert "reporting/report_detail.html" in [t.name for t in response.templates]
    html = _text(response)
    assert "ingediend" in html and "<form" not in html.split('id="inhoud"')[1].split("</main>")[0]
    assert "Budget krap." in html and "Extra budget?" in html
    assert "Inspanning zoals bij indienen" in html and "Tess Trekker" in html
    assert "1a" in html
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.submitted_by == owner_user


def test_owner_cannot_change_a_submitted_report(client, effort, calendar, owner_user):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert "reporting/report_detail.html" in [t.name for t in response.templates]
    assert 'name="planning_status"' not in response.content.decode()
    version = report.version
    response = client.post(
        _url(effort), _post_data(report, planning_status="probleem", action="submit")
    )
    assert response.status_code == 400
    assert "kan niet meer gewijzigd worden" in _text(response)
    report.refresh_from_db()
    assert (report.version, report.planning_status) == (version, "goed")


def test_concurrent_saves_the_second_gets_a_conflict(
    client, effort, calendar, owner_user, staff_user
):
    client.force_login(owner_user)
    client.get(_url(effort))
    report = ProgressReport.objects.get()
    seen = _post_data(report)  # both open the form at the same version
    client.post(_url(effort), {**seen, "planning_explanation": "Van de trekker"})
    client.force_login(staff_user)
    response = client.post(_url(effort), {**seen, "planning_explanation": "Van de staf"})
    assert response.status_code == 409
    html = _text(response)
    assert "koers-conflict" in html
    assert "Van de trekker" in html and "Van de staf" in html  # theirs next to yours
    report.refresh_from_db()
    assert report.planning_explanation == "Van de trekker" and report.version == 2
    # the form now carries the current version: saving again is a deliberate overwrite
    assert 'name="version" value="2"' in html


def test_returned_report_shows_the_comment_on_the_form(
    client, effort, calendar, owner_user, staff_user
):
    report = _submitted(effort, calendar, owner_user)
    services.report_return(
        report=report, actor=staff_user, expected_version=report.version, comment="Risico's?"
    )
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert "reporting/report_form.html" in [t.name for t in response.templates]
    html = _text(response)
    assert "Risico&#x27;s?" in html and "koers-review-comment" in html
    assert "Overgenomen uit" not in html


# --- the read-only report ------------------------------------------------------------------------


def test_reader_sees_not_yet_reported_and_creates_nothing(client, effort, calendar, reader_user):
    client.force_login(reader_user)
    response = client.get(_url(effort))
    assert response.status_code == 200
    assert "Nog niet gerapporteerd" in _text(response)
    assert not ProgressReport.objects.exists()
    assert client.post(_url(effort), _post_data()).status_code == 403
    assert not ProgressReport.objects.exists()


def test_frozen_effort_does_not_change_with_the_effort(
    client, effort, calendar, owner_user, admin_user, reader_user
):
    _submitted(effort, calendar, owner_user)
    newcomer = din.object_create(Person, actor=admin_user, name="Nico Nieuw")
    din.object_update(
        effort, actor=admin_user, expected_version=None, name="Evenementen NIEUW", owner=newcomer
    )
    client.force_login(reader_user)
    html = _text(client.get(_url(effort)))
    frozen = html.split('id="inspanning-bij-indienen"')[1].split("</section>")[0]
    assert "Evenementen" in frozen and "Tess Trekker" in frozen
    assert "NIEUW" not in frozen and "Nico Nieuw" not in frozen


def test_fictitious_report_is_labelled(client, effort, calendar, owner_user, reader_user):
    report = _submitted(effort, calendar, owner_user)
    ProgressReport.objects.filter(pk=report.pk).update(is_fictitious=True)
    client.force_login(reader_user)
    html = _text(client.get(_url(effort)))
    assert "koers-badge--fictitious" in html and "fictief" in html


# --- permissions and addresses --------------------------------------------------------------------


def test_owner_of_another_effort_reads_but_cannot_write(
    client, effort, other_effort, calendar, owner_user
):
    report = _submitted(effort, calendar, owner_user, start=FIRST)
    draft = services.report_open(
        effort=other_effort, period=calendar.period_starting(SECOND), actor=None
    )
    client.force_login(owner_user)
    # another effort's draft: readable, not writable (no form, and no draft opened for it)
    response = client.get(_url(other_effort, SECOND))
    assert response.status_code == 200
    assert "reporting/report_detail.html" in [t.name for t in response.templates]
    assert client.get(_url(other_effort)).status_code == 200
    assert not ProgressReport.objects.filter(effort=other_effort, period_start=FIRST).exists()
    response = client.post(
        _url(other_effort, SECOND), _post_data(draft, planning_status="probleem")
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.planning_status == "" and draft.version == 1
    assert report.state == ReportState.SUBMITTED


@pytest.mark.parametrize("user", ["outsider_user", None])
def test_outsiders_and_anonymous(client, effort, calendar, user, request):
    if user:
        client.force_login(request.getfixturevalue(user))
    for url in (_url(effort), _url(effort, suffix="geschiedenis")):
        response = client.get(url)
        if user:
            assert response.status_code == 403
        else:
            assert response.status_code == 302 and "/account/inloggen" in response["Location"]
    assert not ProgressReport.objects.exists()


def test_addresses_that_do_not_exist(client, effort, calendar, staff_user, programme, admin_user):
    client.force_login(staff_user)
    slug = programme.slug
    base = f"/programmas/{slug}/rapportages/{effort.pk}"
    future = timezone.localdate() + timedelta(days=60)
    future_period = calendar.periods_until(future)[-1].start
    for url in (
        f"{base}/2024-01-02/",  # no period starts that day
        f"{base}/20240101/",
        f"{base}/2024-13-01/",
        f"{base}/nu/",
        f"{base}/{future_period.isoformat()}/",  # not begun yet
        f"/programmas/{slug}/rapportages/999999/2024-01-01/",
    ):
        assert client.get(url).status_code == 404, url
    # an effort that does not report
    quiet = din.effort_create(actor=admin_user, programme=programme, name="Afstemming")
    assert client.get(_url(quiet)).status_code == 404
    # a programme without a calendar
    calendar.delete()
    assert client.get(_url(effort)).status_code == 404
    assert not ProgressReport.objects.exists()


def test_effort_of_another_programme_is_not_found(client, effort, calendar, admin_user):
    other = din.programme_create(
        actor=admin_user,
        slug="ander-programma",
        name="Ander",
        municipality="Almelo",
        period_start=date(2019, 1, 1),
        period_end=date(2022, 12, 31),
    )
    services.calendar_set(
        programme=other, actor=admin_user, frequency="tweewekelijks", start_date=FIRST
    )
    client.force_login(admin_user)
    url = f"/programmas/ander-programma/rapportages/{effort.pk}/2024-01-01/"
    assert client.get(url).status_code == 404


# --- review --------------------------------------------------------------------------------------


def _review_url(effort, start=FIRST):
    return _url(effort, start, "beoordelen")


def test_staff_accepts(client, effort, calendar, owner_user, staff_user):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(staff_user)
    html = _text(client.get(_url(effort)))
    assert _review_url(effort) in html and 'value="accept"' in html and 'value="return"' in html
    response = client.post(
        _review_url(effort), {"action": "accept", "comment": "Helder.", "version": report.version}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED and report.review_comment == "Helder."
    html = _text(client.get(_url(effort)))
    assert "geaccepteerd" in html and "Helder." in html and 'value="accept"' not in html


def test_return_needs_a_comment(client, effort, calendar, owner_user, staff_user):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(staff_user)
    response = client.post(
        _review_url(effort), {"action": "return", "comment": " ", "version": report.version}
    )
    assert response.status_code == 400
    assert "Zeg wat de trekker moet aanpassen" in _text(response)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    response = client.post(
        _review_url(effort),
        {"action": "return", "comment": "Planning onduidelijk.", "version": report.version},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    # the owner sees the comment on the form
    client.force_login(owner_user)
    assert "Planning onduidelijk." in _text(client.get(_url(effort)))


def test_review_errors(client, effort, calendar, owner_user, staff_user):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(staff_user)
    assert client.get(_review_url(effort)).status_code == 405
    response = client.post(_review_url(effort), {"action": "weg", "version": report.version})
    assert response.status_code == 400
    assert "Kies of u de rapportage accepteert of terugstuurt." in _text(response)
    stale = report.version - 1
    response = client.post(_review_url(effort), {"action": "accept", "version": stale})
    assert response.status_code == 409
    assert "Iemand anders" in _text(response)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    # a draft cannot be reviewed
    services.report_open(effort=effort, period=calendar.period_starting(SECOND), actor=None)
    response = client.post(_review_url(effort, SECOND), {"action": "accept"})
    assert response.status_code == 400
    assert "Deze rapportage is concept en kan niet zo gewijzigd worden." in _text(response)


@pytest.mark.parametrize("who", ["owner_user", "reader_user", "outsider_user"])
def test_only_staff_review(client, effort, calendar, owner_user, who, request):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(request.getfixturevalue(who))
    response = client.post(_review_url(effort), {"action": "accept", "version": report.version})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


# --- history -------------------------------------------------------------------------------------


def test_history_lists_every_version(client, effort, calendar, owner_user, staff_user, reader_user):
    report = _submitted(effort, calendar, owner_user)
    services.report_return(
        report=report, actor=staff_user, expected_version=report.version, comment="Nee"
    )
    client.force_login(reader_user)
    response = client.get(_url(effort, suffix="geschiedenis"))
    assert response.status_code == 200
    entries = response.context["entries"]
    assert len(entries) == 4  # created, saved, submitted, returned
    assert entries[0].state == "teruggestuurd" and entries[0].who == staff_user
    assert "opmerking van de beoordelaar" in entries[0].changes
    assert "planning" in entries[2].changes  # the save filled in the statuses
    html = _text(response)
    assert "teruggestuurd" in html and "ingediend" in html


def test_history_of_a_report_not_started_is_not_found(client, effort, calendar, reader_user):
    client.force_login(reader_user)
    assert client.get(_url(effort, suffix="geschiedenis")).status_code == 404


# --- query counts --------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_report_page_query_count_is_fixed(
    client, effort, calendar, owner_user, reader_user, admin_user
):
    _submitted(effort, calendar, owner_user)
    client.force_login(reader_user)
    few = _count(client, _url(effort))
    # more goals, more reports, more history: the same number of queries
    for goal in OperationalGoal.objects.all():
        din.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    for start in (SECOND, date(2024, 1, 29), date(2024, 2, 12)):
        _submitted(effort, calendar, owner_user, start=start)
    assert _count(client, _url(effort)) == few
    # session, user, programme, access (2), effort, its reporting setting, calendar, report,
    # Django's own permission look-ups (2)
    assert few == 11
    client.force_login(owner_user)
    _count(client, _url(effort, date(2024, 2, 26)))  # creates the draft
    form_again = _count(client, _url(effort, date(2024, 2, 26)))
    assert form_again == 12  # the same, and the previous report for the pre-fill note


# --- Dutch ---------------------------------------------------------------------------------------

ENGLISH_HERE = [
    "Progress report",
    "Save as draft",
    "Submit",
    "Deadline",
    "Overall status",
    "Explanation",
    "Pre-filled",
    "Effort as submitted",
    "Review this report",
    "Send back",
    "History of this report",
    "My reports",
    "not started",
    "The eight aspects",
]


def test_report_pages_are_dutch(client, effort, calendar, owner_user, staff_user):
    from tests.test_translations import english_in, visible_text

    _submitted(effort, calendar, owner_user)
    client.force_login(owner_user)
    pages = {
        "form": _url(effort, SECOND),
        "my reports": reverse("reporting:mine"),
    }
    found = {}
    for who, user, urls in [
        ("owner", owner_user, pages),
        (
            "staff",
            staff_user,
            {"detail": _url(effort), "history": _url(effort, suffix="geschiedenis")},
        ),
    ]:
        client.force_login(user)
        for name, url in urls.items():
            page = client.get(url).content.decode()
            text = visible_text(page)
            words = english_in(page) + [w for w in ENGLISH_HERE if w in text]
            if words:
                found[f"{who}: {name}"] = words
    assert not found, f"English on Dutch pages: {found}"


def test_history_query_count_is_fixed(client, effort, calendar, owner_user, staff_user):
    report = _submitted(effort, calendar, owner_user)
    client.force_login(staff_user)
    url = _url(effort, suffix="geschiedenis")
    few = _count(client, url)
    for comment in ("Eén", "Twee", "Drie"):
        report = services.report_return(
            report=report, actor=staff_user, expected_version=None, comment=comment
        )
        report = services.report_submit(report=report, actor=owner_user, expected_version=None)
    assert _count(client, url) == few
    assert len(client.get(url).context["entries"]) == 3 + 6
