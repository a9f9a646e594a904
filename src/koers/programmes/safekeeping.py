"""Keeping a copy before a programme is deleted: :func:`export_before_delete` writes the
programme's export to a file in the var directory (``KOERS_VAR_DIR/exports``) and returns its
path. The delete (:mod:`.views`, ``PROGRAMME``) calls it first and refuses when it fails.

For now the export is the DIN exchange format of :mod:`.exchange`; when the complete export
format (every kind of data of the programme) is in place it is swapped in here, and only
here."""

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
    from .exchange import ExchangeError, programme_to_json

    try:
        text = programme_to_json(programme)
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
    path.write_text(text, encoding="utf-8")
    return path
