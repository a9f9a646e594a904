"""The import pages through Django's test client: who may upload and see a preview, what the
preview shows, confirming (once), cancelling, the template downloads and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.monitoring import services as monitoring_services
from koers.monitoring.constants import ImportState
from koers.monitoring.importing import COLUMNS, MAX_PROBLEMS, MAX_SAMPLES
from koers.monitoring.models import ImportBatch, Measurement
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.constants import AccessLevel, GoalKind, TargetKind
from koers.programmes.models import Indicator
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db

UPLOAD = reverse("monitoring:import")
HEADER = ";".join(COLUMNS)


@pytest.fixture(autouse=True)
def _var_dir(settings, tmp_path):
    """Uploads are stored under VAR_DIR/imports: keep them in the test's own directory."""
    settings.VAR_DIR = tmp_path


@pytest.fixture
def indicator(programme) -> Indicator:
    return Indicator.objects.get(operational_goal__programme=programme, operational_goal__code="1a")


@pytest.fixture
def measured(indicator, admin_user) -> Measurement:
    """A 2018 value the files below change (93.000 → 94.250)."""
    return monitoring_services.measurement_create(
        actor=admin_user,
        indicator=indicator,
        period=parse_period("2018"),
        value=Decimal("93000"),
        source="Binnenstadsmonitor 2018",
    )


def _file(*rows: str, name: str = "metingen.csv") -> SimpleUploadedFile:
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


GOOD_ROWS = (
    "test-programma;1a;2018;94.250;Binnenstadsmonitor 2018;gecorrigeerd",
    "test-programma;1a;2019;95.500;Binnenstadsmonitor 2019;",
)
BAD_ROWS = (
    "test-programma;1a;2019;veel;Binnenstadsmonitor 2019;",
    "test-programma;9z;2019;12;;",
    "test-programma;1a;2020;96.000;Binnenstadsmonitor 2020;",
)


def _upload(client, *rows: str, only_valid: bool = False, name: str = "metingen.csv"):
    data = {"file": _file(*rows, name=name)}
    if only_valid:
        data["only_valid"] = "on"
    return client.post(UPLOAD, data)


def _preview_url(batch: ImportBatch) -> str:
    return reverse("monitoring:import_preview", args=[batch.pk])


def _batch(client, *rows: str, **kwargs) -> ImportBatch:
    response = _upload(client, *rows, **kwargs)
    assert response.status_code == 302, response.content.decode()
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"] == _preview_url(batch)
    return batch


def _values(indicator) -> dict[str, Decimal]:
    return {m.period_code: m.value for m in Measurement.objects.filter(indicator=indicator)}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("staff", 200), ("reader", 403), ("owner", 403), ("outsider", 403)],
)
def test_upload_page_per_role(client, request, role, expected, programme):
    user = request.getfixturevalue(f"{role}_user")
    client.force_login(user)
    assert client.get(UPLOAD).status_code == expected
    response = _upload(client, *GOOD_ROWS)
    assert response.status_code == (302 if expected == 200 else 403)
    assert ImportBatch.objects.count() == (1 if expected == 200 else 0)


