"""Translation QA (aiprinciples/qa.py): each rule in each language it applies to, silencing with a reason, official texts exempt."""

from __future__ import annotations

import re

import pytest

from aiprinciples.checks import check
from aiprinciples.cli import main
from aiprinciples.loader import load_corpus
from aiprinciples.po import export_po, import_po
from aiprinciples.qa import RULES, Settings, findings, settings
from aiprinciples.translate import fmt, read_raw, write
from aiprinciples.yamlsafe import load_yaml
from tests.corpus import PROJECT, TRANSLATED

LANGUAGES = TRANSLATED  # a draft's glossary is seeded with empty terms: QA waits for them
NNBSP, NBSP = "\u202f", "\u00a0"


def set_entry(project, lang: str, source: str, unit_id: str, old: str | None = None, new: str | None = None, **fields) -> int:
    """Change one entry through the canonical writer (`old` -> `new` in its text, or the whole text when
    `old` is None; other fields as given); returns the line of its `text:`."""
    rel = f"translations/{lang}/{source}.yaml"
    data = read_raw(project / rel)
    entry = data["entries"][unit_id]
    if new is not None:
        assert old is None or old in entry["text"], (old, entry["text"])
        entry["text"] = new if old is None else entry["text"].replace(old, new, 1)
    entry.update(fields)
    write(load_corpus(project), lang, source, data)
    return line_of(project, rel, "entries", unit_id, "text")


def line_of(project, rel: str, *path) -> int:
    _data, lines, _problems = load_yaml(project / rel, rel)
    return lines[path]


def found(project) -> set[tuple[str, int, str]]:
    return {(p.path, p.line, p.rule) for p in check(project)}


# (language, source, id, old, new, rule): `old` becomes `new` in the entry's text (None: the whole text).
BAD = [
    # termbase: the English has a glossary term, the translation not its target
    ("es", "win", "win-1", "propiedad intelectual", "copyright", "termbase"),
    ("fr", "win", "win-1", "droit d’auteur", "copyright", "termbase"),
    ("ko", "aie", "aie-2-1", "저작인접권", "인접권", "termbase"),
    ("pt", "win", "win-1", "direitos autorais", "copyright", "termbase"),
    # forbidden forms
    ("es", "win", "win-preamble-1", "La música y la tecnología", "La música y/o la tecnología", "forbidden"),
    ("fr", "win", "win-1-1", "les contenus audiovisuels et les images", "les contenus audiovisuels et/ou les images", "forbidden"),
    ("ko", "aie", "aie-2-1", "저작권 및 저작인접권", "저작권 및/또는 저작인접권", "forbidden"),
    ("pt", "win", "win-1-2", "elaboradas ou reforçadas", "elaboradas e/ou reforçadas", "forbidden"),
    ("pt", "win", "win-3-1", "as deepfakes não autorizadas", "as falsificações profundas (deepfakes) não autorizadas", "forbidden"),  # the EU Portuguese term
    # typography: French no-break space before : ; (an ordinary space or none will not do)
    ("fr", "ui", "home_intro", f"générative{NBSP}:", "générative :", "typography"),
    ("fr", "ui", "version_state", f"ce site{NNBSP};", "ce site;", "typography"),  # inside a select's variant
    ("fr", "ui", "label_colon", f"{{ $label }}{NBSP}:", "{ $label } :", "typography"),
    # typography: each language's quotation marks, spaced as it writes them, opened and closed
    ("es", "win", "win-1-1", "«entrenamiento»", '"entrenamiento"', "typography"),
    ("es", "win", "win-1-1", "«entrenamiento»", "« entrenamiento »", "typography"),
    ("es", "win", "win-1-1", "«entrenamiento»", "«entrenamiento", "typography"),
    ("fr", "win", "win-1-1", f"«{NNBSP}entraînement{NNBSP}»", "“entraînement”", "typography"),
    ("fr", "win", "win-1-1", f"«{NNBSP}entraînement{NNBSP}»", "« entraînement »", "typography"),
    ("fr", "win", "win-1-1", f"«{NNBSP}entraînement{NNBSP}»", "«entraînement»", "typography"),
    ("ko", "aie", "aie-1", "인간 창의성", "«인간 창의성»", "typography"),
    ("ko", "aie", "aie-1", "인간 창의성", '"인간 창의성"', "typography"),
    ("pt", "win", "win-1-1", "“treinamento”", "«treinamento»", "typography"),
    ("pt", "win", "win-1-1", "“treinamento”", "“treinamento", "typography"),
    # same-as-english
    ("es", "themes", "attribution.name", None, "Credit and attribution", "same-as-english"),
    ("fr", "themes", "human-creativity.name", None, "Human-centred creativity", "same-as-english"),
    ("ko", "themes", "international.name", None, "International consistency", "same-as-english"),
    ("pt", "themes", "attribution.description", None, "Crediting and attributing creators when their work is used.", "same-as-english"),
    # numbers
    ("es", "aie", "aie-intro-1", "2025", "2024", "numbers"),
    ("fr", "aie", "aie-intro-1", "2025", "2024", "numbers"),
    ("pt", "aie", "aie-intro-1", "2025", "2024", "numbers"),
    ("ko", "aie", "aie-title", "일곱 가지", "7가지", "numbers"),
]


