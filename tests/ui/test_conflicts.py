"""Walk every kind of object behind an edit or delete page of Koers (every
:class:`koers.ui.Editable` behind a URL) and check the one policy: a stale save gives 409 and
changes nothing, a stale delete gives 409 and deletes nothing, and a refused delete gives 400.

The table below must name every Editable: a new edit page without an entry here fails
``test_every_editable_is_walked``."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.db.models import F
from django.forms.models import model_to_dict

from koers.ui import editables
from tests.programmes.test_permissions_walk import world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _p(w) -> str:
    return f"/programmas/{w['p'].slug}"


def _din(kind: str, key: str):
    return lambda w: (w[key], f"{_p(w)}/{kind}/{w[key].pk}/bewerken", "verwijderen")


def _meeting_base(w) -> str:
    return f"/portfolio/{w['p'].slug}/overleg/{w['meeting'].pk}"


def _held_base(w) -> str:
    return f"{_meeting_base(w)}/{w['held'].pk}"


def _moment(w):
    aligned, moment = w["intake"]["aligned"], w["intake"]["moment"]
    base = f"{_p(w)}/initiatieven/{aligned.pk}/contactmomenten/{moment.pk}"
    return moment, None, f"{base}/verwijderen"


def _finance(kind: str, segment: str):
    def case(w):
        obj = w["finance"][kind]
        base = f"{_p(w)}/middelen/{segment}/{obj.pk}"
        return obj, f"{base}/bewerken", f"{base}/verwijderen"

    return case


def _interest(w):
    from koers.partners import services

    interest = services.interest_save(
        actor=w["admin"],
        programme=w["p"],
        partner=w["partner"],
        interests="Meer bezoekers",
        expected_version=None,
    )
    return interest, f"{_p(w)}/partners/{w['partner'].pk}/belangen", None


def _paragraph(w):
    from koers.risks import services

    effort = w["other"]
    paragraph = services.risk_paragraph_create(
        actor=w["admin"],
        programme=w["p"],
        effort=effort,
        text="Vertraging van de vergunning.",
        mitigation="Vroeg overleg met de provincie.",
        drawn_up_on=date(2024, 2, 1),
        drawn_up_by=None,
    )
    return paragraph, f"{_p(w)}/inspanningen/{effort.pk}/risicoparagraaf", None


# key -> function(world) -> (object, edit url or None, delete url or None); "verwijderen" as
# the delete url means: the edit url with "bewerken" replaced.
CASES = {
    "programmes.programme": lambda w: (w["p"], f"{_p(w)}/bewerken", f"{_p(w)}/verwijderen"),
    "programmes.keuze": _din("keuze", "choice"),
    "programmes.strategisch-doel": _din("strategisch-doel", "sg"),
    "programmes.doel": _din("doel", "goal"),
    "programmes.spoor": _din("spoor", "track"),
    "programmes.inspanning": _din("inspanning", "other"),
    "programmes.koppeling": _din("koppeling", "link"),
    "programmes.activiteit": _din("activiteit", "activity"),
    "programmes.rol": _din("rol", "role"),
    "programmes.uren": _din("uren", "hours"),
    "programmes.personen": lambda w: (
        w["person"],
        f"/programmas/personen/{w['person'].pk}/bewerken",
        "verwijderen",
    ),
    "programmes.organisaties": lambda w: (
        w["partner"],
        f"/programmas/organisaties/{w['partner'].pk}/bewerken",
        "verwijderen",
    ),
    "monitoring.measurement": lambda w: (
        w["measurement"],
        f"{_p(w)}/monitor/1a/metingen/{w['measurement'].pk}/bewerken",
        "verwijderen",
    ),
    "finance.source": _finance("source", "bronnen"),
    "finance.availability": _finance("availability", "beschikbaar"),
    "finance.line": _finance("line", "regels"),
    "finance.spending": _finance("spending", "uitgaven"),
    "partners.contribution": lambda w: (
        w["contribution"],
        f"{_p(w)}/partners/bijdragen/{w['contribution'].pk}/bewerken",
        "verwijderen",
    ),
    "partners.interest": _interest,
    "portfolio.meeting": lambda w: (
        w["meeting"],
        f"{_meeting_base(w)}/bewerken",
        "verwijderen",
    ),
    "portfolio.occurrence": lambda w: (w["held"], f"{_held_base(w)}/bewerken", "verwijderen"),
    "portfolio.agenda_item": lambda w: (
        w["point"],
        None,
        f"{_held_base(w)}/agenda/{w['point'].pk}/verwijderen",
    ),
    "portfolio.meeting_item": lambda w: (
        w["action"],
        f"{_held_base(w)}/punten/{w['action'].pk}/bewerken",
        None,
    ),
    "intake.contact_moment": _moment,
    "decisions.decision": lambda w: (
        w["decision"],
        f"{_p(w)}/besluiten/{w['decision'].pk}/bewerken",
        "verwijderen",
    ),
    "decisions.proposal": lambda w: (
        w["proposal"],
        f"{_p(w)}/besluiten/voorstellen/{w['proposal'].pk}/bewerken",
        "verwijderen",
    ),
    "risks.risk": lambda w: (
        w["risk"],
        f"{_p(w)}/risicos/{w['risk'].pk}/bewerken",
        "verwijderen",
    ),
    "risks.paragraph": _paragraph,
}


@pytest.fixture
def w(world, admin_user):  # noqa: F811
    """The permission walk's world, with the user who builds the rest."""
    return {**world, "admin": admin_user}


