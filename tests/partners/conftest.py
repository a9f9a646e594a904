"""A programme with two partner organisations and a second effort."""

from __future__ import annotations

import pytest

from koers.programmes import services as din
from koers.programmes.models import PartnerOrganisation


@pytest.fixture
def partners(admin_user, programme):
    kennis = din.object_create(PartnerOrganisation, actor=admin_user, name="Kennispunt Twente")
    bomen = din.object_create(PartnerOrganisation, actor=admin_user, name="Bomenstad")
    events = programme.efforts.get(name="Evenementen")
    markt = din.effort_create(actor=admin_user, programme=programme, name="Weekmarkt")
    din.object_update(events, actor=admin_user, expected_version=None, partners=[kennis])
    return {"kennis": kennis, "bomen": bomen, "events": events, "markt": markt}
