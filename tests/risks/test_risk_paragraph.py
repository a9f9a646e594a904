"""An effort's risk paragraph: the services (create, update, conflicts, another programme), the
page to write it (who may, 409 on a stale save) and how the effort's page shows it."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from koers.programmes import services as din
from koers.programmes.constants import EffortStatus
from koers.programmes.models import Person
from koers.risks import services
from koers.risks.models import EffortRiskParagraph

pytestmark = pytest.mark.django_db

SLUG = "test-programma"
TEXT = "Te weinig vrijwilligers voor de braderie."
MITIGATION = "Vroeg werven via de ondernemersvereniging."


@pytest.fixture
def effort(programme, owner_user):
    return programme.efforts.get(name="Evenementen")


@pytest.fixture
def other_owner(django_user_model, programme, admin_user):
    """The owner of another effort in the same programme."""
    user = django_user_model.objects.create_user("ander", password="wachtwoord-ander")
    person = din.object_create(Person, actor=admin_user, name="Anna Ander", user=user)
    din.effort_create(actor=admin_user, programme=programme, name="Marketing", owner=person)
    return user


@pytest.fixture
def author(admin_user):
    return din.object_create(Person, actor=admin_user, name="Piet Projectleider")


def _fields(**extra):
    return {
        "text": TEXT,
        "mitigation": MITIGATION,
        "drawn_up_on": date(2024, 1, 10),
        **extra,
    }


def _paragraph(programme, effort, actor, **extra) -> EffortRiskParagraph:
    return services.risk_paragraph_create(
        actor=actor, programme=programme, effort=effort, **_fields(**extra)
    )


def _url(effort):
    return reverse("risks:paragraph", args=[SLUG, effort.pk])


def _post(paragraph=None, **extra):
    data = {
        "text": TEXT,
        "mitigation": MITIGATION,
        "drawn_up_on": "2024-01-10",
        "drawn_up_by": "",
        **extra,
    }
    if paragraph is not None:
        data.setdefault("version", paragraph.version)
    return data


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- services ------------------------------------------------------------------------------------


def test_create_and_update_with_history(programme, effort, admin_user, staff_user, author):
    paragraph = _paragraph(programme, effort, admin_user, drawn_up_by=author)
    assert effort.risk_paragraph == paragraph and paragraph.version == 1
    services.risk_paragraph_update(
        paragraph=paragraph, actor=staff_user, expected_version=1, mitigation="Anders"
    )
    paragraph.refresh_from_db()
    assert paragraph.mitigation == "Anders" and paragraph.version == 2
    assert [h.history_user for h in paragraph.history.order_by("history_date")] == [
        admin_user,
        staff_user,
    ]


def test_update_refuses_a_stale_version(programme, effort, admin_user):
    paragraph = _paragraph(programme, effort, admin_user)
    services.risk_paragraph_update(
        paragraph=paragraph, actor=admin_user, expected_version=1, text="Nieuw"
    )
    stale = EffortRiskParagraph.objects.get(pk=paragraph.pk)
    with pytest.raises(services.ConflictError):
        services.risk_paragraph_update(
            paragraph=stale, actor=admin_user, expected_version=1, text="Oud"
        )
    assert EffortRiskParagraph.objects.get(pk=paragraph.pk).text == "Nieuw"


def test_second_create_is_a_conflict(programme, effort, admin_user):
    _paragraph(programme, effort, admin_user)
    with pytest.raises(services.ConflictError):
        _paragraph(programme, effort, admin_user, text="Nog een")
    assert EffortRiskParagraph.objects.count() == 1


def test_effort_of_another_programme_is_refused(programme, other_programme, admin_user):
    foreign = other_programme.efforts.get()
    with pytest.raises(ValidationError):
        _paragraph(programme, foreign, admin_user)
    assert not EffortRiskParagraph.objects.exists()


def test_required_fields_and_no_future_date(programme, effort, admin_user):
    with pytest.raises(ValidationError) as exc:
        _paragraph(programme, effort, admin_user, text="", mitigation="")
    assert {"text", "mitigation"} <= set(exc.value.message_dict)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        _paragraph(programme, effort, admin_user, drawn_up_on=tomorrow)
    assert "drawn_up_on" in exc.value.message_dict


def test_effort_delete_takes_the_paragraph(programme, effort, admin_user):
    _paragraph(programme, effort, admin_user)
    din.object_delete(effort, actor=admin_user, expected_version=None)
    assert not EffortRiskParagraph.objects.exists()


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin_user", 200),
        ("staff_user", 200),
        ("owner_user", 200),
        ("other_owner", 403),
        ("reader_user", 403),
        ("outsider_user", 403),
    ],
)
def test_who_may_open_the_page(client, request, effort, role, status):
    client.force_login(request.getfixturevalue(role))
    assert client.get(_url(effort)).status_code == status
    response = client.post(_url(effort), _post())
    assert response.status_code == (302 if status == 200 else 403)
    assert EffortRiskParagraph.objects.exists() == (status == 200)


def test_anonymous_is_sent_to_log_in(client, effort):
    response = client.get(_url(effort))
    assert response.status_code == 302 and "/account/inloggen" in response["Location"]


def test_unknown_effort_or_effort_of_another_programme_is_404(client, admin_user, other_programme):
    client.force_login(admin_user)
    assert client.get(reverse("risks:paragraph", args=[SLUG, 99999])).status_code == 404
    foreign = other_programme.efforts.get()
    assert client.get(reverse("risks:paragraph", args=[SLUG, foreign.pk])).status_code == 404


def test_owner_writes_it_and_the_effort_page_shows_it(client, owner_user, effort):
    client.force_login(owner_user)
    form = _text(client.get(_url(effort)))
    person = Person.objects.get(user=owner_user)
    # A new paragraph is drawn up today by the person of the user writing it.
    assert f'<option value="{person.pk}" selected>' in form
    assert f'value="{timezone.localdate().isoformat()}"' in form
    response = client.post(_url(effort), _post(drawn_up_by=person.pk))
    assert response.status_code == 302
    assert response["Location"] == effort.get_absolute_url() + "#risicoparagraaf"
    paragraph = EffortRiskParagraph.objects.get(effort=effort)
    assert paragraph.drawn_up_by == person
    assert paragraph.history.get().history_user == owner_user
    page = _text(client.get(effort.get_absolute_url()))
    section = re.search(r'<section class="koers-risk-paragraph".*?</section>', page).group(0)
    assert TEXT in section and MITIGATION in section
    assert "10 januari 2024" in section and "Tess Trekker" in section
    assert _url(effort) in section  # the owner may edit it


def test_edit_and_stale_save_gives_409_with_differences(
    client, staff_user, admin_user, programme, effort
):
    paragraph = _paragraph(programme, effort, admin_user)
    client.force_login(staff_user)
    assert TEXT in _text(client.get(_url(effort)))
    response = client.post(_url(effort), _post(paragraph, text="Eerste wijziging"))
    assert response.status_code == 302
    # Saving again with the version first seen: refused, nothing overwritten.
    response = client.post(_url(effort), _post(paragraph, text="Tweede wijziging"))
    assert response.status_code == 409
    html = _text(response)
    assert "Eerste wijziging" in html and "Tweede wijziging" in html  # the differences
    assert 'name="version" value="2"' in html
    assert EffortRiskParagraph.objects.get().text == "Eerste wijziging"
    # Saving once more is a deliberate choice and goes through.
    response = client.post(_url(effort), _post(paragraph, text="Tweede wijziging", version=2))
    assert response.status_code == 302
    assert EffortRiskParagraph.objects.get().text == "Tweede wijziging"


def test_create_when_someone_wrote_one_meanwhile_is_409(
    client, staff_user, admin_user, programme, effort
):
    client.force_login(staff_user)
    assert 'name="version"' in client.get(_url(effort)).content.decode()  # opened while none
    _paragraph(programme, effort, admin_user, text="Door een ander geschreven")
    response = client.post(_url(effort), _post(text="Mijn tekst"))  # no version: a new one
    assert response.status_code == 409
    html = _text(response)
    assert "Door een ander geschreven" in html and "Mijn tekst" in html
    assert EffortRiskParagraph.objects.get().text == "Door een ander geschreven"
    with pytest.raises(services.ConflictError):  # the service refuses a second one too
        _paragraph(programme, effort, staff_user)


def test_invalid_input_is_400(client, staff_user, effort):
    client.force_login(staff_user)
    response = client.post(_url(effort), _post(text="", drawn_up_on="morgen"))
    assert response.status_code == 400
    assert not EffortRiskParagraph.objects.exists()


# --- the notice on the effort's page -------------------------------------------------------------


def _set(effort, actor, **fields):
    din.object_update(effort, actor=actor, expected_version=None, **fields)


@pytest.mark.parametrize(
    ("fields", "notice"),
    [
        ({"status": EffortStatus.EXECUTION}, True),
        ({"status": EffortStatus.COMPLETED}, True),
        ({"status": EffortStatus.PLANNED, "start_date": date(2020, 1, 1)}, True),
        ({"status": EffortStatus.PLANNED}, False),
        ({"status": EffortStatus.PREPARATION, "start_date": date(2999, 1, 1)}, False),
        ({"status": EffortStatus.STOPPED, "start_date": date(2020, 1, 1)}, False),
    ],
)
def test_started_without_paragraph_notice(client, reader_user, admin_user, effort, fields, notice):
    _set(effort, admin_user, **fields)
    client.force_login(reader_user)
    page = _text(client.get(effort.get_absolute_url()))
    assert ('id="risk-paragraph-missing"' in page) is notice
    assert ('id="risk-paragraph-none"' in page) is not notice
    assert _url(effort) not in page  # a reader may not write it


def test_notice_links_the_owner_to_the_form_and_goes_once_written(
    client, owner_user, admin_user, programme, effort
):
    _set(effort, admin_user, status=EffortStatus.EXECUTION)
    client.force_login(owner_user)
    page = _text(client.get(effort.get_absolute_url()))
    notice = re.search(r'id="risk-paragraph-missing".*?</div> </div>', page).group(0)
    assert _url(effort) in notice
    _paragraph(programme, effort, admin_user)
    page = _text(client.get(effort.get_absolute_url()))
    assert 'id="risk-paragraph-missing"' not in page and TEXT in page
