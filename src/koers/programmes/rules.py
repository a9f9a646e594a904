"""Who may do what with a programme (django-rules predicates). Deny by default.

- functioneel beheerder (``User.is_functional_admin``): everything;
- programme staff (``ProgrammeAccess`` level *staf*): read and edit that programme;
- reader (level *lezer*): read that programme;
- effort owner (the ``Person`` linked to the user owns the effort): read the programme, edit
  their own effort and its activities.

The user's access is read once per request and cached on the user object, so checking many
objects costs no extra queries.
"""

from __future__ import annotations

import rules

from .constants import AccessLevel


def _access(user) -> tuple[dict[int, str], dict[int, int]]:
    """({programme_id: level}, {effort_id: programme_id}) for this user, cached on the user."""
    cached = getattr(user, "_koers_access", None)
    if cached is None:
        from .models import Effort, ProgrammeAccess

        levels = dict(
            ProgrammeAccess.objects.filter(user=user).values_list("programme_id", "level")
        )
        owned = dict(Effort.objects.filter(owner__user=user).values_list("id", "programme_id"))
        cached = (levels, owned)
        user._koers_access = cached
    return cached


def forget_access(user) -> None:
    if hasattr(user, "_koers_access"):
        del user._koers_access


def _programme_id(obj) -> int | None:
    if obj is None:
        return None
    from .models import Programme

    if isinstance(obj, Programme):
        return obj.pk
    return getattr(obj, "programme_id", None)


@rules.predicate
def is_functional_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_functional_admin)


@rules.predicate
def is_programme_staff(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    return _access(user)[0].get(_programme_id(obj)) == AccessLevel.STAFF


@rules.predicate
def is_programme_reader(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    return _access(user)[0].get(_programme_id(obj)) == AccessLevel.READER


@rules.predicate
def owns_effort_in_programme(user, obj) -> bool:
    if not user.is_authenticated:
        return False
    return _programme_id(obj) in _access(user)[1].values()


@rules.predicate
def owns_effort(user, effort) -> bool:
    if not user.is_authenticated or effort is None:
        return False
    return effort.pk in _access(user)[1]


@rules.predicate
def is_staff_anywhere(user) -> bool:
    if not user.is_authenticated:
        return False
    return AccessLevel.STAFF in _access(user)[0].values()


can_view_programme = (
    is_functional_admin | is_programme_staff | is_programme_reader | owns_effort_in_programme
)
can_edit_programme = is_functional_admin | is_programme_staff

rules.add_perm("programmes.view_programme", can_view_programme)
rules.add_perm("programmes.change_programme", can_edit_programme)
rules.add_perm("programmes.delete_programme", is_functional_admin)
rules.add_perm("programmes.add_programme", is_functional_admin | is_staff_anywhere)
rules.add_perm("programmes.manage_access", is_functional_admin)
# Efforts: the object is the effort itself.
rules.add_perm("programmes.change_effort", can_edit_programme | owns_effort)
# People and partner organisations are shared by all programmes.
rules.add_perm("programmes.view_people", is_functional_admin | is_staff_anywhere)
rules.add_perm("programmes.change_people", is_functional_admin | is_staff_anywhere)
# Contributions between programmes (cross-programme links, see models/crosslinks.py). Proposing
# one, and withdrawing a proposal, is for the staff of the *effort's* programme (the object is the
# effort); accepting, declining and removing is for the staff of the *goal's* programme (the
# object is that programme): it owns its goals, and an accepted contribution changes its scope.
can_propose_cross_link = can_edit_programme
can_decide_cross_link = can_edit_programme
rules.add_perm("programmes.propose_cross_link", can_propose_cross_link)
rules.add_perm("programmes.decide_cross_link", can_decide_cross_link)
