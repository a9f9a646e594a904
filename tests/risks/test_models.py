"""The risk itself: the 1–5 scales, the score, scoring both or neither."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from koers.risks.constants import RiskKind, ScoreBand, score_band
from koers.risks.models import Risk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [0, 6, 10])
@pytest.mark.parametrize("field", ["likelihood", "impact"])
def test_scale_outside_one_to_five_is_refused(make_risk, field, value):
    other = "impact" if field == "likelihood" else "likelihood"
    with pytest.raises(ValidationError) as exc:
        make_risk(**{field: value, other: 3})
    assert field in exc.value.message_dict
    assert not Risk.objects.exists()


@pytest.mark.parametrize("value", [1, 5])
def test_scale_bounds_are_accepted(make_risk, value):
    risk = make_risk(likelihood=value, impact=value)
    assert risk.score == value * value


def test_database_refuses_out_of_scale(make_risk):
    risk = make_risk(likelihood=2, impact=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Risk.objects.filter(pk=risk.pk).update(likelihood=7)


def test_score_is_likelihood_times_impact(make_risk):
    risk = make_risk(likelihood=4, impact=5)
    assert risk.score == 20
    assert risk.band == ScoreBand.HIGH
    assert risk.is_scored


def test_unscored_risk_has_no_score(make_risk):
    risk = make_risk()
    assert risk.likelihood is None and risk.impact is None
    assert risk.score is None and risk.band is None and not risk.is_scored


@pytest.mark.parametrize(
    ("given", "missing"), [({"likelihood": 3}, "impact"), ({"impact": 2}, "likelihood")]
)
def test_both_or_neither(make_risk, given, missing):
    with pytest.raises(ValidationError) as exc:
        make_risk(**given)
    assert missing in exc.value.message_dict


def test_kind_is_required_and_checked(make_risk):
    with pytest.raises(ValidationError) as exc:
        make_risk(kind="iets")
    assert "kind" in exc.value.message_dict
    assert make_risk(kind=RiskKind.EFFORTS).get_kind_display()


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, ScoreBand.LOW),
        (4, ScoreBand.LOW),
        (5, ScoreBand.MEDIUM),
        (10, ScoreBand.MEDIUM),
        (12, ScoreBand.HIGH),
        (25, ScoreBand.HIGH),
        (None, None),
    ],
)
def test_bands(score, band):
    assert score_band(score) == band
