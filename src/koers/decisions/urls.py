from django.urls import path

from . import views, views_proposals

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
    path(
        "<slug:slug>/besluiten/voorstellen/nieuw",
        views_proposals.proposal_edit,
        name="proposal_create",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/",
        views_proposals.proposal_detail,
        name="proposal",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/bewerken",
        views_proposals.proposal_edit,
        name="proposal_edit",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/verwijderen",
        views_proposals.proposal_delete,
        name="proposal_delete",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/besluit",
        views_proposals.proposal_decide,
        name="proposal_decide",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/afwijzen",
        views_proposals.proposal_reject,
        name="proposal_reject",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/wijzigingen/<int:change>/intrekken",
        views_proposals.pending_withdraw,
        name="pending_withdraw",
    ),
    path(
        "<slug:slug>/besluiten/voorstellen/<int:pk>/wijzigingen/<int:change>/tekst",
        views_proposals.pending_statement,
        name="pending_statement",
    ),
]
