"""The registry of public URLs and point anchors (tests/permalinks.txt).

Regenerate after adding pages or points, never to hide a lost one:
    .venv/bin/python -m tests.permalinks <built site folder>
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

REGISTRY = Path(__file__).resolve().parent / "permalinks.txt"
UNIT_ID = re.compile(r'id="((?:win|aie)(?:-\d+)+)"')


def public_links(site: Path) -> set[str]:
    """Every page URL (from the site root, "/es/win/copyright/"), and every principle/point anchor as url#id."""
    links = set()
    for page in site.rglob("index.html"):
        relative = str(page.parent.relative_to(site))
        url = "/" if relative == "." else f"/{relative}/"
        links.add(url)
        if "/p/" in url:
            continue
        links.update(f"{url}#{unit}" for unit in UNIT_ID.findall(page.read_text(encoding="utf-8")))
    return links


def read_registry() -> set[str]:
    return {line for line in REGISTRY.read_text(encoding="utf-8").split("\n") if line and not line.startswith("#")}


if __name__ == "__main__":
    site = Path(sys.argv[1])
    header = "# Every public URL and point anchor of the site. A build that loses one fails tests/test_permanence.py.\n# Regenerate with: .venv/bin/python -m tests.permalinks <site>  (only to add, never to remove)\n"
    REGISTRY.write_text(header + "\n".join(sorted(public_links(site) | (read_registry() if REGISTRY.exists() else set()))) + "\n", encoding="utf-8")
