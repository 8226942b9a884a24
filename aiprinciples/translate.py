"""Translator commands that write files: scaffold, review, refresh, fmt.

Each reads the raw YAML (keeping fields the model drops), changes it and writes
it back through writer.dump_translation, so the files stay canonical.
"""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from pathlib import Path

from aiprinciples.docs_check import DOCS
from aiprinciples.fingerprint import fingerprint
from aiprinciples.inputs import read_input, safe_to_write, walk_folder
from aiprinciples.loader import GLOSSARY_FILE, LANGUAGES_FILE, SOURCES, TRANSLATIONS, Loaded, load_corpus
from aiprinciples.text_rules import text_findings
from aiprinciples.writer import dump_translation, quote
from aiprinciples.yamlsafe import load_yaml


def translation_path(root: Path, lang: str, source: str) -> Path:
    return root / TRANSLATIONS / lang / f"{source}.yaml"


class Refused(SystemExit):
    """A tool refuses rather than lose work: the message says which file and what to do."""


def read_raw(path: Path) -> dict | None:
    data, _lines, problems = load_yaml(path, str(path))
    if problems or not isinstance(data, dict):
        return None
    return data


def write(loaded: Loaded, lang: str, source: str, data: dict) -> Path:
    """Write a translation file in canonical form, refusing anything that could lose or misplace work.

    Never through a link (it could point outside the repository), never over a file that
    exists but cannot be read (it holds a translator's work), never emptying a written text.
    """
    corpus = loaded.corpus
    path = translation_path(loaded.root, lang, source)
    rel = path.relative_to(loaded.root).as_posix()
    problem = safe_to_write(path, rel, loaded.root)
    if problem:
        raise Refused(f"{problem}\nNothing was written.")
    old = None
    if os.path.lexists(path):
        old = read_raw(path)
        if old is None or not isinstance(old.get("entries"), dict):
            raise Refused(f"{rel}: the file exists but cannot be read, so no tool rewrites it. Run `aiprinciples check` to see why, fix it, then try again.\nNothing was written.")
        for unit_id, entry in old["entries"].items():
            before = entry.get("text") if isinstance(entry, dict) else None
            after = data["entries"].get(unit_id, {}).get("text")
            if isinstance(before, str) and before.strip() and not (isinstance(after, str) and after.strip()):
                raise Refused(f"{rel}: {unit_id} has a translation, and this would leave it empty. Nothing was written.")
    _record_current_texts(data, corpus.sources[source], old["entries"] if old else {})
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_translation(data, corpus.languages[lang], list(corpus.sources[source]))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def _record_current_texts(data: dict, units: dict[str, str], before: dict) -> None:
    """Remember the text of each current entry this write changes, so refresh can tell an outdated text that was
    never revised. An entry the write leaves as it was keeps its record: a text edited by hand is not the tool's."""
    for unit_id, entry in data["entries"].items():
        if not isinstance(entry, dict) or unit_id not in units:
            continue
        old = before.get(unit_id)
        if isinstance(old, dict) and (old.get("text"), old.get("en")) == (entry.get("text"), entry.get("en")):
            continue
        text = entry.get("text")
        if isinstance(text, str) and text.strip() and entry.get("fingerprint") == fingerprint(units[unit_id]) == fingerprint(entry.get("en", "")):
            entry["text_fingerprint"] = fingerprint(text)


def scaffold(root: Path, lang: str, method: str, name: str | None = None) -> list[Path]:
    """Create or complete a whole language: its line in languages.yaml (as a draft), every corpus
    file with the English beside each entry, a glossary seeded with the source terms, and its
    pages in docs/ marked untranslated. Never changes a written text; returns what it wrote.
    """
    if method not in METHODS:
        raise Refused(f"--method must be one of: {', '.join(METHODS)} (how you will translate: {METHODS_HELP})")
    written = []
    loaded = load_corpus(root)
    if loaded.corpus is None:
        raise Refused("the corpus cannot be loaded; run `aiprinciples check`, fix what it reports, then try again.\nNothing was written.")
    if lang not in loaded.corpus.languages:
        if not name:
            raise Refused(f"{lang!r} is not in {LANGUAGES_FILE} yet: give the language's name in itself, e.g. `aiprinciples scaffold {lang} --name Deutsch --method {method}`.\nNothing was written.")
        written.append(add_language(loaded.root, lang, name))
    loaded = usable(root, lang)
    for source, units in loaded.corpus.sources.items():
        path = translation_path(loaded.root, lang, source)
        rel = path.relative_to(loaded.root).as_posix()
        problem = safe_to_write(path, rel, loaded.root)
        if problem:
            raise Refused(f"{problem}\nNothing was written.")
        data = read_raw(path) if os.path.lexists(path) else None
        if data is None and os.path.lexists(path):
            raise Refused(f"{rel}: the file exists but cannot be read; scaffold never replaces it. Run `aiprinciples check` to see why and fix it.\nNothing was written.")
        if data is None:
            data = {"source": source, "language": lang, "status": "unofficial", "method": method, "official_url": None, "source_file": None, "entries": {}}
        for unit_id, english in units.items():
            entry = data["entries"].setdefault(unit_id, {"en": english, "fingerprint": fingerprint(english), "text": ""})
            if isinstance(entry, dict) and not str(entry.get("text", "")).strip():
                entry["en"], entry["fingerprint"] = english, fingerprint(english)  # nothing written yet: show the current English
        before = path.read_bytes() if path.exists() else None
        if write(loaded, lang, source, data).read_bytes() != before:
            written.append(path)
    written += _seed_glossary(loaded, lang)
    written += _seed_pages(loaded, lang)
    return written


