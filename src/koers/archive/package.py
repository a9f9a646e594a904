"""The archive package of a programme, for the municipality's DMS or e-depot.

A zip file holding one BagIt bag (RFC 8493) named ``archief-<slug>``::

    archief-<slug>/bagit.txt, bag-info.txt
    archief-<slug>/manifest-sha256.txt        SHA-256 of every file under data/
    archief-<slug>/tagmanifest-sha256.txt     SHA-256 of the three files above
    archief-<slug>/data/<slug>.mdto.xml       the programme as MDTO Dossier
    archief-<slug>/data/<slug>/<stuk>.<ext>   each record: contract, progress reports per
                                              period, decisions (PDF/A-3b), export (JSON)
    archief-<slug>/data/<slug>/<stuk>.mdto.xml             its MDTO informatieobject (Archiefstuk)
    archief-<slug>/data/<slug>/<stuk>.<ext>.bestand.mdto.xml  its MDTO bestand

Files in the zip in sorted order. Reads the database, writes nothing to it. Described for users
in docs/archief.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

import koers
from koers.documents.contract import build_contract
from koers.documents.decision import decision_document
from koers.documents.pdf import PDF_ARCHIVE_VARIANT, render_pdf
from koers.documents.progress import build_progress
from koers.documents.sections import period_label
from koers.exchange import export_programme
from koers.programmes.models import Programme
from koers.programmes.presentation import format_date

from . import mdto
from .selectors import archive_contents

MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
ACTOR = "Koers"


def _export_json(programme: Programme) -> bytes:
    """The programme's complete export (``koers export --met-geschiedenis``) as UTF-8 JSON: the
    one place the package takes the exchange format from."""
    return export_programme(programme, history=True)


@dataclass
class _Record:
    """One record of the package: its file and its MDTO information object."""

    stem: str  # file name without extension, e.g. "besluit-2019-03-12-4"
    extension: str
    data: bytes
    format: mdto.Concept
    info: mdto.InformationObject

    @property
    def filename(self) -> str:
        return f"{self.stem}.{self.extension}"


@dataclass
class ArchivePackage:
    """The package as (path, bytes) pairs and the zip made of them."""

    name: str  # the bag's name: the folder in the zip
    files: dict[str, bytes] = field(default_factory=dict)  # path in the zip → content

    def zip_bytes(self, when: dt.datetime) -> bytes:
        stamp = timezone.localtime(when).timetuple()[:6]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.files):
                info = zipfile.ZipInfo(path, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, self.files[path])
        return buffer.getvalue()


def archive_filename(programme: Programme, today: dt.date) -> str:
    return f"archief-{programme.slug}-{today:%Y%m%d}.zip"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf(document) -> bytes:
    return render_pdf(document, variant=PDF_ARCHIVE_VARIANT)


def _records(programme: Programme, *, today: dt.date, now: dt.datetime, ident) -> list[_Record]:
    p = programme
    contents = archive_contents(p, today=today)
    created = mdto.Event(
        "Creatie",
        timezone.localtime(now),
        ACTOR,
        _("Made by Koers from the programme's data for the archive."),
    )
    records = []

    contract_events = [created]
    if p.contract_date:
        contract_events.insert(0, mdto.Event("Vaststelling", p.contract_date))
    records.append(
        _Record(
            "programmacontract",
            "pdf",
            _pdf(build_contract(p.slug, today=today)),
            mdto.PDF_A_3B,
            mdto.InformationObject(
                identifier=ident("programmacontract"),
                name=_("Programme contract %(name)s") % {"name": p.name},
                level=mdto.RECORD,
                start=p.period_start,
                end=p.period_end,
                description=_(
                    "The programme contract as it read on %(date)s: the adopted contract and "
                    "the amendments since adoption with their decisions."
                )
                % {"date": format_date(today)},
                events=contract_events,
            ),
        )
    )
    for accepted in contents.periods:
        period = accepted.period
        events = [created]
        if accepted.accepted_at:
            events.insert(0, mdto.Event("Vaststelling", timezone.localtime(accepted.accepted_at)))
        records.append(
            _Record(
                f"voortgangsrapportage-{period.key}",
                "pdf",
                _pdf(build_progress(p, period=period)),
                mdto.PDF_A_3B,
                mdto.InformationObject(
                    identifier=ident(f"voortgangsrapportage/{period.key}"),
                    name=_("Progress report %(name)s, %(period)s")
                    % {"name": p.name, "period": period_label(period)},
                    level=mdto.RECORD,
                    start=period.start,
                    end=period.end,
                    description=_("Accepted progress reports of: %(efforts)s.")
                    % {"efforts": ", ".join(r.effort.name for r in accepted.reports)},
                    events=events,
                ),
            )
        )
    for decision in contents.decisions:
        under = contents.changes.get(decision.pk, [])
        kind = str(decision.get_kind_display()).capitalize()
        extra = ()
        if decision.number:
            extra = (mdto.Reference(decision.number, source=_("Decisions register")),)
        records.append(
            _Record(
                f"besluit-{decision.date.isoformat()}-{decision.pk}",
                "pdf",
                _pdf(decision_document(decision, under, today=today)),
                mdto.PDF_A_3B,
                mdto.InformationObject(
                    identifier=ident(f"besluit/{decision.pk}"),
                    name=str(decision),
                    level=mdto.RECORD,
                    start=decision.date,
                    description=" ".join(x for x in (f"{kind}.", decision.summary) if x),
                    online=decision.link,
                    extra_ids=extra,
                    events=[mdto.Event("Vaststelling", decision.date), created],
                ),
            )
        )
    records.append(
        _Record(
            "uitwisselingsbestand",
            "json",
            _export_json(p),
            mdto.JSON,
            mdto.InformationObject(
                identifier=ident("uitwisselingsbestand"),
                name=_("Export of programme %(name)s") % {"name": p.name},
                level=mdto.RECORD,
                start=p.period_start,
                end=p.period_end,
                description=_(
                    "The programme's data in Koers' exchange format (JSON, see "
                    "docs/uitwisseling.md), as exported on %(date)s."
                )
                % {"date": format_date(today)},
                events=[created],
            ),
        )
    )
    return records


def archive_package(
    programme: Programme, *, now: dt.datetime | None = None, org: mdto.Organisation | None = None
) -> ArchivePackage:
    """The archive package of ``programme`` as it stands at ``now`` (default: now), in the
    installation's language. Every MDTO document is checked against the schema."""
    now = now or timezone.now()
    org = org or mdto.Organisation.from_settings()
    today = timezone.localdate(now)
    with translation.override(settings.LANGUAGE_CODE):
        return _build(programme, now=now, today=today, org=org)


