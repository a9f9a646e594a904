"""A small document model: what a generated document says, independent of its output.

:mod:`koers.documents.contract` and :mod:`koers.documents.progress` (with the sections they share
in :mod:`koers.documents.sections`) fill a :class:`Document` from Koers' data;
:mod:`koers.documents.html` (→ WeasyPrint → PDF/UA) and :mod:`koers.documents.word`
(→ python-docx) render the same document, so the PDF and the Word file never say different
things. Plain data, no ORM, no I/O.

A status is always text with an icon (``Cell.icon``, ``Run`` text), never colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def runs(*parts: str | Run) -> tuple[Run, ...]:
    return tuple(p if isinstance(p, Run) else Run(p) for p in parts if p)


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int  # 2 = a chapter, 3 and 4 below it (1 is the document's title)
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph. ``style``: '' (body text), 'lead', 'meta' (small print), 'empty' (no data
    recorded: says so plainly), 'note' (a remark) or 'fictitious' (a warning that the data are
    illustrative)."""

    kind: ClassVar[str] = "paragraph"
    runs: tuple[Run, ...]
    style: str = ""

    @classmethod
    def of(cls, *parts: str | Run, style: str = "") -> Paragraph:
        return cls(runs(*parts), style)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bullets"
    items: tuple[tuple[Run, ...], ...]
    numbered: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell. ``number``: right-aligned; ``icon``: shown before the text and hidden from
    screen readers (the text carries the meaning)."""

    text: str
    number: bool = False
    icon: str = ""
    bold: bool = False
    note: str = ""  # small print under the text


@dataclass(frozen=True)
class Row:
    """A table row; its first cell is the row's header. ``kind``: 'body', 'group' (one cell
    spanning the table: the heading of the rows below it) or 'total' (shown in bold)."""

    cells: tuple[Cell, ...]
    kind: str = "body"


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    numeric: frozenset[int] = frozenset()  # indexes of the columns with numbers
    widths: tuple[int, ...] = ()  # relative column widths; empty: equal

    @property
    def columns(self) -> int:
        return len(self.header)

    @property
    def header_cells(self) -> list[Cell]:
        return [Cell(h, number=i in self.numeric) for i, h in enumerate(self.header)]

    @property
    def col_widths(self) -> list[str]:
        """The relative widths as percentages ('' when none are given)."""
        if not self.widths:
            return []
        total = sum(self.widths)
        return [f"{100 * w / total:.1f}" for w in self.widths]


@dataclass(frozen=True)
class Figure:
    """An image: SVG for the PDF, PNG for Word (either may be missing), with its text
    alternative (``alt``) and a caption. ``width_cm``: the width on an A4 page."""

    kind: ClassVar[str] = "figure"
    alt: str
    caption: str
    svg: bytes | None = None
    png: bytes | None = None
    width_cm: float = 16.0

    @property
    def data_uri(self) -> str:
        """The image as a data: URI (SVG preferred), '' when there is none."""
        import base64

        if self.svg:
            return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")
        if self.png:
            return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")
        return ""


@dataclass(frozen=True)
class PageBreak:
    kind: ClassVar[str] = "pagebreak"


Block = Heading | Paragraph | BulletList | Table | Figure | PageBreak


@dataclass
class Document:
    """A generated document. ``lang``: its language (BCP 47, e.g. 'nl'); ``meta``: subject,
    author and keywords for the file's properties."""

    title: str
    lang: str = "nl"
    subtitle: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def heading(self, level: int, text: str, anchor: str = "") -> None:
        self.blocks.append(Heading(level, text, anchor))

    def para(self, *parts: str | Run, style: str = "") -> None:
        self.blocks.append(Paragraph.of(*parts, style=style))

    def text_or_empty(self, text: str, empty: str) -> None:
        """Each paragraph of ``text`` (blank lines separate them), or ``empty`` when there is
        none: where Koers holds no text the document says so, it never invents one."""
        paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
        paragraphs = [" ".join(p.split("\n")) for p in paragraphs if p]
        if not paragraphs:
            self.para(empty, style="empty")
        for p in paragraphs:
            self.para(p)

    def bullets(self, items, numbered: bool = False) -> None:
        if items:
            self.blocks.append(
                BulletList(
                    tuple(runs(i) if isinstance(i, str) else runs(*i) for i in items), numbered
                )
            )

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def plain_text(self) -> str:
        """Every text in the document, one block a line (for tests and search)."""
        out = [self.title, self.subtitle]
        for b in self.blocks:
            if isinstance(b, Heading):
                out.append(b.text)
            elif isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, BulletList):
                out.extend("".join(r.text for r in item) for item in b.items)
            elif isinstance(b, Table):
                out.append(b.caption)
                out.append(" | ".join(b.header))
                out.extend(" | ".join(c.text for c in row.cells) for row in b.rows)
            elif isinstance(b, Figure):
                out.append(b.caption)
        return "\n".join(t for t in out if t)
