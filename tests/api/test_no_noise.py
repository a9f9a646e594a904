"""Through the API as through the pages: text is stored one way, and a write that changes
nothing leaves the version and the history alone."""

import pytest

from koers.programmes.models import Effort

pytestmark = pytest.mark.django_db


def test_an_unchanged_patch_records_nothing(api, tokens, world):
    staff = api(tokens["staff"])
    effort = world["effort"]
    url = f"/api/v1/inspanningen/{effort.pk}"
    text = "Eerste regel  \r\n  tweede regel\r\n\r\n"
    first = staff.patch(url, {"version": effort.version, "description": text}, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["description"] == "Eerste regel\n  tweede regel"
    fresh = Effort.objects.get(pk=effort.pk)
    rows, version = fresh.history.count(), fresh.version
    again = staff.patch(
        url,
        {"version": version, "description": "Eerste regel\r\n  tweede regel", "name": fresh.name},
        format="json",
    )
    assert again.status_code == 200, again.content
    assert again.json()["version"] == version
    fresh = Effort.objects.get(pk=effort.pk)
    assert (fresh.version, fresh.history.count()) == (version, rows)
    stale = staff.patch(url, {"version": version - 1, "name": fresh.name}, format="json")
    assert stale.status_code == 409
