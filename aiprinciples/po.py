"""Gettext PO export and import, so translators can use Poedit, Weblate or any CAT tool.

One entry per unit: msgctxt is the unit id, msgid the current English, msgstr the
translation. Outdated entries are `fuzzy`, with the English they translate as the
previous msgid. `#:` names the line to edit (the entry's `text:` in
translations/<lang>/, or the English in principles/ when there is no entry yet) and
the page where the unit is shown; `#.` says what the translator must know (official
text, the English's editorial note, placeholders). A `# ` translator comment is private
(CAT tools treat it so) unless it starts with `note:`: that one is the entry's published
`note:`, and export writes each note so.

The export is reproducible: its dates come from the corpus (the newest document's date,
and the last review recorded in the language), never from the clock, so an unchanged
corpus exports the same bytes and two exports differ only where the corpus did.

Import writes through translate.write, so export -> import of an unchanged PO changes
no byte. It refuses, writing nothing, a PO for another language, a PO it cannot read,
an unknown msgctxt, a changed official text and a line break in a translation; it
keeps out (and reports) fuzzy entries, entries made for an older English, and empty
translations that would blank a text. It names every note it adds, changes or removes,
and every private comment it keeps out of the corpus.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import polib

from aiprinciples.fingerprint import fingerprint
from aiprinciples.loader import UI_SOURCE, Loaded
from aiprinciples.messages import NAME_VARIABLES, parse, shape
from aiprinciples.model import Corpus, Translation
from aiprinciples.site.pages import lang_prefix, unit_location
from aiprinciples.translate import Refused, read_raw, translation_path, usable, write

# Export.

def export_po(root: Path, lang: str) -> str:
    loaded = usable(root, lang)
    return po_text(loaded.corpus, lang, english_lines(loaded), text_lines(loaded, lang))


def po_text(corpus: Corpus, lang: str, english_at: dict | None = None, text_at: dict | None = None) -> str:
    """The PO file of one language, from a loaded corpus.

    english_at maps unit id -> "principles/win.yaml:40", text_at maps unit id -> the line of
    its `text:`; without them the references name the files and entry lines the model knows.
    """
    po = polib.POFile(wrapwidth=0)
    po.header = HEADER_COMMENT.format(name=one_line(corpus.languages[lang]), lang=lang)
    po.metadata = headers(corpus, lang)
    for source, units in corpus.sources.items():
        translation = corpus.translations.get((lang, source))
        for unit_id, english in units.items():
            po.append(po_entry(corpus, lang, source, unit_id, english, translation, english_at or {}, text_at or {}))
    return str(po) + "\n"


def po_entry(corpus: Corpus, lang: str, source: str, unit_id: str, english: str, translation: Translation | None, english_at: dict, text_at: dict) -> polib.POEntry:
    entry = translation.entries.get(unit_id) if translation else None
    text = entry.text if entry else ""
    if UNCARRIED.search(text) or (entry and entry.note and UNCARRIED.search(entry.note)):
        raise ValueError(f"{lang}/{source}: {unit_id} holds a control or line-separator character that PO cannot carry; run `aiprinciples check` and fix it first")
    official = translation is not None and translation.is_official(unit_id)
    po_entry = polib.POEntry(msgctxt=unit_id, msgid=english, msgstr=text)
    po_entry.occurrences = references(corpus, lang, source, unit_id, translation, english_at, text_at)
    po_entry.comment = "\n".join(explanations(corpus, lang, source, unit_id, english, official))
    if entry is not None:
        po_entry.tcomment = f"{NOTE_MARKER} {entry.note}" if entry.note else ""
        if entry.fingerprint != fingerprint(english) and entry.text:
            po_entry.flags.append("fuzzy")
            po_entry.previous_msgid = entry.en
    if official:
        po_entry.flags.append("read-only")  # Weblate locks such entries; Poedit shows the `#.` line
    return po_entry


def headers(corpus: Corpus, lang: str) -> dict[str, str]:
    created = po_date(max(str(doc.meta["date"]) for doc in corpus.documents.values()))
    reviews = [e.reviewed_on for (code, _s), t in corpus.translations.items() if code == lang for e in t.entries.values() if e.reviewed_on]
    revised = max([created, *(po_date(str(day)) for day in reviews)])
    return {
        "Project-Id-Version": f"aiprinciples translations/{lang}",
        "Report-Msgid-Bugs-To": "the project's issue tracker (see CONTRIBUTING.md)",
        "POT-Creation-Date": created,
        "PO-Revision-Date": revised,
        "Last-Translator": f"see the history of translations/{lang}/",
        "Language-Team": f"{one_line(corpus.languages[lang])} (translations/{lang}/)",
        "Language": gettext_language(corpus.tag(lang)),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def one_line(text: str) -> str:
    """A value for a header line: no control character or line break can end the line early."""
    return " ".join(UNCARRIED.sub(" ", text).split())


def po_date(day: str) -> str:
    """A corpus date (2025-12-12) as gettext writes one: the English it reflects is from that day."""
    return f"{day[:10]} 00:00+0000"


def gettext_language(tag: str) -> str:
    """gettext names a variant ll_CC: the BCP 47 tag pt-BR is pt_BR."""
    return tag.replace("-", "_")


def references(corpus: Corpus, lang: str, source: str, unit_id: str, translation: Translation | None, english_at: dict, text_at: dict) -> list[tuple[str, str]]:
    """Where to edit the unit (file, line), then the page that shows it (a URL path, no line)."""
    entry = translation.entries.get(unit_id) if translation else None
    if entry is not None:
        out = [(translation.path, str(text_at.get(unit_id, entry.line)))]
    else:
        out = [tuple(english_at[unit_id].rsplit(":", 1))] if unit_id in english_at else [(english_file(corpus, source), "")]
    page = page_path(corpus, lang, source, unit_id)
    return out + ([(page, "")] if page else [])


def page_path(corpus: Corpus, lang: str, source: str, unit_id: str) -> str | None:
    """The unit's permanent place on the site, below the site's root: /fr/win/copyright/#win-1-3."""
    prefix = "/" + lang_prefix(corpus, lang)
    if source in corpus.documents:
        try:
            path, _anchor = unit_location(corpus, unit_id)
        except KeyError:  # title, introduction, closing: on the document's page
            path = f"{source}/"
        return f"{prefix}{path}#{unit_id}"
    if source == "themes":
        theme = corpus.themes.get(unit_id.split(".", 1)[0])
        return f"{prefix}themes/{theme.slug}/" if theme else None
    return None  # interface strings appear on many pages


