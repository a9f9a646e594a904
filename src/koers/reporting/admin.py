"""Administration screens for progress reports: look up a report, a calendar, a reminder or a
digest. Everyday work happens on the report pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.ReportingCalendar)
class ReportingCalendarAdmin(VersionedAdmin):
    list_display = ("programme", "frequency", "start_date", "deadline_days", "reminder_days")


@admin.register(models.EffortReporting)
class EffortReportingAdmin(VersionedAdmin):
    list_display = ("effort", "reports")
    raw_id_fields = ("effort",)


@admin.register(models.ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ("effort", "period_start", "state", "overall_status", "is_fictitious")
    list_filter = ("state", "overall_status", "is_fictitious")
    raw_id_fields = ("effort",)
    readonly_fields = [f.name for f in models.ProgressReport._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(models.ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("effort", "period_start", "kind", "recipient", "sent_at")
    readonly_fields = [f.name for f in models.ReminderLog._meta.fields]


@admin.register(models.DigestLog)
class DigestLogAdmin(admin.ModelAdmin):
    list_display = ("programme", "sent_at", "sent_by")
    readonly_fields = [f.name for f in models.DigestLog._meta.fields]
