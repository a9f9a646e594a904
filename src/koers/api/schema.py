"""drf-spectacular post-processing: what the NL GOV API Design Rules ask of every operation.

- every response declares the ``API-Version`` header (API-57);
- the errors an operation can give are declared as ``application/problem+json`` with the
  ``Problem`` schema (API-46), ``invalid-params`` included;
- reads of published data are open to anonymous clients (security ``{}`` beside the token);
- a write put in a change proposal (202) declares the ``Location`` of the proposal.
"""

from __future__ import annotations

TOKEN_ONLY_PREFIXES = ("/rapportages", "/begroting", "/risicos", "/wijzigingsvoorstellen")

PROBLEM = {
    "type": "object",
    "description": "An error (RFC 9457 problem details, NL GOV API-46).",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "URI of the kind of problem."},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The address that was asked for."},
        "invalid-params": {
            "type": "array",
            "description": "Only for 400: one entry per invalid field or query parameter.",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}
INVALID_PARAM = {
    "type": "object",
    "required": ["type", "name", "code", "reason"],
    "properties": {
        "type": {"type": "string"},
        "name": {"type": "string", "description": "The field or parameter (camelCase)."},
        "code": {"type": "string"},
        "reason": {"type": "string"},
    },
}
LOCATION_HEADER = {
    "description": "The change proposal that the pending change was added to.",
    "schema": {"type": "string", "format": "uri"},
}
PROPOSED_DESCRIPTION = (
    "Not made: the change was put in the change proposal as a pending change (proposal and "
    "reason were given)."
)
API_VERSION_HEADER = {
    "description": "The full version of the API (NL GOV API-57).",
    "schema": {"type": "string", "example": "1.0.0"},
}
DESCRIPTIONS = {
    "400": "The request is not valid; see invalid-params.",
    "401": "No token, or an unknown or revoked token.",
    "403": "The client's user may not do this.",
    "404": "Not found, or not visible to this client (or a page past the last one).",
    "409": "Someone else changed the item since the given version.",
}


def _errors(path: str, method: str, operation: dict) -> list[str]:
    codes = ["401"]
    if method in ("get", "delete") or operation.get("parameters") or "requestBody" in operation:
        codes.append("400")
    paged = any(p.get("name") == "page" for p in operation.get("parameters", []))
    if "{" in path or paged:  # a page past the last one is not found either
        codes.append("404")
    if method in ("post", "patch", "delete"):
        codes.append("403")
    if method in ("patch", "delete"):
        codes.append("409")
    return sorted(codes)


def nl_gov_hook(result, generator, request, public):
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    components["schemas"]["InvalidParam"] = INVALID_PARAM
    components.setdefault("headers", {})["API-Version"] = API_VERSION_HEADER
    version_header = {"API-Version": {"$ref": "#/components/headers/API-Version"}}
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for code in _errors(path, method, operation):
                responses.setdefault(
                    code,
                    {
                        "description": DESCRIPTIONS[code],
                        "content": {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        },
                    },
                )
            if "202" in responses:
                responses["202"]["description"] = PROPOSED_DESCRIPTION
                responses["202"].setdefault("headers", {})["Location"] = LOCATION_HEADER
            for response in responses.values():
                response.setdefault("headers", {}).update(version_header)
            if method == "get" and not path.startswith(TOKEN_ONLY_PREFIXES):
                operation["security"] = [{"tokenAuth": []}, {}]
            else:
                operation["security"] = [{"tokenAuth": []}]
    return result


def generate() -> dict:
    """The OpenAPI document as the code describes it, in English whatever the installation's
    language (so the committed document does not depend on translations)."""
    from django.utils import translation
    from drf_spectacular.generators import SchemaGenerator

    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


def render(schema: dict) -> str:
    import json

    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def resource_schema(tag: str, **summaries: str):
    """The OpenAPI description of a viewset of :mod:`koers.api.views`, as a class decorator:
    one summary per action (``list="Efforts"``, ``create="Add an effort"``, …) under ``tag``;
    the query parameters, request and response shapes come from what the viewset declares
    (``filter_serializer``, ``create_serializer``, ``update_serializer``, ``delete_query``,
    ``serializer_class``); a viewset whose writes can be put in a change proposal
    (``proposes``) answers those with 202 and the pending change."""
    from drf_spectacular.utils import extend_schema, extend_schema_view

    from .serializers import PendingChangeSerializer

    def decorate(viewset):
        operations = {}
        proposed = {202: PendingChangeSerializer} if getattr(viewset, "proposes", False) else {}
        for action, summary in summaries.items():
            options: dict = {"summary": summary, "tags": [tag]}
            if action == "list" and viewset.filter_serializer is not None:
                options["parameters"] = [viewset.filter_serializer]
            elif action == "create":
                options["request"] = viewset.create_serializer
                options["responses"] = {201: viewset.serializer_class, **proposed}
            elif action == "partial_update":
                options["request"] = viewset.update_serializer
                options["responses"] = {200: viewset.serializer_class, **proposed}
            elif action == "destroy":
                options["parameters"] = [viewset.delete_query]
                if proposed:
                    options["responses"] = {204: None, **proposed}
            operations[action] = extend_schema(**options)
        return extend_schema_view(**operations)(viewset)

    return decorate
