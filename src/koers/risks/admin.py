"""Administration screen for risks: look one up and correct it where needed. Everyday work
happens on the register's pages."""

from django.contrib import admin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.Risk)
class RiskAdmin(VersionedAdmin):
    list_display = ("title", "programme", "kind", "likelihood", "impact", "status", "owner")
    list_filter = ("kind", "status", "programme")
    search_fields = ("title", "description", "mitigation")
    raw_id_fields = ("programme", "owner")
    filter_horizontal = ("goals", "efforts")


@admin.register(models.EffortRiskParagraph)
class EffortRiskParagraphAdmin(VersionedAdmin):
    list_display = ("effort", "drawn_up_on", "drawn_up_by")
    search_fields = ("effort__name", "text", "mitigation")
    raw_id_fields = ("effort", "drawn_up_by")
