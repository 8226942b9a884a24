"""Cross-file rules over a loaded corpus. Each validator yields Problems; check() runs them all."""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from aiprinciples.docs_check import check_docs
from aiprinciples.fingerprint import fingerprint
from aiprinciples.inputs import list_folder, read_input, walk_folder
from aiprinciples.loader import LANGUAGES_FILE, SOURCES, THEMES_FILE, TRANSLATIONS, UI_SOURCE, Loaded, load_corpus
from aiprinciples.locales import babel_locale
from aiprinciples.memo import LruMemo
from aiprinciples.messages import english_findings, prose
from aiprinciples.messages import findings as message_findings
from aiprinciples.model import is_note_unit
from aiprinciples.problems import Problem
from aiprinciples.qa import check_note_recommendations, check_translation_qa
from aiprinciples.site.pages import page_specs
from aiprinciples.site.placeholders import check_placeholders
from aiprinciples.site.reserved import generated_roots
from aiprinciples.text_rules import spaced_key, text_findings
from aiprinciples.writer import dump_translation, layout_difference


def check(root: str | Path) -> list[Problem]:
    """Every problem of the corpus at `root`, sorted by file and line."""
    return check_loaded(load_corpus(root))


def check_loaded(loaded: Loaded) -> list[Problem]:
    """Every problem of an already loaded corpus (file-level and cross-file), sorted."""
    problems = list(loaded.problems)
    if loaded.corpus is not None:
        for validator in VALIDATORS:
            problems.extend(validator(loaded))
    return sorted(set(problems))


def check_ids(loaded: Loaded) -> Iterator[Problem]:
    """Ids and aliases are unique across documents and carry their document's prefix."""
    seen: dict[str, str] = {}
    for doc in loaded.corpus.documents.values():
        data, rel = loaded.data[doc.path], doc.path
        for path, unit_id in _ids_with_paths(data):
            line = loaded.line(rel, *path)
            if not unit_id.startswith(f"{doc.id}-"):
                yield Problem(rel, line, "id-prefix", f"id {unit_id!r} does not start with {doc.id + '-'!r}", f"Ids of this document start with {doc.id}-")
            if unit_id in seen:
                yield Problem(rel, line, "duplicate-id", f"id {unit_id!r} is used twice (also in {seen[unit_id]})", "Give it a new id; never reuse a published id")
            seen[unit_id] = rel
        slugs = Counter(p.slug for p in doc.principles)
        for index, principle in enumerate(doc.principles):
            if slugs[principle.slug] > 1:
                yield Problem(rel, loaded.line(rel, "principles", index, "slug"), "duplicate-slug", f"slug {principle.slug!r} is used by two principles", "Give each principle its own slug")


def check_themes(loaded: Loaded) -> Iterator[Problem]:
    """Theme tags exist; every theme is used by at least one point; slugs are unique."""
    corpus, rel_themes = loaded.corpus, f"principles/{THEMES_FILE}"
    used: set[str] = set()
    for doc in corpus.documents.values():
        for i, principle in enumerate(doc.principles):
            tagged = [(("principles", i, "themes"), principle.themes)]
            tagged += [(("principles", i, "points", j, "themes"), pt.themes) for j, pt in enumerate(principle.points)]
            for path, themes in tagged:
                for k, theme in enumerate(themes):
                    if theme not in corpus.themes:
                        yield Problem(doc.path, loaded.line(doc.path, *path, k), "unknown-theme", f"theme {theme!r} is not defined", f"Use a theme id from {rel_themes} or define it there")
                used.update(themes)
    for i, theme in enumerate(corpus.themes.values()):
        if theme.id not in used and len(corpus.documents) == len(loaded.document_files):  # a failed document may use it
            yield Problem(rel_themes, loaded.line(rel_themes, "themes", i, "id"), "unused-theme", f"no point is tagged with theme {theme.id!r}", "Tag the points it concerns, or remove the theme")
    ids = Counter(t["id"] for t in loaded.data[rel_themes]["themes"])
    slugs = Counter(t.slug for t in corpus.themes.values())
    for i, theme in enumerate(loaded.data[rel_themes]["themes"]):
        if ids[theme["id"]] > 1 or slugs[theme["slug"]] > 1:
            yield Problem(rel_themes, loaded.line(rel_themes, "themes", i), "duplicate-id", f"theme id or slug {theme['id']!r} is used twice", "Give each theme its own id and slug")


