"""Choices of the intake of initiatives."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.programmes.constants import MunicipalityRole


class Origin(models.TextChoices):
    LINE = "lijnorganisatie", _("line organisation (a municipal department)")
    OUTSIDE = "extern", _("outside party")


class IntakeStatus(models.TextChoices):
    OPEN = "open", _("open")
    ASSESSED = "beoordeeld", _("assessed")


class Outcome(models.TextChoices):
    """The programme's role in an initiative. The first three reuse the values of
    :class:`~koers.programmes.constants.MunicipalityRole`, so an accepted initiative becomes an
    effort with that role."""

    PRINCIPAL = (
        MunicipalityRole.PRINCIPAL.value,
        _("opdrachtgever: the programme commissions it (it becomes an effort)"),
    )
    DIRECTOR = (
        MunicipalityRole.DIRECTOR.value,
        _("regie: an effort with the municipality as director (regisseur)"),
    )
    ALIGNMENT = (
        MunicipalityRole.ALIGNMENT.value,
        _("afstemming: aligned with the programme manager at agreed moments of contact"),
    )
    OUTSIDE = "buiten_programma", _("buiten programma: outside the programme")


#: Outcomes that turn an initiative into an effort of the programme.
TO_EFFORT = (Outcome.PRINCIPAL, Outcome.DIRECTOR)

#: Short labels of the outcomes for lists and tables.
OUTCOME_SHORT = {
    Outcome.PRINCIPAL: _("principal"),
    Outcome.DIRECTOR: _("direction"),
    Outcome.ALIGNMENT: _("alignment"),
    Outcome.OUTSIDE: _("outside the programme"),
}
