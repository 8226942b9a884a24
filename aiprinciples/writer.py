"""The one canonical form of a translation file.

Every tool that writes translations (scaffold, review, refresh, fmt, PO import)
goes through dump_translation(), so a file written twice is byte-identical and a
PO round trip changes nothing.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=16384)  # the layout check quotes every text of every file at each load
def quote(text: str) -> str:
    """A YAML double-quoted scalar; anything invisible is written as an escape."""
    out = []
    for char in json.dumps(text, ensure_ascii=False)[1:-1]:
        if unicodedata.category(char) in INVISIBLE_CATEGORIES:
            out.append(f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def scalar(value: object, indent: str = "    ") -> str:
    """A YAML value; an interface message over several lines (a Fluent plural or select) as a `|-` block."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if "\n" in text and _block_safe(text):
        return "|-\n" + "\n".join(f"{indent}  {line}" if line else "" for line in text.split("\n"))
    return quote(text)


def _block_safe(text: str) -> bool:
    """A literal block keeps a text exactly: no invisible character, no line that starts or ends with a space."""
    lines = text.split("\n")
    return (
        not any(unicodedata.category(char) in INVISIBLE_CATEGORIES and char != "\n" for char in text)
        and all(line == line.strip(" ") and line.strip() for line in lines[:1])
        and all(line == line.rstrip(" ") for line in lines)
        and not text.endswith("\n")
    )


def dump_translation(data: dict, language_name: str, unit_order: list[str]) -> str:
    """Render a translation file; entries follow the English reading order, unknown ids last."""
    lines = [
        "# yaml-language-server: $schema=../../schemas/translation.schema.json",
        f"# {language_name} ({data['language']}) translation of '{data['source']}'. Translators: edit `text:` (and `note:`) only.",
        "# The tools write `en`, `fingerprint` (the English you translated from) and the other fingerprints; never edit them.",
        "# Check your work: aiprinciples check   (see CONTRIBUTING.md)",
    ]
    for key in TOP_KEYS:
        if key == "entries":
            continue
        if key in data or key in ("official_url", "source_file"):
            lines.append(f"{key}: {scalar(data.get(key))}")
    lines.append("entries:")
    entries = data["entries"]
    ordered = [i for i in unit_order if i in entries] + [i for i in entries if i not in unit_order]
    for unit_id in ordered:
        entry = entries[unit_id]
        lines.append(f"  {unit_id}:")
        for key in ENTRY_KEYS:
            value = entry.get(key)
            if isinstance(value, dict):  # qa_skip: one level of rule -> reason, rules in alphabetical order
                if value:
                    lines.append(f"    {key}:")
                    lines.extend(f"      {name}: {scalar(value[name])}" for name in sorted(value))
            elif key in ("en", "fingerprint", "text") or value is not None:
                lines.append(f"    {key}: {scalar(entry.get(key, ''))}")
    return "\n".join(lines) + "\n"


def layout_difference(actual: str, canonical: str) -> tuple[int, str]:
    """The first line where a file departs from its canonical layout, and what is expected there."""
    have, want = actual.split("\n"), canonical.split("\n")  # canonical ends with a line break: want[-1] == ""
    for number, (line, wanted) in enumerate(zip(have, want, strict=False), 1):
        if line != wanted:
            if not wanted and number == len(want):
                return number, f"the file should end after line {number - 1}"
            return number, f"it should read: {_shown(wanted)}"
    if len(have) > len(want):
        return len(want), f"the file should end after line {len(want) - 1}"
    return len(have), "the last line should end with a line break"


def _shown(line: str) -> str:
    """A canonical line for a message: trimmed, with its indentation spelt out."""
    if not line.strip():
        return "an empty line"
    spaces = len(line) - len(line.lstrip(" "))
    text = line.strip()
    text = text if len(text) <= 70 else text[:69] + "…"
    return f"{text}, indented by {spaces} spaces" if spaces else text


# Constant data.
TOP_KEYS = ("source", "language", "status", "method", "official_url", "source_file", "entries")
ENTRY_KEYS = ("en", "fingerprint", "text", "note", "follows", "qa_skip", "status", "source_file", "reviewed_by", "reviewed_on", "reviewed_fingerprint", "text_fingerprint")
INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
