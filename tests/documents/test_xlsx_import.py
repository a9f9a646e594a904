"""A new programme from an Excel workbook: the round trip of an export, and a corpus of bad
workbooks, each refused with its sheet, row and column and with nothing written."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from openpyxl import Workbook, load_workbook

from koers.documents.xlsx import (
    SHEETS,
    SheetProblem,
    XlsxImportRefused,
    check_workbook,
    import_workbook,
    programme_xlsx,
    template_workbook,
)
from koers.finance import services as finance
from koers.finance.models import BudgetLine, SourceAvailability
from koers.programmes import services
from koers.programmes.constants import RoleKind
from koers.programmes.exchange import programme_to_dict
from koers.programmes.models import Activity, PartnerOrganisation, Person, Programme, ProgrammeRole

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------------


def to_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def reopen(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def set_programme_field(workbook: Workbook, header: str, value) -> None:
    ws = workbook["Programma"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == header:
            row[1].value = value
            return
    raise AssertionError(header)


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models()}


def valid_workbook() -> Workbook:
    """The template filled in with a small but complete programme."""
    wb = template_workbook()
    for header, value in {
        "korte naam": "uit-excel",
        "naam": "Programma uit Excel",
        "gemeente": "Almelo",
        "begin looptijd": date(2024, 1, 1),
        "einde looptijd": "31-12-2027",
        "status": "concept",
    }.items():
        set_programme_field(wb, header, value)
    wb["Strategische keuzes"].append([1, "We kiezen voor de binnenstad", "Tekst", None])
    wb["Strategische doelen"].append([1, None, "Meer bezoekers", 1, None])  # code typed as number
    ops = wb["Operationele doelen"]
    ops.append(
        ["1a", "1", "Meer bezoekers per week", "meetbaar", 1, None, "Bezoekers per week"]
        + ["bezoekers", 93000, date(2023, 12, 31), "jaar", "toename", "7.000", date(2027, 12, 31)]
        + ["jaar", "Binnenstadsmonitor", "jaar", None, None]
    )
    ops.append(["1b", "1", "Bezoekers voelen zich welkom", "Kwalitatief", 2])
    wb["Sporen"].append(["Compacter centrum", None, 1, 2024, 2027, None])
    efforts = wb["Inspanningen"]
    efforts.append(
        ["Evenementen", "Compacter centrum", "Evenementen organiseren", "Tess Trekker"]
        + ["tess@example.org", "regisseur", "Ondernemersvereniging", date(2024, 1, 1), None]
        + ["uitvoering", 1, None]
    )
    efforts.append(["Gevelfonds", None, None, None, None, None, None, None, None, "gepland", 2])
    wb["Activiteiten"].append(["Evenementen", 2024, 1, "Kalender opstellen"])
    wb["Koppelingen"].append(["1a", "Evenementen", "meer bezoekers"])
    roles = wb["Rollen"]
    roles.append(
        ["programmamanager", "programmamanager", "Tess Trekker", "tess@example.org"]
        + [3, None, 2024, 1200, None]
    )
    roles.append(
        ["programmamanager", "programmamanager", "Tess Trekker", "tess@example.org"]
        + [3, None, 2025, "1.100,5", 900]
    )
    wb["Personen"].append(
        ["Tess Trekker", "projectleider", "tess@example.org", "Ondernemersvereniging", None]
    )
    wb["Partnerorganisaties"].append(["Ondernemersvereniging", "ondernemers", None, None])
    wb["Bronnen"].append(["Programmageld", None, 1, None])
    wb["Bronnen"].append(["Subsidie", None, 2, None])
    wb["Beschikbaar"].append(["Programmageld", 2024, Decimal("100000"), None])
    wb["Beschikbaar"].append(["Subsidie", 2024, "25.000,50", None])
    wb["Begroting"].append(["Programmageld", 2024, "Evenementen", None, Decimal("60000.50"), None])
    wb["Begroting"].append(["programmageld", 2024, None, "Organisatie", 39999.5, None])
    wb["Begroting"].append(["Subsidie", 2025, "Gevelfonds", None, 25000, "toegezegd"])
    return wb


def refused(data: bytes) -> list[SheetProblem]:
    """Check and import ``data``; both refuse it and nothing is written."""
    check = check_workbook(data, file_name="slecht.xlsx")
    assert not check.is_valid
    before = row_counts()
    with pytest.raises(XlsxImportRefused) as exc:
        import_workbook(data, actor=None, file_name="slecht.xlsx")
    assert row_counts() == before
    assert [str(p) for p in exc.value.check.problems] == [str(p) for p in check.problems]
    return check.problems


# --- the valid workbook -------------------------------------------------------------------------


def test_valid_workbook_is_imported_completely(admin_user):
    data = to_bytes(valid_workbook())
    check = check_workbook(data, file_name="goed.xlsx")
    assert check.problems == []
    assert [n for _label, n in check.counts()][:5] == [1, 2, 1, 1, 2]
    assert check.budget_per_source() == [
        {
            "name": "Programmageld",
            "available": Decimal("100000"),
            "allocated": Decimal("100000.00"),
        },
        {"name": "Subsidie", "available": Decimal("25000.50"), "allocated": Decimal("25000")},
    ]
    programme, _check = import_workbook(data, actor=admin_user, file_name="goed.xlsx")
    assert programme.slug == "uit-excel"
    assert programme.period_end == date(2027, 12, 31)
    goal = programme.operational_goals.get(code="1a")
    assert goal.indicator.baseline_value == Decimal("93000")
    assert goal.indicator.target_value == Decimal("7000")
    assert goal.strategic_goal.code == "1"
    assert programme.operational_goals.get(code="1b").kind == "kwalitatief"
    effort = programme.efforts.get(name="Evenementen")
    assert effort.owner.email == "tess@example.org"
    assert [p.name for p in effort.partners.all()] == ["Ondernemersvereniging"]
    assert Activity.objects.get(effort=effort).description == "Kalender opstellen"
    assert effort.links.get().operational_goal == goal
    role = ProgrammeRole.objects.get(programme=programme)
    assert [(h.year, h.planned_hours, h.realised_hours) for h in role.hours.order_by("year")] == [
        (2024, Decimal("1200"), None),
        (2025, Decimal("1100.5"), Decimal("900")),
    ]
    lines = BudgetLine.objects.filter(programme=programme)
    assert sum(line.amount for line in lines) == Decimal("125000.00")
    assert lines.get(item="Organisatie").amount == Decimal("39999.50")
    assert SourceAvailability.objects.filter(source__programme=programme).count() == 2


def test_template_itself_reports_the_missing_programme_fields():
    problems = refused(to_bytes(template_workbook()))
    assert {(p.sheet, p.column) for p in problems} >= {("Programma", "korte naam")}
    assert all(p.sheet == "Programma" for p in problems)


# --- round trip ---------------------------------------------------------------------------------


@pytest.fixture
def full_programme(programme, admin_user):
    """The shared test programme with everything the workbook holds."""
    partner = services.object_create(
        PartnerOrganisation, actor=admin_user, name="Ondernemersvereniging", kind="ondernemers"
    )
    person = services.object_create(
        Person, actor=admin_user, name="Tess", email="tess@example.org", organisation=partner
    )
    effort = programme.efforts.get(name="Evenementen")
    services.object_update(
        effort, actor=admin_user, expected_version=None, owner=person, start_date=date(2019, 2, 1)
    )
    effort.partners.add(partner)
    services.object_create(Activity, actor=admin_user, effort=effort, year=2019, description="A")
    second = services.effort_create(actor=admin_user, programme=programme, name="Gevels")
    goal = programme.operational_goals.get(code="1a")
    services.goal_effort_link_create(
        actor=admin_user, operational_goal=goal, effort=effort, contribution="meer"
    )
    services.goal_effort_link_create(actor=admin_user, operational_goal=goal, effort=second)
    role = services.object_create(
        ProgrammeRole,
        actor=admin_user,
        programme=programme,
        kind=RoleKind.PROGRAMME_MANAGER,
        person=person,
    )
    services.role_hours_set(role=role, actor=admin_user, year=2019, planned_hours=Decimal("1200"))
    services.role_hours_set(role=role, actor=admin_user, year=2020, planned_hours=Decimal("7.5"))
    services.object_create(
        ProgrammeRole, actor=admin_user, programme=programme, kind=RoleKind.ADVISER
    )
    source = finance.source_create(actor=admin_user, programme=programme, name="Programmageld")
    finance.availability_create(
        actor=admin_user, source=source, year=2019, amount=Decimal("100000")
    )
    for year, amount in ((2019, "60000.50"), (2020, "12.34")):
        finance.budget_line_create(
            actor=admin_user,
            programme=programme,
            source=source,
            year=year,
            amount=Decimal(amount),
            effort=effort,
        )
    finance.budget_line_create(
        actor=admin_user,
        programme=programme,
        source=source,
        year=2019,
        amount=Decimal("45000"),
        item="Organisatie",
    )
    return programme


def _budget(programme: Programme) -> list[tuple]:
    return sorted(
        (line.source.name, line.year, line.label, line.amount, line.note)
        for line in BudgetLine.objects.filter(programme=programme).select_related(
            "source", "effort"
        )
    )


def _round_trip(programme: Programme, actor) -> Programme:
    workbook = reopen(programme_xlsx(programme))
    set_programme_field(workbook, "korte naam", programme.slug + "-kopie")
    copy, check = import_workbook(to_bytes(workbook), actor=actor, file_name="kopie.xlsx")
    original, copied = programme_to_dict(programme), programme_to_dict(copy)
    copied["programma"]["slug"] = programme.slug
    assert copied == original
    assert _budget(copy) == _budget(programme)
    assert [
        (a.source.name, a.year, a.amount)
        for a in SourceAvailability.objects.filter(source__programme=copy).order_by(
            "year", "source__name"
        )
    ] == [
        (a.source.name, a.year, a.amount)
        for a in SourceAvailability.objects.filter(source__programme=programme).order_by(
            "year", "source__name"
        )
    ]
    return copy


def test_round_trip_of_a_full_programme(full_programme, admin_user):
    copy = _round_trip(full_programme, admin_user)
    assert copy.efforts.count() == 2
    assert sum(line.amount for line in copy.budget_lines.all()) == Decimal("105012.84")


def test_round_trip_keeps_text_that_starts_like_a_formula(full_programme, admin_user):
    """Such text is written as quote-prefixed text cells (koers.spreadsheet), never as live
    formulas, and reads back exactly, also where it is a name other sheets refer to."""
    from koers.programmes.models import Effort

    Programme.objects.filter(pk=full_programme.pk).update(
        mission='=HYPERLINK("http://x")', vision="@SUM(A1)"
    )
    Effort.objects.filter(programme=full_programme, name="Gevels").update(name="-5 stuks")
    PartnerOrganisation.objects.filter(name="Ondernemersvereniging").update(name="+31 ondernemers")
    full_programme.refresh_from_db()
    workbook = reopen(programme_xlsx(full_programme))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {c.value for c in cells if c.quotePrefix} >= {
        '=HYPERLINK("http://x")',
        "@SUM(A1)",
        "-5 stuks",
        "+31 ondernemers",
    }
    copy = _round_trip(full_programme, admin_user)
    assert copy.mission == '=HYPERLINK("http://x")' and copy.vision == "@SUM(A1)"
    assert copy.efforts.filter(name="-5 stuks").exists()


def test_round_trip_of_the_demo_programmes(admin_user):
    call_command("demo", "--no-users", verbosity=0)
    for programme in list(Programme.objects.order_by("slug")):
        _round_trip(programme, admin_user)


# --- the corpus of bad workbooks ----------------------------------------------------------------


def _sheet(wb: Workbook, title: str):
    return wb[title]


def _column(wb: Workbook, title: str, header: str) -> str:
    for cell in wb[title][1]:
        if cell.value == header:
            return cell.column_letter
    raise AssertionError(header)


def missing_sheet(wb):
    wb.remove(wb["Sporen"])
    return ("Sporen", None, None), "Sporen"


def missing_column(wb):
    wb["Inspanningen"]["A1"].value = None
    return ("Inspanningen", 1, None), "naam"


def unknown_column(wb):
    wb["Sporen"]["H1"].value = "kleur"
    return ("Sporen", 1, "H"), "kleur"


def unknown_goal_in_link(wb):
    wb["Koppelingen"]["A2"].value = "9z"
    return ("Koppelingen", 2, "A"), "9z"


def bad_date(wb):
    cell = _column(wb, "Inspanningen", "start")
    wb["Inspanningen"][f"{cell}2"].value = "31-02-2024"
    return ("Inspanningen", 2, cell), "31-02-2024"


def bad_number(wb):
    cell = _column(wb, "Operationele doelen", "nulmeting")
    wb["Operationele doelen"][f"{cell}2"].value = "veel"
    return ("Operationele doelen", 2, cell), "veel"


def bad_whole_number(wb):
    wb["Sporen"]["D2"].value = "2024,5"
    return ("Sporen", 2, "D"), "2024,5"


def duplicate_code(wb):
    wb["Strategische doelen"].append(["1", None, "Nog een doel", 2, None])
    return ("Strategische doelen", 3, "A"), "2"  # "also in row 2"


def unknown_track(wb):
    wb["Inspanningen"]["B2"].value = "Onbekend spoor"
    return ("Inspanningen", 2, "B"), "Onbekend spoor"


def unknown_strategic_goal(wb):
    wb["Operationele doelen"]["B3"].value = "7"
    return ("Operationele doelen", 3, "B"), "7"


def bad_choice(wb):
    cell = _column(wb, "Inspanningen", "status")
    wb["Inspanningen"][f"{cell}3"].value = "bezig"
    return ("Inspanningen", 3, cell), "bezig"


def measurable_goal_without_indicator(wb):
    wb["Operationele doelen"]["D3"].value = "meetbaar"
    return ("Operationele doelen", 3, "G"), "indicator"


def target_before_baseline(wb):
    cell = _column(wb, "Operationele doelen", "streefdatum")
    wb["Operationele doelen"][f"{cell}2"].value = date(2020, 1, 1)
    return ("Operationele doelen", 2, cell), ""


def unknown_person(wb):
    wb["Inspanningen"]["E2"].value = "iemand@example.org"
    return ("Inspanningen", 2, "D"), "iemand@example.org"


def activity_of_unknown_effort(wb):
    wb["Activiteiten"]["A2"].value = "Bestaat niet"
    return ("Activiteiten", 2, "A"), "Bestaat niet"


def budget_for_unknown_effort(wb):
    wb["Begroting"]["C2"].value = "Bestaat niet"
    return ("Begroting", 2, "C"), "Bestaat niet"


def budget_for_unknown_source(wb):
    wb["Begroting"]["A4"].value = "Onbekende bron"
    return ("Begroting", 4, "A"), "Onbekende bron"


def budget_effort_and_item(wb):
    wb["Begroting"]["D2"].value = "Organisatie"
    return ("Begroting", 2, "D"), ""


def budget_amount_with_three_decimals(wb):
    wb["Begroting"]["E3"].value = "10,125"
    return ("Begroting", 3, "E"), ""


def budget_amount_not_a_number(wb):
    wb["Begroting"]["E3"].value = "tien euro"
    return ("Begroting", 3, "E"), "tien euro"


def budget_line_twice(wb):
    wb["Begroting"].append(["Subsidie", 2025, "Gevelfonds", None, 1, None])
    return ("Begroting", 5, "C"), "4"


def availability_year_out_of_range(wb):
    wb["Beschikbaar"]["B2"].value = 1999
    return ("Beschikbaar", 2, "B"), ""


def duplicate_source(wb):
    wb["Bronnen"]["A3"].value = "PROGRAMMAGELD"
    return ("Bronnen", 3, "A"), "PROGRAMMAGELD"


def programme_field_missing(wb):
    ws = wb["Programma"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "naam":
            row[0].value = None
            row[1].value = None
    return ("Programma", None, "A"), "naam"


def programme_unknown_field(wb):
    wb["Programma"].append(["budgethouder", "Jan"])
    return ("Programma", 14, "A"), "budgethouder"


def programme_bad_slug(wb):
    set_programme_field(wb, "korte naam", "met spaties")
    return ("Programma", 2, "B"), ""


def programme_end_before_start(wb):
    set_programme_field(wb, "einde looptijd", date(2020, 1, 1))
    return ("Programma", 6, "B"), ""


CORPUS = [
    missing_sheet,
    missing_column,
    unknown_column,
    unknown_goal_in_link,
    bad_date,
    bad_number,
    bad_whole_number,
    duplicate_code,
    unknown_track,
    unknown_strategic_goal,
    bad_choice,
    measurable_goal_without_indicator,
    target_before_baseline,
    unknown_person,
    activity_of_unknown_effort,
    budget_for_unknown_effort,
    budget_for_unknown_source,
    budget_effort_and_item,
    budget_amount_with_three_decimals,
    budget_amount_not_a_number,
    budget_line_twice,
    availability_year_out_of_range,
    duplicate_source,
    programme_field_missing,
    programme_unknown_field,
    programme_bad_slug,
    programme_end_before_start,
]


@pytest.mark.parametrize("spoil", CORPUS, ids=[f.__name__ for f in CORPUS])
def test_bad_workbook_is_refused_at_its_cell(spoil):
    wb = valid_workbook()
    (sheet, row, letter), fragment = spoil(wb)
    problems = refused(to_bytes(wb))
    places = [(p.sheet, p.row, p.letter) for p in problems]
    assert (sheet, row, letter) in places, [str(p) for p in problems]
    problem = problems[places.index((sheet, row, letter))]
    assert fragment in str(problem)
    assert problem.message and not problem.message[0].islower()
    # the message names its place
    assert sheet in str(problem)
    if row is not None:
        assert str(row) in str(problem)


def test_every_problem_is_reported_at_once():
    wb = valid_workbook()
    for spoil in (unknown_goal_in_link, bad_date, budget_for_unknown_effort, duplicate_source):
        spoil(wb)
    problems = refused(to_bytes(wb))
    # (the renamed source also leaves the availability of the old name without its source)
    assert {p.sheet for p in problems} == {
        "Koppelingen",
        "Inspanningen",
        "Begroting",
        "Bronnen",
        "Beschikbaar",
    }
    # in the order of the workbook's sheets
    order = [s.title for s in SHEETS]
    assert [order.index(p.sheet) for p in problems] == sorted(
        order.index(p.sheet) for p in problems
    )


def test_a_file_that_is_no_workbook_is_refused():
    problems = refused(b"programma;bron\nx;y\n")
    assert len(problems) == 1
    assert problems[0].sheet is None and problems[0].row is None
    assert ".xlsx" in problems[0].message


def test_an_existing_short_name_is_refused(admin_user, programme):
    wb = valid_workbook()
    set_programme_field(wb, "korte naam", programme.slug)
    problems = refused(to_bytes(wb))
    assert [(p.sheet, p.row, p.letter) for p in problems] == [("Programma", 2, "B")]
    assert programme.slug in problems[0].message


def test_nothing_is_written_when_a_budget_service_refuses(admin_user, monkeypatch):
    """A rule only the finance services know (here: forced) rolls back the programme too."""
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError("Geweigerd door de dienst.")

    monkeypatch.setattr(finance, "budget_line_create", refuse)
    before = row_counts()
    with pytest.raises(XlsxImportRefused) as exc:
        import_workbook(to_bytes(valid_workbook()), actor=admin_user)
    assert row_counts() == before
    assert {(p.sheet, p.row) for p in exc.value.check.problems} == {
        ("Begroting", 2),
        ("Begroting", 3),
        ("Begroting", 4),
    }


def test_extra_sheets_are_ignored(admin_user):
    wb = valid_workbook()
    wb.create_sheet("Mijn aantekeningen")["A1"].value = "wat dan ook"
    programme, _check = import_workbook(to_bytes(wb), actor=admin_user)
    assert programme.slug == "uit-excel"


def test_the_structure_first():
    """Without a sheet or a column, what refers to its rows is not judged (no follow-up noise)."""
    wb = valid_workbook()
    missing_sheet(wb)
    unknown_goal_in_link(wb)
    problems = refused(to_bytes(wb))
    assert [(p.sheet, p.row, p.letter) for p in problems] == [("Sporen", None, None)]


# --- the command --------------------------------------------------------------------------------


def test_command_imports_and_refuses(tmp_path, admin_user):
    from django.core.management.base import CommandError

    good = tmp_path / "goed.xlsx"
    good.write_bytes(to_bytes(valid_workbook()))
    out = io.StringIO()
    call_command("xlsx_import", str(good), "--check", stdout=out)
    assert not Programme.objects.filter(slug="uit-excel").exists()
    call_command("xlsx_import", str(good), "--user", admin_user.username, stdout=out)
    assert Programme.objects.filter(slug="uit-excel").exists()
    before = row_counts()
    with pytest.raises(CommandError) as exc:
        call_command("xlsx_import", str(good), stdout=out)  # the short name exists now
    assert "Programma" in str(exc.value) and "uit-excel" in str(exc.value)
    assert row_counts() == before
    with pytest.raises(CommandError):
        call_command("xlsx_import", str(tmp_path / "bestaat-niet.xlsx"), stdout=out)
    with pytest.raises(CommandError):
        call_command("xlsx_import", str(good), "--user", "niemand", stdout=out)


def test_a_workbook_that_unpacks_to_too_much_is_refused(monkeypatch):
    from koers.documents.xlsx import process

    monkeypatch.setattr(process, "MAX_UNPACKED_BYTES", 1000)
    problems = refused(to_bytes(valid_workbook()))
    assert len(problems) == 1 and problems[0].sheet is None


def test_too_many_rows(monkeypatch):
    from koers.documents.xlsx import read

    monkeypatch.setattr(read, "MAX_ROWS", 1)
    wb = valid_workbook()
    problems = refused(to_bytes(wb))
    assert ("Begroting", 3) in {(p.sheet, p.row) for p in problems}


def test_the_refusal_of_a_workbook_that_unpacks_to_too_much_names_the_limits(monkeypatch):
    from koers.documents.xlsx import process

    monkeypatch.setattr(process, "MAX_UNPACKED_BYTES", 1000)
    message = refused(to_bytes(valid_workbook()))[0].message
    assert "1 MB" in message and "5.000 rijen" in message
