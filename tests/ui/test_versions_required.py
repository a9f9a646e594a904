"""The actions that are not an edit page (mark an action done, draw the agenda again, archive)
also refuse a POST without the version the user saw: 400 and nothing changes."""

import pytest

from koers.programmes.models import Effort
from tests.programmes.test_permissions_walk import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sent", [{}, {"version": ""}, {"version": "x"}])
def test_actions_without_version_are_400(sent, client, admin_user, world):  # noqa: F811
    p, held, action, effort = world["p"], world["held"], world["action"], world["other"]
    client.force_login(admin_user)
    base = f"/portfolio/{p.slug}/overleg/{world['meeting'].pk}/{held.pk}"
    urls = {
        type(action): f"/portfolio/{p.slug}/overleg/punten/{action.pk}/gedaan",
        type(held): f"{base}/agenda/vernieuwen",
        Effort: f"/programmas/{p.slug}/inspanning/{effort.pk}/archiveren",
    }
    objects = {type(action): action, type(held): held, Effort: effort}
    for model, url in urls.items():
        before = model._default_manager.get(pk=objects[model].pk).version
        response = client.post(url, sent)
        assert response.status_code == 400, (url, response.status_code)
        assert model._default_manager.get(pk=objects[model].pk).version == before, url
