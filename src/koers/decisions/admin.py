"""Administration screens for the decisions register: look a decision up and correct it where
needed; the record of changes can be read, never edited (it is the programme's account).
Everyday work happens on the register's pages."""

from django.contrib import admin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.Decision)
class DecisionAdmin(VersionedAdmin):
    list_display = ("title", "number", "date", "kind", "programme")
    list_filter = ("kind", "programme")
    search_fields = ("title", "number", "summary")
    raw_id_fields = ("programme",)


@admin.register(models.ProgrammeChange)
class ProgrammeChangeAdmin(admin.ModelAdmin):
    list_display = ("changed_at", "programme", "kind", "subject", "decision", "changed_by")
    list_filter = ("kind", "programme")
    search_fields = ("subject",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
