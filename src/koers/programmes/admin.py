"""Administration screens (/beheer/) for the functional administrator: accounts, access to
programmes and, where needed, direct corrections. Everyday editing happens in the DIN pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.ProgrammeAccess)
class ProgrammeAccessAdmin(SimpleHistoryAdmin):
    list_display = ("user", "programme", "level")
    list_filter = ("programme", "level")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)


@admin.register(models.Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("name", "function_title", "organisation", "user")
    search_fields = ("name", "email")
    autocomplete_fields = ("user",)


@admin.register(models.Programme)
class ProgrammeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "municipality", "status", "period_start", "period_end")
    prepopulated_fields = {"slug": ("name",)}


for model in (
    models.StrategicChoice,
    models.StrategicGoal,
    models.OperationalGoal,
    models.Indicator,
    models.Track,
    models.Effort,
    models.GoalEffortLink,
    models.Activity,
    models.ProgrammeRole,
    models.RoleHours,
    models.PartnerOrganisation,
):
    admin.site.register(model, SimpleHistoryAdmin)
