"""What a delete takes with it, across every app, and whether the record allows it.

:func:`delete_plan` asks Django's own deletion collector (the one ``Model.delete()`` uses,
through :class:`django.contrib.admin.utils.NestedObjects` as the admin's confirmation page does)
what deleting an object removes, clears, unlinks or is blocked by, grouped per kind with counts.
The confirmation pages show that plan, and :func:`koers.programmes.services.object_delete`
refuses the delete with :func:`refusal` when it would take part of the accountability record
with it: a submitted or accepted report, a measurement, a judgement, a budget line, spending, a
budget transfer (models that say ``is_record``), or when a change proposal not yet decided
acts on it. Such an effort or goal is archived instead (:mod:`.services.archive`).

The models of the other apps are found through the relations Django knows, never imported: the
apps above this one mark their record models with ``is_record``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import ValidationError
from django.db import models, router
from django.utils.translation import gettext as _

SAMPLE = 5  # objects named per kind on a confirmation page


@dataclass
class Consequence:
    """One kind of object a delete affects: ``kind`` is "delete" (deleted with it), "clear" (a
    field emptied), "unlink" (a link removed), "protect" (blocks the delete) or "refer" (the
    change record refers to it); ``record``: part of the accountability record."""

    kind: str
    label: str  # the kind (plural), e.g. "metingen"
    field: str  # the field that is cleared or unlinked
    objects: list[str]
    programme_ids: set[int]
    count: int = 0
    record: bool = False
    model: str = ""  # app_label.model_name
    counted: str = ""  # the kind with its count, e.g. "7 metingen"


@dataclass
class DeletePlan:
    instance: models.Model
    consequences: list[Consequence] = field(default_factory=list)

    @property
    def record(self) -> list[Consequence]:
        return [c for c in self.consequences if c.record]

    @property
    def keeps_record(self) -> bool:
        """Would the delete take part of the record (or lose what the record refers to)?"""
        return bool(self.record)


def count_label(model, count: int) -> str:
    meta = model._meta
    return f"{count} {meta.verbose_name if count == 1 else meta.verbose_name_plural}"


def _is_record(obj) -> bool:
    return bool(getattr(obj, "is_record", False))


def _programme_id(obj) -> int | None:
    for path in ("programme_id", "role.programme_id", "effort.programme_id"):
        cur = obj
        try:
            for part in path.split("."):
                cur = getattr(cur, part)
        except AttributeError:
            continue
        if cur is not None:
            return cur
    return None


def _collector(objs: list[models.Model]) -> NestedObjects:
    """Django's collector over ``objs`` (one model after the other, as the delete goes)."""
    collector = NestedObjects(using=router.db_for_write(type(objs[0])))
    by_model: dict = {}
    for obj in objs:
        by_model.setdefault(type(obj), []).append(obj)
    for group in by_model.values():
        collector.collect(group)
    return collector


def _through_side(model, root_model) -> tuple[type[models.Model], str] | None:
    """For an auto-created many-to-many table: the model on the other side and the field's
    name, or None for any other model."""
    if not model._meta.auto_created:
        return None
    for f in model._meta.fields:
        if f.is_relation and f.related_model is not root_model:
            for m2m in (*f.related_model._meta.many_to_many, *root_model._meta.many_to_many):
                if m2m.remote_field.through is model:
                    return f.related_model, str(m2m.verbose_name)
            return f.related_model, str(f.verbose_name)
    return None


def _consequence(kind: str, model, objs: list, field_name: str = "") -> Consequence:
    record = kind in ("delete", "protect") and any(_is_record(o) for o in objs)
    if record:
        objs = sorted(objs, key=lambda o: not _is_record(o))
    return Consequence(
        kind=kind,
        label=str(model._meta.verbose_name_plural),
        counted=count_label(model, len(objs)),
        field=field_name,
        objects=[str(o) for o in objs[:SAMPLE]],
        programme_ids={pid for o in objs if (pid := _programme_id(o))},
        count=len(objs),
        record=record,
        model=model._meta.label_lower,
    )


