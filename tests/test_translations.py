"""The Dutch translation of the interface: complete, correct in form, in step with the source
strings, and what a user actually sees on the main pages (no English left)."""

from __future__ import annotations

import ast
import html
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import koers
from koers.programmes.models import Effort, OperationalGoal

KOERS_DIR = Path(koers.__file__).parent  # src/koers, the tree makemessages scans
PO_FILE = KOERS_DIR / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# The command that (re)generates the catalogue; run it from src/koers.
MAKEMESSAGES = "koers makemessages -l nl --no-location --no-obsolete --ignore=migrations"


# --- a small .po reader (the standard library has none) -----------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file, the header (msgid "") included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)
        entry, target = None, None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
            if line.startswith("#"):  # "#~|" previous msgid of an obsolete entry
                continue
        elif line.startswith("#"):
            if target is not None:  # comments start a new entry
                finish()
            entry = entry or Entry()
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",") if f.strip()}
            continue
        entry = entry or Entry()
        entry.obsolete = entry.obsolete or obsolete
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if keyword.startswith("msgstr"):
                target = ("msgstr", int(index or 0))
                entry.msgstr[target[1]] = value
            else:
                if keyword == "msgctxt" and target is not None and target[0] == "msgstr":
                    finish()
                    entry = Entry(obsolete=obsolete)
                target = (keyword, 0)
                setattr(entry, keyword, value)
        elif line.startswith('"') and target is not None:
            value = ast.literal_eval(line)
            if target[0] == "msgstr":
                entry.msgstr[target[1]] += value
            else:
                setattr(entry, target[0], getattr(entry, target[0]) + value)
        else:
            raise ValueError(f"Cannot read this line of the .po file: {raw!r}")
    finish()
    return entries


def catalogue(path: Path = PO_FILE) -> list[Entry]:
    """The live (not obsolete) entries of the catalogue, without the header."""
    return [e for e in parse_po(path.read_text(encoding="utf-8")) if e.msgid and not e.obsolete]


# --- compiled catalogue --------------------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def compiled_messages():
    """Compile the catalogue when the .mo is missing or older than the .po (`make test` and
    `make run` compile it as well)."""
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        if shutil.which("msgfmt") is None:
            pytest.skip("msgfmt (Debian package gettext) is needed to compile the catalogue")
        call_command(
            "compilemessages",
            locale=["nl"],
            ignore_patterns=[".venv", "node_modules", ".git", "var", "bench"],
            stdout=io.StringIO(),
        )
        # Forget catalogues that were loaded before the .mo existed.
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


# --- the catalogue itself ------------------------------------------------------------------------


