import pytest

from koers.demo.synthetic import FICTIONAL, synthetic_programme_create
from koers.programmes.exchange import programme_to_json

pytestmark = pytest.mark.django_db


def test_synthetic_programme_has_the_asked_size_and_is_labelled_fictional():
    p = synthetic_programme_create(
        slug="s1", strategic_goals=3, operational_goals=8, efforts=12, tracks=2
    )
    assert p.strategic_goals.count() == 3
    assert p.operational_goals.count() == 8
    assert p.efforts.count() == 12
    assert sum(e.links.count() for e in p.efforts.all()) == 24
    assert p.note == FICTIONAL and "fictief" in p.municipality


def test_synthetic_programme_is_deterministic():
    a = synthetic_programme_create(slug="s2", operational_goals=8, efforts=10)
    b = synthetic_programme_create(slug="s3", operational_goals=8, efforts=10)
    strip = lambda text: text.replace('"s2"', "").replace('"s3"', "")  # noqa: E731
    assert strip(programme_to_json(a)) == strip(programme_to_json(b))
