"""A status as icon and text, for the pages, the digest and its e-mail (where colours only
repeat what the icon and text say)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from koers.monitoring.constants import Status
from koers.monitoring.templatetags.monitor import ICONS as STATUS_ICONS

from .constants import AspectStatus
from .templatetags.reports import ICONS as ASPECT_ICONS

# Colours for the e-mail, which cannot use the style sheet (as in koers.css): text, fill, border.
_GREEN, _BLUE = ("#14532d", "#e3f1e6", "#2e7d32"), ("#0b3d6e", "#e6f0fa", "#1a4f8b")
_AMBER, _RED = ("#5c3d00", "#fff4d6", "#a06b00"), ("#7a1010", "#fbe5e5", "#b3261e")
_GREY = ("#333333", "#f3f3f3", "#767676")
COLOURS = {"behaald": _GREEN, "goed": _GREEN, "op_koers": _BLUE, "aandacht": _AMBER}
COLOURS |= {"niet_op_koers": _RED, "probleem": _RED}


@dataclass(frozen=True)
class Badge:
    """A status as icon and text (in the e-mail with colours that only repeat them)."""

    value: str  # empty: no status (a new goal, an effort without a report)
    label: str
    icon: str

    @property
    def text(self) -> str:
        return f"{self.icon} {self.label}"

    @property
    def style(self) -> str:
        fg, bg, border = COLOURS.get(self.value, _GREY)
        return (
            f"color:{fg};background:{bg};border:1px solid {border};border-radius:4px;"
            "padding:0 4px;white-space:nowrap"
        )


def _badge(choices, icons, value: str | None, empty: str) -> Badge:
    try:
        status = choices(value)
    except ValueError:
        return Badge("", value or empty, "–")
    return Badge(status.value, status.label, icons[status])


def goal_badge(value: str | None) -> Badge:
    return _badge(Status, STATUS_ICONS, value, _("none"))


def aspect_badge(value: str | None) -> Badge:
    return _badge(AspectStatus, ASPECT_ICONS, value, _("no report"))
