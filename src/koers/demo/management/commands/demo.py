"""``koers demo [--reset] [--no-users]``: load the two Almelo demo programmes.

A second run changes nothing: programmes that exist are left as they are. ``--reset`` deletes the
demo programmes and loads them again. In demo mode (``KOERS_DEMO=true``) the command also creates
one user per role and prints their log-ins, so ``make run`` shows how to log in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from koers.demo.loader import (
    CREATED,
    DEMO_USERS,
    PRESENT,
    DemoDataError,
    demo_users_ensure,
    load_demo,
)
from koers.programmes.models import Activity, Programme


def programme_summary(programme: Programme) -> str:
    """How much of the DIN a programme holds, in one line."""
    return _(
        "%(strategic)d strategic goals, %(operational)d operational goals, %(tracks)d tracks, "
        "%(efforts)d efforts, %(activities)d activities, %(roles)d programme roles"
    ) % {
        "strategic": programme.strategic_goals.count(),
        "operational": programme.operational_goals.count(),
        "tracks": programme.tracks.count(),
        "efforts": programme.efforts.count(),
        "activities": Activity.objects.filter(effort__programme=programme).count(),
        "roles": programme.roles.count(),
    }


def table(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


class Command(BaseCommand):
    help = _(
        "Load the two Almelo demo programmes (Binnenstad 2019, Stedelijke Ontwikkeling 2023). In "
        "demo mode (KOERS_DEMO=true) also create one user per role and print their log-ins."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Delete the demo programmes and load them again."),
        )
        parser.add_argument(
            "--no-users",
            action="store_true",
            help=_("Do not create demo users, even in demo mode."),
        )

    def say(self, text: str = "") -> None:
        """Print unless run with ``--verbosity 0``."""
        if self.verbosity > 0:
            self.stdout.write(text)

    def handle(self, *args, reset: bool = False, no_users: bool = False, **options) -> None:
        self.verbosity = options.get("verbosity", 1)
        self.say(_("Loading the demo programmes of the municipality of Almelo…"))

        def report(programme: Programme, outcome: str) -> None:
            label = f"{programme.name} ({programme.slug})"
            if outcome == PRESENT:
                line = _("%(programme)s: already present; left as it is.") % {"programme": label}
            elif outcome == CREATED:
                line = _("%(programme)s: created — %(summary)s.") % {
                    "programme": label,
                    "summary": programme_summary(programme),
                }
            else:
                line = _("%(programme)s: deleted and loaded again — %(summary)s.") % {
                    "programme": label,
                    "summary": programme_summary(programme),
                }
            self.say(f"- {line}")

        try:
            load_demo(actor=None, reset=reset, on_programme=report)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc

        if no_users:
            self.say(_("No demo users created (--no-users)."))
            return
        if not settings.DEMO_MODE:
            self.say(_("Demo mode is off (KOERS_DEMO): no demo users created."))
            return

        existing = set(
            get_user_model()
            .objects.filter(username__in=[u.username for u in DEMO_USERS])
            .values_list("username", flat=True)
        )
        users = demo_users_ensure(actor=None)
        self.say()
        self.say(
            _(
                "Demo users (demo mode is on; these passwords are public, never use demo mode "
                "in production):"
            )
        )
        rows = [(_("Username"), _("Password"), _("Role"), "")]
        for username, password, description in users:
            status = (
                _("already present (password not changed)")
                if username in existing
                else _("created")
            )
            rows.append((username, password, description, status))
        for line in table(rows):
            self.say(f"  {line}")
