"""Who may read and keep the risk register (django-rules). The object is the programme.

Reading the register follows reading the programme (functional administrator, staff, readers,
effort owners); adding, changing and deleting risks is for the programme's staff and the
functional administrator."""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme

rules.add_perm("risks.view_risks", can_view_programme)
rules.add_perm("risks.change_risks", can_edit_programme)
