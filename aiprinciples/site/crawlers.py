"""What crawlers and browsers ask every site for: /robots.txt and /favicon.ico.

robots.txt names the sitemap by its absolute address (crawlers read it only at the
root of a host: a site published under a path, https://example.org/principles/,
needs the host's own robots.txt to name it too; README, "Publish it").
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap lists them, with their language versions."""
    return ROBOTS.format(sitemap=site_url + "sitemap.xml")


def favicon_ico(png: bytes) -> bytes:
    """The theme's PNG favicon as /favicon.ico, which browsers and crawlers request without a <link>."""
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=[size for size in ICO_SIZES if size[0] <= image.width])
    return out.getvalue()


def write_crawler_files(site_dir: Path, site_url: str, favicon: str) -> None:
    """robots.txt and favicon.ico at the site's root; `favicon` is the theme's icon, relative to site_dir."""
    (site_dir / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    source = site_dir / favicon
    if source.suffix.lower() == ".png" and source.is_file():
        (site_dir / "favicon.ico").write_bytes(favicon_ico(source.read_bytes()))


# Constant data.
ROBOTS = "# Every page may be crawled. Share and redirect pages say noindex themselves.\nUser-agent: *\nDisallow:\n\nSitemap: {sitemap}\n"
ICO_SIZES = ((16, 16), (32, 32), (48, 48))
