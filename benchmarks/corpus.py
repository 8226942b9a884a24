"""A realistic synthetic project for the benchmark: N documents × L languages, every text distinct.

    python benchmarks/corpus.py TREE OUT --documents 10 --languages 5

Copies the project at TREE (its code, its corpus) into OUT, then grows the corpus:
- documents: copies of WIN and AIE in turn (win003, aie004, win005 …) until there are N,
  each with new ids and slugs, its texts in every language made distinct by a marker word
  (so each page and each preview image is new: the benchmark draws what a real corpus would);
- languages: until there are L, new languages (de, it, nl, ja, hu …) copied from the real
  translations with a marker word per language, added to `languages:` and `published:`.

Run it with TREE's code on the path (PYTHONPATH=TREE): the fingerprints it records are
TREE's own, so a baseline commit and the working tree each get a corpus their checker accepts.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

# What a checkout holds besides the project: left out at its top level only (aiprinciples/site/ is code).
TOP_LEVEL_IGNORED = shutil.ignore_patterns(".git", ".venv", "node_modules", "site", ".site.*", "build", "tests", "benchmarks", ".pytest_cache")
IGNORED_EVERYWHERE = shutil.ignore_patterns("__pycache__", "*.egg-info")
# New languages, each copied from a real translation (codes Material and lunr know). Each uses the
# CLDR plural categories of the language it copies, or fewer: a copy of French plurals into Polish
# (one, few, many) is refused by the checker, as it would be from a translator.
EXTRA_LANGUAGES = [("de", "Deutsch", "fr"), ("it", "Italiano", "es"), ("nl", "Nederlands", "fr"), ("ja", "日本語", "ko"), ("hu", "Magyar", "pt"),
                   ("tr", "Türkçe", "fr"), ("sv", "Svenska", "es"), ("da", "Dansk", "pt"), ("fi", "Suomi", "fr"), ("no", "Norsk", "es")]
SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ri", "so", "ta", "vu", "zo"]


def marker(n: int) -> str:
    """A word made of letters only (no digits: the checker compares numbers with the English), distinct for each n."""
    word = ""
    while True:
        word = SYLLABLES[n % 10] + word
        n //= 10
        if not n:
            return word.capitalize()


def ignored_in(tree: Path):
    """shutil.copytree's ignore for a copy of tree: build outputs and tools at its top, caches anywhere."""
    top = str(tree)

    def ignore(folder: str, names: list[str]) -> set[str]:
        ignored = set(IGNORED_EVERYWHERE(folder, names))
        if os.path.samefile(folder, top):
            ignored |= set(TOP_LEVEL_IGNORED(folder, names))
        return ignored

    return ignore


def make_project(tree: Path, out: Path, documents: int, languages: int) -> Path:
    from aiprinciples.fingerprint import fingerprint  # TREE's own (PYTHONPATH)

    shutil.copytree(tree, out, ignore=ignored_in(tree), symlinks=True)
    config_path = out / "translations" / "languages.yaml"
    config = _load(config_path.read_text(encoding="utf-8"))
    real_docs = [path.stem for path in sorted((out / "principles").glob("*.yaml")) if path.stem != "themes"]
    # The published site only: a translator's draft in the tree (half done by design) is left out.
    for code in [code for code in config["languages"] if code not in config["published"]]:
        del config["languages"][code]
        for folder in (out / "translations" / code, out / "docs" / code):
            shutil.rmtree(folder, ignore_errors=True)
    lang_codes = list(config["languages"])
    default = config["default"]
    # Documents first, in the real languages; the new languages then copy them too.
    templates = {doc_id: _load((out / "principles" / f"{doc_id}.yaml").read_text(encoding="utf-8")) for doc_id in real_docs}
    for n in range(len(real_docs), documents):
        source = real_docs[n % len(real_docs)]
        new_id = f"{source}{n + 1:03d}"
        word = marker(n)
        english = _copy_document(templates[source], source, new_id, word)
        texts = _document_texts(english)
        for version in english.get("versions") or []:
            if version.get("status") == "original" and version.get("source_file"):  # the checker holds the English to its source
                version["source_file"] = f"{new_id}.{version['language']}.txt"
                (out / "principles" / "sources" / version["source_file"]).write_text("\n".join(text for unit_id, text in texts.items() if not unit_id.endswith(".note")) + "\n", encoding="utf-8")
        _dump(out / "principles" / f"{new_id}.yaml", english, "../schemas/document.schema.json")
        for code in lang_codes:
            if code == default:
                continue
            path = out / "translations" / code / f"{source}.yaml"
            if path.exists():
                data = _copy_translation(_load(path.read_text(encoding="utf-8")), source, new_id, word, texts, fingerprint)
                _official_source(out, data, f"{new_id}.{code}.txt")
                _entry_sources(out, data, code)
                _dump(path.with_name(f"{new_id}.yaml"), data, "../../schemas/translation.schema.json")
    # Languages: copies of real translations under new codes, each text with the language's marker.
    available = [extra for extra in EXTRA_LANGUAGES if extra[0] not in lang_codes]
    for index, (code, name, source) in enumerate(available[: max(0, languages - len(lang_codes))]):
        word = marker(1000 + index)
        folder = out / "translations" / code
        shutil.copytree(out / "translations" / source, folder)
        for path in sorted(folder.glob("*.yaml")):
            data = _load(path.read_text(encoding="utf-8"))
            data["language"] = code
            if path.stem == "glossary":
                data.pop("variant", None)
                _dump(path, data, "../../schemas/glossary.schema.json")
                continue
            for entry in data["entries"].values():
                if entry.get("text"):
                    entry["text"] = _marked(entry["text"], word, path.stem == "ui")
                    _refresh(entry, fingerprint)
            _official_source(out, data, f"{data['source']}.{code}.txt")
            _entry_sources(out, data, code)
            _dump(path, data, "../../schemas/translation.schema.json")
        if (out / "docs" / source).is_dir():
            shutil.copytree(out / "docs" / source, out / "docs" / code)
        config["languages"][code] = name
        config["published"].append(code)
    _dump(config_path, config, "../schemas/languages.schema.json")
    subprocess.run([sys.executable, "-m", "aiprinciples", "--root", str(out), "fmt"], check=True, capture_output=True)  # the tools' own layout
    return out


