"""The scope changes of an adopted programme beyond adding and removing: stopping an effort (or
starting it again), moving its end date past the programme's end or before today, moving it to
another track, and changing the programme's period. Each needs a decision; without one nothing is
written. In a draft programme all of them change freely."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.decisions.models import ProgrammeChange
from koers.programmes import services
from koers.programmes.constants import ChangeKind
from koers.programmes.models import Effort, Programme, Track

pytestmark = pytest.mark.django_db


def _effort(programme) -> Effort:
    """The effort with its programme as stored now."""
    return Effort.objects.select_related("programme").get(programme=programme, name="Evenementen")


def _refused(call) -> str:
    with pytest.raises(ValidationError) as exc_info:
        call()
    return " ".join(exc_info.value.message_dict["decision"])


def _update(effort, actor, decision=None, **fields):
    return services.object_update(
        effort, actor=actor, expected_version=None, decision=decision, **fields
    )


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"status": "gestopt"}, ChangeKind.EFFORT_STOPPED),
        ({"end_date": dt.date(2019, 6, 30)}, ChangeKind.EFFORT_END_MOVED),  # before today
        ({"end_date": dt.date(2024, 12, 31)}, ChangeKind.EFFORT_END_MOVED),  # past the end
    ],
)
def test_an_effort_change_of_scope_needs_a_decision(
    adopted, admin_user, owner_user, decision, fields, kind
):
    effort = _effort(adopted)
    before = Effort.objects.filter(pk=effort.pk).values(*fields, "version").get()
    changes = ProgrammeChange.objects.count()
    for actor in (admin_user, owner_user):  # staff and the effort's owner alike
        message = _refused(lambda: _update(_effort(adopted), actor, **fields))  # noqa: B023
        assert "besluit" in message
    assert Effort.objects.filter(pk=effort.pk).values(*fields, "version").get() == before
    assert ProgrammeChange.objects.count() == changes
    _update(_effort(adopted), admin_user, decision=decision, **fields)
    change = ProgrammeChange.objects.latest("pk")
    assert (change.kind, change.decision, change.subject) == (kind, decision, "Evenementen")


def test_stopping_and_resuming_are_recorded_from_what_to_what(adopted, admin_user, decision):
    _update(_effort(adopted), admin_user, decision=decision, status="gestopt")
    _update(_effort(adopted), admin_user, decision=decision, status="uitvoering")
    stopped, resumed = ProgrammeChange.objects.filter(
        kind__in=[ChangeKind.EFFORT_STOPPED, ChangeKind.EFFORT_RESUMED]
    ).order_by("pk")
    assert (stopped.before, stopped.after) == ("gepland", "gestopt")
    assert (resumed.kind, resumed.before, resumed.after) == (
        ChangeKind.EFFORT_RESUMED,
        "gestopt",
        "in uitvoering",
    )


def test_moving_an_effort_to_another_track_needs_a_decision(adopted, admin_user, decision):
    other = services.object_create(Track, actor=admin_user, programme=adopted, name="Spoor 2")
    assert "besluit" in _refused(lambda: _update(_effort(adopted), admin_user, track=other))
    assert _effort(adopted).track.name == "Spoor 1"
    _update(_effort(adopted), admin_user, decision=decision, track=other)
    change = ProgrammeChange.objects.get(kind=ChangeKind.EFFORT_TRACK_MOVED)
    assert (change.before, change.after) == ("Spoor 1", "Spoor 2")


def test_the_programme_period_needs_a_decision(adopted, admin_user, decision):
    def extend(**kwargs):
        return services.programme_update(
            programme=Programme.objects.get(pk=adopted.pk),
            actor=admin_user,
            expected_version=None,
            period_end=dt.date(2023, 12, 31),
            **kwargs,
        )

    assert "besluit" in _refused(extend)
    assert Programme.objects.get(pk=adopted.pk).period_end == dt.date(2022, 12, 31)
    extend(decision=decision)
    change = ProgrammeChange.objects.get(kind=ChangeKind.PERIOD_CHANGED)
    assert change.decision == decision and "2023" in change.after and "2022" in change.before


def test_other_effort_changes_and_a_draft_programme_need_none(programme, admin_user):
    # A draft: everything changes freely and nothing is recorded.
    _update(_effort(programme), admin_user, status="gestopt", end_date=dt.date(2019, 6, 30))
    assert not ProgrammeChange.objects.exists()


def test_in_an_adopted_programme_a_description_or_an_end_date_within_needs_none(
    adopted, admin_user, decision
):
    from tests.builders import RUNNING_END

    services.programme_update(
        programme=Programme.objects.get(pk=adopted.pk),
        actor=admin_user,
        expected_version=None,
        period_end=RUNNING_END,
        decision=decision,
    )
    changes = ProgrammeChange.objects.count()
    effort = _effort(adopted)
    _update(effort, admin_user, description="Meer evenementen.", status="uitvoering")
    _update(_effort(adopted), admin_user, end_date=dt.date(2029, 6, 30))  # after today, within
    assert ProgrammeChange.objects.count() == changes


def test_the_owner_stopping_their_effort_through_the_form_proposes_it(client, adopted, owner_user):
    """An effort owner can propose, not apply, a change of scope of their own effort."""
    from koers.decisions.models import PendingChange
    from tests.ui.test_conflicts import post_data

    effort = _effort(adopted)
    url = f"/programmas/{adopted.slug}/inspanning/{effort.pk}/bewerken"
    client.force_login(owner_user)
    page = client.get(url)
    fields = page.context["form"].fields
    assert page.status_code == 200 and "decision" not in fields and "proposal" in fields
    data = post_data(page.context["form"]) | {"status": "gestopt"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "wijzigingsvoorstel" in refused.content.decode()
    assert _effort(adopted).status == "gepland"
    proposed = client.post(
        url, data | {"proposal": "nieuw", "reason": "De subsidie is vervallen."}, follow=True
    )
    assert proposed.status_code == 200
    pending = PendingChange.objects.get()
    assert proposed.redirect_chain[-1][0] == pending.proposal.get_absolute_url()
    assert "nog niet van kracht" in proposed.content.decode()
    assert [d["kind"] for d in pending.described] == [ChangeKind.EFFORT_STOPPED]
    assert _effort(adopted).status == "gepland"
    assert not ProgrammeChange.objects.filter(kind=ChangeKind.EFFORT_STOPPED).exists()
