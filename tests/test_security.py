"""Every row of the security review (shared/reviews/security.md), as a regression test.

Each row is closed one of three ways: rejected by the checker with path:line, rendered
inert, or refused by the tool. The reproduce commands of the review are replayed on a
throw-away copy of the project (the `project` fixture).
"""

from __future__ import annotations

import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from aiprinciples.checks import check
from aiprinciples.fingerprint import fingerprint
from aiprinciples.site.safe_markdown import NoRawHtml, sanitise
from tests.cli import run_cli
from tests.conftest import ROOT, replace
from tests.corpus import DEFAULT, NEW_LANGUAGE, NEW_LANGUAGE_NAME
from tests.sitebuild import build, only
from tests.test_translator_workflow import fill

pytestmark = pytest.mark.slow


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli("--root", str(project), *args)


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if needle in line)


def found(project: Path) -> set[tuple[str, int, str]]:
    return {(p.path, p.line, p.rule) for p in check(project)}


def site_snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# Rows whose payload the checker rejects at a line: (row, mutate) -> (path, line, rule).
def f1_short_name(p):
    replace(p / "principles/win.yaml", "  short_name: WIN\n", '  short_name: "WIN<img src=x onerror=alert(601)>"\n')
    return "principles/win.yaml", line_of(p / "principles/win.yaml", "short_name:"), "html"


def g1_front_matter_title(p):
    replace(p / "docs/es/about.md", "title: ", 'title: "Acerca de <img src=x onerror=alert(1)>" # ')
    return "docs/es/about.md", 2, "html"


def g2_script(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + "\n<script>alert(document.domain)</script>\n", encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "<script>"), "docs-html"


def g2_details_ontoggle(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + '\n<details open ontoggle="alert(901)"><summary>Más</summary>Texto</details>\n', encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "ontoggle"), "docs-html"


def g2_javascript_link(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + "\n[Descargar](javascript:alert(902))\n", encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "Descargar"), "docs-link"


def g2_encoded_javascript_link(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + "\n[x](jav&#x61;script:alert(903))\n", encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "[x](jav"), "docs-link"


def k3_attr_list(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + '\n## Más {: autofocus tabindex="0" onfocus="alert(1202)" }\n', encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "onfocus"), "docs-attribute"


def k2_html_file(p):
    (p / "docs/es/promo.html").write_text("<script>alert(1101)</script>\n", encoding="utf-8")
    return "docs/es/promo.html", 0, "docs-file-type"


