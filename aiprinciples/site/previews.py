"""Link-preview images (og:image): one 1200×630 PNG per page and per point, in each language.

Drawn with Pillow from the corpus text and Debian's fonts (DejaVu Sans; NanumGothic
for Hangul), never fetched. Each image is keyed by a hash of everything drawn on it
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
                list(pool.map(_draw_to, *zip(*ordered, strict=True), chunksize=max(1, len(ordered) // (workers * 4))))
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
    """PNG, lossless to the eye and cheap to encode: an 8-bit palette of the drawing colours and their blends with the background.

    A preview is text antialiased on one background in a few colours, so every pixel is one of
    those blends. The palette keeps them to within a few levels (the background and each colour
    exactly); a low zlib level then costs a fraction of full-colour PNG, and the file is about half.
    """
    palette = blend_palette()
    if palette is not None:
        image = image.quantize(palette=palette, dither=Image.Dither.NONE)
    image.save(path, format="PNG", compress_level=PNG_LEVEL)


@functools.cache
def blend_palette() -> Image.Image | None:
    """The palette image save_png maps to; None (full-colour PNG) if it cannot keep the pure colours exact."""
    background = ImageColor.getrgb(BACKGROUND)
    inks = [ImageColor.getrgb(colour) for colour in dict.fromkeys((ACCENT, INK, MUTED, NOTE))]
    steps = (255 - 1 - len(inks)) // len(inks)  # blend levels per colour, besides the pure colours
    pure = [background, *inks]
    blends = [tuple(round(bg + (ink_c - bg) * k / (steps + 1)) for bg, ink_c in zip(background, ink, strict=True)) for ink in inks for k in range(1, steps + 1)]
    ramp = [tuple(round(bg + (ink_c - bg) * a / 255) for bg, ink_c in zip(background, ink, strict=True)) for ink in inks for a in range(256)]
    for _ in range(8):  # Pillow maps through a coarse colour cache: drop blends that capture a pure colour
        palette = Image.new("P", (1, 1))
        colours = pure + blends
        palette.putpalette([v for colour in colours for v in colour] + [0] * 3 * (256 - len(colours)))
        probe = Image.new("RGB", (len(pure), 1))
        probe.putdata(pure)
        mapped = probe.quantize(palette=palette, dither=Image.Dither.NONE)
        got = [mapped.getpixel((x, 0)) for x in range(len(pure))]
        wrong = {colours[index] for want, index in enumerate(got) if index != want}
        if not wrong:
            sample = Image.new("RGB", (len(ramp), 1))
            sample.putdata(ramp)
            mapped = sample.quantize(palette=palette, dither=Image.Dither.NONE).convert("RGB")
            error = max(abs(a - b) for x, want in enumerate(ramp) for a, b in zip(want, mapped.getpixel((x, 0)), strict=True))
            return palette if error <= MAX_PALETTE_ERROR else None
        blends = [colour for colour in blends if colour not in wrong]
    return None


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
BACKGROUND, ACCENT, INK, MUTED, NOTE = "#ffffff", "#3f51b5", "#1a1a1a", "#5a5a5a", "#7a4a00"  # draw() uses no other colour
PNG_LEVEL = 3  # zlib level: 6 (Pillow's default) costs twice the time for files a fifth smaller
MAX_PALETTE_ERROR = 8  # of 255, per channel: the most a blend may move to fit the palette
PER_WORKER = 8  # images to draw before another process pays for itself
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
FONTS = {
    "latin": {False: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", True: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
    "hangul": {False: "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", True: "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"},
}
