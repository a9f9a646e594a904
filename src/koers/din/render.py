"""Render the DOT source of the DIN (:mod:`koers.din.graph.dot`) with Graphviz ``dot``.

``dot`` is the Debian package ``graphviz`` (the Python package of the same name is only a thin
wrapper; it has no time limit, so ``dot`` is called here directly with one). Rendering the large
programme takes about a second, so, like the monitor's charts (:mod:`koers.monitoring.charts`),
the output is cached in the process and in Django's cache under a hash of the DOT source and
the Graphviz version: the same network hits the cache, any change gives a new key.

:func:`inline_svg` makes the SVG fit for an HTML page: no XML prolog or DOCTYPE, a
``<title>`` and ``<desc>`` referred to by ``aria-labelledby``, and the root marked as a
``graphics-document`` (not ``img``: the nodes inside are links that keyboard and screen-reader
users can reach). The nested lists beside it are the text alternative.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import subprocess
import threading
from collections import OrderedDict
from html import escape

from django.core.cache import cache
from django.utils.translation import gettext as _

__all__ = ["FORMATS", "DotError", "dot_version", "inline_svg", "render"]

#: Output format → (dot's -T argument, content type).
FORMATS = {
    "svg": ("svg", "image/svg+xml"),
    "png": ("png", "image/png"),
    "pdf": ("pdf", "application/pdf"),
}
TIMEOUT_SECONDS = 30
PNG_DPI = 110
#: Part of every cache key: bump when the post-processing changes.
RENDER_VERSION = "1"
CACHE_TIMEOUT = 60 * 60 * 24 * 30
LRU_SIZE = 32


class DotError(Exception):
    """Graphviz is missing, too slow or refused the source; the message is for the user."""


def _dot() -> str:
    path = shutil.which("dot")
    if path is None:
        raise DotError(
            _(
                "The diagram cannot be drawn: the program Graphviz (dot) is not installed on the "
                "server. Ask the administrator to install the package graphviz."
            )
        )
    return path


@functools.cache
def dot_version() -> str:
    """The version line of ``dot`` (part of the cache key, so an upgrade renders again)."""
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [_dot(), "-V"], capture_output=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except DotError:
        return "missing"
    return (done.stderr or done.stdout).decode("utf-8", "replace").strip()


def _run(source: str, fmt: str) -> bytes:
    argument = FORMATS[fmt][0]
    command = [_dot(), f"-T{argument}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell, source on stdin
            command,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DotError(
            _("The diagram took longer than %(seconds)s seconds to draw and was stopped.")
            % {"seconds": TIMEOUT_SECONDS}
        ) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[:300]
        raise DotError(_("Graphviz could not draw the diagram: %(detail)s") % {"detail": detail})
    return done.stdout


def source_key(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def cache_key(source: str, fmt: str) -> str:
    return f"koers:din:{RENDER_VERSION}:{source_key(dot_version())[:12]}:{fmt}:{source_key(source)}"


_memory: OrderedDict[str, bytes] = OrderedDict()
_memory_lock = threading.Lock()


def render(source: str, fmt: str = "svg") -> bytes:
    """``source`` drawn by ``dot`` as ``fmt`` (svg, png or pdf), from the cache when it can.
    Raises :class:`DotError` with a message for the user when Graphviz fails."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    key = cache_key(source, fmt)
    with _memory_lock:
        data = _memory.get(key)
        if data is not None:
            _memory.move_to_end(key)
            return data
    data = cache.get(key)
    if data is None:
        data = _run(source, fmt)
        cache.set(key, data, CACHE_TIMEOUT)
    with _memory_lock:
        _memory[key] = data
        while len(_memory) > LRU_SIZE:
            _memory.popitem(last=False)
    return data


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# dot writes a <title> in every node, edge and cluster group: the name in DOT, e.g. "e-17" or
# "g-2a->e-17". They are ids, not text for people: screen readers would read them out.
_GROUP_TITLE = re.compile(r"(<g\b[^>]*>)\s*<title>[^<]*</title>")


def inline_svg(svg: bytes | str, *, title: str, description: str) -> str:
    """The SVG from :func:`render`, made fit to put inside an HTML page."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _PROLOG.sub("", text, count=1)
    text = _COMMENT.sub("", text)
    # dot writes every hyphen in ids and classes as "&#45;": plain ones are easier to script.
    text = text.replace("&#45;", "-")
    text = _GROUP_TITLE.sub(r"\1", text)
    # SVG 2 href next to xlink:href, so every browser and checker sees a link.
    text = re.sub(r'<a xlink:href="([^"]*)"', r'<a href="\1" xlink:href="\1"', text)
    match = _SVG_OPEN.search(text)
    if match is None:
        raise DotError(_("Graphviz returned no SVG."))
    attributes = match.group(1)
    opening = (
        f'<svg{attributes} class="din-diagram" role="graphics-document" '
        f'aria-labelledby="din-title din-desc">'
        f'<title id="din-title">{escape(title, quote=False)}</title>'
        f'<desc id="din-desc">{escape(description, quote=False)}</desc>'
    )
    return text[: match.start()] + opening + text[match.end() :]
