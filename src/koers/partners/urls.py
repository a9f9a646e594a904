from django.urls import path

from . import views

app_name = "partners"

# Mounted at /programmas/ before the DIN's own patterns.
urlpatterns = [
    path("<slug:slug>/partners/", views.overview, name="overview"),
    path(
        "<slug:slug>/partners/bijdragen/nieuw",
        views.contribution_edit,
        name="contribution_create",
    ),
    path(
        "<slug:slug>/partners/bijdragen/<int:pk>/bewerken",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "<slug:slug>/partners/bijdragen/<int:pk>/verwijderen",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path(
        "<slug:slug>/partners/<int:partner>/belangen",
        views.interest_edit,
        name="interest_edit",
    ),
]
