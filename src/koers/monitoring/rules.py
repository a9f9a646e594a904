"""Who may enter measurements and judgements (django-rules). The object is the programme.

Reading the monitor follows reading the programme. Entering, correcting and importing
measurements and recording judgements of qualitative goals is for the programme's staff and the
functional administrator; effort owners and readers only read.
"""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, is_functional_admin, is_staff_anywhere

rules.add_perm("monitoring.change_measurements", can_edit_programme)
rules.add_perm("monitoring.judge_goals", can_edit_programme)
# The import page itself; which programmes a file may touch is checked row by row.
rules.add_perm("monitoring.import_measurements", is_functional_admin | is_staff_anywhere)