@pytest.mark.parametrize(("lang", "source", "unit_id", "old", "new", "rule"), BAD, ids=lambda v: v if isinstance(v, str) and len(v) < 25 else None)
def test_bad_translation_is_reported_at_its_text_line_by_its_rule(project, lang, source, unit_id, old, new, rule):
    line = set_entry(project, lang, source, unit_id, old, new)
    rel = f"translations/{lang}/{source}.yaml"
    problems = check(project)
    assert {(p.path, p.line, p.rule) for p in problems} == {(rel, line, rule)}
    problem = next(p for p in problems if p.rule == rule)
    assert problem.message.startswith(f"{unit_id}: ") and problem.fix
    assert str(problem).startswith(f"{rel}:{line}: {unit_id}: ") and str(problem).endswith(f" [{rule}]")


# What the rules accept: nested quotation marks, the other pair, spacing as written, URLs.
GOOD = [
    ("es", "win", "win-1-1", "«entrenamiento»", "«“entrenamiento”»"),
    ("fr", "win", "win-1", "droit d’auteur", f"droit d’auteur (voir https://example.org/?a=b;c:d){NNBSP}!"),
    ("fr", "win", "win-1-1", f"«{NNBSP}entraînement{NNBSP}»", f"«{NBSP}entraînement{NBSP}»"),
    ("ko", "aie", "aie-1", "인간 창의성", "“인간 창의성”"),
    ("pt", "win", "win-1-1", "“treinamento”", "“o ‘treinamento’”"),
    ("pt", "themes", "personality-rights.name", "deepfakes", "Deepfakes"),
]


@pytest.mark.parametrize(("lang", "source", "unit_id", "old", "new"), GOOD, ids=lambda v: v if isinstance(v, str) and len(v) < 25 else None)
def test_what_the_language_writes_passes(project, lang, source, unit_id, old, new):
    set_entry(project, lang, source, unit_id, old, new)
    assert found(project) == set()


# The terms the third strict reviews settled (es.md, pt.md), each enforced by its glossary: the review's
# rejected wording, put back into the entry, is reported by every rule that guards it, at the text's line.
REVIEWED_TERMS = [
    ("es", "win", "win-3-1", "seguridad del público", "seguridad pública", {"forbidden", "termbase"}),
    ("es", "aie", "aie-1", "Concienciación", "Concientización", {"forbidden"}),  # es #13: the es-ES form
    ("es", "aie", "aie-4-1", "con efecto ampliado", "ampliada", {"termbase"}),  # es #15: the statutory term
    ("es", "aie", "aie-closing-5", "fiabilidad", "confianza", {"termbase"}),  # es #12: trustworthiness
    ("pt", "win", "win-3-1", "segurança do público", "segurança pública", {"forbidden", "termbase"}),  # pt #11
    ("pt", "themes", "personality-rights.name", "deepfakes", "falsificações profundas", {"forbidden", "termbase"}),  # pt #2
    ("pt", "aie", "aie-3-1", "falsificações de identidade", "usurpações de identidade", {"forbidden", "termbase"}),  # pt #13
    ("pt", "aie", "aie-2", "participação", "intervenção", {"termbase"}),  # pt #12
    ("pt", "aie", "aie-closing-5", "confiabilidade", "confiança", {"termbase"}),
]


@pytest.mark.parametrize(("lang", "source", "unit_id", "old", "new", "rules"), REVIEWED_TERMS, ids=lambda v: v if isinstance(v, str) and len(v) < 25 else None)
def test_the_reviews_terms_are_enforced(project, lang, source, unit_id, old, new, rules):
    line = set_entry(project, lang, source, unit_id, old, new)
    rel = f"translations/{lang}/{source}.yaml"
    assert found(project) == {(rel, line, rule) for rule in rules}


