"""/api/v1 (NL GOV API Design Rules): plural Dutch resource names, no trailing slashes (an
address with a trailing slash is a 404, not a redirect), the committed OpenAPI document and
Swagger UI. Every view is open to anonymous requests (they see published data only); the views
themselves decide what a token may do, so the UI's log-in requirement is lifted here."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("programmas", views.ProgrammeViewSet, basename="programma")
router.register("doelen", views.GoalViewSet, basename="doel")
router.register("indicatoren", views.IndicatorViewSet, basename="indicator")
router.register("metingen", views.MeasurementViewSet, basename="meting")
router.register("inspanningen", views.EffortViewSet, basename="inspanning")
router.register("koppelingen", views.LinkViewSet, basename="koppeling")
router.register("rapportages", views.ReportViewSet, basename="rapportage")
router.register("begroting", views.BudgetViewSet, basename="begrotingsregel")
router.register("risicos", views.RiskViewSet, basename="risico")
router.register("wijzigingsvoorstellen", views.ProposalViewSet, basename="wijzigingsvoorstel")

urlpatterns = [
    path("openapi.json", views.openapi_document, name="openapi"),
    path("docs", views.swagger_ui, name="docs"),
    *router.urls,
]

for pattern in urlpatterns:
    if isinstance(pattern, URLPattern):
        login_not_required(pattern.callback)
