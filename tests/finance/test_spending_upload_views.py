"""Uploading spending on the spending page: every problem by row and column with nothing
written, or a preview (rows, total, per budget line) that books everything in one go on confirm;
a second confirm of the same file is refused; only staff may upload."""

import base64
import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.finance.models import Spending
from koers.finance.spending_import import COLUMNS

pytestmark = pytest.mark.django_db
NB = "\u00a0"
HEADER = "programma;bron;jaar;inspanning;post;soort;datum;bedrag;omschrijving;kenmerk"


def _csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


GOOD = _csv(
    "test-programma;Programmageld;2019;Evenementen;;verplichting;2019-03-01;1.500,25;Podium;V-1",
    "test-programma;Programmageld;2019;Evenementen;;uitgave;01-04-2019;250,10;Geluid;F-1",
    "test-programma;Programmageld;2019;;Organisatie;uitgave;2019-05-01;1000;Zaal;F-2",
)
BAD = _csv(
    "test-programma;Programmageld;2019;Evenementen;;verplichting;2019-03-01;1.500,25;Podium;V-1",
    "test-programma;Onbekend;2019;Evenementen;;uitgave;2019-04-01;250;;F-1",
    "test-programma;Programmageld;2019;;Organisatie;cadeau;32-13-2019;-5;;F-2",
    "ander-programma;Programmageld;2019;Evenementen;;uitgave;2019-04-01;5;;F-3",
)


def _url(programme):
    return reverse("finance:spending_upload", args=[programme.slug])


def _upload(client, programme, data: bytes, name="uitgaven.csv"):
    return client.post(_url(programme), {"file": SimpleUploadedFile(name, data, "text/csv")})


def _confirm(client, programme, data: bytes, digest=None):
    return client.post(
        _url(programme),
        {
            "content": base64.b64encode(data).decode(),
            "sha256": digest or hashlib.sha256(data).hexdigest(),
            "file_name": "uitgaven.csv",
        },
    )


def test_urls():
    assert reverse("finance:spending_upload", args=["x"]) == (
        "/programmas/x/middelen/uitgaven/inlezen"
    )
    assert reverse("finance:spending_template", args=["x"]) == (
        "/programmas/x/middelen/uitgaven/sjabloon.csv"
    )


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_only_staff_may_upload(
    client, programme, budget, reader_user, owner_user, outsider_user, role
):
    user = {"reader": reader_user, "owner": owner_user, "outsider": outsider_user}[role]
    client.force_login(user)
    assert client.get(_url(programme)).status_code == 403
    assert _upload(client, programme, GOOD).status_code == 403
    assert _confirm(client, programme, GOOD).status_code == 403
    assert not Spending.objects.exists()


def test_anonymous_is_sent_to_log_in(client, programme, budget):
    response = client.get(_url(programme))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_upload_page_links_the_format(client, programme, budget, staff_user):
    client.force_login(staff_user)
    html = client.get(_url(programme)).content.decode()
    assert reverse("finance:spending_template", args=[programme.slug]) in html
    assert "docs/middelen.md" in html
    for column in COLUMNS:
        assert f"<code>{column}</code>" in html


