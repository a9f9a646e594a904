"""The archive package (koers.archive): ``koers archive SLUG`` on the demo's Programma Binnenstad,
closed, with a decision and its change and the demo's accepted reports. Every PDF opens and
declares PDF/A-3b, every MDTO file validates against the shipped XSD, the checksum lists match;
the button on the documents page is for a functional administrator on a closed programme."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from koers.archive import mdto
from koers.programmes.constants import ChangeKind, ProgrammeStatus
from koers.programmes.models import Programme

SLUG = "almelo-binnenstad"
BAG = f"archief-{SLUG}"
XSD = Path(mdto.__file__).resolve().parent / "schemas" / "MDTO-XML1.0.1.xsd"

# The test database must exist before the module's package is made (pytest-django sets it up for
# tests that ask for it).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def package(django_db_setup, django_db_blocker, tmp_path_factory) -> dict[str, bytes]:
    """The demo loaded, Binnenstad closed with one decision and a change under it, archived
    once with the command; everything rolled back afterwards. Path in the zip → bytes."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from koers.decisions.models import ProgrammeChange
    from koers.decisions.services import decision_create

    target = tmp_path_factory.mktemp("archief") / "pakket.zip"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--no-users", verbosity=0)
        actor = get_user_model().objects.create_user("archivaris", is_functional_admin=True)
        programme = Programme.objects.get(slug=SLUG)
        Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.CLOSED)
        decision = decision_create(
            actor=actor,
            programme=programme,
            date=dt.date(2020, 6, 9),
            number="2020/0612",
            title="Bijstelling streefwaarde bezoekers",
            summary="Het college stelt de streefwaarde voor bezoekers bij.",
            link="https://almelo.bestuurlijkeinformatie.nl/besluit/2020-0612",
        )
        ProgrammeChange.objects.create(
            programme=programme,
            decision=decision,
            kind=ChangeKind.TARGET_CHANGED,
            subject="1a Bezoekers per week",
            before="7.000",
            after="8.000",
            changed_by=actor,
        )
        out = io.StringIO()
        call_command("archive", SLUG, "-o", str(target), stdout=out)
        assert str(target) in out.getvalue()
        transaction.set_rollback(True)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names == sorted(names), "deterministic order"
        return {name: archive.read(name) for name in names}


def _data(package) -> dict[str, bytes]:
    prefix = f"{BAG}/data/"
    return {k.removeprefix(f"{BAG}/"): v for k, v in package.items() if k.startswith(prefix)}


def test_the_package_holds_every_record(package):
    folder = f"{BAG}/data/{SLUG}"
    names = set(package)
    for stem, ext in [("programmacontract", "pdf"), ("uitwisselingsbestand", "json")]:
        assert f"{folder}/{stem}.{ext}" in names
        assert f"{folder}/{stem}.mdto.xml" in names
        assert f"{folder}/{stem}.{ext}.bestand.mdto.xml" in names
    assert f"{BAG}/data/{SLUG}.mdto.xml" in names
    decisions = [n for n in names if n.startswith(f"{folder}/besluit-2020-06-09-")]
    assert len(decisions) == 3  # the PDF and its two MDTO files
    progress = sorted(n for n in names if n.endswith(".pdf") and "voortgangsrapportage" in n)
    assert progress, "a progress report per period with accepted reports"
    for name in ("bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt"):
        assert f"{BAG}/{name}" in names


def test_every_pdf_opens_and_declares_pdf_a(package):
    pdfs = [n for n in package if n.endswith(".pdf")]
    assert len(pdfs) >= 3
    for name in pdfs:
        reader = PdfReader(io.BytesIO(package[name]))
        assert len(reader.pages) >= 1, name
        assert "".join(p.extract_text() or "" for p in reader.pages).strip(), name
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b'pdfaid:part="3"' in xmp, name
        assert b'pdfaid:conformance="B"' in xmp, name
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{name} is tagged"


