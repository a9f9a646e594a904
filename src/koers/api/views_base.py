"""What every resource of /api/v1 shares: the base viewsets (the selector, the list's filter, the
write shapes, the parameters of a delete) and the lookups of related objects in a write."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from koers.decisions.models import Decision
from koers.programmes.models import Programme, Track

from . import selectors
from . import serializers_filter as filters
from .permissions import ReadForAllWriteWithToken, TokenRequired, has_token


class ApiViewSet(viewsets.GenericViewSet):
    """A resource of the API: ``select`` is the selector giving what the client may see,
    ``filter_serializer`` the query parameters of its list, ``create_serializer`` and
    ``update_serializer`` what a client sends, ``delete_query`` the parameters of a delete."""

    permission_classes = [ReadForAllWriteWithToken]
    select = None
    filter_serializer: type[filters.ListFilter] | None = None
    create_serializer = None
    update_serializer = None
    delete_query: type[filters.VersionQuery] = filters.VersionDecisionQuery
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
        if self.action == "list" and self.filter_serializer is not None:
            qs = qs.filter(**self.query(self.filter_serializer).lookups())
        return qs

    def query(self, serializer_class):
        """The request's query parameters, validated."""
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer

    def delete_params(self, programme: Programme | None = None) -> dict:
        """``expected_version`` of a delete, and its ``decision`` (of ``programme``) when the
        resource asks for one."""
        params = dict(self.query(self.delete_query).validated_data)
        if issubclass(self.delete_query, filters.VersionDecisionQuery):
            params["decision"] = decision_of(programme, params.get("decision"))
        return params

    def answer(self, instance, status_code=status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def write_data(self, serializer_class, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


def decision_of(programme: Programme, decision_id: int | None):
    """The decision with this id of ``programme`` (None for None); a 400 for another id."""
    if decision_id is None:
        return None
    decision = Decision.objects.filter(pk=decision_id, programme=programme).first()
    if decision is None:
        raise ValidationError({"decision": _("This programme has no decision with this id.")})
    return decision


def track_of(programme: Programme, track_id: int | None):
    """The track with this id of ``programme`` (None for None); a 400 for another id."""
    if track_id is None:
        return None
    track = Track.objects.filter(pk=track_id, programme=programme).first()
    if track is None:
        raise ValidationError({"track": _("This programme has no track with this id.")})
    return track


class WriteViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ApiViewSet,
):
    pass  # a resource that token clients may also create, change and delete


class TokenReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    permission_classes = [TokenRequired]
    http_method_names = ["get", "head", "options"]