def _copy_document(doc: dict, old: str, new: str, word: str) -> dict:
    """The document under a new id: every unit id and slug renamed, every text marked (its source files are the caller's)."""
    def unit(unit_id: str) -> str:
        return new + unit_id[len(old):]

    copied = copy.deepcopy(doc)
    copied["id"] = new
    copied["title"] = _marked(copied["title"], word)
    if isinstance(copied.get("subtitle"), str):
        copied["subtitle"] = _marked(copied["subtitle"], word)
    for key in ("preamble", "closing"):
        for paragraph in copied.get(key) or []:
            paragraph["id"], paragraph["text"] = unit(paragraph["id"]), _marked(paragraph["text"], word)
    for principle in copied["principles"]:
        principle["id"], principle["title"] = unit(principle["id"]), _marked(principle["title"], word)
        principle["slug"] = f"{principle['slug']}-{word.lower()}"
        principle.pop("aliases", None)
        for point in principle["points"]:
            point["id"], point["text"] = unit(point["id"]), _marked(point["text"], word)
            point.pop("aliases", None)
    copied["notes"] = {unit(key): value for key, value in (copied.get("notes") or {}).items()}
    for version in copied.get("versions") or []:
        if version.get("status") != "original":
            version.pop("source_file", None)
    return copied


def _document_texts(doc: dict) -> dict[str, str]:
    out = {f"{doc['id']}-title": doc["title"]}
    if isinstance(doc.get("subtitle"), str):
        out[f"{doc['id']}-subtitle"] = doc["subtitle"]
    for key in ("preamble", "closing"):
        out.update((p["id"], p["text"]) for p in doc.get(key) or [])
    for principle in doc["principles"]:
        out[principle["id"]] = principle["title"]
        out.update((pt["id"], pt["text"]) for pt in principle["points"])
    # Editorial notes on the English are translatable units too ("<id>.note"): keep their translations.
    out.update((f"{unit_id}.note", note) for unit_id, note in (doc.get("notes") or {}).items())
    return out


def _copy_translation(data: dict, old: str, new: str, word: str, english: dict[str, str], fingerprint) -> dict:
    copied = copy.deepcopy(data)
    copied["source"] = new
    entries = {}
    for unit_id, entry in copied["entries"].items():
        new_id = new + unit_id[len(old):]
        if new_id not in english:
            continue
        if entry.get("text"):
            entry["text"] = _marked(entry["text"], word)
        entry["en"] = english[new_id]
        entry["fingerprint"] = fingerprint(english[new_id])
        _refresh(entry, fingerprint)
        entries[new_id] = entry
    copied["entries"] = entries
    return copied


def _entry_sources(out: Path, data: dict, prefix: str) -> None:
    """An official entry in a site translation (AIE's Spanish title) is checked against its own source file: one per marked copy."""
    for unit_id, entry in data["entries"].items():
        if entry.get("source_file") and entry.get("text"):
            name = f"{prefix}-{unit_id}.txt"
            (out / "principles" / "sources" / name).write_text(entry["text"] + "\n", encoding="utf-8")
            entry["source_file"] = name


def _official_source(out: Path, data: dict, name: str) -> None:
    """An official translation is checked word for word against its source file: give the marked copy one of its own."""
    if data.get("status") == "official" and data.get("source_file"):
        lines = [entry["text"] for entry in data["entries"].values() if entry.get("text")]
        (out / "principles" / "sources" / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        data["source_file"] = name


def _refresh(entry: dict, fingerprint) -> None:
    """Fingerprints of an edited text, as the tools record them: still current, still reviewed."""
    if entry.get("text_fingerprint"):
        entry["text_fingerprint"] = fingerprint(entry["text"])
    if entry.get("reviewed_fingerprint"):
        entry["reviewed_fingerprint"] = fingerprint(entry["text"])


def _marked(text: str, word: str, interface: bool = False) -> str:
    """The text with a marker word in front: a distinct text, no punctuation or number added.

    Interface strings keep their {placeholders} and get the word only when they have none
    (site_name, every page's and every preview's title, is one of those)."""
    if interface and "{" in text:
        return text
    return f"{word} {text}"


def _load(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _dump(path: Path, data: dict, schema: str) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=10_000)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tree", type=Path, help="the project to copy (a checkout)")
    parser.add_argument("out", type=Path, help="where to write the synthetic project (must not exist)")
    parser.add_argument("--documents", type=int, default=10)
    parser.add_argument("--languages", type=int, default=5)
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} exists: give a new folder")
    make_project(args.tree.resolve(), args.out, args.documents, args.languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
