from django.urls import path

from . import editing, views, views_archive, views_crosslinks

app_name = "programmes"

# People and partner organisations are shared by all programmes.
SHARED_PATTERNS = [
    pattern
    for kind in ("personen", "organisaties")
    for pattern in (
        path(
            f"{kind}/nieuw",
            editing.element_edit,
            {"kind": kind, "shared": True},
            name=f"{kind}_create",
        ),
        path(
            f"{kind}/<int:pk>/bewerken",
            editing.element_edit,
            {"kind": kind, "shared": True},
            name=f"{kind}_edit",
        ),
        path(
            f"{kind}/<int:pk>/verwijderen",
            editing.element_delete,
            {"kind": kind, "shared": True},
            name=f"{kind}_delete",
        ),
    )
]

urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw", views.programme_create, name="create"),
    path("personen/", views.people_list, name="people"),
    path("organisaties/", views.partner_list, name="partners"),
    *SHARED_PATTERNS,
    path("<slug:slug>/", views.programme_detail, name="detail"),
    path("<slug:slug>/bewerken", views.programme_edit, name="edit"),
    path("<slug:slug>/verwijderen", views.programme_delete, name="delete"),
    path("<slug:slug>/geschiedenis", views.programme_history, name="history"),
    path("<slug:slug>/export.json", views.programme_export_json, name="export_json"),
    path("<slug:slug>/toegang", views.programme_access, name="access"),
    path(
        "<slug:slug>/toegang/<int:pk>/intrekken",
        views.programme_access_revoke,
        name="access_revoke",
    ),
    path(
        "<slug:slug>/strategische-doelen/<str:code>/",
        views.strategic_goal_detail,
        name="strategic_goal",
    ),
    path("<slug:slug>/doelen/<str:code>/", views.goal_detail, name="goal"),
    path("<slug:slug>/inspanningen/<int:pk>/", views.effort_detail, name="effort"),
    # Contributions between programmes (before the generic element patterns: "bijdragen/<pk>/
    # verwijderen" would otherwise be read as an element kind).
    path(
        "<slug:slug>/bijdragen/",
        views_crosslinks.cross_link_inbox,
        name="cross_links",
    ),
    path(
        "<slug:slug>/inspanningen/<int:pk>/bijdragen/nieuw",
        views_crosslinks.cross_link_propose,
        name="cross_link_propose",
    ),
    path(
        "<slug:slug>/bijdragen/<int:pk>/beoordelen",
        views_crosslinks.cross_link_review,
        name="cross_link_review",
    ),
    path(
        "<slug:slug>/bijdragen/<int:pk>/intrekken",
        views_crosslinks.cross_link_withdraw,
        name="cross_link_withdraw",
    ),
    path(
        "<slug:slug>/bijdragen/<int:pk>/verwijderen",
        views_crosslinks.cross_link_remove,
        name="cross_link_remove",
    ),
    path(
        "<slug:slug>/<slug:kind>/<int:pk>/archiveren",
        views_archive.element_archive,
        name="element_archive",
    ),
    path(
        "<slug:slug>/<slug:kind>/<int:pk>/terugzetten",
        views_archive.element_restore,
        name="element_restore",
    ),
    path("<slug:slug>/<slug:kind>/nieuw", editing.element_edit, name="element_create"),
    path("<slug:slug>/<slug:kind>/<int:pk>/bewerken", editing.element_edit, name="element_edit"),
    path(
        "<slug:slug>/<slug:kind>/<int:pk>/verwijderen",
        editing.element_delete,
        name="element_delete",
    ),
]
