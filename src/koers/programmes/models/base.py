"""Shared parts of the DIN models: the optimistic-locking base and common help texts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_HELP = _(
    "Explanation, including where the source is ambiguous or silent (never invent what the "
    "source does not say)."
)


RESERVED_SLUGS = {"nieuw", "personen", "organisaties", "metingen", "rapportages", "initiatieven"}


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("‘%(value)s’ is reserved in Koers' addresses; choose another short name."),
            params={"value": value},
        )


CODE_PATTERN = r"^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$"
validate_code = RegexValidator(
    CODE_PATTERN,
    message=_(
        "Use letters and digits, optionally separated by a full stop, hyphen or underscore "
        "(e.g. 1, 2a, A1, 3.1); no spaces or slashes."
    ),
    code="invalid_code",
)


class ArchivableQuerySet(models.QuerySet):
    """Elements that can be archived: ``working()`` leaves out the archived ones (what the working
    views show), ``archived()`` is only those."""

    def working(self):
        return self.filter(archived_at__isnull=True)

    def archived(self):
        return self.filter(archived_at__isnull=False)

    def working_or(self, pk):
        """The working ones and the one with key ``pk`` (the current choice of a form, which an
        edit keeps even when it has been archived meanwhile)."""
        return self.filter(models.Q(archived_at__isnull=True) | models.Q(pk=pk))


class Archivable(models.Model):
    """An element that is archived instead of deleted once the record refers to it (reports,
    measurements, money, decisions): it leaves the working views, stays in the record, the
    history and the documents of its time, and can be restored."""

    archived_at = models.DateField(
        _("archived on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Archived: no longer in the working views, kept in the record. Empty: in use."),
    )
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("archived by"),
    )

    objects = ArchivableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every change; an edit based on an older version is refused."),
    )

    class Meta:
        abstract = True