def test_the_decision_pdf_says_what_was_decided_and_changed(package):
    from tests.documents.conftest import pdf_text

    name = next(n for n in package if "besluit-" in n and n.endswith(".pdf"))
    text = " ".join(pdf_text(package[name]).split()).lower()
    for expected in (
        "Bijstelling streefwaarde bezoekers",
        "2020/0612",
        "9 juni 2020",
        "collegebesluit",
        "Het college stelt de streefwaarde voor bezoekers bij.",
        "https://almelo.bestuurlijkeinformatie.nl/besluit/2020-0612",
        "1a Bezoekers per week",
        "8.000",
    ):
        assert expected.lower() in text, expected


def test_every_mdto_file_validates_against_the_shipped_xsd(package):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    xmls = [n for n in package if n.endswith(".mdto.xml")]
    pdfs_and_json = [n for n in package if n.endswith((".pdf", ".json"))]
    assert len(xmls) == 2 * len(pdfs_and_json) + 1  # per file two, and the dossier
    for name in xmls:
        doc = etree.fromstring(package[name])
        assert schema.validate(doc), (name, [e.message for e in schema.error_log])


def test_the_mdto_metadata_describe_the_files(package):
    ns = {"m": mdto.NS}
    for name, content in package.items():
        if not name.endswith(".bestand.mdto.xml"):
            continue
        doc = etree.fromstring(content)
        file_name = name.removesuffix(".bestand.mdto.xml")
        data = package[file_name]
        assert doc.findtext("m:bestand/m:naam", namespaces=ns) == Path(file_name).name
        assert doc.findtext("m:bestand/m:omvang", namespaces=ns) == str(len(data))
        assert doc.findtext("m:bestand/m:checksum/m:checksumWaarde", namespaces=ns) == (
            hashlib.sha256(data).hexdigest()
        )
        code = doc.findtext("m:bestand/m:bestandsformaat/m:begripCode", namespaces=ns)
        assert code == ("fmt/480" if file_name.endswith(".pdf") else "fmt/817")
    dossier = etree.fromstring(package[f"{BAG}/data/{SLUG}.mdto.xml"])
    io_ = "m:informatieobject"
    assert dossier.findtext(f"{io_}/m:aggregatieniveau/m:begripLabel", namespaces=ns) == "Dossier"
    assert dossier.findtext(f"{io_}/m:archiefvormer/m:verwijzingNaam", namespaces=ns) == (
        "Gemeente Almelo"
    )
    parts = dossier.findall(f"{io_}/m:bevatOnderdeel", namespaces=ns)
    assert len(parts) == len([n for n in package if n.endswith((".pdf", ".json"))])
    decision = next(
        n for n in package if "besluit-" in n and n.endswith(".mdto.xml") and ".pdf." not in n
    )
    record = etree.fromstring(package[decision])
    ids = record.findall(f"{io_}/m:identificatie/m:identificatieKenmerk", namespaces=ns)
    assert "2020/0612" in [i.text for i in ids]
    assert record.findtext(f"{io_}/m:dekkingInTijd/m:dekkingInTijdBegindatum", namespaces=ns) == (
        "2020-06-09"
    )


def test_the_checksum_lists_match(package):
    data = _data(package)
    manifest = package[f"{BAG}/manifest-sha256.txt"].decode("utf-8").splitlines()
    listed = {}
    for line in manifest:
        checksum, path = line.split("  ", 1)
        listed[path] = checksum
    assert set(listed) == set(data)
    for path, content in data.items():
        assert listed[path] == hashlib.sha256(content).hexdigest(), path
    assert [line.split("  ", 1)[1] for line in manifest] == sorted(listed)
    for line in package[f"{BAG}/tagmanifest-sha256.txt"].decode("utf-8").splitlines():
        checksum, name = line.split("  ", 1)
        assert hashlib.sha256(package[f"{BAG}/{name}"]).hexdigest() == checksum
    info = package[f"{BAG}/bag-info.txt"].decode("utf-8")
    total = sum(len(c) for c in data.values())
    assert f"Payload-Oxum: {total}.{len(data)}" in info
    assert package[f"{BAG}/bagit.txt"].startswith(b"BagIt-Version: 1.0\n")


