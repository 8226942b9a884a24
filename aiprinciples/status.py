"""Translation status per language and source, computed from the same data as the checker."""

from __future__ import annotations

from dataclasses import dataclass

from aiprinciples.model import Corpus, is_note_unit


@dataclass(frozen=True)
class Status:
    language: str
    source: str
    total: int
    translated: int
    outdated: int
    reviewed: int
    status: str  # original, official, unofficial or source (English interface)
    method: str  # official, machine-assisted, human, or "" when missing
    path: str
    official_entries: int = 0  # units in the issuer's own wording
    project_entries: int = 0  # units in this site's translation
    changed_since_review: int = 0  # reviewed, then the text changed: not counted in `reviewed`
    awaiting_issuer: int = 0  # outdated entries in the issuer's own wording (counted in `outdated`)
    draft: bool = False  # the language is not published yet

    @property
    def review_state(self) -> str:
        if self.status in ("original", "official", "source"):
            return "n/a"
        if self.reviewed == 0:
            return "no"
        return "yes" if self.reviewed >= self.project_entries and self.translated == self.total else "partly"

    @property
    def coverage(self) -> str:
        return f"{self.translated}/{self.total}"


def statuses(corpus: Corpus) -> list[Status]:
    """A row per language and source; the texts are counted, not the editorial notes on the English ("<id>.note")."""
    rows = []
    for lang in corpus.configured_languages:
        for source, units in corpus.sources.items():
            rows.append(_status(corpus, lang, source, {unit_id: text for unit_id, text in units.items() if not is_note_unit(unit_id)}))
    return rows


def _status(corpus: Corpus, lang: str, source: str, units: dict[str, str]) -> Status:
    total = len(units)
    if lang == corpus.default_language:
        kind = corpus.documents[source].meta["english_status"] if source in corpus.documents else "source"
        method = "official" if source in corpus.documents else "human"
        path = corpus.documents[source].path if source in corpus.documents else ("principles/themes.yaml" if source == "themes" else "translations/en/ui.yaml")
        return Status(lang, source, total, total, 0, 0, kind, method, path, official_entries=total if source in corpus.documents else 0)
    translation = corpus.translations.get((lang, source))
    draft = corpus.is_draft(lang)
    if translation is None:
        return Status(lang, source, total, 0, 0, 0, "missing", "", f"translations/{lang}/{source}.yaml", draft=draft)
    done = {i: translation.entries[i] for i in units if i in translation.entries and translation.entries[i].text.strip()}
    outdated = [i for i, e in done.items() if e.is_outdated(units[i])]
    official = [i for i in done if translation.is_official(i)] if source in corpus.documents else []
    reviewed = sum(1 for e in done.values() if e.review_state == "reviewed")
    changed = sum(1 for e in done.values() if e.review_state == "changed")
    awaiting = sum(1 for i in outdated if translation.is_official(i))
    return Status(
        lang, source, total, len(done), len(outdated), reviewed, translation.status, translation.method, translation.path,
        len(official), len(done) - len(official), changed, awaiting, draft,
    )


@dataclass(frozen=True)
class Silenced:
    """A translation-QA rule silenced for one entry (its qa_skip), with the reason given."""

    path: str
    line: int
    unit_id: str
    rule: str
    reason: str


def silenced(corpus: Corpus) -> list[Silenced]:
    """Every silenced QA rule, file by file, in the file's order."""
    rows = []
    for _key, translation in sorted(corpus.translations.items()):
        for unit_id, entry in translation.entries.items():
            rows.extend(Silenced(translation.path, entry.line, unit_id, rule, reason) for rule, reason in entry.qa_skip.items())
    return rows


def format_silenced(rows: list[Silenced]) -> str:
    """The silenced QA rules, grouped by file: id, rule and reason."""
    if not rows:
        return "Translation QA: no rule is silenced (qa_skip)."
    out = [f"Translation QA rules silenced for one entry (qa_skip): {len(rows)}"]
    for path in dict.fromkeys(row.path for row in rows):
        out.append(path)
        out.extend(f"  {row.unit_id} (line {row.line})  {row.rule}: {row.reason}" for row in rows if row.path == path)
    return "\n".join(out)


def format_table(rows: list[Status]) -> str:
    header = ("language", "source", "translated", "outdated", "issuer's wording", "site's translation", "status", "method", "reviewed", "file")
    body = [
        (
            r.language + (" (draft)" if r.draft else ""), r.source, r.coverage, str(r.outdated) + (f" ({r.awaiting_issuer} awaiting the issuer)" if r.awaiting_issuer else ""),
            str(r.official_entries), str(r.project_entries), r.status, r.method, r.review_state + (f" ({r.changed_since_review} changed since review)" if r.changed_since_review else ""), r.path,
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in [header, *body])
