"""Theme templates are compiled once per process, not once per language build (hooks/jinja_cache.py)."""

from __future__ import annotations

import importlib.util

import jinja2

from tests.conftest import ROOT


def _hook():
    spec = importlib.util.spec_from_file_location("jinja_cache_hook", ROOT / "hooks" / "jinja_cache.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_each_language_build_reuses_the_compiled_templates_and_an_edit_compiles_again(tmp_path, monkeypatch):
    hook = _hook()
    (tmp_path / "main.html").write_text("<p>{{ lang }}</p>", encoding="utf-8")
    compiled = []
    original = jinja2.Environment._compile
    monkeypatch.setattr(jinja2.Environment, "_compile", lambda self, source, filename: compiled.append(filename) or original(self, source, filename))

    def language_build(lang: str) -> str:  # as MkDocs does per build: a new environment, then on_env
        env = hook.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path))), None, None)
        return env.get_template("main.html").render(lang=lang)

    assert [language_build(lang) for lang in ("en", "es", "fr", "ko", "pt")] == [f"<p>{lang}</p>" for lang in ("en", "es", "fr", "ko", "pt")]
    assert len(compiled) == 1
    (tmp_path / "main.html").write_text("<div>{{ lang }}</div>", encoding="utf-8")  # edited while serving
    assert language_build("fr") == "<div>fr</div>"
    assert len(compiled) == 2


def test_the_hook_is_in_the_site_configuration():
    assert "  - hooks/jinja_cache.py\n" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
