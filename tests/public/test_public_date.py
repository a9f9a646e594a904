"""The public monitor says which date its statuses are about."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import override

pytestmark = pytest.mark.django_db


def test_the_public_pages_name_the_date_of_the_statuses(client, secret_programme):
    with override("nl"):
        today = date_format(timezone.localdate(), "j F Y")
    body = client.get(reverse("public:programme", args=[secret_programme.slug])).content.decode()
    assert f"Stand op {today}." in body
    assert f"Stand op {today}</dt>" in body  # beside the status of each published goal
    page = client.get(reverse("public:indicator", args=[secret_programme.slug, "1a"]))
    assert f"Stand op {today}</dt>" in page.content.decode()


def test_the_public_pages_on_a_chosen_date(client, secret_programme):
    url = reverse("public:programme", args=[secret_programme.slug])
    body = client.get(url, {"op": "2019-12-31"}).content.decode()
    assert "Stand op 31 december 2019." in body
    assert 'value="2019-12-31"' in body  # the date field keeps the chosen date
    assert "Terug naar vandaag" in body
    page = client.get(
        reverse("public:indicator", args=[secret_programme.slug, "1a"]), {"op": "2019-12-31"}
    )
    assert "Stand op 31 december 2019</dt>" in page.content.decode()
    # Not a date: the page says so and shows today's status.
    wrong = client.get(url, {"op": "31-31-2019"})
    assert wrong.status_code == 200
    assert "utrecht-form-field-error-message" in wrong.content.decode()
