"""The translator's path, end to end: scaffold, fill, check, PO round trip, review, status; and a new language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib
import pytest

from aiprinciples.checks import check
from aiprinciples.loader import load_corpus
from aiprinciples.po import export_po, import_po
from aiprinciples.status import statuses
from tests.cli import run_cli
from tests.corpus import DRAFTS, NEW_LANGUAGE, NEW_LANGUAGE_NAME, TRANSLATED

pytestmark = pytest.mark.slow

NEW = NEW_LANGUAGE  # a language the corpus does not have yet (de, unless a German draft exists)


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--root", str(project), *args)


def add_language(project: Path, code: str, name: str) -> None:
    languages = project / "translations" / "languages.yaml"
    text = languages.read_text(encoding="utf-8")
    languages.write_text(text.replace("\nlanguages:\n", f"\nlanguages:\n  {code}: {name}\n", 1), encoding="utf-8")
    about = project / "docs" / code / "about.md"  # every language needs the hand-written pages
    about.parent.mkdir(parents=True, exist_ok=True)
    about.write_text((project / "docs" / "en" / "about.md").read_text(encoding="utf-8"), encoding="utf-8")


def publish(project: Path, code: str) -> None:
    languages = project / "translations" / "languages.yaml"
    text = languages.read_text(encoding="utf-8")
    languages.write_text(text.replace("published: [en, ", f"published: [en, {code}, ", 1), encoding="utf-8")
    about = project / "docs" / code / "about.md"  # the published site needs its pages translated
    about.write_text(about.read_text(encoding="utf-8").replace("untranslated: true\n", ""), encoding="utf-8")


def fill(project: Path, code: str, prefix: str) -> None:
    """Stand in for a translator: every empty text becomes a marked copy of its English, and every
    undecided glossary term the English term itself, its English forms as variants (which is what
    those copies use, so translation QA finds nothing to say)."""
    for path in (project / "translations" / code).glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        for i, line in enumerate(lines):
            if line == '    text: ""':
                start = next(j for j in range(i - 1, 0, -1) if lines[j].startswith("    en: "))
                english = lines[start].removeprefix("    en: ")
                if english == "|-":  # a multi-line Fluent message: a block of the same shape
                    block = [row for row in lines[start + 1:i] if row.startswith("      ")]
                    lines[i] = "\n".join(["    text: |-", "      " + prefix + block[0][6:], *block[1:]])
                else:
                    lines[i] = f"    text: {english[0]}{prefix}{english[1:]}"
            elif line == '    term: ""':
                forms = lines[i - 1].removeprefix("    en_forms: ") if lines[i - 1].startswith("    en_forms: ") else ""
                english = next(lines[j] for j in range(i - 1, 0, -1) if lines[j].startswith("  - en: ")).removeprefix("  - en: ")
                lines[i] = f"    term: {english}" + (f"\n    variants: {forms}" if forms else "")
        path.write_text("\n".join(lines), encoding="utf-8")


def test_translator_path(project):
    add_language(project, NEW, NEW_LANGUAGE_NAME)
    assert run(project, "scaffold", NEW, "--method", "human").returncode == 0
    assert run(project, "check").stdout == "corpus ok\n"  # a draft language may be empty
    publish(project, NEW)
    scaffolded = run(project, "check")
    assert scaffolded.returncode == 1 and f"translations/{NEW}/win.yaml" in scaffolded.stdout and "[empty-text]" in scaffolded.stdout
    fill(project, NEW, "DE: ")
    assert run(project, "fmt").returncode == 0  # records the texts as translating the current English
    assert run(project, "check").stdout == "corpus ok\n"

    # PO export and import: an unchanged round trip changes no byte.
    before = {p: p.read_bytes() for p in (project / "translations" / NEW).glob("*.yaml")}
    po_text = export_po(project, NEW)
    assert import_po(project, NEW, po_text) == []
    assert {p: p.read_bytes() for p in before} == before

    # A translator edits one entry in their CAT tool.
    po = polib.pofile(po_text)
    entry = next(e for e in po if e.msgctxt == "win-1-1")
    entry.msgstr = "DE (überarbeitet): " + entry.msgid  # keeps the filled glossary's terms, so QA has nothing to say
    import_po(project, NEW, str(po))
    assert load_corpus(project).corpus.translations[(NEW, "win")].entries["win-1-1"].text == entry.msgstr

    reviewed = run(project, "review", NEW, "win-1-1", "win-1-2", "--by", "Ada Reviewer")
    assert reviewed.returncode == 0, reviewed.stderr
    rows = {(r.language, r.source): r for r in statuses(load_corpus(project).corpus)}
    assert rows[(NEW, "win")].reviewed == 2 and rows[(NEW, "win")].review_state == "partly"
    assert run(project, "check").stdout == "corpus ok\n"
    status = run(project, "status").stdout
    assert any(line.split()[:2] == [NEW, "win"] and "partly" in line for line in status.splitlines())


def test_outdated_entries_are_marked_fuzzy_and_shown_with_a_diff(project):
    win = project / "principles" / "win.yaml"
    win.write_text(win.read_text(encoding="utf-8").replace("Creativity is inherently human", "Creativity is inherently and wholly human"), encoding="utf-8")
    outdated = run(project, "outdated", "fr")
    assert "win-2-1 is outdated" in outdated.stdout
    assert "Creativity is inherently {+and wholly+} human" in outdated.stdout
    po = polib.pofile(export_po(project, "fr"))
    entry = next(e for e in po if e.msgctxt == "win-2-1")
    assert "fuzzy" in entry.flags and entry.previous_msgid == "Creativity is inherently human and is at the heart of all great music and other art."
    # The translator updates the text and clears fuzzy: the entry now translates the current English.
    entry.flags.remove("fuzzy")
    entry.msgstr = "La créativité est intrinsèquement et entièrement humaine et se trouve au cœur de toute grande musique et de toute autre forme d’art."
    import_po(project, "fr", str(po))
    assert [p for p in check(project) if p.rule == "outdated" and p.path.startswith("translations/fr/")] == []


def test_refresh_clears_outdated_and_the_review(project):
    assert run(project, "review", "pt", "win-2-1", "--by", "R").returncode == 0
    win = project / "principles" / "win.yaml"
    win.write_text(win.read_text(encoding="utf-8").replace("Creativity is inherently human", "Creativity is always human"), encoding="utf-8")
    assert any(p.rule == "outdated" and p.is_warning for p in check(project))
    refused = run(project, "refresh", "es", "win-2-1")  # the text was never revised
    assert refused.returncode == 1 and "--force" in refused.stderr
    corpus = load_corpus(project).corpus
    for lang in TRANSLATED:
        if not corpus.translations[(lang, "win")].is_official("win-2-1"):  # the issuer's own wording waits for the issuer
            assert run(project, "refresh", lang, "win-2-1", "--force").returncode == 0
    corpus = load_corpus(project).corpus
    assert corpus.translations[("pt", "win")].entries["win-2-1"].reviewed_by is None
    # Translations are current again; the edited English itself is no longer the official wording,
    # and WIN's Korean awaits WIN. (A draft's untranslated win-2-1 shows the old English: scaffold updates it.)
    drafts = tuple(f"translations/{code}/" for code in DRAFTS)
    left = [(p.path, p.rule) for p in check(project) if not p.path.startswith(drafts or ("//",))]
    assert left == [("principles/win.yaml", "not-verbatim"), ("translations/ko/win.yaml", "awaiting-issuer")]


def test_unknown_ids_in_review_exit_1(project):
    result = run(project, "review", "es", "win-99-9", "--by", "R")
    assert result.returncode == 1 and "unknown id: win-99-9" in result.stderr


@pytest.mark.parametrize("command, message", [
    (["scaffold", "xx", "--method", "human"], "'xx' is not in translations/languages.yaml yet"),
    (["review", "xx", "win-1-1", "--by", "R"], "unknown language 'xx'"),
])
def test_unconfigured_language_is_refused(project, command, message):
    result = run(project, *command)
    assert result.returncode != 0 and message in result.stderr


def test_a_new_language_needs_only_its_folder_and_one_line(project):
    assert run(project, "scaffold", NEW, "--name", NEW_LANGUAGE_NAME, "--method", "human").returncode == 0
    fill(project, NEW, "DE: ")
    publish(project, NEW)
    assert run(project, "check").stdout == "corpus ok\n"
    status = run(project, "status").stdout
    assert sum(1 for line in status.splitlines() if line.startswith(f"{NEW} ")) == 4
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, capture_output=True, text=True, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8000/"})
    assert build.returncode == 0, build.stderr
    page = (project / "site" / NEW / "win" / "copyright" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{NEW}"' in page and 'id="win-1-3"' in page and "DE: " in page
    assert f'hreflang="{NEW}"' in (project / "site" / "es" / "win" / "copyright" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("where", ["before", "after"])
def test_root_is_accepted_before_or_after_the_command(project, tmp_path, where):
    args = ["--root", str(project), "check"] if where == "before" else ["check", "--root", str(project)]
    result = subprocess.run([sys.executable, "-m", "aiprinciples", *args], capture_output=True, text=True, cwd=tmp_path)  # not the project folder
    assert (result.returncode, result.stdout) == (0, "corpus ok\n"), result.stderr
