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