def k2_svg_file(p):
    (p / "docs/es/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1102)</script></svg>\n', encoding="utf-8")
    return "docs/es/logo.svg", 0, "docs-file-type"


def k2_disguised_png(p):
    (p / "docs/es/logo.png").write_text("<script>alert(1103)</script>\n", encoding="utf-8")
    return "docs/es/logo.png", 0, "docs-file-type"


def h1_passwd(p):
    os.symlink("/etc/passwd", p / "docs/en/passwd.txt")
    return "docs/en/passwd.txt", 0, "symlink"


def h1_environ(p):
    os.symlink("/proc/self/environ", p / "docs/en/env.md")
    return "docs/en/env.md", 0, "symlink"


def h1_gitconfig(p):
    os.symlink("../../.git/config", p / "docs/en/gitconfig.md")
    return "docs/en/gitconfig.md", 0, "symlink"


def i2_nesting_900(p):
    replace(p / "translations/es/win.yaml", '    text: "Principios de WIN', "    text: " + "[" * 900 + "x" + "]" * 900 + ' # "')
    return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", "[[[["), "too-deep"


def i8_directory(p):
    (p / "translations/es/win.yaml").unlink()
    (p / "translations/es/win.yaml").mkdir()
    (p / "translations/es/win.yaml/x").write_text("x", encoding="utf-8")
    return "translations/es/win.yaml", 0, "not-a-file"


def i9_self_link(p):
    (p / "translations/es/win.yaml").unlink()
    os.symlink("win.yaml", p / "translations/es/win.yaml")
    return "translations/es/win.yaml", 0, "symlink"


def i10_link_to_etc(p):
    (p / "translations/es/win.yaml").unlink()
    os.symlink("/etc", p / "translations/es/win.yaml")
    return "translations/es/win.yaml", 0, "symlink"


def i11_dev_zero(p):
    (p / "translations/es/win.yaml").unlink()
    os.symlink("/dev/zero", p / "translations/es/win.yaml")
    return "translations/es/win.yaml", 0, "symlink"


def d3_unknown_locale(p):
    replace(p / "translations/languages.yaml", "\nlanguages:\n", "\nlanguages:\n  qq: Qqq\n")
    return "translations/languages.yaml", line_of(p / "translations/languages.yaml", "qq:"), "unknown-locale"


def d6_missing_about(p):
    run(p, "scaffold", NEW_LANGUAGE, "--name", NEW_LANGUAGE_NAME, "--method", "human")
    (p / f"docs/{NEW_LANGUAGE}/about.md").unlink()
    return f"docs/{NEW_LANGUAGE}/about.md", 0, "missing-page"


def j2_broken_link(p):
    (p / "docs/es/about.md").write_text((p / "docs/es/about.md").read_text(encoding="utf-8") + "\n[ver](no-existe.md)\n", encoding="utf-8")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "no-existe"), "docs-link"


def h3_glossary_link(p):
    outside = p.parent / "outside.yaml"
    outside.write_text("language: es\nterms: [{en: secret, term: SECRET-OUTSIDE-VALUE}]\n", encoding="utf-8")
    (p / "translations/es/glossary.yaml").unlink()
    os.symlink(outside, p / "translations/es/glossary.yaml")
    return "translations/es/glossary.yaml", 0, "symlink"


def h3_language_folder_link(p):
    os.symlink("/etc", p / f"translations/{NEW_LANGUAGE}")  # a code no language uses, drafts included
    return f"translations/{NEW_LANGUAGE}", 0, "symlink"


def h2_passwd_as_translation(p):
    (p / "translations/es/win.yaml").unlink()
    os.symlink("/etc/passwd", p / "translations/es/win.yaml")
    return "translations/es/win.yaml", 0, "symlink"


def c1_glossary_markup(p):
    replace(p / "translations/es/glossary.yaml", "terms:\n", 'terms:\n  - en: "x"\n    term: "<script>alert(1)</script>"\n')
    return "translations/es/glossary.yaml", line_of(p / "translations/es/glossary.yaml", "<script>"), "html"


def c1_glossary_bidi(p):
    replace(p / "translations/es/glossary.yaml", "terms:\n", 'terms:\n  - en: "x"\n    term: "abc\\u202edef\\u200b"\n')
    return "translations/es/glossary.yaml", line_of(p / "translations/es/glossary.yaml", "abc"), "invisible-char"


def d1_language_name_markup(p):
    replace(p / "translations/languages.yaml", "  es: Español\n", '  es: "Español<b>x</b>"\n')
    return "translations/languages.yaml", line_of(p / "translations/languages.yaml", "  es:"), "html"


def d1_language_name_bidi(p):
    replace(p / "translations/languages.yaml", "  es: Español\n", '  es: "Espa\\u202eñol"\n')
    return "translations/languages.yaml", line_of(p / "translations/languages.yaml", "  es:"), "invisible-char"


def f2_theme_name(p):
    replace(p / "principles/themes.yaml", "name: ", "name: <i>x</i> ")
    return "principles/themes.yaml", line_of(p / "principles/themes.yaml", "<i>x</i>"), "html"


def e3_organisation_name(p):
    replace(p / "principles/win.yaml", "  name: Worldwide Independent Network\n", '  name: "Worldwide\\u200b Independent Network"\n')
    return "principles/win.yaml", line_of(p / "principles/win.yaml", "Worldwide"), "invisible-char"


def e3_place(p):
    replace(p / "principles/win.yaml", "place: Madrid\n", 'place: "Mad\\u202erid"\n')
    return "principles/win.yaml", line_of(p / "principles/win.yaml", "place:"), "invisible-char"


def e3_note(p):
    replace(p / "principles/win.yaml", "  win-closing-3: ", "  win-closing-3: <b>x</b> ")
    return "principles/win.yaml", line_of(p / "principles/win.yaml", "win-closing-3: <b>"), "html"


def e3_link_publisher(p):  # a link's words are the interface's ("Press release by …"): its publisher is the free field
    replace(p / "principles/win.yaml", "    publisher: IMPALA", "    publisher: <b>IMPALA</b>")
    return "principles/win.yaml", line_of(p / "principles/win.yaml", "<b>IMPALA"), "html"


def blank_looking(char: str):
    def mutate(p):
        replace(p / "translations/es/win.yaml", '    text: "Principios de WIN', f'    text: "Principios{char} de WIN')
        return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", f"Principios{char}"), "invisible-char"

    mutate.__name__ = f"a2b_U+{ord(char):04X}"
    return mutate


# Third audit (b48ddc8): a row per finding, I2b and N1–N13.
def i2b_block_sequence_900(p):
    replace(p / "translations/es/win.yaml", '    text: "Principios de WIN para la IA generativa"', "    text:\n      " + "- " * 900 + "x")
    return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", "- - - -"), "too-deep"


def i2b_n3_block_sequence_40000(p):  # N3: the segfault that killed `mkdocs serve`
    replace(p / "translations/es/win.yaml", '    text: "Principios de WIN para la IA generativa"', "    text:\n      " + "- " * 40_000 + "x")
    return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", "- - - -"), "too-deep"


def i2b_complex_keys_in_front_matter(p):
    replace(p / "docs/es/about.md", "\ntitle: ", "\nx:\n  " + "? " * 900 + "x\ntitle: ")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "? ? ?"), "too-deep"


# A fresh check of the I2b fix (2026-12-05): text that made a guessed quote open where YAML sees none
# hid every [ after it from the nesting count (a traceback at 900, a segfault at 40,000).
def _deep_after(prefix: str, depth: int):
    def mutate(p):
        replace(p / "translations/es/win.yaml", '    text: "Principios de WIN para la IA generativa"', prefix + "\n    x: " + "[" * depth + "x" + "]" * depth)
        return "translations/es/win.yaml", line_of(p / "translations/es/win.yaml", "[[[["), "too-deep"

    mutate.__name__ = f"i2b_desync_{''.join(c if c.isalnum() else '_' for c in prefix.strip())[:20]}_{depth}"
    return mutate


def i2b_desync_front_matter_40000(p):
    replace(p / "docs/es/about.md", "\ntitle: ", "\nx: a:'b\ny: " + "[" * 40_000 + "x" + "]" * 40_000 + "\ntitle: ")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "[[[["), "too-deep"


DESYNC = [
    _deep_after("    text: Principios:'de WIN", 900), _deep_after("    text: Principios:'de WIN", 40_000),
    _deep_after("    text: |\n      'x", 900), _deep_after("    text: b-'c", 900), i2b_desync_front_matter_40000,
]


def n1_long_front_matter_title(p):
    replace(p / "docs/en/about.md", "title: About this site", "title: " + "W" * 3000)
    return "docs/en/about.md", 2, "too-long"


def n1_long_front_matter_description(p):
    replace(p / "docs/en/about.md", "description: Where", "description: " + "가" * 3000 + " Where")
    return "docs/en/about.md", 3, "too-long"


def n2_brackets(p):
    append(p / "docs/en/about.md", "[" * 10_000)
    return "docs/en/about.md", line_of(p / "docs/en/about.md", "[[[["), "docs-limit"


def n2_brackets_spread_over_a_paragraph(p):
    append(p / "docs/en/about.md", "\n".join(["[a " * 10] * 3))  # 30 in one paragraph: the limit (16) is passed on its second line
    return "docs/en/about.md", line_of(p / "docs/en/about.md", "[a [a") + 1, "docs-limit"


def n2_nested_lists(p):
    append(p / "docs/en/about.md", "- " * 3000 + "x")
    return "docs/en/about.md", line_of(p / "docs/en/about.md", "- - - -"), "docs-limit"


def n4_sitemap_page(p):
    (p / "docs/en/sitemap.xml.md").write_text("---\ntitle: Mapa\n---\n\n# Mapa\n", encoding="utf-8")
    return "docs/en/sitemap.xml.md", 0, "docs-reserved"


def n4_theme_asset(p):
    (p / "docs/en/assets/javascripts").mkdir(parents=True)
    (p / "docs/en/assets/javascripts/bundle.md").write_text("# x\n", encoding="utf-8")
    return "docs/en/assets/javascripts/bundle.md", 0, "docs-reserved"


def n5_theme_config_id(p):
    append(p / "docs/es/about.md", '## "__config"\n\nTexto.')
    return "docs/es/about.md", line_of(p / "docs/es/about.md", '"__config"'), "docs-id"


def n8_workflow_command_in_a_file_name(p):
    name = "x\n::warning file=README.md,line=1,title=Maintainer review::Approved - safe to merge\n.md"
    (p / "docs/en" / name).write_text("# x\n", encoding="utf-8")
    return "docs/en/x\\u000a::warning file=README.md,line=1,title=Maintainer review::Approved - safe to merge\\u000a.md", 0, "docs-name"


def docs_name(name: str, rule: str = "docs-name"):
    def mutate(p):
        (p / "docs/pt" / name).write_text("# x\n", encoding="utf-8")
        return f"docs/pt/{name}", 0, rule

    mutate.__name__ = f"n9_{name.encode('unicode_escape').decode()}"
    return mutate


def n9_case_twin_preview(p):
    (p / "docs/en/a").mkdir()
    (p / "docs/en/a/b.md").write_text("# x\n", encoding="utf-8")
    (p / "docs/en/a-b.md").write_text("# x\n", encoding="utf-8")
    return "docs/en/a-b.md", 0, "docs-name"


def n10_status_page(p):
    (p / "docs/es/status").mkdir()
    (p / "docs/es/status/index.md").write_text("# Estado falso\n", encoding="utf-8")
    return "docs/es/status/index.md", 0, "docs-reserved"


def n10_language_named_page(p):
    (p / "docs/en/es.md").write_text("# Portada falsa ZZMARK\n", encoding="utf-8")
    return "docs/en/es.md", 0, "docs-reserved"


def n11_admonition_class(p):
    append(p / "docs/es/about.md", '!!! md-dialog md-dialog--active "Aviso"\n    Su sesión ha caducado.')
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "md-dialog"), "docs-class"


def n12_bidi_inside_a_fence(p):
    append(p / "docs/es/about.md", "~~~\nTexto con \u202e oculto\n~~~")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "oculto"), "invisible-char"


