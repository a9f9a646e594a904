"""DIN-13 on the two demo programmes: the seed texts agree with their indicators, and a target
changed by decision without its text (issue 16: 1a from +7.000 to +8.000) is found."""

from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from koers.din.selectors_check import programme_check
from koers.programmes.models import Indicator, Programme


def _text_findings(slug: str, as_of: date) -> list[tuple[str, str]]:
    programme = Programme.objects.get(slug=slug)
    with translation.override("nl"):
        result = programme_check(programme, as_of=as_of).result
        return [(f.key, f.message) for f in result.findings if f.rule_id == "DIN-13"]


def test_the_demo_texts_agree_with_their_indicators(demo):
    assert _text_findings("almelo-binnenstad", date(2020, 6, 1)) == []
    assert _text_findings("almelo-stedelijke-ontwikkeling", date(2026, 11, 1)) == []


def test_the_demo_goal_1a_with_the_target_of_the_college_decision(demo):
    Indicator.objects.filter(
        operational_goal__programme__slug="almelo-binnenstad", operational_goal__code="1a"
    ).update(target_value=Decimal("8000"))
    assert _text_findings("almelo-binnenstad", date(2020, 6, 1)) == [
        (
            "1a",
            "De tekst noemt 7.000, de streefwaarde is 8.000: pas de tekst of de streefwaarde aan.",
        )
    ]
    assert _text_findings("almelo-stedelijke-ontwikkeling", date(2026, 11, 1)) == []


def test_the_check_page_shows_the_finding_with_the_goal_form(demo, client, admin_user):
    programme = Programme.objects.get(slug="almelo-binnenstad")
    goal = programme.operational_goals.get(code="1a")
    Indicator.objects.filter(operational_goal=goal).update(target_value=Decimal("8000"))
    client.force_login(admin_user)
    response = client.get(reverse("din:check", args=[programme.slug]), HTTP_ACCEPT_LANGUAGE="nl")
    html = response.content.decode()
    assert 'id="DIN-13"' in html
    assert "Tekst en streefwaarde spreken elkaar tegen" in html
    assert "De tekst noemt 7.000, de streefwaarde is 8.000" in html
    assert reverse("programmes:element_edit", args=[programme.slug, "doel", goal.pk]) in html
