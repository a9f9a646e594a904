def test_fixture_programme_builds(programme):
    assert programme.operational_goals.count() == 2
    assert programme.operational_goals.get(code="1a").indicator.target_end_value == 100000
