"""Carrying an uploaded file from an import's preview to its confirm step."""

from __future__ import annotations

import base64
import binascii
import hashlib

# A file carried from an import's preview to its confirm step inside the form itself (a hidden
# base64 field with its SHA-256), so nothing is kept on the server between the two steps; and
# the record, in the session, of what has been confirmed, so a double click or the back button
# does not import the same content twice.


def carry_file(data: bytes) -> dict[str, str]:
    """The context for the hidden fields ``content`` and ``sha256`` of a confirm form."""
    return {
        "content": base64.b64encode(data).decode("ascii"),
        "digest": hashlib.sha256(data).hexdigest(),
    }


def carried_file(request) -> tuple[bytes | None, str]:
    """The file the confirm form carried back, or None when it did not arrive intact, and its
    SHA-256."""
    digest = request.POST.get("sha256", "")
    try:
        data = base64.b64decode(request.POST.get("content", ""), validate=True)
    except (binascii.Error, ValueError):
        return None, digest
    return (data if hashlib.sha256(data).hexdigest() == digest else None), digest


def already_confirmed(request, session_key: str, digest: str) -> bool:
    return digest in request.session.get(session_key, [])


def remember_confirmed(request, session_key: str, digest: str, keep: int = 50) -> None:
    request.session[session_key] = [*request.session.get(session_key, []), digest][-keep:]
