"""Load principles/ and translations/ into a Corpus, reporting every file-level problem.

Cross-file rules live in checks.py; this module only reads, validates each file
against its schema, and builds the model from the files that are well formed.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from aiprinciples.inputs import list_folder, read_input
from aiprinciples.memo import LruMemo
from aiprinciples.model import Corpus, Document, Entry, Paragraph, Point, Principle, Theme, Translation
from aiprinciples.problems import Problem
from aiprinciples.schema import schema_problems
from aiprinciples.yamlsafe import MAX_FILE_BYTES, Lines, load_yaml_bytes


@dataclass
class Loaded:
    """A corpus as read: the model (None if unusable), problems, and each file's data and lines."""

    root: Path
    corpus: Corpus | None = None
    problems: list[Problem] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)
    lines: dict[str, Lines] = field(default_factory=dict)
    document_files: set[str] = field(default_factory=set)  # stems of principles/*.yaml, loaded or not
    failed: set[str] = field(default_factory=set)  # files that exist but could not be used
    raw: dict[str, bytes] = field(default_factory=dict, repr=False)  # each used file's bytes, as parsed
    _texts: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @property
    def complete(self) -> bool:
        """Every file loaded: cross-file rules may judge what is missing or unused."""
        return not self.failed

    def read(self, rel: str, schema_name: str) -> object | None:
        raw, problems = read_input(self.root / rel, rel, MAX_FILE_BYTES, self.root)
        if raw is None:
            problems = problems or [Problem(rel, 0, "missing-file", "the file does not exist", "Create it, or restore it from the repository")]
            data, lines, schema = None, {}, []
        else:
            data, lines, parsed, schema = parse_file(raw, rel, schema_name)
            problems += parsed
        self.problems += problems
        if data is None:
            self.failed.add(rel)
            return None
        self.lines[rel] = lines
        self.raw[rel] = raw
        self.problems += schema
        if schema:
            self.failed.add(rel)
            return None
        self.data[rel] = data
        return data

    def line(self, rel: str, *path) -> int:
        return self.lines.get(rel, {}).get(tuple(path), 1)

    def source_line(self, rel: str, number: int) -> str:
        """One line of a file as read (1-based), "" past its end: for messages that need the line itself."""
        if rel not in self._texts:
            path = self.root / rel
            self._texts[rel] = path.read_text(encoding="utf-8").split("\n") if rel in self.lines and path.is_file() else []
        lines = self._texts[rel]
        return lines[number - 1] if 0 < number <= len(lines) else ""


def parse_file(raw: bytes, rel: str, schema_name: str) -> tuple[object, Lines, list[Problem], list[Problem]]:
    """(data, lines, YAML problems, schema problems) of one file's bytes, each a fresh copy.

    `mkdocs serve` loads the corpus again at every save, and a save changes one file: the
    others are parsed and validated once, then taken from here by their exact bytes.
    """
    if not _parsed.keeping:
        return _parse(raw, rel, schema_name)  # no copy to keep: no pickling either
    key = (rel, schema_name, hashlib.sha256(raw).digest())
    kept = _parsed.get(key, lambda: pickle.dumps(_parse(raw, rel, schema_name), protocol=pickle.HIGHEST_PROTOCOL))
    return pickle.loads(kept)  # a copy: callers may change what they are given


def _parse(raw: bytes, rel: str, schema_name: str) -> tuple[object, Lines, list[Problem], list[Problem]]:
    data, lines, problems = load_yaml_bytes(raw, rel)
    return data, lines, problems, schema_problems(data, lines, rel, schema_name) if data is not None else []


# Pickled results, by bytes (the real corpus takes about 0.5 MB); only while rebuilds are expected (memo.py).
_parsed: LruMemo[bytes] = LruMemo(64 * 2**20, between_builds=True, weight=len)


def load_corpus(root: str | Path) -> Loaded:
    loaded = Loaded(Path(root))
    config = loaded.read(LANGUAGES_FILE, "languages.schema.json")
    documents = {}
    entries, problems = list_folder(loaded.root / PRINCIPLES, PRINCIPLES, loaded.root)
    loaded.problems += problems
    for path in entries:
        if path.name == THEMES_FILE or path.suffix != ".yaml":
            continue
        rel = f"{PRINCIPLES}/{path.name}"
        loaded.document_files.add(path.stem)
        data = loaded.read(rel, "document.schema.json")
        if data is not None:
            documents[data["id"]] = _document(data, rel)
            if data["id"] != path.stem:
                loaded.problems.append(Problem(rel, loaded.line(rel, "id"), "document-id", f"document id {data['id']!r} differs from the file name", f"Name the file {data['id']}.yaml"))
    themes_data = loaded.read(f"{PRINCIPLES}/{THEMES_FILE}", "themes.schema.json")
    ui_data = loaded.read(UI_SOURCE, "ui-source.schema.json")
    if config is None or themes_data is None or ui_data is None or not documents:
        return loaded
    # Chronological order: the order in which documents are listed everywhere.
    documents = dict(sorted(documents.items(), key=lambda item: (item[1].meta["date"], item[0])))
    themes = {t["id"]: Theme(t["id"], t["slug"], t["name"], t["description"]) for t in themes_data["themes"]}
    corpus = Corpus(str(loaded.root), config["default"], dict(config["languages"]), documents, themes, dict(ui_data["strings"]), tags=dict(config.get("tags", {})), published=tuple(config["published"]))
    _load_translations(loaded, corpus)
    loaded.corpus = corpus
    return loaded


