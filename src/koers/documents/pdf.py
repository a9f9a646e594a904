"""The document as PDF/UA-1 (WeasyPrint): tagged headings, tables and figures, the language
and the title in the file, A4 with page numbers. For the archive (:mod:`koers.archive`) the same
document as PDF/A-3b, still tagged (:data:`PDF_ARCHIVE_VARIANT`)."""

from __future__ import annotations

from django.conf import settings

from .html import render_html
from .model import Document

PDF_VARIANT = "pdf/ua-1"
#: PDF/A-3b (ISO 19005-3, PRONOM fmt/480) for the e-depot; rendered with the structure tags on,
#: so the archived file keeps the headings, tables and alternative texts of the PDF/UA file.
PDF_ARCHIVE_VARIANT = "pdf/a-3b"


def render_pdf(document: Document, *, created: str = "", variant: str = PDF_VARIANT) -> bytes:
    from weasyprint import HTML

    html = render_html(document, created=created)
    base_url = str(getattr(settings, "STATIC_ROOT", "") or ".")
    options = {"pdf_tags": True} if variant != PDF_VARIANT else {}
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=variant, **options)
