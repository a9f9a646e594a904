"""Who may read and keep the decisions register (django-rules). The object is the programme.

The decisions and the record of changes are read like the programme (functional administrator,
staff, readers, effort owners) and kept by its staff and the functional administrator."""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme

rules.add_perm("decisions.view_decisions", can_view_programme)
rules.add_perm("decisions.change_decisions", can_edit_programme)

from koers.programmes.rules import owns_effort_in_programme  # noqa: E402

# An effort owner may propose a change of their own effort (the edit page checks which); the
# staff prepare, decide and reject proposals.
rules.add_perm("decisions.propose_changes", can_edit_programme | owns_effort_in_programme)
