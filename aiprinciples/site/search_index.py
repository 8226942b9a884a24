"""One language's search index, written a page at a time.

Material's search plugin gathers a language's entries until its build ends, then writes them as one
JSON document. Here each page's entries are taken as soon as the page is written, made into this
site's documents and spooled to an anonymous temporary file; the index is copied from the spool when
the language's build ends. Memory holds one page's entries, whatever the number of pages.

The output is what `json.dumps({"config": …, "docs": […]}, sort_keys=True)` would give for the whole
index at once, byte for byte: "config" sorts before "docs", and each part is dumped with sorted keys.
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from aiprinciples.memo import LruMemo
from aiprinciples.site.pages import lang_prefix


class LanguageIndex:
    """The search documents of one language, spooled as its pages are written."""

    def __init__(self, corpus, code: str) -> None:
        self.corpus, self.code = corpus, code
        self.material_config: dict | None = None  # Material's search configuration, known when the language's build ends
        self._root = "" if code == corpus.default_language else f"{code}/"
        self._spool = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # gone when closed, or when the process ends
        self._count = 0

    def add(self, entries: Iterable[dict]) -> None:
        """Material's entries for one page: addresses made relative to the language's root, folded words added."""
        for entry in entries:
            doc = _with_folded({**entry, "location": entry["location"].removeprefix(self._root)})
            self._spool.write(("," if self._count else "") + _dumps(doc))
            self._count += 1

    def __len__(self) -> int:
        return self._count

    def write(self, site_dir: Path) -> None:
        """search/search_index.json and its file:// variant search_index.js, under the language's root; closes the spool."""
        if self.material_config is None:
            raise ValueError(f"the search index of {self.code!r} is written before its build ended")
        folder = site_dir / lang_prefix(self.corpus, self.code) / "search"
        folder.mkdir(parents=True, exist_ok=True)
        head = '{"config":' + _dumps(index_config(self.code, self.material_config)) + ',"docs":['
        with open(folder / "search_index.json", "w", encoding="utf-8") as data, open(folder / "search_index.js", "w", encoding="utf-8") as script:
            data.write(head)
            script.write("var __index = " + head)  # Material loads this variant when the site is opened from disk
            self._spool.seek(0)
            while chunk := self._spool.read(CHUNK):
                data.write(chunk)
                script.write(chunk)
            data.write("]}")
            script.write("]};\n")
        self.close()

    def close(self) -> None:
        self._spool.close()


def index_config(code: str, material_config: dict) -> dict:
    """Material's search configuration with the folded field, in the language lunr knows (English otherwise)."""
    fields = {**material_config.get("fields", {}), FOLDED: {"boost": 1.0}}
    return {**material_config, "fields": fields, "lang": [code] if code in LUNR_LANGUAGES else ["en"]}


def _dumps(value) -> str:
    # default=str as Material's own: a search boost or tag that is not a string is written as text.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _with_folded(doc: dict) -> dict:
    words = f"{doc.get('title', '')} {doc.get('text', '')}"
    folded = _folded.get(words, lambda: fold(words))
    return {**doc, FOLDED: folded} if folded != words else doc


def fold(text: str) -> str:
    """Text without its accents (é → e, ç → c, ã → a); Hangul and other scripts unchanged."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if unicodedata.category(char) != "Mn"))


# Kept by text for `mkdocs serve`, which indexes every unchanged page again at each save; a one-off build folds each text once.
_folded: LruMemo[str] = LruMemo(8192, between_builds=True)

# Constant data.
CHUNK = 1 << 20
FOLDED = "folded"  # the search index's field of accent-free words
LUNR_LANGUAGES = {"en", "es", "fr", "ko", "pt", "de", "it", "nl", "ja", "ru", "zh"}
