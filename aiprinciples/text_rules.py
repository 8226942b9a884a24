"""Rules every text obeys, English or translated: what the checker rejects outright.

Decisions per hostile category are recorded in CONTRIBUTING.md ("Untrusted text");
everything not rejected here is still rendered as inert text by the site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

# (rule, message, fix) for one text.
Finding = tuple[str, str, str]


def text_findings(text: str, english: str | None = None, spaced: bool = False) -> Iterator[Finding]:
    """Findings for one text; `spaced` texts (separators such as ", ") may start or end with spaces."""
    if not text.strip():
        yield "empty-text", "text is empty", "Write the translation of the `en` text"
        return
    if text != text.strip() and not (spaced and text.strip(" \u00a0\u202f") == text.strip() and "\n" not in text):
        yield "spaces", "text starts or ends with spaces or line breaks", "Remove them"
    if unicodedata.normalize("NFC", text) != text:
        yield "not-nfc", "text is not in Unicode NFC form (e.g. Hangul stored as separate jamo)", "Run `aiprinciples fmt`, which normalises it"
    for char in sorted(set(INVISIBLE.findall(text))):
        if char in LINE_BREAKS:
            yield "invisible-char", f"text contains a line break ({char_name(char)})", LINE_BREAK_FIX
        else:
            yield "invisible-char", f"text contains the invisible character {char_name(char)}", INVISIBLE_FIX
    if HTML.search(text):
        yield "html", "text contains HTML markup", "Write plain text: the site shows every text as text, so tags are never needed"
    if len(text) > MAX_LENGTH:
        yield "too-long", f"text is {len(text)} characters long, more than {MAX_LENGTH}", "Shorten it: a unit is one paragraph or point"
    elif english is not None and len(text) > 3 * len(english) + 80:
        yield "too-long", f"text is {len(text)} characters, far longer than its English ({len(english)})", "Translate only what the `en` text says"


def char_name(char: str) -> str:
    """"U+0009 CHARACTER TABULATION (TAB)": the code point and a name a person recognises, for any character.

    Unicode gives control characters no name (unicodedata.name fails), only aliases: those
    come from the tables below; other nameless code points are described by their kind.
    """
    code = ord(char)
    name = unicodedata.name(char, "") or CONTROL_NAMES.get(code) or NAMELESS.get(unicodedata.category(char), "with no name")
    return f"U+{code:04X} {name}"


def terminal_safe(text: str) -> str:
    """Text for a terminal: line breaks kept, every other invisible or control character escaped."""
    return "\n".join(INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) <= 0xFFFF else f"\\U{ord(m.group()):08x}", line) for line in text.split("\n"))


def spaced_key(key: str) -> bool:
    """Interface strings that are separators keep their surrounding spaces."""
    return key.endswith("_separator")


# Constant data.
MAX_LENGTH = 3000
# Characters a reader cannot see, or that change how the text around them reads, by Unicode
# property rather than by hand: default-ignorable code points (zero-width characters, Hangul
# fillers, variation selectors, the soft hyphen), bidirectional controls, controls, format,
# private-use, surrogate and unassigned code points, line and paragraph separators, and blank
# look-alikes (every white space but the space and the two no-break spaces typography needs,
# and U+2800 BRAILLE PATTERN BLANK).
INVISIBLE = regex.compile(
    r"[[\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{White_Space}\u2800]--[ \u00a0\u202f]]",
    flags=regex.V1,
)
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
LINE_BREAK_FIX = (
    "Join the lines with a space: the site shows each text as one paragraph, without line breaks "
    "(in the file, keep the text on one line, without \\n)"
)
INVISIBLE_FIX = "Delete it (use an ordinary space where a space is meant): invisible and direction-changing characters can disguise what a text says"
# Unicode's name aliases of the control characters (NameAliases.txt), the usual abbreviation in brackets.
C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "BELL", "BACKSPACE", "CHARACTER TABULATION (TAB)", "LINE FEED (LF)", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN (CR)", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM",
    "SUBSTITUTE", "ESCAPE (ESC)", "FILE SEPARATOR", "GROUP SEPARATOR", "RECORD SEPARATOR", "UNIT SEPARATOR",
)
C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
    "NEXT LINE (NEL)", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD", "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE", "DEVICE CONTROL STRING", "PRIVATE USE ONE",
    "PRIVATE USE TWO", "SET TRANSMIT STATE", "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA",
    "END OF GUARDED AREA", "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
)
CONTROL_NAMES = {**dict(enumerate(C0_NAMES)), 0x7F: "DELETE", **{0x80 + i: name for i, name in enumerate(C1_NAMES)}}
NAMELESS = {
    "Co": "(a private-use character, with no standard meaning)",
    "Cs": "(a surrogate, never valid on its own)",
    "Cn": "(unassigned: not a character in Unicode yet)",
}
HTML = re.compile(r"<\s*[a-zA-Z/!?]")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # a placeable as aiprinciples.messages.prose() writes it ({x})