def english_file(corpus: Corpus, source: str) -> str:
    if source in corpus.documents:
        return corpus.documents[source].path
    return "principles/themes.yaml" if source == "themes" else UI_SOURCE


def explanations(corpus: Corpus, lang: str, source: str, unit_id: str, english: str, official: bool) -> list[str]:
    """The `#.` lines: what a translator must know about this entry."""
    out = []
    if official:
        issuer = corpus.documents[source].short_name if source in corpus.documents else "its issuer"
        out.append(f"Official text of {issuer}: copy verbatim; do not translate. A change to it is refused on import.")
    doc = corpus.documents.get(source)
    if doc and unit_id in doc.notes:
        out.append(f"Editorial note on the English: {doc.notes[unit_id]}")
    if source == "ui":
        message, _problems = parse(unit_id, english)
        used = shape(message) if message is not None else None
        out.append("A Fluent message (see CONTRIBUTING.md, \"Interface messages\"): keep its { $variables }, give each plural the categories your language needs, keep every select variant.")
        if used and used.variables & set(NAME_VARIABLES) and corpus.name_forms(lang):
            out.append(f"NAME($document, form: \"…\") takes a grammatical form of the organisation's name from translations/{lang}/glossary.yaml (names:).")
    return [UNCARRIED.sub(" ", line) for line in out]


