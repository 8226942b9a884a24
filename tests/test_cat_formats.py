"""CAT-tool formats: the PO file a translator opens in Poedit or Weblate, and the TBX and TMX exports.

GNU gettext (msgfmt, msgcat) judges the PO files: without it these tests fail in CI and are
skipped locally with the reason (`apt-get install gettext`).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import polib
import pytest
from lxml import etree
from translate.storage import po as toolkit_po
from translate.storage import tbx, tmx

from aiprinciples.exchange import export_tbx, export_tmx
from aiprinciples.fingerprint import fingerprint
from aiprinciples.loader import load_corpus
from aiprinciples.po import export_po, import_po
from aiprinciples.translate import Refused, fmt, read_raw, review
from aiprinciples.writer import dump_translation, quote
from tests.cli import run_cli
from tests.conftest import ROOT
from tests.corpus import CORPUS, DEFAULT, PROJECT

LANGUAGES = [code for code in CORPUS.languages if code != DEFAULT]  # drafts too: their translators use the same tools
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def gettext(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} (GNU gettext) is missing: `apt-get install gettext`"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--root", str(project), *args)


def corpus_files(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / "translations").rglob("*.yaml"))}


def edited(po_text: str, unit_id: str, **changes) -> str:
    """The PO with one entry changed as a CAT tool would (msgstr, flags, tcomment...)."""
    po = polib.pofile(po_text)
    entry = next(e for e in po if e.msgctxt == unit_id)
    for name, value in changes.items():
        setattr(entry, name, value)
    return str(po)


def set_raw(project: Path, lang: str, source: str, change) -> None:
    """Change a translation file's raw data in place, in the canonical layout."""
    rel = project / "translations" / lang / f"{source}.yaml"
    data = read_raw(rel)
    change(data)
    corpus = load_corpus(project).corpus
    rel.write_text(dump_translation(data, corpus.languages[lang], list(corpus.sources[source])), encoding="utf-8")


# PO export: what gettext and the CAT tools read.

