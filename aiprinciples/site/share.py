"""What a share page (/<lang>/p/<id>/) says about one principle or point, in one language.

Plain text only: outputs.py escapes it once into the page, previews.py draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiprinciples.model import Corpus
from aiprinciples.site.context import Ctx
from aiprinciples.site.pages import unit_index, unit_location


@dataclass(frozen=True)
class Share:
    unit_id: str
    title: str  # "WIN 1.3 — Title of the principle"
    text: str  # the unit's own text in this language (English when untranslated); a principle's first point
    text_lang: str  # the language that text is in
    provenance: str  # "Unofficial translation", "Not yet translated: English shown", or ""
    document: str  # the document's name in this language, with its year
    path: str  # the page the unit lives on, below the language root
    anchor: str  # the unit's anchor on that page ("" for a principle)

    @property
    def description(self) -> str:
        """The text, its provenance stated first when it is not the issuer's own wording."""
        return f"{self.provenance} {self.text}" if self.provenance else self.text


def share(corpus: Corpus, lang: str, unit_id: str, site_url: str) -> Share:
    doc_id = unit_id.split("-")[0]
    doc = corpus.documents[doc_id]
    ctx = Ctx(corpus, lang, f"p/{unit_id}/", site_url)
    principle = unit_index(corpus).principle_of(unit_id)[1]
    # A principle is described by its first point, as its page is (render.principle_page).
    text_unit = principle.points[0].id if unit_id == principle.id and principle.points else unit_id
    text_lang = corpus.text(doc_id, text_unit, lang)[1]
    path, anchor = unit_location(corpus, unit_id)
    return Share(
        unit_id=unit_id,
        title=ctx.t_plain("share_title", label=ctx.label(unit_id), title=ctx.plain(doc_id, principle.id)),
        text=ctx.plain(doc_id, text_unit),
        text_lang=text_lang,
        provenance=provenance_label(ctx, doc_id, text_unit),
        document=f"{ctx.plain(doc_id, doc.title_id)} ({doc.year})",
        path=path,
        anchor=anchor,
    )


def provenance_label(ctx: Ctx, source: str, unit_id: str) -> str:
    """"Unofficial translation:" (localized punctuation) before a text this site translated; "" for the issuer's own."""
    kind = ctx.corpus.provenance(source, unit_id, ctx.lang).kind
    key = {"project": "prov_unofficial", "untranslated": "prov_untranslated"}.get(kind)
    return ctx.t_plain("label_colon", label=ctx.t_plain(key)) if key else ""


def shared_units(corpus: Corpus) -> list[str]:
    """Every principle and point id, in document order."""
    return [unit for doc in corpus.documents.values() for pr in doc.principles for unit in [pr.id] + [pt.id for pt in pr.points]]
