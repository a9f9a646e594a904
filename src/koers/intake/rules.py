"""Who may register, read and assess initiatives (django-rules).

Anyone with an account registers an initiative for any programme and reads their own
registrations; the programme's readers read its intake list (the object is the programme or
the initiative); its staff and the functional administrator assess."""

from __future__ import annotations

import rules

from koers.programmes.rules import can_edit_programme, can_view_programme


@rules.predicate
def registered_it(user, initiative) -> bool:
    return bool(
        user.is_authenticated
        and initiative is not None
        and initiative.registered_by_id is not None
        and initiative.registered_by_id == user.pk
    )


rules.add_perm("intake.register_initiative", rules.is_authenticated & rules.is_active)
rules.add_perm("intake.view_intake", can_view_programme)
rules.add_perm("intake.view_initiative", registered_it | can_view_programme)
rules.add_perm("intake.assess_initiative", can_edit_programme)
