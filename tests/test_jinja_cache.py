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


def test_the_installed_theme_is_listed_once_and_the_project_at_every_build(tmp_path, monkeypatch):
    hook = _hook()
    installed, project = tmp_path / "site-packages" / "theme", tmp_path / "project"
    for folder, names in ((installed, ("base.html", "assets/app.js", ".icons/a.svg", "assets/.hidden")), (project / "overrides", ("main.html", "assets/extra.css"))):
        for name in names:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("x", encoding="utf-8")
    searchpath = [str(project / "overrides"), str(installed)]
    walked = []
    walk = hook._walk
    monkeypatch.setattr(hook, "_walk", lambda folder: walked.append(folder) or walk(folder))
    theme = type("Theme", (), {"get_env": lambda self: jinja2.Environment(loader=jinja2.FileSystemLoader(searchpath))})()
    config = type("Config", (), {"theme": theme, "config_file_path": str(project / "mkdocs.yml")})()

    hook.on_config(config)
    hook.on_config(config)  # each language's build: wrapped once
    everything = jinja2.FileSystemLoader(searchpath).list_templates()
    visible = [name for name in everything if not any(part.startswith(".") for part in name.split("/"))]
    assert theme.get_env().list_templates() == visible == ["assets/app.js", "assets/extra.css", "base.html", "main.html"]
    (project / "overrides" / "partials").mkdir()
    (project / "overrides" / "partials" / "footer.html").write_text("x", encoding="utf-8")  # added while serving
    assert theme.get_env().list_templates() == [*visible, "partials/footer.html"]
    assert walked.count(str(installed.resolve())) == 1
    assert walked.count(str(project / "overrides")) == 2