def edit_urls(key, w):
    obj, edit, delete = CASES[key](w)
    if delete == "verwijderen":
        delete = edit.replace("/bewerken", "/verwijderen")
    return obj, edit, delete


def _snapshot(obj) -> dict:
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return model_to_dict(fresh) | {"version": fresh.version}


def _someone_else_saves(obj) -> None:
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)


def post_data(form: forms.BaseForm) -> dict:
    """What the user's browser sends back for the form as shown (its initial values)."""
    data = {}
    for bf in form:
        value = bf.value()
        widget = bf.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bf.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bf.html_name] = [str(v) for v in value]
            continue
        if value is None:
            data[bf.html_name] = ""
            continue
        shown = widget.format_value(value)
        data[bf.html_name] = shown[0] if isinstance(shown, list) and shown else (shown or "")
    return data


def test_every_editable_is_walked():
    assert sorted(editables()) == sorted(CASES)


@pytest.mark.parametrize("key", sorted(CASES))
def test_stale_save_is_409_and_changes_nothing(key, client, admin_user, w):
    obj, edit_url, _delete = edit_urls(key, w)
    if edit_url is None:
        pytest.skip("no edit page")
    client.force_login(admin_user)
    page = client.get(edit_url)
    assert page.status_code == 200, key
    data = post_data(page.context["form"])
    _someone_else_saves(obj)
    before = _snapshot(obj)
    response = client.post(edit_url, data)
    assert response.status_code == 409, (key, response.context["form"].errors)
    assert response.context["differences"] is not None
    assert _snapshot(obj) == before


@pytest.mark.parametrize("key", sorted(CASES))
def test_stale_delete_is_409_and_deletes_nothing(key, client, admin_user, w):
    obj, _edit, delete_url = edit_urls(key, w)
    if delete_url is None:
        pytest.skip("no delete page")
    client.force_login(admin_user)
    assert client.get(delete_url).status_code == 200, key
    seen = obj.version
    _someone_else_saves(obj)
    response = client.post(delete_url, {"version": seen})
    assert response.status_code == 409, key
    assert response.context["error"]
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()


# Deletes that a rule refuses: something still depends on the object.
REFUSED = {
    "programmes.strategisch-doel": lambda w: w["sg"],  # its operational goals
    "finance.source": lambda w: w["finance"]["source"],  # budget lines use it
}


@pytest.mark.parametrize("key", sorted(REFUSED))
def test_refused_delete_is_400_and_deletes_nothing(key, client, admin_user, w):
    obj, _edit, delete_url = edit_urls(key, w)
    assert REFUSED[key](w) == obj
    client.force_login(admin_user)
    response = client.post(delete_url, {"version": obj.version})
    assert response.status_code == 400, key
    assert response.context["error"]
    assert type(obj)._default_manager.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("key", sorted(CASES))
def test_save_without_version_is_400_and_changes_nothing(key, client, admin_user, w):
    """A crafted POST that leaves out the version the user saw is refused, not a save without
    the conflict check."""
    obj, edit_url, _delete = edit_urls(key, w)
    if edit_url is None:
        pytest.skip("no edit page")
    client.force_login(admin_user)
    page = client.get(edit_url)
    assert page.status_code == 200, key
    data = post_data(page.context["form"])
    assert "version" in data, key
    data.pop("version")
    before = _snapshot(obj)
    response = client.post(edit_url, data)
    if editables()[key][0].empty_version_is_new:
        # No version means "there was none": refused as someone else's (409), no change.
        assert response.status_code == 409, key
    else:
        assert response.status_code == 400, key
        assert "versi" in str(response.context["form"].non_field_errors()), key
    assert _snapshot(obj) == before


@pytest.mark.parametrize("key", sorted(CASES))
@pytest.mark.parametrize("sent", [{}, {"version": ""}, {"version": "abc"}])
def test_delete_without_version_is_400_and_deletes_nothing(key, sent, client, admin_user, w):
    obj, _edit, delete_url = edit_urls(key, w)
    if delete_url is None:
        pytest.skip("no delete page")
    client.force_login(admin_user)
    before = _snapshot(obj)
    response = client.post(delete_url, sent)
    assert response.status_code == 400, key
    assert "versi" in response.context["error"]
    assert _snapshot(obj) == before
