"""The walkthrough's scenarios (../shared/reviews/translator-walkthrough.md), each with the behaviour it asked for.

Draft languages accept partial work; a correction to the English is a warning and a marker,
never a stop; reviews record what they reviewed; no tool a translator runs loses work.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.model import is_note_unit
from aiprinciples.status import statuses
from tests.cli import run_cli
from tests.conftest import ROOT
from tests.corpus import CORPUS, DEFAULT, NEW_LANGUAGE, NEW_LANGUAGE_NAME
from tests.sitebuild import build, only

pytestmark = pytest.mark.slow

NEW = NEW_LANGUAGE  # a language the corpus does not have yet (de, unless a German draft exists)

CREATIVITY = "Creativity is inherently human"  # in win-2-1


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--root", str(project), *args)


def set_text(project: Path, lang: str, source: str, unit_id: str, text: str) -> None:
    """Stand in for a translator editing one `text:` line by hand."""
    path = project / "translations" / lang / f"{source}.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index(f"  {unit_id}:")
    text_line = next(i for i in range(at + 1, len(lines)) if lines[i].startswith("    text: "))
    lines[text_line] = f'    text: "{text}"'
    path.write_text("\n".join(lines), encoding="utf-8")


def correct_english(project: Path) -> None:
    """A maintainer corrects the English of win-2-1 (and its source text, so it stays verbatim)."""
    changed = []
    for path in (project / "principles/win.yaml", *sorted((project / "principles/sources").glob("win*.txt"))):
        text = path.read_text(encoding="utf-8")
        if CREATIVITY in text:
            path.write_text(text.replace(CREATIVITY, "Creativity is inherently and wholly human"), encoding="utf-8")
            changed.append(path.name)
    assert len(changed) == 2, changed  # the document and its official source


def rules(problems, path_prefix: str = "") -> list[tuple[str, str]]:
    return sorted({(p.rule, p.severity) for p in problems if p.path.startswith(path_prefix)})


# 1. A new language is a draft: partial work is green, and status shows what is left.


def test_a_draft_language_with_three_entries_is_green_and_status_shows_what_is_left(project):
    scaffolded = run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME, "--method", "human")
    assert scaffolded.returncode == 0, scaffolded.stderr
    assert f"  {NEW}: {NEW_LANGUAGE_NAME}\n" in (project / "translations/languages.yaml").read_text(encoding="utf-8")
    for unit_id, text in (("win-title", "WIN-Grundsätze für generative KI"), ("win-1", "Einwilligung"), ("win-1-1", "Die Nutzung von Musik unterliegt dem Urheberrecht.")):
        set_text(project, NEW, "win", unit_id, text)
    result = run(project, "check")
    assert result.returncode == 0 and result.stdout.startswith("corpus ok"), result.stdout
    row = next(r for r in statuses(load_corpus(project).corpus) if (r.language, r.source) == (NEW, "win"))
    total = len([unit_id for unit_id in CORPUS.sources["win"] if not is_note_unit(unit_id)])  # editorial notes are not counted as texts
    assert (row.draft, row.translated, row.total, row.method) == (True, 3, total, "human")
    status = run(project, "status").stdout
    assert any(line.startswith(f"{NEW} (draft)  win") and f"3/{total}" in line for line in status.splitlines()), status


def test_scaffold_creates_the_whole_language_and_needs_a_method(project):
    refused = run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME)
    assert refused.returncode == 2 and "--method" in refused.stderr
    assert not (project / "translations" / NEW).exists()
    assert run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME, "--method", "machine-assisted").returncode == 0
    folder = project / "translations" / NEW
    assert sorted(p.name for p in folder.iterdir()) == ["aie.yaml", "glossary.yaml", "themes.yaml", "ui.yaml", "win.yaml"]
    assert all('method: "machine-assisted"' in (folder / f"{s}.yaml").read_text(encoding="utf-8") for s in ("win", "aie", "themes", "ui"))
    glossary = load_corpus(project).corpus.glossaries[NEW]
    english_terms = {t["en"] for t in load_corpus(ROOT).corpus.glossaries["fr"]["terms"]}
    assert english_terms <= {t["en"] for t in glossary["terms"]} and all(t["term"] == "" for t in glossary["terms"])
    about = (project / "docs" / NEW / "about.md").read_text(encoding="utf-8")
    assert about.startswith("---\nuntranslated: true\n") and about.endswith((ROOT / "docs/en/about.md").read_text(encoding="utf-8").split("---\n", 2)[-1])
    assert run(project, "check").returncode == 0


@pytest.mark.languages
def test_publishing_a_partial_language_names_every_gap(project):
    run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME, "--method", "human")
    languages = project / "translations/languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8").replace("published: [en, ", f"published: [en, {NEW}, "), encoding="utf-8")
    problems = [p for p in check(project) if p.path.startswith((f"translations/{NEW}/", f"docs/{NEW}/"))]
    assert {p.rule for p in problems} == {"empty-text", "untranslated-page", "glossary", "untranslated-note"}
    assert {p.severity for p in problems if p.rule == "untranslated-note"} == {"warning"}  # notes may follow: the site shows the English
    assert (f"docs/{NEW}/about.md", 2) in {(p.path, p.line) for p in problems if p.rule == "untranslated-page"}
    (glossary,) = [p for p in problems if p.rule == "glossary"]  # the termbase is part of publishing
    assert glossary.path == f"translations/{NEW}/glossary.yaml" and "every `term:` of its glossary is empty" in glossary.message
    assert all(p.line > 0 and "published" in p.message for p in problems)


# 2. A correction to the English is a warning on every language, and a marker on the site.


@pytest.mark.languages
def test_a_corrected_english_text_warns_in_every_language(project):
    correct_english(project)
    problems = check(project)
    assert rules(problems) == [("awaiting-issuer", "warning"), ("outdated", "warning")]
    outdated = [p for p in problems if p.rule == "outdated"]
    # Every language's win-2-1 but the issuer's own wording (WIN's Korean), drafts included.
    translations = {t.path: t for lang in CORPUS.languages if (t := CORPUS.translations.get((lang, "win"))) and lang != DEFAULT}
    assert {p.path for p in outdated} == {path for path, t in translations.items() if not t.is_official("win-2-1")}
    for problem in outdated:  # a translated text: see what changed; a draft's empty one: scaffold shows the new English
        written = translations[problem.path].entries["win-2-1"].text.strip()
        assert ("aiprinciples outdated" if written else "aiprinciples scaffold") in problem.fix, problem
    awaiting = next(p for p in problems if p.rule == "awaiting-issuer")
    assert awaiting.path == "translations/ko/win.yaml" and "Nothing to translate" in awaiting.fix
    result = run(project, "check")
    assert result.returncode == 0 and "warning: win-2-1" in result.stdout


def test_the_site_marks_a_corrected_english_text(project, tmp_path):
    correct_english(project)
    site = tmp_path / "site"
    built = build(project, "http://127.0.0.1:8000/", site, environ=only("fr", "ko"))  # the languages it reads
    assert built.returncode == 0, built.stderr
    fr = (site / "fr/win/human-centred/index.html").read_text(encoding="utf-8")
    marker = fr[fr.index('id="win-2-1"'):].split("</li>")[0]
    assert 'data-outdated="outdated"' in marker and 'href="../../../win/human-centred/#win-2-1"' in marker and "Read the current English" not in marker
    ko = (site / "ko/win/human-centred/index.html").read_text(encoding="utf-8")
    assert 'data-outdated="awaiting-issuer"' in ko[ko.index('id="win-2-1"'):].split("</li>")[0]
    assert 'data-outdated' not in fr[fr.index('id="win-2-2"'):].split("</li>")[0]  # only the changed point


@pytest.mark.languages
def test_outdated_lists_the_change_and_the_current_translation(project):
    correct_english(project)
    out = run(project, "outdated", "fr").stdout
    assert "win-2-1 is outdated" in out and f"{CREATIVITY.replace('human', '')}{{+and wholly+}} human" in out
    assert "current translation: La créativité" in out
    ko = run(project, "outdated", "ko").stdout
    assert "the issuer's own wording: it waits for the issuer's corrected text; do not edit" in ko


# 3. Reviews record the text they reviewed; refresh needs a revised text.


def test_a_review_is_of_one_text_and_an_edit_shows_it_changed(project, tmp_path):
    assert run(project, "review", "fr", "win-1-1", "win-1-2", "--by", "Ada Reviewer").returncode == 0
    entry = load_corpus(project).corpus.translations[("fr", "win")].entries["win-1-1"]
    assert entry.review_state == "reviewed" and entry.reviewed_fingerprint
    revised = load_corpus(project).corpus.translations[("fr", "win")].entries["win-1-1"].text + " Révisé."
    set_text(project, "fr", "win", "win-1-1", revised)
    row = next(r for r in statuses(load_corpus(project).corpus) if (r.language, r.source) == ("fr", "win"))
    assert (row.reviewed, row.changed_since_review) == (1, 1)
    assert "partly (1 changed since review)" in run(project, "status").stdout
    site = tmp_path / "site"
    assert build(project, "http://127.0.0.1:8000/", site, environ=only("fr")).returncode == 0
    page = (site / "fr/win/index.html").read_text(encoding="utf-8")
    messages = load_corpus(project).corpus.messages  # the page says it in whole French sentences, from the interface's messages
    assert messages.format("fr", "notice_changed_since_review", count=1).text in page
    assert messages.format("fr", "notice_review", state="partly", reviewed=1, total=row.total).text in page


@pytest.mark.parametrize(("lang", "unit_id", "refusal"), [
    ("ko", "win-1-1", "is the issuer's own wording"),
    ("fr", "win-2-1", "is outdated"),
])
def test_review_refuses_what_it_must_not_mark(project, lang, unit_id, refusal):
    correct_english(project)
    before = {p: p.read_bytes() for p in (project / "translations").rglob("*.yaml")}
    result = run(project, "review", lang, unit_id, "--by", "Ada Reviewer")
    assert result.returncode == 1 and refusal in result.stderr and "Nothing was written" in result.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_review_refuses_an_empty_entry(project):
    run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME, "--method", "human")
    result = run(project, "review", NEW, "win-1-1", "--by", "Ada Reviewer")
    assert result.returncode == 1 and "not translated yet" in result.stderr


def test_refresh_needs_a_revised_text_or_force(project):
    correct_english(project)
    path = project / "translations/fr/win.yaml"
    before = path.read_bytes()
    refused = run(project, "refresh", "fr", "win-2-1")
    assert refused.returncode == 1 and "has not changed since the English did" in refused.stderr and "--force" in refused.stderr
    assert path.read_bytes() == before
    set_text(project, "fr", "win", "win-2-1", "La créativité est intrinsèquement et entièrement humaine.")
    assert run(project, "refresh", "fr", "win-2-1").returncode == 0
    assert not [p for p in check(project) if p.path == "translations/fr/win.yaml" and p.rule == "outdated"]


KOREAN_2_1 = "창의성은 본질적으로 인간으로 부터 나온 것이며 모든 위대한 음악과 다른 예술의 핵심입니다."


def test_refresh_refuses_the_issuers_own_wording_forced_or_not_and_outdated_never_advises_it(project):
    correct_english(project)
    path = project / "translations/ko/win.yaml"
    before = path.read_bytes()
    for forced in ([], ["--force"]):
        refused = run(project, "refresh", "ko", "win-2-1", *forced)
        assert refused.returncode == 1 and "Nothing was written" in refused.stderr, refused.stderr
        assert "is WIN's own wording (official)" in refused.stderr and "awaiting the issuer's update" in refused.stderr and "until WIN publishes its corrected text" in refused.stderr
        assert path.read_bytes() == before
    assert "awaiting-issuer" in {p.rule for p in check(project)}  # still marked on the site
    out = run(project, "outdated", "ko").stdout
    assert "do not edit it" in out and "aiprinciples refresh" not in out and "1 official entry awaiting the issuer's corrected text" in out
    # A text that is not WIN's (not word for word in its file) is refused too.
    set_text(project, "ko", "win", "win-2-1", "창의성은 고쳐 쓴 문장입니다.")
    refused = run(project, "refresh", "ko", "win-2-1", "--force")
    assert refused.returncode == 1 and "not word for word in principles/sources/win-principles.ko.txt" in refused.stderr


def test_refresh_records_the_issuers_corrected_text_once_a_maintainer_copied_it(project):
    correct_english(project)
    corrected = "창의성은 본질적으로 그리고 전적으로 인간의 것이며 모든 위대한 음악과 다른 예술의 핵심입니다."
    source = project / "principles/sources/win-principles.ko.txt"
    source.write_text(source.read_text(encoding="utf-8").replace(KOREAN_2_1, corrected), encoding="utf-8")  # WIN published it
    set_text(project, "ko", "win", "win-2-1", corrected)
    result = run(project, "refresh", "ko", "win-2-1")
    assert result.returncode == 0, result.stderr
    assert not [p for p in check(project) if p.path == "translations/ko/win.yaml"]


def test_an_edited_fingerprint_says_which_command_restores_it(project):
    path = project / "translations/fr/win.yaml"
    text = path.read_text(encoding="utf-8")
    old = text.split('fingerprint: "', 1)[1][:12]
    path.write_text(text.replace(f'fingerprint: "{old}"', 'fingerprint: "000000000000"', 1), encoding="utf-8")
    problem = next(p for p in check(project) if p.rule == "fingerprint-mismatch")
    assert problem.path == "translations/fr/win.yaml" and "aiprinciples refresh fr win-title" in problem.fix
    assert run(project, "refresh", "fr", "win-title").returncode == 0
    assert not [p for p in check(project) if p.rule == "fingerprint-mismatch"]
