"""The parts of the programme contract that say which state it shows: the note on the adopted
baseline (or, for a programme not adopted, the date), and the numbered section of amendments
since adoption, each with its decision and from what to what."""

from __future__ import annotations

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from koers.programmes.presentation import format_date

from .model import Cell, Document, Row, Run, Table
from .selectors import ContractData


def standing_section(doc: Document, data: ContractData) -> None:
    """What state the document shows: the adopted baseline and up to when the amendments run."""
    if data.adopted is None:
        doc.para(
            Run(
                _("Position as of %(date)s.") % {"date": format_date(data.as_of)} + " ",
                bold=True,
            ),
            _(
                "The programme has not been adopted (yet): this contract shows the record as it "
                "stood on that date, and there are no amendments."
            ),
            style="note",
        )
    else:
        if data.baseline_at_adoption:
            lead = _("Adopted baseline, as recorded at its adoption in Koers on %(date)s.") % {
                "date": format_date(data.baseline)
            }
        else:
            lead = _("Adopted baseline, position as of %(date)s.") % {
                "date": format_date(data.baseline)
            }
        doc.para(
            Run(lead + " ", bold=True),
            _(
                "This contract shows the programme as it was adopted. The changes decided since "
                "then, up to %(date)s, are listed with their decisions in the section "
                "‘Amendments since adoption’."
            )
            % {"date": format_date(data.as_of)},
            style="note",
        )
    if data.first_recorded:
        doc.para(
            _(
                "Some of the data have no history up to that date, because they were entered in "
                "Koers later (from %(date)s): they are shown as first recorded."
            )
            % {"date": format_date(timezone.localtime(data.din.first_recorded_since).date())}
            if data.din.first_recorded_since
            else _("Some of the data are shown as first recorded in Koers."),
            style="meta",
        )


def _decision_text(change) -> str:
    d = change.decision
    if d is None:
        return _("no decision recorded")
    parts = [p for p in (d.number, format_date(d.date)) if p]
    return f"{capfirst(d.get_kind_display())} {', '.join(parts)}: {d.title}"


def amendments_section(doc: Document, data: ContractData) -> None:
    doc.heading(2, _("Amendments since adoption"), "wijzigingen")
    if data.adopted is None:
        doc.para(
            _("The programme has not been adopted (yet): there are no amendments."),
            style="empty",
        )
        return
    if not data.amendments:
        doc.para(
            _("No amendments since adoption up to %(date)s.") % {"date": format_date(data.as_of)},
            style="empty",
        )
        return
    doc.para(
        _(
            "After its adoption the scope of the programme changes only by decision. These are "
            "the %(count)s amendments up to %(date)s, in the order in which they apply (the date "
            "of their decision)."
        )
        % {"count": len(data.amendments), "date": format_date(data.as_of)},
        style="meta",
    )
    doc.add(
        Table(
            caption=_("Amendments since adoption up to %(date)s")
            % {"date": format_date(data.as_of)},
            header=(_("No."), _("Decision"), _("Change"), _("Before"), _("After")),
            rows=tuple(
                Row(
                    (
                        Cell(f"W{i}"),
                        Cell(
                            _decision_text(c),
                            note=_("recorded on %(date)s")
                            % {"date": format_date(timezone.localtime(c.changed_at).date())},
                        ),
                        Cell(f"{c.get_kind_display()}: {c.subject}"),
                        Cell(c.before or "—"),
                        Cell(c.after or "—"),
                    )
                )
                for i, c in enumerate(data.amendments, start=1)
            ),
            widths=(1, 4, 4, 3, 3),
        )
    )
