"""Export: a whole programme in format ``koers-programma`` version 2 (docs/uitwisseling.md).

The DIN sections come from :func:`koers.programmes.exchange.programme_to_dict`; the other kinds
(:mod:`.kinds`) follow, each sorted by its natural key, with the measurements last, one a line,
so that :mod:`.read` can read them one at a time. No database ids: every reference is a natural
key. The same programme gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.db import models
from django.db.models import Q

from koers.programmes.exchange import ExchangeError, Problem, decimal_to_str, programme_to_dict
from koers.programmes.exchange.schema import (
    PARTNER_SPEC,
    PARTNERS_SECTION,
    PEOPLE_SECTION,
    PERSON_SPEC,
)
from koers.programmes.exchange.schema import (
    Ref as DinRef,
)
from koers.programmes.models import Indicator, PartnerOrganisation, Person, Programme

from . import history as history_module
from .elements import refs_to_keys
from .kinds import (
    BUDGET_LINE,
    CROSS_EFFORT,
    CROSS_GOAL,
    CROSS_LINKS,
    DECISION,
    EFFORT,
    GOAL,
    INDICATOR,
    KINDS,
    MEASUREMENTS,
    PARTNER,
    PERSON,
    PROPOSAL,
    SOURCE,
    USER,
    Kind,
)

FORMAT_VERSION = 2
HISTORY_SECTION = "geschiedenis"


def render(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_to_str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def canonical(item: Any) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True)


def sort_rows(rows: Iterable[dict[str, Any]], kind: Kind) -> list[dict[str, Any]]:
    """The rows of a kind in file order: the order they were recorded in (database order of
    creation, which an import keeps, and which the pages show where nothing else orders them);
    cross-programme links, which two files share, by their natural key."""
    if kind is not CROSS_LINKS:
        return list(rows)

    def key(row: dict[str, Any]) -> tuple:
        return tuple(canonical(row.get(k)) for k in kind.sort) + (canonical(row),)

    return sorted(rows, key=key)


class Exporter:
    """Reads the kinds of one programme into plain data; collects the people and partner
    organisations they refer to (written in the DIN's sections)."""

    def __init__(self, programme: Programme):
        self.programme = programme
        self.people: dict[tuple[str, str], Person] = {}
        self.partners: dict[str, PartnerOrganisation] = {}

    # references

    def ref(self, target: str, obj: Any) -> Any:
        if obj is None:
            return None
        if target == USER:
            return obj.get_username()
        if target == PERSON:
            self.people.setdefault((obj.name, obj.email), obj)
            return {"name": obj.name, "email": obj.email}
        if target == PARTNER:
            self.partners.setdefault(obj.name, obj)
            return obj.name
        if target == GOAL:
            return obj.code
        if target == INDICATOR:
            return obj.operational_goal.code
        if target in (EFFORT, SOURCE):
            return obj.name
        if target == BUDGET_LINE:
            return {
                "source": obj.source.name,
                "year": obj.year,
                "effort": None if obj.effort is None else obj.effort.name,
                "item": obj.item,
            }
        if target == DECISION:
            return {"date": render(obj.date), "number": obj.number, "title": obj.title}
        if target == PROPOSAL:
            return {"title": obj.title, "created_at": render(obj.created_at)}
        if target == CROSS_EFFORT:
            return {"programme": obj.programme.slug, "name": obj.name}
        if target == CROSS_GOAL:
            return {"programme": obj.programme.slug, "code": obj.code}
        raise LookupError(target)  # pragma: no cover - every target is handled above

    # rows

    def queryset(self, kind: Kind) -> models.QuerySet:
        related = []
        many = []
        for ref in kind.refs:
            if ref.many:
                many.append(ref.field)
                continue
            related.append(ref.field)
            if ref.target == INDICATOR:
                related.append(f"{ref.field}__operational_goal")
            elif ref.target == BUDGET_LINE:
                related += [f"{ref.field}__source", f"{ref.field}__effort"]
            elif ref.target in (CROSS_EFFORT, CROSS_GOAL):
                related.append(f"{ref.field}__programme")
        qs = kind.model._default_manager.select_related(*related).order_by("pk")
        if many:
            qs = qs.prefetch_related(*many)
        return qs

    def rows(self, kind: Kind) -> models.QuerySet:
        if kind is CROSS_LINKS:
            return self.queryset(kind).filter(
                Q(effort__programme=self.programme) | Q(operational_goal__programme=self.programme)
            )
        return self.queryset(kind).filter(**{kind.programme_path: self.programme})

    def element(self, kind: Kind, obj: models.Model, children: dict) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, _field, ref in kind.keys():
            if ref is not None and ref.many:
                out[name] = sorted(
                    (self.ref(ref.target, o) for o in getattr(obj, name).all()), key=canonical
                )
            elif ref is not None:
                out[name] = self.ref(ref.target, getattr(obj, name))
            elif name == "target_id" and kind.model.__name__ == "PendingChange":
                out["target"] = (
                    refs_to_keys({"$ref": obj.target_model, "pk": obj.target_id})["key"]
                    if obj.target_id is not None
                    else None
                )
            elif name in kind.element_json:
                out[name] = refs_to_keys(getattr(obj, name))
            else:
                out[name] = render(getattr(obj, name))
        for child in kind.children:
            out[child.section] = sort_rows(
                (self.element(child, o, children) for o in children[child].get(obj.pk, [])),
                child,
            )
        return out

    def children_of(self, kind: Kind, parents: list[models.Model], into: dict) -> None:
        for child in kind.children:
            found: dict[Any, list] = defaultdict(list)
            objs = list(
                self.queryset(child).filter(**{f"{child.parent}__in": [p.pk for p in parents]})
            )
            for obj in objs:
                found[getattr(obj, f"{child.parent}_id")].append(obj)
            into[child] = found
            self.children_of(child, objs, into)

    def section(self, kind: Kind) -> list[dict[str, Any]]:
        objs = list(self.rows(kind))
        children: dict = {}
        self.children_of(kind, objs, children)
        return sort_rows((self.element(kind, o, children) for o in objs), kind)

    def measurements(self) -> Iterator[dict[str, Any]]:
        """The measurements in file order, read a chunk at a time: per goal code, then period."""
        kind = MEASUREMENTS
        indicators = sorted(
            Indicator.objects.filter(operational_goal__programme=self.programme).values_list(
                "operational_goal__code", "pk"
            )
        )
        for _code, pk in indicators:
            rows = (
                self.queryset(kind)
                .filter(indicator_id=pk)
                .order_by("period_start", "period_end")
                .iterator(chunk_size=5000)
            )
            for obj in rows:
                yield self.element(kind, obj, {})


def _din_element(obj: models.Model, spec) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in spec.keys:
        if isinstance(key, DinRef):
            target = getattr(obj, key.key)
            out[key.key] = None if target is None else target.name
        else:
            out[key] = render(getattr(obj, key))
    return out


def _merge(existing: list[dict], extra: list[dict], spec) -> list[dict]:
    by_canonical = {canonical(e): e for e in existing}
    for item in extra:
        by_canonical.setdefault(canonical(item), item)
    key = spec.sort_key or (lambda d: ())
    return sorted(by_canonical.values(), key=lambda d: (key(d), canonical(d)))


def programme_header(programme: Programme, *, history: bool = False) -> tuple[dict, Exporter]:
    """Everything of the file but the measurements, as plain data."""
    data = programme_to_dict(programme)
    data["format_version"] = FORMAT_VERSION
    ex = Exporter(programme)
    for kind in KINDS:
        if kind.streamed:
            continue
        data[kind.section] = ex.section(kind)
    # People and organisations the other kinds refer to join the DIN's own.
    for person in ex.people.values():
        if person.organisation is not None:
            ex.partners.setdefault(person.organisation.name, person.organisation)
    people = [_din_element(p, PERSON_SPEC) for p in ex.people.values()]
    partners = [_din_element(p, PARTNER_SPEC) for p in ex.partners.values()]
    data[PEOPLE_SECTION.key] = _merge(data[PEOPLE_SECTION.key], people, PERSON_SPEC)
    data[PARTNERS_SECTION.key] = _merge(data[PARTNERS_SECTION.key], partners, PARTNER_SPEC)
    _check_unique_people(data[PEOPLE_SECTION.key])
    if history:
        data[HISTORY_SECTION] = history_module.history_export(programme, ex)
    return data, ex


def _check_unique_people(people: list[dict]) -> None:
    seen: set[tuple[str, str]] = set()
    for person in people:
        key = (person["name"], person["email"])
        if key in seen:
            raise ExchangeError(
                [Problem(PEOPLE_SECTION.key, f"{person['name']} ({person['email']})")]
            )
        seen.add(key)


def write_programme(out: IO[bytes], programme: Programme, *, history: bool = False) -> None:
    """Write the file to a binary stream; the measurements are read and written in chunks."""
    data, ex = programme_header(programme, history=history)
    head = json.dumps(data, ensure_ascii=False, indent=2)
    assert head.endswith("\n}")
    out.write(head[:-2].encode("utf-8"))
    out.write(f',\n  "{MEASUREMENTS.section}": ['.encode())
    first = True
    for row in ex.measurements():
        out.write(b"\n    " if first else b",\n    ")
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8"))
        first = False
    out.write(b"]\n}\n" if first else b"\n  ]\n}\n")


def export_programme(programme: Programme, *, history: bool = False) -> bytes:
    """The whole programme as the bytes of a ``koers-programma`` file, format version 2.

    ``history`` adds the section ``geschiedenis``: who changed what, when. Raises
    :class:`koers.programmes.exchange.ExchangeError` when the programme cannot be written with
    natural keys. For very large programmes, :func:`write_programme` writes to a stream.
    """
    buffer = io.BytesIO()
    write_programme(buffer, programme, history=history)
    return buffer.getvalue()
