"""Units are looked up by index, never by scanning the corpus: structural tests, no timing."""

from __future__ import annotations

import pytest

from aiprinciples.loader import load_corpus
from aiprinciples.site.pages import UnitIndex, aliases, unit_index, unit_location
from aiprinciples.site.share import share, shared_units
from tests.conftest import ROOT


class Untouchable(dict):
    """The corpus's documents once the index exists: any scan of them fails the test."""

    def _refuse(self, *args, **kwargs):
        raise AssertionError("the corpus's documents were scanned after the unit index was built")

    __iter__ = values = items = keys = _refuse


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT).corpus


def _expected(corpus) -> dict[str, tuple[str, str, str]]:
    """Where each unit lives and its principle, worked out the slow way (a scan), to compare the index with."""
    out = {}
    for doc in corpus.documents.values():
        for principle in doc.principles:
            for unit_id in (principle.id, *principle.aliases):
                out.setdefault(unit_id, (f"{doc.id}/{principle.slug}/", "", principle.id))
            for point in principle.points:
                for unit_id in (point.id, *point.aliases):
                    out.setdefault(unit_id, (f"{doc.id}/{principle.slug}/", point.id, principle.id))
    return out


def test_the_index_is_a_dictionary_of_every_principle_point_and_alias(corpus):
    index = unit_index(corpus)
    assert isinstance(index, UnitIndex) and type(index.locations) is dict
    assert index.locations == {unit_id: (path, anchor) for unit_id, (path, anchor, _) in _expected(corpus).items()}
    assert unit_index(corpus) is index  # built once per corpus, not per call
    with pytest.raises(KeyError):
        unit_location(corpus, "win-title")  # not a principle or a point


def test_lookups_never_scan_the_documents(corpus, monkeypatch):
    index = unit_index(corpus)
    expected = _expected(corpus)
    points = {pt.id: pt for doc in corpus.documents.values() for pt in doc.points()}
    document_ids = list(corpus.documents)
    monkeypatch.setattr(corpus, "documents", Untouchable(corpus.documents))
    for _ in range(50):  # many calls, still no scan
        for unit_id, (path, anchor, principle_id) in expected.items():
            assert unit_location(corpus, unit_id) == (path, anchor)
            assert index.principle_of(unit_id)[1].id == principle_id
        assert aliases(corpus) == index.aliases
    for point in points.values():
        for doc_id in document_ids:
            related = index.related(point, doc_id)
            assert related == [pt for pt in points.values() if pt.id.startswith(doc_id + "-") and set(pt.themes) & set(point.themes)]


def test_a_share_card_looks_its_unit_up_by_index(corpus, monkeypatch):
    units = shared_units(corpus)
    cards = {unit_id: share(corpus, corpus.default_language, unit_id, "http://127.0.0.1:8000/") for unit_id in units}
    monkeypatch.setattr(corpus, "documents", _DocumentsByKeyOnly(corpus.documents))
    for unit_id in units:
        assert share(corpus, corpus.default_language, unit_id, "http://127.0.0.1:8000/") == cards[unit_id]


class _DocumentsByKeyOnly(Untouchable):
    """A share card may read its own document by key (corpus.documents["win"]), never scan them all."""

    __getitem__ = dict.__getitem__
    __contains__ = dict.__contains__
