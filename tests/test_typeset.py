"""The preview images' typesetter (aiprinciples/site/typeset.py) sets a line as Pillow would, word by word.

Widths must be Pillow's to the pixel (wrapping decides where lines break), the drawn line must
cover the same pixels, and each word is shaped and rasterised once. Every text of the corpus,
in every language it has, is measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from aiprinciples.site import previews, typeset
from aiprinciples.site.typeset import Typesetter
from tests.corpus import CORPUS

SIZES = [(30, True), (28, False), (48, True), (26, True), (34, False)]  # what draw() sets: site, document, heading, note, body


def _texts(lang: str) -> list[str]:
    return [CORPUS.text(source, unit_id, lang)[0] for source, units in sorted(CORPUS.sources.items()) for unit_id in sorted(units)]


def _pillow_line(font, line: str) -> Image.Image:
    image = Image.new("L", (1400, 90), 0)
    ImageDraw.Draw(image).text((10, 10), line, font=font, fill=255)
    return image


def _set_line(setter: Typesetter, line: str) -> Image.Image:
    image = Image.new("L", (1400, 90), 0)
    setter.draw(image, 10, 10, line)
    return image


@pytest.mark.parametrize("lang", list(CORPUS.languages))
def test_a_line_set_word_by_word_is_as_wide_as_pillow_sets_it(lang):
    checked = 0
    for size, bold in SIZES:
        for text in _texts(lang):
            font = previews.font_for(text, bold, size)
            setter = Typesetter(font)
            words = text.split()[:40]
            for end in range(1, len(words) + 1):
                assert setter.line_width(words[:end]) == pytest.approx(font.getlength(" ".join(words[:end])), abs=0.5), (lang, text)
                checked += 1
    assert checked > 1000


@pytest.mark.parametrize("lang", list(CORPUS.languages))
def test_a_line_set_word_by_word_covers_what_pillow_covers(lang):
    for text in _texts(lang)[:40]:
        line = " ".join(text.split()[:8])
        font = previews.font_for(line, False, 34)
        ours, pillows = _set_line(Typesetter(font), line), _pillow_line(font, line)
        assert ours.getbbox() is not None
        assert all(abs(a - b) <= 1 for a, b in zip(ours.getbbox(), pillows.getbbox(), strict=True)), (lang, line)
        # Glyphs land within a pixel of Pillow's: ink differs only on the edges, never a whole glyph.
        diff = ImageChops.difference(ours, pillows)
        assert sum(diff.histogram()[128:]) <= 0.2 * sum(pillows.point(lambda v: v > 0 and 255).histogram()[255:]) + 20, (lang, line)


@pytest.mark.parametrize("line", ["שלום עולם AI", "مرحبا بالعالم", "a\u202eb c"])
def test_a_line_to_reorder_is_drawn_whole_by_pillow(line):
    font = previews.font_for(line, False, 34)
    assert typeset.NEEDS_WHOLE_LINE.search(line)
    assert _set_line(Typesetter(font), line).tobytes() == _pillow_line(font, line).tobytes()


def test_each_word_is_measured_and_rasterised_once():
    font = previews.font_for("x", False, 34)
    measured: list[str] = []
    setter = Typesetter(font, measure=lambda text: measured.append(text) or font.getlength(text))
    image = Image.new("L", (1400, 90), 0)
    for _ in range(3):
        setter.draw(image, 10, 10, "the same words the same")
        setter.line_width(["the", "same", "words"])
    assert sorted(measured) == sorted([" ", "the", "same", "words"])
    assert len(setter._masks) == 3


def test_the_caches_are_bounded(monkeypatch):
    monkeypatch.setattr(typeset, "MAX_WORDS", 10)
    monkeypatch.setattr(typeset, "MAX_MASK_PIXELS", 20_000)
    setter = Typesetter(previews.font_for("x", False, 34))
    image = Image.new("L", (1400, 90), 0)
    for n in range(200):
        setter.draw(image, 10, 10, f"word{n} other{n}")
    assert len(setter._widths) <= 10
    assert setter._masks.size <= 20_000 and setter._masks.size == sum(m.width * m.height for _l, _t, m in setter._masks.kept.values() if m)


def test_a_change_to_the_typesetter_draws_every_image_again(tmp_path, monkeypatch):
    before = previews.code_digest.__wrapped__()
    changed = tmp_path / "typeset.py"
    changed.write_text(Path(typeset.__file__).read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    monkeypatch.setattr(typeset, "__file__", str(changed))
    assert previews.code_digest.__wrapped__() != before
