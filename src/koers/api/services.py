"""Writes of API clients: create (the token is returned once) and revoke."""

from __future__ import annotations

from django.db import transaction

from .models import TOKEN_PREFIX_LENGTH, ApiClient, new_token, token_hash


def api_client_create(*, name: str, user) -> tuple[ApiClient, str]:
    """Create a client acting as ``user``; return it with its token (never stored in clear)."""
    token = new_token()
    client = ApiClient(
        name=name,
        user=user,
        token_prefix=token[:TOKEN_PREFIX_LENGTH],
        token_hash=token_hash(token),
    )
    with transaction.atomic():
        client.full_clean()
        client.save()
    return client, token


def api_client_revoke(*, client: ApiClient) -> ApiClient:
    client.active = False
    client.save(update_fields=["active"])
    return client
