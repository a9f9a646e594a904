"""The resources of /api/v1. Thin: parse and validate the request, check the UI's permission
(``user.has_perm``), call the app's service, answer with the read shape.

Reads for everyone (published data; see :mod:`koers.api.selectors`); reports, budget and risks
only with a token; writes only with a token whose user has the same right as in the UI.

A resource is a viewset that names its selector, its read shape (:mod:`.serializers`), the
filter of its list (:mod:`.serializers_filter`) and its write shapes
(:mod:`.serializers_write`), whose fields carry the services' keyword names (the base viewsets
are in :mod:`.views_base`); its OpenAPI description comes from
:func:`koers.api.schema.resource_schema`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from koers.monitoring import services as monitoring_services
from koers.programmes import services as programme_services
from koers.programmes.models import Effort, OperationalGoal, StrategicGoal

from . import selectors, serializers
from . import serializers_filter as filters
from . import serializers_write as writes
from .permissions import require
from .schema import resource_schema
from .views_base import (
    ApiViewSet,
    TokenReadViewSet,
    WriteViewSet,
    decision_of,
    proposing_of,
    track_of,
)

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


# --- programmes, goals, indicators --------------------------------------------------------------


@resource_schema("programmas", list="Programmes", retrieve="One programme")
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = serializers.ProgrammeSerializer
    select = staticmethod(selectors.programmes)
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


@resource_schema(
    "doelen",
    list="Operational goals",
    retrieve="One operational goal",
    create="Add an operational goal",
    partial_update="Change an operational goal",
    destroy="Delete an operational goal",
)
class GoalViewSet(WriteViewSet):
    proposes = True  # writes that need a decision can go into a change proposal
    serializer_class = serializers.GoalSerializer
    select = staticmethod(selectors.goals)
    filter_serializer = filters.GoalFilter
    create_serializer = writes.GoalCreateSerializer
    update_serializer = writes.GoalUpdateSerializer

    def create(self, request, *args, **kwargs):
        data = self.write_data(self.create_serializer)
        strategic = (
            StrategicGoal.objects.select_related("programme")
            .filter(pk=data.pop("strategic_goal"))
            .first()
        )
        if strategic is None or strategic.programme_id not in self.access().full:
            raise ValidationError({"strategic_goal": _("Unknown strategic goal.")})
        programme = strategic.programme
        require(request, "programmes.change_programme", programme)
        proposing = proposing_of(programme, data)
        if proposing is not None:
            return self.propose(
                proposing, "doel", "create", values={**data, "strategic_goal": strategic}
            )
        goal = programme_services.operational_goal_create(
            actor=request.user,
            programme=programme,
            strategic_goal=strategic,
            **{**data, "decision": decision_of(programme, data.get("decision"))},
        )
        return self.answer(goal, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        goal = self.get_object()
        require(request, "programmes.change_programme", goal.programme)
        data = self.write_data(self.update_serializer)
        proposing = proposing_of(goal.programme, data)
        if proposing is not None:
            version = data.pop("expected_version")
            return self.propose(
                proposing, "doel", "update", target=goal, values=data, expected_version=version
            )
        programme_services.operational_goal_update(goal=goal, actor=request.user, **data)
        return self.answer(goal)

    def destroy(self, request, *args, **kwargs):
        goal = self.get_object()
        require(request, "programmes.change_programme", goal.programme)
        params = self.delete_params(goal.programme)
        proposing = params.pop("proposing")
        if proposing is not None:
            return self.propose(
                proposing,
                "doel",
                "delete",
                target=goal,
                expected_version=params["expected_version"],
            )
        programme_services.operational_goal_delete(goal=goal, actor=request.user, **params)
        return Response(status=status.HTTP_204_NO_CONTENT)


@resource_schema("indicatoren", list="Indicators", retrieve="One indicator")
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = serializers.IndicatorSerializer
    select = staticmethod(selectors.indicators)
    filter_serializer = filters.IndicatorFilter


# --- measurements -------------------------------------------------------------------------------


@resource_schema(
    "metingen",
    list="Measurements",
    retrieve="One measurement",
    create="Enter a measurement",
    partial_update="Correct a measurement",
    destroy="Delete a measurement",
)
class MeasurementViewSet(WriteViewSet):
    serializer_class = serializers.MeasurementSerializer
    select = staticmethod(selectors.measurements)
    filter_serializer = filters.MeasurementFilter
    create_serializer = writes.MeasurementCreateSerializer
    update_serializer = writes.MeasurementUpdateSerializer
    delete_query = filters.VersionQuery

    def _programme(self, measurement):
        return measurement.indicator.operational_goal.programme

    def create(self, request, *args, **kwargs):
        data = self.write_data(self.create_serializer)
        indicator = selectors.indicators(self.access()).filter(pk=data.pop("indicator")).first()
        if indicator is None:
            raise ValidationError({"indicator": _("Unknown indicator.")})
        require(request, "monitoring.change_measurements", indicator.operational_goal.programme)
        measurement = monitoring_services.measurement_create(
            actor=request.user, indicator=indicator, **data
        )
        return self.answer(measurement, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        measurement = self.get_object()
        require(request, "monitoring.change_measurements", self._programme(measurement))
        data = self.write_data(self.update_serializer)
        monitoring_services.measurement_update(measurement=measurement, actor=request.user, **data)
        return self.answer(measurement)

    def destroy(self, request, *args, **kwargs):
        measurement = self.get_object()
        require(request, "monitoring.change_measurements", self._programme(measurement))
        monitoring_services.measurement_delete(
            measurement=measurement, actor=request.user, **self.delete_params()
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- efforts and links --------------------------------------------------------------------------

# What an effort owner may change of their own effort (as in the UI's owner form), and the
# parameters of a write that change no field (an owner may propose a change that needs a
# decision, or cite the decision that allows it; the service checks the decision).
OWNER_FIELDS = {"description", "status", "startDate", "endDate", "note"}
WRITE_PARAMETERS = {"version", "decision", "proposal", "reason"}


@resource_schema(
    "inspanningen",
    list="Efforts",
    retrieve="One effort",
    create="Add an effort",
    partial_update="Change an effort",
    destroy="Delete an effort",
)
class EffortViewSet(WriteViewSet):
    proposes = True  # writes that need a decision can go into a change proposal
    serializer_class = serializers.EffortSerializer
    select = staticmethod(selectors.efforts)
    filter_serializer = filters.EffortFilter
    create_serializer = writes.EffortCreateSerializer
    update_serializer = writes.EffortUpdateSerializer

    def create(self, request, *args, **kwargs):
        data = self.write_data(self.create_serializer)
        programme = selectors.programmes(self.access()).filter(slug=data.pop("programme")).first()
        if programme is None:
            raise ValidationError({"programme": _("Unknown programme.")})
        require(request, "programmes.change_programme", programme)
        proposing = proposing_of(programme, data)
        data["track"] = track_of(programme, data.get("track"))
        if proposing is not None:
            return self.propose(proposing, "inspanning", "create", values=data)
        effort = programme_services.effort_create(
            actor=request.user,
            programme=programme,
            **{**data, "decision": decision_of(programme, data.get("decision"))},
        )
        return self.answer(effort, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        effort = self.get_object()
        require(request, "programmes.change_effort", effort)
        data = self.write_data(self.update_serializer, partial=True)
        if "expected_version" not in data:
            raise ApiValidationError({"version": [_("Give the version you read.")]})
        if not request.user.has_perm("programmes.change_programme", effort.programme):
            names = {field.source: name for name, field in self.update_serializer().fields.items()}
            extra = {names[key] for key in data} - OWNER_FIELDS - WRITE_PARAMETERS
            if extra:
                raise PermissionDenied(
                    _("An effort owner may not change: %(fields)s.")
                    % {"fields": ", ".join(sorted(extra))}
                )
        proposing = proposing_of(effort.programme, data)
        if "track" in data:
            data["track"] = track_of(effort.programme, data["track"])
        target = Effort.objects.get(pk=effort.pk)
        if proposing is not None:
            version = data.pop("expected_version")
            return self.propose(
                proposing,
                "inspanning",
                "update",
                target=target,
                values=data,
                expected_version=version,
            )
        if "decision" in data:
            data["decision"] = decision_of(effort.programme, data["decision"])
        programme_services.object_update(target, actor=request.user, **data)
        return self.answer(effort)

    def destroy(self, request, *args, **kwargs):
        effort = self.get_object()
        # Deleting an effort changes the DIN: staff only, not its owner (as in the UI).
        require(request, "programmes.change_programme", effort.programme)
        params = self.delete_params(effort.programme)
        proposing = params.pop("proposing")
        target = Effort.objects.get(pk=effort.pk)
        if proposing is not None:
            return self.propose(
                proposing,
                "inspanning",
                "delete",
                target=target,
                expected_version=params["expected_version"],
            )
        programme_services.object_delete(target, actor=request.user, **params)
        return Response(status=status.HTTP_204_NO_CONTENT)


@resource_schema(
    "koppelingen",
    list="Links between operational goals and efforts",
    retrieve="One link",
    create="Link an effort to an operational goal",
    destroy="Remove a link",
)
class LinkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    serializer_class = serializers.LinkSerializer
    select = staticmethod(selectors.links)
    filter_serializer = filters.LinkFilter
    create_serializer = writes.LinkCreateSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    proposes = True

    def create(self, request, *args, **kwargs):
        data = self.write_data(self.create_serializer)
        effort = selectors.efforts(self.access()).filter(pk=data.pop("effort")).first()
        if effort is None:
            raise ValidationError({"effort": _("Unknown effort.")})
        goal = OperationalGoal.objects.filter(
            pk=data.pop("goal"), programme=effort.programme
        ).first()
        if goal is None:
            raise ValidationError({"goal": _("The effort's programme has no goal with this id.")})
        require(request, "programmes.change_programme", effort.programme)
        proposing = proposing_of(effort.programme, data)
        if proposing is not None:
            return self.propose(
                proposing,
                "koppeling",
                "create",
                values={**data, "operational_goal": goal, "effort": effort},
            )
        link = programme_services.goal_effort_link_create(
            operational_goal=goal,
            effort=effort,
            actor=request.user,
            **{**data, "decision": decision_of(effort.programme, data.get("decision"))},
        )
        return self.answer(link, status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        link = self.get_object()
        programme = link.effort.programme
        require(request, "programmes.change_programme", programme)
        params = self.delete_params(programme)
        proposing = params.pop("proposing")
        if proposing is not None:
            return self.propose(
                proposing,
                "koppeling",
                "delete",
                target=link,
                expected_version=params["expected_version"],
            )
        programme_services.goal_effort_link_delete(link=link, actor=request.user, **params)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- reports, budget, risks (token only) --------------------------------------------------------


@resource_schema(
    "rapportages",
    list="Progress reports (submitted, accepted, returned)",
    retrieve="One progress report",
)
class ReportViewSet(TokenReadViewSet):
    serializer_class = serializers.ReportSerializer
    select = staticmethod(selectors.reports)
    filter_serializer = filters.ReportFilter


@resource_schema("begroting", list="Budget lines", retrieve="One budget line")
class BudgetViewSet(TokenReadViewSet):
    serializer_class = serializers.BudgetLineSerializer
    select = staticmethod(selectors.budget_lines)
    filter_serializer = filters.BudgetFilter


@resource_schema("risicos", list="Risks", retrieve="One risk")
class RiskViewSet(TokenReadViewSet):
    serializer_class = serializers.RiskSerializer
    select = staticmethod(selectors.risks)
    filter_serializer = filters.RiskFilter


@resource_schema(
    "wijzigingsvoorstellen",
    list="Change proposals with their pending changes",
    retrieve="One change proposal with its pending changes",
)
class ProposalViewSet(TokenReadViewSet):
    """Change proposals (wijzigingsvoorstellen): read by whoever may read the programme's
    decisions. A client adds a pending change by sending ``proposal`` and ``reason`` with a
    write of a goal, an effort or a link."""

    serializer_class = serializers.ProposalSerializer
    select = staticmethod(selectors.proposals)
    filter_serializer = filters.ProposalFilter


# --- the OpenAPI document and Swagger UI --------------------------------------------------------


def openapi_document(request) -> HttpResponse:
    """The committed OpenAPI document (a test keeps it equal to what the code generates)."""
    return HttpResponse(OPENAPI_PATH.read_bytes(), content_type="application/json")


def swagger_ui(request) -> HttpResponse:
    """Swagger UI from the app's own static files (swagger-ui-dist from npm; no CDN)."""
    return render(
        request, "api/swagger_ui.html", {"api_version": settings.SPECTACULAR_SETTINGS["VERSION"]}
    )
