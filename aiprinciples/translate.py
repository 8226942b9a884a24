"""Translator commands that write files: scaffold, review, refresh, fmt.

Each reads the raw YAML (keeping fields the model drops), changes it and writes
it back through writer.dump_translation, so the files stay canonical.
"""

from __future__ import annotations

import datetime
import os
import unicodedata
from pathlib import Path

from aiprinciples.fingerprint import fingerprint
from aiprinciples.inputs import safe_to_write
from aiprinciples.loader import TRANSLATIONS, Loaded, load_corpus
from aiprinciples.writer import dump_translation
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
    if os.path.lexists(path):
        old = read_raw(path)
        if old is None or not isinstance(old.get("entries"), dict):
            raise Refused(f"{rel}: the file exists but cannot be read, so no tool rewrites it. Run `aiprinciples check` to see why, fix it, then try again.\nNothing was written.")
        for unit_id, entry in old["entries"].items():
            before = entry.get("text") if isinstance(entry, dict) else None
            after = data["entries"].get(unit_id, {}).get("text")
            if isinstance(before, str) and before.strip() and not (isinstance(after, str) and after.strip()):
                raise Refused(f"{rel}: {unit_id} has a translation, and this would leave it empty. Nothing was written.")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = dump_translation(data, corpus.languages[lang], list(corpus.sources[source]))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def scaffold(root: Path, lang: str) -> list[Path]:
    """Create or complete translations/<lang>/: every unit, with its English and fingerprint."""
    loaded = _usable(root, lang)
    written = []
    for source, units in loaded.corpus.sources.items():
        path = translation_path(loaded.root, lang, source)
        problem = safe_to_write(path, path.relative_to(loaded.root).as_posix(), loaded.root)
        if problem:
            raise Refused(f"{problem}\nNothing was written.")
        data = read_raw(path) if os.path.lexists(path) else None
        if data is None and os.path.lexists(path):
            raise Refused(f"{path.relative_to(loaded.root).as_posix()}: the file exists but cannot be read; scaffold never replaces it. Run `aiprinciples check` to see why and fix it.\nNothing was written.")
        if data is None:
            data = {"source": source, "language": lang, "status": "unofficial", "method": "machine-assisted", "official_url": None, "source_file": None, "entries": {}}
        for unit_id, english in units.items():
            data["entries"].setdefault(unit_id, {"en": english, "fingerprint": fingerprint(english), "text": ""})
        written.append(write(loaded, lang, source, data))
    return written


def review(root: Path, lang: str, ids: list[str], by: str, today: datetime.date | None = None) -> list[str]:
    """Mark entries as reviewed by a person; returns the ids that were not found."""
    loaded = _usable(root, lang)
    day = (today or datetime.date.today()).isoformat()
    remaining = set(ids)
    for source in loaded.corpus.sources:
        path = translation_path(loaded.root, lang, source)
        data = read_raw(path) if path.exists() else None
        if data is None:
            continue
        hits = remaining & set(data["entries"])
        for unit_id in hits:
            data["entries"][unit_id]["reviewed_by"] = by
            data["entries"][unit_id]["reviewed_on"] = day
        if hits:
            write(loaded, lang, source, data)
        remaining -= hits
    return sorted(remaining)


def refresh(root: Path, lang: str, ids: list[str]) -> list[str]:
    """Record that entries now translate the current English (clears 'outdated')."""
    loaded = _usable(root, lang)
    remaining = set(ids)
    for source, units in loaded.corpus.sources.items():
        path = translation_path(loaded.root, lang, source)
        data = read_raw(path) if path.exists() else None
        if data is None:
            continue
        hits = remaining & set(data["entries"]) & set(units)
        for unit_id in hits:
            entry = data["entries"][unit_id]
            entry["en"], entry["fingerprint"] = units[unit_id], fingerprint(units[unit_id])
            entry.pop("reviewed_by", None), entry.pop("reviewed_on", None)  # a changed text needs a new review
        if hits:
            write(loaded, lang, source, data)
        remaining -= hits
    return sorted(remaining)


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


def _usable(root: Path, lang: str) -> Loaded:
    loaded = load_corpus(root)
    if loaded.corpus is None:
        raise SystemExit("the corpus cannot be loaded; run `aiprinciples check` first")
    if lang not in loaded.corpus.languages or lang == loaded.corpus.default_language:
        raise SystemExit(f"unknown language {lang!r}: add it to translations/languages.yaml first")
    return loaded