def add_language(root: Path, lang: str, name: str) -> Path:
    """Add `  <lang>: <name>` under `languages:` in languages.yaml, as a draft (not in `published:`)."""
    path = root / LANGUAGES_FILE
    problem = safe_to_write(path, LANGUAGES_FILE, root)
    if problem:
        raise Refused(f"{problem}\nNothing was written.")
    if not LANGUAGE_CODE.fullmatch(lang):
        raise Refused(f"{lang!r} is not a language code: write an ISO 639-1 code such as de, or one with a region such as pt-BR.\nNothing was written.")
    findings = list(text_findings(name))
    if findings or any(char in name for char in "\"\\#:{}[]"):
        raise Refused(f"{name!r} cannot be a language's name here: write it in plain letters, e.g. Deutsch.\nNothing was written.")
    lines = path.read_text(encoding="utf-8").split("\n")
    try:
        start = lines.index("languages:")
    except ValueError:
        raise Refused(f"{LANGUAGES_FILE}: no line `languages:` to add {lang} under; run `aiprinciples check`.\nNothing was written.") from None
    end = start + 1
    while end < len(lines) and lines[end].startswith("  "):
        end += 1
    lines.insert(end, f"  {lang}: {name}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _seed_glossary(loaded: Loaded, lang: str) -> list[Path]:
    """A termbase with every English term of the other languages' glossaries, its terms left to decide."""
    path = loaded.root / TRANSLATIONS / lang / GLOSSARY_FILE
    rel = path.relative_to(loaded.root).as_posix()
    if os.path.lexists(path):
        return []
    problem = safe_to_write(path, rel, loaded.root)
    if problem:
        raise Refused(f"{problem}\nNothing was written.")
    seen: dict[str, list[str]] = {}
    for other in sorted(loaded.corpus.glossaries):
        for term in loaded.corpus.glossaries[other].get("terms", []):
            forms = seen.setdefault(term["en"], [])
            forms.extend(form for form in term.get("en_forms", []) if form not in forms)
    lines = [
        "# yaml-language-server: $schema=../../schemas/glossary.schema.json",
        f"# {loaded.corpus.languages[lang]} termbase: the term to use for each English term, and where it comes from.",
        "# Fill in `term:` (and `source:`) as you decide them; an empty term is not checked yet. See CONTRIBUTING.md.",
        f"language: {quote(lang)}",
        f"variant: {quote(loaded.corpus.tag(lang))}",
        "terms:",
    ]
    for english, forms in seen.items():
        lines.append(f"  - en: {quote(english)}")
        if forms:
            lines.append("    en_forms: [" + ", ".join(quote(form) for form in forms) + "]")
        lines.append('    term: ""')
    if not seen:
        lines.append('  - en: "generative AI"\n    term: ""')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [path]


def _seed_pages(loaded: Loaded, lang: str) -> list[Path]:
    """Each hand-written English page, copied for the language and marked untranslated."""
    written = []
    english_root = loaded.root / DOCS / loaded.corpus.default_language
    files, _problems = walk_folder(english_root, f"{DOCS}/{loaded.corpus.default_language}", loaded.root)
    for english, rel in files:
        if english.suffix != ".md":
            continue
        target = loaded.root / DOCS / lang / english.relative_to(english_root)
        target_rel = target.relative_to(loaded.root).as_posix()
        if os.path.lexists(target):
            continue
        problem = safe_to_write(target, target_rel, loaded.root)
        if problem:
            raise Refused(f"{problem}\nNothing was written.")
        raw, problems = read_input(english, rel, MAX_PAGE_BYTES, loaded.root)
        if raw is None or problems:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_mark_untranslated(raw.decode("utf-8")), encoding="utf-8")
        written.append(target)
    return written