def test_catalogue_has_a_dutch_header():
    header = next(e for e in parse_po(PO_FILE.read_text(encoding="utf-8")) if e.msgid == "")
    assert "Language: nl\n" in header.msgstr[0]
    assert "nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "fuzzy" not in header.flags


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = catalogue()
    assert len(entries) > 300  # the whole interface, not a fragment
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy translations (check them, then remove '#, fuzzy'): {fuzzy}"
    untranslated = [e.msgid for e in entries if not all(s.strip() for s in e.msgstr.values())]
    assert not untranslated, f"untranslated: {untranslated}"
    plurals = [e.msgid for e in entries if e.msgid_plural is not None and len(e.msgstr) != 2]
    assert not plurals, f"plural entries need both Dutch forms: {plurals}"


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\{[^}]*\}\}|\{\w*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def test_placeholders_are_kept():
    wrong = []
    for e in catalogue():
        if "python-format" not in e.flags and "python-brace-format" not in e.flags:
            continue
        for index, translated in e.msgstr.items():
            source = e.msgid_plural if index > 0 and e.msgid_plural else e.msgid
            if _placeholders(source) != _placeholders(translated):
                wrong.append((e.msgid, translated))
    assert not wrong, f"placeholders differ between source and translation: {wrong}"


def test_msgfmt_accepts_the_catalogue():
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (Debian package gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(PO_FILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# Translations other parts of Koers (and its users) rely on.
FIXED = {
    "The target date must lie after the baseline date.": (
        "De streefdatum moet na de datum van de nulmeting liggen."
    ),
    "Someone else changed this item while you were editing it. Your changes have not been "
    "saved; reload the page to see the current version.": (
        "Iemand anders heeft dit onderdeel gewijzigd terwijl jij het bewerkte. Je wijzigingen zijn "
        "niet opgeslagen; laad de pagina opnieuw om de actuele versie te zien."
    ),
    "qualitative": "kwalitatief",
    "measurable": "meetbaar",
    "Link an effort": "Inspanning koppelen",
    "Link to a goal": "Koppelen aan doel",
    "Add an effort": "Inspanning toevoegen",
    "Save": "Opslaan",
    "Edit": "Bewerken",
    "Delete": "Verwijderen",
    "Log in": "Inloggen",
    "Log out": "Uitloggen",
    "Programmes": "Programma's",
    "History": "Geschiedenis",
    "Unlink": "Ontkoppelen",
    "Efforts that serve this goal": "Inspanningen die dit doel dienen",
    "Goals this effort serves": "Doelen die deze inspanning dient",
    "Yes, delete": "Ja, verwijderen",
    "by %(date)s": "in %(date)s",
    "increase by %(value)s%(unit)s": "toename met %(value)s%(unit)s",
    "reach %(value)s%(unit)s": "%(value)s%(unit)s bereiken",
    "at most %(value)s%(unit)s": "maximaal %(value)s%(unit)s",
    "(to %(end)s)": "(tot %(end)s)",
}


def test_fixed_translations_in_the_catalogue_and_at_run_time():
    by_id = {e.msgid: e.msgstr[0] for e in catalogue() if e.msgctxt is None}
    for source, dutch in FIXED.items():
        assert by_id.get(source) == dutch, source
        with translation.override("nl"):
            assert translation.gettext(source) == dutch, f"not in the compiled .mo: {source}"


def test_plural_forms_at_run_time():
    source = "The file has not been loaded; nothing has been written. %(count)d problem:"
    plural = "The file has not been loaded; nothing has been written. %(count)d problems:"
    with translation.override("nl"):
        one = translation.ngettext(source, plural, 1) % {"count": 1}
        three = translation.ngettext(source, plural, 3) % {"count": 3}
    assert one.endswith(" 1 probleem:") and three.endswith(" 3 problemen:")


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="makemessages needs xgettext and msgmerge (Debian package gettext)",
)
def test_catalogue_is_in_step_with_the_source(tmp_path, monkeypatch):
    """Extract the strings afresh from a copy of the source tree and compare: a string added
    to a template or to Python code without a Dutch translation fails here."""
    tree = tmp_path / "koers"
    shutil.copytree(
        KOERS_DIR, tree, ignore=shutil.ignore_patterns("locale", "__pycache__", "static")
    )
    out = tmp_path / "out" / "locale"
    (out / "nl" / "LC_MESSAGES").mkdir(parents=True)
    monkeypatch.chdir(tree)
    with override_settings(LOCALE_PATHS=[out]):
        call_command(
            "makemessages",
            locale=["nl"],
            no_location=True,
            ignore_patterns=["migrations"],
            stdout=io.StringIO(),
        )
    fresh = {e.key for e in catalogue(out / "nl" / "LC_MESSAGES" / "django.po")}
    ours = {e.key for e in catalogue()}
    missing = sorted(fresh - ours, key=str)
    stale = sorted(ours - fresh, key=str)
    hint = f"run `cd src/koers && uv run {MAKEMESSAGES}` and translate what is new"
    assert not missing, f"not in the catalogue ({hint}): {missing}"
    assert not stale, f"no longer in the source ({hint}): {stale}"


# --- what users see ------------------------------------------------------------------------------

# English interface words that must never show on a Dutch page (whole words, case-sensitive).
ENGLISH = [
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Programmes",
    "Programme",
    "Efforts",
    "Effort",
    "Operational goal",
    "Strategic goal",
    "Goals",
    "History",
    "Log in",
    "Log out",
    "Add ",
    "Who is who",
    "Mission",
    "Vision",
    "Target",
    "Baseline",
    "Indicator and target",
    "qualitative",
    "measurable",
    "Skip to content",
    "Actions",
    "Activities",
    "Contribution",
    "Unlink",
    "Track",
    "People",
    "Organisations",
    "Changes",
    "optional",
    "Main menu",
    "Breadcrumbs",
    "On this page",
    "Password",
    "Username",
    "not known",
    "no target set",
    "increase by",
    "reach ",
]
_ENGLISH_RE = [(w, re.compile(rf"(?<![A-Za-z]){re.escape(w)}(?![a-z])")) for w in ENGLISH]


def visible_text(page: str) -> str:
    """The text a user reads or hears: element text plus labels read out by screen readers."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"<!--.*?-->", " ", page, flags=re.S)
    spoken = re.findall(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(" ".join([text, *spoken]))


def english_in(page: str) -> list[str]:
    text = visible_text(page)
    return [word for word, pattern in _ENGLISH_RE if pattern.search(text)]


def _get(client, url: str, status: int = 200) -> str:
    with translation.override("nl"):
        response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _pages(programme) -> dict[str, str]:
    slug = programme.slug
    goal = OperationalGoal.objects.get(programme=programme, code="1a")
    qualitative = OperationalGoal.objects.get(programme=programme, code="1b")
    effort = Effort.objects.get(programme=programme, name="Evenementen")
    return {
        "programme list": reverse("programmes:list"),
        "programme": reverse("programmes:detail", args=[slug]),
        "strategic goal": reverse("programmes:strategic_goal", args=[slug, "1"]),
        "measurable goal": reverse("programmes:goal", args=[slug, "1a"]),
        "qualitative goal": reverse("programmes:goal", args=[slug, "1b"]),
        "effort": reverse("programmes:effort", args=[slug, effort.pk]),
        "goal form": reverse("programmes:element_edit", args=[slug, "doel", goal.pk]),
        "qualitative goal form": reverse(
            "programmes:element_edit", args=[slug, "doel", qualitative.pk]
        ),
        "new effort form": reverse("programmes:element_create", args=[slug, "inspanning"]),
        "delete goal": reverse("programmes:element_delete", args=[slug, "doel", goal.pk]),
        "history": reverse("programmes:history", args=[slug]),
    }


@pytest.mark.django_db
def test_pages_of_programme_staff_are_dutch(client, staff_user, programme):
    client.force_login(staff_user)
    found = {}
    for name, url in _pages(programme).items():
        page = _get(client, url)
        assert '<html lang="nl"' in page, name
        if words := english_in(page):
            found[name] = words
    assert not found, f"English on Dutch pages: {found}"


@pytest.mark.django_db
def test_pages_of_the_functional_administrator_are_dutch(client, admin_user, programme):
    client.force_login(admin_user)
    found = {}
    urls = {
        "people": reverse("programmes:people"),
        "partners": reverse("programmes:partners"),
        "new programme": reverse("programmes:create"),
        "programme form": reverse("programmes:edit", args=[programme.slug]),
        "history": reverse("programmes:history", args=[programme.slug]),
    }
    for name, url in urls.items():
        if words := english_in(_get(client, url)):
            found[name] = words
    assert not found, f"English on Dutch pages: {found}"


@pytest.mark.django_db
def test_dutch_words_on_the_pages(client, staff_user, programme):
    client.force_login(staff_user)
    pages = _pages(programme)
    detail = visible_text(_get(client, pages["programme"]))
    for words in ("Programma bewerken", "Geschiedenis", "Wie is wie", "Missie en visie"):
        assert words in detail
    assert "kwalitatief" in detail
    goal = visible_text(_get(client, pages["measurable goal"]))
    assert "Nulmeting" in goal and "Streefwaarde" in goal
    assert "toename met 7.000 bezoekers per week" in goal
    assert "Inspanning koppelen" in goal
    effort = visible_text(_get(client, pages["effort"]))
    assert "Doelen die deze inspanning dient" in effort and "Koppelen aan doel" in effort
    form = visible_text(_get(client, pages["goal form"]))
    assert "Opslaan" in form and "streefdatum" in form.lower()


@pytest.mark.django_db
def test_validation_message_is_dutch(client, staff_user, programme):
    client.force_login(staff_user)
    goal = OperationalGoal.objects.get(programme=programme, code="1a")
    url = reverse("programmes:element_edit", args=[programme.slug, "doel", goal.pk])
    with translation.override("nl"):
        response = client.post(
            url,
            {
                "strategic_goal": goal.strategic_goal.pk,
                "code": "1a",
                "statement": goal.statement,
                "kind": "meetbaar",
                "order": 1,
                "version": goal.version,
                "indicator_name": "Bezoekers per week",
                "indicator_baseline_value": "93000",
                "indicator_baseline_date": "2016-12-31",
                "indicator_baseline_date_precision": "dag",
                "indicator_target_kind": "toename",
                "indicator_target_value": "7000",
                "indicator_target_date": "2010-12-31",
                "indicator_target_date_precision": "dag",
            },
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert "De streefdatum moet na de datum van de nulmeting liggen." in visible_text(page)
    assert not english_in(page), english_in(page)


@pytest.mark.django_db
def test_log_in_and_error_pages_are_dutch(client, programme):
    found = {}
    login = _get(client, reverse("accounts:login"))
    assert "Inloggen" in visible_text(login)
    if words := english_in(login):
        found["log-in"] = words
    missing = _get(client, "/programmas/bestaat-niet/", status=302)  # log in first
    assert not english_in(missing)
    assert not found, f"English on Dutch pages: {found}"


@pytest.mark.django_db
def test_not_found_and_no_access_pages_are_dutch(client, outsider_user, programme):
    client.force_login(outsider_user)
    not_found = _get(client, "/programmas/bestaat-niet/", status=404)
    assert "Pagina niet gevonden" in visible_text(not_found)
    no_access = _get(client, reverse("programmes:detail", args=[programme.slug]), status=403)
    assert "Geen toegang" in visible_text(no_access)
    for page in (not_found, no_access):
        assert not english_in(page), english_in(page)
