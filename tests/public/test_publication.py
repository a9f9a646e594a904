"""The staff's publication page, the publication service and the pinned query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.monitoring import services as monitoring
from koers.monitoring.periods import parse_period
from koers.programmes import services
from koers.programmes.constants import GoalKind, TargetKind
from koers.public import selectors
from koers.public.models import EffortPublication, IndicatorPublication
from koers.public.services import ConflictError, publication_set

pytestmark = pytest.mark.django_db


def _form_data(programme, **extra):
    overview = selectors.publication_overview(programme)
    data = {"version": overview.version, "published": "on", "introduction": "Welkom"}
    for i in overview.indicators:
        data[f"indicator_{i.pk}"] = "on"
    for e in overview.efforts:
        data[f"effort_{e.pk}_published"] = "on"
        data[f"effort_{e.pk}_public_description"] = f"Over {e.name}"
    data.update(extra)
    return data


def test_staff_publish_through_the_page(client, programme, staff_user):
    client.force_login(staff_user)
    url = reverse("public:publication", args=[programme.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(programme))
    assert response.status_code == 302
    assert programme.publication.published
    assert IndicatorPublication.objects.get().published
    assert EffortPublication.objects.get().public_description == "Over Evenementen"
    client.logout()
    page = client.get(reverse("public:programme", args=[programme.slug])).content.decode()
    assert "Welkom" in page and "Over Evenementen" in page


def test_a_published_effort_needs_a_public_description(client, programme, staff_user):
    client.force_login(staff_user)
    effort = programme.efforts.get()
    data = _form_data(programme, **{f"effort_{effort.pk}_public_description": " "})
    response = client.post(reverse("public:publication", args=[programme.slug]), data)
    assert response.status_code == 400
    assert (
        "public description" in response.content.decode() or "openbare" in response.content.decode()
    )
    assert not EffortPublication.objects.exists()


def test_stale_publication_is_refused(client, programme, staff_user, admin_user):
    client.force_login(staff_user)
    data = _form_data(programme)
    publication_set(programme=programme, actor=admin_user, expected_version=0, published=False)
    response = client.post(reverse("public:publication", args=[programme.slug]), data)
    assert response.status_code == 409
    with pytest.raises(ConflictError):
        publication_set(programme=programme, actor=admin_user, expected_version=0, published=True)


def test_foreign_indicator_is_refused(programme, admin_user):
    with pytest.raises(ValidationError):
        publication_set(
            programme=programme,
            actor=admin_user,
            expected_version=0,
            published=True,
            indicators={999999: True},
        )


def test_readers_and_anonymous_may_not_publish(client, programme, reader_user):
    url = reverse("public:publication", args=[programme.slug])
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(reader_user)
    assert client.get(url).status_code == 403
    assert client.post(url, _form_data(programme)).status_code == 403


def _grow(programme, actor, n: int) -> None:
    """``n`` more published indicators with measurements and ``n`` published efforts."""
    sg = programme.strategic_goals.first()
    indicators, efforts = {}, {}
    for i in range(n):
        goal = services.operational_goal_create(
            actor=actor,
            programme=programme,
            strategic_goal=sg,
            code=f"9{i}",
            statement=f"Doel {i}",
            kind=GoalKind.MEASURABLE,
            indicator={
                "name": f"Indicator {i}",
                "baseline_value": Decimal("1"),
                "baseline_date": date(2018, 12, 31),
                "target_kind": TargetKind.REACH,
                "target_value": Decimal("10"),
                "target_date": date(2030, 12, 31),
            },
        )
        for year in ("2020", "2021"):
            monitoring.measurement_create(
                actor=actor, indicator=goal.indicator, period=parse_period(year), value=Decimal(i)
            )
        effort = services.effort_create(actor=actor, programme=programme, name=f"Inspanning {i}")
        services.goal_effort_link_create(actor=actor, operational_goal=goal, effort=effort)
        indicators[goal.indicator.pk] = True
        efforts[effort.pk] = (True, f"Openbaar {i}")
    publication_set(
        programme=programme,
        actor=actor,
        expected_version=programme.publication.version,
        published=True,
        indicators=indicators,
        efforts=efforts,
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_data(client, secret_programme, admin_user, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    slug = secret_programme.slug
    urls = [
        reverse("public:list"),
        reverse("public:programme", args=[slug]),
        reverse("public:indicator", args=[slug, "1a"]),
        reverse("public:programme_data", args=[slug, "csv"]),
        reverse("public:indicator_data", args=[slug, "1a", "json"]),
    ]
    for url in urls:  # warm the chart cache
        client.get(url)
    before = {url: _count(client, url) for url in urls}
    _grow(secret_programme, admin_user, 3)
    secret_programme.refresh_from_db()
    for url in urls:
        client.get(url)
    after = {url: _count(client, url) for url in urls}
    assert after == before
    assert before[urls[0]] <= 2 and before[urls[1]] <= 8 and before[urls[3]] <= 3