def _mark_untranslated(page: str) -> str:
    """The page with `untranslated: true` in its front matter (the site shows it as English, marked)."""
    if page.startswith("---\n"):
        return "---\nuntranslated: true\n" + page[4:]
    return "---\nuntranslated: true\n---\n" + page


def review(root: Path, lang: str, ids: list[str], by: str, today: datetime.date | None = None) -> list[str]:
    """Mark entries as reviewed by a person, recording the text reviewed; returns the ids not found.

    Refuses, before writing anything, an entry that is empty, outdated or the issuer's own wording.
    """
    loaded = usable(root, lang)
    day = (today or datetime.date.today()).isoformat()
    if not by.strip() or list(text_findings(by)):
        raise Refused("--by must be the reviewer's name in plain text.\nNothing was written.")
    changes, remaining = {}, set(ids)
    for source, units in loaded.corpus.sources.items():
        translation = loaded.corpus.translations.get((lang, source))
        if translation is None:
            continue
        for unit_id in sorted(remaining & set(translation.entries) & set(units)):
            entry = translation.entries[unit_id]
            where = f"{translation.path}:{entry.line}: {unit_id}"
            if translation.is_official(unit_id):
                raise Refused(f"{where} is the issuer's own wording: it is never reviewed as a translation.\nNothing was written.")
            if not entry.text.strip():
                raise Refused(f"{where} is not translated yet: there is nothing to review.\nNothing was written.")
            if entry.is_outdated(units[unit_id]):
                raise Refused(f"{where} is outdated (the English changed): update it and run `aiprinciples refresh {lang} {unit_id}` first, then review the new text.\nNothing was written.")
            changes.setdefault(source, []).append(unit_id)
            remaining.discard(unit_id)
    for source, unit_ids in changes.items():
        data = read_raw(translation_path(loaded.root, lang, source))
        for unit_id in unit_ids:
            entry = data["entries"][unit_id]
            entry.update(reviewed_by=by, reviewed_on=day, reviewed_fingerprint=fingerprint(entry["text"]))
        write(loaded, lang, source, data)
    return sorted(remaining)


def refresh(root: Path, lang: str, ids: list[str], force: bool = False) -> list[str]:
    """Record that entries now translate the current English; returns the ids not found.

    An outdated entry whose text has not changed since the English did is refused unless
    `force` (the translation may still be right: say so on purpose). An entry in the issuer's
    own wording is refused, forced or not, until it holds the issuer's corrected text: only
    the issuer says what its words are.
    """
    loaded = usable(root, lang)
    changes, remaining = {}, set(ids)
    for source, units in loaded.corpus.sources.items():
        path = translation_path(loaded.root, lang, source)
        data = read_raw(path) if path.exists() else None
        if data is None:
            continue
        rel = path.relative_to(loaded.root).as_posix()
        for unit_id in sorted(remaining & set(data["entries"]) & set(units)):
            entry = data["entries"][unit_id]
            text = str(entry.get("text", ""))
            stale = fingerprint(str(entry.get("en", ""))) != fingerprint(units[unit_id])  # the English it was made from is not the current one
            unchanged = entry.get("text_fingerprint") == fingerprint(text) and text.strip()
            translation = loaded.corpus.translations.get((lang, source))
            if translation is not None and translation.is_official(unit_id):
                _refuse_official(loaded, translation, rel, unit_id, text, stale, unchanged)
            elif stale and not force and unchanged:
                raise Refused(
                    f"{rel}:{loaded.line(rel, 'entries', unit_id)}: {unit_id}: the text has not changed since the English did. "
                    f"See what changed with `aiprinciples outdated {lang}` and update `text`; if it is still right as it is, run "
                    f"`aiprinciples refresh {lang} {unit_id} --force`.\nNothing was written."
                )
            changes.setdefault(source, (data, []))[1].append(unit_id)
            remaining.discard(unit_id)
    for source, (data, unit_ids) in changes.items():
        units = loaded.corpus.sources[source]
        for unit_id in unit_ids:
            entry = data["entries"][unit_id]
            if entry.get("fingerprint") != fingerprint(units[unit_id]):
                for key in ("reviewed_by", "reviewed_on", "reviewed_fingerprint"):
                    entry.pop(key, None)  # the review judged the text against an English that has changed
            entry["en"], entry["fingerprint"] = units[unit_id], fingerprint(units[unit_id])
        write(loaded, lang, source, data)
    return sorted(remaining)


