"""Links must never break: the registry, aliases with their redirects, reproducible and atomic builds."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tests.corpus import CORPUS, PUBLISHED, prefix
from tests.permalinks import public_links, read_registry
from tests.sitebuild import build, only

pytestmark = pytest.mark.slow


@pytest.mark.languages
def test_no_public_url_or_anchor_is_lost(real_site):
    site, _ = real_site
    lost = sorted(read_registry() - public_links(site))
    assert lost == [], f"the build lost {len(lost)} permanent link(s): {lost[:20]}; keep them (aliases) instead"


@pytest.mark.languages
def test_registry_covers_every_public_link_of_every_published_language(real_site):
    """A published language's pages and points are permanent links from the day it is published: the
    registry lists them all (a draft's are not published, so not registered)."""
    site, _ = real_site
    missing = sorted(public_links(site) - read_registry())
    assert missing == [], f"{len(missing)} public link(s) of the site are not in tests/permalinks.txt, e.g. {missing[:5]}: run `.venv/bin/python -m tests.permalinks <built site>` and commit the new lines"
    for lang in PUBLISHED:
        assert f"/{prefix(lang)}win/copyright/#win-1-3" in read_registry() and f"/{prefix(lang)}p/win-1-3/" in read_registry()


def rename_point(project: Path, old: str, new: str) -> None:
    """Give a point a new id the way CONTRIBUTING.md says: the old one becomes an alias."""
    doc = project / "principles" / "win.yaml"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text.replace(f"      - id: {old}\n", f"      - id: {new}\n        aliases: [{old}]\n"), encoding="utf-8")
    for path in (project / "translations").glob("*/win.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace(f"  {old}:\n", f"  {new}:\n"), encoding="utf-8")


def test_renamed_id_keeps_its_links_through_an_alias(project):
    rename_point(project, "win-1-3", "win-1-3a")
    result = build(project, "http://127.0.0.1:9/")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for folder in ("", "es/", "ko/"):
        redirect = (site / folder / "p/win-1-3/index.html").read_text(encoding="utf-8")
        assert 'url=../../win/copyright/#win-1-3a"' in redirect
        page = (site / folder / "win/copyright/index.html").read_text(encoding="utf-8")
        assert '<span class="ap-alias" id="win-1-3"></span>' in page and 'id="win-1-3a"' in page
    assert sorted(read_registry() - public_links(site)) == []


def test_renamed_id_without_alias_is_caught(project):
    rename_point(project, "win-1-3", "win-1-3a")
    doc = project / "principles" / "win.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("        aliases: [win-1-3]\n", ""), encoding="utf-8")
    refused = build(project, "http://127.0.0.1:9/")  # the about pages cite win-1-3: the build names each
    assert refused.returncode != 0 and "[[cite win-1-3]] names no principle or point" in refused.stderr
    for page in (project / "docs").glob("*/about.md"):  # follow the rename there; only the registry still knows
        page.write_text(page.read_text(encoding="utf-8").replace("[[cite win-1-3]]", "[[cite win-1-3a]]"), encoding="utf-8")
    assert build(project, "http://127.0.0.1:9/", environ=only(CORPUS.default_language)).returncode == 0  # where the two lost links were
    lost = read_registry() - public_links(project / "site")
    assert "/win/copyright/#win-1-3" in lost and "/p/win-1-3/" in lost


def test_two_builds_of_one_commit_are_byte_identical(real_site, real_site_again):
    first, second = real_site[0], real_site_again.site  # two processes, two folders, the preview cache filled by the first
    compared = filecmp.dircmp(first, second)
    differences = []

    def walk(cmp, where=""):
        differences.extend(f"{where}{name}" for name in cmp.diff_files + cmp.left_only + cmp.right_only)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(compared)
    # dircmp compares shallowly (size and mtime); compare contents of every file too.
    for path in first.rglob("*"):
        if path.is_file() and path.read_bytes() != (second / path.relative_to(first)).read_bytes():
            differences.append(str(path.relative_to(first)))
    assert sorted(set(differences)) == []


def test_failing_validation_leaves_existing_site_untouched(built_project):
    project, site = built_project, built_project / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert site / "index.html" in before
    broken = project / "translations" / "fr" / "win.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("  win-2-1:\n", "  win-2-1:\n    text: \"dup\"\n"), encoding="utf-8")
    result = build(project, "http://127.0.0.1:9/")
    assert result.returncode != 0
    assert "translations/fr/win.yaml:" in result.stderr and "[duplicate-key]" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
