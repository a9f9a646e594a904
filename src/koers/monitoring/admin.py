"""Administration screens for the monitor: look up measurements, judgements and imports, and
correct one where needed. Everyday entry happens on the monitor pages and through imports."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from koers.programmes.admin import VersionedAdmin

from . import models


@admin.register(models.Measurement)
class MeasurementAdmin(VersionedAdmin):
    list_display = (
        "indicator",
        "period_kind",
        "period_start",
        "value",
        "known_from",
        "is_provisional",
        "is_fictitious",
        "entered_by",
    )
    list_filter = ("period_kind", "is_provisional", "is_fictitious")
    search_fields = ("indicator__name", "indicator__operational_goal__code", "source")
    raw_id_fields = ("indicator", "import_batch")
    readonly_fields = ("entered_by", "entered_at")


@admin.register(models.GoalJudgement)
class GoalJudgementAdmin(SimpleHistoryAdmin):
    list_display = ("operational_goal", "date", "status", "recorded_by")
    list_filter = ("status",)
    raw_id_fields = ("operational_goal",)
    readonly_fields = ("recorded_by", "recorded_at")


@admin.register(models.ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "file_name",
        "uploaded_by",
        "uploaded_at",
        "state",
        "rows_added",
        "rows_changed",
        "rows_skipped",
    )
    list_filter = ("state",)
    readonly_fields = [f.name for f in models.ImportBatch._meta.fields]

    def has_add_permission(self, request):
        return False