def test_anonymous_is_sent_to_log_in(client, programme):
    for url in (
        UPLOAD,
        reverse("monitoring:import_template", args=["csv"]),
        reverse("monitoring:measurements_csv", args=[programme.slug]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/account/inloggen" in response["Location"]


def test_anonymous_cannot_see_or_confirm_a_preview(client, staff_user, indicator):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    client.logout()
    for response in (
        client.get(_preview_url(batch)),
        client.post(_preview_url(batch), {"action": "confirm"}),
    ):
        assert response.status_code == 302
        assert "/account/inloggen" in response["Location"]
    batch.refresh_from_db()
    assert batch.state == ImportState.PREVIEW
    assert _values(indicator) == {}


def test_upload_page_explains_the_format(client, staff_user):
    client.force_login(staff_user)
    html = client.get(UPLOAD).content.decode()
    assert "<h1>Metingen importeren</h1>" in html
    assert reverse("monitoring:import_template", args=["csv"]) in html
    assert reverse("monitoring:import_template", args=["xlsx"]) in html
    assert "docs/metingen-importeren.md" in html
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="utrecht-form-label" for="id_file">Bestand</label>' in html
    assert 'aria-describedby="id_file_helptext"' in html and 'id="id_file_helptext"' in html
    assert 'aria-describedby="id_only_valid_helptext"' in html
    assert "Alleen de geldige rijen importeren" in html
    assert 'accept=".csv,.xlsx"' in html


def test_upload_without_a_file_says_so(client, staff_user):
    client.force_login(staff_user)
    response = client.post(UPLOAD, {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="foutmeldingen"' in html
    assert '<a href="#id_file">Bestand</a>: Kies een CSV- of XLSX-bestand om te importeren.' in html
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("name", ["metingen.txt", "metingen.pdf", "metingen"])
def test_upload_of_another_kind_of_file_is_refused(client, staff_user, name):
    client.force_login(staff_user)
    response = _upload(client, *GOOD_ROWS, name=name)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="foutmeldingen"' in html
    assert '<a href="#id_file">Bestand</a>:' in html
    assert not ImportBatch.objects.exists()


def test_empty_upload_is_refused(client, staff_user):
    client.force_login(staff_user)
    empty = SimpleUploadedFile("leeg.csv", b"", content_type="text/csv")
    response = client.post(UPLOAD, {"file": empty})
    assert response.status_code == 400
    assert 'id="foutmeldingen"' in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_preview_shows_what_is_added_and_changed(client, staff_user, indicator, measured):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    response = client.get(_preview_url(batch))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>metingen.csv</h1>" in html
    assert str(batch.get_state_display()) in html
    for label, number in [
        ("Rijen", 2),
        ("Toe te voegen", 1),
        ("Te wijzigen", 1),
        ("Ongewijzigd", 0),
        ("Met problemen", 0),
    ]:
        assert f"<dt>{label}</dt><dd>{number}</dd>" in html, label
    assert "Wat wordt toegevoegd" in html and "Wat wordt gewijzigd" in html
    assert "<strong>95.500</strong>" in html  # added, in Dutch notation
    assert "93.000" in html and "<strong>94.250</strong>" in html  # changed: old and new
    assert "Testprogramma" in html and "Bezoekers per week" in html
    assert 'value="confirm"' in html and 'value="cancel"' in html
    assert 'id="problemen"' not in html
    assert _values(indicator) == {"2018": Decimal("93000")}  # nothing written yet


def test_xlsx_upload_formats_with_the_indicator_decimals(client, staff_user, indicator, admin_user):
    services.object_update(indicator, actor=admin_user, expected_version=None, decimals=1)
    book = openpyxl.Workbook()
    book.active.append(list(COLUMNS))
    book.active.append(["test-programma", "1a", "2019", 7, "", ""])
    content = io.BytesIO()
    book.save(content)
    client.force_login(staff_user)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("m.xlsx", content.getvalue())})
    assert response.status_code == 302
    assert "<strong>7,0</strong>" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("other_staff", 404), ("reader", 404), ("outsider", 404)],
)
def test_preview_only_for_uploader_and_admin(
    client, request, django_user_model, staff_user, programme, admin_user, role, expected
):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    if role == "other_staff":
        user = django_user_model.objects.create_user("staf2", password="x")
        services.programme_access_grant(
            programme=programme, user=user, level=AccessLevel.STAFF, actor=admin_user
        )
    else:
        user = request.getfixturevalue(f"{role}_user")
    client.force_login(user)
    assert client.get(_preview_url(batch)).status_code == expected
    response = client.post(_preview_url(batch), {"action": "confirm"})
    assert response.status_code == (302 if expected == 200 else 404)
    batch.refresh_from_db()
    assert batch.state == (ImportState.IMPORTED if expected == 200 else ImportState.PREVIEW)


def test_unknown_batch_is_404(client, admin_user):
    client.force_login(admin_user)
    assert client.get(reverse("monitoring:import_preview", args=[999999])).status_code == 404


def test_preview_of_a_file_with_problems(client, staff_user, indicator):
    client.force_login(staff_user)
    batch = _batch(client, *BAD_ROWS)
    html = client.get(_preview_url(batch)).content.decode()
    assert '<h2 id="problemen">Problemen</h2>' in html
    assert '<th scope="col" class="utrecht-table__header-cell">Rij</th>' in html
    assert '<th scope="col" class="utrecht-table__header-cell">Kolom</th>' in html
    assert '<th scope="col" class="utrecht-table__header-cell">Melding</th>' in html
    # row 2 (the first data row) has a bad value, row 3 an unknown indicator
    assert '<th scope="row" class="utrecht-table__header-cell">2</th>' in html
    assert "<code>waarde</code>" in html
    assert '<th scope="row" class="utrecht-table__header-cell">3</th>' in html
    assert "<code>indicator</code>" in html
    assert "<dt>Met problemen</dt><dd>2</dd>" in html
    assert "Er wordt niets geïmporteerd." in html
    assert f'<a href="{UPLOAD}">upload het verbeterde bestand</a>' in html
    assert 'value="confirm"' not in html
    assert 'value="cancel"' in html
    # a forged confirm writes nothing either
    response = client.post(_preview_url(batch), {"action": "confirm"}, follow=True)
    assert "Er is niets geïmporteerd" in response.content.decode()
    assert _values(indicator) == {}
    batch.refresh_from_db()
    assert batch.state == ImportState.PREVIEW


