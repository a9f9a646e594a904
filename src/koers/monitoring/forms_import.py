"""The upload form of the measurement import. The form only checks that a file was sent; what
the file may be (extension, size) and what it holds is checked by koers.monitoring.importing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.ui import style_widgets


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A CSV or XLSX file in the delivery format."),
        widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}),
        error_messages={"required": _("Choose a CSV or XLSX file to import.")},
    )
    only_valid = forms.BooleanField(
        label=_("Import only the valid rows"),
        required=False,
        help_text=_(
            "Without this choice nothing is imported as long as the file has a problem. With it, "
            "rows with a problem are skipped and the other rows are imported."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
