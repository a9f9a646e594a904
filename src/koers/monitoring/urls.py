from django.urls import path

from . import views, views_import

app_name = "monitoring"

# Mounted at /programmas/ before the DIN's own patterns ("metingen" is a reserved short name).
urlpatterns = [
    path("metingen/importeren", views_import.import_upload, name="import"),
    path("metingen/importeren/<int:pk>", views_import.import_preview, name="import_preview"),
    path("metingen/sjabloon.<str:fmt>", views_import.import_template, name="import_template"),
    path("<slug:slug>/monitor/", views.dashboard, name="dashboard"),
    path(
        "<slug:slug>/monitor/metingen.csv",
        views_import.measurements_csv,
        name="measurements_csv",
    ),
    path("<slug:slug>/monitor/<str:code>/", views.goal_monitor, name="goal"),
    path("<slug:slug>/monitor/<str:code>/grafiek.svg", views.chart_svg, name="chart"),
    path(
        "<slug:slug>/monitor/<str:code>/metingen/nieuw",
        views.measurement_edit,
        name="measurement_create",
    ),
    path(
        "<slug:slug>/monitor/<str:code>/metingen/<int:pk>/bewerken",
        views.measurement_edit,
        name="measurement_edit",
    ),
    path(
        "<slug:slug>/monitor/<str:code>/metingen/<int:pk>/verwijderen",
        views.measurement_delete,
        name="measurement_delete",
    ),
    path("<slug:slug>/monitor/<str:code>/oordeel", views.judgement_create, name="judgement"),
]