def english_lines(loaded: Loaded) -> dict[str, str]:
    """Unit id -> "file:line" of its English in principles/ or translations/en/ui.yaml."""
    out = {}
    for rel, data in loaded.data.items():
        if not isinstance(data, dict):
            continue
        for unit_id, path in _unit_paths(rel, data):
            out.setdefault(unit_id, f"{rel}:{loaded.line(rel, *path)}")
    return out


def _unit_paths(rel: str, data: dict):
    """(unit id, path inside the file) of every English text of one source file."""
    if rel == UI_SOURCE:
        yield from ((key, ("strings", key)) for key in data.get("strings", {}))
    elif rel == "principles/themes.yaml":
        for i, theme in enumerate(data.get("themes", [])):
            yield f"{theme['id']}.name", ("themes", i, "name")
            yield f"{theme['id']}.description", ("themes", i, "description")
    elif rel.startswith("principles/") and "principles" in data:
        yield f"{data['id']}-title", ("title",)
        if "subtitle" in data:
            yield f"{data['id']}-subtitle", ("subtitle",)
        for part in ("preamble", "closing"):
            yield from ((p["id"], (part, i, "text")) for i, p in enumerate(data[part]))
        for i, principle in enumerate(data["principles"]):
            yield principle["id"], ("principles", i, "title")
            yield from ((pt["id"], ("principles", i, "points", j, "text")) for j, pt in enumerate(principle["points"]))


def text_lines(loaded: Loaded, lang: str) -> dict[str, int]:
    """Unit id -> line of its `text:` in translations/<lang>/*.yaml."""
    out = {}
    for (code, _source), translation in loaded.corpus.translations.items():
        if code == lang:
            out.update((unit_id, loaded.line(translation.path, "entries", unit_id, "text")) for unit_id in translation.entries)
    return out


# Import.

def import_po(root: Path, lang: str, po_text: str, name: str = "the PO file") -> list[str]:
    """Write the PO's translations into translations/<lang>/, or refuse and write nothing.

    Returns notices: what was kept out and why (empty when every entry was taken).
    """
    loaded = usable(root, lang)
    corpus = loaded.corpus
    po = parse_po(po_text, name)
    check_language(po, corpus, lang, name)
    by_id = entries_by_id(po, corpus, name)
    refusals, kept_out, planned = [], {kind: [] for kind in NOTICES}, {}
    for source, units in corpus.sources.items():
        wanted = [u for u in units if u in by_id]
        if not wanted:
            continue
        data = current_data(loaded, lang, source, [by_id[u] for u in wanted], name, refusals)
        if data is None:
            continue
        translation = corpus.translations.get((lang, source))
        for unit_id in wanted:
            refusal = take(data, unit_id, units[unit_id], by_id[unit_id], translation, kept_out, name)
            if refusal:
                refusals.append(refusal)
        planned[source] = data
    if refusals:
        raise Refused("\n".join(refusals) + f"\nNothing was written. Correct {name} in your CAT tool, then import it again.")
    for source, data in planned.items():
        write(loaded, lang, source, data)
    return notices(kept_out)


def parse_po(text: str, name: str) -> polib.POFile:
    if "\n" not in text:  # polib would take a one-line string for a file name
        raise Refused(f"{name}: this is not a PO file (it has no entries). Export one with `aiprinciples export-po`.")
    try:
        return polib.pofile(text)
    except Exception as error:  # polib raises OSError, ValueError and others on malformed input: one line, never a traceback
        syntax = SYNTAX_ERROR.search(str(error))
        where = f"{name}:{syntax.group(1)}" if syntax else name
        reason = (syntax.group(2) or "syntax error") if syntax else " ".join(str(error).split()) or type(error).__name__
        raise Refused(f"{where}: cannot be read as a PO file ({reason}). Open and save it in your CAT tool (or check it with `msgfmt -c`), then import it again.\nNothing was written.") from None


