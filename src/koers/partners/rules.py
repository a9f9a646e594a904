"""Who may read and change the partners' contributions (django-rules). The object is the
programme: everyone who may read the programme sees what its partners commit and deliver; the
programme's staff and the functional administrator record it."""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme

rules.add_perm("partners.view_contributions", can_view_programme)
rules.add_perm("partners.change_contributions", can_edit_programme)
