from django.urls import path

from . import views

app_name = "archive"

# Mounted at /programmas/.
urlpatterns = [
    path(
        "<slug:slug>/documenten/archiefpakket.zip",
        views.package_download,
        name="package",
    ),
]
