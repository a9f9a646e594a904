"""Administration screens for the partners' contributions; everyday editing happens on the
programme's partners page."""

from django.contrib import admin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.Contribution)
class ContributionAdmin(VersionedAdmin):
    list_display = ("partner", "effort", "year", "kind")
    list_filter = ("kind", "year")
    search_fields = ("partner__name", "effort__name")


@admin.register(models.PartnerInterest)
class PartnerInterestAdmin(VersionedAdmin):
    list_display = ("partner", "programme")
    search_fields = ("partner__name",)
