"""Limits on uploaded workbooks and delivery files, shared by every import (pure: no ORM).

An XLSX file is a zip of XML parts: a file of 2 MB can unpack to gigabytes ("zip bomb") and keep a
worker busy for minutes. Before a workbook is opened, :func:`unpacked_size` adds up the sizes its
zip directory declares; reading a part never yields more than its declared size (Python's
``zipfile`` stops there and fails the CRC check), so the sum bounds what openpyxl can unpack.
Rows are counted while reading. The messages say the limits, so the user knows what to do.
"""

from __future__ import annotations

import io
import zipfile
from os import PathLike

from django.utils.translation import gettext as _

__all__ = ["megabytes", "rows_message", "too_large_message", "unpacked_size"]


def unpacked_size(source: bytes | str | PathLike) -> int:
    """What the zip (as bytes or a path) unpacks to. Raises ``zipfile.BadZipFile`` (or
    ``OSError``) when it is not a readable zip."""
    opened = io.BytesIO(source) if isinstance(source, bytes | bytearray) else source
    with zipfile.ZipFile(opened) as archive:
        return sum(info.file_size for info in archive.infolist())


def megabytes(limit: int) -> str:
    return f"{max(1, limit // (1024 * 1024)):,}".replace(",", ".")


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def too_large_message(*, max_bytes: int, max_rows: int) -> str:
    """The workbook unpacks to more than ``max_bytes``: the message names both limits."""
    return _(
        "The workbook unpacks to more than %(size)s MB, too large to check. At most %(size)s MB "
        "unpacked and %(rows)s rows per sheet are accepted; remove what is not needed or split "
        "it into smaller files."
    ) % {"size": megabytes(max_bytes), "rows": _count(max_rows)}


def rows_message(*, max_rows: int) -> str:
    """The file (or sheet) has more than ``max_rows`` rows."""
    return _(
        "The file has more than %(rows)s rows; at most %(rows)s rows are accepted at once. Split "
        "it into smaller files."
    ) % {"rows": _count(max_rows)}
