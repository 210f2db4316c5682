"""Per-article cleaning: ``clean(document) -> Article``. A pure function: no I/O, no globals.

Separates the report from web debris (every removed piece kept with its reason) and
recovers metadata, each value with its evidence and a confidence.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePath

from telusur.clean.assemble import Line, assemble, split_lines
from telusur.clean.byline import is_name, label_role
from telusur.clean.html import PageMeta, extract_html
from telusur.clean.language import detect_language
from telusur.clean.layout import Layout, lay_out
from telusur.clean.pubdate import from_body, from_url, name_date
from telusur.clean.outlet import (OutletClue, camel_brands, clue_from_name, display_name, domains_in, normalise_domain,
                                  resolve_outlet, self_references)
from telusur.clean.wire import agency_name, find_citations
from telusur.errors import NoArticleError
from telusur.ingest.decode import replace_surrogates
from telusur.model import Article, Document, Field, Removed
from telusur.text.dates import find_dates

__all__ = ["clean", "MIN_BODY_WORDS"]

MIN_BODY_WORDS = 15
# Reasons whose lines may still name a cited source ("Sumber: Reuters") or the outlet.
_CITATION_REASONS = frozenset({"wire-credit", "standfirst", "pre-body", "after-article", "byline", "dateline"})
_CREDIT_REASONS = frozenset({"promo", "navigation", "paywall", "after-article", "pre-body", "repeated-template"})


def clean(doc: Document) -> Article:
    """Clean one document into an Article.

    Takes a Document (text or HTML); returns the Article with body, removed debris and
    metadata. An outlet's learned template lines are removed later, by the corpus stage
    (``telusur.engine.corpus_stages.strip_learned_templates``). Raises ``NoArticleError`` when no report text is left.
    """
    page = PageMeta()
    if doc.format == "html":
        raw, page = extract_html(replace_surrogates(doc.html or ""), doc.url, doc.id)
        raw = raw.replace("\r\n", "\n")
    else:
        raw = replace_surrogates(doc.text or "")  # a Document built by hand may hold what no encoder takes
    lines = split_lines(raw)
    title_hint = doc.hints.get("title") or (page.title[0] if page.title else None)
    lay = lay_out(lines, title_hint)
    if lay.body_start is None:
        where = "HTML page holds no article text: no" if doc.format == "html" else "no"
        raise NoArticleError(doc.id, f"{where} paragraph of report text among {len(lines)} lines")
    removed = _removed(lines, lay)
    body, segments = assemble(raw, removed, lines)
    if len(body.split()) < MIN_BODY_WORDS:
        raise NoArticleError(doc.id, f"body has {len(body.split())} words after cleaning (minimum {MIN_BODY_WORDS})")
    article = Article(
        id=doc.id,
        source=doc.source,
        format=doc.format,
        content_hash=doc.content_hash,
        raw=raw,
        body=body,
        segments=segments,
        removed=removed,
        url=doc.url or doc.hints.get("url") or page.url,
        warnings=list(doc.warnings),
    )
    _metadata(article, doc, page, lines, lay)
    return article


def _removed(lines: list[Line], lay: Layout) -> list[Removed]:
    out = [Removed(ln.start, ln.end, lay.reasons[ln.index], ln.text) for ln in lines if ln.index in lay.reasons]
    if lay.dateline and lay.dateline[0].index not in lay.reasons:
        ln, dl = lay.dateline
        out.append(Removed(ln.start, ln.start + dl.end, "dateline", ln.text[: dl.end]))
    out.extend(Removed(s, e, r, _slice(lines, s, e)) for s, e, r in lay.cuts)
    return sorted(out, key=lambda r: r.start)


def _slice(lines: list[Line], start: int, end: int) -> str:
    for ln in lines:
        if ln.start <= start < ln.end:
            return ln.text[start - ln.start : end - ln.start]
    return ""


def _metadata(article: Article, doc: Document, page: PageMeta, lines: list[Line], lay: Layout) -> None:
    article.title = _title(doc, page, lay)
    article.authors, article.editors = _people(lay, page)
    article.wire_agencies, article.cited_outlets = _citations(article, lines, lay)
    article.outlet = resolve_outlet(_outlet_clues(article, doc, page, lay))
    article.published = _published(article, doc, page, lay)
    if lay.dateline:
        ln, dl = lay.dateline
        if dl.place:
            article.dateline = Field(dl.place, dl.text, "dateline", 0.9, ln.start, ln.start + len(dl.text))
    code, confidence, evidence = detect_language(article.body)
    article.language = Field(code, evidence, "marker-words", round(confidence, 2))
    if lay.signoffs:
        ln, initials = lay.signoffs[-1]
        article.signoff = Field(initials, ln.text, "signoff", 0.8, ln.start, ln.end)


def _title(doc: Document, page: PageMeta, lay: Layout) -> Field | None:
    if doc.hints.get("title"):
        return Field(doc.hints["title"], doc.hints["title"], "source-hint", 0.95)
    if page.title:
        return Field(page.title[0], page.title[0], page.title[1], 0.9)
    if lay.title:
        return Field(lay.title.text, lay.title.text, "headline-line", 0.8, lay.title.start, lay.title.end)
    return None


def _people(lay: Layout, page: PageMeta) -> tuple[list[Field], list[Field]]:
    authors: dict[str, Field] = {}
    editors: dict[str, Field] = {}
    for name, source in page.authors:
        if is_name(name):
            authors.setdefault(name, Field(name, name, source, 0.9))
    for name, source in page.editors:
        if is_name(name):
            editors.setdefault(name, Field(name, name, source, 0.9))
    for c in lay.credits:
        target = authors if c.role == "author" else editors
        target.setdefault(c.name, Field(c.name, c.name, "byline", 0.85, c.start, c.end))
    return list(authors.values()), [f for n, f in editors.items() if n not in authors]


def _citations(article: Article, lines: list[Line], lay: Layout) -> tuple[list[Field], list[Field]]:
    agencies: dict[str, Field] = {}
    outlets: dict[str, Field] = {}
    starts = [ln.start for ln in lines]
    for c in find_citations(article.raw):
        ln = lines[bisect.bisect_right(starts, c.start) - 1]
        reason = lay.reasons.get(ln.index)
        if c.end > ln.end or (reason is not None and reason not in _CITATION_REASONS):
            continue
        if c.kind == "outlet" and label_role(c.name.split()[0]) is not None:
            continue  # "Laporan Wartawan Tribunnews.com, NAME" credits a reporter, it cites no outlet
        target = agencies if c.kind == "agency" else outlets
        target.setdefault(c.name, Field(c.name, c.evidence, "citation", 0.85, c.start, c.end))
    for ln in lines:
        if lay.reasons.get(ln.index) == "wire-credit":
            for part in re.split(r"[/,]", re.sub(r"^(?:sumber|source)\s*:|^[-–—]", "", ln.text, flags=re.I)):
                if canon := agency_name(part):
                    agencies.setdefault(canon, Field(canon, ln.text, "credit-line", 0.9, ln.start, ln.end))
    for start, end, reason in lay.cuts:
        # an agency credit signing the last paragraph: "... di masa depan. (Antara)"
        if reason == "wire-credit" and (canon := agency_name(article.raw[start:end].strip(" .()"))):
            agencies.setdefault(canon, Field(canon, article.raw[start:end].strip(), "credit-line", 0.9, start, end))
    if lay.dateline and lay.dateline[1].outlet:
        ln, dl = lay.dateline
        canon = agency_name(dl.outlet or "")
        if canon:
            agencies.setdefault(canon, Field(canon, dl.text, "dateline", 0.8, ln.start, ln.start + len(dl.text)))
    ordered = sorted(agencies.values(), key=lambda f: f.start if f.start is not None else 0)
    return ordered, sorted(outlets.values(), key=lambda f: f.start if f.start is not None else 0)


def _outlet_clues(article: Article, doc: Document, page: PageMeta, lay: Layout) -> list[OutletClue]:
    clues: list[OutletClue] = []
    if doc.hints.get("outlet"):
        clues.append(clue_from_name(doc.hints["outlet"], doc.hints["outlet"], "source-hint", 0.95))
    if page.site_name:
        clues.append(clue_from_name(page.site_name[0], page.site_name[0], page.site_name[1], 0.9))
    if lay.dateline and lay.dateline[1].outlet:
        ln, dl = lay.dateline
        is_agency = agency_name(dl.outlet or "") is not None
        clues.append(clue_from_name(dl.outlet or "", dl.text, "dateline", 0.5 if is_agency else 0.85, ln.start, ln.start + len(dl.text)))
    if article.url and (domain := normalise_domain(article.url)):
        clues.append(OutletClue(None, domain, article.url, "url", 0.8))
    if lay.masthead:
        ln = lay.masthead
        clues.append(OutletClue(display_name(ln.text), None, ln.text, "masthead", 0.7, ln.start, ln.end))
    for r in article.removed:
        if r.reason in _CREDIT_REASONS:
            for domain, s, e in domains_in(r.text):
                clues.append(OutletClue(None, domain, r.text, "credit", 0.6, r.start + s, r.start + e))
                break
            for brand in camel_brands(r.text):
                clues.append(OutletClue(brand, None, r.text, "credit", 0.55, r.start, r.end, needs_domain=True))
    for domain, s, e in self_references(article.body)[:1]:
        start = article.raw_offset(s)
        clues.append(OutletClue(None, domain, article.body[s:e], "interviewed-by", 0.45, start, start + e - s))
    return clues


def _published(article: Article, doc: Document, page: PageMeta, lay: Layout) -> Field | None:
    for value, source in ((doc.hints.get("published"), "source-hint"), *([page.published] if page.published else [])):
        if value and (dates := find_dates(value)):
            return Field(dates[0].value, value, source, 0.95)
    if lay.byline_dates:
        ln, d = lay.byline_dates[0]
        return Field(d.value, ln.text, "byline", 0.9, ln.start + d.start, ln.start + d.end)
    for agency in [*article.wire_agencies, *article.cited_outlets]:
        if agency.source != "citation" or agency.end is None:
            continue
        window = article.raw[agency.end : agency.end + 40]
        if (dates := find_dates(window)) and dates[0].start < 15:
            d = dates[0]
            return Field(d.value, article.raw[agency.start : agency.end + d.end], "body-citation-date", 0.6, agency.end + d.start, agency.end + d.end)
    if (inferred := from_url(article.url)) is not None:
        return Field(inferred.value, inferred.evidence, inferred.source, inferred.confidence)
    if doc.hints.get("warc_date") and (dates := find_dates(doc.hints["warc_date"])):
        return Field(dates[0].value, doc.hints["warc_date"], "crawl-date", 0.4)
    named = name_date(doc.id)
    if (inferred := from_body(article.body, named)) is not None:
        start = article.raw_offset(inferred.start or 0)
        return Field(inferred.value, inferred.evidence, inferred.source, inferred.confidence, start,
                     start + len(inferred.evidence))
    if named is not None:
        return Field(named.isoformat(), PurePath(doc.id).name, "name-date (a crawl may name a later day)", 0.35)
    dates = find_dates(article.body)
    if dates:
        d = dates[0]
        start = article.raw_offset(d.start)
        return Field(d.value, d.text, "body-date (may date the reported event, not the publication)", 0.3, start, start + len(d.text))
    return None
