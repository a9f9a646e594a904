"""The move of the decisions register out of the risks app keeps every row.

A scratch SQLite database (not the test database) is migrated to the state before the move,
filled through the models as they were then, and migrated to the end; the same rows must be
there, now read through the decisions app, in the same tables.
"""

from __future__ import annotations

from datetime import date

from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

#: Every app at its last migration before the decisions app existed.
BEFORE = [
    ("decisions", None),
    ("finance", "0004_spending_cascades_with_programme"),
    ("risks", "0003_effort_risk_paragraph"),
    ("programmes", "0004_cross_programme_links"),
]
STATE_BEFORE = [node for node in BEFORE if node[1] is not None]


def _fill(apps, db: str) -> dict[str, int]:
    user = apps.get_model("accounts", "User").objects.using(db).create(username="beheer")
    programme = (
        apps.get_model("programmes", "Programme")
        .objects.using(db)
        .create(
            slug="binnenstad",
            name="Binnenstad",
            municipality="Almelo",
            period_start=date(2019, 1, 1),
            period_end=date(2022, 12, 31),
            status="vastgesteld",
        )
    )
    decision = (
        apps.get_model("risks", "Decision")
        .objects.using(db)
        .create(programme=programme, date=date(2020, 3, 10), number="2020/0042", title="Besluit")
    )
    apps.get_model("risks", "HistoricalDecision").objects.using(db).create(
        id=decision.pk,
        programme=programme,
        date=decision.date,
        number=decision.number,
        title=decision.title,
        history_date=timezone.now(),
        history_type="+",
        history_user=user,
    )
    change = (
        apps.get_model("risks", "ProgrammeChange")
        .objects.using(db)
        .create(
            programme=programme,
            decision=decision,
            kind="streefwaarde_gewijzigd",
            subject="1a",
            before="7.000",
            after="8.000",
            changed_by=user,
        )
    )
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.using(db)
        .create(app_label="risks", model="decision")
    )
    apps.get_model("auth", "Permission").objects.using(db).create(
        content_type=content_type, codename="change_decision", name="Can change decision"
    )
    return {"decision": decision.pk, "change": change.pk, "content_type": content_type.pk}


def test_migrating_a_database_from_before_the_move_keeps_its_decisions(scratch, settings):
    settings.MIGRATION_MODULES = {}  # the real migrations, not the test run's "none"
    executor = MigrationExecutor(scratch)
    executor.migrate(BEFORE)
    before = executor.loader.project_state(STATE_BEFORE).apps
    ids = _fill(before, scratch.alias)

    executor = MigrationExecutor(scratch)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(latest)
    after = executor.loader.project_state(latest).apps

    decision_model = after.get_model("decisions", "Decision")
    assert decision_model._meta.db_table == "risks_decision"
    decision = decision_model.objects.using(scratch.alias).get(pk=ids["decision"])
    assert (decision.number, decision.title) == ("2020/0042", "Besluit")
    history = after.get_model("decisions", "HistoricalDecision").objects.using(scratch.alias).get()
    assert (history.id, history.history_user.username) == (ids["decision"], "beheer")
    change = after.get_model("decisions", "ProgrammeChange").objects.using(scratch.alias).get()
    assert (change.pk, change.decision_id, change.after) == (ids["change"], decision.pk, "8.000")
    assert list(decision.changes.values_list("pk", flat=True)) == [ids["change"]]

    # A budget transfer's decision follows the model to its new app.
    transfer = after.get_model("finance", "BudgetTransfer")
    assert transfer._meta.get_field("decision").related_model is decision_model

    # The content type, and the permissions that hang on it, moved along.
    content_type = after.get_model("contenttypes", "ContentType").objects.using(scratch.alias)
    assert content_type.get(pk=ids["content_type"]).app_label == "decisions"
    assert not content_type.filter(app_label="risks", model="decision").exists()
    permission = after.get_model("auth", "Permission").objects.using(scratch.alias).get()
    assert permission.content_type_id == ids["content_type"]
