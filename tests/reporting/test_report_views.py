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


def _counts() -> tuple[int, int]:
    return ProgressReport.objects.count(), ProgressReport.history.count()


def test_owner_gets_the_form_and_nothing_is_written(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    response = client.get(_url(effort))
    assert response.status_code == 200
    assert "reporting/report_form.html" in [t.name for t in response.templates]
    assert _counts() == (0, 0)  # opening the page writes nothing
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
            assert not re.search(
                rf'name="{a.value}_status" value="{status.value}"[^>]*checked', html
            )
        assert f'name="{a.value}_explanation"' in html
    assert re.search(r'<input type="hidden" name="version" id="id_version">', html)
    assert 'value="save"' in html and 'value="submit"' in html
    assert "Opslaan als concept" in html and "Indienen" in html
    assert "Deze rapportage is nog niet opgeslagen; niets is bewaard tot u opslaat." in html
    assert "Vooraf ingevuld" not in html  # nothing to pre-fill from
    assert "Geschiedenis van deze rapportage" not in html  # no history yet
    assert "nog niet gerapporteerd" in html


def test_second_period_is_pre_filled_in_memory(client, effort, calendar, owner_user):
    _submitted(
        effort,
        calendar,
        owner_user,
        planning_status="aandacht",
        planning_explanation="Vergunning vertraagd.",
        principals_request="Besluit over de locatie.",
    )
    before = _counts()
    client.force_login(owner_user)
    response = client.get(_url(effort, SECOND))
    assert response.status_code == 200
    html = _text(response)
    assert (
        f'Vooraf ingevuld uit de rapportage over <a href="{_url(effort)}">1 – 14 januari 2024</a>; '
        "niets is bewaard tot u opslaat." in html
    )
    assert re.search(r'name="planning_status" value="aandacht"[^>]*checked', html)
    assert re.search(r'name="overall_status" value="goed"[^>]*checked', html)
    assert "Vergunning vertraagd." in html and "Besluit over de locatie." in html
    assert re.search(r'<input type="hidden" name="version" id="id_version">', html)
    assert _counts() == before  # no draft, no history
    assert not ProgressReport.objects.filter(period_start=SECOND).exists()


def test_overview_and_digest_see_no_statuses_nobody_entered(
    client, effort, calendar, owner_user, staff_user
):
    """Opening the pre-filled form of a new period leaves that period without a report: the
    overview shows the report as missing, not the previous period's nine statuses."""
    from koers.reporting.digest import build_digest
    from koers.reporting.selectors_overview import period_overview

    _submitted(effort, calendar, owner_user, planning_status="aandacht", planning_explanation="X")
    client.force_login(owner_user)
    assert client.get(_url(effort, SECOND)).status_code == 200
    today = SECOND + timedelta(days=20)
    overview = period_overview(effort.programme, today=today, period_start=SECOND)
    [row] = [r for r in overview.rows if r.effort == effort]
    assert row.report is None and row.state == "ontbreekt"
    assert row.statuses == [""] * 9
    digest = build_digest(effort.programme, today=today)
    assert [e.pk for e in digest.without_report] == [] and len(digest.reports) == 1
    assert digest.reports[0].report.period_start == FIRST  # the last one submitted, not a draft
    client.force_login(staff_user)
    html = _text(
        client.get(
            reverse("reporting:overview", args=[effort.programme.slug])
            + "?periode="
            + SECOND.isoformat()
        )
    )
    assert "ontbreekt" in html


def test_the_first_save_creates_the_draft_with_exactly_what_was_posted(
    client, effort, calendar, owner_user
):
    _submitted(effort, calendar, owner_user, planning_status="aandacht", planning_explanation="X")
    client.force_login(owner_user)
    client.get(_url(effort, SECOND))
    data = _post_data(
        planning_status="probleem", planning_explanation="Te laat.", kwaliteit_status=""
    )
    data["version"] = ""  # the unsaved form carries no version
    response = client.post(_url(effort, SECOND), data)
    assert response.status_code == 302 and response["Location"] == _url(effort, SECOND)
    report = ProgressReport.objects.get(period_start=SECOND)
    assert report.state == ReportState.DRAFT and report.version == 1
    posted = {k: v for k, v in data.items() if k not in ("action", "version")}
    assert {name: getattr(report, name) for name in posted} == posted
    assert report.history.count() == 1
    assert report.history.get().history_user == owner_user
    # from now on it is the saved draft's form, with its version, and no pre-fill note
    html = _text(client.get(_url(effort, SECOND)))
    assert 'name="version" value="1"' in html and "Vooraf ingevuld" not in html
    assert "niets is bewaard" not in html
    assert "Geschiedenis van deze rapportage" in html


def test_save_as_draft(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    assert client.post(_url(effort), _post_data()).status_code == 302
    report = ProgressReport.objects.get()
    data = _post_data(report, planning_status="probleem", planning_explanation="Te laat.")
    response = client.post(_url(effort), data)
    assert response.status_code == 302 and response["Location"] == _url(effort)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert (report.planning_status, report.planning_explanation) == ("probleem", "Te laat.")
    assert report.version == 2


def test_invalid_first_post_writes_nothing(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    response = client.post(_url(effort), _post_data(planning_status="weet-niet"))
    assert response.status_code == 400
    assert _counts() == (0, 0)
    assert "niets is bewaard tot u opslaat" in _text(response)


def test_submit_with_problems_shows_them_and_submits_nothing(client, effort, calendar, owner_user):
    client.force_login(owner_user)
    data = _post_data(action="submit", risicos_status="probleem", kwaliteit_status="")
    response = client.post(_url(effort), data)  # straight from the unsaved form
    assert response.status_code == 400
    html = _text(response)
    assert "niet ingediend" in html
    assert 'href="#id_risicos_explanation"' in html
    assert 'href="#id_kwaliteit_status_0"' in html
    report = ProgressReport.objects.get()
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
    data = _post_data(
        action="submit",
        financien_status="aandacht",
        financien_explanation="Budget krap.",
        principals_request="Extra budget?",
    )
    # submitted straight from the unsaved form: created and submitted in one go
    response = client.post(_url(effort), data, follow=True)
    assert response.redirect_chain == [(_url(effort), 302)]
    assert "reporting/report_detail.html" in [t.name for t in response.templates]
    html = _text(response)
    assert "ingediend" in html and "<form" not in html.split('id="inhoud"')[1].split("</main>")[0]
    assert "Budget krap." in html and "Extra budget?" in html
    assert "Inspanning zoals bij indienen" in html and "Tess Trekker" in html
    assert "1a" in html
    report = ProgressReport.objects.get()
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
    client.post(_url(effort), _post_data())
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


@pytest.mark.parametrize("action", ["save", "submit"])
def test_both_open_an_empty_period_and_the_second_save_is_a_conflict(
    client, effort, calendar, owner_user, staff_user, action
):
    """Two people open the same period without a report; the first save creates it; the
    second gets 409 with what the first saved, not an error and not an overwrite."""
    client.force_login(owner_user)
    assert client.get(_url(effort)).status_code == 200
    client.force_login(staff_user)
    assert client.get(_url(effort)).status_code == 200
    assert _counts() == (0, 0)
    client.force_login(owner_user)
    first = _post_data(planning_status="aandacht", planning_explanation="Van de trekker")
    assert client.post(_url(effort), first).status_code == 302
    client.force_login(staff_user)
    second = _post_data(planning_explanation="Van de staf", action=action)
    second["version"] = ""
    response = client.post(_url(effort), second)
    assert response.status_code == 409
    html = _text(response)
    assert "koers-conflict" in html
    assert "Van de trekker" in html and "Van de staf" in html
    assert "niets is bewaard tot u opslaat" not in html  # it is saved now: theirs
    report = ProgressReport.objects.get()
    assert (report.planning_explanation, report.version) == ("Van de trekker", 1)
    assert report.state == ReportState.DRAFT and report.history.count() == 1
    # saving again with the version now in the form replaces theirs, deliberately
    assert 'name="version" value="1"' in html
    second["version"] = "1"
    second["action"] = "save"
    assert client.post(_url(effort), second).status_code == 302
    report.refresh_from_db()
    assert (report.planning_explanation, report.version) == ("Van de staf", 2)


def test_created_and_submitted_meanwhile_shows_theirs_read_only(
    client, effort, calendar, owner_user, staff_user
):
    client.force_login(staff_user)
    client.get(_url(effort))
    _submitted(effort, calendar, owner_user, planning_explanation="Van de trekker")
    response = client.post(_url(effort), {**_post_data(planning_explanation="Van de staf")})
    assert response.status_code == 409
    assert "reporting/report_detail.html" in [t.name for t in response.templates]
    assert "Van de trekker" in _text(response)
    assert ProgressReport.objects.get().planning_explanation == "Van de trekker"


def test_created_at_the_same_moment_is_a_conflict_not_an_error(
    client, effort, calendar, owner_user, staff_user, monkeypatch
):
    """The other person's report arrives between this request's look-up and its write (the
    race the look-up cannot see): still 409 with theirs, no IntegrityError, no overwrite."""
    from koers.reporting import selectors

    period = calendar.period_starting(FIRST)
    real = selectors.report_get
    calls = {"n": 0}

    def report_get_then_theirs(*args, **kwargs):
        found = real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 1:  # the page resolved "no report": now the owner's save lands
            services.report_create(
                effort=effort, period=period, actor=owner_user, planning_explanation="Eerst"
            )
        return found

    monkeypatch.setattr(selectors, "report_get", report_get_then_theirs)
    client.force_login(staff_user)
    response = client.post(_url(effort), _post_data(planning_explanation="Tweede"))
    assert response.status_code == 409
    assert "Eerst" in _text(response) and "Tweede" in _text(response)
    assert ProgressReport.objects.get().planning_explanation == "Eerst"


def test_report_create_refuses_a_second_report(effort, calendar, owner_user, staff_user):
    period = calendar.period_starting(FIRST)
    mine = services.report_create(effort=effort, period=period, actor=owner_user)
    with pytest.raises(services.ConflictError) as caught:
        services.report_create(
            effort=effort, period=period, actor=staff_user, resultaten_status="goed"
        )
    assert caught.value.instance == mine
    assert ProgressReport.objects.count() == 1 and ProgressReport.history.count() == 1


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
    assert "Vooraf ingevuld" not in html


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
    before = _counts()
    unsaved = _count(client, _url(effort, date(2024, 2, 26)))
    assert unsaved == 12  # the same, and the previous report for the pre-fill
    assert _counts() == before  # and no draft made


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
