"""Fingerprint of an English text, recorded with each translation of it (like gettext's fuzzy)."""

import hashlib
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=16384)  # every load fingerprints every text again
def fingerprint(text: str) -> str:
    normal = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


FINGERPRINT_LENGTH = 12
