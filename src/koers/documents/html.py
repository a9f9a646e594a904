"""Render a :class:`~koers.documents.model.Document` to HTML through Django templates (for
WeasyPrint): ``<html lang>``, a title, headings h1–h4, tables with a caption and ``<th scope>``,
figures with alt text and a caption, and page numbers in the footer of every A4 page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .model import Document


def render_html(document: Document, *, created: str = "") -> str:
    """The document as one HTML page (its style sheet included)."""
    return render_to_string(
        "documents/doc_document.html",
        {
            "doc": document,
            "blocks": document.blocks,
            "created": created,
            "page_label": _("Page"),
            "of_label": _("of"),
            "footer": document.meta.get("footer", document.title),
        },
    )
