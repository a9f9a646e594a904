"""Who may do what with progress reports (django-rules).

- everyone who may read the programme reads its reports, their history, the overview and the
  digest;
- the effort owner writes (and submits) the report of their own effort; programme staff may too;
- programme staff (and the functional administrator) accept or return submitted reports, set the
  reporting calendar, choose which efforts report and send the digest.
"""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme, owns_effort

# Object: the programme.
rules.add_perm("reporting.view_reports", can_view_programme)
rules.add_perm("reporting.review_reports", can_edit_programme)
rules.add_perm("reporting.manage_reporting", can_edit_programme)
# Object: the effort.
rules.add_perm("reporting.write_report", can_edit_programme | owns_effort)