def _load_translations(loaded: Loaded, corpus: Corpus) -> None:
    # A document file that failed to load is still a known source: its translations are not "unexpected".
    known_sources = set(corpus.documents) | loaded.document_files | {"themes", "ui"}
    folders, problems = list_folder(loaded.root / TRANSLATIONS, TRANSLATIONS, loaded.root)
    loaded.problems += problems
    for folder in folders:
        if not folder.is_dir():
            continue
        lang = folder.name
        if lang not in corpus.languages:
            loaded.problems.append(Problem(f"{TRANSLATIONS}/{lang}", 0, "unknown-language", f"folder for language {lang!r}, which is not configured", f"Add a line '{lang}: <name of the language>' to {LANGUAGES_FILE}, or rename the folder"))
            continue
        files, problems = list_folder(folder, f"{TRANSLATIONS}/{lang}", loaded.root)
        loaded.problems += problems
        for path in files:
            rel = f"{TRANSLATIONS}/{lang}/{path.name}"
            if path.name == GLOSSARY_FILE:
                glossary = loaded.read(rel, "glossary.schema.json")
                if glossary is not None:
                    corpus.glossaries[lang] = glossary
                continue
            if lang == corpus.default_language and path.name == "ui.yaml":
                continue
            if path.suffix != ".yaml" or path.stem not in known_sources or lang == corpus.default_language:
                expected = ", ".join(f"{s}.yaml" for s in sorted(known_sources)) + f", {GLOSSARY_FILE}"
                loaded.problems.append(Problem(rel, 0, "unknown-file", f"unexpected file {path.name!r}", f"A language folder holds only {expected}"))
                continue
            data = loaded.read(rel, "translation.schema.json")
            if data is None:
                continue
            entries = {}
            for unit_id, raw in data["entries"].items():
                entries[unit_id] = Entry(
                    text=raw["text"], en=raw["en"], fingerprint=raw["fingerprint"], note=raw.get("note"),
                    reviewed_by=raw.get("reviewed_by"), reviewed_on=raw.get("reviewed_on"),
                    line=loaded.line(rel, "entries", unit_id), status=raw.get("status"), source_file=raw.get("source_file"), follows=raw.get("follows"),
                    qa_skip=dict(raw.get("qa_skip") or {}), reviewed_fingerprint=raw.get("reviewed_fingerprint"), text_fingerprint=raw.get("text_fingerprint"),
                )
            corpus.translations[(lang, path.stem)] = Translation(
                source=data["source"], language=data["language"], path=rel, status=data["status"], method=data["method"],
                official_url=data.get("official_url"), source_file=data.get("source_file"), entries=entries,
            )


def _document(data: dict, rel: str) -> Document:
    def paragraphs(items: list[dict]) -> list[Paragraph]:
        return [Paragraph(p["id"], p["text"], p.get("kind", "paragraph")) for p in items]

    principles = []
    for number, raw in enumerate(data["principles"], 1):
        points = [Point(pt["id"], n, pt["text"], tuple(pt["themes"]), raw["id"], tuple(pt.get("aliases", ()))) for n, pt in enumerate(raw["points"], 1)]
        principles.append(Principle(raw["id"], number, raw["slug"], raw["title"], tuple(raw.get("themes", ())), points, tuple(raw.get("aliases", ()))))
    subtitle = Paragraph(f"{data['id']}-subtitle", data["subtitle"], "subtitle") if "subtitle" in data else None
    meta = {k: v for k, v in data.items() if k not in ("title", "subtitle", "preamble", "principles", "closing", "notes")}
    return Document(
        id=data["id"], path=rel, meta=meta, title_id=f"{data['id']}-title", title=data["title"], subtitle=subtitle,
        preamble=paragraphs(data["preamble"]), principles=principles, closing=paragraphs(data["closing"]), notes=dict(data.get("notes", {})),
    )


# Constant data: where things live, relative to the project root.
PRINCIPLES = "principles"
TRANSLATIONS = "translations"
SOURCES = "principles/sources"
THEMES_FILE = "themes.yaml"
GLOSSARY_FILE = "glossary.yaml"
LANGUAGES_FILE = "translations/languages.yaml"
UI_SOURCE = "translations/en/ui.yaml"
