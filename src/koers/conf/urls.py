from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="programmes:list", permanent=False), name="home"),
    path("account/", include("koers.accounts.urls")),
    path("programmas/", include("koers.monitoring.urls")),
    path("programmas/", include("koers.reporting.urls")),
    path("programmas/", include("koers.finance.urls")),
    path("programmas/", include("koers.risks.urls")),
    path("programmas/", include("koers.decisions.urls")),
    path("programmas/", include("koers.din.urls")),
    path("programmas/", include("koers.documents.urls")),
    path("programmas/", include("koers.archive.urls")),
    path("programmas/", include("koers.intake.urls")),
    path("programmas/", include("koers.partners.urls")),
    path("portfolio/", include("koers.portfolio.urls")),
    path("programmas/", include("koers.programmes.urls")),
    path("beheer/", admin.site.urls),
    # Public: the published monitor and the accessibility statement (no log-in).
    path("", include("koers.public.urls")),
    # The REST API, NL GOV API Design Rules: no trailing slashes.
    path("api/v1/", include("koers.api.urls")),
]