def n13_multi_line_link(p):
    append(p / "docs/es/about.md", "[x](\njavascript:alert(10))")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "javascript:alert(10)"), "docs-link"


def n13_reference_in_a_quote(p):
    append(p / "docs/es/about.md", "> [r]: javascript:alert(11)\n\n[y][r]")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "javascript:alert(11)"), "docs-link"


def n13_link_inside_a_tilde_fence(p):
    append(p / "docs/es/about.md", "~~~\n[x](javascript:alert(12))\n~~~")
    return "docs/es/about.md", line_of(p / "docs/es/about.md", "javascript:alert(12)"), "docs-link"


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text + "\n", encoding="utf-8")


THIRD_AUDIT = [
    i2b_block_sequence_900, i2b_n3_block_sequence_40000, i2b_complex_keys_in_front_matter, n1_long_front_matter_title, n1_long_front_matter_description,
    n2_brackets, n2_brackets_spread_over_a_paragraph, n2_nested_lists, n4_sitemap_page, n4_theme_asset, n5_theme_config_id,
    n8_workflow_command_in_a_file_name, n9_case_twin_preview, n10_status_page, n10_language_named_page, n11_admonition_class,
    n12_bidi_inside_a_fence, n13_multi_line_link, n13_reference_in_a_quote, n13_link_inside_a_tilde_fence,
    *(docs_name(n) for n in ("x<img src=x onerror=alert(1)>.md", "About.md", "caf\u00e9.md", "cafe\u0301.md", "\u0430bout.md", "sp ace#frag?q.md", "L" * 240 + ".md")),
    docs_name("con.md"), docs_name("p.md", "docs-reserved"), docs_name("search.md", "docs-reserved"), docs_name("og.md", "docs-reserved"),
    *DESYNC,
]


