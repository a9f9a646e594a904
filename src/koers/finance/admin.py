"""Administration screens for the budget: look up and correct sources, availability and lines.
Everyday editing happens on the programme's budget page."""

from django.contrib import admin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.FundingSource)
class FundingSourceAdmin(VersionedAdmin):
    list_display = ("name", "programme", "order")
    list_filter = ("programme",)
    search_fields = ("name",)


@admin.register(models.SourceAvailability)
class SourceAvailabilityAdmin(VersionedAdmin):
    list_display = ("source", "year", "amount")
    list_filter = ("year",)
    raw_id_fields = ("source",)


@admin.register(models.BudgetLine)
class BudgetLineAdmin(VersionedAdmin):
    list_display = ("source", "year", "effort", "item", "amount")
    list_filter = ("programme", "year")
    search_fields = ("item", "effort__name", "source__name")
    raw_id_fields = ("source", "effort")


@admin.register(models.Spending)
class SpendingAdmin(VersionedAdmin):
    list_display = ("budget_line", "kind", "date", "amount", "reference")
    list_filter = ("kind",)
    raw_id_fields = ("budget_line",)
