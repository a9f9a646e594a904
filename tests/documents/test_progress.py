"""The progress report over one reporting period: the demo's Binnenstad report opened as PDF
and as Word; the fictitious demo data are marked as such."""

from __future__ import annotations

import io

from koers.documents.model import Figure, Heading, Paragraph, Table

from .conftest import docx_open, pdf_text


def test_pdf_holds_goals_statuses_and_numbers(generated):
    text = pdf_text(generated.progress_pdf)
    for code in generated.goal_codes:
        assert f"{code}. " in text, code
    assert "Fictieve gegevens" in text  # the demo's measurements and reports are illustrative
    assert "93.000" in text  # baseline in the measurements table
    assert "100.000" in text  # target end value of visitors per week
    assert "op koers" in text or "aandacht" in text
    assert "€ 1.749.200" in text  # budget total in the spending tables


def test_pdf_is_tagged_with_language_and_title(generated):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(generated.progress_pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).lower().startswith("nl")
    assert "/StructTreeRoot" in catalog
    assert "Binnenstad" in reader.metadata.title


def test_docx_headings_tables_and_charts(generated):
    docx = docx_open(generated.progress_docx)
    styles = {p.style.name for p in docx.paragraphs}
    assert {"Heading 1", "Heading 2", "Heading 3"} <= styles
    chapters = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    assert "Doelen" in chapters and "Inspanningen" in chapters
    measurement_tables = [
        t for t in docx.tables if [c.text for c in t.rows[0].cells] == ["Periode", "Waarde"]
    ]
    charts = [b for b in generated.progress.blocks if isinstance(b, Figure)]
    assert charts and len(measurement_tables) >= len(charts)
    assert len(docx.inline_shapes) == len(charts)
    for shape in docx.inline_shapes:
        assert shape._inline.docPr.get("descr"), "every image has alt text"


def test_model_status_is_text_with_icon(generated):
    tables = [b for b in generated.progress.blocks if isinstance(b, Table)]
    status_cells = [
        c for t in tables if "Status" in t.header for r in t.rows for c in r.cells if c.icon
    ]
    assert status_cells and all(c.text.strip() for c in status_cells)


def test_model_marks_fictitious_data(generated):
    banners = [
        b for b in generated.progress.blocks if isinstance(b, Paragraph) and b.style == "fictitious"
    ]
    assert len(banners) == 1
    assert generated.progress.blocks.index(banners[0]) < 3  # at the top


def test_model_structure(generated):
    chapters = [
        b.anchor for b in generated.progress.blocks if isinstance(b, Heading) and b.level == 2
    ]
    assert chapters == [
        "samenvatting",
        "doelen",
        "inspanningen",
        "financien",
        "partners",
        "risicos",
        "besluiten",
    ]


def test_programme_without_calendar_or_data(programme):
    from koers.documents.progress import build_progress

    doc = build_progress(programme, period=None)
    assert doc.title
    empty = [b for b in doc.blocks if isinstance(b, Paragraph) and b.style == "empty"]
    assert len(empty) >= 4  # no reports, no budget, no risks, no decisions
    assert not any(isinstance(b, Paragraph) and b.style == "fictitious" for b in doc.blocks)
