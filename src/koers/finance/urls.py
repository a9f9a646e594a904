from django.urls import path

from . import views

app_name = "finance"

# Mounted at /programmas/ before the DIN's own patterns.
_KIND_PATHS = {
    "source": "bronnen",
    "availability": "beschikbaar",
    "line": "regels",
    "spending": "uitgaven",
}

urlpatterns = [path("<slug:slug>/middelen/", views.budget, name="budget")]
for _kind, _segment in _KIND_PATHS.items():
    urlpatterns += [
        path(
            f"<slug:slug>/middelen/{_segment}/nieuw",
            views.VIEWS[_kind][0],
            name=f"{_kind}_create",
        ),
        path(
            f"<slug:slug>/middelen/{_segment}/<int:pk>/bewerken",
            views.VIEWS[_kind][0],
            name=f"{_kind}_edit",
        ),
        path(
            f"<slug:slug>/middelen/{_segment}/<int:pk>/verwijderen",
            views.VIEWS[_kind][1],
            name=f"{_kind}_delete",
        ),
    ]

# Spending (commitments and expenditure) and the exhaustion of the budget; moving money.
from . import views_spending, views_transfers  # noqa: E402

urlpatterns += [
    path("<slug:slug>/middelen/uitgaven", views_spending.spending, name="spending"),
    path(
        "<slug:slug>/middelen/uitgaven/inlezen",
        views_spending.spending_upload,
        name="spending_upload",
    ),
    path(
        "<slug:slug>/middelen/uitgaven/sjabloon.csv",
        views_spending.spending_template,
        name="spending_template",
    ),
    path("<slug:slug>/middelen/verschuiven", views_transfers.transfer, name="transfer"),
]