def check_language(po: polib.POFile, corpus: Corpus, lang: str, name: str) -> None:
    declared = po.metadata.get("Language", "").strip()
    expected = gettext_language(corpus.tag(lang))
    if not declared:
        raise Refused(f"{name}: the PO file does not say its language (no Language header). Set it to {expected} in your CAT tool (Poedit: Translation > Properties), then import again.\nNothing was written.")
    if not same_language(declared, expected):
        raise Refused(f"{name}: the PO file is in {declared!r} (its Language header), not {expected}: importing it would put that language's texts into translations/{lang}/. Import it for its own language, or export a PO for {lang} with `aiprinciples export-po {lang}`.\nNothing was written.")


def same_language(declared: str, expected: str) -> bool:
    """fr_FR or fr for the site's fr; pt_BR or pt, never pt_PT, for the site's pt-BR: the variant counts where the corpus names one."""
    language, _, region = gettext_language(declared).lower().partition("_")
    want_language, _, want_region = expected.lower().partition("_")
    return language == want_language and (not region or not want_region or region == want_region)


def entries_by_id(po: polib.POFile, corpus: Corpus, name: str) -> dict[str, polib.POEntry]:
    known = {unit_id for units in corpus.sources.values() for unit_id in units}
    by_id, refusals = {}, []
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{name}:{entry.linenum}"
        if not entry.msgctxt:
            refusals.append(f"{where}: an entry has no msgctxt (the unit id), so it cannot be placed. Remove it, or restore its msgctxt from a fresh export.")
        elif entry.msgctxt not in known:
            refusals.append(f"{where}: msgctxt {entry.msgctxt!r} is not a unit of the corpus. Restore the id from a fresh export (`aiprinciples export-po`), or remove the entry.")
        elif entry.msgctxt in by_id:
            refusals.append(f"{where}: {entry.msgctxt} appears twice (also at line {by_id[entry.msgctxt].linenum}). Keep one.")
        else:
            by_id[entry.msgctxt] = entry
    if refusals:
        raise Refused("\n".join(refusals) + "\nNothing was written.")
    return by_id


def current_data(loaded: Loaded, lang: str, source: str, po_entries: list, name: str, refusals: list) -> dict | None:
    """The raw translation file to update, or None when there is nothing to take (a refusal is recorded)."""
    path = translation_path(loaded.root, lang, source)
    rel = path.relative_to(loaded.root).as_posix()
    if os.path.lexists(path):
        data = read_raw(path) if not path.is_symlink() else None
        if data is None or not isinstance(data.get("entries"), dict):
            refusals.append(f"{rel}: the file is a link or cannot be read, so no tool rewrites it. Run `aiprinciples check` to see why and fix it.")
            return None
        return data
    if any(e.msgstr.strip() for e in po_entries):
        refusals.append(f"{rel} does not exist yet: run `aiprinciples scaffold {lang}` first.")
    return None


def take(data: dict, unit_id: str, english: str, po_entry: polib.POEntry, translation: Translation | None, kept_out: dict, name: str) -> str | None:
    """Apply one PO entry to the raw file data; returns a refusal, or None."""
    where = f"{name}:{po_entry.linenum}: {unit_id}"
    current = data["entries"].get(unit_id, {}).get("text") or ""
    text = po_entry.msgstr
    # An interface message is Fluent, whose plurals and selects take a line per variant; every other text is one paragraph.
    if LINE_BREAK.search(text.replace("\n", " ") if data.get("source") == "ui" else text):
        return f"{where}: the translation has a line break; every text of the site is one paragraph. Join its lines with a space."
    if translation is not None and translation.is_official(unit_id) and text.strip() and text != current:
        return f"{where} is the issuer's official text, copied verbatim: it cannot be changed. Restore the text of a fresh export (the entry is marked read-only)."
    if "fuzzy" in po_entry.flags:
        kept_out["fuzzy"].append(unit_id)
        return None
    if po_entry.msgid != english:
        kept_out["stale"].append(unit_id)
        return None
    if not text.strip():
        if current.strip():
            kept_out["empty"].append(unit_id)
        return None
    entry = data["entries"].setdefault(unit_id, {"en": english, "fingerprint": fingerprint(english), "text": ""})
    entry["text"] = text  # a recorded review stays: the corpus shows it as "changed since the review"
    take_note(entry, unit_id, joined_comment(po_entry.tcomment), kept_out)
    # Not fuzzy (any more) on a translated entry: it now translates the current English, as after refresh.
    if entry["fingerprint"] != fingerprint(english):
        entry["en"], entry["fingerprint"] = english, fingerprint(english)
        for key in ("reviewed_by", "reviewed_on", "reviewed_fingerprint"):
            entry.pop(key, None)  # the review judged the text against an English that has changed
    return None