def check_documents(loaded: Loaded) -> Iterator[Problem]:
    """Notes point at real ids, source files exist, English texts are clean and, when official, verbatim."""
    for doc in loaded.corpus.documents.values():
        rel, units = doc.path, doc.units()
        for unit_id in doc.notes:
            if unit_id not in units:
                yield Problem(rel, loaded.line(rel, "notes", unit_id), "unknown-id", f"note for unknown id {unit_id!r}", "Use an id that exists in this document")
        texts = [(path, unit_id) for path, unit_id in _ids_with_paths(loaded.data[rel]) if unit_id in units]  # not aliases
        for path, unit_id in texts:
            for rule, message, fix in text_findings(units[unit_id]):
                yield Problem(rel, loaded.line(rel, *path[:-1]), rule, message, fix)
        for i, version in enumerate(doc.meta["versions"]):
            if version["language"] == "en" and "source_file" in version:
                lines = source_lines(loaded.root, version["source_file"])
                if lines is None:
                    yield Problem(rel, loaded.line(rel, "versions", i, "source_file"), "missing-source", f"source file {version['source_file']!r} is not in {SOURCES}/", "Copy the official text there")
                    continue
                for path, unit_id in texts:
                    if units[unit_id] not in lines:
                        yield Problem(rel, loaded.line(rel, *path[:-1]), "not-verbatim", f"{unit_id} is not word for word in {SOURCES}/{version['source_file']}", "Copy the official wording exactly; never correct or paraphrase it")


def check_translations(loaded: Loaded) -> Iterator[Problem]:
    """Coverage, fingerprints, provenance labels, fidelity of official texts, clean text, canonical form."""
    corpus = loaded.corpus
    for lang in corpus.languages:
        if lang == corpus.default_language:
            continue
        for source, units in corpus.sources.items():
            rel = f"{TRANSLATIONS}/{lang}/{source}.yaml"
            translation = corpus.translations.get((lang, source))
            if translation is None:
                # A file that exists but failed to load has reported why; never advise scaffold over it.
                if not os.path.lexists(loaded.root / rel) and rel not in loaded.failed:
                    yield Problem(rel, 0, "missing-file", f"{lang} has no translation of {source!r}", f"Run `aiprinciples scaffold {lang} --method <method>`: it adds the missing files and keeps the others")
                continue
            yield from _check_translation(loaded, translation, units, rel)
            if not corpus.is_draft(lang):
                yield from _check_complete(loaded, translation, units, rel)