def test_template_is_the_header_row(client, programme, budget, reader_user):
    client.force_login(reader_user)
    response = client.get(reverse("finance:spending_template", args=[programme.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig") == ";".join(COLUMNS) + "\r\n"


def test_problems_by_row_and_column_and_nothing_written(client, programme, budget, staff_user):
    client.force_login(staff_user)
    response = _upload(client, programme, BAD)
    assert response.status_code == 200
    html = response.content.decode()
    check = response.context["check"]
    found = {(p.row, p.column) for p in check.problems}
    assert {(3, "bron"), (4, "soort"), (4, "datum"), (4, "bedrag"), (5, "programma")} <= found
    assert _("Nothing has been booked.") in html
    assert 'name="content"' not in html  # no confirm possible
    for problem in check.problems:
        assert f"<code>{problem.column}</code>" in html
    assert not Spending.objects.exists()


def test_missing_column_and_unreadable_file(client, programme, budget, staff_user):
    client.force_login(staff_user)
    response = _upload(client, programme, b"programma;bron\nx;y\n")
    assert (1, "jaar") in {(p.row, p.column) for p in response.context["check"].problems}
    response = _upload(client, programme, "bron;jaar\né".encode("latin-1"))
    assert response.context["check"].problems
    response = client.post(_url(programme), {})
    assert response.status_code == 400 and "file" in response.context["form"].errors
    assert not Spending.objects.exists()


def test_preview_then_confirm_books_everything_once(client, programme, budget, staff_user):
    client.force_login(staff_user)
    response = _upload(client, programme, GOOD)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Spending.objects.exists()  # the preview writes nothing
    assert f"€{NB}2.750,35" in html  # the total
    per_line = {g["line"].pk: (g["count"], str(g["total"])) for g in response.context["per_line"]}
    assert per_line == {budget["line"].pk: (2, "1750.35"), budget["item"].pk: (1, "1000.00")}
    assert f"€{NB}1.750,35" in html and f"€{NB}1.000,00" in html
    assert response.context["digest"] == hashlib.sha256(GOOD).hexdigest()
    response = _confirm(client, programme, GOOD)
    assert response.status_code == 302
    assert response["Location"] == reverse("finance:spending", args=[programme.slug])
    booked = sorted(Spending.objects.values_list("reference", "amount"))
    assert [(r, str(a)) for r, a in booked] == [
        ("F-1", "250.10"),
        ("F-2", "1000.00"),
        ("V-1", "1500.25"),
    ]
    assert {s.history.first().history_user for s in Spending.objects.all()} == {staff_user}
    # The same file again: refused in words, nothing booked twice.
    response = _confirm(client, programme, GOOD)
    assert response.status_code == 409
    assert "Dit bestand is in deze sessie al geboekt" in response.content.decode()
    assert Spending.objects.count() == 3


def test_changed_content_is_refused(client, programme, budget, staff_user):
    client.force_login(staff_user)
    response = _confirm(client, programme, GOOD, digest=hashlib.sha256(b"anders").hexdigest())
    assert response.status_code == 400
    response = client.post(_url(programme), {"content": "@@@", "sha256": "x"})
    assert response.status_code == 400
    assert not Spending.objects.exists()


def test_confirm_checks_again_and_writes_nothing_on_a_new_problem(
    client, programme, budget, staff_user, admin_user
):
    import datetime as dt
    from decimal import Decimal

    from koers.finance.spending import spending_create

    client.force_login(staff_user)
    assert _upload(client, programme, GOOD).context["check"].is_valid
    spending_create(  # meanwhile someone books F-2
        actor=admin_user,
        budget_line=budget["item"],
        kind="uitgave",
        date=dt.date(2019, 5, 1),
        amount=Decimal("1000"),
        reference="F-2",
    )
    response = _confirm(client, programme, GOOD)
    assert response.status_code == 400
    assert (4, "kenmerk") in {(p.row, p.column) for p in response.context["check"].problems}
    assert Spending.objects.count() == 1


def test_other_programmes_rows_are_refused(client, programme, budget, staff_user, admin_user):
    from koers.programmes import services as din

    din.programme_create(
        actor=admin_user,
        slug="ander-programma",
        name="Ander",
        municipality="Almelo",
        period_start=programme.period_start,
        period_end=programme.period_end,
    )
    client.force_login(staff_user)
    data = _csv("ander-programma;Programmageld;2019;Evenementen;;uitgave;2019-04-01;5;;F-3")
    response = _upload(client, programme, data)
    assert (2, "programma") in {(p.row, p.column) for p in response.context["check"].problems}
    assert _confirm(client, programme, data).status_code == 400
    assert not Spending.objects.exists()
