"""Link-preview images (og:image): one 1200×630 PNG per page, principle and point, in each language.

A principle's page and its share page (/p/<id>/) show one image (page_preview_path): pasted from
either address, the principle previews the same, and is drawn once.

Drawn with Pillow from the corpus text and Debian's fonts (DejaVu Sans; NanumGothic
for Hangul), never fetched. The text is set word by word (typeset.py: each word shaped and
rasterised once per font) on a coverage layer, which becomes an 8-bit palette image: each block
of text in its own ink, in LEVELS blends with the background. Each image is keyed by a hash of everything drawn on it
(texts, fonts, size, this module's code) in a cache folder outside site/, one folder per
language: an unchanged image is never drawn again, and reaches site/ as a hard link to the
cached file (a copy only where links are impossible). Drawing happens once per build, after
every language (hooks/site_files.py), in parallel across the cores.
"""

from __future__ import annotations

import functools
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import threading
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

from aiprinciples.site import typeset
from aiprinciples.site.typeset import Typesetter


@dataclass(frozen=True)
class Preview:
    heading: str
    body: str
    document: str  # the document's name, or "" on pages of the whole site
    site: str  # the site's name in the page's language
    note: str = ""  # provenance ("Unofficial translation:"), shown under the heading


def preview_path(lang: str, key: str) -> str:
    """Where a preview lives below the site root: og/<lang>/<key>.png ("p:win-1-3" -> p-win-1-3, "theme:consent" -> theme-consent)."""
    return f"og/{lang}/{re.sub(r'[^a-z0-9-]+', '-', key.lower()).strip('-') or 'home'}.png"


def page_preview_path(lang: str, key: str) -> str:
    """The preview of a generated page: a principle's page shows its share page's image (one principle, one card, one drawing)."""
    kind, _, arg = key.partition(":")
    return preview_path(lang, f"p:{arg}" if kind == "principle" else key)


def write_previews(previews: dict[str, Preview], site_dir: Path, cache_dir: Path, prune: bool = True, languages: Iterable[str] | None = None) -> int:
    """Put each preview into site_dir from the cache, drawing the missing ones first; returns how many were drawn.

    The cache keeps each language in its own folder (<cache>/<lang>/<key>.png). With `prune`,
    a language this build contains loses the images it no longer uses; the other languages'
    images are left alone (a `make serve ONLY=fr` evicts nothing of Korean), unless they are
    not in `languages` (every configured language) at all. A shared cache is never pruned.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    wanted = {rel: cache_dir / _language(rel) / f"{cache_key(preview)}.png" for rel, preview in previews.items()}
    missing = {cached: previews[rel] for rel, cached in sorted(wanted.items()) if not cached.exists()}
    draw_all(missing)
    for rel, cached in wanted.items():
        _place(cached, site_dir / rel)
    if prune:
        _prune(cache_dir, set(wanted.values()), languages)
    return len(missing)


def draw_all(jobs: dict[Path, Preview]) -> None:
    """Draw and save each preview at its path, in parallel across the cores when there are enough.

    Each image depends on its Preview only, so the bytes are the same whichever process draws it.
    """
    ordered = sorted(jobs.items())
    workers = min(_cores(), len(ordered) // PER_WORKER)
    if workers >= 2:
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(_start_method())) as pool:
                list(pool.map(_draw_to, *zip(*ordered, strict=True), chunksize=-(-len(ordered) // workers)))
        except (OSError, BrokenProcessPool):
            pass  # no process pool here (no /dev/shm, a worker killed): the rest are drawn below
    for path, preview in ordered:
        if not path.exists():
            _draw_to(path, preview)


def _draw_to(path: Path, preview: Preview) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")  # never a half-written image in the cache
    save_png(draw(preview), partial)
    partial.chmod(0o444)  # linked into site/: read-only, so nothing there can change the cached image
    partial.replace(path)


def save_png(image: Image.Image, path) -> None:
    """PNG of draw()'s palette image at a low zlib level: a fraction of the cost of full-colour PNG, and about half the file."""
    image.save(path, format="PNG", compress_level=PNG_LEVEL)