def _check_translation(loaded: Loaded, translation, units: dict[str, str], rel: str) -> Iterator[Problem]:
    lang, source = rel.split("/")[1], Path(rel).stem
    if translation.language != lang:
        yield Problem(rel, loaded.line(rel, "language"), "wrong-language", f"language is {translation.language!r} but the file is in the {lang!r} folder", f"Write language: {lang}")
    if translation.source != source:
        yield Problem(rel, loaded.line(rel, "source"), "wrong-source", f"source is {translation.source!r} but the file is {source}.yaml", f"Write source: {source}")
    yield from _check_provenance(loaded, translation, rel)
    official_lines = source_lines(loaded.root, translation.source_file) if translation.status == "official" and translation.source_file else None
    for unit_id, entry in translation.entries.items():
        line = entry.line
        if unit_id not in units:
            yield Problem(rel, line, "extra-id", f"id {unit_id!r} does not exist in the English {source}", "Remove the entry, or check the id's spelling")
            continue
        if fingerprint(entry.en) != entry.fingerprint:
            yield Problem(
                rel, loaded.line(rel, "entries", unit_id, "en"), "fingerprint-mismatch",
                f"{unit_id}: `en` or `fingerprint` was edited by hand (they no longer match); the current English is \"{_shortened(units[unit_id])}\"",
                f"Only the tools write them. Check that `text` translates the current English, then run `aiprinciples refresh {lang} {unit_id}` (with --force if it says the text has not changed): it writes both back",
            )
        elif entry.fingerprint != fingerprint(units[unit_id]):
            yield _outdated(loaded, translation, unit_id, line, rel)
        text_line = loaded.line(rel, "entries", unit_id, "text")
        # An interface message is judged by its words; its Fluent syntax may span lines.
        words = prose(entry.text) if source == "ui" else entry.text
        for rule, message, fix in text_findings(words, prose(units[unit_id]) if source == "ui" else units[unit_id], spaced=source == "ui" and spaced_key(unit_id)):
            if rule == "empty-text" or (source == "ui" and not entry.text.strip()):
                continue  # completeness is judged by _check_complete, for published languages only
            yield Problem(rel, text_line, rule, f"{unit_id}: {message}", fix)
        if entry.note is not None:
            for rule, message, fix in text_findings(entry.note):
                yield Problem(rel, loaded.line(rel, "entries", unit_id, "note"), rule, f"{unit_id} note: {message}", fix)
        if source == "ui" and entry.text.strip():
            yield from _check_message(loaded, lang, unit_id, entry.text, units[unit_id], text_line, rel)
        yield from _check_official_entry(loaded, rel, unit_id, entry)
        yield from _check_follows(loaded, translation, rel, unit_id, entry)
        if official_lines is not None and not is_note_unit(unit_id) and entry.text.strip() and entry.text not in official_lines:
            yield Problem(rel, text_line, "not-verbatim", f"{unit_id} is not word for word in {SOURCES}/{translation.source_file}", "Copy the official wording exactly; never correct or paraphrase it")
    # fmt lays out only files that loaded without a problem: for the others, their problems come first.
    if rel in loaded.data and not any(p.path == rel for p in loaded.problems):
        actual = loaded.raw[rel].decode("utf-8")  # the bytes the data came from, even if the file was saved since
        difference = _layout_difference(actual, loaded.data[rel], loaded.corpus.languages[lang], tuple(units))
        if difference:
            line, wanted = difference
            yield Problem(rel, line, "format", f"the layout differs from the canonical one from this line on ({wanted})", "Run `aiprinciples fmt`: it rewrites the layout (field order, quoting, spacing) and never the words")


def _layout_difference(actual: str, data: dict, language_name: str, units: tuple[str, ...]) -> tuple[int, str] | None:
    """Where a file's layout first differs from the canonical one; None when it has it.

    The data is what `actual` parses to, so the file's text, its language and the English order
    decide the answer: `mkdocs serve` checks every file at each save, and one changed.
    """
    # A digest, not the text: the memo would otherwise hold every translation file twice over.
    key = hashlib.sha256("\0".join((actual, language_name, *units)).encode("utf-8", "surrogatepass")).digest()
    return _layouts.get(key, lambda: _difference(actual, dump_translation(data, language_name, list(units))))


def _difference(actual: str, canonical: str) -> tuple[int, str] | None:
    return None if actual == canonical else layout_difference(actual, canonical)


_layouts: LruMemo[tuple[int, str] | None] = LruMemo(2048, between_builds=True)


