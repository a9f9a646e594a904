"""Steps the browser tests share: log in, wait for a page."""

import re
from urllib.parse import urlparse


def wait_for_path(page, pattern: str) -> None:
    """Wait until the page's path (not its query string, which may hold ?next=) matches."""
    page.wait_for_url(lambda url: re.search(pattern, urlparse(url).path) is not None)


def log_in(page, live_server, username: str, password: str, start: str = "/programmas/") -> None:
    """Open ``start``, get sent to the log-in page, log in and land back on ``start``."""
    page.goto(f"{live_server.url}{start}")
    assert "/account/inloggen" in page.url
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    wait_for_path(page, re.escape(start) + "$")
