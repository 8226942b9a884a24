"""Lines of text for the preview images, set word by word: each word measured and rasterised once per font.

Pillow shapes and rasterises a whole line each time it measures or draws it, so wrapping a
paragraph measured the same words again and again, and every image rasterised its glyphs anew.
Here a word is the unit: Pillow (with HarfBuzz) shapes and rasterises it once, its width and its
coverage mask are kept, and a line is the sum of its words and the spaces between them (the same
width Pillow gives the whole line: no kerning pair in these fonts spans a space; a test checks this
on every text of the corpus). A line whose words must be reordered (right-to-left scripts, bidi
controls) is still laid out word by word for wrapping, but drawn whole by Pillow.

Both caches are bounded, so a corpus of any size costs a fixed amount of memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

from aiprinciples.memo import LruMemo


class Typesetter:
    """One font at one size. `measure` (default: Pillow's) can be replaced to count what is measured."""

    def __init__(self, font: ImageFont.FreeTypeFont, measure: Callable[[str], float] | None = None):
        self.font = font
        self.measure = measure or font.getlength
        self.space = self.measure(" ")
        self._widths: dict[str, float] = {}
        self._masks: LruMemo[tuple[int, int, Image.Image | None]] = LruMemo(MAX_MASK_PIXELS, weight=_pixels)

    def width(self, word: str) -> float:
        """The advance of one word (no spaces in it), measured once."""
        width = self._widths.get(word)
        if width is None:
            if len(self._widths) >= MAX_WORDS:
                self._widths.clear()
            width = self._widths[word] = self.measure(word)
        return width

    def line_width(self, words: list[str]) -> float:
        return sum(self.width(word) for word in words) + self.space * max(len(words) - 1, 0)

    def draw(self, coverage: Image.Image, x: int, y: int, line: str) -> None:
        """Add the line's coverage (255: full ink) to an "L" image, its ascender line at y."""
        if NEEDS_WHOLE_LINE.search(line):
            ImageDraw.Draw(coverage).text((x, y), line, font=self.font, fill=255)
            return
        pen = float(x)
        for word in line.split(" "):
            left, top, mask = self._mask(word)
            if mask is not None:
                coverage.paste(255, (round(pen) + left, y + top), mask)
            pen += self.width(word) + self.space

    def _mask(self, word: str) -> tuple[int, int, Image.Image | None]:
        """The word's coverage, rasterised once, and where it sits from its pen position."""
        return self._masks.get(word, lambda: self._rasterise(word))

    def _rasterise(self, word: str) -> tuple[int, int, Image.Image | None]:
        left, top, right, bottom = self.font.getbbox(word)
        if right <= left or bottom <= top:
            return left, top, None  # nothing to ink (a space-like character)
        mask = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(mask).text((-left, -top), word, font=self.font, fill=255)
        return left, top, mask


def _pixels(cached: tuple[int, int, Image.Image | None]) -> int:
    mask = cached[2]
    return mask.width * mask.height if mask is not None else 0


# Constant data.
MAX_WORDS = 50_000  # widths kept per font and size (a few MB)
MAX_MASK_PIXELS = 8_000_000  # coverage masks kept per font and size: 8 MB
# Text Pillow must lay out as a whole line: right-to-left scripts and the bidi controls.
NEEDS_WHOLE_LINE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200e\u200f\u202a-\u202e\u2066-\u2069\U00010800-\U00010fff\U0001e800-\U0001efff]")