def _check_complete(loaded: Loaded, translation, units: dict[str, str], rel: str) -> Iterator[Problem]:
    """A published language translates every unit; a draft may be partial (see `published:` in languages.yaml).

    Editorial notes on the English ("<id>.note") are the exception: until translated they show in
    English, marked as English, so a new note never stops a published language (a warning says so).
    """
    lang = translation.language
    missing = [unit_id for unit_id in units if unit_id not in translation.entries and not is_note_unit(unit_id)]
    if missing:
        yield Problem(rel, loaded.line(rel, "entries"), "missing-id", f"{len(missing)} {_plural(len(missing), 'id')} not in the file: {', '.join(missing)}", f"Run `aiprinciples scaffold {lang} --method {translation.method}`: it adds them with their English and keeps every text")
    notes = [unit_id for unit_id in units if is_note_unit(unit_id) and not (unit_id in translation.entries and translation.entries[unit_id].text.strip())]
    if notes:
        yield Problem(
            rel, loaded.line(rel, "entries"), "untranslated-note", f"{len(notes)} editorial {_plural(len(notes), 'note')} on the English not yet translated in this published language: {', '.join(notes)}",
            f"Translate them (run `aiprinciples scaffold {lang} --method {translation.method}` to add the missing entries); meanwhile the site shows them in English", severity="warning",
        )
    for unit_id in units:
        entry = translation.entries.get(unit_id)
        if is_note_unit(unit_id):
            continue
        if entry is not None and not entry.text.strip():
            yield Problem(
                rel, loaded.line(rel, "entries", unit_id, "text"), "empty-text", f"{unit_id}: text is empty, and {lang} is published",
                f"Write the translation of the `en` text. A language still in progress is not listed under `published:` in {LANGUAGES_FILE}",
            )


def _outdated(loaded: Loaded, translation, unit_id: str, line: int, rel: str) -> Problem:
    """The English changed since this entry was written: a warning, never a stop (the site marks the entry)."""
    lang = translation.language
    if not translation.entries[unit_id].text.strip():
        return Problem(
            rel, line, "outdated", f"{unit_id}: the English beside this untranslated entry is not the current one",
            f"Run `aiprinciples scaffold {lang} --method {translation.method}`: it updates the English of untranslated entries", severity="warning",
        )
    if translation.is_official(unit_id):
        issuer = loaded.corpus.documents[translation.source].short_name if translation.source in loaded.corpus.documents else "the issuer"
        return Problem(
            rel, line, "awaiting-issuer", f"{unit_id}: the English changed since {issuer} published this official text",
            f"Nothing to translate: the text stays {issuer}'s own until {issuer} publishes a corrected one, which a maintainer copies into {SOURCES}/ and here. The site marks it meanwhile",
            severity="warning",
        )
    return Problem(
        rel, line, "outdated", f"{unit_id}: the English changed since this was translated",
        f"See what changed with `aiprinciples outdated {lang}`, update `text`, then run `aiprinciples refresh {lang} {unit_id}`. Until then the site marks it outdated",
        severity="warning",
    )


