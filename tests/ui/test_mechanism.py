"""The pieces of the one edit mechanism on their own: what the other person saved, the safe
``next``, and the statuses of a versioned submit."""

from __future__ import annotations

import pytest
from django import forms
from django.db.models import ProtectedError
from django.test import RequestFactory

from koers.programmes import services
from koers.programmes.models import Effort, StrategicGoal
from koers.ui import (
    DutchDecimalField,
    VersionedForm,
    safe_next,
    saved_differences,
    versioned_submit,
)

pytestmark = pytest.mark.django_db


class _GoalForm(VersionedForm):
    code = forms.CharField(label="code")
    text = forms.CharField(label="text", required=False)
    order = DutchDecimalField(label="order", max_digits=9, decimal_places=2)
    field_names = ("code", "text", "order")


def test_differences_compare_through_the_fields(programme, admin_user):
    goal = StrategicGoal.objects.get(code="1")
    seen = goal.version
    services.object_update(goal, actor=admin_user, expected_version=seen, text="Hun tekst")
    # 1.000 and 1000 are the same number; only the text differs.
    form = _GoalForm({"code": "1", "text": "Mijn tekst", "order": f"{goal.order}", "version": seen})
    assert form.is_valid()
    rows = saved_differences(goal, form)
    assert rows == [("text", "Hun tekst", "Mijn tekst")]
    assert form.data["version"] == str(seen + 1)  # saving again replaces theirs deliberately


def test_differences_of_a_deleted_object_are_none(programme, admin_user):
    effort = programme.efforts.first()
    form = forms.Form({})
    Effort.objects.filter(pk=effort.pk).delete()
    assert saved_differences(effort, form) is None


def test_choices_are_shown_by_their_label(programme):
    effort = programme.efforts.first()

    class StatusForm(VersionedForm):
        status = forms.ChoiceField(label="status", choices=Effort._meta.get_field("status").choices)
        field_names = ("status",)

    other = next(v for v, _label in StatusForm.base_fields["status"].choices if v != effort.status)
    form = StatusForm({"status": other, "version": effort.version}, instance=effort)
    assert form.is_valid()
    [(label, saved, typed)] = saved_differences(effort, form)
    labels = dict(StatusForm.base_fields["status"].choices)
    assert (saved, typed) == (str(labels[effort.status]), str(labels[other]))


@pytest.mark.parametrize(
    ("target", "safe"),
    [("/programmas/x/", True), ("https://elders.example/", False), ("//elders.example/", False)],
)
def test_next_stays_inside_koers(target, safe):
    request = RequestFactory().get("/", {"next": target})
    assert (safe_next(request) == target) is safe


def test_versioned_submit_statuses(programme):
    class Plain(forms.Form):
        version = forms.IntegerField(required=False)

    assert versioned_submit(Plain({"version": "x"}), lambda v: None).status == 400
    assert versioned_submit(Plain({"version": "1"}), lambda v: v).result == 1

    def stale(version):
        raise services.ConflictError()

    assert versioned_submit(Plain({"version": "1"}), stale).status == 409

    def protected(version):
        raise ProtectedError("in use", [programme])

    refused = versioned_submit(Plain({"version": "1"}), protected)
    assert refused.status == 400 and refused.error


def test_an_editable_without_a_right_is_refused():
    from koers.programmes.models import Track
    from koers.ui import Editable

    with pytest.raises(ValueError):
        Editable(key="x", model=Track)
