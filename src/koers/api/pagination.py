"""Pagination (NL GOV API Design Rules, API-42): ``?page=`` and ``?pageSize=`` with the links to
the other pages in ``_links`` (HAL style) and the total in ``count``.

    {"count": 42, "page": 1, "pageSize": 20,
     "_links": {"self": {"href": ...}, "first": {...}, "previous": null, "next": {...},
                "last": {...}},
     "results": [...]}
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _link(href: str | None):
    return {"href": href} if href else None


class Pagination(pagination.BasePagination):
    page_query_param = "page"
    page_size_query_param = "pageSize"

    def _int_param(self, request, name: str, default: int, maximum: int | None = None) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            if maximum is None:
                message = _("Give a whole number of 1 or more.")
            else:
                message = _("Give a whole number from 1 to %(max)s.") % {"max": maximum}
            raise ValidationError({name: [message]})
        return value

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self._int_param(
            request, self.page_size_query_param, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
        )
        self.page = self._int_param(request, self.page_query_param, 1)
        self.count = queryset.count()
        self.last = max(1, -(-self.count // self.page_size))
        if self.page > self.last:
            # As Django REST framework's own pagination: a page past the last does not exist
            # (and a huge number never reaches the database).
            raise NotFound(
                _("Page %(page)s does not exist: the last page is %(last)s.")
                % {"page": self.page, "last": self.last}
            )
        start = (self.page - 1) * self.page_size
        return list(queryset[start : start + self.page_size])

    def _url(self, page: int) -> str:
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, self.page_size_query_param, self.page_size)
        return replace_query_param(url, self.page_query_param, page)

    def get_paginated_response(self, data):
        links = {
            "self": _link(self._url(self.page)),
            "first": _link(self._url(1)),
            "previous": _link(self._url(self.page - 1) if 1 < self.page <= self.last + 1 else None),
            "next": _link(self._url(self.page + 1) if self.page < self.last else None),
            "last": _link(self._url(self.last)),
        }
        return Response(
            {
                "count": self.count,
                "page": self.page,
                "pageSize": self.page_size,
                "_links": links,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {
            "type": "object",
            "nullable": True,
            "properties": {"href": {"type": "string", "format": "uri"}},
            "required": ["href"],
        }
        return {
            "type": "object",
            "required": ["count", "page", "pageSize", "_links", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "_links": {
                    "type": "object",
                    "required": ["self", "first", "previous", "next", "last"],
                    "properties": {
                        name: link for name in ("self", "first", "previous", "next", "last")
                    },
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Page number, from 1.",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page (default {DEFAULT_PAGE_SIZE}, "
                f"at most {MAX_PAGE_SIZE}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]
