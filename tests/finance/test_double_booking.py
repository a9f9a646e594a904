"""Issue 18, hole 4: no double booking of spending. The manual form and the upload preview carry
a random key, so a second POST with it books nothing and answers with the first result; the same
budget line, date and amount as spending booked already gives a warning with "save anyway"."""

import base64
import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koers.finance.models import Spending, SpendingSubmission
from koers.finance.spending import spending_create

pytestmark = pytest.mark.django_db

HEADER = "programma;bron;jaar;inspanning;post;soort;datum;bedrag;omschrijving;kenmerk"
# Without kenmerk: nothing else tells the two sessions' bookings apart.
FILE = (
    HEADER
    + "\ntest-programma;Programmageld;2019;Evenementen;;uitgave;2019-04-01;250,10;Geluid;\n"
    + "test-programma;Programmageld;2019;;Organisatie;uitgave;2019-05-01;1000;Zaal;\n"
).encode()


def _form(budget, **extra):
    data = {
        "budget_line": budget["line"].pk,
        "kind": "uitgave",
        "date": "31-03-2019",
        "amount": "1.500,25",
        "description": "Geluid",
        "reference": "",
    }
    data.update(extra)
    return data


def _key(response) -> str:
    form = response.context["form"]
    return form["submission"].value()


def test_the_manual_form_sent_twice_books_once(client, programme, budget, staff_user):
    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    key = _key(client.get(url))
    assert key and len(key) >= 20
    first = client.post(url, _form(budget, submission=key))
    second = client.post(url, _form(budget, submission=key))  # a double click, a second tab
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert Spending.objects.count() == 1
    assert SpendingSubmission.objects.get(key=key).first_spending_id == Spending.objects.get().pk


def test_each_new_form_has_its_own_key(client, programme, staff_user):
    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    assert _key(client.get(url)) != _key(client.get(url))


def test_the_same_line_date_and_amount_warns_and_can_be_saved_anyway(
    client, programme, budget, staff_user, admin_user
):
    spending_create(
        actor=admin_user,
        budget_line=budget["line"],
        kind="uitgave",
        date=dt.date(2019, 3, 31),
        amount=Decimal("1500.25"),
    )
    client.force_login(staff_user)
    url = reverse("finance:spending_create", args=[programme.slug])
    key = _key(client.get(url))
    warned = client.post(url, _form(budget, submission=key))
    assert warned.status_code == 400
    text = warned.content.decode()
    assert "Er staat al een uitgave van €\u00a01.500,25 op 31-03-2019" in text
    assert "toch opslaan?" in text and 'type="checkbox" name="confirm_duplicate"' in text
    assert Spending.objects.count() == 1
    saved = client.post(url, _form(budget, submission=key, confirm_duplicate="on"))
    assert saved.status_code == 302
    assert Spending.objects.count() == 2


def _upload(client, programme):
    url = reverse("finance:spending_upload", args=[programme.slug])
    return client.post(url, {"file": SimpleUploadedFile("u.csv", FILE, "text/csv")})


def _confirm(client, programme, key, **extra):
    url = reverse("finance:spending_upload", args=[programme.slug])
    data = {
        "content": base64.b64encode(FILE).decode(),
        "sha256": hashlib.sha256(FILE).hexdigest(),
        "file_name": "u.csv",
        "submission": key,
    }
    data.update(extra)
    return client.post(url, data)


def test_an_upload_confirmed_from_two_sessions_books_once(
    client, programme, budget, staff_user, admin_user
):
    from django.test import Client

    client.force_login(staff_user)
    key = _upload(client, programme).context["submission_key"]
    assert key
    other = Client()  # another session: the session's list of booked files does not help
    other.force_login(admin_user)
    assert _confirm(client, programme, key).status_code == 302
    again = _confirm(other, programme, key, confirm_similar="1")
    assert again.status_code == 302
    assert Spending.objects.count() == 2
    shown = other.get(again.url).content.decode()
    assert "al ingelezen" in shown and "2 boekingen" in shown


def test_an_upload_of_spending_booked_already_warns_first(
    client, programme, budget, staff_user, admin_user
):
    from django.test import Client

    client.force_login(staff_user)
    assert _confirm(client, programme, _upload(client, programme).context["submission_key"])
    other = Client()
    other.force_login(admin_user)
    preview = _upload(other, programme)
    text = preview.content.decode()
    assert "Rij 2: er staat al een uitgave van €\u00a0250,10 op 01-04-2019" in text
    assert 'name="confirm_similar"' in text
    key = preview.context["submission_key"]
    refused = _confirm(other, programme, key)
    assert refused.status_code == 409 and Spending.objects.count() == 2
    booked = _confirm(other, programme, key, confirm_similar="1")
    assert booked.status_code == 302 and Spending.objects.count() == 4
