"""The benchmark's synthetic corpus (benchmarks/corpus.py): N documents × L languages that the checker accepts, every text distinct.

Structural only: the benchmark's timings are never tested.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections import Counter

import pytest

from aiprinciples.checks import check_loaded
from aiprinciples.loader import load_corpus
from tests.conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Every language the generator can add: `make bench FULL=1` builds 10, and each added one must pass the checker.
# The generator copies the published languages only (a translator's draft is left out) and adds the others.
_PUBLISHED = load_corpus(ROOT).corpus.published
DOCUMENTS, LANGUAGES = 5, len(_PUBLISHED) + len([code for code, _name, _source in _generator().EXTRA_LANGUAGES if code not in _PUBLISHED])


@pytest.fixture(scope="module")
def synthetic_project(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "project"
    _generator().make_project(ROOT, out, DOCUMENTS, LANGUAGES)
    return out


@pytest.fixture(scope="module")
def synthetic(synthetic_project):
    return load_corpus(synthetic_project)


def _modules(tree):
    return sorted(str(path.relative_to(tree)) for path in (tree / "aiprinciples").rglob("*.py") if "__pycache__" not in path.parts)


def test_it_holds_all_of_its_trees_code(synthetic_project):
    # A folder named like a build output (aiprinciples/site/) is code: left out, the benchmark ran another checkout's.
    assert _modules(synthetic_project) == _modules(ROOT)
    assert (synthetic_project / "hooks").is_dir() and not (synthetic_project / "site").exists()


def test_the_benchmark_refuses_a_project_that_runs_code_from_elsewhere(synthetic_project, tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_run", run)  # dataclasses look their module up
    spec.loader.exec_module(run)
    whole = run.Tree("whole", ROOT)
    whole.project = synthetic_project
    run._own_code(whole)  # its own code: accepted
    partial = tmp_path / "partial"
    shutil.copytree(synthetic_project / "aiprinciples", partial / "aiprinciples", ignore=shutil.ignore_patterns("site"))
    broken = run.Tree("partial", ROOT)
    broken.project = partial
    with pytest.raises(SystemExit, match="partial"):
        run._own_code(broken)


def test_it_has_n_documents_of_both_shapes_in_l_published_languages(synthetic):
    corpus = synthetic.corpus
    real = load_corpus(ROOT).corpus
    assert len(corpus.documents) == DOCUMENTS and len(corpus.languages) == LANGUAGES
    assert set(corpus.published) == set(corpus.languages)  # every language is built
    shapes = Counter(next(name for name in real.documents if doc_id.startswith(name)) for doc_id in corpus.documents)
    assert set(shapes) == set(real.documents) and max(shapes.values()) - min(shapes.values()) <= 1  # copies of each real document in turn
    for doc in corpus.documents.values():
        source = real.documents[next(name for name in real.documents if doc.id.startswith(name))]
        assert [len(p.points) for p in doc.principles] == [len(p.points) for p in source.principles]


def test_the_checker_accepts_it_without_a_warning(synthetic):
    assert [str(problem) for problem in check_loaded(synthetic)] == []


def test_every_text_is_distinct_across_documents_and_languages(synthetic):
    corpus = synthetic.corpus
    for lang in corpus.languages:
        texts = [corpus.text(doc.id, pt.id, lang)[0] for doc in corpus.documents.values() for pt in doc.points()]
        assert len(set(texts)) == len(texts), lang
        site_names = {corpus.text("ui", "site_name", code)[0] for code in corpus.languages}
        assert len(site_names) == len(corpus.languages)  # so every preview image differs
    for doc in corpus.documents.values():
        for point in doc.points():
            shown = [corpus.text(doc.id, point.id, lang) for lang in corpus.languages]
            assert all(lang == shown_lang for (_text, shown_lang), lang in zip(shown, corpus.languages, strict=True))  # translated everywhere
            assert len({text for text, _ in shown}) == len(corpus.languages)