def _build(programme: Programme, *, now, today, org: mdto.Organisation) -> ArchivePackage:
    p = programme
    bag = f"archief-{p.slug}"

    def ident(suffix: str = "") -> str:
        return f"koers/{p.slug}" + (f"/{suffix}" if suffix else "")

    dossier_ref = mdto.Reference(p.name, ident(), org.id_source)
    records = _records(p, today=today, now=now, ident=ident)
    data: dict[str, bytes] = {}
    parts = []
    for record in records:
        info = record.info
        info.part_of = dossier_ref
        info.place = info.place or p.municipality
        info.keywords = info.keywords or (p.name,)
        sha = _sha256(record.data)
        file_ref = mdto.Reference(record.filename, f"{info.identifier}/bestand", org.id_source)
        info.representations = [file_ref]
        record_ref = mdto.Reference(info.name, info.identifier, org.id_source)
        parts.append(record_ref)
        folder = f"data/{p.slug}"
        data[f"{folder}/{record.filename}"] = record.data
        data[f"{folder}/{record.stem}.mdto.xml"] = mdto.informatieobject_xml(info, org)
        data[f"{folder}/{record.filename}.bestand.mdto.xml"] = mdto.bestand_xml(
            mdto.FileObject(
                identifier=file_ref.identifier,
                name=record.filename,
                size=len(record.data),
                format=record.format,
                sha256=sha,
                checksum_at=timezone.localtime(now),
                represents=record_ref,
            ),
            org,
        )
    dossier = mdto.InformationObject(
        identifier=ident(),
        name=_("Programme %(name)s") % {"name": p.name},
        level=mdto.DOSSIER,
        start=p.period_start,
        end=p.period_end,
        description=str(p.get_status_display()).capitalize()
        + ". "
        + _("Archive package made by Koers on %(date)s.") % {"date": format_date(today)},
        keywords=(p.name,),
        place=p.municipality,
        events=[mdto.Event("Creatie", timezone.localtime(now), ACTOR)],
        parts=parts,
    )
    data[f"data/{p.slug}.mdto.xml"] = mdto.informatieobject_xml(dossier, org)
    for path, content in data.items():
        if path.endswith(".mdto.xml"):
            mdto.validate(content)

    package = ArchivePackage(bag)
    for path, content in data.items():
        package.files[f"{bag}/{path}"] = content
    manifest = "".join(f"{_sha256(data[path])}  {path}\n" for path in sorted(data))
    tags = {
        "bagit.txt": "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "bag-info.txt": (
            f"Source-Organization: {org.source}\n"
            f"Bagging-Date: {today.isoformat()}\n"
            f"External-Identifier: {ident()}\n"
            f"External-Description: {p.name} ({p.municipality}, "
            f"{p.period_start:%Y}-{p.period_end:%Y})\n"
            f"Bag-Software-Agent: Koers {koers.__version__}\n"
            f"Payload-Oxum: {sum(len(c) for c in data.values())}.{len(data)}\n"
        ),
        MANIFEST: manifest,
    }
    encoded = {name: text.encode("utf-8") for name, text in tags.items()}
    encoded[TAG_MANIFEST] = "".join(
        f"{_sha256(encoded[name])}  {name}\n" for name in sorted(encoded)
    ).encode("utf-8")
    for name, content in encoded.items():
        package.files[f"{bag}/{name}"] = content
    return package