REJECTED = [
    f1_short_name, g1_front_matter_title, g2_script, g2_details_ontoggle, g2_javascript_link, g2_encoded_javascript_link, k3_attr_list,
    k2_html_file, k2_svg_file, k2_disguised_png, h1_passwd, h1_environ, h1_gitconfig, i2_nesting_900, i8_directory, i9_self_link,
    i10_link_to_etc, i11_dev_zero, d3_unknown_locale, d6_missing_about, j2_broken_link, h3_glossary_link, h3_language_folder_link,
    h2_passwd_as_translation, c1_glossary_markup, c1_glossary_bidi, d1_language_name_markup, d1_language_name_bidi, f2_theme_name,
    e3_organisation_name, e3_place, e3_note, e3_link_publisher,
    *(blank_looking(c) for c in "\u3164\u115f\u034f\ufe0f\u2800\U000e0100"),
    *THIRD_AUDIT,
]


@pytest.mark.parametrize("mutate", REJECTED, ids=lambda f: f.__name__)
def test_payload_is_rejected_at_its_line_with_a_fix(project, mutate):
    path, line, rule = mutate(project)
    result = run(project, "check")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr and result.stderr.strip().endswith("again.")
    where = f"{path}:{line}: " if line else f"{path}: "
    printed = [out for out in result.stdout.splitlines() if out.startswith(where) and out.endswith(f"[{rule}]")]
    assert printed, result.stdout
    assert "SECRET-OUTSIDE-VALUE" not in result.stdout and "root:x:0" not in result.stdout  # nothing outside is quoted
    if mutate is h3_language_folder_link:  # nothing inside the linked folder was read
        assert not any(out.startswith(f"translations/{NEW_LANGUAGE}/") for out in result.stdout.splitlines()), result.stdout


