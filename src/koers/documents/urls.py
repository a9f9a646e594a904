from django.urls import path

from . import views_documents, views_xlsx

app_name = "documents"

# Mounted at /programmas/ before the DIN's own patterns.
urlpatterns = [
    *views_documents.urlpatterns(path),
    *views_xlsx.urlpatterns(path),
]
