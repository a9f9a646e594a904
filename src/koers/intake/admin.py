"""Administration screen for initiatives: look one up and correct it where needed. Everyday work
happens on the intake pages."""

from django.contrib import admin

from koers.programmes.admin import VersionedAdmin

from . import models


class ContactMomentInline(admin.TabularInline):
    model = models.ContactMoment
    extra = 0
    fields = ("date", "description")


@admin.register(models.Initiative)
class InitiativeAdmin(VersionedAdmin):
    list_display = ("title", "programme", "origin", "status", "outcome", "registered_at")
    list_filter = ("status", "outcome", "origin", "programme")
    search_fields = ("title", "initiator", "origin_name", "description")
    raw_id_fields = ("programme", "registered_by", "assessed_by", "effort")
    filter_horizontal = ("goals",)
    inlines = [ContactMomentInline]
