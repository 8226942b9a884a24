"""Link-preview images (og:image): one 1200×630 PNG per page and per point, in each language.

Drawn with Pillow from the corpus text and Debian's fonts (DejaVu Sans; NanumGothic
for Hangul), never fetched. Each image is keyed by a hash of everything drawn on it
(texts, fonts, size, this module's code) in a cache folder outside site/: an unchanged
image is copied from the cache, not drawn again. Drawing happens once per build, after
every language (hooks/site_files.py).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


@dataclass(frozen=True)
class Preview:
    heading: str
    body: str
    document: str  # the document's name, or "" on pages of the whole site
    site: str  # the site's name in the page's language
    note: str = ""  # provenance ("Unofficial translation:"), shown under the heading


def preview_path(lang: str, key: str) -> str:
    """Where a preview lives below the site root: og/<lang>/<key>.png ("principle:win-1" -> principle-win-1)."""
    return f"og/{lang}/{re.sub(r'[^a-z0-9-]+', '-', key.lower()).strip('-') or 'home'}.png"


def write_previews(previews: dict[str, Preview], site_dir: Path, cache_dir: Path, prune: bool = True) -> int:
    """Copy each preview from the cache, drawing the missing ones; drop what no build uses (unless the
    cache is shared with other projects). Returns how many were drawn."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    drawn, used = 0, set()
    for rel, preview in sorted(previews.items()):
        cached = cache_dir / f"{cache_key(preview)}.png"
        used.add(cached.name)
        if not cached.exists():
            partial = cached.with_suffix(f".{os.getpid()}.tmp")  # never a half-written image in the cache
            draw(preview).save(partial, format="PNG")
            partial.replace(cached)
            drawn += 1
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    for stale in cache_dir.glob("*.png") if prune else ():
        if stale.name not in used:
            stale.unlink()
    return drawn


def cache_key(preview: Preview) -> str:
    drawn = {"preview": asdict(preview), "size": SIZE, "fonts": font_digests(), "code": code_digest()}
    return hashlib.sha256(json.dumps(drawn, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def draw(preview: Preview) -> Image.Image:
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, BAR, SIZE[1]), fill=ACCENT)
    width = SIZE[0] - LEFT - MARGIN
    y = _block(pen, preview.site, font_for(preview.site, True, 30), ACCENT, MARGIN, 1, width) + 6
    y = _block(pen, preview.document, font_for(preview.document, False, 28), MUTED, y, 1, width) + 26
    y = _block(pen, preview.heading, font_for(preview.heading, True, 48), INK, y, 2, width) + 14
    if preview.note:
        y = _block(pen, preview.note, font_for(preview.note, True, 26), NOTE, y, 1, width) + 6
    body_font = font_for(preview.body, False, 34)
    _block(pen, preview.body, body_font, INK, y, max((SIZE[1] - MARGIN - y) // _line_height(body_font), 0), width)
    return image


def wrap(pen: ImageDraw.ImageDraw, text: str, font, width: int, most: int | None = None) -> list[str]:
    """Words on lines no wider than width; a word wider than a line is cut where it must be.

    Near-linear in the text drawn: each line is found by a galloping then binary search over
    how many words fit (each probe measures one candidate line), a long word is cut by binary
    search, and with `most` the wrapping stops at `most + 1` lines, enough to know text is left over.
    """
    words = text.split()
    lines: list[str] = []
    i = 0
    while i < len(words) and (most is None or len(lines) <= most):
        if not _fits(pen, words[i], font, width):
            cut = _fitting(pen, words[i], font, width)
            lines.append(words[i][:cut])
            words[i] = words[i][cut:]
            i += not words[i]  # measured wider than its own prefixes (shaping): drawn whole
            continue
        end = _most_words(pen, words, i, font, width)
        lines.append(" ".join(words[i:end]))
        i = end
    return lines


def _fits(pen, line: str, font, width: int) -> bool:
    return len(line) <= MAX_LINE_CHARS and pen.textlength(line, font=font) <= width


def _most_words(pen, words: list[str], start: int, font, width: int) -> int:
    """The largest end such that words[start:end] fit on one line (words[start] alone fits)."""
    low, step = start + 1, 1  # low always fits
    while low + step <= len(words) and _fits(pen, " ".join(words[start : low + step]), font, width):
        low, step = low + step, step * 2
    high = min(low + step, len(words) + 1)  # high never fits (or is past the end)
    while high - low > 1:
        middle = (low + high) // 2
        if _fits(pen, " ".join(words[start:middle]), font, width):
            low = middle
        else:
            high = middle
    return low


def _block(pen, text: str, font, colour, y: int, most: int, width: int) -> int:
    """Draw text wrapped on at most `most` lines from y, the last one ending in an ellipsis when text is left over; returns the next y.

    At most MAX_LINE_CHARS characters per line are ever drawn or measured: a longer text is cut first.
    """
    shown = text[: MAX_LINE_CHARS * (most + 1)]
    lines = wrap(pen, shown, font, width, most)
    if len(lines) > most or (len(shown) < len(text) and lines):
        lines = lines[:most]
        if lines:
            lines[-1] = _with_ellipsis(pen, lines[-1], font, width)
    for line in lines:
        pen.text((LEFT, y), line, font=font, fill=colour)
        y += _line_height(font)
    return y


def _with_ellipsis(pen, line: str, font, width: int) -> str:
    words = line.split()
    low, high = 0, len(words)  # the most words that fit with "…" after them: binary search
    while low < high:
        middle = (low + high + 1) // 2
        if _fits(pen, " ".join(words[:middle]) + "…", font, width):
            low = middle
        else:
            high = middle - 1
    kept = " ".join(words[:low]) or line[: max(_fitting(pen, line, font, width) - 1, 1)]
    return kept.rstrip(",;:.") + "…"


def _fitting(pen, word: str, font, width: int) -> int:
    """How many leading characters of word fit in width (at least 1): binary search, O(log n) measures."""
    low, high = 1, min(len(word), MAX_LINE_CHARS)
    while low < high:
        middle = (low + high + 1) // 2
        if pen.textlength(word[:middle], font=font) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _line_height(font) -> int:
    return round(font.size * 1.3)


def font_for(text: str, bold: bool, size: int):
    """Nanum for text with Hangul (DejaVu has none), DejaVu Sans for everything else."""
    family = "hangul" if HANGUL.search(text) else "latin"
    return _font(FONTS[family][bold], size)


@functools.cache
def _font(path: str, size: int):
    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: font missing. Install Debian's fonts-dejavu-core and fonts-nanum (`apt-get install fonts-dejavu-core fonts-nanum`)")
    return ImageFont.truetype(path, size)


@functools.cache
def font_digests() -> dict[str, str]:
    paths = sorted({path for family in FONTS.values() for path in family.values()})
    return {path: hashlib.sha256(Path(path).read_bytes()).hexdigest() if Path(path).exists() else "" for path in paths}


@functools.cache
def code_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


# Constant data.
SIZE = (1200, 630)  # Open Graph's recommended size, 1.91:1
# No line of a preview holds more characters than this (about 75 of the widest, "W", or 150 of the
# narrowest, "i", fit at the smallest size): a bound on what is measured and drawn, whatever the text.
MAX_LINE_CHARS = 200
BAR, LEFT, MARGIN = 20, 80, 56
BACKGROUND, ACCENT, INK, MUTED, NOTE = "#ffffff", "#3f51b5", "#1a1a1a", "#5a5a5a", "#7a4a00"
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FONTS = {
    "latin": {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
    "hangul": {False: "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", True: "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"},
}
