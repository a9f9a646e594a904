from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeStatus(models.TextChoices):
    CONCEPT = "concept", _("draft")
    ADOPTED = "vastgesteld", _("adopted")
    CLOSED = "afgesloten", _("closed")


class GoalKind(models.TextChoices):
    MEASURABLE = "meetbaar", _("measurable")
    QUALITATIVE = "kwalitatief", _("qualitative")


class TargetKind(models.TextChoices):
    REACH = "bereiken", _("reach")
    INCREASE_BY = "toename", _("increase by")
    DECREASE_BY = "afname", _("decrease by")
    AT_MOST = "maximaal", _("at most")
    AT_LEAST = "minimaal", _("at least")
    KEEP = "behouden", _("keep")


class DatePrecision(models.TextChoices):
    DAY = "dag", _("day")
    MONTH = "maand", _("month")
    YEAR = "jaar", _("year")


class MeasuringFrequency(models.TextChoices):
    UNKNOWN = "", _("not stated")
    WEEKLY = "week", _("weekly")
    MONTHLY = "maand", _("monthly")
    QUARTERLY = "kwartaal", _("quarterly")
    YEARLY = "jaar", _("yearly")
    BIENNIAL = "tweejaarlijks", _("every two years")
    ONCE = "eenmalig", _("once")


class MunicipalityRole(models.TextChoices):
    UNKNOWN = "", _("not determined")
    PRINCIPAL = "opdrachtgever", _("principal (opdrachtgever)")
    DIRECTOR = "regisseur", _("director (regisseur)")
    ALIGNMENT = "afstemming", _("alignment (afstemming)")


class EffortStatus(models.TextChoices):
    PLANNED = "gepland", _("planned")
    PREPARATION = "voorbereiding", _("in preparation")
    EXECUTION = "uitvoering", _("in progress")
    COMPLETED = "afgerond", _("completed")
    STOPPED = "gestopt", _("stopped")


class RoleKind(models.TextChoices):
    POLITICAL_PRINCIPAL = "bestuurlijk_opdrachtgever", _("political principal")
    ADMINISTRATIVE_PRINCIPAL = "ambtelijk_opdrachtgever", _("administrative principal")
    PROGRAMME_MANAGER = "programmamanager", _("programme manager")
    ADVISER = "adviseur", _("adviser")
    SUPPORT = "ondersteuner", _("support officer")
    COMMUNICATION = "communicatieadviseur", _("communication adviser")
    EFFORT_OWNER = "trekker", _("effort owner (trekker)")


class PartnerKind(models.TextChoices):
    ENTREPRENEURS = "ondernemers", _("entrepreneurs")
    OWNERS = "eigenaren", _("property owners")
    CULTURE = "cultuur", _("cultural institution")
    INVESTOR = "investeerder", _("investor")
    GOVERNMENT = "overheid", _("government")
    KNOWLEDGE = "kennis", _("knowledge institution")
    SOCIETY = "maatschappelijk", _("civil society")
    OTHER = "overig", _("other")


class AccessLevel(models.TextChoices):
    STAFF = "staf", _("programme staff (edit)")
    READER = "lezer", _("reader")


class CrossLinkState(models.TextChoices):
    """Where a contribution of an effort to another programme's goal stands."""

    PROPOSED = "voorgesteld", _("proposed")
    ACCEPTED = "geaccepteerd", _("accepted")
    DECLINED = "afgewezen", _("declined")


class ChangeKind(models.TextChoices):
    STRATEGIC_GOAL_ADDED = "strategisch_doel_toegevoegd", _("strategic goal added")
    STRATEGIC_GOAL_REMOVED = "strategisch_doel_verwijderd", _("strategic goal removed")
    GOAL_ADDED = "doel_toegevoegd", _("operational goal added")
    GOAL_REMOVED = "doel_verwijderd", _("operational goal removed")
    TARGET_CHANGED = "streefwaarde_gewijzigd", _("target changed")
    EFFORT_ADDED = "inspanning_toegevoegd", _("effort added")
    EFFORT_REMOVED = "inspanning_verwijderd", _("effort removed")
    LINK_ADDED = "koppeling_toegevoegd", _("link between goal and effort added")
    LINK_REMOVED = "koppeling_verwijderd", _("link between goal and effort removed")
    STATUS_CHANGED = "status_gewijzigd", _("programme status changed")
    ADOPTED = "vastgesteld", _("programme adopted")
    PERIOD_CHANGED = "looptijd_gewijzigd", _("programme period changed")
    EFFORT_STOPPED = "inspanning_gestopt", _("effort stopped")
    EFFORT_RESUMED = "inspanning_hervat", _("stopped effort resumed")
    EFFORT_END_MOVED = "einddatum_verschoven", _("effort's end date moved")
    EFFORT_TRACK_MOVED = "spoor_gewijzigd", _("effort moved to another track")
    BUDGET_MOVED = "budget_verschoven", _("budget moved between efforts")
