"""MDTO metadata (Metagegevens voor duurzaam toegankelijke overheidsinformatie, Nationaal Archief,
MDTO-XML 1.0.1) for the archive package: one XML document per *informatieobject* (the programme
as a Dossier, each record as an Archiefstuk) and one per *bestand* (each file in the package).

Plain data in, XML bytes out; no ORM. The schema the project ships (``schemas/``) checks every
document (:func:`validate`). Which field comes from where is described in docs/archief.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

NS = "https://www.nationaalarchief.nl/mdto"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_FILE = Path(__file__).resolve().parent / "schemas" / "MDTO-XML1.0.1.xsd"
SCHEMA_LOCATION = f"{NS} https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"

# The MDTO concept lists (begrippenlijsten) the values below come from.
LIST_AGGREGATION = "Begrippenlijst Aggregatieniveaus MDTO"
LIST_VALUATION = "Begrippenlijst Waarderingen MDTO"
LIST_EVENTS = "Begrippenlijst EventTypeLijst MDTO"
LIST_CHECKSUM = "Begrippenlijst ChecksumAlgoritme MDTO"
LIST_PRONOM = "PRONOM-register"
LIST_COVERAGE = "Begrippenlijst dekking in tijd Koers"

VALUATIONS = {"B": "Blijvend te bewaren", "V": "Tijdelijk te bewaren"}

DOSSIER = "Dossier"
RECORD = "Archiefstuk"


@dataclass(frozen=True)
class Concept:
    """A *begrip*: a label, optionally its code, and the list it is taken from."""

    label: str
    list_name: str
    code: str = ""


@dataclass(frozen=True)
class Reference:
    """A *verwijzing*: a name and, when known, the identifier and its source."""

    name: str
    identifier: str = ""
    source: str = ""


@dataclass(frozen=True)
class Event:
    kind: str  # a label of the MDTO event list: "Creatie", "Vaststelling"
    when: dt.date | dt.datetime
    actor: str = ""
    result: str = ""


@dataclass(frozen=True)
class Organisation:
    """What MDTO needs of the organisation that forms the archive, from the settings
    (``KOERS_ARCHIVE_*``, see docs/archief.md)."""

    source: str  # archiefvormer, e.g. "Gemeente Almelo"
    source_id: str = ""  # its identifier, e.g. a TOOI URI or OIN
    source_id_scheme: str = ""  # where that identifier comes from
    id_source: str = "Koers"  # identificatieBron of the identifiers Koers gives
    valuation: str = "B"  # B: blijvend te bewaren, V: tijdelijk te bewaren
    retention: str = ""  # bewaartermijn as an ISO 8601 duration (P10Y); '' none
    category_code: str = ""  # informatiecategorie from the selection list ('' none)
    category_label: str = ""
    selection_list: str = ""
    restriction: str = "Openbaar"  # beperkingGebruik
    restriction_list: str = "Archiefwet 1995"
    language: str = "nl"

    @classmethod
    def from_settings(cls) -> Organisation:
        from django.conf import settings
        from django.core.exceptions import ImproperlyConfigured

        if settings.KOERS_ARCHIVE_VALUATION not in VALUATIONS:
            raise ImproperlyConfigured(
                f"KOERS_ARCHIVE_VALUATION={settings.KOERS_ARCHIVE_VALUATION!r}: gebruik B "
                "(blijvend te bewaren) of V (tijdelijk te bewaren)."
            )
        return cls(
            source=settings.KOERS_ARCHIVE_SOURCE,
            source_id=settings.KOERS_ARCHIVE_SOURCE_ID,
            source_id_scheme=settings.KOERS_ARCHIVE_SOURCE_ID_SCHEME,
            id_source=settings.KOERS_ARCHIVE_ID_SOURCE,
            valuation=settings.KOERS_ARCHIVE_VALUATION,
            retention=settings.KOERS_ARCHIVE_RETENTION,
            category_code=settings.KOERS_ARCHIVE_CATEGORY_CODE,
            category_label=settings.KOERS_ARCHIVE_CATEGORY_LABEL,
            selection_list=settings.KOERS_ARCHIVE_SELECTION_LIST,
            restriction=settings.KOERS_ARCHIVE_RESTRICTION,
            restriction_list=settings.KOERS_ARCHIVE_RESTRICTION_LIST,
            language=(settings.LANGUAGE_CODE or "nl").split("-")[0],
        )


@dataclass
class InformationObject:
    """An *informatieobject*: the programme (Dossier) or one record in it (Archiefstuk)."""

    identifier: str
    name: str
    level: str  # DOSSIER or RECORD
    start: dt.date
    end: dt.date | None = None
    description: str = ""
    keywords: tuple[str, ...] = ()
    place: str = ""  # dekkingInRuimte, e.g. the municipality
    online: str = ""  # raadpleeglocatieOnline: where the original can be read
    extra_ids: tuple[Reference, ...] = ()  # further identifiers (name: the kenmerk)
    events: list[Event] = field(default_factory=list)
    part_of: Reference | None = None
    parts: list[Reference] = field(default_factory=list)
    representations: list[Reference] = field(default_factory=list)


@dataclass(frozen=True)
class FileObject:
    """A *bestand*: one file of the package, the representation of an information object."""

    identifier: str
    name: str  # the file name
    size: int
    format: Concept  # PRONOM
    sha256: str
    checksum_at: dt.datetime
    represents: Reference


PDF_A_3B = Concept("PDF/A-3b", LIST_PRONOM, "fmt/480")
JSON = Concept("JSON Data Interchange Format", LIST_PRONOM, "fmt/817")


def _sub(parent, tag: str, text: str | None = None):
    el = etree.SubElement(parent, f"{{{NS}}}{tag}")
    if text is not None:
        el.text = text
    return el


def _identification(parent, tag: str, identifier: str, source: str) -> None:
    el = _sub(parent, tag)
    _sub(el, "identificatieKenmerk", identifier)
    _sub(el, "identificatieBron", source)


def _reference(parent, tag: str, ref: Reference) -> None:
    el = _sub(parent, tag)
    _sub(el, "verwijzingNaam", ref.name)
    if ref.identifier:
        _identification(el, "verwijzingIdentificatie", ref.identifier, ref.source)


def _concept(parent, tag: str, concept: Concept) -> None:
    el = _sub(parent, tag)
    _sub(el, "begripLabel", concept.label)
    if concept.code:
        _sub(el, "begripCode", concept.code)
    _reference(el, "begripBegrippenlijst", Reference(concept.list_name))


def _time(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def _document(kind: str):
    root = etree.Element(f"{{{NS}}}MDTO", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    return root, _sub(root, kind)


def _serialise(root) -> bytes:
    etree.indent(root, space="  ")
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def archive_creator(org: Organisation) -> Reference:
    return Reference(org.source, org.source_id, org.source_id_scheme)


def informatieobject_xml(obj: InformationObject, org: Organisation) -> bytes:
    """The MDTO document of ``obj``, its elements in the order the schema prescribes."""
    root, io = _document("informatieobject")
    _identification(io, "identificatie", obj.identifier, org.id_source)
    for extra in obj.extra_ids:
        _identification(io, "identificatie", extra.name, extra.source)
    _sub(io, "naam", obj.name)
    _concept(io, "aggregatieniveau", Concept(obj.level, LIST_AGGREGATION))
    for keyword in obj.keywords:
        _sub(io, "trefwoord", keyword)
    if obj.description:
        _sub(io, "omschrijving", obj.description)
    if obj.online:
        location = _sub(io, "raadpleeglocatie")
        _sub(location, "raadpleeglocatieOnline", obj.online)
    coverage = _sub(io, "dekkingInTijd")
    kind = "Periode" if obj.end and obj.end != obj.start else "Datum"
    _concept(coverage, "dekkingInTijdType", Concept(kind, LIST_COVERAGE))
    _sub(coverage, "dekkingInTijdBegindatum", obj.start.isoformat())
    if kind == "Periode":
        _sub(coverage, "dekkingInTijdEinddatum", obj.end.isoformat())
    if obj.place:
        _reference(io, "dekkingInRuimte", Reference(obj.place))
    _sub(io, "taal", org.language)
    for event in obj.events:
        el = _sub(io, "event")
        _concept(el, "eventType", Concept(event.kind, LIST_EVENTS))
        _sub(el, "eventTijd", _time(event.when))
        if event.actor:
            _reference(el, "eventVerantwoordelijkeActor", Reference(event.actor))
        if event.result:
            _sub(el, "eventResultaat", event.result)
    _concept(io, "waardering", Concept(VALUATIONS[org.valuation], LIST_VALUATION, org.valuation))
    if org.retention:
        term = _sub(io, "bewaartermijn")
        _sub(term, "termijnLooptijd", org.retention)
    if org.category_code or org.category_label:
        _concept(
            io,
            "informatiecategorie",
            Concept(
                org.category_label or org.category_code,
                org.selection_list or "Selectielijst",
                org.category_code,
            ),
        )
    if obj.part_of is not None:
        _reference(io, "isOnderdeelVan", obj.part_of)
    for part in obj.parts:
        _reference(io, "bevatOnderdeel", part)
    for representation in obj.representations:
        _reference(io, "heeftRepresentatie", representation)
    _reference(io, "archiefvormer", archive_creator(org))
    restriction = _sub(io, "beperkingGebruik")
    _concept(restriction, "beperkingGebruikType", Concept(org.restriction, org.restriction_list))
    return _serialise(root)


def bestand_xml(obj: FileObject, org: Organisation) -> bytes:
    root, el = _document("bestand")
    _identification(el, "identificatie", obj.identifier, org.id_source)
    _sub(el, "naam", obj.name)
    _sub(el, "omvang", str(obj.size))
    _concept(el, "bestandsformaat", obj.format)
    checksum = _sub(el, "checksum")
    _concept(checksum, "checksumAlgoritme", Concept("SHA256", LIST_CHECKSUM))
    _sub(checksum, "checksumWaarde", obj.sha256)
    _sub(checksum, "checksumDatum", _time(obj.checksum_at))
    _reference(el, "isRepresentatieVan", obj.represents)
    return _serialise(root)


@cache
def schema() -> etree.XMLSchema:
    """The MDTO-XML 1.0.1 schema the project ships (parsed once)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


class InvalidMDTO(ValueError):
    pass


def validate(xml: bytes) -> None:
    """Raise :class:`InvalidMDTO` with the schema's messages when ``xml`` is not valid MDTO."""
    doc = etree.fromstring(xml)
    checker = schema()
    if not checker.validate(doc):
        messages = "; ".join(f"line {e.line}: {e.message}" for e in checker.error_log)
        raise InvalidMDTO(messages)
