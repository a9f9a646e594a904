"""Keeping a copy before a programme is deleted: :func:`export_before_delete` writes the
programme's export to a file in the var directory (``KOERS_VAR_DIR/exports``) and returns its
path. The delete (:mod:`.views`, ``PROGRAMME``) calls it first and refuses when it fails.

The export is the complete exchange format (:func:`koers.exchange.export_programme`, with the
history), imported when a programme is deleted, not when this app loads: the exchange sits above
every app."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Programme


def export_before_delete(programme: Programme) -> Path:
    """Write the export of ``programme`` to a new file in the var directory; its path. A
    programme that cannot be exported raises ``ValidationError`` (and is not to be deleted)."""
    from koers.exchange import export_programme  # the app above all apps; see the docstring

    from .exchange import ExchangeError

    try:
        data = export_programme(programme, history=True)
    except ExchangeError as exc:
        raise ValidationError(
            _("The programme could not be exported, so it is not deleted: %(problems)s")
            % {"problems": " ".join(str(p) for p in exc.problems)}
        ) from exc
    folder = Path(settings.VAR_DIR) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{programme.slug}-voor-verwijdering-{stamp}.json"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{programme.slug}-voor-verwijdering-{stamp}-{counter}.json"
    path.write_bytes(data)
    return path
