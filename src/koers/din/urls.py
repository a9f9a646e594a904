from django.urls import path

from . import views_check, views_diagram

app_name = "din"

# Mounted at /programmas/ before the DIN's own patterns.
urlpatterns = [
    *views_diagram.urlpatterns(path),
    *views_check.urlpatterns(path),
]
