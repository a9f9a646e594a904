"""Errors as ``application/problem+json`` (RFC 9457, NL GOV API Design Rules API-46).

Every error of the API has ``type``, ``title``, ``status``, ``detail`` and ``instance``; a
validation error adds ``invalid-params`` with one entry (``name``, ``code``, ``reason``) per
problem, the name being the camelCase field of the request. DRF's exceptions, Django's
``ValidationError`` and ``PermissionDenied`` from the services, and :class:`ConflictError`
(optimistic locking) are all turned into problems here; :mod:`koers.api.middleware` does the same
for what never reaches a view (an unknown address, a server error).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from koers.programmes.services import ConflictError

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    409: "Conflict",
    415: "Unsupported Media Type",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


def camel(name: str) -> str:
    """``period_start`` → ``periodStart``; ``indicator-target_value`` →
    ``indicator.targetValue``."""
    name = name.replace("-", ".")
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def problem(
    status_code: int,
    detail: str,
    *,
    instance: str = "",
    code: str = "",
    invalid_params: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"urn:koers:problem:{code or status_code}",
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": str(detail),
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalid-params"] = invalid_params
    return body


def _flatten(detail, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as a flat list of NL GOV ``invalid-params``."""
    if isinstance(detail, dict):
        params = []
        for key, value in detail.items():
            name = "nonFieldErrors" if key == "non_field_errors" else str(key)
            params += _flatten(value, f"{prefix}.{name}" if prefix else name)
        return params
    if isinstance(detail, list):
        params = []
        for index, value in enumerate(detail):
            if isinstance(value, dict | list) and not isinstance(value, exceptions.ErrorDetail):
                params += _flatten(value, f"{prefix}.{index}")
            else:
                params += _flatten(value, prefix)
        return params
    return [
        {
            "type": f"urn:koers:problem:invalid-param:{getattr(detail, 'code', 'invalid')}",
            "name": prefix or "nonFieldErrors",
            "code": str(getattr(detail, "code", "invalid")),
            "reason": str(detail),
        }
    ]


def django_validation_params(exc: DjangoValidationError) -> list[dict[str, str]]:
    """A service's ``ValidationError`` as ``invalid-params`` (field names made camelCase)."""
    if hasattr(exc, "error_dict"):
        params = []
        for field, errors in exc.error_dict.items():
            name = "nonFieldErrors" if field == "__all__" else camel(field)
            for error in errors:
                code = error.code or "invalid"
                params.append(
                    {
                        "type": f"urn:koers:problem:invalid-param:{code}",
                        "name": name,
                        "code": code,
                        "reason": " ".join(error.messages),
                    }
                )
        return params
    return [
        {
            "type": "urn:koers:problem:invalid-param:invalid",
            "name": "nonFieldErrors",
            "code": "invalid",
            "reason": message,
        }
        for message in exc.messages
    ]


def exception_handler(exc, context) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: every error as problem+json."""
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    headers: dict[str, str] = {}
    if isinstance(exc, ConflictError):
        body = problem(409, str(exc), instance=instance, code="conflict")
    elif isinstance(exc, DjangoValidationError):
        body = problem(
            400,
            _("The request is not valid."),
            instance=instance,
            code="invalid",
            invalid_params=django_validation_params(exc),
        )
    elif isinstance(exc, Http404):
        body = problem(404, _("Not found."), instance=instance, code="not-found")
    elif isinstance(exc, DjangoPermissionDenied):
        body = problem(403, str(exc) or _("Not allowed."), instance=instance, code="forbidden")
    elif isinstance(exc, exceptions.ValidationError):
        body = problem(
            400,
            _("The request is not valid."),
            instance=instance,
            code="invalid",
            invalid_params=_flatten(exc.detail),
        )
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail if isinstance(exc.detail, str) else exc.default_detail
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else ""
        body = problem(exc.status_code, detail, instance=instance, code=code)
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
    else:
        return None
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        view = context.get("view")
        auth_header = view.get_authenticate_header(request) if view and request else None
        if auth_header:
            headers["WWW-Authenticate"] = auth_header
    response = Response(body, status=body["status"], headers=headers)
    response.content_type = PROBLEM_CONTENT_TYPE
    return response


def problem_response(status_code: int, detail: str, *, instance: str = "") -> HttpResponse:
    """A problem+json response built without DRF (for the middleware)."""
    import json

    code = {404: "not-found", 405: "method-not-allowed", 500: "server-error"}.get(status_code, "")
    return HttpResponse(
        json.dumps(problem(status_code, detail, instance=instance, code=code)),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
    )


__all__ = [
    "PROBLEM_CONTENT_TYPE",
    "camel",
    "exception_handler",
    "problem",
    "problem_response",
    "status",
]