def test_i2b_nesting_that_segfaulted_the_yaml_library_is_a_problem_at_its_line(project):
    path = project / "translations/es/win.yaml"
    depth = 40_000
    replace(path, '    text: "Principios de WIN para la IA generativa"', "    text: " + "[" * depth + "x" + "]" * depth)
    result = run(project, "check")
    assert result.returncode == 1  # not 139 (segfault)
    assert f"translations/es/win.yaml:{line_of(path, '[[[[')}: brackets are nested more than" in result.stdout


def test_m1_a_file_that_fails_to_load_gets_no_scaffold_advice_and_scaffold_refuses_it(project):
    path = project / "translations/es/win.yaml"
    replace(path, '    text: "Principios de WIN', '\ttext: "Principios de WIN')
    before = path.read_bytes()
    result = run(project, "check")
    assert "scaffold" not in result.stdout and "[tab]" in result.stdout and "missing-file" not in result.stdout
    refused = run(project, "scaffold", "es", "--method", "human")
    assert refused.returncode == 1 and "cannot be read" in refused.stderr and "Traceback" not in refused.stderr
    assert path.read_bytes() == before


def test_m2_a_broken_document_does_not_cascade(project):
    replace(project / "principles/win.yaml", "date: 2024-05-21", "date: yesterday")
    rules = {(p.path, p.rule) for p in check(project)}
    assert ("principles/win.yaml", "schema-pattern") in rules or any(path == "principles/win.yaml" for path, _ in rules)
    assert not any(rule in ("unused-theme", "unknown-file") for _, rule in rules), rules


def test_m3_a_bad_short_name_is_reported_once_not_in_every_language(project):
    f1_short_name(project)
    assert {(p.path, p.rule) for p in check(project)} == {("principles/win.yaml", "html")}


