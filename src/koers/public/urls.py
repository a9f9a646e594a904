from django.urls import path

from . import views

app_name = "public"

# Top-level addresses (included at "" in koers.conf.urls). Public: no log-in.
urlpatterns = [
    path("openbaar/", views.programme_list, name="list"),
    path("openbaar/<slug:slug>/", views.programme_page, name="programme"),
    path("openbaar/<slug:slug>/data.<str:fmt>", views.programme_data, name="programme_data"),
    path(
        "openbaar/<slug:slug>/indicatoren/<str:code>/",
        views.indicator_page,
        name="indicator",
    ),
    path(
        "openbaar/<slug:slug>/indicatoren/<str:code>.<str:fmt>",
        views.indicator_data,
        name="indicator_data",
    ),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    # Staff: what of a programme is public (log-in and change_programme).
    path("programmas/<slug:slug>/publicatie", views.publication_edit, name="publication"),
]
