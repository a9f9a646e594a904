"""``koers archive SLUG [-o FILE] [--force]``: the archive package of a closed programme for the
municipality's DMS or e-depot (see docs/archief.md)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.archive.mdto import InvalidMDTO
from koers.archive.package import archive_filename, archive_package
from koers.messages import os_error_text
from koers.programmes.constants import ProgrammeStatus
from koers.programmes.models import Programme


class Command(BaseCommand):
    help = _(
        "Write the archive package of a closed programme (contract, accepted progress reports "
        "and decisions as PDF/A, the export, MDTO metadata and a checksum list) as a zip file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help=_("Short name of the programme."))
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help=_("Write the zip file here (default: archief-SLUG-DATE.zip in the var folder)."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Also for a programme that is not closed (for a trial)."),
        )

    def handle(self, *args, slug: str, output: str | None, force: bool, **options) -> None:
        programme = Programme.objects.filter(slug=slug).first()
        if programme is None:
            raise CommandError(_("No programme with short name %(slug)s.") % {"slug": slug})
        if programme.status != ProgrammeStatus.CLOSED and not force:
            raise CommandError(
                _(
                    "Programme %(slug)s is not closed (status: %(status)s). An archive package is "
                    "made of a closed programme; use --force for a trial."
                )
                % {"slug": slug, "status": programme.get_status_display()}
            )
        now = timezone.now()
        target = (
            Path(output)
            if output
            else Path(settings.VAR_DIR) / archive_filename(programme, timezone.localdate(now))
        )
        try:
            package = archive_package(programme, now=now)
        except InvalidMDTO as exc:
            raise CommandError(
                _("The MDTO metadata do not match the schema: %(error)s") % {"error": exc}
            ) from exc
        try:
            target.write_bytes(package.zip_bytes(now))
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": target, "error": os_error_text(exc)}
            ) from exc
        self.stdout.write(
            _("Archive package of %(name)s written to %(file)s (%(count)s files).")
            % {"name": programme.name, "file": target, "count": len(package.files)}
        )
