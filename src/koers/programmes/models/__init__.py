"""The goals–efforts network (DIN) of a programme.

programme ── strategic goal ── operational goal (± indicator) ⟷ effort ── activity
                                                 (GoalEffortLink)   │
             track (spoor) ─────────────────────────────────────────┘
People, partner organisations and programme roles (with hours per year) belong here too.
Every model keeps its history (django-simple-history) and a ``version`` counter that services use
to refuse an edit based on a stale copy (optimistic locking).
"""

from ..constants import CrossLinkState
from .base import NOTE_HELP, RESERVED_SLUGS, Versioned, validate_not_reserved
from .crosslinks import CrossProgrammeLink
from .efforts import Activity, Effort, GoalEffortLink, Track
from .goals import Indicator, OperationalGoal, StrategicGoal
from .people import PartnerOrganisation, Person, ProgrammeRole, RoleHours
from .programme import Programme, ProgrammeAccess, StrategicChoice

__all__ = [
    "NOTE_HELP",
    "RESERVED_SLUGS",
    "Activity",
    "CrossLinkState",
    "CrossProgrammeLink",
    "Effort",
    "GoalEffortLink",
    "Indicator",
    "OperationalGoal",
    "PartnerOrganisation",
    "Person",
    "Programme",
    "ProgrammeAccess",
    "ProgrammeRole",
    "RoleHours",
    "StrategicChoice",
    "StrategicGoal",
    "Track",
    "Versioned",
    "validate_not_reserved",
]
