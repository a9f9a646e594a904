"""Every write to the partners' contributions and interests. Keyword-only arguments,
``full_clean()``, a transaction, the actor in the history; changes and deletions take the
``expected_version`` the user saw and raise ``ConflictError`` when someone else saved in the
meantime (the same rules as the DIN's services).

A contribution to an effort makes its partner a partner of that effort: when the partner is not
yet linked to the effort, :func:`contribution_create` (and an update that moves the contribution)
adds it to the effort's partners, through the DIN's own service so it shows in the effort's
history. Removing the partner from the effort later leaves its contributions in place; the
partners page lists them under the effort all the same.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, PartnerOrganisation, Programme
from koers.programmes.services import ConflictError, object_create, object_delete, object_update

from .models import Contribution, PartnerInterest

__all__ = [
    "ConflictError",
    "contribution_create",
    "contribution_delete",
    "contribution_update",
    "interest_save",
]

CONTRIBUTION_FIELDS = {
    "partner",
    "effort",
    "year",
    "kind",
    "description",
    "committed_amount",
    "committed_hours",
    "delivered_amount",
    "delivered_hours",
    "delivered_note",
    "note",
}


def _check_unique(values: dict, exclude_pk: int | None = None) -> None:
    """One money and one hours contribution per partner, effort and year (deliverables may be
    several): said on the year field, in words."""
    kind = values.get("kind")
    if kind not in ("geld", "uren"):
        return
    clash = Contribution.objects.filter(
        partner=values["partner"], effort=values["effort"], year=values["year"], kind=kind
    )
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError(
            {
                "year": _(
                    "‘%(partner)s’ already commits %(kind)s to ‘%(effort)s’ in %(year)s; change "
                    "that contribution."
                )
                % {
                    "partner": values["partner"],
                    "kind": Contribution(kind=kind).get_kind_display(),
                    "effort": values["effort"],
                    "year": values["year"],
                }
            }
        )


def _link_partner(effort: Effort, partner: PartnerOrganisation, actor) -> None:
    if not effort.partners.filter(pk=partner.pk).exists():
        object_update(
            effort,
            actor=actor,
            expected_version=None,
            reason=_("Partner added with its contribution"),
            partners=[*effort.partners.all(), partner],
        )


def _write(values: dict, exclude_pk: int | None, write):
    """Check, write and link the partner in one transaction; when a concurrent save wins the race
    on the unique constraint, check again so the user gets the message in words."""
    try:
        with transaction.atomic():
            _check_unique(values, exclude_pk)
            result = write()
            _link_partner(result.effort, result.partner, values["actor"])
            return result
    except IntegrityError:
        _check_unique(values, exclude_pk)
        raise


def contribution_create(
    *,
    actor,
    partner: PartnerOrganisation,
    effort: Effort,
    year: int,
    kind: str,
    description: str = "",
    committed_amount: Decimal | None = None,
    committed_hours: Decimal | None = None,
    delivered_amount: Decimal | None = None,
    delivered_hours: Decimal | None = None,
    delivered_note: str = "",
    note: str = "",
) -> Contribution:
    """Record what ``partner`` commits to ``effort`` in ``year``: money (``committed_amount`` in
    euros), hours (``committed_hours``) or a deliverable (``description``)."""
    fields = {
        "partner": partner,
        "effort": effort,
        "year": year,
        "kind": kind,
        "description": (description or "").strip(),
        "committed_amount": committed_amount,
        "committed_hours": committed_hours,
        "delivered_amount": delivered_amount,
        "delivered_hours": delivered_hours,
        "delivered_note": (delivered_note or "").strip(),
        "note": note or "",
    }
    return _write(
        {**fields, "actor": actor}, None, lambda: object_create(Contribution, actor=actor, **fields)
    )


def contribution_update(
    *, contribution: Contribution, actor, expected_version: int | None, **fields
) -> Contribution:
    unknown = set(fields) - CONTRIBUTION_FIELDS
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name in ("description", "delivered_note"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    merged = {
        name: fields.get(name, getattr(contribution, name))
        for name in ("partner", "effort", "year", "kind")
    }
    if merged["effort"].programme_id != contribution.effort.programme_id:
        raise ValidationError({"effort": _("This effort belongs to another programme.")})
    return _write(
        {**merged, "actor": actor},
        contribution.pk,
        lambda: object_update(
            contribution, actor=actor, expected_version=expected_version, **fields
        ),
    )


def contribution_delete(*, contribution: Contribution, actor, expected_version: int | None) -> None:
    object_delete(contribution, actor=actor, expected_version=expected_version)


def interest_save(
    *,
    actor,
    programme: Programme,
    partner: PartnerOrganisation,
    interests: str,
    expected_version: int | None,
) -> PartnerInterest:
    """Record or change what ``partner`` wants out of ``programme``. ``expected_version`` is the
    version the user saw, None when none was recorded yet: then a record someone else made in the
    meantime is a conflict too."""
    with transaction.atomic():
        current = (
            PartnerInterest.objects.select_for_update()
            .filter(programme=programme, partner=partner)
            .first()
        )
        if current is None:
            if expected_version is not None:
                raise ConflictError(None)
            return object_create(
                PartnerInterest,
                actor=actor,
                programme=programme,
                partner=partner,
                interests=(interests or "").strip(),
            )
        if expected_version is None:
            raise ConflictError(current)
        return object_update(
            current,
            actor=actor,
            expected_version=expected_version,
            interests=(interests or "").strip(),
        )
