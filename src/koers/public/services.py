"""Every write to what is public: one service sets the whole publication of a programme.

The publication of a programme is one versioned unit: the programme's record carries the
version the publication page was opened with, and every save raises it (also when only an
indicator or an effort changed), so two people publishing at once cannot overwrite each other
unnoticed.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.programmes.models import Effort, Indicator, Programme
from koers.programmes.services import ConflictError, object_create, object_update

from .models import EffortPublication, IndicatorPublication, ProgrammePublication

__all__ = ["ConflictError", "publication_set"]


def publication_set(
    *,
    programme: Programme,
    actor,
    expected_version: int | None,
    published: bool,
    introduction: str = "",
    show_budget_total: bool = False,
    indicators: Mapping[int, bool] | None = None,
    efforts: Mapping[int, tuple[bool, str]] | None = None,
) -> ProgrammePublication:
    """Set what of ``programme`` is public. ``expected_version`` is the version of the
    programme's publication the user saw (0 when it had none yet); ``indicators`` maps an
    indicator's pk to published or not, ``efforts`` an effort's pk to (published, public
    description). Indicators and efforts left out keep their publication. A published effort
    needs a public description. Raises :class:`ConflictError` on a stale edit and
    ``ValidationError`` (keys ``effort_<pk>_public_description``, ``indicators``, ``efforts``)
    on bad input; nothing is written then."""
    indicators = dict(indicators or {})
    efforts = {pk: (flag, (text or "").strip()) for pk, (flag, text) in (efforts or {}).items()}
    _check(programme, indicators, efforts)
    try:
        with transaction.atomic():
            publication = _programme_publication(
                programme,
                actor=actor,
                expected_version=expected_version,
                published=published,
                introduction=(introduction or "").strip(),
                show_budget_total=show_budget_total,
            )
            _set_indicators(programme, actor, indicators)
            _set_efforts(programme, actor, efforts)
    except IntegrityError as error:
        # Someone else created a publication record at the same moment.
        raise ConflictError() from error
    return publication


def _check(programme: Programme, indicators: dict, efforts: dict) -> None:
    errors: dict[str, list[str]] = {}
    known = set(
        Indicator.objects.filter(operational_goal__programme=programme).values_list("pk", flat=True)
    )
    if set(indicators) - known:
        errors["indicators"] = [_("An indicator does not belong to this programme.")]
    known = set(Effort.objects.filter(programme=programme).values_list("pk", flat=True))
    if set(efforts) - known:
        errors["efforts"] = [_("An effort does not belong to this programme.")]
    for pk, (flag, text) in efforts.items():
        if flag and not text:
            errors[f"effort_{pk}_public_description"] = [
                _("A published effort needs a public description.")
            ]
    if errors:
        raise ValidationError(errors)


def _programme_publication(
    programme: Programme, *, actor, expected_version: int | None, **fields
) -> ProgrammePublication:
    publication = ProgrammePublication.objects.filter(programme=programme).first()
    if fields["published"] and (publication is None or publication.published_at is None):
        fields["published_at"] = timezone.now()
    if publication is None:
        if expected_version:
            raise ConflictError()
        return object_create(ProgrammePublication, actor=actor, programme=programme, **fields)
    return object_update(publication, actor=actor, expected_version=expected_version, **fields)


def _set_indicators(programme: Programme, actor, indicators: dict[int, bool]) -> None:
    existing = {
        p.indicator_id: p
        for p in IndicatorPublication.objects.filter(indicator_id__in=list(indicators))
    }
    for pk, flag in indicators.items():
        record = existing.get(pk)
        if record is None:
            if flag:
                object_create(IndicatorPublication, actor=actor, indicator_id=pk, published=True)
        elif record.published != bool(flag):
            object_update(record, actor=actor, expected_version=record.version, published=flag)


def _set_efforts(programme: Programme, actor, efforts: dict[int, tuple[bool, str]]) -> None:
    existing = {
        p.effort_id: p for p in EffortPublication.objects.filter(effort_id__in=list(efforts))
    }
    for pk, (flag, text) in efforts.items():
        record = existing.get(pk)
        if record is None:
            if flag or text:
                object_create(
                    EffortPublication,
                    actor=actor,
                    effort_id=pk,
                    published=flag,
                    public_description=text,
                )
        elif (record.published, record.public_description) != (bool(flag), text):
            object_update(
                record,
                actor=actor,
                expected_version=record.version,
                published=flag,
                public_description=text,
            )