def test_rules_directly():
    config = Settings("g", space_before=":", quotes=(("«\u202f", "\u202f»"),), forbidden=(("et/ou", "Write ou"),), same_as_english=frozenset({"WIN"}))
    term = settings({"terms": [{"en": "performer", "en_forms": ["performing artists"], "term": "artiste-interprète", "variants": ["artistes-interprètes"]}]}, "g")
    assert [f[0] for f in findings("Les musiciens", "PERFORMING ARTISTS", term)] == ["termbase"]  # any case
    assert list(findings("Les ARTISTES-INTERPRÈTES", "performing artists", term)) == []  # any case, a variant
    assert list(findings("Les interprètes", "performership", term)) == []  # whole words only
    assert list(findings("WIN", "WIN", config)) == [] and [f[0] for f in findings("Zed", "Zed", config)] == ["same-as-english"]
    assert [f[0] for f in findings("A ET/OU B", "x", config)] == ["forbidden"]
    assert list(findings(f"{{label}}{NBSP}: https://x.org/a:b", "x", config)) == []  # URLs are exempt
    assert [f[0] for f in findings("Point 1.2, 2019/790", "Point 1.2, 2019/79", config)] == ["numbers"]


@pytest.mark.languages
def test_the_real_corpus_passes_every_qa_rule():
    assert [str(p) for p in check(PROJECT) if p.rule in (*RULES, "qa-skip")] == []


@pytest.mark.languages
def test_the_rules_meet_the_real_corpus():
    """Not vacuous: every published language configures each rule, and its terms occur in the English it translates."""
    corpus = load_corpus(PROJECT).corpus
    for lang in LANGUAGES:
        config = settings(corpus.glossaries[lang], "g")
        assert config.terms and config.forbidden and config.quotes and config.same_as_english, lang
        matched = sum(
            1 for (code, source), translation in corpus.translations.items() if code == lang
            for unit_id, entry in translation.entries.items() if not translation.is_official(unit_id) and entry.text
            for term in config.terms if term.pattern.search(corpus.sources[source][unit_id])
        )
        assert matched >= 50, (lang, matched)
    assert settings(corpus.glossaries["fr"], "g").space_before == ";:!?"


REASON = "Quotes a source that writes it so."


def test_qa_skip_silences_one_rule_for_one_entry_and_status_lists_it(project, capsys):
    rel = "translations/es/win.yaml"
    set_entry(project, "es", "win", "win-preamble-1", "La música y la tecnología", 'La "música" y/o la tecnología')
    first = set_entry(project, "es", "win", "win-preamble-1", qa_skip={"forbidden": REASON})
    second = set_entry(project, "es", "win", "win-preamble-2", "en la música y con la música", "en la música y/o con la música")
    assert found(project) == {(rel, first, "typography"), (rel, second, "forbidden")}

    assert main(["--root", str(project), "status"]) == 0
    out = capsys.readouterr().out
    table, silenced = out.split("\n\n", 1)
    assert "win-preamble-1" not in table
    assert silenced.splitlines()[1:] == [
        "translations/es/win.yaml",
        f"  win-preamble-1 (line {first - 3})  forbidden: {REASON}",
        "translations/ko/aie.yaml",
        f"  aie-intro-1 (line {line_of(project, 'translations/ko/aie.yaml', 'entries', 'aie-intro-1')})  numbers: Korean writes the month as a number: “12월” is the dateline's “diciembre” (December), so the date rightly has one 12 more than the English.",
    ]


@pytest.mark.parametrize(("skip", "rule"), [
    ({"termbse": REASON}, "qa-skip"),  # not a rule
    ({"numbers": "   "}, "qa-skip"),  # no reason
    ({"numbers": "<b>Korean</b> writes the month as a number."}, "html"),  # reasons obey the text rules
    ({"numbers": "Korean writes the month\u200b as a number."}, "invisible-char"),
])
def test_a_bad_qa_skip_is_a_problem_at_its_line(project, skip, rule):
    set_entry(project, "ko", "aie", "aie-intro-1", qa_skip=skip)
    rel = "translations/ko/aie.yaml"
    at = line_of(project, rel, "entries", "aie-intro-1", "qa_skip", next(iter(skip)))
    expected = {(rel, at, rule)}
    if "termbse" in skip:  # the numbers rule is no longer silenced
        expected.add((rel, line_of(project, rel, "entries", "aie-intro-1", "text"), "numbers"))
    assert found(project) == expected


def test_a_qa_skip_that_silences_nothing_is_a_problem(project):
    rel = "translations/fr/win.yaml"
    set_entry(project, "fr", "win", "win-1-1", qa_skip={"numbers": REASON})
    assert found(project) == {(rel, line_of(project, rel, "entries", "win-1-1", "qa_skip", "numbers"), "qa-skip")}


def test_a_badly_named_qa_skip_is_refused_by_the_schema(project):
    rel = "translations/fr/win.yaml"
    set_entry(project, "fr", "win", "win-1-1", qa_skip={"Termbase": REASON})
    problems = [p for p in check(project) if p.path == rel]
    assert [(p.line, p.rule) for p in problems] == [(line_of(project, rel, "entries", "win-1-1", "qa_skip"), "schema-pattern")]
    assert "translation-QA rule" in problems[0].fix


