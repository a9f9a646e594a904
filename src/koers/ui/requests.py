"""What a view reads from the request before anything else: the programme it is about (with the
permission checked) and where to go afterwards."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def programme_for(request: HttpRequest, slug: str, perm: str | None):
    """The programme ``slug`` (404 when it does not exist), after checking that the user has
    ``perm`` on it (403 otherwise). ``perm=None`` checks nothing: the caller guards another
    object."""
    from koers.programmes.selectors import programme_get

    programme = programme_get(slug)
    if perm is not None and not request.user.has_perm(perm, programme):
        raise PermissionDenied
    return programme


def safe_next(request: HttpRequest) -> str | None:
    """The ``next`` address of the form or query string when it points into Koers itself, else
    None (so a link from elsewhere cannot send the user to another site after saving)."""
    nxt = request.POST.get("next") or request.GET.get("next")
    if nxt and url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return None
