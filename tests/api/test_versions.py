"""Every change and delete through the API names the version the client read: without it the
answer is 400 and nothing changes (issue 18, hole 5; the web pages: tests/ui/test_conflicts.py)."""

import pytest

pytestmark = pytest.mark.django_db

# resource -> (key of the object in the world, a field to change)
CHANGES = {
    "doelen": ("goal", {"statement": "Anders"}),
    "metingen": ("measurement", {"value": "2"}),
    "inspanningen": ("effort", {"description": "Anders"}),
}
DELETES = {
    "doelen": "goal",
    "metingen": "measurement",
    "inspanningen": "effort",
    "koppelingen": "link",
}


def _state(obj):
    fresh = type(obj)._default_manager.filter(pk=obj.pk).values().first()
    return fresh


@pytest.mark.parametrize("resource", sorted(CHANGES))
@pytest.mark.parametrize("version", [None, "", "abc"])
def test_change_without_version_is_400(resource, version, api, tokens, world):
    key, body = CHANGES[resource]
    obj = world[key]
    before = _state(obj)
    if version is not None:
        body = {**body, "version": version}
    response = api(tokens["admin"]).patch(f"/api/v1/{resource}/{obj.pk}", body, format="json")
    assert response.status_code == 400, response.content
    assert "version" in {p["name"] for p in response.json()["invalid-params"]}
    assert _state(obj) == before


@pytest.mark.parametrize("resource", sorted(DELETES))
@pytest.mark.parametrize("query", ["", "?version=", "?version=abc"])
def test_delete_without_version_is_400(resource, query, api, tokens, world):
    obj = world[DELETES[resource]]
    before = _state(obj)
    response = api(tokens["admin"]).delete(f"/api/v1/{resource}/{obj.pk}{query}")
    assert response.status_code == 400, response.content
    assert _state(obj) == before
