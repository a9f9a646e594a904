"""Browser tests: Playwright driving Debian's Chromium (no browser download), axe-core for
WCAG 2.1 A/AA on every page a test visits."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in these tests are
# ordinary synchronous calls made between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KOERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make setup` (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe on the page as it is now; fail with the report on any WCAG 2.1 A/AA violation."""
    checked: list[str] = []

    def check(page) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        checked.append(page.url)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    check.checked = checked
    return check


@pytest.fixture
def manager(django_user_model):
    """The demo loaded, and user 'pm' (password geheim-wachtwoord-pm) on the staff of every
    programme."""
    from django.core.management import call_command

    from koers.programmes import services
    from koers.programmes.constants import AccessLevel
    from koers.programmes.models import Programme

    call_command("demo", "--no-users", verbosity=0)
    user = django_user_model.objects.create_user(
        "pm", password="geheim-wachtwoord-pm", first_name="Paula", last_name="Manager"
    )
    for programme in Programme.objects.all():
        services.programme_access_grant(
            programme=programme, user=user, level=AccessLevel.STAFF, actor=None
        )
    return user
