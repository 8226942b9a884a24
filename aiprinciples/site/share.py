"""What a share page (/<lang>/p/<id>/) shows of one principle or point, and what its link preview says.

A share page is a page: the unit with whose words it is, its notes and its state, the principle
it belongs to (a principle's page shows its points), links to read it in place and in the other
languages. Plain data; templates/share.html renders it, previews.py draws its card.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiprinciples.model import Corpus, Document
from aiprinciples.presentation import Unit
from aiprinciples.site.view import View, headline, shorten


@dataclass(frozen=True)
class Share:
    unit_id: str
    doc: Document
    title_unit: Unit  # the document's title
    principle: Unit
    point: Unit | None  # None on a principle's share page
    points: list[Unit]  # a principle's points (its share page lists them)
    title: str  # "WIN 1.3 — Title of the principle"
    description: str  # for link previews: whose words first, then the text
    words: str  # what its preview image shows under the heading: the words alone (the note above it says whose)
    in_place: str  # link, from the share page, to the unit on its own page
    provenance: str  # the short label a preview image draws ("" for the issuer's own wording)
    document: str  # "Title of the document (2024)"

    @property
    def unit(self) -> Unit:
        return self.point or self.principle


def share(corpus: Corpus, lang: str, unit_id: str, site_url: str) -> Share:
    view = View(corpus, lang, f"p/{unit_id}/", site_url)
    unit = view.unit(unit_id)
    doc = corpus.documents[unit.document]
    principle = view.unit(unit.principle)
    point = unit if unit.kind == "point" else None
    points = [] if point else [view.unit(pt.id) for pt in doc.principle(principle.id).points]
    # A principle is described by its own words: its title, then its points, each with its number.
    numbered = [f"{u.number} {u.text}" for u in points]
    said = point.text if point else " ".join([principle.text, *numbered])
    label = provenance_label(view, unit if point else (points[0] if points else unit))
    described = view.text("label_colon", label=label) + " " + said if label else said
    title_unit = view.unit(doc.title_id)
    notes = len(unit.notes) if point else sum(len(u.notes) for u in [principle, *points])
    return Share(
        unit_id=unit_id, doc=doc, title_unit=title_unit, principle=principle, point=point, points=points,
        title=view.text("share_title", label=unit.label, title=headline(principle.text)), description=shorten(described, 200),
        words=point.text if point else " ".join(numbered) or principle.text,  # the image's heading holds the title
        in_place=view.at(unit), provenance=preview_note(view, label, notes), document=f"{title_unit.text} ({doc.year})",
    )


def provenance_label(view: View, unit: Unit) -> str:
    """The short label of a text that is not its issuer's own wording ("Unofficial translation"); "" otherwise."""
    return view.text("marker_short", kind=unit.marker) if unit.marker else ""


def preview_note(view: View, label: str, notes: int) -> str:
    """What a preview image says under its heading: whose words, and that the page holds notes on them."""
    parts = [label] if label else []
    if notes:
        parts.append(view.text("preview_notes", count=notes))
    return " · ".join(parts)


def shared_units(corpus: Corpus) -> list[str]:
    """Every principle and point id, in document order."""
    return [unit for doc in corpus.documents.values() for pr in doc.principles for unit in [pr.id] + [pt.id for pt in pr.points]]
