"""Administration screens (/beheer/) for the functional administrator: accounts, access to
programmes and, where needed, direct corrections. Everyday editing happens in the DIN pages."""

from django.contrib import admin
from django.db.models import F
from simple_history.admin import SimpleHistoryAdmin

from . import models, services


class VersionedAdmin(SimpleHistoryAdmin):
    """A correction here raises the object's version like every service does, so that a form
    someone still has open in Koers is refused instead of silently undoing the correction. As in
    the services, text is stored one way and a save that changes nothing writes nothing."""

    def save_model(self, request, obj, form, change):
        services.text_normalise(obj)
        if change and not self._changes(obj, form):
            return
        if change and isinstance(obj, models.Versioned):
            type(obj).objects.filter(pk=obj.pk).update(version=F("version") + 1)
            obj.version = type(obj).objects.values_list("version", flat=True).get(pk=obj.pk)
        super().save_model(request, obj, form, change)

    @staticmethod
    def _changes(obj, form) -> bool:
        m2m = {f.name for f in obj._meta.many_to_many}
        return bool(services.object_changes(obj)) or any(n in m2m for n in form.changed_data)

    def delete_model(self, request, obj):
        services.object_delete(obj, actor=request.user, expected_version=None)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.object_delete(obj, actor=request.user, expected_version=None)


@admin.register(models.ProgrammeAccess)
class ProgrammeAccessAdmin(VersionedAdmin):
    list_display = ("user", "programme", "level")
    list_filter = ("programme", "level")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user",)


@admin.register(models.Person)
class PersonAdmin(VersionedAdmin):
    list_display = ("name", "function_title", "organisation", "user")
    search_fields = ("name", "email")
    autocomplete_fields = ("user",)


@admin.register(models.Programme)
class ProgrammeAdmin(VersionedAdmin):
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
    admin.site.register(model, VersionedAdmin)