@pytest.mark.languages
@pytest.mark.parametrize("lang", LANGUAGES)
def test_export_passes_msgfmt_check_with_no_warning(lang, tmp_path):
    path = tmp_path / f"{lang}.po"
    path.write_text(export_po(PROJECT, lang), encoding="utf-8")
    result = subprocess.run([gettext("msgfmt"), "-c", "--check-format", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_interface_messages_travel_as_fluent_and_the_checker_judges_them_on_import(project):
    es = polib.pofile(export_po(project, "es"))
    count = next(e for e in es if e.msgctxt == "doc_counts")
    assert "{ $points ->" in count.msgid and "{ $points ->" in count.msgstr and "Fluent message" in count.comment
    fr = polib.pofile(export_po(project, "fr"))
    heading = next(e for e in fr if e.msgctxt == "theme_points_in")  # French writes NAME($document, form: "de")
    assert 'NAME($document, form: "de")' in heading.msgstr and "glossary.yaml (names:)" in heading.comment
    count.msgstr = count.msgstr.replace("$points", "$puntos")
    import_po(project, "es", str(es))
    found = [(p.path, p.rule) for p in __import__("aiprinciples.checks", fromlist=["check"]).check(project)]
    assert ("translations/es/ui.yaml", "message-variables") in found


def test_headers_name_the_language_as_gettext_does_and_take_their_dates_from_the_corpus(project):
    pt = polib.pofile(export_po(project, "pt")).metadata
    assert pt["Language"] == "pt_BR" and polib.pofile(export_po(project, "fr")).metadata["Language"] == "fr"
    newest = max(str(doc.meta["date"]) for doc in load_corpus(project).corpus.documents.values())
    assert pt["POT-Creation-Date"] == pt["PO-Revision-Date"] == f"{newest} 00:00+0000"
    for field in ("Project-Id-Version", "Report-Msgid-Bugs-To", "Last-Translator", "Language-Team"):
        assert pt[field].strip()
    review(project, "pt", ["win-1-1"], "Ada Reviewer", today=__import__("datetime").date(2031, 2, 3))
    assert polib.pofile(export_po(project, "pt")).metadata["PO-Revision-Date"] == "2031-02-03 00:00+0000"


def test_an_unchanged_corpus_exports_the_same_bytes_wherever_it_lives(project):
    for export in (export_po, export_tbx, export_tmx):
        assert export(project, "pt") == export(PROJECT, "pt") == export(project, "pt")


def test_references_point_at_the_line_to_edit_and_the_page(project):
    entry = next(e for e in polib.pofile(export_po(project, "fr")) if e.msgctxt == "win-1-3")
    (file, line), (page, no_line) = entry.occurrences
    assert file == "translations/fr/win.yaml" and no_line == ""
    assert (project / file).read_text(encoding="utf-8").split("\n")[int(line) - 1] == f"    text: {quote(entry.msgstr)}"
    assert page == "/fr/win/copyright/#win-1-3"
    assert "/fr/win/copyright/#win-1-3" in (ROOT / "tests" / "permalinks.txt").read_text(encoding="utf-8").split("\n")


def test_a_unit_without_entry_points_at_its_english(project):
    set_raw(project, "fr", "win", lambda data: data["entries"].pop("win-1-3"))
    entry = next(e for e in polib.pofile(export_po(project, "fr")) if e.msgctxt == "win-1-3")
    file, line = entry.occurrences[0]
    assert file == "principles/win.yaml" and entry.msgstr == ""
    assert quote(entry.msgid) in (project / file).read_text(encoding="utf-8").split("\n")[int(line) - 1]


def test_official_entries_are_marked_for_cat_tools():
    po = polib.pofile(export_po(PROJECT, "ko"))
    corpus = CORPUS
    win = [e for e in po if e.occurrences[0][0] == "translations/ko/win.yaml" and e.msgctxt in corpus.documents["win"].units()]
    assert len(win) == len(corpus.documents["win"].units())
    notes = [e for e in po if e.occurrences[0][0] == "translations/ko/win.yaml" and e.msgctxt not in corpus.documents["win"].units()]
    assert notes and all("read-only" not in e.flags for e in notes)  # a note on the English is this site's text, to translate
    for entry in win:
        assert "read-only" in entry.flags and entry.comment.startswith("Official text of WIN: copy verbatim; do not translate")
    assert not any("read-only" in e.flags for e in po if e not in win)


def test_the_english_editorial_note_is_an_extracted_comment():
    doc = CORPUS.documents["win"]
    unit_id, note = next(iter(doc.notes.items()))
    entry = next(e for e in polib.pofile(export_po(PROJECT, "fr")) if e.msgctxt == unit_id)
    assert f"Editorial note on the English: {note}" in entry.comment.split("\n")


# PO import: a round trip through any tool changes no byte.

def rewrap_msgcat(path: Path) -> None:
    subprocess.run([gettext("msgcat"), "-w", "79", str(path), "-o", str(path)], check=True)


def rewrite_toolkit(path: Path) -> None:
    store = toolkit_po.pofile.parsestring(path.read_bytes())
    out = io.BytesIO()
    store.serialize(out)
    path.write_bytes(out.getvalue())


def rewrap_comments(path: Path) -> None:
    """A tool that re-wraps translator comments (# ...) at 40 columns."""
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("# ") and len(line) > 40:
            lines += ["# " + part for part in textwrap.wrap(line[2:], 38, break_long_words=False, break_on_hyphens=False)]
        else:
            lines.append(line)
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("rewrite", [pytest.param(None, marks=pytest.mark.languages), rewrap_msgcat, rewrite_toolkit, rewrap_comments], ids=["as-exported", "msgcat-w79", "translate-toolkit", "rewrapped-comments"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unchanged_round_trip_changes_no_byte(project, lang, rewrite, tmp_path):
    fmt(project)  # a text edited by hand gets its tool-written fields from the first tool that writes the file
    before = corpus_files(project)
    path = tmp_path / f"{lang}.po"
    path.write_text(export_po(project, lang), encoding="utf-8")
    if rewrite:
        rewrite(path)
        assert path.read_text(encoding="utf-8") != export_po(project, lang)  # the tool did change the file
    assert import_po(project, lang, path.read_text(encoding="utf-8"), path.name) == []
    assert corpus_files(project) == before


def test_a_long_note_rewrapped_over_several_lines_is_joined_back(project):
    note = "Une note de traducteur assez longue pour qu’un outil la coupe sur plusieurs lignes, et qui doit revenir entière."
    po = edited(export_po(project, "fr"), "win-1-1", tcomment="\n".join(textwrap.wrap(f"note: {note}", 30)))
    assert import_po(project, "fr", po) == ["1 note added, published on the site beside the text: win-1-1"]
    assert load_corpus(project).corpus.translations[("fr", "win")].entries["win-1-1"].note == note


# Translator comments: private unless marked `note:` (CAT tools treat `# ` comments as the translator's own).

PRIVATE = "Vérifier « rémunération équitable » avec le glossaire"


def test_a_translator_comment_stays_private_and_is_said_so(project):
    po = edited(export_po(project, "fr"), "win-1-2", tcomment=PRIVATE)
    result = run_import(project, "fr", po)
    assert result.returncode == 0, result.stderr
    assert "1 entry with a translator comment kept private, out of the corpus and the site (win-1-2)" in result.stderr and "start it with `note:`" in result.stderr
    assert not any(PRIVATE in text.decode("utf-8") for text in corpus_files(project).values())
    assert load_corpus(project).corpus.translations[("fr", "win")].entries["win-1-2"].note is None


def test_a_comment_marked_note_is_published_and_every_note_change_is_listed(project):
    po = polib.pofile(export_po(project, "fr"))
    noted = [e for e in po if e.tcomment.startswith("note: ")]
    assert noted and all(e.msgctxt and e.tcomment for e in noted)  # export writes each note with the marker
    changes = {"win-1-2": "note: Le glossaire prescrit « rémunération équitable ».", "win-1-3": "note: Seconde note.", noted[0].msgctxt: ""}
    for entry in po:
        if entry.msgctxt in changes:
            entry.tcomment = changes[entry.msgctxt]
    result = run_import(project, "fr", str(po))
    assert result.returncode == 0, result.stderr
    assert "2 notes added, published on the site beside the text: win-1-2, win-1-3" in result.stderr
    assert f"1 note removed (the comment is gone, or `note:` has nothing after it): {noted[0].msgctxt}" in result.stderr
    entries = {unit_id: e for (lang, _source), t in load_corpus(project).corpus.translations.items() if lang == "fr" for unit_id, e in t.entries.items()}
    assert entries["win-1-2"].note == "Le glossaire prescrit « rémunération équitable »." and entries[noted[0].msgctxt].note is None
    changed = edited(export_po(project, "fr"), "win-1-3", tcomment="note: Seconde note, corrigée.")
    assert import_po(project, "fr", changed) == ["1 note changed: win-1-3"]


def test_an_edited_text_is_imported_and_shown_as_changed_since_its_review(project):
    review(project, "fr", ["win-1-1"], "Ada Reviewer")
    po = edited(export_po(project, "fr"), "win-1-1", msgstr="Nouveau texte.")
    assert run_import(project, "fr", po).returncode == 0
    entry = load_corpus(project).corpus.translations[("fr", "win")].entries["win-1-1"]
    assert (entry.text, entry.review_state) == ("Nouveau texte.", "changed")
    unit = next(u for u in tmx.tmxfile.parsestring(export_tmx(project, "fr")).units if u.getid() == "win-1-1")
    assert "; the text changed since</prop>" in str(unit)


def run_import(project: Path, lang: str, po_text: str, name: str = "mine.po") -> subprocess.CompletedProcess:
    path = project.parent / name
    path.write_text(po_text, encoding="utf-8")
    return run(project, "import-po", lang, str(path))


# PO import: refusals. Nothing is written, the message names the file and the entry.

def refused(project: Path, lang: str, po_text: str, *expected: str) -> str:
    before = corpus_files(project)
    result = run_import(project, lang, po_text)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    for text in ("mine.po", "Nothing was written", *expected):
        assert text in result.stderr, (text, result.stderr)
    assert corpus_files(project) == before
    with pytest.raises(Refused):
        import_po(project, lang, po_text)
    assert corpus_files(project) == before
    return result.stderr


def test_a_po_for_another_language_is_refused(project):
    message = refused(project, "es", export_po(project, "pt"), "'pt_BR'", "translations/es/")
    assert "export-po es" in message


def test_a_po_that_does_not_say_its_language_is_refused(project):
    po = polib.pofile(export_po(project, "fr"))
    del po.metadata["Language"]
    refused(project, "fr", str(po), "no Language header")


@pytest.mark.parametrize(("lang", "declared", "accepted"), [("fr", "fr", True), ("fr", "fr_FR", True), ("fr", "FR", True), ("pt", "pt", True), ("pt", "pt-BR", True), ("pt", "pt_PT", False), ("es", "pt", False)])
def test_the_language_is_compared_as_gettext_writes_it(project, lang, declared, accepted):
    po = polib.pofile(export_po(project, lang))
    po.metadata["Language"] = declared
    before = corpus_files(project)
    if accepted:
        assert import_po(project, lang, str(po)) == []
    else:
        with pytest.raises(Refused, match=declared):
            import_po(project, lang, str(po))
    assert corpus_files(project) == before


def test_a_changed_official_text_is_refused(project):
    po = edited(export_po(project, "ko"), "win-1-1", msgstr="고친 번역.")
    line = next(e.linenum for e in polib.pofile(po) if e.msgctxt == "win-1-1")
    refused(project, "ko", po, f"mine.po:{line}: win-1-1", "official")


def test_a_changed_official_entry_in_a_project_file_is_refused(project):
    def make_official(data):
        data["entries"]["aie-1-1"].update(status="official", source_file="aie-principles.es.txt")

    set_raw(project, "es", "aie", make_official)
    refused(project, "es", edited(export_po(project, "es"), "aie-1-1", msgstr="Otro texto."), "aie-1-1", "official")


@pytest.mark.parametrize("text", ["Première ligne.\nSeconde ligne.", "Un texte\r\nsur deux lignes."])
def test_a_line_break_in_a_translation_is_refused_by_name(project, text):
    message = refused(project, "fr", edited(export_po(project, "fr"), "win-1-1", msgstr=text), "win-1-1", "line break")
    assert "U+000A" not in message


def test_a_refusal_anywhere_keeps_every_other_change_out(project):
    po = edited(edited(export_po(project, "fr"), "win-1-2", msgstr="Un changement valable."), "win-1-1", msgstr="Deux\nlignes.")
    refused(project, "fr", po, "win-1-1")


@pytest.mark.parametrize("garbage", ['msgid "unterminated\nmsgstr "x"\n', 'msgctxt "a"\nmsgctxt "b"\n\n\n', "this is not a PO file", "\x00\x01binary\n"])
def test_a_po_that_cannot_be_parsed_is_refused_in_one_line(project, garbage):
    result = run_import(project, "fr", garbage)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "mine.po" in result.stderr
    assert len(result.stderr.strip().split("\n")) <= 2


def test_an_unknown_msgctxt_is_refused(project):
    refused(project, "fr", edited(export_po(project, "fr"), "win-1-1", msgctxt="win-99-1"), "win-99-1", "not a unit")


def test_fuzzy_entries_are_kept_out_and_keep_their_current_text(project):
    win = project / "principles" / "win.yaml"
    win.write_text(win.read_text(encoding="utf-8").replace("Creativity is inherently human", "Creativity is inherently and wholly human"), encoding="utf-8")
    po = polib.pofile(export_po(project, "fr"))
    outdated = next(e for e in po if e.msgctxt == "win-2-1")
    assert "fuzzy" in outdated.flags
    outdated.msgstr = "Une mise à jour pas encore relue."  # still fuzzy: work in progress
    current = next(e for e in po if e.msgctxt == "win-1-1")
    current.msgstr, current.flags = "Un brouillon.", ["fuzzy"]
    before = corpus_files(project)
    result = run_import(project, "fr", str(po))
    assert result.returncode == 0 and "2 entries fuzzy, not imported (win-1-1, win-2-1): they keep their current text." in result.stderr
    assert corpus_files(project) == before
    entry = load_corpus(project).corpus.translations[("fr", "win")].entries["win-2-1"]
    assert entry.fingerprint != fingerprint("Creativity is inherently and wholly human and is at the heart of all great music and other art.")


def test_an_empty_translation_never_blanks_a_text(project):
    before = corpus_files(project)
    result = run_import(project, "fr", edited(export_po(project, "fr"), "win-1-1", msgstr=""))
    assert result.returncode == 0 and "1 entry with an empty translation left as they were (win-1-1)" in result.stderr
    assert corpus_files(project) == before


def test_an_import_leaves_a_file_edited_by_hand_as_it_is(project):
    """A translator's hand edit leaves the tools' text fingerprint behind; importing a PO that changes nothing
    in that file must not rewrite it (a pull request would then carry changes its author never made)."""
    ui = project / "translations" / "fr" / "ui.yaml"
    text = ui.read_text(encoding="utf-8")
    edited_by_hand = text.replace('text: "Principes sur la musique', 'text: "Édité à la main : Principes sur la musique', 1)
    assert edited_by_hand != text
    ui.write_text(edited_by_hand, encoding="utf-8")
    before = corpus_files(project)
    result = run_import(project, "fr", edited(export_po(project, "fr"), "win-1-1", msgstr=""))
    assert result.returncode == 0, result.stderr
    assert corpus_files(project) == before


def test_a_translation_of_an_older_english_is_kept_out(project):
    po = edited(export_po(project, "fr"), "win-1-1", msgid="An older English.", msgstr="Une traduction d’un ancien anglais.")
    before = corpus_files(project)
    assert import_po(project, "fr", po) == ["1 entry translated an older English, not imported (win-1-1): export a new PO, carry your translations over (Poedit: Catalog > Update from POT file), and import again."]
    assert corpus_files(project) == before


def test_import_writes_nothing_through_a_link(project):
    target = project / "translations" / "fr" / "win.yaml"
    moved = project.parent / "elsewhere.yaml"
    target.rename(moved)
    target.symlink_to(moved)
    po = edited(export_po(PROJECT, "fr"), "win-1-1", msgstr="Par un lien.")
    result = run_import(project, "fr", po)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Par un lien" not in moved.read_text(encoding="utf-8")


# TBX and TMX.

TBX_RNG = ROOT / "tests" / "fixtures" / "tbx" / "TBXcoreStructV03_TBX-Basic_integrated.rng"
TBX_NS = {"tbx": "urn:iso:std:iso:30042:ed-2"}
# The co-constraints of TBX-Basic_DCA.sch (LTAC-Global/TBX-Basic_dialect, see tests/fixtures/tbx/README.md)
# that apply to what export-tbx writes, in XPath 1.0 (lxml runs Schematron's XSLT 1 binding only; the
# published file uses XPath 2): (pattern, XPath of the offending nodes).
TBX_BASIC_RULES = [
    ("coreEnforecement: any termNote only at the termSec level", "//tbx:termNote[not(parent::tbx:termSec or parent::tbx:termNoteGrp/parent::tbx:termSec)]"),
    ("coreEnforecement: a declared data category", "//tbx:*[@type and @type='']"),
    ("dialectEnforcement: type TBX-Basic, style dca", "/tbx:tbx[not(@type='TBX-Basic' and @style='dca')]"),
    ("dialectEnforcement: no DCT (foreign-namespace) element", "//*[namespace-uri() != 'urn:iso:std:iso:30042:ed-2']"),
    ("module.min.termNote: administrativeStatus values", "//tbx:termNote[@type='administrativeStatus'][not(.='admittedTerm-admn-sts' or .='deprecatedTerm-admn-sts' or .='supersededTerm-admn-sts' or .='preferredTerm-admn-sts')]"),
    ("module.basic.admin: source at conceptEntry, langSec or termSec", "//tbx:admin[@type='source'][not(parent::tbx:conceptEntry or parent::tbx:langSec or parent::tbx:termSec or parent::tbx:descripGrp)]"),
    ("module.basic.descrip: definition at conceptEntry or langSec", "//tbx:descrip[@type='definition'][not(parent::tbx:conceptEntry or parent::tbx:langSec)]"),
]


def tbx_basic_problems(text: str) -> list[str]:
    """Everything the TBX-Basic grammar and the dialect's rules refuse in a file ([] when it is valid)."""
    document = etree.fromstring(text.encode("utf-8"))
    grammar = etree.RelaxNG(etree.parse(str(TBX_RNG)))
    problems = [f"line {e.line}: {e.message}" for e in grammar.error_log] if not grammar.validate(document) else []
    return problems + [f"{rule}: {etree.tostring(node)[:80]!r}" for rule, xpath in TBX_BASIC_RULES for node in document.xpath(xpath, namespaces=TBX_NS)]


@pytest.mark.languages
@pytest.mark.parametrize("lang", LANGUAGES)
def test_tbx_basic_is_valid_and_holds_every_decided_glossary_term(lang):
    corpus = CORPUS
    glossary = corpus.glossaries[lang]
    terms = [t for t in glossary["terms"] if t["term"].strip()]
    if not terms and not corpus.name_forms(lang):  # a draft's seeded glossary: nothing decided yet
        with pytest.raises(Refused, match="no term decided yet"):
            export_tbx(PROJECT, lang)
        return
    text = export_tbx(PROJECT, lang)
    assert tbx_basic_problems(text) == []
    root = etree.fromstring(text.encode("utf-8"))
    assert (root.tag, root.get("type"), root.get("style"), root.get(XML_LANG)) == ("{urn:iso:std:iso:30042:ed-2}tbx", "TBX-Basic", "dca", "en")
    concepts = root.findall(".//tbx:conceptEntry", TBX_NS)
    assert len(concepts) == len(terms) + len(corpus.name_forms(lang)) and len({c.get("id") for c in concepts}) == len(concepts)
    for term, concept in zip(terms, concepts, strict=False):
        english, target = concept.findall("tbx:langSec", TBX_NS)
        assert (english.get(XML_LANG), target.get(XML_LANG)) == ("en", corpus.tag(lang))
        assert [t.text for t in english.iterfind(".//tbx:term", TBX_NS)] == list(dict.fromkeys([term["en"], *term.get("en_forms", [])]))
        assert [t.text for t in target.iterfind(".//tbx:term", TBX_NS)] == list(dict.fromkeys([term["term"], *term.get("variants", [])]))
        statuses = [n.text for n in target.iterfind(".//tbx:termNote[@type='administrativeStatus']", TBX_NS)]
        assert statuses[0] == "preferredTerm-admn-sts" and set(statuses[1:]) <= {"admittedTerm-admn-sts"}
        assert [n.text for n in target.iterfind(".//tbx:note", TBX_NS)] == ([term["note"]] if term.get("note") else [])
        assert [n.text for n in target.iterfind(".//tbx:admin[@type='source']", TBX_NS)] == ([term["source"]] if term.get("source") else [])


def test_the_tbx_basic_check_is_not_vacuous():
    valid = export_tbx(PROJECT, "fr")
    assert tbx_basic_problems(valid) == []
    broken = {
        "a TBX 2008 file": export_tbx(PROJECT, "fr", "tbx-2008"),
        "a termNote outside termSec": valid.replace("<langSec xml:lang=\"fr\">", '<langSec xml:lang="fr"><termNote type="termType">variant</termNote>', 1),
        "a status TBX-Basic lacks": valid.replace("admittedTerm-admn-sts", "okayTerm", 1),
        "a data category TBX-Basic lacks": valid.replace('<admin type="source">', '<admin type="origin">', 1),
        "another dialect": valid.replace('type="TBX-Basic"', 'type="TBX-Min"', 1),
    }
    assert [name for name, text in broken.items() if not tbx_basic_problems(text)] == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_tbx_2008_is_read_by_translate_toolkit_with_every_decided_term(lang):
    corpus = CORPUS
    terms = [t for t in corpus.glossaries[lang]["terms"] if t["term"].strip()]
    if not terms and not corpus.name_forms(lang):
        return  # refused, as for TBX-Basic
    text = export_tbx(PROJECT, lang, "tbx-2008")
    root = etree.fromstring(text.encode("utf-8"))
    assert (root.tag, root.get("type")) == ("martif", "TBX") and not root.xpath("//note[@from]")  # the core DTD declares no `from`
    units = tbx.tbxfile.parsestring(text).units
    assert len(units) == len(terms) + len(corpus.name_forms(lang))
    for term, unit in zip(terms, units, strict=False):
        assert [t.text for t in unit.get_source_terms()] == [term["en"], *term.get("en_forms", [])]
        assert [t.text for t in unit.get_target_terms(corpus.tag(lang))] == [term["term"], *term.get("variants", [])]
        if term.get("note"):
            assert term["note"] in unit.getnotes()
    for name, forms in corpus.name_forms(lang).items():
        unit = next(u for u in units if u.getid() == f"name-{name.lower()}")
        assert all(form in unit.getnotes() for form in forms.values())


def test_a_seeded_glossary_without_a_decided_term_is_refused_and_then_exports_what_is_decided(project):
    from tests.corpus import NEW_LANGUAGE, NEW_LANGUAGE_NAME

    assert run(project, "scaffold", NEW_LANGUAGE, "--name", NEW_LANGUAGE_NAME, "--method", "human").returncode == 0
    refused = run(project, "export-tbx", NEW_LANGUAGE)
    assert refused.returncode == 1 and "no term decided yet" in refused.stderr and "Traceback" not in refused.stderr
    glossary = project / "translations" / NEW_LANGUAGE / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace('term: ""', 'term: "Urheberrecht"', 1), encoding="utf-8")
    text = run(project, "export-tbx", NEW_LANGUAGE).stdout
    assert tbx_basic_problems(text) == [] and text.count("<conceptEntry") == 1 and "<term>Urheberrecht</term>" in text


@pytest.mark.languages
@pytest.mark.parametrize("lang", LANGUAGES)
def test_tmx_aligns_every_translated_unit_with_its_english(lang):
    corpus = CORPUS
    text = export_tmx(PROJECT, lang)
    root = etree.fromstring(text.encode("utf-8"))
    assert (root.tag, root.get("version"), root.find("header").get("srclang")) == ("tmx", "1.4", "en")
    for tu in root.iter("tu"):
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["en", corpus.tag(lang)]
        assert [child.tag for child in tu][-2:] == ["tuv", "tuv"]  # TMX order: note, prop, tuv
    expected = {
        unit_id: (entry, translation)
        for (code, source), translation in corpus.translations.items() if code == lang
        for unit_id, entry in translation.entries.items() if entry.text.strip() and unit_id in corpus.sources[source]
    }
    units = tmx.tmxfile.parsestring(text).units
    assert sorted(u.getid() for u in units) == sorted(expected)  # one TU per translated unit
    for unit in units:
        entry, translation = expected[unit.getid()]
        assert (unit.source, unit.gettarget(corpus.tag(lang)), unit.getcontext()) == (entry.en, entry.text, unit.getid())
        props = {p.get("type"): p.text for p in unit.xmlelement.findall("prop")}
        official = translation.is_official(unit.getid())
        assert props["x-provenance"] == ("official" if official else "project translation")
        assert props["x-method"] == ("official" if official else translation.method)
        assert props["x-review"].startswith("official" if official else ("reviewed by" if entry.reviewed_by else "not reviewed"))
        assert props["x-file"] == translation.path


def test_tmx_marks_an_outdated_translation_and_keeps_the_english_it_translates(project):
    win = project / "principles" / "win.yaml"
    win.write_text(win.read_text(encoding="utf-8").replace("Creativity is inherently human", "Creativity is always human"), encoding="utf-8")
    unit = next(u for u in tmx.tmxfile.parsestring(export_tmx(project, "fr")).units if u.getid() == "win-2-1")
    assert unit.source.startswith("Creativity is inherently human")
    assert re.search(r'<prop type="x-state">outdated', str(unit))


# Commands: exports never replace a file unless asked.

@pytest.mark.parametrize("command", ["export-po", "export-tbx", "export-tmx"])
def test_an_export_never_replaces_a_file_unless_forced(project, command):
    output = project.parent / "out.file"
    output.write_text("a translator's work", encoding="utf-8")
    result = run(project, command, "fr", "-o", str(output))
    assert result.returncode == 1 and "--force" in result.stderr and "Traceback" not in result.stderr
    assert output.read_text(encoding="utf-8") == "a translator's work"
    assert run(project, command, "fr", "-o", str(output), "--force").returncode == 0
    assert output.read_text(encoding="utf-8") == {"export-po": export_po, "export-tbx": export_tbx, "export-tmx": export_tmx}[command](project, "fr")


@pytest.mark.parametrize("command", ["export-po", "export-tbx", "export-tmx"])
def test_an_unknown_language_is_refused(project, command):
    result = run(project, command, "xx")
    assert result.returncode == 1 and "unknown language 'xx'" in result.stderr and "Traceback" not in result.stderr
