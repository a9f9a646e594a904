from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The documents a programme lives in — the programme contract and the progress report as
    PDF and Word, the programme as an Excel workbook — generated from Koers' data, and a new
    programme's DIN taken in from an Excel workbook. On top of the other apps; reads them through
    their selectors and writes through their services."""

    name = "koers.documents"
    label = "documents"
    verbose_name = _("Documents")
