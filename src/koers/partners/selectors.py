"""Every read of the partners pages and documents, with a fixed number of queries: the
programme's contributions (one query), its efforts with their partners (two) and the partners'
interests (one), however many partners and contributions there are."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404

from koers.programmes.models import Effort, PartnerOrganisation, Programme

from .models import Contribution, PartnerInterest
from .totals import Totals, totals, totals_by_year


@dataclass
class PartnerBlock:
    """One partner in the programme: its interests, the efforts it is linked to, its
    contributions with the totals per year and overall."""

    partner: PartnerOrganisation
    interest: PartnerInterest | None = None
    efforts: list[Effort] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    years: dict[int, Totals] = field(default_factory=dict)
    total: Totals = field(default_factory=Totals)

    @property
    def interests(self) -> str:
        return self.interest.interests if self.interest else ""


@dataclass
class EffortBlock:
    """One effort with its partners and who contributes what."""

    effort: Effort
    partners: list[PartnerOrganisation] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    total: Totals = field(default_factory=Totals)


@dataclass
class PartnersOverview:
    programme: Programme
    partners: list[PartnerBlock]
    efforts: list[EffortBlock]
    total: Totals
    years: list[int]

    def year_rows(self, year: int) -> list[tuple[PartnerBlock, Totals]]:
        """The partners with a contribution in ``year`` and their totals of that year."""
        return [(b, b.years[year]) for b in self.partners if year in b.years]

    def year_total(self, year: int) -> Totals:
        return totals(c for b in self.partners for c in b.contributions if c.year == year)


def programme_contributions(programme: Programme):
    return (
        Contribution.objects.filter(effort__programme=programme)
        .select_related("partner", "effort__programme")
        .order_by("partner__name", "year", "kind", "effort__order", "effort__name", "pk")
    )


def partners_overview(programme: Programme) -> PartnersOverview:
    """Per partner what it committed and delivered (per year and in total), per effort who
    contributes what. The partners are those linked to an effort of the programme, those with a
    contribution and those with recorded interests, by name."""
    contributions = list(programme_contributions(programme))
    efforts = list(
        programme.efforts.working().prefetch_related("partners").order_by("order", "name")
    )
    interests = PartnerInterest.objects.filter(programme=programme).select_related("partner")

    blocks: dict[int, PartnerBlock] = {}

    def block(partner: PartnerOrganisation) -> PartnerBlock:
        if partner.pk not in blocks:
            blocks[partner.pk] = PartnerBlock(partner)
        return blocks[partner.pk]

    effort_blocks = {e.pk: EffortBlock(e, partners=list(e.partners.all())) for e in efforts}
    for e in efforts:
        for p in e.partners.all():
            block(p).efforts.append(e)
    for interest in interests:
        block(interest.partner).interest = interest
    for c in contributions:
        b = block(c.partner)
        b.contributions.append(c)
        eb = effort_blocks[c.effort_id]
        eb.contributions.append(c)
        if all(p.pk != c.partner_id for p in eb.partners):
            eb.partners.append(c.partner)  # removed from the effort after committing
    for b in blocks.values():
        b.years = totals_by_year(b.contributions)
        b.total = totals(b.contributions)
    for eb in effort_blocks.values():
        eb.contributions.sort(key=lambda c: (c.partner.name.lower(), c.year, c.kind, c.pk))
        eb.total = totals(eb.contributions)
    return PartnersOverview(
        programme=programme,
        partners=sorted(blocks.values(), key=lambda b: b.partner.name.lower()),
        efforts=list(effort_blocks.values()),
        total=totals(contributions),
        years=sorted({c.year for c in contributions}),
    )


def effort_contributions(effort: Effort) -> list[Contribution]:
    """The contributions to one effort (one query), by partner and year."""
    return list(
        Contribution.objects.filter(effort=effort)
        .select_related("partner", "effort")
        .order_by("partner__name", "year", "kind", "pk")
    )


def contribution_get(programme: Programme, pk: int) -> Contribution:
    c = (
        Contribution.objects.filter(pk=pk, effort__programme=programme)
        .select_related("partner", "effort")
        .first()
    )
    if c is None:
        raise Http404
    return c


def partner_get(programme: Programme, pk: int) -> PartnerOrganisation:
    """A partner organisation the programme has: linked to one of its efforts, with a
    contribution to it, or with recorded interests in it."""
    partner = (
        PartnerOrganisation.objects.filter(pk=pk)
        .filter(
            Q(efforts__programme=programme)
            | Q(contributions__effort__programme=programme)
            | Q(interests__programme=programme)
        )
        .distinct()
        .first()
    )
    if partner is None:
        raise Http404
    return partner


def interest_get(programme: Programme, partner: PartnerOrganisation) -> PartnerInterest | None:
    return PartnerInterest.objects.filter(programme=programme, partner=partner).first()
