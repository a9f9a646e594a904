"""The sections and pieces that the programme contract (:mod:`.contract`) and the progress report
(:mod:`.progress`) share: the document's opening, names and dates in words, the risks and the
partners' contributions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koers.finance.money import format_euro
from koers.partners.selectors import partners_overview
from koers.programmes.presentation import format_date, format_number

from .model import Cell, Document, Row, Run, Table


def programme_document(programme, *, title: str, subtitle: str, subject: str, keywords: str):
    """An empty :class:`Document` about ``programme`` in the active language; ``title`` is also
    the footer of every page."""
    return Document(
        title=title,
        lang=(get_language() or "nl").split("-")[0],
        subtitle=subtitle,
        meta={
            "subject": subject,
            "author": programme.municipality,
            "keywords": keywords,
            "footer": title,
        },
    )


def bold(text: str) -> Run:
    return Run(text, bold=True)


def owner_name(obj) -> str:
    """The name of an effort's or a risk's owner, or that none is named."""
    return obj.owner.name if obj.owner_id else _("not named")


def dates_text(start: dt.date, end: dt.date) -> str:
    return _("%(start)s to %(end)s") % {"start": format_date(start), "end": format_date(end)}


def period_text(period) -> str:
    """A reporting period in words: '1 januari 2021 to 30 juni 2021'."""
    return dates_text(period.start, period.end)


def period_label(period) -> str:
    """A period with its number: 'Period 2: 1 juli 2021 to 31 december 2021'."""
    return _("Period %(number)s: %(period)s") % {
        "number": period.number,
        "period": period_text(period),
    }


def first_recorded_note(row) -> str:
    """'as first recorded' for a value that has no history up to the document's date."""
    if not getattr(row, "as_first_recorded", False):
        return ""
    if getattr(row, "recorded_at", None) is None:
        return _("as first recorded")
    return _("as first recorded on %(date)s") % {
        "date": format_date(timezone.localtime(row.recorded_at).date())
    }


def risks_section(doc: Document, risks, *, title: str, note: str, caption: str, empty: str) -> None:
    doc.heading(2, title, "risicos")
    if not risks:
        doc.para(empty, style="empty")
        return
    doc.para(note, style="meta")
    doc.add(risk_table(risks, caption))


def committed_text(t) -> str:
    """What partners committed, in words: '€ 7.500, 120 hours, 2 deliverables'."""
    parts = []
    if t.committed_amount:
        parts.append(format_euro(t.committed_amount))
    if t.committed_hours:
        parts.append(_("%(hours)s hours") % {"hours": format_number(t.committed_hours)})
    if t.deliverables:
        parts.append(_("%(count)s deliverable(s)") % {"count": t.deliverables})
    return ", ".join(parts) or "—"


def partners_commitments_section(doc: Document, programme) -> None:
    """The contract's section: per partner what it commits to which effort in which year, and its
    interests."""
    doc.heading(2, _("Contributions of partners"), "partners")
    overview = partners_overview(programme)
    blocks = [b for b in overview.partners if b.contributions]
    if not blocks:
        doc.para(_("No contributions of partners recorded."), style="empty")
    else:
        rows: list[Row] = []
        for b in blocks:
            rows.append(Row((Cell(b.partner.name),), kind="group"))
            for c in b.contributions:
                rows.append(
                    Row(
                        (
                            Cell(c.effort.name),
                            Cell(str(c.year), number=True),
                            Cell(str(c.get_kind_display()).capitalize()),
                            Cell(
                                c.committed_text,
                                note=c.description if c.kind != "product" else "",
                            ),
                        )
                    )
                )
            rows.append(
                Row(
                    (
                        Cell(_("Total %(name)s") % {"name": b.partner.name}),
                        Cell(""),
                        Cell(""),
                        Cell(committed_text(b.total)),
                    ),
                    kind="total",
                )
            )
        doc.add(
            Table(
                caption=_("What the partners commit per effort and year"),
                header=(_("Partner and effort"), _("Year"), _("Kind"), _("Commitment")),
                rows=tuple(rows),
                numeric=frozenset({1}),
                widths=(5, 1, 2, 6),
            )
        )
    interests = [b for b in overview.partners if b.interests]
    if interests:
        doc.heading(3, _("Interests of the partners"))
        doc.bullets([[bold(b.partner.name), ": " + b.interests] for b in interests])


def risk_rows(risks) -> tuple[Row, ...]:
    return tuple(
        Row(
            (
                Cell(r.title, note=Truncator(r.description).words(40)),
                Cell(r.get_kind_display()),
                Cell(
                    str(r.score) if r.score is not None else _("not scored"),
                    number=True,
                    note="; ".join(
                        part
                        for part in (
                            _("likelihood %(likelihood)s × impact %(impact)s")
                            % {"likelihood": r.likelihood, "impact": r.impact}
                            if r.score is not None
                            else "",
                            first_recorded_note(r),
                        )
                        if part
                    ),
                ),
                Cell(r.get_status_display(), icon=r.status_icon),
                Cell(r.mitigation or "—"),
                Cell(owner_name(r)),
            )
        )
        for r in risks
    )


def risk_table(risks, caption: str) -> Table:
    return Table(
        caption=caption,
        header=(_("Risk"), _("Kind"), _("Score"), _("Status"), _("Mitigation"), _("Risk owner")),
        rows=risk_rows(risks),
        numeric=frozenset({2}),
        widths=(4, 2, 2, 2, 5, 2),
    )


def partners_year_section(doc: Document, programme, year: int) -> None:
    """The progress report's section: what each partner committed and delivered in ``year``."""
    doc.heading(2, _("Contributions of partners in %(year)s") % {"year": year}, "partners")
    overview = partners_overview(programme)
    rows = overview.year_rows(year)
    if not rows:
        doc.para(
            _("No contributions of partners recorded for %(year)s.") % {"year": year},
            style="empty",
        )
        return

    def cells(t) -> tuple[Cell, ...]:
        return (
            Cell(format_euro(t.committed_amount), number=True),
            Cell(format_euro(t.delivered_amount), number=True),
            Cell(format_number(t.committed_hours), number=True),
            Cell(format_number(t.delivered_hours), number=True),
            Cell(f"{t.delivered_deliverables} / {t.deliverables}", number=True),
        )

    table_rows = [Row((Cell(b.partner.name), *cells(t))) for b, t in rows]
    table_rows.append(Row((Cell(_("Total")), *cells(overview.year_total(year))), kind="total"))
    doc.add(
        Table(
            caption=_("Committed and delivered by the partners in %(year)s") % {"year": year},
            header=(
                _("Partner"),
                _("Money committed"),
                _("Money delivered"),
                _("Hours committed"),
                _("Hours delivered"),
                _("Deliverables delivered"),
            ),
            rows=tuple(table_rows),
            numeric=frozenset({1, 2, 3, 4, 5}),
            widths=(4, 2, 2, 2, 2, 2),
        )
    )
