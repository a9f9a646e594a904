"""Walk every URL of Koers as every role and check the answer (deny by default).

The table below must name every URL pattern: a new page without an entry here fails
``test_every_url_pattern_is_walked``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from koers.decisions import proposals
from koers.decisions import services as decision_services
from koers.decisions.models import PendingChange
from koers.finance import services as finance_services
from koers.finance.spending import spending_create
from koers.intake import services as intake_services
from koers.monitoring import services as monitoring_services
from koers.monitoring.importing import batch_create
from koers.monitoring.periods import parse_period
from koers.partners import services as partner_services
from koers.portfolio import services as meeting_services
from koers.programmes import services
from koers.programmes.models import (
    Activity,
    GoalEffortLink,
    OperationalGoal,
    PartnerOrganisation,
    Person,
    ProgrammeRole,
    StrategicChoice,
    StrategicGoal,
)
from koers.public.services import publication_set
from koers.reporting import services as reporting_services
from koers.risks import services as risk_services
from koers.risks.constants import RiskKind

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "reader", "owner", "staff", "admin"]
ALL = set(ROLES) - {"anonymous"}
PROGRAMME_READERS = {"reader", "owner", "staff", "admin"}
EDITORS = {"staff", "admin"}


def _patterns(resolver=None, prefix="") -> list[str]:
    resolver = resolver or get_resolver()
    names = []
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            if p.namespace == "admin":
                names.append("admin:*")
                continue
            if p.namespace == "api":
                # The API has its own authentication (tokens), walked per role in tests/api.
                names.append("api:*")
                continue
            names += _patterns(p, prefix + ns)
        elif isinstance(p, URLPattern) and p.name:
            names.append(prefix + p.name)
    return names


def _intake_world(programme, admin_user, outsider_user):
    fields = {
        "initiator": "Stichting X",
        "origin": "extern",
        "origin_name": "Stichting X",
        "location": "Grotestraat",
        "description": "Iets nieuws",
        "expected_contribution": "Meer bezoekers",
    }
    initiative = intake_services.initiative_register(
        actor=admin_user, programme=programme, title="Pop-up galerie", **fields
    )
    own = intake_services.initiative_register(
        actor=outsider_user, programme=programme, title="Van de buitenstaander", **fields
    )
    aligned = intake_services.initiative_register(
        actor=admin_user, programme=programme, title="Festival", **fields
    )
    aligned = intake_services.initiative_assess(
        initiative=aligned,
        actor=admin_user,
        expected_version=1,
        outcome="afstemming",
        reasons="Afstemming volstaat.",
    )
    moment = intake_services.contact_moment_add(
        initiative=aligned, actor=admin_user, date=date(2024, 3, 1), description="Overleg"
    )
    return {"initiative": initiative, "own": own, "aligned": aligned, "moment": moment}


def _more_cases(w, s, base) -> list[tuple[str, str, set[str]]]:
    """The public monitor, the API, partners, intake, meetings and contributions."""
    everyone = set(ROLES)
    i, own, aligned, moment = (w["intake"][k] for k in ("initiative", "own", "aligned", "moment"))
    ib = f"{base}/initiatieven"
    mb = f"/portfolio/{s}/overleg"
    mt, held, point, action = w["meeting"], w["held"], w["point"], w["action"]
    hb = f"{mb}/{mt.pk}/{held.pk}"
    c = w["contribution"]
    return [
        ("api:*", "/api/v1/programmas", everyone),
        ("public:list", "/openbaar/", everyone),
        ("public:programme", f"/openbaar/{s}/", everyone),
        ("public:indicator", f"/openbaar/{s}/indicatoren/1a/", everyone),
        ("public:programme_data", f"/openbaar/{s}/data.csv", everyone),
        ("public:programme_data", f"/openbaar/{s}/data.json", everyone),
        ("public:indicator_data", f"/openbaar/{s}/indicatoren/1a.csv", everyone),
        ("public:indicator_data", f"/openbaar/{s}/indicatoren/1a.json", everyone),
        ("public:accessibility", "/toegankelijkheid", everyone),
        ("public:publication", f"{base}/publicatie", EDITORS),
        ("partners:overview", f"{base}/partners/", PROGRAMME_READERS),
        ("partners:contribution_create", f"{base}/partners/bijdragen/nieuw", EDITORS),
        ("partners:contribution_edit", f"{base}/partners/bijdragen/{c.pk}/bewerken", EDITORS),
        ("partners:contribution_delete", f"{base}/partners/bijdragen/{c.pk}/verwijderen", EDITORS),
        ("partners:interest_edit", f"{base}/partners/{w['partner'].pk}/belangen", EDITORS),
        ("intake:mine", "/programmas/initiatieven/", ALL),
        ("intake:register", "/programmas/initiatieven/nieuw", ALL),
        ("intake:register", f"/programmas/initiatieven/nieuw?programma={s}", ALL),
        ("intake:list", f"{ib}/", PROGRAMME_READERS),
        ("intake:detail", f"{ib}/{i.pk}/", PROGRAMME_READERS),
        ("intake:detail", f"{ib}/{own.pk}/", PROGRAMME_READERS | {"outsider"}),
        ("intake:assess", f"{ib}/{i.pk}/beoordelen", EDITORS),
        ("intake:to_effort", f"{ib}/{i.pk}/inspanning", EDITORS),
        ("intake:contact_add", f"{ib}/{aligned.pk}/contactmomenten/nieuw", EDITORS),
        (
            "intake:contact_delete",
            f"{ib}/{aligned.pk}/contactmomenten/{moment.pk}/verwijderen",
            EDITORS,
        ),
        ("portfolio:overview", "/portfolio/", ALL),
        ("portfolio:meetings", f"{mb}/", PROGRAMME_READERS),
        ("portfolio:meeting_create", f"{mb}/nieuw", EDITORS),
        ("portfolio:meeting", f"{mb}/{mt.pk}/", PROGRAMME_READERS),
        ("portfolio:meeting_edit", f"{mb}/{mt.pk}/bewerken", EDITORS),
        ("portfolio:meeting_delete", f"{mb}/{mt.pk}/verwijderen", EDITORS),
        ("portfolio:meeting_occurrence_create", f"{mb}/{mt.pk}/nieuw", EDITORS),
        ("portfolio:meeting_occurrence", f"{hb}/", PROGRAMME_READERS),
        ("portfolio:meeting_occurrence_edit", f"{hb}/bewerken", EDITORS),
        ("portfolio:meeting_occurrence_delete", f"{hb}/verwijderen", EDITORS),
        ("portfolio:meeting_agenda_add", f"{hb}/agenda/nieuw", EDITORS),
        ("portfolio:meeting_agenda_refresh", f"{hb}/agenda/vernieuwen", set()),
        ("portfolio:meeting_agenda_delete", f"{hb}/agenda/{point.pk}/verwijderen", EDITORS),
        ("portfolio:meeting_item_create", f"{hb}/punten/nieuw", EDITORS),
        ("portfolio:meeting_item_edit", f"{hb}/punten/{action.pk}/bewerken", EDITORS),
        ("portfolio:meeting_item_done", f"{mb}/punten/{action.pk}/gedaan", set()),
        ("programmes:cross_links", f"{base}/bijdragen/", PROGRAMME_READERS),
        (
            "programmes:cross_link_propose",
            f"{base}/inspanningen/{w['effort'].pk}/bijdragen/nieuw",
            EDITORS,
        ),
        # No cross-programme link in this world: unknown ones are 404 for everyone.
        ("programmes:cross_link_review", f"{base}/bijdragen/999999/beoordelen", set()),
        ("programmes:cross_link_remove", f"{base}/bijdragen/999999/verwijderen", set()),
        ("programmes:cross_link_withdraw", f"{base}/bijdragen/999999/intrekken", set()),
    ]


@pytest.fixture
def world(programme, admin_user, owner_user, staff_user, outsider_user):
    """One of every DIN element in the fixture programme."""
    goal = OperationalGoal.objects.get(code="1a")
    effort = programme.efforts.get(name="Evenementen")
    other = services.effort_create(actor=admin_user, programme=programme, name="Ander werk")
    link = services.goal_effort_link_create(operational_goal=goal, effort=effort, actor=admin_user)
    activity = services.object_create(
        Activity, actor=admin_user, effort=effort, year=2024, description="Braderie"
    )
    other_activity = services.object_create(
        Activity, actor=admin_user, effort=other, year=2024, description="Iets anders"
    )
    choice = services.object_create(
        StrategicChoice, actor=admin_user, programme=programme, title="We kiezen"
    )
    role = services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind="programmamanager"
    )
    hours = services.role_hours_set(role=role, year=2024, planned_hours=1200, actor=admin_user)
    partner = services.object_create(PartnerOrganisation, actor=admin_user, name="Kennispunt")
    person = Person.objects.get(name="Tess Trekker")
    measurement = monitoring_services.measurement_create(
        actor=admin_user,
        indicator=goal.indicator,
        period=parse_period("2019"),
        value=Decimal("95000"),
    )
    batch = batch_create(
        upload=SimpleUploadedFile(
            "metingen.csv",
            b"programma;indicator;periode;waarde\ntest-programma;1a;2020;96000\n",
        ),
        actor=staff_user,
        only_valid=False,
    )
    calendar = reporting_services.calendar_set(
        programme=programme,
        actor=admin_user,
        frequency="tweewekelijks",
        start_date=date(2024, 1, 1),
    )
    reporting_services.effort_reporting_set(effort=effort, reports=True, actor=admin_user)
    report = reporting_services.report_open(
        effort=effort, period=calendar.period_starting(date(2024, 1, 1)), actor=admin_user
    )
    source = finance_services.source_create(actor=admin_user, programme=programme, name="Bron")
    availability = finance_services.availability_create(
        actor=admin_user, source=source, year=2024, amount=Decimal("1000")
    )
    line = finance_services.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2024,
        amount=Decimal("500"),
        effort=effort,
    )
    risk = risk_services.risk_create(
        actor=admin_user, programme=programme, title="Weerstand", kind=RiskKind.EFFORTS
    )
    decision = decision_services.decision_create(
        actor=admin_user, programme=programme, date=date(2024, 1, 15), title="Collegebesluit"
    )
    proposal = proposals.proposal_create(actor=admin_user, programme=programme, title="Voorstel")
    # A pending change as the services write one (the walk only reads the page and posts).
    pending = PendingChange.objects.create(
        proposal=proposal,
        operation="programmes.inspanning:delete",
        target_model="programmes.effort",
        target_id=other.pk,
        described=[{"kind": "inspanning_verwijderd", "subject": "Ander werk"}],
        reason="Klaar",
    )
    publication_set(
        programme=programme,
        actor=admin_user,
        expected_version=0,
        published=True,
        indicators={goal.indicator.pk: True},
    )
    contribution = partner_services.contribution_create(
        actor=admin_user,
        partner=partner,
        effort=effort,
        year=2024,
        kind="geld",
        committed_amount=Decimal("100"),
    )
    meeting = meeting_services.meeting_create(
        actor=admin_user,
        programme=programme,
        kind="opdrachtgeversoverleg",
        title="Overleg",
        cadence="tweewekelijks",
    )
    held = meeting_services.occurrence_create(
        actor=admin_user, meeting=meeting, date=date(2024, 5, 1), with_digest=False
    )
    return {
        "intake": _intake_world(programme, admin_user, outsider_user),
        "contribution": contribution,
        "meeting": meeting,
        "held": held,
        "point": meeting_services.agenda_item_add(
            actor=admin_user, occurrence=held, title="Rondvraag"
        ),
        "action": meeting_services.meeting_item_create(
            actor=admin_user, occurrence=held, kind="actie", text="Bellen"
        ),
        "risk": risk,
        "decision": decision,
        "proposal": proposal,
        "pending": pending,
        "finance": {
            "source": source,
            "availability": availability,
            "line": line,
            "spending": spending_create(
                actor=admin_user,
                budget_line=line,
                kind="uitgave",
                date=date(2024, 2, 1),
                amount=Decimal("100"),
            ),
        },
        "report": report,
        "measurement": measurement,
        "batch": batch,
        "p": programme,
        "sg": StrategicGoal.objects.get(code="1"),
        "goal": goal,
        "effort": effort,
        "other": other,
        "link": link,
        "activity": activity,
        "other_activity": other_activity,
        "choice": choice,
        "role": role,
        "hours": hours,
        "track": programme.tracks.get(),
        "partner": partner,
        "person": person,
    }


def _cases(w) -> list[tuple[str, str, set[str]]]:
    """(pattern name, url, roles that get 200)."""
    s = w["p"].slug
    base = f"/programmas/{s}"
    cases = [
        ("programmes:list", "/programmas/", ALL),
        ("home", "/", set()),  # redirect for everyone
        ("programmes:create", "/programmas/nieuw", EDITORS),
        ("programmes:people", "/programmas/personen/", EDITORS),
        ("programmes:partners", "/programmas/organisaties/", EDITORS),
        ("programmes:personen_create", "/programmas/personen/nieuw", EDITORS),
        ("programmes:personen_edit", f"/programmas/personen/{w['person'].pk}/bewerken", EDITORS),
        (
            "programmes:personen_delete",
            f"/programmas/personen/{w['person'].pk}/verwijderen",
            EDITORS,
        ),
        ("programmes:organisaties_create", "/programmas/organisaties/nieuw", EDITORS),
        (
            "programmes:organisaties_edit",
            f"/programmas/organisaties/{w['partner'].pk}/bewerken",
            EDITORS,
        ),
        (
            "programmes:organisaties_delete",
            f"/programmas/organisaties/{w['partner'].pk}/verwijderen",
            EDITORS,
        ),
        ("programmes:detail", f"{base}/", PROGRAMME_READERS),
        ("programmes:edit", f"{base}/bewerken", EDITORS),
        ("programmes:delete", f"{base}/verwijderen", {"admin"}),
        ("programmes:history", f"{base}/geschiedenis", PROGRAMME_READERS),
        ("programmes:export_json", f"{base}/export.json", PROGRAMME_READERS),
        ("programmes:access", f"{base}/toegang", {"admin"}),
        ("programmes:access_revoke", f"{base}/toegang/1/intrekken", set()),  # POST only
        ("programmes:strategic_goal", f"{base}/strategische-doelen/1/", PROGRAMME_READERS),
        ("programmes:goal", f"{base}/doelen/1a/", PROGRAMME_READERS),
        ("programmes:effort", f"{base}/inspanningen/{w['effort'].pk}/", PROGRAMME_READERS),
        ("programmes:effort", f"{base}/inspanningen/{w['other'].pk}/", PROGRAMME_READERS),
        ("accounts:login", "/account/inloggen", {"anonymous"}),
        ("accounts:logout", "/account/uitloggen", set()),  # POST only
        ("admin:*", "/beheer/", {"admin"}),  # administration: functional administrators only
        # the monitor
        ("monitoring:dashboard", f"{base}/monitor/", PROGRAMME_READERS),
        ("monitoring:dashboard", f"{base}/monitor/?op=2020-06-30", PROGRAMME_READERS),
        ("monitoring:goal", f"{base}/monitor/1a/", PROGRAMME_READERS),
        ("monitoring:goal", f"{base}/monitor/1b/", PROGRAMME_READERS),
        ("monitoring:chart", f"{base}/monitor/1a/grafiek.svg", PROGRAMME_READERS),
        ("monitoring:measurements_csv", f"{base}/monitor/metingen.csv", PROGRAMME_READERS),
        ("monitoring:measurement_create", f"{base}/monitor/1a/metingen/nieuw", EDITORS),
        ("monitoring:measurement_create", f"{base}/monitor/1b/metingen/nieuw", set()),  # 404
        (
            "monitoring:measurement_edit",
            f"{base}/monitor/1a/metingen/{w['measurement'].pk}/bewerken",
            EDITORS,
        ),
        (
            "monitoring:measurement_delete",
            f"{base}/monitor/1a/metingen/{w['measurement'].pk}/verwijderen",
            EDITORS,
        ),
        ("monitoring:judgement", f"{base}/monitor/1b/oordeel", EDITORS),
        ("monitoring:import", "/programmas/metingen/importeren", EDITORS),
        # the preview of an upload: its uploader (here staff) and the functional administrator
        ("monitoring:import_preview", f"/programmas/metingen/importeren/{w['batch'].pk}", EDITORS),
        ("monitoring:import_template", "/programmas/metingen/sjabloon.csv", ALL),
        # progress reports
        ("reporting:mine", "/programmas/rapportages/mijn", ALL),
        ("reporting:overview", f"{base}/rapportages/", PROGRAMME_READERS),
        ("reporting:calendar", f"{base}/rapportages/kalender", EDITORS),
        (
            "reporting:effort_reports",
            f"{base}/rapportages/inspanning/{w['effort'].pk}/",
            PROGRAMME_READERS,
        ),
        ("reporting:report", f"{base}/rapportages/{w['effort'].pk}/2024-01-01/", PROGRAMME_READERS),
        ("reporting:report", f"{base}/rapportages/{w['effort'].pk}/2024-01-02/", set()),  # 404
        (
            "reporting:review",
            f"{base}/rapportages/{w['effort'].pk}/2024-01-01/beoordelen",
            set(),  # POST only
        ),
        (
            "reporting:report_history",
            f"{base}/rapportages/{w['effort'].pk}/2024-01-01/geschiedenis",
            PROGRAMME_READERS,
        ),
        ("reporting:digest", f"{base}/overleg/", PROGRAMME_READERS),
        # the budget
        ("finance:budget", f"{base}/middelen/", PROGRAMME_READERS),
        ("finance:spending", f"{base}/middelen/uitgaven", PROGRAMME_READERS),
        ("finance:spending_upload", f"{base}/middelen/uitgaven/inlezen", EDITORS),
        ("finance:spending_template", f"{base}/middelen/uitgaven/sjabloon.csv", PROGRAMME_READERS),
        ("finance:transfer", f"{base}/middelen/verschuiven", EDITORS),
        # the risk register
        ("risks:register", f"{base}/risicos/", PROGRAMME_READERS),
        ("risks:register", f"{base}/risicos/?status=open", PROGRAMME_READERS),
        ("risks:detail", f"{base}/risicos/{w['risk'].pk}/", PROGRAMME_READERS),
        ("risks:create", f"{base}/risicos/nieuw", EDITORS),
        ("risks:edit", f"{base}/risicos/{w['risk'].pk}/bewerken", EDITORS),
        ("risks:delete", f"{base}/risicos/{w['risk'].pk}/verwijderen", EDITORS),
        (
            "risks:paragraph",
            f"{base}/inspanningen/{w['effort'].pk}/risicoparagraaf",
            EDITORS | {"owner"},
        ),
        ("risks:paragraph", f"{base}/inspanningen/{w['other'].pk}/risicoparagraaf", EDITORS),
        ("decisions:register", f"{base}/besluiten/", PROGRAMME_READERS),
        ("din:check", f"{base}/kwaliteit/", PROGRAMME_READERS),
        ("documents:document_list", f"{base}/documenten/", PROGRAMME_READERS),
        ("documents:xlsx_export", f"{base}/export.xlsx", PROGRAMME_READERS),
        ("documents:xlsx_import", "/programmas/nieuw/excel", EDITORS),
        ("documents:xlsx_template", "/programmas/nieuw/excel/sjabloon.xlsx", EDITORS),
        (
            "documents:document_contract",
            f"{base}/documenten/programmacontract.docx",
            PROGRAMME_READERS,
        ),
        ("documents:document_progress", f"{base}/documenten/voortgang.docx", PROGRAMME_READERS),
        (
            "documents:document_progress_period",
            f"{base}/documenten/voortgang-2024-01-01.docx",
            PROGRAMME_READERS,
        ),
        ("din:diagram", f"{base}/din/", PROGRAMME_READERS),
        ("din:diagram", f"{base}/din/?spoor=geen&activiteiten=1", PROGRAMME_READERS),
        ("din:diagram_export", f"{base}/din.svg", PROGRAMME_READERS),
        ("din:diagram_export", f"{base}/din.png", PROGRAMME_READERS),
        ("din:diagram_export", f"{base}/din.pdf", PROGRAMME_READERS),
        ("decisions:detail", f"{base}/besluiten/{w['decision'].pk}/", PROGRAMME_READERS),
        ("decisions:create", f"{base}/besluiten/nieuw", EDITORS),
        ("decisions:edit", f"{base}/besluiten/{w['decision'].pk}/bewerken", EDITORS),
        (
            "decisions:delete",
            f"{base}/besluiten/{w['decision'].pk}/verwijderen",
            EDITORS,
        ),
        ("monitoring:import_template", "/programmas/metingen/sjabloon.xlsx", ALL),
        (
            "decisions:proposal",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/",
            PROGRAMME_READERS,
        ),
        ("decisions:proposal_create", f"{base}/besluiten/voorstellen/nieuw", EDITORS),
        (
            "decisions:proposal_edit",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/bewerken",
            EDITORS,
        ),
        (
            "decisions:proposal_delete",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/verwijderen",
            EDITORS,
        ),
        (
            "decisions:proposal_decide",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/besluit",
            EDITORS,
        ),
        (
            "decisions:proposal_reject",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/afwijzen",
            EDITORS,
        ),
        (
            "decisions:pending_statement",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/wijzigingen/{w['pending'].pk}/tekst",
            set(),  # POST only
        ),
        (
            "documents:proposal_pdf",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/document.pdf",
            PROGRAMME_READERS,
        ),
        (
            "documents:proposal_docx",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/document.docx",
            PROGRAMME_READERS,
        ),
        (
            "archive:package",
            f"{base}/documenten/archiefpakket.zip",
            set(),  # POST only, for a functional administrator on a closed programme
        ),
        (
            "decisions:pending_withdraw",
            f"{base}/besluiten/voorstellen/{w['proposal'].pk}/wijzigingen/{w['pending'].pk}/intrekken",
            set(),  # POST only
        ),
    ]
    elements = {
        "keuze": w["choice"],
        "strategisch-doel": w["sg"],
        "doel": w["goal"],
        "spoor": w["track"],
        "inspanning": w["effort"],
        "koppeling": w["link"],
        "activiteit": w["activity"],
        "rol": w["role"],
        "uren": w["hours"],
    }
    for kind, obj in elements.items():
        create_roles = EDITORS
        edit_roles = EDITORS | ({"owner"} if kind in ("inspanning", "activiteit") else set())
        delete_roles = EDITORS | ({"owner"} if kind == "activiteit" else set())
        cases += [
            ("programmes:element_create", f"{base}/{kind}/nieuw", create_roles),
            ("programmes:element_edit", f"{base}/{kind}/{obj.pk}/bewerken", edit_roles),
            ("programmes:element_delete", f"{base}/{kind}/{obj.pk}/verwijderen", delete_roles),
        ]
    for kind, segment in (
        ("source", "bronnen"),
        ("availability", "beschikbaar"),
        ("line", "regels"),
        ("spending", "uitgaven"),
    ):
        obj = w["finance"][kind]
        cases += [
            (f"finance:{kind}_create", f"{base}/middelen/{segment}/nieuw", EDITORS),
            (f"finance:{kind}_edit", f"{base}/middelen/{segment}/{obj.pk}/bewerken", EDITORS),
            (f"finance:{kind}_delete", f"{base}/middelen/{segment}/{obj.pk}/verwijderen", EDITORS),
        ]
    effort, other = w["effort"], w["other"]
    cases += [
        # an owner may add activities to their own effort, not to another
        (
            "programmes:element_create",
            f"{base}/activiteit/nieuw?inspanning={effort.pk}",
            EDITORS | {"owner"},
        ),
        ("programmes:element_create", f"{base}/activiteit/nieuw?inspanning={other.pk}", EDITORS),
        ("programmes:element_edit", f"{base}/inspanning/{other.pk}/bewerken", EDITORS),
        (
            "programmes:element_edit",
            f"{base}/activiteit/{w['other_activity'].pk}/bewerken",
            EDITORS,
        ),
        ("programmes:element_create", f"{base}/koppeling/nieuw?doel=1a", EDITORS),
        ("programmes:element_create", f"{base}/koppeling/nieuw?inspanning={effort.pk}", EDITORS),
        # archiving and restoring change the DIN: staff only, not an effort's owner
        ("programmes:element_archive", f"{base}/inspanning/{effort.pk}/archiveren", EDITORS),
        ("programmes:element_restore", f"{base}/doel/{w['goal'].pk}/terugzetten", EDITORS),
    ]
    return cases + _more_cases(w, s, base)


@pytest.fixture
def users(admin_user, staff_user, reader_user, owner_user, outsider_user):
    return {
        "anonymous": None,
        "outsider": outsider_user,
        "reader": reader_user,
        "owner": owner_user,
        "staff": staff_user,
        "admin": admin_user,
    }


def test_every_url_pattern_is_walked(world):
    walked = {name for name, _url, _roles in _cases(world)}
    missing = set(_patterns()) - walked
    assert not missing, f"URL patterns without a permission case: {sorted(missing)}"


@pytest.mark.parametrize("role", ROLES)
def test_walk_every_url(client, world, users, role):
    user = users[role]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, url, allowed in _cases(world):
        response = client.get(url)
        code = response.status_code
        if role in allowed:
            ok = code == 200
        elif role == "anonymous":
            ok = code in (302, 405) and (
                code == 405 or "/account/inloggen" in response["Location"] or name == "admin:*"
            )
        else:
            ok = code in (302, 403, 404, 405) and code != 200
            if code == 302 and name not in ("home", "accounts:login", "admin:*"):
                ok = False
        if not ok:
            failures.append(f"{role} GET {url} ({name}) → {code}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("role", ["outsider", "reader", "owner"])
def test_forbidden_posts_change_nothing(client, world, users, role):
    client.force_login(users[role])
    base = f"/programmas/{world['p'].slug}"
    sg = world["sg"]
    before = (StrategicGoal.objects.count(), GoalEffortLink.objects.count(), sg.text)
    posts = [
        (f"{base}/strategisch-doel/{sg.pk}/bewerken", {"code": "1", "text": "Gekaapt", "order": 1}),
        (f"{base}/koppeling/{world['link'].pk}/verwijderen", {}),
        (f"{base}/strategisch-doel/nieuw", {"code": "9", "text": "Nieuw", "order": 1}),
        (f"{base}/verwijderen", {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    sg.refresh_from_db()
    after = (StrategicGoal.objects.count(), GoalEffortLink.objects.count(), sg.text)
    assert before == after


def test_anonymous_user_has_no_permissions(world):
    anon = AnonymousUser()
    assert not anon.has_perm("programmes.view_programme", world["p"])
    assert not anon.has_perm("programmes.change_effort", world["effort"])