def test_s1_scaffold_never_writes_through_a_link(project, tmp_path):
    outside = tmp_path / "victim.sh"
    outside.write_text("#!/bin/sh\n", encoding="utf-8")
    (project / "translations/es/aie.yaml").unlink()
    os.symlink(outside, project / "translations/es/aie.yaml")
    result = run(project, "scaffold", "es", "--method", "human")
    assert result.returncode == 1 and "symbolic link" in result.stderr
    assert outside.read_text(encoding="utf-8") == "#!/bin/sh\n"


def test_t1_terminal_controls_in_the_corpus_are_printed_escaped(project):
    path = project / "translations/es/win.yaml"
    text = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(text) if line == "  win-2-1:")
    hostile = "\x1b]0;owned\x07all up to date\x1b[2J"
    text[at + 1] = f'    en: "{hostile.encode("unicode_escape").decode()}"'
    text[at + 2] = f'    fingerprint: "{fingerprint(hostile)}"'
    path.write_text("\n".join(text), encoding="utf-8")
    result = run(project, "outdated", "es")
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\u001b]0;owned\\u0007" in result.stdout


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<details open ontoggle="alert(901)"><summary>x</summary></details>',
        "[x](javascript:alert(902))",
        "[x](jav&#x61;script:alert(903))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        '## Más {: autofocus tabindex="0" onfocus="alert(1202)" }',
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_hand_written_markdown_renders_inert_even_past_the_checker(payload):
    md = markdown.Markdown(extensions=["tables", "toc", "admonition", NoRawHtml()])
    elements = Elements(sanitise(md.convert(payload)))
    assert not elements.tags & {"script", "iframe", "object", "embed", "details"}, elements.tags
    for tag, name, value in elements.attributes:
        assert not name.startswith("on") and name not in ("autofocus", "style"), (tag, name)
        if name in ("href", "src"):
            assert value.split(":")[0].lower() in ("http", "https", "mailto") or ":" not in value, (tag, value)