@pytest.mark.parametrize(
    ("content", "row_header"),
    [
        (b"naam;getal\r\nx;1\r\n", '<th scope="row" class="utrecht-table__header-cell">1</th>'),
        (b"\xef\xbb\xbf", '<span class="koers-sr">hele bestand</span>'),  # empty but for a BOM
    ],
)
def test_problems_of_the_whole_file(client, staff_user, content, row_header):
    client.force_login(staff_user)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("x.csv", content)})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert row_header in html
    assert 'value="confirm"' not in html


def test_long_lists_are_cut_short_with_a_count(client, staff_user):
    client.force_login(staff_user)
    bad = [
        f"test-programma;1a;{2000 + i % 100}-{1 + i // 100:02d};veel;;"
        for i in range(MAX_PROBLEMS + 2)
    ]
    batch = _batch(client, *bad)
    html = client.get(_preview_url(batch)).content.decode()
    assert html.count("<code>waarde</code>") == MAX_PROBLEMS
    assert "en nog 2 problemen" in html
    start = date(2019, 1, 1)
    days = [start + timedelta(days=i) for i in range(MAX_SAMPLES + 3)]
    batch = _batch(
        client, *[f"test-programma;1a;{d.isoformat()};{i};;" for i, d in enumerate(days)]
    )
    html = client.get(_preview_url(batch)).content.decode()
    assert f"<dt>Toe te voegen</dt><dd>{MAX_SAMPLES + 3}</dd>" in html
    assert "en nog 3 rijen" in html


def test_rows_of_a_programme_without_rights_are_problems(client, staff_user, admin_user):
    other = bare_programme(admin_user, "ander-programma", name="Ander programma")
    sg = services.object_create(
        services.StrategicGoal, actor=admin_user, programme=other, code="1", text="Iets"
    )
    services.operational_goal_create(
        actor=admin_user,
        programme=other,
        strategic_goal=sg,
        code="1a",
        statement="Minder leegstand",
        kind=GoalKind.MEASURABLE,
        indicator={"name": "Leegstand", "target_kind": TargetKind.AT_MOST, "target_value": 6000},
    )
    client.force_login(staff_user)
    batch = _batch(client, "ander-programma;1a;2019;5000;;")
    html = client.get(_preview_url(batch)).content.decode()
    assert '<th scope="row" class="utrecht-table__header-cell">2</th>' in html
    assert "<code>programma</code>" in html
    assert 'value="confirm"' not in html
    # the functional administrator may import the same file
    client.force_login(admin_user)
    html = client.get(_preview_url(batch)).content.decode()
    assert "<dt>Toe te voegen</dt><dd>1</dd>" in html
    assert 'value="confirm"' in html


def test_only_valid_rows(client, staff_user, indicator):
    client.force_login(staff_user)
    batch = _batch(client, *BAD_ROWS, only_valid=True)
    html = client.get(_preview_url(batch)).content.decode()
    assert "Problemen" in html
    assert "de 2 rijen met een probleem worden overgeslagen" in html
    assert 'value="confirm"' in html
    response = client.post(_preview_url(batch), {"action": "confirm"}, follow=True)
    html = response.content.decode()
    assert "<dt>Overgeslagen (rijen met problemen)</dt><dd>2</dd>" in html
    assert _values(indicator) == {"2020": Decimal("96000")}


def test_confirm_imports_and_links_to_the_dashboard(client, staff_user, indicator, measured):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    response = client.post(_preview_url(batch), {"action": "confirm"})
    assert response.status_code == 302 and response["Location"] == _preview_url(batch)
    assert _values(indicator) == {"2018": Decimal("94250"), "2019": Decimal("95500")}
    batch.refresh_from_db()
    assert batch.state == ImportState.IMPORTED
    assert (batch.rows_added, batch.rows_changed) == (1, 1)
    html = client.get(_preview_url(batch)).content.decode()
    assert "Geïmporteerd: 1 toegevoegd, 1 gewijzigd, 0 ongewijzigd." in html
    assert batch.get_state_display() in html
    assert "<dt>Toegevoegd</dt><dd>1</dd>" in html and "<dt>Gewijzigd</dt><dd>1</dd>" in html
    dashboard = reverse("monitoring:dashboard", args=["test-programma"])
    assert f'<a href="{dashboard}">Monitor van Testprogramma</a>' in html
    assert 'value="confirm"' not in html


