from django.urls import path

from . import views

app_name = "intake"

# Mounted at /programmas/ before the DIN's own patterns; "initiatieven" must be a reserved slug.
urlpatterns = [
    path("initiatieven/", views.mine, name="mine"),
    path("initiatieven/nieuw", views.register, name="register"),
    path("<slug:slug>/initiatieven/", views.intake_list, name="list"),
    path("<slug:slug>/initiatieven/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/initiatieven/<int:pk>/beoordelen", views.assess, name="assess"),
    path("<slug:slug>/initiatieven/<int:pk>/inspanning", views.to_effort, name="to_effort"),
    path(
        "<slug:slug>/initiatieven/<int:pk>/contactmomenten/nieuw",
        views.contact_add,
        name="contact_add",
    ),
    path(
        "<slug:slug>/initiatieven/<int:pk>/contactmomenten/<int:moment_pk>/verwijderen",
        views.contact_delete,
        name="contact_delete",
    ),
]
