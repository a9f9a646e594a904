"""The contract's risks in the demo: verbatim titles, nothing invented, idempotent."""

import pytest
from django.core.management import call_command

from koers.demo.risks import RISKS, load_demo_risks
from koers.programmes.models import Programme
from koers.risks.constants import RiskKind, RiskStatus
from koers.risks.models import Risk

pytestmark = pytest.mark.django_db

TITLES = [
    "Nieuwe werkwijze",
    "Verschillende verwachtingen en weerstand",
    "Onvoldoende beschikbaarheid van medewerkers",
    "Veranderende politieke landschappen",
    "Realisatie van concurrerend aanbod elders in de gemeente die strategische doelstellingen "
    "onder druk kunnen zetten",
    "Bijdrage van verschillende partners aan programma",
]


@pytest.fixture
def binnenstad(admin_user):
    call_command("demo", "--no-users", verbosity=0)
    return Programme.objects.get(slug="almelo-binnenstad")


def _load(binnenstad, admin_user):
    """Load the risks unless the demo loader already does (once the lead has wired it)."""
    return load_demo_risks(binnenstad, admin_user)


def test_titles_verbatim_and_nothing_invented(binnenstad, admin_user):
    _load(binnenstad, admin_user)
    risks = list(Risk.objects.filter(programme=binnenstad).order_by("pk"))
    assert [r.title for r in risks] == TITLES == [r.title for r in RISKS]
    for risk in risks:
        assert risk.likelihood is None and risk.impact is None and risk.score is None
        assert risk.owner is None and risk.next_review is None and risk.mitigation == ""
        assert risk.status == RiskStatus.OPEN
        assert "De bron geeft geen kans en impact" in risk.note
    by_title = {r.title: r for r in risks}
    competing = by_title[TITLES[4]]
    assert competing.kind == RiskKind.GOALS
    assert sorted(g.code for g in competing.goals.all()) == ["1a", "2a", "2b"]
    assert all(r.kind == RiskKind.EFFORTS for r in risks if r is not competing)
    # The source's typing errors are kept and pointed out.
    assert (
        "Programmanagement is een nieuwe sturingsvorm" in by_title["Nieuwe werkwijze"].description
    )
    assert "tikfout" in by_title["Nieuwe werkwijze"].note
    assert "wordt ondermijnt" in competing.description and "doestelling" in competing.description
    assert "(kapitaaldienst uren)" in by_title[TITLES[2]].description
    assert "- Commitment aan de visie en de doelen;" in by_title["Nieuwe werkwijze"].description


def test_idempotent(binnenstad, admin_user):
    _load(binnenstad, admin_user)
    assert load_demo_risks(binnenstad, admin_user) == []
    assert Risk.objects.filter(programme=binnenstad).count() == len(TITLES)


def test_other_programmes_get_no_risks(binnenstad, admin_user):
    other = Programme.objects.exclude(slug="almelo-binnenstad").first()
    assert other is not None
    assert load_demo_risks(other, admin_user) == []
    assert not Risk.objects.filter(programme=other).exists()
