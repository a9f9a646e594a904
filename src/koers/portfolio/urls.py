from django.urls import path

from . import views

app_name = "portfolio"

# Mounted at /portfolio/. A programme's meetings live under /portfolio/<slug>/overleg/ (the
# principals' digest has /programmas/<slug>/overleg/).
_HELD = "<slug:slug>/overleg/<int:pk>/<int:occurrence>/"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:slug>/overleg/", views.meetings, name="meetings"),
    path("<slug:slug>/overleg/nieuw", views.meeting_edit, name="meeting_create"),
    path("<slug:slug>/overleg/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/overleg/<int:pk>/bewerken", views.meeting_edit, name="meeting_edit"),
    path("<slug:slug>/overleg/<int:pk>/verwijderen", views.meeting_delete, name="meeting_delete"),
    path(
        "<slug:slug>/overleg/<int:pk>/nieuw",
        views.occurrence_edit,
        name="meeting_occurrence_create",
    ),
    path(_HELD, views.occurrence_detail, name="meeting_occurrence"),
    path(_HELD + "bewerken", views.occurrence_edit, name="meeting_occurrence_edit"),
    path(_HELD + "verwijderen", views.occurrence_delete, name="meeting_occurrence_delete"),
    path(_HELD + "agenda/nieuw", views.agenda_add, name="meeting_agenda_add"),
    path(_HELD + "agenda/vernieuwen", views.agenda_refresh, name="meeting_agenda_refresh"),
    path(
        _HELD + "agenda/<int:item>/verwijderen",
        views.agenda_delete,
        name="meeting_agenda_delete",
    ),
    path(_HELD + "punten/nieuw", views.item_edit, name="meeting_item_create"),
    path(_HELD + "punten/<int:item>/bewerken", views.item_edit, name="meeting_item_edit"),
    path("<slug:slug>/overleg/punten/<int:item>/gedaan", views.item_done, name="meeting_item_done"),
]
