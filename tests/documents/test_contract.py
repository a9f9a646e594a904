"""The programme contract: the demo's Binnenstad contract opened as PDF and as Word; the
document model filled without data says so instead of inventing text."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from koers.documents.model import Figure, Heading, Paragraph, Table

from .conftest import docx_open, pdf_text

SECTIONS = ["Doelen", "Afbakening", "Risico's", "Middelen", "Team", "Strategische keuzes"]


def test_pdf_holds_the_goals_and_the_budget_total(generated):
    text = pdf_text(generated.contract_pdf)
    assert "Programma Binnenstad" in text
    for code in generated.goal_codes:
        assert f"\n{code} " in text or f"{code} " in text, code
    assert "€ 1.749.200" in text  # the budget total, as on the budget page
    assert "93.000" in text  # the baseline of visitors per week
    assert "614" in text  # the target number of businesses
    for section in SECTIONS:
        assert section in text, section


def test_pdf_is_tagged_pdf_ua_in_dutch(generated):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(generated.contract_pdf))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"]
    assert str(catalog["/Lang"]).lower().startswith("nl")
    assert "/StructTreeRoot" in catalog
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()
    assert "Binnenstad" in reader.metadata.title


def test_pdf_marks_the_headings_and_tables(generated):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(generated.contract_pdf))
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    kinds: set[str] = set()

    def walk(node, depth=0):
        if depth > 60:
            return
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child, depth + 1)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is not None:
            walk(kids, depth + 1)

    walk(tree)
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds, kinds


def test_docx_has_real_headings_and_tables(generated):
    docx = docx_open(generated.contract_docx)
    styles = {p.style.name for p in docx.paragraphs}
    assert {"Title", "Heading 1", "Heading 2"} <= styles
    headings = [p.text for p in docx.paragraphs if p.style.name == "Heading 1"]
    for section in ("Doelen", "Afbakening", "Middelen", "Team"):
        assert section in headings, headings
    budget = next(t for t in docx.tables if t.rows[0].cells[0].text == "Bron en inspanning of post")
    assert [c.text for c in budget.rows[0].cells] == [
        "Bron en inspanning of post",
        "2019",
        "2020",
        "2021",
        "2022",
        "Totaal",
    ]
    last = [c.text.replace("\u00a0", " ") for c in budget.rows[-1].cells]
    assert last[0] == "Totaal generaal" and last[-1] == "€ 1.749.200"
    assert budget.style.name == "Table Grid"
    header = budget.rows[0]._tr
    assert header.xpath("./w:trPr/w:tblHeader"), "the header row repeats on every page"
    assert docx.core_properties.language == "nl-NL"
    assert "Binnenstad" in docx.core_properties.title


def test_docx_numbers_right_aligned_and_images_described(generated):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    docx = docx_open(generated.contract_docx)
    budget = next(t for t in docx.tables if t.rows[0].cells[0].text == "Bron en inspanning of post")
    amount = budget.rows[-1].cells[-1].paragraphs[0]
    assert amount.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    pictures = docx.inline_shapes
    assert len(pictures) == 1  # the DIN diagram
    assert pictures[0]._inline.docPr.get("descr")


def test_document_model_has_the_sections_in_the_contracts_order(generated):
    chapters = [
        b.anchor for b in generated.contract.blocks if isinstance(b, Heading) and b.level == 2
    ]
    assert chapters == [
        "aanleiding",
        "visie",
        "doelen",
        "sporen",
        "din",
        "afbakening",
        "monitoring",
        "rollen",
        "team",
        "partners",
        "risicos",
        "middelen",
        "wijzigingen",
    ]
    assert any(isinstance(b, Figure) and b.svg and b.png for b in generated.contract.blocks)
    # Binnenstad has no mission and no background text: said so, not invented.
    empty = [
        b for b in generated.contract.blocks if isinstance(b, Paragraph) and b.style == "empty"
    ]
    assert len(empty) >= 2


def test_contract_of_an_empty_programme_says_what_is_missing(programme):
    from koers.documents.contract import build_contract

    doc = build_contract(programme.slug)
    empty = [b for b in doc.blocks if isinstance(b, Paragraph) and b.style == "empty"]
    # background, mission, vision, scope, indicators' calendar, meetings, roles, hours, risks,
    # budget: nothing recorded, and every one of them is said to be missing.
    assert len(empty) >= 8
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert tables[0].rows[0].cells[0].text == "1a"


def test_pdf_page_renders_to_png(generated, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    pdf = tmp_path / "contract.pdf"
    pdf.write_bytes(generated.contract_pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 5000


@pytest.mark.office
def test_libreoffice_converts_the_docx(generated, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    for name, data in (
        ("contract", generated.contract_docx),
        ("voortgang", generated.progress_docx),
    ):
        (tmp_path / f"{name}.docx").write_bytes(data)
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(tmp_path / "contract.docx"),
            str(tmp_path / "voortgang.docx"),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in ("contract", "voortgang"):
        converted = tmp_path / "out" / f"{name}.pdf"
        assert converted.exists(), done.stdout
        assert "Binnenstad" in pdf_text(converted.read_bytes())
