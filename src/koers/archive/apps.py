from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The archive package of a closed programme for the municipality's DMS or e-depot: the
    contract, the accepted progress reports and the decisions as PDF/A, the export JSON, MDTO
    metadata for every record and file, and a checksum list (BagIt). On top of the other apps;
    reads them through their selectors and writes nothing to the database."""

    name = "koers.archive"
    label = "archive"
    verbose_name = _("Archive package")
