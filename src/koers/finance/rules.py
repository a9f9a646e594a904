"""Who may read and change a programme's budget (django-rules). The object is the programme.

Everyone who may read the programme may read its budget; the programme's staff and the
functional administrator change sources, availability and budget lines."""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme

rules.add_perm("finance.view_budget", can_view_programme)
rules.add_perm("finance.change_budget", can_edit_programme)
