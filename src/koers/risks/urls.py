from django.urls import path

from . import views

app_name = "risks"

# Mounted at /programmas/ before the DIN's own patterns.
urlpatterns = [
    path("<slug:slug>/risicos/", views.register, name="register"),
    path("<slug:slug>/risicos/nieuw", views.risk_edit, name="create"),
    path("<slug:slug>/risicos/<int:pk>/", views.risk_detail, name="detail"),
    path("<slug:slug>/risicos/<int:pk>/bewerken", views.risk_edit, name="edit"),
    path("<slug:slug>/risicos/<int:pk>/verwijderen", views.risk_delete, name="delete"),
]

# An effort's risk paragraph (beside the effort's own address).
from . import views_paragraph  # noqa: E402

urlpatterns += [
    path(
        "<slug:slug>/inspanningen/<int:effort_pk>/risicoparagraaf",
        views_paragraph.paragraph_edit,
        name="paragraph",
    ),
]
