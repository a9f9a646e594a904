"""Recording contributions and interests: kind-specific fields, exact amounts, the partner
linked to the effort, one money or hours line per partner, effort and year, stale edits
refused, a partner with contributions cannot be deleted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.partners import services
from koers.partners.models import Contribution, PartnerInterest
from koers.partners.selectors import partners_overview
from koers.programmes import services as din
from tests.builders import bare_programme

pytestmark = pytest.mark.django_db
D = Decimal


def money(admin_user, partner, effort, amount, year=2020, **kw):
    return services.contribution_create(
        actor=admin_user,
        partner=partner,
        effort=effort,
        year=year,
        kind="geld",
        committed_amount=D(amount),
        **kw,
    )


def test_partner_totals_per_partner_and_effort(admin_user, programme, partners):
    k, b = partners["kennis"], partners["bomen"]
    ev, mk = partners["events"], partners["markt"]
    money(admin_user, k, ev, "1000.10", delivered_amount=D("500.05"))
    money(admin_user, k, mk, "0.20", year=2021)
    services.contribution_create(
        actor=admin_user, partner=k, effort=ev, year=2020, kind="uren",
        committed_hours=D("120.5"), delivered_hours=D("80.2"),
    )  # fmt: skip
    services.contribution_create(
        actor=admin_user, partner=b, effort=ev, year=2021, kind="product",
        description="Boomplan voor de Grotestraat", delivered_note="Plan opgeleverd",
    )  # fmt: skip
    services.contribution_create(
        actor=admin_user, partner=b, effort=ev, year=2021, kind="product",
        description="Onderhoudsplan",
    )  # fmt: skip
    ov = partners_overview(programme)
    blocks = {blk.partner.name: blk for blk in ov.partners}
    kt = blocks["Kennispunt Twente"].total
    assert kt.committed_amount == D("1000.30") and kt.delivered_amount == D("500.05")
    assert kt.committed_hours == D("120.5") and kt.delivered_hours == D("80.2")
    assert blocks["Kennispunt Twente"].years[2021].committed_amount == D("0.20")
    bt = blocks["Bomenstad"].total
    assert (bt.deliverables, bt.delivered_deliverables) == (2, 1)
    efforts = {eb.effort.name: eb for eb in ov.efforts}
    assert efforts["Evenementen"].total.committed_amount == D("1000.10")
    assert efforts["Evenementen"].total.deliverables == 2
    assert efforts["Weekmarkt"].total.committed_amount == D("0.20")
    assert [p.name for p in efforts["Evenementen"].partners] == ["Bomenstad", "Kennispunt Twente"]
    assert ov.total.committed_amount == D("1000.30")
    assert ov.years == [2020, 2021]
    assert ov.year_total(2021).committed_amount == D("0.20")


def test_the_partner_becomes_a_partner_of_the_effort(admin_user, partners):
    b, mk = partners["bomen"], partners["markt"]
    assert not mk.partners.exists()
    money(admin_user, b, mk, "10")
    mk.refresh_from_db()
    assert list(mk.partners.all()) == [b]
    assert mk.version == 2  # through the DIN's service, in the effort's history
    assert mk.history.first().history_change_reason


@pytest.mark.parametrize(
    "kind, fields, field",
    [
        ("geld", {}, "committed_amount"),
        ("geld", {"committed_amount": D("5"), "committed_hours": D("3")}, "committed_hours"),
        ("geld", {"committed_amount": D("5"), "delivered_hours": D("3")}, "delivered_hours"),
        ("uren", {}, "committed_hours"),
        ("uren", {"committed_hours": D("5"), "delivered_amount": D("3")}, "delivered_amount"),
        ("product", {}, "description"),
        ("product", {"description": "Plan", "committed_amount": D("1")}, "committed_amount"),
        ("geld", {"committed_amount": D("-1")}, "committed_amount"),
        ("geld", {"committed_amount": D("1.005")}, "committed_amount"),
        ("uren", {"committed_hours": D("1.25")}, "committed_hours"),
    ],
)
def test_kind_specific_fields(admin_user, partners, kind, fields, field):
    with pytest.raises(ValidationError) as exc:
        services.contribution_create(
            actor=admin_user,
            partner=partners["kennis"],
            effort=partners["events"],
            year=2020,
            kind=kind,
            **fields,
        )
    assert field in exc.value.message_dict
    assert Contribution.objects.count() == 0


def test_one_money_line_per_partner_effort_and_year(admin_user, partners):
    money(admin_user, partners["kennis"], partners["events"], "10")
    with pytest.raises(ValidationError) as exc:
        money(admin_user, partners["kennis"], partners["events"], "20")
    assert "Kennispunt Twente" in exc.value.message_dict["year"][0]  # in words, on the year
    money(admin_user, partners["kennis"], partners["events"], "20", year=2021)
    assert Contribution.objects.count() == 2


def test_stale_update_and_delete_are_refused(admin_user, partners):
    c = money(admin_user, partners["kennis"], partners["events"], "10")
    services.contribution_update(
        contribution=c, actor=admin_user, expected_version=1, delivered_amount=D("9.99")
    )
    stale = Contribution.objects.get(pk=c.pk)
    stale.version = 1
    with pytest.raises(services.ConflictError):
        services.contribution_update(
            contribution=stale, actor=admin_user, expected_version=1, delivered_amount=D("1")
        )
    with pytest.raises(services.ConflictError):
        services.contribution_delete(contribution=c, actor=admin_user, expected_version=1)
    assert Contribution.objects.get(pk=c.pk).delivered_amount == D("9.99")
    services.contribution_delete(contribution=c, actor=admin_user, expected_version=2)
    assert not Contribution.objects.exists()


def test_effort_of_another_programme_is_refused(admin_user, partners):
    other = bare_programme(
        admin_user,
        "ander",
        name="Ander",
        period_start=partners["events"].programme.period_start,
        period_end=partners["events"].programme.period_end,
    )
    elsewhere = din.effort_create(actor=admin_user, programme=other, name="Elders")
    c = money(admin_user, partners["kennis"], partners["events"], "10")
    with pytest.raises(ValidationError) as exc:
        services.contribution_update(
            contribution=c, actor=admin_user, expected_version=1, effort=elsewhere
        )
    assert "effort" in exc.value.message_dict


def test_partner_with_contributions_cannot_be_deleted(admin_user, partners):
    money(admin_user, partners["bomen"], partners["markt"], "10")
    with pytest.raises(ValidationError):
        din.object_delete(partners["bomen"], actor=admin_user, expected_version=None)
    partners["markt"].refresh_from_db()
    assert partners["markt"].partners.exists()  # the release was rolled back too


def test_deleting_the_effort_takes_its_contributions(admin_user, partners):
    money(admin_user, partners["bomen"], partners["markt"], "10")
    din.object_delete(partners["markt"], actor=admin_user, expected_version=None)
    assert not Contribution.objects.exists()


def test_interests_are_recorded_and_stale_edits_refused(admin_user, programme, partners):
    k = partners["kennis"]
    i = services.interest_save(
        actor=admin_user, programme=programme, partner=k, interests=" Data ", expected_version=None
    )
    assert i.interests == "Data"
    with pytest.raises(services.ConflictError):  # someone recorded them meanwhile
        services.interest_save(
            actor=admin_user, programme=programme, partner=k, interests="X", expected_version=None
        )
    services.interest_save(
        actor=admin_user, programme=programme, partner=k, interests="Meer", expected_version=1
    )
    with pytest.raises(services.ConflictError):
        services.interest_save(
            actor=admin_user, programme=programme, partner=k, interests="Y", expected_version=1
        )
    assert PartnerInterest.objects.get().interests == "Meer"
    blocks = {b.partner.name: b for b in partners_overview(programme).partners}
    assert blocks["Kennispunt Twente"].interests == "Meer"
