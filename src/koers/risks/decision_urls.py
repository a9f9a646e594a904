from django.urls import path

from . import decision_views as views

# Mounted at /programmas/ (with the risk register's patterns, in the same namespace).
urlpatterns = [
    path("<slug:slug>/besluiten/", views.decisions, name="decisions"),
    path("<slug:slug>/besluiten/nieuw", views.decision_edit, name="decision_create"),
    path("<slug:slug>/besluiten/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("<slug:slug>/besluiten/<int:pk>/bewerken", views.decision_edit, name="decision_edit"),
    path(
        "<slug:slug>/besluiten/<int:pk>/verwijderen",
        views.decision_delete,
        name="decision_delete",
    ),
]