def _shortened(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def _check_official_entry(loaded: Loaded, rel: str, unit_id: str, entry) -> Iterator[Problem]:
    """One entry of the issuer's own wording in a project file: named source, verbatim, line by line."""
    if entry.status is None and entry.source_file is None:
        return
    line = loaded.line(rel, "entries", unit_id, "status" if entry.status else "source_file")
    if is_note_unit(unit_id):
        yield Problem(rel, line, "provenance", f"{unit_id}: a note is this site's own text, never the issuer's wording", "Remove status and source_file from this entry")
        return
    if entry.status != "official" or not entry.source_file:
        yield Problem(rel, line, "provenance", f"{unit_id}: an official entry needs both status: official and source_file", f"Copy the official text into {SOURCES}/ and name it in source_file, or remove both fields")
        return
    lines = source_lines(loaded.root, entry.source_file)
    if lines is None:
        yield Problem(rel, loaded.line(rel, "entries", unit_id, "source_file"), "missing-source", f"{unit_id}: source file {entry.source_file!r} is not in {SOURCES}/", "Copy the official text there")
    elif entry.text not in lines:
        yield Problem(rel, loaded.line(rel, "entries", unit_id, "text"), "not-verbatim", f"{unit_id} is not word for word in {SOURCES}/{entry.source_file}", "Copy the official wording exactly; never correct or paraphrase it")


def _check_follows(loaded: Loaded, translation, rel: str, unit_id: str, entry) -> Iterator[Problem]:
    """`follows: original` belongs on this site's translation of a document's text, which then says how in a note."""
    if entry.follows is None:
        return
    line = loaded.line(rel, "entries", unit_id, "follows")
    if translation.source not in loaded.corpus.documents or is_note_unit(unit_id) or translation.is_official(unit_id):
        yield Problem(rel, line, "provenance", f"{unit_id}: follows: original is for this site's translation of a document's text", "Remove it from this entry")
    elif not entry.note:
        yield Problem(rel, line, "provenance", f"{unit_id}: a text that follows the original instead of the English must say how in a note", "Add a note: what the English says, and that this text follows the original")


def _check_message(loaded: Loaded, lang: str, unit_id: str, text: str, english: str, text_line: int, rel: str) -> Iterator[Problem]:
    """An interface message: Fluent syntax, the English's variables and select branches, the language's plural
    categories (CLDR), functions the site provides, and the name forms its glossary defines."""
    organisations = [name for name in organisation_names(loaded.corpus) if not any(text_findings(name))]
    first = message_line(loaded, rel, text_line)
    for offset, rule, message, fix in message_findings(text, english, lang, loaded.corpus.name_forms(lang), organisations):
        yield Problem(rel, first + offset, rule, f"{unit_id}: {message}", fix)


def organisation_names(corpus) -> list[str]:
    """Every organisation an interface message can name: each document's issuer and each version's publisher."""
    names = [doc.short_name for doc in corpus.documents.values()]
    names += [v["publisher"] for doc in corpus.documents.values() for v in doc.meta["versions"] if v.get("publisher")]
    return list(dict.fromkeys(names))


def message_line(loaded: Loaded, rel: str, key_line: int) -> int:
    """The line of a message's first line: its key's, or the next one for a `|-` block."""
    return key_line + 1 if loaded.source_line(rel, key_line).rstrip().endswith(("|", "|-", ">", ">-")) else key_line


def _check_provenance(loaded: Loaded, translation, rel: str) -> Iterator[Problem]:
    """The translation policy: official texts name their source; project texts say how they were made."""
    if translation.status == "official":
        if translation.method != "official":
            yield Problem(rel, loaded.line(rel, "method"), "provenance", "an official text must have method: official", "Write method: official, or status: unofficial if the project wrote it")
        if not translation.source_file:
            yield Problem(rel, loaded.line(rel, "status"), "provenance", "an official text must name its source_file", f"Copy the official text into {SOURCES}/ and name it in source_file")
        elif source_lines(loaded.root, translation.source_file) is None:
            yield Problem(rel, loaded.line(rel, "source_file"), "missing-source", f"source file {translation.source_file!r} is not in {SOURCES}/", "Copy the official text there")
    elif translation.method == "official":
        yield Problem(rel, loaded.line(rel, "method"), "provenance", "a project translation cannot have method: official", "Write method: machine-assisted or human")


def check_glossaries(loaded: Loaded) -> Iterator[Problem]:
    for rel, data in loaded.data.items():
        if rel.endswith("/glossary.yaml") and data["language"] != rel.split("/")[1]:
            yield Problem(rel, loaded.line(rel, "language"), "wrong-language", f"language is {data['language']!r} but the file is in the {rel.split('/')[1]!r} folder", f"Write language: {rel.split('/')[1]}")
    # A published language follows its termbase: translation QA needs decided terms to judge against.
    corpus = loaded.corpus
    for lang in corpus.languages:
        rel = f"{TRANSLATIONS}/{lang}/glossary.yaml"
        if lang == corpus.default_language or corpus.is_draft(lang) or rel in loaded.failed:
            continue
        glossary = corpus.glossaries.get(lang)
        if glossary is None:
            yield Problem(rel, 0, "glossary", f"{lang} is published but has no glossary", f"Run `aiprinciples scaffold {lang} --method <method>`: it seeds one; fill in each `term:` (CONTRIBUTING.md, \"Publish a language\")")
        elif not any(term["term"].strip() for term in glossary.get("terms", [])):
            yield Problem(
                rel, loaded.line(rel, "terms"), "glossary", f"{lang} is published, but every `term:` of its glossary is empty, so no terminology is checked",
                f"Fill in the {lang} term of each English term (and `source:`, where it comes from), or list the language under `published:` only once they are",
            )


def check_ui_source(loaded: Loaded) -> Iterator[Problem]:
    for key, text in loaded.corpus.ui.items():
        line = loaded.line(UI_SOURCE, "strings", key)
        for rule, message, fix in text_findings(prose(text), spaced=spaced_key(key)):
            yield Problem(UI_SOURCE, line, rule, f"{key}: {message}", fix)
        first = message_line(loaded, UI_SOURCE, line)
        for offset, rule, message, fix in english_findings(text, loaded.corpus.default_language):
            yield Problem(UI_SOURCE, first + offset, rule, f"{key}: {message}", fix)
    if loaded.corpus.default_language not in loaded.corpus.languages:
        yield Problem(LANGUAGES_FILE, 1, "default-language", "the default language is not listed", "List it under languages")


def check_text_fields(loaded: Loaded) -> Iterator[Problem]:
    """Every other string of every file obeys the text rules: names, places, notes, labels, terms, language names.

    Translation texts and notes, interface strings and the documents' own units are checked
    with sharper messages by their validators; everything else a pull request can write is here.
    """
    for rel, data in loaded.data.items():
        for path, value in _strings(data, ()):
            if _checked_elsewhere(rel, path):
                continue
            if rel.endswith("/ui.yaml") and path[-1:] == ("en",):
                value = prose(value)  # an English message as a translation file records it: its words
            # QA settings and separators are about spacing itself: their spaces are meant.
            spaced = (rel.endswith("/glossary.yaml") and path[:1] == ("qa",)) or (
                rel.endswith("/ui.yaml") and path[:1] == ("entries",) and spaced_key(path[1])
            )
            for rule, message, fix in text_findings(value, spaced=spaced):
                if rule != "empty-text":  # the schemas say which fields may be empty
                    yield Problem(rel, loaded.line(rel, *path), rule, f"{_field_name(path)}: {message}", fix)


def _strings(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _checked_elsewhere(rel: str, path: tuple) -> bool:
    if rel == UI_SOURCE:
        return path[:1] == ("strings",)
    if rel.startswith(f"{TRANSLATIONS}/") and not rel.endswith("/glossary.yaml") and rel != LANGUAGES_FILE:
        return len(path) == 3 and path[0] == "entries" and path[2] in ("text", "note")
    if rel.startswith("principles/") and not rel.endswith(f"/{THEMES_FILE}"):
        return path in (("title",), ("subtitle",)) or path[-1:] == ("text",) or (len(path) == 3 and path[0] == "principles" and path[2] == "title")
    return False


def _field_name(path: tuple) -> str:
    """("organisation", "short_name") -> "organisation.short_name"; list items as [i]."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".") or "value"


def check_docs_folder(loaded: Loaded) -> Iterator[Problem]:
    """docs/ is untrusted like the rest: its files, front matter and Markdown (see docs_check)."""
    corpus = loaded.corpus
    generated = {spec.src for spec in page_specs(corpus)}
    drafts = frozenset(code for code in corpus.languages if corpus.is_draft(code))
    yield from check_docs(loaded.root, list(corpus.languages), corpus.default_language, generated, drafts, generated_roots(corpus))
    if set(corpus.documents) != loaded.document_files:
        return  # a document that failed to load has said why; its ids are not judged missing (no cascade)
    files, _problems = walk_folder(loaded.root / "docs", "docs", loaded.root)  # the folder's own problems are check_docs'
    for path, rel in files:
        if path.suffix == ".md":
            raw, problems = read_input(path, rel, MAX_PAGE_BYTES, loaded.root)
            if raw is not None and not problems:
                yield from check_placeholders(rel, raw.decode("utf-8", "replace"), corpus)


def check_languages(loaded: Loaded) -> Iterator[Problem]:
    """A language that passes the checker builds: Babel knows its locale, Material can draw its interface."""
    corpus = loaded.corpus
    for code in corpus.languages:
        line = loaded.line(LANGUAGES_FILE, "languages", code)
        try:
            babel_locale(code)
        except (ValueError, LookupError):
            yield Problem(LANGUAGES_FILE, line, "unknown-locale", f"{code!r} is not a language the CLDR data (Babel) knows", "Use an ISO 639-1 code such as de, or a code with a region such as pt-BR")
    published = loaded.data[LANGUAGES_FILE]["published"]
    for index, code in enumerate(published):
        if code not in corpus.languages:
            yield Problem(LANGUAGES_FILE, loaded.line(LANGUAGES_FILE, "published", index), "unknown-language", f"{code!r} is published but not listed under languages", "List it under `languages:` with its name, or remove it from `published:`")
    if corpus.default_language not in published:
        yield Problem(LANGUAGES_FILE, loaded.line(LANGUAGES_FILE, "published"), "default-language", f"the default language {corpus.default_language!r} is not published", f"Add {corpus.default_language} to `published:`: every other language falls back to it")
    for code, tag in loaded.data[LANGUAGES_FILE].get("tags", {}).items():
        line = loaded.line(LANGUAGES_FILE, "tags", code)
        if code not in corpus.languages:
            yield Problem(LANGUAGES_FILE, line, "unknown-language", f"tag for {code!r}, which is not listed under languages", "List the language, or remove its tag")
        elif not tag.startswith(code.split("-")[0] + "-"):
            yield Problem(LANGUAGES_FILE, line, "unknown-locale", f"tag {tag!r} is not a variant of {code!r}", f"Write a tag such as {code}-XX")
        else:
            try:
                babel_locale(tag)
            except ValueError:
                yield Problem(LANGUAGES_FILE, line, "unknown-locale", f"{tag!r} is not a locale the CLDR data (Babel) knows", "Use a language code with a region, such as pt-BR")


def check_source_files(loaded: Loaded) -> Iterator[Problem]:
    """principles/sources/ holds only regular files: a link there could pass off any file as official."""
    _entries, problems = list_folder(loaded.root / SOURCES, SOURCES, loaded.root)
    yield from problems


def source_lines(root: Path, name: str) -> set[str] | None:
    """The lines of an official source text, with and without list markers and numbering."""
    raw, problems = read_input(Path(root) / SOURCES / name, f"{SOURCES}/{name}", MAX_SOURCE_BYTES, Path(root))
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    out = set()
    for line in text.split("\n"):
        out.add(line)
        out.add(LIST_MARKER.sub("", line))
    return out


def _ids_with_paths(data: dict) -> Iterator[tuple[tuple, str]]:
    """(path of the id field, id) for every unit id and alias in a document file."""
    yield ("title", "-"), f"{data['id']}-title"
    if "subtitle" in data:
        yield ("subtitle", "-"), f"{data['id']}-subtitle"
    for section in ("preamble", "closing"):
        for i, item in enumerate(data.get(section, [])):
            yield (section, i, "id"), item["id"]
    for i, principle in enumerate(data["principles"]):
        yield ("principles", i, "id"), principle["id"]
        for k, alias in enumerate(principle.get("aliases", [])):
            yield ("principles", i, "aliases", k), alias
        for j, point in enumerate(principle["points"]):
            yield ("principles", i, "points", j, "id"), point["id"]
            for k, alias in enumerate(point.get("aliases", [])):
                yield ("principles", i, "points", j, "aliases", k), alias


# Constant data.
MAX_SOURCE_BYTES = 1_000_000
MAX_PAGE_BYTES = 1_000_000  # docs_check holds pages to its own, smaller cap; this only bounds the placeholder scan
LIST_MARKER = re.compile(r"^(- |– |\d+\. )")
VALIDATORS = (check_source_files, check_text_fields, check_languages, check_docs_folder, check_ids, check_themes, check_documents, check_translations, check_glossaries, check_ui_source, check_translation_qa, check_note_recommendations)
