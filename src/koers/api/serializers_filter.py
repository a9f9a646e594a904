"""The query parameters of the API: one filter serializer per list, and the parameters of a
delete. Each field's ``source`` is what it goes to: for a filter the lookup of the queryset
(``?programma=`` is ``programme__slug`` for efforts, ``effort__programme__slug`` for links), for
a delete the keyword of the service. The same serializers describe the parameters in the
OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.fields import empty

from koers.ui.bounds import in_range, out_of_range_message

from .serializers_write import DECISION_HELP, PROPOSAL_HELP, REASON_HELP, VERSION_HELP

PROGRAMME_HELP = "Short name (slug) of a programme."
FROM_HELP = "Only items whose period ends on or after this date (ISO 8601)."
UNTIL_HELP = "Only items whose period starts on or before this date (ISO 8601)."


class IsoDateField(serializers.DateField):
    """A date as ISO 8601 (``2019-07-01``)."""

    default_error_messages = {"invalid": _("Give a date as YYYY-MM-DD.")}

    def to_internal_value(self, value) -> dt.date:
        try:
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            self.fail("invalid")
        if not in_range(day):
            raise serializers.ValidationError(out_of_range_message())
        return day


class EmptyIsAbsent:
    """A query parameter given empty (``?programma=``) counts as not given."""

    def get_value(self, dictionary):
        value = super().get_value(dictionary)
        return empty if value == "" else value


class WholeNumberField(EmptyIsAbsent, serializers.IntegerField):
    """A whole number of digits only (an id, a version)."""

    default_error_messages = {"invalid": _("Give a whole number.")}

    def to_internal_value(self, value) -> int:
        raw = str(value)
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            self.fail("invalid")
        return int(raw)


class TextField(EmptyIsAbsent, serializers.CharField):
    pass


def programme(lookup: str) -> TextField:
    """``?programma=``: the programme's short name, found at ``lookup``."""
    return TextField(
        source=lookup,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=PROGRAMME_HELP,
    )


def an_id(lookup: str, help_text: str) -> WholeNumberField:
    return WholeNumberField(source=lookup, required=False, help_text=help_text)


class ListFilter(serializers.Serializer):
    """The query parameters of a list; :meth:`lookups` are what the queryset is filtered on."""

    def lookups(self) -> dict[str, Any]:
        return dict(self.validated_data)


class PeriodFilter(ListFilter):
    """``?periodeVan=`` and ``?periodeTot=``: items whose period overlaps these dates."""

    periodeVan = IsoDateField(source="period_end__gte", required=False, help_text=FROM_HELP)
    periodeTot = IsoDateField(source="period_start__lte", required=False, help_text=UNTIL_HELP)

    def validate(self, attrs):
        start = attrs.get(self.fields["periodeVan"].source)
        end = attrs.get(self.fields["periodeTot"].source)
        if start and end and end < start:
            raise serializers.ValidationError({"periodeTot": [_("The end lies before the start.")]})
        return attrs


class GoalFilter(ListFilter):
    programma = programme("programme__slug")


class IndicatorFilter(ListFilter):
    programma = programme("operational_goal__programme__slug")


class MeasurementFilter(PeriodFilter):
    programma = programme("indicator__operational_goal__programme__slug")
    indicator = an_id("indicator_id", "Id of an indicator.")


class EffortFilter(ListFilter):
    programma = programme("programme__slug")


class LinkFilter(ListFilter):
    programma = programme("effort__programme__slug")
    doel = an_id("operational_goal_id", "Id of an operational goal.")
    inspanning = an_id("effort_id", "Id of an effort.")


class ReportFilter(PeriodFilter):
    programma = programme("effort__programme__slug")
    inspanning = an_id("effort_id", "Id of an effort.")


class BudgetFilter(PeriodFilter):
    """The budget has years, not periods: the years of the dates."""

    programma = programme("programme__slug")
    periodeVan = IsoDateField(
        source="year__gte", required=False, help_text="Only years from this date's year."
    )
    periodeTot = IsoDateField(
        source="year__lte", required=False, help_text="Only years up to this date's year."
    )

    def lookups(self) -> dict[str, Any]:
        return {k: v.year if isinstance(v, dt.date) else v for k, v in super().lookups().items()}


class RiskFilter(ListFilter):
    programma = programme("programme__slug")


class VersionQuery(serializers.Serializer):
    """``?version=``: the version of the item that the client read (a delete)."""

    version = WholeNumberField(
        source="expected_version",
        help_text=VERSION_HELP,
        error_messages={"required": _("Give the version you read.")},
    )


class VersionDecisionQuery(VersionQuery):
    """``?version=`` and ``?decision=``: a delete that may need a decision."""

    decision = WholeNumberField(required=False, help_text=DECISION_HELP)
    proposal = WholeNumberField(required=False, help_text=PROPOSAL_HELP)
    reason = TextField(required=False, allow_blank=True, max_length=5000, help_text=REASON_HELP)


class ProposalFilter(ListFilter):
    programma = programme("programme__slug")