def take_note(entry: dict, unit_id: str, comment: str, kept_out: dict) -> None:
    """The entry's published note from a comment marked `note:`; any other comment stays private.

    A comment without the marker is the translator's own (CAT tools keep such comments
    private): it never reaches the site, and the note the entry has stays as it is. No comment
    at all, or `note:` with nothing after it, removes the note. Every change is recorded.
    """
    before = entry.get("note") or None
    if comment and not comment.startswith(NOTE_MARKER):
        kept_out["private"].append(unit_id)
        return
    after = comment[len(NOTE_MARKER):].strip() or None if comment else None
    if after == before:
        return
    entry["note"] = after
    kept_out["note-removed" if after is None else "note-added" if before is None else "note-changed"].append(unit_id)


def joined_comment(comment: str) -> str:
    """A translator comment back as one note: tools re-wrap long comments over several `# ` lines.

    A note never holds a line break, so the lines are joined with one space each; a tool
    breaks lines at a space, so this restores the note exactly.
    """
    return " ".join(line.strip() for line in comment.split("\n") if line.strip())


def notices(kept_out: dict) -> list[str]:
    out = []
    for kind, ids in kept_out.items():
        if ids:
            count = f"{len(ids)} {'entry' if len(ids) == 1 else 'entries'}"
            listed = ", ".join(ids) if kind in EVERY_ID else _listed(ids)  # what reaches the site is named in full
            out.append(NOTICES[kind].format(count=count, ids=listed, notes=f"{len(ids)} {'note' if len(ids) == 1 else 'notes'}"))
    return out


def _listed(ids: list[str]) -> str:
    return ", ".join(ids[:8]) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")


# Constant data.
# Characters PO files cannot carry (Python and gettext split lines on some of them).
UNCARRIED = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")  # keeps \t and \n; refuses \r and the rest
HEADER_COMMENT = """{name} ({lang}) translation of the principles for generative AI and of the site.
Written by `aiprinciples export-po {lang}`; read back by `aiprinciples import-po {lang} FILE`.
msgctxt is the unit id; #: names the line to edit and the page that shows the unit.
A translator comment (# ) is private unless it starts with "note:": that one is published as the entry's note."""
SYNTAX_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.+))?")  # polib: "Syntax error in po file (line 3): unescaped double quote found"
LINE_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
NOTE_MARKER = "note:"  # a translator comment that starts with it is published as the entry's note (CONTRIBUTING.md)
EVERY_ID = ("note-added", "note-changed", "note-removed", "private")
NOTICES = {
    "note-added": "{notes} added, published on the site beside the text: {ids}",
    "note-changed": "{notes} changed: {ids}",
    "note-removed": "{notes} removed (the comment is gone, or `note:` has nothing after it): {ids}",
    "private": "{count} with a translator comment kept private, out of the corpus and the site ({ids}): it stays in your PO file only. To publish a comment as the entry's note, start it with `note:`.",
    "fuzzy": "{count} fuzzy, not imported ({ids}): they keep their current text. Finish them in your CAT tool, clear 'fuzzy' (Poedit: Needs work), and import again.",
    "stale": "{count} translated an older English, not imported ({ids}): export a new PO, carry your translations over (Poedit: Catalog > Update from POT file), and import again.",
    "empty": "{count} with an empty translation left as they were ({ids}): an import never empties a text. To withdraw one, edit its file and say why in the pull request.",
}