def _place(cached: Path, target: Path) -> None:
    """A hard link to the cached image (no copy at all), else a copy made only when the file differs."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        if os.path.samefile(cached, target):
            return
        if target.stat().st_size == cached.stat().st_size and target.read_bytes() == cached.read_bytes():
            return
        target.unlink()
    try:
        os.link(cached, target)
    except OSError:  # another filesystem, or links not allowed
        shutil.copyfile(cached, target)


def _prune(cache_dir: Path, used: set[Path], languages: Iterable[str] | None) -> None:
    built = {path.parent.name for path in used}
    keep = set(languages) if languages is not None else None
    for stale in cache_dir.glob("*.png"):  # the flat layout of earlier versions
        stale.unlink()
    for folder in sorted(path for path in cache_dir.iterdir() if path.is_dir()):
        if folder.name in built:
            for stale in folder.glob("*.png"):
                if stale not in used:
                    stale.unlink()
        elif keep is not None and folder.name not in keep:
            shutil.rmtree(folder)


def _language(rel: str) -> str:
    """og/<lang>/<name>.png -> <lang>."""
    return rel.split("/")[1]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _start_method() -> str:
    """fork is cheapest, but only safe while this process has one thread; `mkdocs serve` has several."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def cache_key(preview: Preview) -> str:
    drawn = {"preview": asdict(preview), "size": SIZE, "fonts": font_digests(), "code": code_digest()}
    return hashlib.sha256(json.dumps(drawn, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]


def draw(preview: Preview) -> Image.Image:
    """The preview as an 8-bit palette image: the text set on a coverage layer, then inked block by block."""
    coverage = Image.new("L", SIZE, 0)
    width = SIZE[0] - LEFT - MARGIN
    bands: list[tuple[int, str]] = []  # (first row, ink) of each block, top to bottom

    def block(text: str, bold: bool, size: int, ink: str, y: int, most: int | None = None) -> int:
        setter = typesetter_for(text, bold, size)
        lines = most if most is not None else max((SIZE[1] - MARGIN - y) // _line_height(size), 0)
        bands.append((0 if not bands else y, ink))
        return _block(coverage, setter, text, y, lines, width, _line_height(size))

    y = block(preview.site, True, 30, ACCENT, MARGIN, 1) + 6
    y = block(preview.document, False, 28, MUTED, y, 1) + 26
    y = block(preview.heading, True, 48, INK, y, 2) + 14
    if preview.note:
        y = block(preview.note, True, 26, NOTE, y, 1) + 6
    block(preview.body, False, 34, INK, y)
    image = inked(coverage, bands)
    ImageDraw.Draw(image).rectangle((0, 0, BAR, SIZE[1]), fill=palette_index(ACCENT, LEVELS))
    return image


def inked(coverage: Image.Image, bands: list[tuple[int, str]]) -> Image.Image:
    """Coverage (0 to 255) to palette indices, each band of rows in its block's ink, quantised to LEVELS steps.

    The ink of the most rows is mapped over the whole image at once; only the other bands are mapped again.
    """
    spans = [(top, bottom, ink) for (top, ink), (bottom, _next) in zip(bands, [*bands[1:], (coverage.height, "")], strict=True) if bottom > top]
    rows: dict[str, int] = {}
    for top, bottom, ink in spans:
        rows[ink] = rows.get(ink, 0) + bottom - top
    widest = max(rows, key=rows.__getitem__, default=INK)
    indices = coverage.point(coverage_to_index(widest))
    for top, bottom, ink in spans:
        if ink != widest:
            indices.paste(coverage.crop((0, top, coverage.width, bottom)).point(coverage_to_index(ink)), (0, top))
    indices.putpalette(palette())  # an "L" image with a palette becomes a "P" image
    return indices


def wrap(setter: Typesetter, text: str, width: float, most: int | None = None) -> list[str]:
    """Words on lines no wider than width; a word wider than a line is cut where it must be.

    Linear in the text set: each word is measured once (the typesetter keeps its width), a long
    word is cut by binary search, and with `most` the wrapping stops at `most + 1` lines, enough
    to know text is left over. No line holds more than MAX_LINE_CHARS characters.
    """
    words = text.split()
    lines: list[str] = []
    i = 0
    while i < len(words) and (most is None or len(lines) <= most):
        if len(words[i]) > MAX_LINE_CHARS or setter.width(words[i]) > width:
            cut = _fitting(setter, words[i], width)
            lines.append(words[i][:cut])
            words[i] = words[i][cut:]
            i += not words[i]  # one character wider than a line: drawn alone
            continue
        end, used, chars = i + 1, setter.width(words[i]), len(words[i])
        while end < len(words) and chars + 1 + len(words[end]) <= MAX_LINE_CHARS:
            used += setter.space + setter.width(words[end])
            if used > width:
                break
            chars += 1 + len(words[end])
            end += 1
        lines.append(" ".join(words[i:end]))
        i = end
    return lines


def _block(coverage: Image.Image, setter: Typesetter, text: str, y: int, most: int, width: int, line_height: int) -> int:
    """Set text wrapped on at most `most` lines from y, the last one ending in an ellipsis when text is left over; returns the next y.

    At most MAX_LINE_CHARS characters per line are ever set or measured: a longer text is cut first.
    """
    shown = text[: MAX_LINE_CHARS * (most + 1)]
    lines = wrap(setter, shown, width, most)
    if len(lines) > most or (len(shown) < len(text) and lines):
        lines = lines[:most]
        if lines:
            lines[-1] = _with_ellipsis(setter, lines[-1], width)
    for line in lines:
        setter.draw(coverage, LEFT, y, line)
        y += line_height
    return y


def _with_ellipsis(setter: Typesetter, line: str, width: int) -> str:
    """The most words of line that fit with "…" after them (trailing punctuation dropped), else its leading characters."""
    words = line.split()
    for kept in range(len(words), 0, -1):
        last = words[kept - 1].rstrip(",;:.") + "…"
        if setter.line_width([*words[: kept - 1], last]) <= width:
            return " ".join([*words[: kept - 1], last])
    return line[: max(_fitting(setter, line, width) - 1, 1)].rstrip(",;:.") + "…"


def _fitting(setter: Typesetter, word: str, width: float) -> int:
    """How many leading characters of word fit in width (at least 1): binary search, O(log n) measures."""
    low, high = 1, min(len(word), MAX_LINE_CHARS)
    while low < high:
        middle = (low + high + 1) // 2
        if setter.measure(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _line_height(size: int) -> int:
    return round(size * 1.3)


def font_for(text: str, bold: bool, size: int):
    """Nanum for text with Hangul (DejaVu has none), DejaVu Sans for everything else."""
    family = "hangul" if HANGUL.search(text) else "latin"
    return _font(FONTS[family][bold], size)


def typesetter_for(text: str, bold: bool, size: int) -> Typesetter:
    font = font_for(text, bold, size)
    return _typesetter(font.path, size)


@functools.cache
def _typesetter(path: str, size: int) -> Typesetter:
    return Typesetter(_font(path, size))


@functools.cache
def palette() -> list[int]:
    """Index 0 the background; then, for each ink, LEVELS blends of it with the background, the last the pure ink."""
    background = ImageColor.getrgb(BACKGROUND)
    colours = [background]
    for ink in INKS:
        rgb = ImageColor.getrgb(ink)
        colours += [tuple(round(bg + (c - bg) * level / LEVELS) for bg, c in zip(background, rgb, strict=True)) for level in range(1, LEVELS + 1)]
    return [value for colour in colours for value in colour]


def palette_index(ink: str, level: int) -> int:
    """The palette entry of ink at level (0: the background, LEVELS: the pure ink)."""
    return 0 if level == 0 else 1 + INKS.index(ink) * LEVELS + level - 1


@functools.cache
def coverage_to_index(ink: str) -> list[int]:
    """A lookup table from coverage (0 to 255) to ink's palette entries: the nearest of LEVELS levels."""
    return [palette_index(ink, round(alpha * LEVELS / 255)) for alpha in range(256)]


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
    """What decides the pixels besides the Preview: this module and the typesetter."""
    digest = hashlib.sha256()
    for module in (Path(__file__), Path(typeset.__file__)):
        digest.update(module.read_bytes())
    return digest.hexdigest()


# Constant data.
SIZE = (1200, 630)  # Open Graph's recommended size, 1.91:1
# No line of a preview holds more characters than this (about 75 of the widest, "W", or 150 of the
# narrowest, "i", fit at the smallest size): a bound on what is measured and drawn, whatever the text.
MAX_LINE_CHARS = 200
BAR, LEFT, MARGIN = 20, 80, 56
BACKGROUND, ACCENT, INK, MUTED, NOTE = "#ffffff", "#3f51b5", "#1a1a1a", "#5a5a5a", "#7a4a00"  # draw() uses no other colour
PNG_LEVEL = 1  # zlib level: 3 costs a tenth more for files a tenth smaller, 6 (Pillow's default) twice the time
INKS = tuple(dict.fromkeys((ACCENT, MUTED, INK, NOTE)))  # each ink has LEVELS palette entries
LEVELS = 63  # blends per ink: 1 + 4 × 63 = 253 palette entries, a step of at most 4 of 255 per channel
PER_WORKER = 8  # images to draw before another process pays for itself
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FONTS = {
    "latin": {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
    "hangul": {False: "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", True: "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"},
}
