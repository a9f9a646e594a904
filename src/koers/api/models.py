"""Clients of the REST API and their tokens.

A client acts with the permissions of one user account (``user``), so the UI's rules
(django-rules, ``user.has_perm``) apply unchanged to everything the client does. The token itself
is shown once, when the client is created; Koers keeps only its SHA-256 hash and a short prefix to
find it by.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX_LENGTH = 8


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class ApiClient(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_clients",
        verbose_name=_("acts as user"),
        help_text=_("The client may read and change exactly what this user may."),
    )
    token_prefix = models.CharField(
        _("token prefix"), max_length=TOKEN_PREFIX_LENGTH, db_index=True
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def matches(self, token: str) -> bool:
        return secrets.compare_digest(self.token_hash, token_hash(token))
