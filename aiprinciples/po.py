"""Gettext PO export and import, so translators can use Poedit, Weblate or any CAT tool.

msgctxt is the unit id, msgid the current English, msgstr the translation;
outdated entries are marked fuzzy with the English they were translated from as
the previous msgid. Import writes through writer.py, so export -> import of an
unchanged PO changes no byte.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib

from aiprinciples.fingerprint import fingerprint
from aiprinciples.loader import load_corpus
from aiprinciples.translate import read_raw, translation_path, write


def export_po(root: Path, lang: str) -> str:
    return po_text(load_corpus(root).corpus, lang)


def po_text(corpus, lang: str) -> str:
    """The PO file of one language, from a loaded corpus."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "aiprinciples",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for source, units in corpus.sources.items():
        translation = corpus.translations.get((lang, source))
        for unit_id, english in units.items():
            entry = translation.entries.get(unit_id) if translation else None
            text = entry.text if entry else ""
            if UNCARRIED.search(text) or (entry and entry.note and UNCARRIED.search(entry.note)):
                raise ValueError(f"{lang}/{source}: {unit_id} holds a control or line-separator character that PO cannot carry; run `aiprinciples check` and fix it first")
            po_entry = polib.POEntry(msgctxt=unit_id, msgid=english, msgstr=text, comment=f"source: {source}")
            if entry is not None:
                po_entry.tcomment = entry.note or ""
                if entry.fingerprint != fingerprint(english) and entry.text:
                    po_entry.flags.append("fuzzy")
                    po_entry.previous_msgid = entry.en
            po.append(po_entry)
    return str(po) + "\n"


def import_po(root: Path, lang: str, po_text: str) -> list[str]:
    """Write the PO's translations into translations/<lang>/; returns ids the corpus does not know."""
    loaded = load_corpus(root)
    corpus = loaded.corpus
    po = polib.pofile(po_text)
    by_id = {e.msgctxt: e for e in po if not e.obsolete}
    unknown = sorted(set(by_id) - {i for units in corpus.sources.values() for i in units})
    for source, units in corpus.sources.items():
        path = translation_path(loaded.root, lang, source)
        data = read_raw(path) if path.exists() else None
        if data is None:
            continue
        for unit_id, english in units.items():
            po_entry = by_id.get(unit_id)
            if po_entry is None:
                continue
            entry = data["entries"].setdefault(unit_id, {"en": english, "fingerprint": fingerprint(english), "text": ""})
            if entry.get("text") != po_entry.msgstr:
                entry["text"] = po_entry.msgstr
                entry.pop("reviewed_by", None), entry.pop("reviewed_on", None)  # new wording, new review
            entry["note"] = po_entry.tcomment or None
            # Cleared fuzzy on a translated entry: it now translates the current English.
            if "fuzzy" not in po_entry.flags and po_entry.msgstr and entry["fingerprint"] != fingerprint(english):
                entry["en"], entry["fingerprint"] = english, fingerprint(english)
        write(loaded, lang, source, data)
    return unknown


# Constant data: characters PO files cannot carry (Python and gettext split lines on some of them).
UNCARRIED = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")  # keeps \t and \n; refuses \r and the rest