def test_second_confirm_writes_nothing_twice(client, staff_user, indicator, measured):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    client.post(_preview_url(batch), {"action": "confirm"})
    history = Measurement.history.count()
    response = client.post(_preview_url(batch), {"action": "confirm"}, follow=True)
    assert response.status_code == 200
    assert "Dit bestand is al geïmporteerd" in response.content.decode()
    assert Measurement.objects.count() == 2
    assert Measurement.history.count() == history
    # and cancelling afterwards changes nothing either
    client.post(_preview_url(batch), {"action": "cancel"})
    batch.refresh_from_db()
    assert batch.state == ImportState.IMPORTED


def test_confirm_that_loses_the_race_gets_a_message(client, staff_user, measured, monkeypatch):
    """Another tab confirmed between this request's state check and its own confirm."""
    from koers.monitoring import views_import

    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    real_confirm = views_import.importing.batch_confirm

    def other_tab_first(**kwargs):
        real_confirm(**kwargs)
        return real_confirm(**kwargs)  # must raise ValidationError

    monkeypatch.setattr(views_import.importing, "batch_confirm", other_tab_first)
    response = client.post(_preview_url(batch), {"action": "confirm"}, follow=True)
    assert response.status_code == 200
    assert "Dit bestand is al geïmporteerd" in response.content.decode()
    assert Measurement.objects.count() == 2


def test_cancel(client, staff_user, indicator, measured):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    response = client.post(_preview_url(batch), {"action": "cancel"}, follow=True)
    html = response.content.decode()
    assert "Deze import is geannuleerd; er is niets opgeslagen." in html
    batch.refresh_from_db()
    assert batch.state == ImportState.CANCELLED
    response = client.post(_preview_url(batch), {"action": "confirm"}, follow=True)
    assert "Deze import is geannuleerd; er is niets geïmporteerd." in response.content.decode()
    assert _values(indicator) == {"2018": Decimal("93000")}


def test_unknown_action_is_a_bad_request(client, staff_user):
    client.force_login(staff_user)
    batch = _batch(client, *GOOD_ROWS)
    assert client.post(_preview_url(batch), {"action": "wissen"}).status_code == 400
    assert client.post(_preview_url(batch), {}).status_code == 400


def test_csv_template(client, outsider_user):
    client.force_login(outsider_user)
    response = client.get(reverse("monitoring:import_template", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="koers-metingen-sjabloon.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) >= 2


def test_xlsx_template(client, outsider_user):
    client.force_login(outsider_user)
    response = client.get(reverse("monitoring:import_template", args=["xlsx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert 'filename="koers-metingen-sjabloon.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header = next(book.worksheets[0].iter_rows(min_row=1, max_row=1, values_only=True))
    assert tuple(header[: len(COLUMNS)]) == COLUMNS


def test_unknown_template_format_is_404(client, outsider_user):
    client.force_login(outsider_user)
    assert client.get(reverse("monitoring:import_template", args=["pdf"])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("staff", 200), ("reader", 200), ("owner", 200), ("outsider", 403)],
)
def test_measurements_csv_per_role(client, request, measured, role, expected):
    client.force_login(request.getfixturevalue(f"{role}_user"))
    response = client.get(reverse("monitoring:measurements_csv", args=["test-programma"]))
    assert response.status_code == expected
    if expected == 200:
        assert response.streaming
        assert response["Content-Type"].startswith("text/csv")
        assert 'filename="test-programma-metingen.csv"' in response["Content-Disposition"]
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert tuple(rows[0][: len(COLUMNS)]) == COLUMNS
        assert [r[:3] for r in rows[1:]] == [["test-programma", "1a", "2018"]]


def test_measurements_csv_of_unknown_programme_is_404(client, admin_user):
    client.force_login(admin_user)
    url = reverse("monitoring:measurements_csv", args=["bestaat-niet"])
    assert client.get(url).status_code == 404


def test_exported_measurements_reimport_unchanged(client, staff_user, measured):
    client.force_login(staff_user)
    response = client.get(reverse("monitoring:measurements_csv", args=["test-programma"]))
    content = b"".join(response.streaming_content)
    upload = SimpleUploadedFile("terug.csv", content, content_type="text/csv")
    response = client.post(UPLOAD, {"file": upload})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "<dt>Ongewijzigd</dt><dd>1</dd>" in html
    assert "Het importeren van dit bestand verandert geen enkele waarde." in html