def _refuse_official(loaded: Loaded, translation, rel: str, unit_id: str, text: str, stale: bool, unchanged: bool) -> None:
    """The issuer's own wording is current only in the issuer's corrected words: refuse anything else, --force or not.

    Refresh records an official entry only when a maintainer has pasted the issuer's new text,
    word for word from its file in principles/sources/ (the checker proves it verbatim).
    """
    from aiprinciples.checks import source_lines

    issuer = loaded.corpus.documents[translation.source].short_name if translation.source in loaded.corpus.documents else "its issuer"
    where = f"{rel}:{loaded.line(rel, 'entries', unit_id)}: {unit_id}"
    source_file = translation.entries[unit_id].source_file or translation.source_file
    lines = source_lines(loaded.root, source_file) if source_file else None
    if stale and not unchanged and lines is not None and text in lines:
        return  # the issuer's corrected text, pasted verbatim: record it as translating the current English
    rule = (
        f"is {issuer}'s own wording (official), not a translation of this project: only {issuer} can say it matches the new English. "
        f"It stays marked \"awaiting the issuer's update\" until {issuer} publishes its corrected text; a maintainer then copies that text "
        f"into {SOURCES}/{source_file or '<its file>'} and into this entry, and runs refresh again"
    )
    if not stale:
        raise Refused(f"{where} {rule}. It is current: there is nothing to refresh.\nNothing was written.")
    if unchanged or not text.strip():
        raise Refused(f"{where} {rule}; --force cannot stand in for the issuer.\nNothing was written.")
    raise Refused(f"{where}: the text is not word for word in {SOURCES}/{source_file}, so it is not {issuer}'s corrected text. {unit_id} {rule}.\nNothing was written.")


def fmt(root: Path) -> list[Path]:
    """Rewrite every translation file in canonical form (NFC text, fixed order and quoting).

    fmt only lays out files that load without a problem: a file that fails to load, or whose
    values are not what its author meant (a tab, “…” around a value), is left byte for byte as
    it is, and fmt ends by refusing, with each such file and why, once the others are written.
    """
    loaded = load_corpus(root)
    if loaded.corpus is None:
        raise SystemExit("the corpus cannot be loaded, so fmt rewrites nothing; run `aiprinciples check` to see why")
    changed = []
    skipped = _unloadable_translations(loaded)
    for (lang, source), translation in sorted(loaded.corpus.translations.items()):
        path = loaded.root / translation.path
        data = read_raw(path)
        if data is None:
            skipped.append(translation.path)
            continue
        for entry in data["entries"].values():
            for key in ("text", "note"):
                if isinstance(entry.get(key), str):
                    entry[key] = unicodedata.normalize("NFC", entry[key])
            if isinstance(entry.get("qa_skip"), dict):
                entry["qa_skip"] = {rule: unicodedata.normalize("NFC", reason) for rule, reason in entry["qa_skip"].items()}
        before = path.read_bytes()
        write(loaded, lang, source, data)
        if path.read_bytes() != before:
            changed.append(path)
    if skipped:
        raise Refused(_skipped_report(loaded, sorted(set(skipped)), changed))
    return changed


def _unloadable_translations(loaded: Loaded) -> list[str]:
    """Translation files (not glossaries or languages.yaml) that exist but could not be loaded."""
    return [
        rel for rel in loaded.failed
        if rel.startswith(f"{TRANSLATIONS}/") and rel.count("/") == 2 and not rel.endswith("/glossary.yaml")
    ]


def _skipped_report(loaded: Loaded, skipped: list[str], changed: list[Path]) -> str:
    """What fmt did, which files it left alone and why: their problems, as `check` prints them."""
    lines = [f"reformatted {path}" for path in changed]
    for rel in skipped:
        lines.append(f"skipped {rel}: fmt only lays out files that load without a problem; nothing was written to it:")
        lines += [f"  {problem}" for problem in sorted(loaded.problems) if problem.path == rel]
    lines.append("Correct the skipped files by hand (each problem names its line), then run `aiprinciples fmt` again.")
    return "\n".join(lines)


def usable(root: Path, lang: str) -> Loaded:
    """The loaded corpus, refusing a corpus that cannot be loaded or a language it does not translate into."""
    loaded = load_corpus(root)
    if loaded.corpus is None:
        raise Refused("the corpus cannot be loaded; run `aiprinciples check` and fix what it reports first")
    if lang not in loaded.corpus.languages or lang == loaded.corpus.default_language:
        raise Refused(f"unknown language {lang!r}: add it to translations/languages.yaml first")
    return loaded


# Constant data.
METHODS = ("machine-assisted", "human")
METHODS_HELP = "human if a person writes every text, machine-assisted if a machine drafts them and a person may edit them"
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Z]{2})?")
MAX_PAGE_BYTES = 200_000
