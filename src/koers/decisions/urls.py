from django.urls import path

from . import views

app_name = "decisions"

# Mounted at /programmas/, like the other pages of a programme.
urlpatterns = [
    path("<slug:slug>/besluiten/", views.decisions, name="register"),
    path("<slug:slug>/besluiten/nieuw", views.decision_edit, name="create"),
    path("<slug:slug>/besluiten/<int:pk>/", views.decision_detail, name="detail"),
    path("<slug:slug>/besluiten/<int:pk>/bewerken", views.decision_edit, name="edit"),
    path(
        "<slug:slug>/besluiten/<int:pk>/verwijderen",
        views.decision_delete,
        name="delete",
    ),
]