class Elements(HTMLParser):
    """The elements and attributes a browser would build from some HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def test_d5_a_language_material_has_no_template_for_builds(project, tmp_path):
    replace(project / "translations/languages.yaml", "\nlanguages:\n", "\nlanguages:\n  sw: Kiswahili\n")
    assert run(project, "scaffold", "sw", "--method", "human").returncode == 0
    replace(project / "translations/languages.yaml", "published: [en, ", "published: [en, sw, ")  # built only once published
    fill(project, "sw", "SW: ")
    (project / "docs/sw/about.md").write_text((project / "docs/en/about.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(project, "check").stdout == "corpus ok\n"
    result = build(project, "http://127.0.0.1:8000/", tmp_path / "site", environ=only("sw"))
    assert result.returncode == 0, result.stderr
    assert '<html lang="sw"' in (tmp_path / "site/sw/win/copyright/index.html").read_text(encoding="utf-8")


def test_d4_a_language_with_a_region_builds(project, tmp_path):
    replace(project / "translations/languages.yaml", "\nlanguages:\n", "\nlanguages:\n  es-MX: Español (México)\n")
    assert run(project, "scaffold", "es-MX", "--method", "human").returncode == 0
    replace(project / "translations/languages.yaml", "published: [en, ", "published: [en, es-MX, ")  # built only once published
    fill(project, "es-MX", "MX: ")
    (project / "docs/es-MX/about.md").write_text((project / "docs/es/about.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(project, "check").stdout == "corpus ok\n", run(project, "check").stdout
    result = build(project, "http://127.0.0.1:8000/", tmp_path / "site", environ=only("es-MX"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site/es-MX/win/copyright/index.html").is_file()


FAILURES = {
    "corpus problem": ("principles/win.yaml", "  short_name: WIN\n", '  short_name: "WIN<b>"\n'),
    "symlinked secret": None,
    "crash in a hook": ("mkdocs.yml", "hooks:\n", "hooks:\n  - boom.py\n"),
    "strict-mode warning": ("mkdocs.yml", "hooks:\n", "hooks:\n  - warn.py\n"),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_any_failed_build_leaves_the_previous_site_byte_identical(built_project, failure):
    project, site = built_project, built_project / "site"
    before = site_snapshot(site)
    assert "index.html" in before
    (project / "boom.py").write_text("def on_post_build(config):\n    raise RuntimeError('boom')\n", encoding="utf-8")
    (project / "warn.py").write_text("import logging\ndef on_post_build(config):\n    logging.getLogger('mkdocs.plugins.warn').warning('a warning')\n", encoding="utf-8")
    if FAILURES[failure]:
        replace(project / FAILURES[failure][0], *FAILURES[failure][1:])
    else:
        os.symlink("/etc/passwd", project / "docs/en/passwd.md")
    result = build(project, "http://127.0.0.1:8000/", quiet=False, environ=only(DEFAULT))  # fails in any language
    assert result.returncode != 0
    assert site_snapshot(site) == before
    assert not any(p.name.startswith(".site.") for p in project.iterdir())  # no staging folder left behind


def test_a_successful_build_replaces_the_site_whole(project):
    site = project / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert build(project, "http://127.0.0.1:8000/", environ=only(DEFAULT)).returncode == 0
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()


def test_site_name_is_escaped_exactly_once_in_the_header(real_site):
    site, _ = real_site
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'title="Music &amp; Generative AI Principles"' in page
    assert "&amp;amp;" not in page


# Third audit, rows whose payload is published, inert in the program that opens it.
def test_n6_texts_that_start_like_formulas_reach_the_csv_as_text(project):
    import csv
    import io

    from aiprinciples.loader import load_corpus
    from aiprinciples.site.open_data import csv_bytes

    path = project / "translations/es/win.yaml"
    replace(path, '    text: "Principios de WIN para la IA generativa"', '    text: "=HYPERLINK(INDEX(R:R;ROW());B:B) IA generativa"')
    text = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(text) if line == "  win-preamble-1:")
    row = next(i for i in range(at, len(text)) if text[i].startswith("    text: "))
    text[row] = '    text: "+' + text[row].removeprefix('    text: "')
    path.write_text("\n".join(text), encoding="utf-8")
    cells = [cell for line in csv.reader(io.StringIO(csv_bytes(load_corpus(project).corpus, "es", "http://127.0.0.1:8000/").decode("utf-8-sig"))) for cell in line]
    assert "'=HYPERLINK(INDEX(R:R;ROW());B:B) IA generativa" in cells and any(cell.startswith("'+") for cell in cells)
    assert not any(cell and cell[0] in "=+-@\t\r" for cell in cells)


def test_n7_a_brace_in_a_text_cannot_end_a_bibtex_field():
    import pybtex.errors
    from pybtex.database import parse_string

    from aiprinciples.site.citations import Work, bibtex

    title = "Principios de WIN para la IA generativa}, author = {Mallory}, note = {x"
    pybtex.errors.set_strict_mode(True)
    entry = parse_string(bibtex(Work("win-title-es", title, "Worldwide Independent Network", "WIN", None, "2024-05-21", "es", "http://h/es/win/", "")), "bibtex").entries["win-title-es"]
    assert [str(person) for person in entry.persons["author"]] == ["{Worldwide Independent Network}"] and "note" not in entry.fields
    assert "Mallory" in entry.fields["title"]


def test_n9_sitemap_urls_are_percent_encoded(tmp_path):
    from types import SimpleNamespace

    from aiprinciples.loader import load_corpus
    from aiprinciples.site.outputs import write_sitemaps
    from aiprinciples.site.pages import PageSpec

    corpus = load_corpus(ROOT).corpus
    for code in corpus.languages:
        (tmp_path / code).mkdir()
    write_sitemaps(SimpleNamespace(corpus=corpus, specs=[PageSpec("x", "sp ace#frag?q<img>/")]), tmp_path, "http://127.0.0.1:8000/")
    sitemap = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/sp%20ace%23frag%3Fq%3Cimg%3E/</loc>" in sitemap
    assert "sp ace" not in sitemap and "#frag" not in sitemap
