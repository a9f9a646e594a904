"""What every resource of /api/v1 shares: the base viewsets (the selector, the list's filter, the
write shapes, the parameters of a delete), the lookups of related objects in a write, and
putting a write in a change proposal instead of making it (:meth:`ApiViewSet.propose`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from koers.decisions.models import ChangeProposal, Decision
from koers.decisions.proposals import change_propose
from koers.programmes.models import Programme, Track
from koers.programmes.proposing import operation_name
from koers.programmes.services import ConflictError

from . import selectors
from . import serializers_filter as filters
from .permissions import ReadForAllWriteWithToken, TokenRequired, has_token
from .serializers import PendingChangeSerializer


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
    proposes = False  # whether a write may be put in a change proposal (``proposal``, ``reason``)
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
        """``expected_version`` of a delete, and its ``decision`` (of ``programme``) and
        ``proposing`` (see :func:`proposing_of`; not a keyword of the service) when the resource
        asks for them."""
        params = dict(self.query(self.delete_query).validated_data)
        if issubclass(self.delete_query, filters.VersionDecisionQuery):
            params["proposing"] = proposing_of(programme, params)
            params["decision"] = decision_of(programme, params.get("decision"))
        return params

    def propose(
        self,
        proposing: Proposing,
        kind: str,
        action: str,
        *,
        target=None,
        values: dict | None = None,
        expected_version: int | None = None,
    ) -> Response:
        """Put the write ``action`` of element ``kind`` (on ``target``, with the service's
        ``values``) in the client's change proposal instead of making it: 202 with the pending
        change, ``Location`` the proposal. A stale ``expected_version`` is a 409, as the write
        itself would be; a change that needs no decision is refused on ``proposal``."""
        if target is not None and expected_version is not None:
            stored = (
                type(target)._default_manager.filter(pk=target.pk).values_list("version", flat=True)
            )
            if list(stored) != [expected_version]:
                raise ConflictError(target)
        pending = change_propose(
            proposal=proposing.proposal,
            actor=self.request.user,
            operation=operation_name(kind, action),
            target=target,
            values=values or {},
            reason=proposing.reason,
        )
        location = self.request.build_absolute_uri(
            reverse("api:wijzigingsvoorstel-detail", kwargs={"pk": proposing.proposal.pk})
        )
        return Response(
            PendingChangeSerializer(pending).data,
            status=status.HTTP_202_ACCEPTED,
            headers={"Location": location},
        )

    def answer(self, instance, status_code=status.HTTP_200_OK) -> Response:
        instance = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(instance).data, status=status_code)

    def write_data(self, serializer_class, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@dataclass(frozen=True)
class Proposing:
    """The client's request to put a write in a change proposal instead of making it."""

    proposal: ChangeProposal
    reason: str


def proposing_of(programme: Programme, data: dict) -> Proposing | None:
    """Take ``proposal`` and ``reason`` out of a write's validated ``data``: None when the client
    makes the write itself; otherwise the concept proposal of ``programme`` it names, with the
    reason. A 400 on ``proposal`` for an unknown, another programme's or a decided or rejected
    proposal, or one given with a decision; on ``reason`` for a missing reason, or a reason
    without a proposal."""
    proposal_id = data.pop("proposal", None)
    reason = (data.pop("reason", None) or "").strip()
    if proposal_id is None:
        if reason:
            raise ValidationError({"reason": _("Give a reason only with a change proposal.")})
        return None
    proposal = ChangeProposal.objects.filter(pk=proposal_id, programme=programme).first()
    if proposal is None:
        raise ValidationError(
            {"proposal": _("This programme has no change proposal with this id.")}
        )
    if not proposal.is_concept:
        raise ValidationError(
            {
                "proposal": _(
                    "The change proposal ‘%(proposal)s’ is %(status)s: it takes no more changes."
                )
                % {"proposal": proposal, "status": proposal.get_status_display()}
            }
        )
    if data.get("decision") is not None:
        raise ValidationError(
            {"proposal": _("Give either a decision or a change proposal, not both.")}
        )
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the proposed change.")})
    return Proposing(proposal=proposal, reason=reason)


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
