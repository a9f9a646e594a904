"""Token authentication: ``Authorization: Bearer <token>`` (RFC 6750).

Only the header is read (never a query parameter, so tokens do not end up in access logs). A
request without the header is anonymous and sees only published data; a wrong, unknown or
revoked token is refused with 401 rather than silently treated as anonymous.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import TOKEN_PREFIX_LENGTH, ApiClient

# Writing last_used on every request would make every read a write; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class BearerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        if not header:
            return None
        parts = header.split()
        if len(parts) != 2 or parts[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(
                _("Give the token as ‘Authorization: Bearer <token>’.")
            )
        token = parts[1]
        candidates = ApiClient.objects.select_related("user").filter(
            token_prefix=token[:TOKEN_PREFIX_LENGTH], active=True
        )
        client = next((c for c in candidates if c.matches(token)), None)
        if client is None or not client.user.is_active:
            raise exceptions.AuthenticationFailed(_("Unknown or revoked token."))
        now = timezone.now()
        if client.last_used is None or now - client.last_used > LAST_USED_RESOLUTION:
            ApiClient.objects.filter(pk=client.pk).update(last_used=now)
            client.last_used = now
        return client.user, client

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "koers.api.authentication.BearerTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A client token made with `koers api_client create NAME --user USER`.",
        }
