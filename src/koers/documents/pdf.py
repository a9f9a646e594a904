"""The document as PDF/UA-1 (WeasyPrint): tagged headings, tables and figures, the language
and the title in the file, A4 with page numbers."""

from __future__ import annotations

from django.conf import settings

from .html import render_html
from .model import Document

PDF_VARIANT = "pdf/ua-1"


def render_pdf(document: Document, *, created: str = "") -> bytes:
    from weasyprint import HTML

    html = render_html(document, created=created)
    base_url = str(getattr(settings, "STATIC_ROOT", "") or ".")
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
