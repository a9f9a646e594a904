"""Every write to the DIN, and the generic versioned write that every app's services use.

- :mod:`.versioning`: :class:`ConflictError`, :func:`history_stamp`, :func:`version_bump`,
  :func:`text_normalise`, :func:`object_changes` and the generic :func:`object_create` /
  :func:`object_update` / :func:`object_delete`;
- :mod:`.changes`: which of those writes are controlled changes of an adopted programme;
- :mod:`.din`: the DIN's own services (``programme_create``, ``operational_goal_update``, …).

Import from the package (``from koers.programmes.services import ConflictError,
object_update``); the modules are its inside.
"""

from ..models import Activity, PartnerOrganisation, Person, StrategicChoice, StrategicGoal, Track
from .archive import (
    effort_archive,
    effort_restore,
    element_archive,
    element_restore,
    operational_goal_archive,
    operational_goal_restore,
)
from .din import (
    INDICATOR_FIELDS,
    effort_create,
    goal_effort_link_create,
    goal_effort_link_delete,
    operational_goal_create,
    operational_goal_delete,
    operational_goal_update,
    programme_access_grant,
    programme_access_revoke,
    programme_create,
    programme_delete,
    programme_update,
    role_hours_set,
    strategic_goal_delete,
)
from .versioning import (
    ConflictError,
    history_stamp,
    object_changes,
    object_create,
    object_delete,
    object_update,
    text_normalise,
    version_bump,
)

__all__ = [
    "INDICATOR_FIELDS",
    "Activity",
    "ConflictError",
    "PartnerOrganisation",
    "Person",
    "StrategicChoice",
    "StrategicGoal",
    "Track",
    "effort_archive",
    "effort_create",
    "effort_restore",
    "element_archive",
    "element_restore",
    "operational_goal_archive",
    "operational_goal_restore",
    "goal_effort_link_create",
    "goal_effort_link_delete",
    "history_stamp",
    "object_changes",
    "object_create",
    "object_delete",
    "object_update",
    "operational_goal_create",
    "operational_goal_delete",
    "operational_goal_update",
    "programme_access_grant",
    "programme_access_revoke",
    "programme_create",
    "programme_delete",
    "programme_update",
    "role_hours_set",
    "strategic_goal_delete",
    "text_normalise",
    "version_bump",
]
