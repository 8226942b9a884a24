"""Rules every text obeys, English or translated: what the checker rejects outright.

Decisions per hostile category are recorded in CONTRIBUTING.md ("Untrusted text");
everything not rejected here is still rendered as inert text by the site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

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
        yield "not-nfc", "text is not in Unicode NFC form (e.g. Hangul stored as separate jamo)", "Run `python -m aiprinciples fmt`, which normalises it"
    for char in sorted(set(text)):
        category = unicodedata.category(char)
        if category in INVISIBLE and char not in ALLOWED_INVISIBLE:
            name = unicodedata.name(char, "unnamed")
            yield "invisible-char", f"text contains the invisible character U+{ord(char):04X} {name}", "Delete it: invisible and direction-changing characters can disguise what a text says"
    if HTML.search(text):
        yield "html", "text contains HTML markup", "Write plain text: the site shows every text as text, so tags are never needed"
    if len(text) > MAX_LENGTH:
        yield "too-long", f"text is {len(text)} characters long, more than {MAX_LENGTH}", "Shorten it: a unit is one paragraph or point"
    elif english is not None and len(text) > 3 * len(english) + 80:
        yield "too-long", f"text is {len(text)} characters, far longer than its English ({len(english)})", "Translate only what the `en` text says"


def spaced_key(key: str) -> bool:
    """Interface strings that are separators keep their surrounding spaces."""
    return key.endswith("_separator")


def placeholders(text: str) -> set[str]:
    """The placeholder names of an interface string: "{document|de}" counts as "document"."""
    return {name for name, _form in PLACEHOLDER.findall(text)}


def name_forms(text: str) -> set[str]:
    """The grammatical forms an interface string asks for, e.g. {"de"} for "{document|de}"."""
    return {form for _name, form in PLACEHOLDER.findall(text) if form}


def fill(template: str, values: dict[str, str], forms: dict[str, dict[str, str]] | None = None, escape=str) -> str:
    """Fill {name} and {name|form} placeholders with escape(value).

    A form is looked up by the plain value, an organisation's short name: {document|de}
    with document="AIE" gives forms["AIE"]["de"] ("de l’AIE"); the checker makes sure it exists.
    """
    def one(match: re.Match) -> str:
        name, form = match.group(1), match.group(2)
        if name not in values:
            return match.group(0)
        value = values[name]
        return escape((forms or {}).get(value, {}).get(form, value) if form else value)

    return PLACEHOLDER.sub(one, template)


# Constant data.
MAX_LENGTH = 3000
INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
ALLOWED_INVISIBLE = {"\u00ad"}  # soft hyphen: harmless, sometimes used for long compounds
HTML = re.compile(r"<\s*[a-zA-Z/!?]")
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\|([^\W\d_]{1,20}))?\}")  # {name} or {name|form}
