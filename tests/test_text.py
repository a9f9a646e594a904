"""The one way text is stored (pure, no database)."""

from __future__ import annotations

import pytest

from koers.text import normalise_text


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("", ""),
        ("Een regel", "Een regel"),
        ("Een\r\ntwee\r\n", "Een\ntwee"),  # a browser's textarea
        ("Een\rtwee", "Een\ntwee"),  # old Mac line endings
        ("Een   \ntwee\t\n", "Een\ntwee"),  # spaces at the end of a line
        ("Een\n\n\n", "Een"),  # blank lines at the end
        ("  \n\nEen\n  twee", "Een\n  twee"),  # around the whole (as Django's CharField)
        ("Een\n\ntwee", "Een\n\ntwee"),  # a blank line between paragraphs stays
        ("Lijst:\n  - een\n\t- twee", "Lijst:\n  - een\n\t- twee"),  # indentation stays
        ("Een\r\n  \r\ntwee", "Een\n\ntwee"),  # a line of only spaces becomes blank
        ("a\u00a0\nb", "a\nb"),  # a non-breaking space at the end of a line
    ],
)
def test_normalise_text(given, stored):
    assert normalise_text(given) == stored


@pytest.mark.parametrize("text", ["Een\r\n  twee  \r\n\r\n", "  x\n\n\ny \n", "a\rb\r\n"])
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert "\r" not in once
