"""Two NL GOV API Design Rules for every response under ``/api/``, including errors and addresses
that reach no view: the ``API-Version`` header (API-57) and errors as ``application/problem+json``
(API-46). Views of the API already answer problems; this turns Django's own 404 (an unknown
address, such as one with a trailing slash), 405 and 500 pages into problems too."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from .problems import PROBLEM_CONTENT_TYPE, problem_response

API_PREFIX = "/api/"


def api_version() -> str:
    return settings.SPECTACULAR_SETTINGS["VERSION"]


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and not content_type.startswith(PROBLEM_CONTENT_TYPE):
            if response.status_code == 404:
                detail = _("Not found.")
            elif response.status_code >= 500:
                detail = _("Something went wrong on the server.")
            else:
                detail = response.reason_phrase
            replacement = problem_response(
                response.status_code, detail, instance=request.get_full_path()
            )
            for header in ("Allow", "WWW-Authenticate"):
                if header in response:
                    replacement[header] = response[header]
            response = replacement
        response["API-Version"] = api_version()
        return response
