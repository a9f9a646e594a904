"""History without noise: for every kind of edit page (every :class:`koers.ui.Editable` behind a
URL, the table of ``test_conflicts``), saving the form as shown changes nothing. No history row,
no new version, nothing in the change record, also when the browser sends its textareas with
``\\r\\n`` line endings."""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps

from koers.decisions.models import ProgrammeChange
from tests.programmes.test_permissions_walk import world  # noqa: F401  (the fixture)
from tests.ui.test_conflicts import CASES, edit_urls, post_data, w  # noqa: F401  (w: fixture)

pytestmark = pytest.mark.django_db


def _history_rows() -> int:
    """Every history row of every model, so noise on a related object shows too."""
    return sum(
        model._default_manager.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def _state(obj) -> tuple:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return fresh.version, fresh.history.count(), _history_rows(), ProgrammeChange.objects.count()


def _textareas(form: forms.BaseForm) -> list[str]:
    # Not the reason of a change proposal: it is not stored on the element.
    return [
        bf.html_name
        for bf in form
        if isinstance(bf.field.widget, forms.Textarea) and bf.name != "reason"
    ]


def _edit_url(key, world_):
    obj, edit_url, _delete = edit_urls(key, world_)
    if edit_url is None:
        pytest.skip("no edit page")
    return obj, edit_url


def _form(client, url):
    page = client.get(url)
    assert page.status_code == 200, url
    return page.context["form"]


def _save(client, url, data, key):
    response = client.post(url, data)
    assert response.status_code == 302, (key, response.status_code, response.context["form"].errors)


@pytest.mark.parametrize("key", sorted(CASES))
def test_unchanged_save_records_nothing(key, client, admin_user, w):  # noqa: F811
    obj, edit_url = _edit_url(key, w)
    client.force_login(admin_user)
    data = post_data(_form(client, edit_url))
    before = _state(obj)
    _save(client, edit_url, data, key)
    assert _state(obj) == before, key


@pytest.mark.parametrize("key", sorted(CASES))
def test_unchanged_save_with_crlf_records_nothing(key, client, admin_user, w):  # noqa: F811
    obj, edit_url = _edit_url(key, w)
    client.force_login(admin_user)
    form = _form(client, edit_url)
    areas = _textareas(form)
    if not areas:
        pytest.skip("no textarea")
    # First a real change: text over several lines, as a browser sends it.
    data = post_data(form)
    for name in areas:
        data[name] = "Eerste regel  \r\n  ingesprongen\t\r\n\r\nNa een witregel\r\n\r\n"
    _save(client, edit_url, data, key)
    form = _form(client, edit_url)
    for name in areas:
        assert form[name].value() == "Eerste regel\n  ingesprongen\n\nNa een witregel", (key, name)
    # Then the same text sent back unchanged, with the browser's line endings.
    data = post_data(form)
    for name in areas:
        data[name] = data[name].replace("\n", "\r\n")
    before = _state(obj)
    _save(client, edit_url, data, key)
    assert _state(obj) == before, key


def test_an_unchanged_correction_in_the_admin_records_nothing(client, admin_user, w):  # noqa: F811
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    track = w["track"]
    url = f"/beheer/programmes/track/{track.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    data = post_data(page.context["adminform"].form)
    data["description"] = "Regel een  \r\nRegel twee\r\n"
    assert client.post(url, data).status_code == 302
    assert type(track).objects.get(pk=track.pk).description == "Regel een\nRegel twee"
    data["description"] = "Regel een\r\nRegel twee"
    before = _state(track)
    assert client.post(url, data).status_code == 302
    assert _state(track) == before


def test_changing_only_the_status_names_only_the_status(client, admin_user, programme):
    """The save of issue 16: the programme form with only its status changed, its textareas as
    the browser sends them. One history row, and the history names only the status."""
    from koers.programmes.constants import ProgrammeStatus
    from koers.programmes.selectors import programme_history
    from koers.programmes.services import programme_update

    programme_update(
        programme=programme,
        actor=admin_user,
        expected_version=programme.version,
        vision="Een bruisende binnenstad.\n\nVoor iedereen.",
        scope="Het centrum.\n  En de singels.",
        note="Uit het contract.",
    )
    client.force_login(admin_user)
    url = f"/programmas/{programme.slug}/bewerken"
    form = _form(client, url)
    data = post_data(form)
    for name in _textareas(form):
        data[name] = data[name].replace("\n", "\r\n") + "\r\n"
    data["status"] = ProgrammeStatus.CLOSED  # adopting would also need its decision
    rows = programme.history.count()
    _save(client, url, data, "programme")
    fresh = type(programme).objects.get(pk=programme.pk)
    assert fresh.status == ProgrammeStatus.CLOSED
    assert fresh.history.count() == rows + 1
    newest, previous = list(fresh.history.all()[:2])
    assert newest.diff_against(previous).changed_fields == ["status"]
    entry = next(e for e in programme_history(fresh) if e.kind == "programma")
    assert entry.changes == ["status"]