def delete_plan(instance: models.Model) -> DeletePlan:
    """Everything deleting ``instance`` does, per kind, from Django's collector: what goes with
    it (across every app), what loses a field or a link, what blocks it, and what of it belongs
    to the record. One query per relation the collector follows."""
    from .models import Programme

    root_model = type(instance)
    roots = [instance]
    if isinstance(instance, Programme):
        # Operational goals protect their strategic goal: the delete removes them first.
        roots = [*instance.operational_goals.all(), instance]
    collector = _collector(roots)
    plan = DeletePlan(instance)
    unlinked: dict[tuple, list] = defaultdict(list)
    for model, objs in collector.model_objs.items():
        objs = [o for o in objs if not (model is root_model and o.pk == instance.pk)]
        if not objs or model.__name__.startswith("Historical"):
            continue
        side = _through_side(model, root_model)
        if side is not None:
            other, name = side
            attname = next(
                f.attname for f in model._meta.fields if f.is_relation and f.related_model is other
            )
            unlinked[(other, name)].extend(getattr(o, attname) for o in objs)
            continue
        plan.consequences.append(_consequence("delete", model, objs))
    for (other, name), pks in unlinked.items():
        plan.consequences.append(
            _consequence("unlink", other, list(other._base_manager.filter(pk__in=pks)), name)
        )
    for (fld, _value), batches in collector.field_updates.items():
        objs = [o for batch in batches for o in batch]
        if objs:
            plan.consequences.append(_consequence("clear", fld.model, objs, str(fld.verbose_name)))
    # What protects only objects that the delete removes first (a programme's goals) does not
    # block it.
    blocking = [o for o in collector.protected if o not in roots]
    if blocking:
        by_model: dict = defaultdict(list)
        for obj in blocking:
            by_model[type(obj)].append(obj)
        for model, objs in by_model.items():
            objs.sort(key=lambda o: o.pk)
            plan.consequences.append(_consequence("protect", model, objs))
            below = _collector(objs)  # e.g. the spending of a budget line that blocks
            for sub, sub_objs in below.model_objs.items():
                if sub is model or not any(_is_record(o) for o in sub_objs):
                    continue
                plan.consequences.append(_consequence("protect", sub, list(sub_objs)))
    plan.consequences.extend(_referring_changes(instance))
    return plan


def _referring_changes(instance: models.Model) -> list[Consequence]:
    """The recorded changes of an adopted programme and the proposed changes that name an
    effort or goal (by its words and by its key); the decisions app is found by its label.

    The change record names the element in words and keeps them when it goes, so recorded
    changes are listed but do not block (removing an element under a decision is itself such a
    change); a change proposal not yet decided that acts on it does block: its decision would
    find nothing to apply to."""
    from .models import Effort, OperationalGoal

    if not isinstance(instance, Effort | OperationalGoal) or not apps.is_installed(
        "koers.decisions"
    ):
        return []
    found = []
    recorded = apps.get_model("decisions", "ProgrammeChange")
    changes = list(
        recorded.objects.filter(programme_id=instance.programme_id, subject=str(instance))
    )
    pending = apps.get_model("decisions", "PendingChange")
    proposed = list(
        pending.objects.filter(
            target_model=instance._meta.label_lower, target_id=instance.pk, applied_at__isnull=True
        )
    )
    for model, objs, blocks in ((recorded, changes, False), (pending, proposed, True)):
        if objs:
            consequence = _consequence("refer", model, objs)
            consequence.record = blocks
            found.append(consequence)
    return found


def refusal(plan: DeletePlan) -> ValidationError | None:
    """Why the delete of ``plan`` is refused to keep the record (with kinds and counts), or
    None."""
    if not plan.keeps_record:
        return None
    kinds = ", ".join(c.counted for c in plan.record)
    return ValidationError(
        _(
            "%(item)s cannot be deleted: the record refers to it (%(kinds)s). Archive it "
            "instead (Archiveren): it leaves the working views, stays in the record and the "
            "documents of its time, and can be restored."
        )
        % {"item": str(plan.instance), "kinds": kinds},
        code="keeps_record",
    )


def archivable(instance) -> bool:
    return hasattr(instance, "archived_at")


__all__ = ["Consequence", "DeletePlan", "archivable", "count_label", "delete_plan", "refusal"]
