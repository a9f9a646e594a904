from django.urls import path

from . import views_digest, views_overview, views_report

app_name = "reporting"

# Mounted at /programmas/ before the DIN's own patterns ("rapportages" is a reserved short name).
urlpatterns = [
    path("rapportages/mijn", views_report.my_reports, name="mine"),
    path("<slug:slug>/rapportages/", views_overview.overview, name="overview"),
    path("<slug:slug>/rapportages/kalender", views_overview.calendar_edit, name="calendar"),
    path(
        "<slug:slug>/rapportages/inspanning/<int:effort>/",
        views_overview.effort_reports,
        name="effort_reports",
    ),
    path(
        "<slug:slug>/rapportages/<int:effort>/<str:period>/",
        views_report.report,
        name="report",
    ),
    path(
        "<slug:slug>/rapportages/<int:effort>/<str:period>/beoordelen",
        views_report.review,
        name="review",
    ),
    path(
        "<slug:slug>/rapportages/<int:effort>/<str:period>/geschiedenis",
        views_report.report_history,
        name="report_history",
    ),
    path("<slug:slug>/overleg/", views_digest.digest, name="digest"),
]
