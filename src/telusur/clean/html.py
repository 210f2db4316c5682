"""HTML pages: body text and metadata through trafilatura, then the page's own fields.

trafilatura is the field's best body extractor; Telusur adds what it drops or gets wrong
on Indonesian sites: JSON-LD ``NewsArticle`` authors and ``datePublished`` with its time
zone, ``article:published_time``, ``og:site_name`` and the authors' meta tags
(``author``, ``content_author``, ``dtk:author``). Its text still carries "Baca juga:"
lines and the like, which Telusur's own cleaning removes afterwards.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape

import trafilatura

from telusur.errors import NoArticleError

_LD = re.compile(r"<script[^>]+type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.S | re.I)
_META = re.compile(r"<meta\s+[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_EDITOR_LABEL = re.compile(r">\s*(Editor|Penyunting|Redaktur)\s*:\s*([^<>]{3,60}?)\s*<", re.I)
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}


@dataclass
class PageMeta:
    """Metadata a page states about itself; each value with its source name."""

    title: tuple[str, str] | None = None
    published: tuple[str, str] | None = None
    site_name: tuple[str, str] | None = None
    url: str | None = None
    authors: list[tuple[str, str]] = field(default_factory=list)
    editors: list[tuple[str, str]] = field(default_factory=list)


def extract_html(html: str, url: str | None, doc_id: str) -> tuple[str, PageMeta]:
    """Return the article text of a page (paragraphs on lines) and its stated metadata.

    Takes markup, the page URL (or None) and the document id for errors. Raises
    ``NoArticleError`` when trafilatura finds no article text. trafilatura's own
    metadata pass (about a third of its time) runs only when the page's JSON-LD and
    meta tags leave the title, publication date or site name unknown.
    """
    meta = page_meta(html)
    complete = None not in (meta.title, meta.published, meta.site_name) and bool(meta.authors)
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=not complete,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        # no guessing from the text ("2008" somewhere in a body became 2008-01-01): a page's
        # own date markup only; the body's news peg is read by clean.pubdate, with its evidence
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise NoArticleError(doc_id, "HTML page holds no article text")
    if meta.title is None and getattr(result, "title", None):
        meta.title = (result.title, "html-extractor")
    if meta.published is None and getattr(result, "date", None):
        meta.published = (result.date, "html-extractor")
    if meta.site_name is None and getattr(result, "sitename", None):
        meta.site_name = (result.sitename, "html-extractor")
    if not meta.authors and getattr(result, "author", None):
        meta.authors = [(a.strip(), "html-extractor") for a in result.author.split(";") if a.strip()]
    meta.url = meta.url or url or getattr(result, "url", None)
    return text, meta


def page_meta(html: str) -> PageMeta:
    """Return what a page's JSON-LD and meta tags say about it (cheap: regex, no DOM)."""
    meta = PageMeta()
    for block in _LD.findall(html):
        for node in _ld_nodes(block):
            if _types(node) & _ARTICLE_TYPES:
                _from_ld(node, meta)
    tags: dict[str, str] = {}
    for tag in _META.findall(html[:200_000]):
        attrs = {k.lower(): unescape(v1 or v2) for k, v1, v2 in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs and key not in tags:
            tags[key] = attrs["content"].strip()
    if meta.published is None:
        for key in ("article:published_time", "og:published_time", "pubdate", "publishdate", "dtk:publishdate", "datepublished"):
            if tags.get(key):
                meta.published = (tags[key], f"html-meta {key}")
                break
    if meta.title is None and tags.get("og:title"):
        meta.title = (tags["og:title"], "html-meta og:title")
    if meta.site_name is None and tags.get("og:site_name"):
        meta.site_name = (tags["og:site_name"], "html-meta og:site_name")
    # a site family's own byline tags (kompas' content_author / content_editor, detik's
    # dtk:author) say who wrote and who edited; they outrank JSON-LD, whose "author" is the
    # editor on some of those sites, and the generic author tags, which count only alone
    site_authors = _people_tag(tags, ("content_author", "dtk:author"))
    site_editors = _people_tag(tags, ("content_editor", "dtk:editor"))
    if site_authors:
        meta.authors = site_authors
    elif not meta.authors:
        meta.authors = _people_tag(tags, ("author", "article:author"))
    if site_editors:
        meta.editors = site_editors
        names = {name for name, _ in site_editors}
        meta.authors = [a for a in meta.authors if a[0] not in names]
    if not meta.editors:
        meta.editors = [(m.group(2).strip(), "html-byline") for m in _EDITOR_LABEL.finditer(html)]
    meta.url = tags.get("og:url")
    return meta


def _people_tag(tags: dict[str, str], keys: tuple[str, ...]) -> list[tuple[str, str]]:
    """The people the first present tag of ``keys`` names ("A, B dan C"), each with its evidence."""
    for key in keys:
        value = tags.get(key, "")
        if value and not value.startswith("http"):
            return [(a.strip(), f"html-meta {key}") for a in re.split(r"[,;]|\bdan\b", value) if a.strip()]
    return []


def _ld_nodes(block: str) -> list[dict]:
    try:
        data = json.loads(block.strip())
    except json.JSONDecodeError:
        return []
    stack, nodes = [data], []
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            nodes.append(item)
            if "@graph" in item:
                stack.append(item["@graph"])
    return nodes


def _types(node: dict) -> set[str]:
    t = node.get("@type")
    return set(t) if isinstance(t, list) else {t} if isinstance(t, str) else set()


def _from_ld(node: dict, meta: PageMeta) -> None:
    if isinstance(node.get("headline"), str) and meta.title is None:
        meta.title = (node["headline"].strip(), "json-ld headline")
    if isinstance(node.get("datePublished"), str) and meta.published is None:
        meta.published = (node["datePublished"].strip(), "json-ld datePublished")
    for key, target in (("author", meta.authors), ("editor", meta.editors)):
        people = node.get(key)
        for a in people if isinstance(people, list) else [people]:
            name = a.get("name") if isinstance(a, dict) else a if isinstance(a, str) else None
            if name and name.strip():
                target.append((name.strip(), f"json-ld {key}"))
    publisher = node.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and meta.site_name is None:
        meta.site_name = (publisher["name"].strip(), "json-ld publisher")
