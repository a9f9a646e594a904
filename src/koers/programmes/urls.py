from django.urls import path

from . import editing, views

app_name = "programmes"

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw", views.programme_create, name="create"),
    path("personen/", views.people_list, name="people"),
    path("organisaties/", views.partner_list, name="partners"),
    path(
        "personen/nieuw",
        editing.element_edit,
        {"kind": "personen", "shared": True},
        name="personen_create",
    ),
    path(
        "personen/<int:pk>/bewerken",
        editing.element_edit,
        {"kind": "personen", "shared": True},
        name="personen_edit",
    ),
    path(
        "personen/<int:pk>/verwijderen",
        editing.element_delete,
        {"kind": "personen", "shared": True},
        name="personen_delete",
    ),
    path(
        "organisaties/nieuw",
        editing.element_edit,
        {"kind": "organisaties", "shared": True},
        name="organisaties_create",
    ),
    path(
        "organisaties/<int:pk>/bewerken",
        editing.element_edit,
        {"kind": "organisaties", "shared": True},
        name="organisaties_edit",
    ),
    path(
        "organisaties/<int:pk>/verwijderen",
        editing.element_delete,
        {"kind": "organisaties", "shared": True},
        name="organisaties_delete",
    ),
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/bewerken", views.programme_edit, name="edit"),
    path("<slug:slug>/verwijderen", views.programme_delete, name="delete"),
    path("<slug:slug>/geschiedenis", views.programme_history, name="history"),
    path("<slug:slug>/export.json", views.programme_export_json, name="export_json"),
    path(
        "<slug:slug>/strategische-doelen/<str:code>/",
        views.strategic_goal_detail,
        name="strategic_goal",
    ),
    path("<slug:slug>/doelen/<str:code>/", views.goal_detail, name="goal"),
    path("<slug:slug>/inspanningen/<int:pk>/", views.effort_detail, name="effort"),
    path("<slug:slug>/<slug:kind>/nieuw", editing.element_edit, name="element_create"),
    path("<slug:slug>/<slug:kind>/<int:pk>/bewerken", editing.element_edit, name="element_edit"),
    path(
        "<slug:slug>/<slug:kind>/<int:pk>/verwijderen",
        editing.element_delete,
        name="element_delete",
    ),
]
