"""Helpers to build a site from a project folder and read what it wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT

PREVIEW_CACHE = ROOT / "build" / "og-cache-tests"  # shared by every build the tests make


def build(project: Path, site_url: str, site_dir: Path | None = None, strict: bool = True, quiet: bool = True, environ: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # MkDocs's -q hides warnings from its own strict-mode count: pass quiet=False to test warnings.
    # `environ` adds variables (AIPRINCIPLES_PREVIEW, AIPRINCIPLES_ONLY); without it, a production build.
    args = [sys.executable, "-m", "mkdocs", "build"] + (["-q"] if quiet else []) + (["--strict"] if strict else []) + (["-d", str(site_dir)] if site_dir else [])
    # Every copy of the project shares one preview cache: images are keyed by what they show, so a copy
    # draws only what no earlier build drew (the suite would otherwise redraw ~400 images per build).
    env = {
        **os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT),
        "AIPRINCIPLES_PREVIEW_CACHE": str(PREVIEW_CACHE), **(environ or {}),
    }
    for name in ("AIPRINCIPLES_PREVIEW", "AIPRINCIPLES_ONLY"):
        if name not in (environ or {}):
            env.pop(name, None)  # a developer's shell must not change what a test builds
    return subprocess.run(args, cwd=project, capture_output=True, text=True, env=env)


def only(*codes: str) -> dict[str, str]:
    """build()'s environ for just these languages and the default one: for a test whose point holds in any
    language, a fraction of a whole build (`make serve ONLY=fr` narrows the same way)."""
    return {"AIPRINCIPLES_ONLY": " ".join(codes)}


def html_pages(site: Path) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html")}


class Page(HTMLParser):
    """What tests need from an HTML file: ids, links, resources, head tags and the lang of the root."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[tuple[str, str]] = []
        self.head: list[dict] = []
        self.lang = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "html":
            self.lang = attributes.get("lang")
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(attributes["href"])
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attributes.get("src"):
            self.resources.append((tag, attributes["src"]))
        if tag == "link":
            self.head.append(attributes)
            if set((attributes.get("rel") or "").split()) & {"stylesheet", "icon", "preload", "modulepreload", "manifest"}:
                self.resources.append((tag, attributes.get("href", "")))
        if tag == "meta":
            self.head.append(attributes)
        if tag == "object" and attributes.get("data"):
            self.resources.append((tag, attributes["data"]))


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
