"""JSON-LD (schema.org) for document and principle pages: whose work each language version is.

The issuer's own versions name the issuer as publisher; this site's translations name
this site as publisher and translator, the issuer as author, and the version they
translate as translationOfWork. Emitted as a data block, which browsers never run.
"""

from __future__ import annotations

from aiprinciples.model import Document, Principle


def document_data(ctx, doc: Document) -> dict:
    """The document in this page's language, its principles and points as parts."""
    data = _version(ctx, doc, f"{doc.id}/")
    data["hasPart"] = [_principle(ctx, doc, principle, with_text=False) for principle in doc.principles]
    return {"@context": CONTEXT, **data}


def principle_data(ctx, doc: Document, principle: Principle) -> dict:
    """One principle, its points with their text, and the document version it belongs to."""
    data = _principle(ctx, doc, principle, with_text=True)
    data["isPartOf"] = _version(ctx, doc, f"{doc.id}/")
    return {"@context": CONTEXT, **data}


def _version(ctx, doc: Document, path: str) -> dict:
    corpus, lang = ctx.corpus, ctx.lang
    issuer = _issuer(doc)
    url = ctx.absolute(path)
    data = {"@type": "CreativeWork", "@id": url, "url": url, "name": ctx.unit(doc.title_id).text, "inLanguage": ctx.tag(lang), "author": issuer}
    english = ctx.absolute(path, corpus.default_language)
    if _is_site_translation(ctx, doc):
        site = {"@type": "Organization", "name": ctx.text("site_name"), "url": ctx.site_url}
        data.update(publisher=site, translator=site, translationOfWork={"@id": english}, isBasedOn={"@id": english})
        return data
    data.update(publisher=issuer, datePublished=str(doc.meta["date"]))
    original = _original(ctx, doc)
    if lang == corpus.default_language and original:
        data["translationOfWork"] = data["isBasedOn"] = original  # e.g. AIE's English, AIE's own translation of its Spanish
    elif lang != corpus.default_language:
        data["translationOfWork"] = data["isBasedOn"] = {"@id": english}  # the issuer's own translation (WIN's Korean)
    else:
        data["workTranslation"] = [{"@id": ctx.absolute(path, code)} for code in corpus.languages if code != lang]
    return data


def _principle(ctx, doc: Document, principle: Principle, with_text: bool) -> dict:
    url = ctx.absolute(f"{doc.id}/{principle.slug}/")
    points = []
    for point in principle.points:
        unit = ctx.unit(point.id)
        part = {"@type": "CreativeWork", "@id": ctx.absolute(f"{doc.id}/{principle.slug}/", anchor=point.id), "identifier": point.id, "name": unit.label, "position": point.number}
        if with_text:
            part.update(text=unit.text, inLanguage=ctx.tag(unit.lang))
        points.append(part)
    unit = ctx.unit(principle.id)
    return {"@type": "CreativeWork", "@id": url, "url": url, "identifier": principle.id, "name": unit.text, "inLanguage": ctx.tag(unit.lang), "position": principle.number, "hasPart": points}


def _issuer(doc: Document) -> dict:
    org = doc.meta["organisation"]
    return {"@type": "Organization", "name": org["name"], "alternateName": org["short_name"]}


def _is_site_translation(ctx, doc: Document) -> bool:
    """The document's body in this language is this site's translation (its title may be the issuer's own)."""
    return bool(doc.points()) and ctx.unit(doc.points()[0].id).provenance.kind == "project"


def _original(ctx, doc: Document) -> dict | None:
    """The issuer's original, when it is not the English this site shows (AIE's Spanish)."""
    original = doc.meta["original_language"]
    if original == ctx.corpus.default_language:
        return None
    listed = next((v for v in doc.meta.get("versions", []) if v["language"] == original), {})
    data = {"@type": "CreativeWork", "inLanguage": ctx.tag(original), "author": _issuer(doc), "publisher": _issuer(doc), "datePublished": str(doc.meta["date"])}
    if listed.get("url"):
        data["url"] = listed["url"]
    return data


# Constant data.
CONTEXT = "https://schema.org"
