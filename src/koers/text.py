"""How text is stored (pure: no ORM, no I/O), beside :mod:`koers.numbers` for every layer.

Browsers send a textarea's value with ``\\r\\n`` line endings, spreadsheets and API clients
with whatever they like. Every versioned write (:mod:`koers.programmes.services.versioning`)
passes each text field through :func:`normalise_text`, so the same words are stored the same way
whichever door they came in by, and a save that changes nothing is seen to change nothing. The
409 page (:func:`koers.ui.saved_differences`) compares text by the same rule."""

from __future__ import annotations

__all__ = ["normalise_text"]


def normalise_text(value: str) -> str:
    """``value`` with ``\\n`` line endings, no spaces at the end of a line and no whitespace
    around the whole (as Django's form ``CharField`` strips it). The indentation of the lines
    after the first, and single blank lines between paragraphs, stay as they are."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()
