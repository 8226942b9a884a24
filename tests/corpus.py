"""The corpus the tests judge, and its languages, from one place.

No test names the published languages: they come from `published:` in
translations/languages.yaml. A draft language (listed, not published) is partial
by design, so it is judged only where a draft has rules of its own.

PROJECT (tests/conftest.py) is the repository, unless AIPRINCIPLES_TEST_PROJECT names a copy:
tests/test_draft_language.py scaffolds a draft in a copy and runs the tests marked
`languages` there again, which proves that a volunteer's partial language keeps
the suite green.
"""

from __future__ import annotations

from aiprinciples.loader import load_corpus
from tests.conftest import PROJECT

CORPUS = load_corpus(PROJECT).corpus
DEFAULT = CORPUS.default_language
PUBLISHED = [code for code in CORPUS.languages if not CORPUS.is_draft(code)]  # configured order, the default first
TRANSLATED = [code for code in PUBLISHED if code != DEFAULT]  # published, other than the default
DRAFTS = [code for code in CORPUS.languages if CORPUS.is_draft(code)]


# A language code for tests that scaffold a new language in a copy: one the corpus does not
# have yet (a volunteer's German draft in the repository must not collide with the tests' own).
NEW_LANGUAGE, NEW_LANGUAGE_NAME = next((code, name) for code, name in (("de", "Deutsch"), ("nl", "Nederlands"), ("sv", "Svenska"), ("pl", "Polski")) if code not in CORPUS.languages)


def prefix(lang: str) -> str:
    """A language's folder on the site: "" for the default language, "fr/" for French."""
    return "" if lang == DEFAULT else f"{lang}/"
