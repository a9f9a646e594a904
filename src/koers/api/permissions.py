"""Who may call what: reading is open (the selectors decide what is visible), reports, budget
and risks and every write need a token; a write then needs the UI's own permission for the
client's user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAuthenticated
from rest_framework.permissions import SAFE_METHODS, BasePermission


def has_token(request) -> bool:
    return request.auth is not None and request.user.is_authenticated


class ReadForAllWriteWithToken(BasePermission):
    """Reading is open (what is visible is decided by the selectors); writing needs a token."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or has_token(request)


class TokenRequired(BasePermission):
    def has_permission(self, request, view) -> bool:
        return has_token(request)


def require(request, perm: str, obj) -> None:
    """The UI's permission, unchanged: refuse with 403 when the client's user lacks it."""
    if not has_token(request):
        raise NotAuthenticated
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("The client's user may not do this."))