def test_the_export_json_is_the_programmes_export(package):
    import json

    data = json.loads(package[f"{BAG}/data/{SLUG}/uitwisselingsbestand.json"])
    assert data["format"] == "koers-programma"
    assert data["programma"]["slug"] == SLUG


def test_the_schema_check_rejects_an_incomplete_document():
    broken = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<MDTO xmlns="https://www.nationaalarchief.nl/mdto"><informatieobject>'
        b"<identificatie><identificatieKenmerk>x</identificatieKenmerk>"
        b"<identificatieBron>Koers</identificatieBron></identificatie><naam>x</naam>"
        b"</informatieobject></MDTO>"
    )
    with pytest.raises(mdto.InvalidMDTO, match="waardering"):
        mdto.validate(broken)


def test_the_settings_fill_the_organisation_fields(settings):
    settings.KOERS_ARCHIVE_SOURCE = "Gemeente Hengelo"
    settings.KOERS_ARCHIVE_SOURCE_ID = "https://identifier.overheid.nl/tooi/id/gemeente/gm0164"
    settings.KOERS_ARCHIVE_VALUATION = "V"
    settings.KOERS_ARCHIVE_RETENTION = "P10Y"
    settings.KOERS_ARCHIVE_CATEGORY_CODE = "1.1"
    settings.KOERS_ARCHIVE_CATEGORY_LABEL = "Beleid"
    org = mdto.Organisation.from_settings()
    xml = mdto.informatieobject_xml(
        mdto.InformationObject("koers/x", "X", mdto.RECORD, dt.date(2020, 1, 1)), org
    )
    mdto.validate(xml)
    for expected in (b"Gemeente Hengelo", b"gm0164", b"Tijdelijk te bewaren", b"P10Y", b"1.1"):
        assert expected in xml


@pytest.mark.django_db
def test_the_command_refuses_a_programme_that_is_not_closed(programme, tmp_path):
    with pytest.raises(CommandError, match="niet afgesloten|not closed"):
        call_command("archive", programme.slug, "-o", str(tmp_path / "x.zip"))
    assert not (tmp_path / "x.zip").exists()


# --- the button on the documents page ------------------------------------------------------------


def _close(programme) -> None:
    Programme.objects.filter(pk=programme.pk).update(status=ProgrammeStatus.CLOSED)


def _url(programme) -> str:
    return reverse("archive:package", kwargs={"slug": programme.slug})


@pytest.mark.django_db
def test_the_administrator_gets_the_zip_of_a_closed_programme(client, admin_user, programme):
    _close(programme)
    client.force_login(admin_user)
    page = client.get(reverse("documents:document_list", kwargs={"slug": programme.slug}))
    assert "Archiefpakket maken" in page.content.decode()
    response = client.post(_url(programme))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f"archief-{programme.slug}-" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        assert f"archief-{programme.slug}/data/{programme.slug}/programmacontract.pdf" in names
        assert f"archief-{programme.slug}/manifest-sha256.txt" in names


@pytest.mark.django_db
def test_others_do_not_see_the_button_and_are_refused(client, staff_user, programme):
    _close(programme)
    client.force_login(staff_user)
    page = client.get(reverse("documents:document_list", kwargs={"slug": programme.slug}))
    assert page.status_code == 200
    assert "Archiefpakket maken" not in page.content.decode()
    assert client.post(_url(programme)).status_code == 403


@pytest.mark.django_db
def test_a_programme_that_is_not_closed_is_refused(client, admin_user, programme):
    client.force_login(admin_user)
    page = client.get(reverse("documents:document_list", kwargs={"slug": programme.slug}))
    assert "Archiefpakket maken" not in page.content.decode()
    assert client.post(_url(programme)).status_code == 403


@pytest.mark.django_db
def test_get_makes_nothing(client, admin_user, programme):
    _close(programme)
    client.force_login(admin_user)
    assert client.get(_url(programme)).status_code == 405