def test_qa_skip_round_trips_in_the_canonical_layout(project):
    rel = project / "translations/pt/win.yaml"
    set_entry(project, "pt", "win", "win-1-1", "“treinamento”", '"treinamento"', qa_skip={"typography": "B reason.", "numbers": "A reason."})
    text = rel.read_text(encoding="utf-8")
    assert re.search(r'\n    qa_skip:\n      numbers: "A reason."\n      typography: "B reason."\n    text_fingerprint: "[0-9a-f]{12}"\n  win-1-2:\n', text)
    assert rel not in fmt(project) and rel.read_text(encoding="utf-8") == text
    assert import_po(project, "pt", export_po(project, "pt")) == [] and rel.read_text(encoding="utf-8") == text
    assert load_corpus(project).corpus.translations[("pt", "win")].entries["win-1-1"].qa_skip == {"numbers": "A reason.", "typography": "B reason."}


def test_official_files_are_exempt():
    """WIN's official Korean is verbatim, straight quotation marks included: QA never judges it."""
    corpus = load_corpus(PROJECT).corpus
    translation = corpus.translations[("ko", "win")]
    config = settings(corpus.glossaries["ko"], "g")
    would_fire = [u for u, e in translation.entries.items() if any(findings(e.text, corpus.sources["win"][u], config))]
    assert translation.status == "official" and len(would_fire) >= 5
    assert [p for p in check(PROJECT) if p.path == translation.path] == []


def test_an_official_entry_is_exempt(project):
    rel = "translations/fr/win.yaml"
    line = set_entry(project, "fr", "win", "win-1-1", "les contenus audiovisuels et les images", "les contenus audiovisuels et/ou les images")
    assert found(project) == {(rel, line, "forbidden")}
    text = read_raw(project / rel)["entries"]["win-1-1"]["text"]
    (project / "principles/sources/win-principles.fr-test.txt").write_text(text + "\n", encoding="utf-8")
    set_entry(project, "fr", "win", "win-1-1", status="official", source_file="win-principles.fr-test.txt")
    assert found(project) == set()
    set_entry(project, "fr", "win", "win-1-1", qa_skip={"forbidden": REASON})
    problems = [p for p in check(project) if p.path == rel]
    assert [(p.rule, "issuer's own wording" in p.message) for p in problems] == [("qa-skip", True)]


def test_a_finding_in_a_draft_is_a_warning_and_the_preview_marks_that_point_only(project):
    """A volunteer's "(Versuch 1)" in a draft: the checker warns, the preview builds and marks that text."""
    from aiprinciples.site.build import Languages, site_state
    from tests.corpus import NEW_LANGUAGE, NEW_LANGUAGE_NAME
    from tests.test_translator_path import run, set_text

    assert run(project, "scaffold", NEW_LANGUAGE, "--name", NEW_LANGUAGE_NAME, "--method", "human").returncode == 0
    glossary = project / "translations" / NEW_LANGUAGE / "glossary.yaml"
    assert glossary.is_file()  # the scaffold seeds it: QA is on from the first text
    set_text(project, NEW_LANGUAGE, "win", "win-1-1", "Die Nutzung von Musik (Versuch 1) unterliegt dem Urheberrecht.")
    set_text(project, NEW_LANGUAGE, "win", "win-1-2", "Gesetze über KI sollen Musik schützen.")
    (problem,) = [p for p in check(project) if p.path.startswith(f"translations/{NEW_LANGUAGE}/")]
    assert (problem.rule, problem.severity, problem.unit) == ("numbers", "warning", "win-1-1") and "the preview marks the text" in problem.fix
    result = run(project, "check")
    assert result.returncode == 0 and "warning: win-1-1" in result.stdout and "(1 warning)" in result.stdout
    state = site_state(project, "http://127.0.0.1:9/", Languages(drafts=True, only=(NEW_LANGUAGE,)))
    page = state.render(NEW_LANGUAGE, "principle:win-1").html
    points = {unit: page.split(f'<li class="ap-point" id="{unit}"', 1)[1].split("</li>", 1)[0] for unit in ("win-1-1", "win-1-2", "win-1-3", "win-1-4")}
    assert [unit for unit, html in points.items() if "data-qa=" in html] == ["win-1-1"]  # that point, and no other
    assert 'data-qa="numbers"' in points["win-1-1"] and "To check" in points["win-1-1"]
    # Published, the same finding is an error that names the file and line.
    languages = project / "translations/languages.yaml"
    languages.write_text(languages.read_text(encoding="utf-8").replace("published: [en, ", f"published: [en, {NEW_LANGUAGE}, "), encoding="utf-8")
    assert ("numbers", "error") in {(p.rule, p.severity) for p in check(project) if p.unit == "win-1-1" and p.path.startswith(f"translations/{NEW_LANGUAGE}/")}
