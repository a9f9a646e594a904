"""The archive package as a download: POST only (GET writes nothing and makes nothing), for a
functional administrator, of a closed programme."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_POST

from koers.programmes.constants import ProgrammeStatus
from koers.ui import programme_for

from .package import archive_filename, archive_package


@require_POST
def package_download(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request, slug, "archive.make_package")
    if programme.status != ProgrammeStatus.CLOSED:
        raise PermissionDenied
    now = timezone.now()
    package = archive_package(programme, now=now)
    response = HttpResponse(package.zip_bytes(now), content_type="application/zip")
    filename = archive_filename(programme, timezone.localdate(now))
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response
