"""Language codes as the corpus writes them (pt, pt-BR) and as Babel reads them (pt, pt_BR)."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError


def babel_locale(code: str) -> Locale:
    """The CLDR locale of a corpus language code; ValueError if Babel does not know it."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, LookupError) as err:
        raise ValueError(str(err)) from None
