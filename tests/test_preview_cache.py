"""Preview images cost little: drawn once, never rewritten or copied when unchanged, cached per language, the same bytes however drawn.

Structural tests only (no timing): inodes, modification times and bytes.
"""

from __future__ import annotations

import io

from PIL import Image, ImageColor

from aiprinciples.site import previews
from aiprinciples.site.previews import Preview, draw, draw_all, save_png, write_previews

FR = Preview("AIE 4.1 — Compensation", "Les artistes-interprètes " * 40, "Principes de l’AIE (2025)", "Principes", "Traduction non officielle :")
KO = Preview("WIN 1.3 — AI 개발은 저작권에 따릅니다.", "모든 AI 모델에서 사용되는 " * 30, "WIN의 생성형 AI에 대한 원칙 (2024)", "음악과 생성형 AI 원칙")
ES = Preview("WIN 2.1 — Transparencia", "Los desarrolladores de IA deben ser transparentes " * 10, "Principios de WIN (2024)", "Principios")


def _state(folder):
    return {p.relative_to(folder): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*.png")}


def test_an_unchanged_preview_is_neither_redrawn_nor_rewritten_and_reaches_the_site_as_a_link(tmp_path):
    cache = tmp_path / "cache"
    wanted = {"og/fr/a.png": FR, "og/ko/b.png": KO}
    assert write_previews(wanted, tmp_path / "site1", cache) == 2
    cached = _state(cache)
    assert write_previews(wanted, tmp_path / "site2", cache) == 0
    assert _state(cache) == cached  # same files, same inodes, same times: nothing rewritten
    for rel in wanted:
        site_file = (tmp_path / "site2" / rel).stat()
        assert site_file.st_nlink >= 2 and any(site_file.st_ino == ino for ino, _ in cached.values())  # a link, not a copy
    # A rebuild into a site that already has the images (mkdocs serve's folder) touches none of them.
    site = _state(tmp_path / "site2")
    assert write_previews(wanted, tmp_path / "site2", cache) == 0
    assert _state(tmp_path / "site2") == site


def test_a_cached_image_cannot_be_changed_through_the_site(tmp_path):
    cache = tmp_path / "cache"
    write_previews({"og/fr/a.png": FR}, tmp_path / "site", cache)
    assert all(not (p.stat().st_mode & 0o222) for p in cache.rglob("*.png"))


def test_each_language_is_cached_apart_and_a_build_of_some_languages_evicts_no_other(tmp_path):
    cache = tmp_path / "cache"
    everything = {"og/fr/a.png": FR, "og/ko/b.png": KO, "og/es/c.png": ES}
    write_previews(everything, tmp_path / "site", cache, languages=["en", "es", "fr", "ko"])
    assert sorted(p.name for p in cache.iterdir()) == ["es", "fr", "ko"]
    korean = _state(cache / "ko")
    # `make serve ONLY=fr`: French changes, Korean and Spanish are not in this build.
    changed = Preview("AIE 4.1 — Compensation", "Autre texte", "Principes de l’AIE (2025)", "Principes")
    assert write_previews({"og/fr/a.png": changed}, tmp_path / "only-fr", cache, languages=["en", "es", "fr", "ko"]) == 1
    assert _state(cache / "ko") == korean and len(_state(cache / "es")) == 1
    assert len(_state(cache / "fr")) == 1  # the French image no page uses any more is dropped
    # Back to the whole site: only the French image is drawn again.
    assert write_previews(everything, tmp_path / "site", cache, languages=["en", "es", "fr", "ko"]) == 1
    # A language removed from languages.yaml takes its folder with it.
    write_previews({"og/fr/a.png": FR}, tmp_path / "site", cache, languages=["en", "fr"])
    assert sorted(p.name for p in cache.iterdir()) == ["fr"]


def test_a_shared_cache_is_never_pruned(tmp_path):
    cache = tmp_path / "cache"
    write_previews({"og/fr/a.png": FR, "og/ko/b.png": KO}, tmp_path / "site", cache, prune=False)
    write_previews({"og/fr/a.png": ES}, tmp_path / "site", cache, prune=False, languages=["fr"])
    assert len(_state(cache)) == 3


def test_images_drawn_in_parallel_are_the_bytes_drawn_one_by_one(tmp_path, monkeypatch):
    jobs = {f"{n:02d}": Preview(f"WIN {n} — Title {n}", f"Text number {n} " * (5 + n), "Document (2024)", "Site") for n in range(20)}
    monkeypatch.setattr(previews, "_cores", lambda: 2)
    draw_all({tmp_path / "parallel" / f"{key}.png": preview for key, preview in jobs.items()})
    monkeypatch.setattr(previews, "_cores", lambda: 1)
    draw_all({tmp_path / "serial" / f"{key}.png": preview for key, preview in jobs.items()})
    for key in jobs:
        assert (tmp_path / "parallel" / f"{key}.png").read_bytes() == (tmp_path / "serial" / f"{key}.png").read_bytes()
    assert not list(tmp_path.rglob("*.tmp"))


def test_each_pixel_is_its_coverage_blended_in_its_blocks_ink():
    # A reference drawn in full colour from the same coverage: the palette image is within a few levels of it.
    layer = Image.new("L", (40, 30), 0)
    layer.paste(Image.linear_gradient("L").resize((40, 30)), (0, 0))
    bands = [(0, previews.ACCENT), (10, previews.MUTED), (20, previews.NOTE)]
    indexed = previews.inked(layer, bands)
    assert indexed.mode == "P"
    got = indexed.convert("RGB")
    background = ImageColor.getrgb(previews.BACKGROUND)
    for x in range(0, 40, 3):
        for y in range(30):
            ink = ImageColor.getrgb(next(colour for top, colour in reversed(bands) if y >= top))
            alpha = layer.getpixel((x, y)) / 255
            want = tuple(round(b + (i - b) * alpha) for b, i in zip(background, ink, strict=True))
            assert max(abs(a - b) for a, b in zip(got.getpixel((x, y)), want, strict=True)) <= 3, (x, y)


def test_each_text_is_drawn_in_its_own_ink_the_bar_and_background_pure(tmp_path):
    inks = {ImageColor.getrgb(c): c for c in (previews.ACCENT, previews.MUTED, previews.INK, previews.NOTE)}
    background = ImageColor.getrgb(previews.BACKGROUND)
    for preview in (FR, KO, ES):
        out = io.BytesIO()
        save_png(draw(preview), out)
        with Image.open(io.BytesIO(out.getvalue())) as saved:
            assert saved.format == "PNG" and saved.mode == "P" and saved.size == (1200, 630)
            image = saved.convert("RGB")
        assert image.getpixel((5, 300)) == ImageColor.getrgb(previews.ACCENT) and image.getpixel((1190, 620)) == background
        rows = {}  # the fully inked colour of each row with text
        for y in range(image.height):
            full = {image.getpixel((x, y)) for x in range(previews.LEFT, image.width - previews.MARGIN)} & set(inks)
            if full:
                rows[y] = full
        seen = [inks[colour] for _y, colours in sorted(rows.items()) for colour in sorted(colours)]
        order = [previews.ACCENT, previews.MUTED, previews.INK] + ([previews.NOTE] if preview.note else []) + [previews.INK]
        assert _runs(seen) == _runs(order), preview


def _runs(colours: list[str]) -> list[str]:
    """Each colour once per run of it, in order (heading and body share INK: one run when no note parts them)."""
    return [c for i, c in enumerate(colours) if i == 0 or c != colours[i - 1]]
