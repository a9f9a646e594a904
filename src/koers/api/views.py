"""The resources of /api/v1. Thin: parse and validate the request, check the UI's permission
(``user.has_perm``), call the app's service, answer with the read shape.

Reads for everyone (published data; see :mod:`koers.api.selectors`); reports, budget and risks
only with a token; writes only with a token whose user has the same right as in the UI.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from koers.decisions.models import Decision
from koers.monitoring import services as monitoring_services
from koers.programmes import services as programme_services
from koers.programmes.models import Effort, OperationalGoal, Programme, StrategicGoal, Track

from . import selectors, serializers
from .permissions import ReadForAllWriteWithToken, TokenRequired, has_token, require

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


# --- filters ------------------------------------------------------------------------------------

PROGRAMME_PARAM = OpenApiParameter(
    "programma", OpenApiTypes.STR, description="Short name (slug) of a programme."
)
FROM_PARAM = OpenApiParameter(
    "periodeVan",
    OpenApiTypes.DATE,
    description="Only items whose period ends on or after this date (ISO 8601).",
)
UNTIL_PARAM = OpenApiParameter(
    "periodeTot",
    OpenApiTypes.DATE,
    description="Only items whose period starts on or before this date (ISO 8601).",
)


def _date_param(request, name: str) -> dt.date | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ApiValidationError(
            {name: [_("Give a date as YYYY-MM-DD.")]}, code="invalid"
        ) from None


def _int_param(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        raise ApiValidationError({name: [_("Give a whole number.")]}, code="invalid")
    return int(raw)


def _period(request) -> tuple[dt.date | None, dt.date | None]:
    start, end = _date_param(request, "periodeVan"), _date_param(request, "periodeTot")
    if start and end and end < start:
        raise ApiValidationError({"periodeTot": [_("The end lies before the start.")]})
    return start, end


# --- base ---------------------------------------------------------------------------------------


class ApiViewSet(viewsets.GenericViewSet):
    """A resource of the API; ``select`` is the selector giving what the client may see and
    ``programme_field`` the lookup of the programme's slug for ``?programma=``."""

    permission_classes = [ReadForAllWriteWithToken]
    select = None
    programme_field = "programme__slug"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def access(self) -> selectors.Access:
        if not hasattr(self, "_access"):
            self._access = selectors.access_for(
                self.request.user if has_token(self.request) else None
            )
        return self._access

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "access": self.access()}

    def get_queryset(self):
        qs = type(self).select(self.access())
        if self.action == "list":
            qs = self.filter(qs)
        return qs

    def filter(self, qs):
        slug = self.request.query_params.get("programma")
        if slug:
            qs = qs.filter(**{self.programme_field: slug})
        return qs

    def answer(self, instance, status_code=status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def write_data(self, serializer_class, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _decision(programme: Programme, decision_id: int | None):
    if decision_id is None:
        return None
    decision = Decision.objects.filter(pk=decision_id, programme=programme).first()
    if decision is None:
        raise ValidationError({"decision": _("This programme has no decision with this id.")})
    return decision


def _version_param(request) -> int:
    version = _int_param(request, "version")
    if version is None:
        raise ApiValidationError({"version": [_("Give the version you read.")]}, code="required")
    return version


VERSION_PARAM = OpenApiParameter(
    "version", OpenApiTypes.INT, required=True, description=serializers.VERSION_HELP
)
DECISION_PARAM = OpenApiParameter(
    "decision", OpenApiTypes.INT, description=serializers.DECISION_HELP
)


# --- programmes, goals, indicators --------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Programmes", tags=["programmas"]),
    retrieve=extend_schema(summary="One programme", tags=["programmas"]),
)
class ProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = serializers.ProgrammeSerializer
    select = staticmethod(selectors.programmes)
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    programme_field = "slug"

    def filter(self, qs):
        return qs


@extend_schema_view(
    list=extend_schema(summary="Operational goals", tags=["doelen"], parameters=[PROGRAMME_PARAM]),
    retrieve=extend_schema(summary="One operational goal", tags=["doelen"]),
    create=extend_schema(
        summary="Add an operational goal",
        tags=["doelen"],
        request=serializers.GoalCreateSerializer,
        responses={201: serializers.GoalSerializer},
    ),
    partial_update=extend_schema(
        summary="Change an operational goal",
        tags=["doelen"],
        request=serializers.GoalUpdateSerializer,
        responses={200: serializers.GoalSerializer},
    ),
    destroy=extend_schema(
        summary="Delete an operational goal",
        tags=["doelen"],
        parameters=[VERSION_PARAM, DECISION_PARAM],
    ),
)
class GoalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    serializer_class = serializers.GoalSerializer
    select = staticmethod(selectors.goals)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def create(self, request, *args, **kwargs):
        data = self.write_data(serializers.GoalCreateSerializer)
        strategic = (
            StrategicGoal.objects.select_related("programme")
            .filter(pk=data["strategicGoal"])
            .first()
        )
        if strategic is None or strategic.programme_id not in self.access().full:
            raise ValidationError({"strategic_goal": _("Unknown strategic goal.")})
        programme = strategic.programme
        require(request, "programmes.change_programme", programme)
        indicator = data.get("indicator")
        goal = programme_services.operational_goal_create(
            actor=request.user,
            programme=programme,
            strategic_goal=strategic,
            code=data["code"],
            statement=data["statement"],
            kind=data["kind"],
            order=data.get("order", 1),
            note=data.get("note", ""),
            indicator=_indicator_fields(indicator) if indicator else None,
            decision=_decision(programme, data.get("decision")),
        )
        return self.answer(goal, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        goal = self.get_object()
        require(request, "programmes.change_programme", goal.programme)
        data = self.write_data(serializers.GoalUpdateSerializer)
        fields = {k: data[k] for k in ("statement", "order", "note") if k in data}
        # indicator=None keeps the goal's indicator as it is.
        programme_services.operational_goal_update(
            goal=goal, actor=request.user, expected_version=data["version"], **fields
        )
        return self.answer(goal)

    def destroy(self, request, *args, **kwargs):
        goal = self.get_object()
        require(request, "programmes.change_programme", goal.programme)
        programme_services.operational_goal_delete(
            goal=goal,
            actor=request.user,
            expected_version=_version_param(request),
            decision=_decision(goal.programme, _int_param(request, "decision")),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


def _indicator_fields(data: dict) -> dict:
    names = {
        "name": "name",
        "unit": "unit",
        "baselineValue": "baseline_value",
        "baselineDate": "baseline_date",
        "targetKind": "target_kind",
        "targetValue": "target_value",
        "targetDate": "target_date",
    }
    return {names[k]: v for k, v in data.items()}


@extend_schema_view(
    list=extend_schema(summary="Indicators", tags=["indicatoren"], parameters=[PROGRAMME_PARAM]),
    retrieve=extend_schema(summary="One indicator", tags=["indicatoren"]),
)
class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = serializers.IndicatorSerializer
    select = staticmethod(selectors.indicators)
    programme_field = "operational_goal__programme__slug"


# --- measurements -------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary="Measurements",
        tags=["metingen"],
        parameters=[
            PROGRAMME_PARAM,
            OpenApiParameter("indicator", OpenApiTypes.INT, description="Id of an indicator."),
            FROM_PARAM,
            UNTIL_PARAM,
        ],
    ),
    retrieve=extend_schema(summary="One measurement", tags=["metingen"]),
    create=extend_schema(
        summary="Enter a measurement",
        tags=["metingen"],
        request=serializers.MeasurementCreateSerializer,
        responses={201: serializers.MeasurementSerializer},
    ),
    partial_update=extend_schema(
        summary="Correct a measurement",
        tags=["metingen"],
        request=serializers.MeasurementUpdateSerializer,
        responses={200: serializers.MeasurementSerializer},
    ),
    destroy=extend_schema(
        summary="Delete a measurement", tags=["metingen"], parameters=[VERSION_PARAM]
    ),
)
class MeasurementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    serializer_class = serializers.MeasurementSerializer
    select = staticmethod(selectors.measurements)
    programme_field = "indicator__operational_goal__programme__slug"

    def filter(self, qs):
        qs = super().filter(qs)
        indicator = _int_param(self.request, "indicator")
        if indicator is not None:
            qs = qs.filter(indicator_id=indicator)
        start, end = _period(self.request)
        if start:
            qs = qs.filter(period_end__gte=start)
        if end:
            qs = qs.filter(period_start__lte=end)
        return qs

    def _programme(self, measurement):
        return measurement.indicator.operational_goal.programme

    def create(self, request, *args, **kwargs):
        data = self.write_data(serializers.MeasurementCreateSerializer)
        indicator = selectors.indicators(self.access()).filter(pk=data["indicator"]).first()
        if indicator is None:
            raise ValidationError({"indicator": _("Unknown indicator.")})
        require(request, "monitoring.change_measurements", indicator.operational_goal.programme)
        measurement = monitoring_services.measurement_create(
            actor=request.user,
            indicator=indicator,
            period=data["period"],
            value=data["value"],
            source=data["source"],
            note=data["note"],
            is_provisional=data["isProvisional"],
        )
        return self.answer(measurement, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        measurement = self.get_object()
        require(request, "monitoring.change_measurements", self._programme(measurement))
        data = self.write_data(serializers.MeasurementUpdateSerializer)
        names = {"value": "value", "source": "source", "note": "note"}
        names["isProvisional"] = "is_provisional"
        fields = {names[k]: v for k, v in data.items() if k in names}
        monitoring_services.measurement_update(
            measurement=measurement,
            actor=request.user,
            expected_version=data["version"],
            period=data.get("period"),
            **fields,
        )
        return self.answer(measurement)

    def destroy(self, request, *args, **kwargs):
        measurement = self.get_object()
        require(request, "monitoring.change_measurements", self._programme(measurement))
        monitoring_services.measurement_delete(
            measurement=measurement, actor=request.user, expected_version=_version_param(request)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- efforts and links --------------------------------------------------------------------------

EFFORT_FIELDS = {
    "name": "name",
    "description": "description",
    "status": "status",
    "startDate": "start_date",
    "endDate": "end_date",
    "municipalityRole": "municipality_role",
    "order": "order",
    "note": "note",
}
# What an effort owner may change of their own effort (as in the UI's owner form).
OWNER_FIELDS = {"description", "status", "startDate", "endDate", "note"}


def _track(programme: Programme, track_id: int | None):
    if track_id is None:
        return None
    track = Track.objects.filter(pk=track_id, programme=programme).first()
    if track is None:
        raise ValidationError({"track": _("This programme has no track with this id.")})
    return track


@extend_schema_view(
    list=extend_schema(summary="Efforts", tags=["inspanningen"], parameters=[PROGRAMME_PARAM]),
    retrieve=extend_schema(summary="One effort", tags=["inspanningen"]),
    create=extend_schema(
        summary="Add an effort",
        tags=["inspanningen"],
        request=serializers.EffortCreateSerializer,
        responses={201: serializers.EffortSerializer},
    ),
    partial_update=extend_schema(
        summary="Change an effort",
        tags=["inspanningen"],
        request=serializers.EffortUpdateSerializer,
        responses={200: serializers.EffortSerializer},
    ),
    destroy=extend_schema(
        summary="Delete an effort",
        tags=["inspanningen"],
        parameters=[VERSION_PARAM, DECISION_PARAM],
    ),
)
class EffortViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    serializer_class = serializers.EffortSerializer
    select = staticmethod(selectors.efforts)

    def create(self, request, *args, **kwargs):
        data = self.write_data(serializers.EffortCreateSerializer)
        programme = selectors.programmes(self.access()).filter(slug=data["programme"]).first()
        if programme is None:
            raise ValidationError({"programme": _("Unknown programme.")})
        require(request, "programmes.change_programme", programme)
        fields = {EFFORT_FIELDS[k]: v for k, v in data.items() if k in EFFORT_FIELDS}
        effort = programme_services.effort_create(
            actor=request.user,
            programme=programme,
            track=_track(programme, data.get("track")),
            decision=_decision(programme, data.get("decision")),
            **fields,
        )
        return self.answer(effort, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        effort = self.get_object()
        require(request, "programmes.change_effort", effort)
        data = self.write_data(serializers.EffortUpdateSerializer, partial=True)
        if "version" not in data:
            raise ApiValidationError({"version": [_("Give the version you read.")]})
        if not request.user.has_perm("programmes.change_programme", effort.programme):
            extra = set(data) - OWNER_FIELDS - {"version"}
            if extra:
                raise PermissionDenied(
                    _("An effort owner may not change: %(fields)s.")
                    % {"fields": ", ".join(sorted(extra))}
                )
        fields = {EFFORT_FIELDS[k]: v for k, v in data.items() if k in EFFORT_FIELDS}
        if "track" in data:
            fields["track"] = _track(effort.programme, data["track"])
        programme_services.object_update(
            Effort.objects.get(pk=effort.pk),
            actor=request.user,
            expected_version=data["version"],
            **fields,
        )
        return self.answer(effort)

    def destroy(self, request, *args, **kwargs):
        effort = self.get_object()
        # Deleting an effort changes the DIN: staff only, not its owner (as in the UI).
        require(request, "programmes.change_programme", effort.programme)
        programme_services.object_delete(
            Effort.objects.get(pk=effort.pk),
            actor=request.user,
            expected_version=_version_param(request),
            decision=_decision(effort.programme, _int_param(request, "decision")),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Links between operational goals and efforts",
        tags=["koppelingen"],
        parameters=[
            PROGRAMME_PARAM,
            OpenApiParameter("doel", OpenApiTypes.INT, description="Id of an operational goal."),
            OpenApiParameter("inspanning", OpenApiTypes.INT, description="Id of an effort."),
        ],
    ),
    retrieve=extend_schema(summary="One link", tags=["koppelingen"]),
    create=extend_schema(
        summary="Link an effort to an operational goal",
        tags=["koppelingen"],
        request=serializers.LinkCreateSerializer,
        responses={201: serializers.LinkSerializer},
    ),
    destroy=extend_schema(
        summary="Remove a link", tags=["koppelingen"], parameters=[VERSION_PARAM, DECISION_PARAM]
    ),
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
    programme_field = "effort__programme__slug"
    http_method_names = ["get", "post", "delete", "head", "options"]

    def filter(self, qs):
        qs = super().filter(qs)
        goal, effort = _int_param(self.request, "doel"), _int_param(self.request, "inspanning")
        if goal is not None:
            qs = qs.filter(operational_goal_id=goal)
        if effort is not None:
            qs = qs.filter(effort_id=effort)
        return qs

    def create(self, request, *args, **kwargs):
        data = self.write_data(serializers.LinkCreateSerializer)
        effort = selectors.efforts(self.access()).filter(pk=data["effort"]).first()
        if effort is None:
            raise ValidationError({"effort": _("Unknown effort.")})
        goal = OperationalGoal.objects.filter(pk=data["goal"], programme=effort.programme).first()
        if goal is None:
            raise ValidationError({"goal": _("The effort's programme has no goal with this id.")})
        require(request, "programmes.change_programme", effort.programme)
        link = programme_services.goal_effort_link_create(
            operational_goal=goal,
            effort=effort,
            actor=request.user,
            contribution=data["contribution"],
            decision=_decision(effort.programme, data.get("decision")),
        )
        return self.answer(link, status.HTTP_201_CREATED)

    def destroy(self, request, *args, **kwargs):
        link = self.get_object()
        programme = link.effort.programme
        require(request, "programmes.change_programme", programme)
        programme_services.goal_effort_link_delete(
            link=link,
            actor=request.user,
            expected_version=_version_param(request),
            decision=_decision(programme, _int_param(request, "decision")),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- reports, budget, risks (token only) --------------------------------------------------------


class TokenReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    permission_classes = [TokenRequired]
    http_method_names = ["get", "head", "options"]


@extend_schema_view(
    list=extend_schema(
        summary="Progress reports (submitted, accepted, returned)",
        tags=["rapportages"],
        parameters=[
            PROGRAMME_PARAM,
            OpenApiParameter("inspanning", OpenApiTypes.INT, description="Id of an effort."),
            FROM_PARAM,
            UNTIL_PARAM,
        ],
    ),
    retrieve=extend_schema(summary="One progress report", tags=["rapportages"]),
)
class ReportViewSet(TokenReadViewSet):
    serializer_class = serializers.ReportSerializer
    select = staticmethod(selectors.reports)
    programme_field = "effort__programme__slug"

    def filter(self, qs):
        qs = super().filter(qs)
        effort = _int_param(self.request, "inspanning")
        if effort is not None:
            qs = qs.filter(effort_id=effort)
        start, end = _period(self.request)
        if start:
            qs = qs.filter(period_end__gte=start)
        if end:
            qs = qs.filter(period_start__lte=end)
        return qs


@extend_schema_view(
    list=extend_schema(
        summary="Budget lines",
        tags=["begroting"],
        parameters=[
            PROGRAMME_PARAM,
            OpenApiParameter(
                "periodeVan", OpenApiTypes.DATE, description="Only years from this date's year."
            ),
            OpenApiParameter(
                "periodeTot", OpenApiTypes.DATE, description="Only years up to this date's year."
            ),
        ],
    ),
    retrieve=extend_schema(summary="One budget line", tags=["begroting"]),
)
class BudgetViewSet(TokenReadViewSet):
    serializer_class = serializers.BudgetLineSerializer
    select = staticmethod(selectors.budget_lines)

    def filter(self, qs):
        qs = super().filter(qs)
        start, end = _period(self.request)
        if start:
            qs = qs.filter(year__gte=start.year)
        if end:
            qs = qs.filter(year__lte=end.year)
        return qs


@extend_schema_view(
    list=extend_schema(summary="Risks", tags=["risicos"], parameters=[PROGRAMME_PARAM]),
    retrieve=extend_schema(summary="One risk", tags=["risicos"]),
)
class RiskViewSet(TokenReadViewSet):
    serializer_class = serializers.RiskSerializer
    select = staticmethod(selectors.risks)


# --- the OpenAPI document and Swagger UI --------------------------------------------------------


def openapi_document(request) -> HttpResponse:
    """The committed OpenAPI document (a test keeps it equal to what the code generates)."""
    return HttpResponse(OPENAPI_PATH.read_bytes(), content_type="application/json")


def swagger_ui(request) -> HttpResponse:
    """Swagger UI from the app's own static files (swagger-ui-dist from npm; no CDN)."""
    return render(
        request, "api/swagger_ui.html", {"api_version": settings.SPECTACULAR_SETTINGS["VERSION"]}
    )
