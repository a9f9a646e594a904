"""Moving money between efforts: the pure support rule, the service (to the cent, refusals in
words, nothing written on error, change control, locking and versions), the page (permissions,
preview with the goals that lose support, confirm, stale confirm) and fixed query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.finance import services, transfers
from koers.finance.models import BudgetLine, BudgetTransfer, Spending
from koers.finance.spending import spending_create
from koers.finance.support import goals_losing_support
from koers.programmes import services as din
from koers.programmes.change_control import ChangeKind
from koers.programmes.constants import GoalKind
from tests.builders import bare_programme

D = Decimal
NB = "\u00a0"


# The pure rule ---------------------------------------------------------------------------------


def test_goals_losing_and_gaining_support():
    result = goals_losing_support({"2a", "3b", "10a"}, {"3b", "4c"})
    assert result.losing == ["2a", "10a"]  # numbers compared as numbers
    assert result.gaining == ["4c"]
    assert result.kept == ["3b"]


def test_goals_losing_support_edge_cases():
    assert goals_losing_support(set(), set()).losing == []
    same = goals_losing_support({"1a"}, {"1a"})
    assert (same.losing, same.gaining, same.kept) == ([], [], ["1a"])
    moved = goals_losing_support(set(), {"1b"})
    assert (moved.losing, moved.gaining) == ([], ["1b"])


# Fixtures --------------------------------------------------------------------------------------


@pytest.fixture
def world(programme, budget, admin_user):
    """Evenementen serves 1a and 1b, Markt serves 1b and 1c; Evenementen has € 60.000,50 from
    Programmageld 2019 of which € 30.000,35 is committed or spent (€ 30.000,15 free)."""
    evenementen = programme.efforts.get(name="Evenementen")
    markt = din.effort_create(actor=admin_user, programme=programme, name="Markt")
    goals = {g.code: g for g in programme.operational_goals.all()}
    goals["1c"] = din.operational_goal_create(
        actor=admin_user,
        programme=programme,
        strategic_goal=goals["1a"].strategic_goal,
        code="1c",
        statement="Ondernemers werken samen",
        kind=GoalKind.QUALITATIVE,
    )
    for code, effort in (("1a", evenementen), ("1b", evenementen), ("1b", markt), ("1c", markt)):
        din.goal_effort_link_create(actor=admin_user, operational_goal=goals[code], effort=effort)
    line = budget["line"]
    for kind, amount in (("verplichting", "20000.25"), ("uitgave", "10000.10")):
        spending_create(
            actor=admin_user,
            budget_line=line,
            kind=kind,
            date=dt.date(2019, 5, 1),
            amount=D(amount),
        )
    return {**budget, "evenementen": evenementen, "markt": markt, "goals": goals}


def _move(world, actor, amount, **kwargs):
    values = {
        "from_line": world["line"],
        "to_effort": world["markt"],
        "amount": amount,
        "reason": "Markt heeft meer nodig",
    }
    values.update(kwargs)
    return transfers.budget_transfer_create(actor=actor, **values)


def _state():
    return (
        sorted(BudgetLine.objects.values_list("pk", "amount", "version")),
        BudgetTransfer.objects.count(),
    )


# The service -----------------------------------------------------------------------------------


def test_moves_all_that_is_free_to_the_cent_and_creates_the_line(world, staff_user):
    transfer = _move(world, staff_user, D("30000.15"))
    line = BudgetLine.objects.get(pk=world["line"].pk)
    assert line.amount == D("30000.35")
    assert line.version == world["line"].version + 1
    to_line = BudgetLine.objects.get(effort=world["markt"])
    assert (to_line.source, to_line.year, to_line.amount) == (world["source"], 2019, D("30000.15"))
    assert transfer.from_line == line and transfer.to_line == to_line
    assert transfer.amount == D("30000.15") and transfer.reason == "Markt heeft meer nodig"
    for obj in (line, to_line, transfer):
        record = obj.history.first()
        assert record.history_user == staff_user
        assert record.history_change_reason == "Markt heeft meer nodig"


def test_existing_line_of_the_same_source_and_year_goes_up(world, admin_user, staff_user):
    kwargs = {"actor": admin_user, "programme": world["line"].programme}
    kwargs.update(source=world["source"], effort=world["markt"])
    same = services.budget_line_create(**kwargs, year=2019, amount=D("1000.01"))
    other_year = services.budget_line_create(**kwargs, year=2020, amount=D("500"))
    _move(world, staff_user, D("0.99"))
    same.refresh_from_db()
    other_year.refresh_from_db()
    assert same.amount == D("1001.00") and same.version == 2
    assert other_year.amount == D("500") and other_year.version == 1
    assert BudgetLine.objects.get(pk=world["line"].pk).amount == D("59999.51")


def test_more_than_free_is_refused_naming_line_and_amount(world, staff_user):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, D("30000.16"))
    message = exc.value.message_dict["amount"][0]
    assert "Evenementen" in message and f"€{NB}30.000,15" in message
    assert "meer dan dat kan niet worden verschoven" in message
    assert _state() == before


@pytest.mark.parametrize("reason", ["", "   "])
def test_missing_reason_is_refused(world, staff_user, reason):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, D("10"), reason=reason)
    assert exc.value.message_dict["reason"] == [_("Give the reason for moving the money.")]
    assert _state() == before


def test_same_effort_is_refused(world, staff_user):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, D("10"), to_effort=world["evenementen"])
    assert "Evenementen" in exc.value.message_dict["to_effort"][0]
    assert _state() == before


@pytest.mark.parametrize("amount", [D("0"), D("-5"), D("1.001")])
def test_bad_amounts_are_refused(world, staff_user, amount):
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, amount)
    assert "amount" in exc.value.message_dict
    assert _state() == before


def test_different_source_or_year_is_refused_by_the_record(world, admin_user):
    line = world["line"]
    kwargs = {"actor": admin_user, "programme": line.programme, "effort": world["markt"]}
    other_year = services.budget_line_create(
        **kwargs, source=world["source"], year=2020, amount=D("1")
    )
    source = services.source_create(actor=admin_user, programme=line.programme, name="Subsidie")
    other_source = services.budget_line_create(**kwargs, source=source, year=2019, amount=D("1"))
    for to_line in (other_year, other_source):
        record = BudgetTransfer(
            programme=line.programme, from_line=line, to_line=to_line, amount=D("1"), reason="x"
        )
        with pytest.raises(ValidationError) as exc:
            record.full_clean()
        assert exc.value.message_dict["to_line"] == [
            _("Money moves only between lines of the same source and year.")
        ]


def test_effort_and_decision_of_another_programme_are_refused(world, admin_user, staff_user):
    from koers.decisions.models import Decision

    other = bare_programme(admin_user, "ander", name="Ander", period_end=dt.date(2020, 12, 31))
    stranger = din.effort_create(actor=admin_user, programme=other, name="Vreemd")
    decision = Decision.objects.create(programme=other, date=dt.date(2019, 6, 1), title="Elders")
    before = _state()
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, D("10"), to_effort=stranger)
    assert "to_effort" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _move(world, staff_user, D("10"), decision=decision)
    assert "decision" in exc.value.message_dict
    assert _state() == before


def test_change_control_is_called_with_amounts_and_decision(world, staff_user, monkeypatch):
    from koers.decisions.models import Decision

    calls = []
    monkeypatch.setattr(
        transfers, "controlled_change", lambda change, **kw: calls.append((change, kw))
    )
    decision = Decision.objects.create(
        programme=world["line"].programme, date=dt.date(2019, 6, 1), title="Verschuiving markt"
    )
    transfer = _move(world, staff_user, D("5000"), decision=decision)
    [(change, kw)] = calls
    assert change.kind == ChangeKind.BUDGET_MOVED
    assert change.subject == _("%(amount)s from %(from)s to %(to)s (%(source)s, %(year)s)") % {
        "amount": f"€{NB}5.000",
        "from": "Evenementen",
        "to": "Markt",
        "source": "Programmageld",
        "year": 2019,
    }
    assert change.before == f"Evenementen: €{NB}60.000,50; Markt: €{NB}0"
    assert change.after == f"Evenementen: €{NB}55.000,50; Markt: €{NB}5.000"
    assert kw == {"decision": decision, "actor": staff_user}
    assert transfer.decision == decision


def test_adopted_programme_records_the_change(world, staff_user, admin_user):
    from koers.decisions.models import ProgrammeChange
    from koers.programmes.constants import ProgrammeStatus

    programme = world["line"].programme
    programme.status = ProgrammeStatus.ADOPTED
    programme.save(update_fields=["status"])
    _move(world, staff_user, D("100"))
    change = ProgrammeChange.objects.filter(kind=ChangeKind.BUDGET_MOVED).get()
    assert "Markt" in change.subject and change.changed_by == staff_user


def test_stale_version_is_a_conflict_and_writes_nothing(world, admin_user, staff_user):
    seen = world["line"].version
    services.budget_line_update(
        line=world["line"], actor=admin_user, expected_version=seen, note="intussen"
    )
    before = _state()
    with pytest.raises(transfers.ConflictError):
        _move(world, staff_user, D("10"), expected_version=seen)
    assert _state() == before


def test_line_with_transfers_cannot_be_deleted_but_programme_can(world, staff_user, admin_user):
    _move(world, staff_user, D("10"))
    line = BudgetLine.objects.get(pk=world["line"].pk)
    with pytest.raises(ValidationError):
        services.budget_line_delete(line=line, actor=admin_user, expected_version=None)
    assert Spending.objects.exists()  # the programme takes its spending with it
    din.programme_delete(programme=line.programme, actor=admin_user, expected_version=None)
    assert BudgetTransfer.objects.count() == 0
    assert not Spending.objects.exists()


# The page --------------------------------------------------------------------------------------


def _url(programme):
    return reverse("finance:transfer", args=[programme.slug])


def _data(world, **extra):
    data = {
        "from_line": world["line"].pk,
        "to_effort": world["markt"].pk,
        "amount": "1.500,25",
        "reason": "Markt heeft meer nodig",
        "decision": "",
    }
    data.update(extra)
    return data


def test_url():
    assert reverse("finance:transfer", args=["x"]) == "/programmas/x/middelen/verschuiven"


@pytest.mark.parametrize("role", ["reader", "owner", "outsider"])
def test_only_staff_may_move(client, world, reader_user, owner_user, outsider_user, role):
    user = {"reader": reader_user, "owner": owner_user, "outsider": outsider_user}[role]
    client.force_login(user)
    url = _url(world["line"].programme)
    before = _state()
    assert client.get(url).status_code == 403
    assert client.post(url, _data(world, action="preview")).status_code == 403
    assert client.post(url, _data(world, action="confirm")).status_code == 403
    assert _state() == before


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(_url(world["line"].programme))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_preview_shows_amounts_and_goals_then_confirm_books(client, world, staff_user):
    programme = world["line"].programme
    client.force_login(staff_user)
    assert client.get(_url(programme)).status_code == 200
    before = _state()
    response = client.post(_url(programme), _data(world, action="preview"))
    html = response.content.decode()
    assert response.status_code == 200, html[:3000]
    assert _state() == before  # a preview writes nothing
    assert _("These goals lose support:") in html
    goals = world["goals"]
    losing = html.split(_("These goals lose support:"))[1].split("</p>")[0]
    assert goals["1a"].get_absolute_url() in losing and goals["1a"].statement in losing
    assert goals["1b"].get_absolute_url() not in losing
    gaining = html.split(_("These goals gain support:"))[1].split("</p>")[0]
    assert goals["1c"].get_absolute_url() in gaining
    for amount in ("60.000,50", "58.500,25", "1.500,25"):
        assert f"€{NB}{amount}" in html
    data = _data(world, action="confirm", from_version=world["line"].version)
    response = client.post(_url(programme), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("finance:budget", args=[programme.slug]))
    assert BudgetLine.objects.get(pk=world["line"].pk).amount == D("58500.25")
    assert BudgetLine.objects.get(effort=world["markt"]).amount == D("1500.25")
    page = client.get(reverse("finance:budget", args=[programme.slug])).content.decode()
    listing = page.split('id="verschuivingen"')[1]
    assert "Markt heeft meer nodig" in listing and f"€{NB}1.500,25" in listing
    assert str(staff_user) in listing


def test_refusals_are_shown_at_the_field(client, world, staff_user):
    programme = world["line"].programme
    client.force_login(staff_user)
    before = _state()
    response = client.post(_url(programme), _data(world, action="preview", amount="30.000,16"))
    assert response.status_code == 400
    assert f"€{NB}30.000,15" in response.context["form"].errors["amount"][0]
    response = client.post(_url(programme), _data(world, action="preview", reason=""))
    assert response.context["form"].errors["reason"] == [_("Give the reason for moving the money.")]
    data = _data(world, action="confirm", to_effort=world["evenementen"].pk)
    response = client.post(_url(programme), data)
    assert response.status_code == 400 and "to_effort" in response.context["form"].errors
    assert _state() == before


def test_stale_confirm_gives_409(client, world, staff_user, admin_user):
    programme = world["line"].programme
    client.force_login(staff_user)
    seen = world["line"].version
    services.budget_line_update(
        line=world["line"], actor=admin_user, expected_version=seen, note="intussen"
    )
    before = _state()
    response = client.post(_url(programme), _data(world, action="confirm", from_version=seen))
    assert response.status_code == 409
    assert _state() == before


def test_back_to_the_form_keeps_the_values(client, world, staff_user):
    client.force_login(staff_user)
    response = client.post(_url(world["line"].programme), _data(world, action="edit"))
    assert response.status_code == 200
    assert "Markt heeft meer nodig" in response.content.decode()


def _preview_queries(client, world) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(_url(world["line"].programme), _data(world, action="preview"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_preview_query_count_is_fixed(client, world, staff_user, admin_user):
    client.force_login(staff_user)
    _preview_queries(client, world)
    small = _preview_queries(client, world)
    programme = world["line"].programme
    strategic = world["goals"]["1a"].strategic_goal
    for i in range(6):
        goal = din.operational_goal_create(
            actor=admin_user,
            programme=programme,
            strategic_goal=strategic,
            code=f"{i + 2}a",
            statement=f"Doel {i}",
            kind=GoalKind.QUALITATIVE,
        )
        for effort in (world["evenementen"], world["markt"]):
            din.goal_effort_link_create(actor=admin_user, operational_goal=goal, effort=effort)
        spending_create(
            actor=admin_user,
            budget_line=world["line"],
            kind="uitgave",
            date=dt.date(2019, 7, 1),
            amount=D("1.01"),
        )
        effort = din.effort_create(actor=admin_user, programme=programme, name=f"Extra {i}")
        services.budget_line_create(
            actor=admin_user,
            programme=programme,
            source=world["source"],
            year=2019,
            amount=D("10"),
            effort=effort,
        )
    large = _preview_queries(client, world)
    assert large == small, (small, large)


def _budget_queries(client, programme) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("finance:budget", args=[programme.slug]))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_budget_page_with_transfers_has_a_fixed_query_count(client, world, staff_user):
    programme = world["line"].programme
    client.force_login(staff_user)
    _move(world, staff_user, D("1"))
    _budget_queries(client, programme)
    small = _budget_queries(client, programme)
    for _i in range(5):
        _move(world, staff_user, D("1"))
    assert _budget_queries(client, programme) == small


def test_a_move_in_an_adopted_programme_can_be_proposed_and_applies_with_the_decision(
    client, world, staff_user, admin_user
):
    """Moving budget between efforts goes into a change proposal like a change of scope: the
    preview names the proposal, confirming books nothing, and registering the decision on the
    proposal books the move with that decision."""
    from koers.decisions import proposals
    from koers.decisions.models import ChangeProposal, ProgrammeChange
    from tests.builders import adopt

    programme = world["line"].programme
    adopt(admin_user, programme)
    client.force_login(staff_user)
    page = client.get(_url(programme)).content.decode()
    assert 'name="proposal"' in page
    preview = client.post(_url(programme), _data(world, action="preview", proposal="nieuw"))
    assert preview.status_code == 200 and 'id="transfer-proposal"' in preview.content.decode()
    before = _state()
    data = _data(world, action="confirm", proposal="nieuw", from_version=world["line"].version)
    response = client.post(_url(programme), data)
    proposal = ChangeProposal.objects.get()
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert _state() == before  # not yet in force
    pending = proposal.pending.get()
    assert [d["kind"] for d in pending.described] == [ChangeKind.BUDGET_MOVED]
    # The document for the college says what moves.
    from tests.documents.conftest import pdf_text

    pdf = client.get(reverse("documents:proposal_pdf", args=[programme.slug, proposal.pk])).content
    assert "verschuift budget" in " ".join(pdf_text(pdf).split())
    decision = proposals.proposal_decide(
        proposal=proposal,
        actor=admin_user,
        expected_version=None,
        kind="college",
        date=dt.date(2019, 6, 1),
        title="Budget naar de markt",
    )
    assert BudgetLine.objects.get(effort=world["markt"]).amount == D("1500.25")
    transfer = BudgetTransfer.objects.get()
    assert transfer.decision == decision
    assert ProgrammeChange.objects.get(kind=ChangeKind.BUDGET_MOVED).decision == decision
