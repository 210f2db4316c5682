"""The HTML pages: stories (index), story, article, entity and search, server-rendered with the report's templates.

Every fact on a page links to its evidence: ``/articles/ID?start=S&end=E#evidence``
opens the article with that range marked. Plotly and Telusur's script are served from
``/static`` (Plotly from the installed ``plotly`` package, Swagger UI for ``/docs`` from
``fastapi-offline``): no page loads anything from another host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from telusur.corpus.reuse import find_reuse
from telusur.report.html import asset_path, environment, plotly_js_path
from telusur.report.i18n import LOCALES, negotiate
from telusur.store import Store
from telusur.store.search import HIT_CLOSE, HIT_OPEN, ArticleFilter
from telusur.web.api import ISO_DATE
from telusur.web.store_access import open_store
from telusur.web.uploads import MAX_FILES, SUFFIXES, analyse_uploads
from telusur.web.corpus_cache import CorpusCache
from telusur.web.views import Links, article_relations, article_view, departure_spans, entity_view, story_view

PAGE_SIZE = 20
SEARCH_ENTITIES = 300  # the most widespread, offered as a filter
INDEX_STORIES = 100
STATIC = {"telusur.css": "text/css", "telusur.js": "text/javascript", "plotly.min.js": "text/javascript",
          "swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css", "swagger-favicon.png": "image/png"}
# Swagger UI 5 (OpenAPI 3.1, which FastAPI writes) as the ``fastapi-offline`` package ships it
SWAGGER = {"swagger-ui-bundle.js": "swagger-ui-bundle.js", "swagger-ui.css": "swagger-ui.css",
           "swagger-favicon.png": "favicon.png"}

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(open_store)]


def article_href(article_id: str) -> str:
    """Return the address of an article's page."""
    return "/articles/" + quote(article_id, safe="")


def evidence_href(article_id: str, start: int, end: int) -> str:
    """Return the address of an article's page with the body range ``[start, end)`` marked."""
    return f"{article_href(article_id)}?start={int(start)}&end={int(end)}#evidence"


def story_href(story_id: str) -> str:
    """Return the address of a story's page."""
    return "/stories/" + quote(story_id, safe="")


def entity_href(entity_id: str) -> str:
    """Return the address of an entity's page."""
    return "/entities/" + quote(entity_id, safe="")


LINKS = Links(article=article_href, evidence=evidence_href, entity=entity_href)


LANG_COOKIE = "telusur_lang"


@dataclass(frozen=True)
class UI:
    """The language a page is shown in, whether the reader just chose it, and the page's address in each language."""

    locale: str
    chosen: bool
    switch: dict[str, str]


def ui_of(request: Request) -> UI:
    """Return the page language for ``request``: ``?lang=`` when given (then remembered), else the cookie, else Indonesian.

    Never raises: an unknown language falls back to the default.
    """
    asked = request.query_params.get("lang")
    locale = negotiate(asked or request.cookies.get(LANG_COOKIE))
    switch = {}
    for code in LOCALES:
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", code)]
        switch[code] = request.url.path + "?" + urlencode(query)
    return UI(locale, asked is not None, switch)


UIDep = Annotated[UI, Depends(ui_of)]


def render(name: str, ui: UI, status: int = 200, **context: Any) -> HTMLResponse:
    """Render one of the templates as a page in ``ui.locale`` (assets linked from /static, not inlined).

    A language the reader chose with ``?lang=`` is remembered in a cookie for a year.
    """
    html = environment(ui.locale).get_template(name).render(inline=False, links=LINKS, lang_links=ui.switch, **context)
    response = HTMLResponse(html, status_code=status)
    if ui.chosen:
        response.set_cookie(LANG_COOKIE, ui.locale, max_age=365 * 86400, samesite="lax")
    return response


@router.get("/", response_class=HTMLResponse)
def index(request: Request, store: StoreDep, ui: UIDep) -> HTMLResponse:
    """The corpus at a glance: figures, stories, outlets and the latest articles."""
    cache: CorpusCache = request.app.state.cache

    def overview() -> dict[str, Any]:
        ids = store.story_ids()
        return {"stats": store.stats(), "total": store.count(), "story_count": len(ids),
                "stories": [store.story_view(sid, "story") for sid in ids[:INDEX_STORIES]],
                "latest": store.list_articles(ArticleFilter(), PAGE_SIZE, 0)}

    return render("index.html.j2", ui, **cache.get("index", overview), outlets=list(cache.outlet_profiles(store).values()),
                  article_href=article_href, story_href=story_href)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(store: StoreDep, ui: UIDep, story_id: str) -> HTMLResponse:
    """A story: cited summary, timeline, outlets x events, claim tracks, rewrite graph, quotes by speaker."""
    view = story_view(store, story_id, LINKS)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r} in this corpus")
    return render("story.html.j2", ui, v=view, figures_used=True)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, store: StoreDep, ui: UIDep, article_id: str,
                 start: Annotated[int | None, Query(ge=0)] = None, end: Annotated[int | None, Query(ge=0)] = None,
                 reuse: Annotated[bool, Query(description="also look for passages taken from earlier articles")] = False,
                 ) -> HTMLResponse:
    """An article: clean text with entities, quotes, numbers and dates marked; debris greyed with its reason; metadata."""
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r} in this corpus")
    evidence = (start, end) if start is not None and end is not None and start < end else None
    names = {name: eid for (_, name), eid in store.entity_ids([article.id]).items()}
    story = store.story_of(article.id)
    # looking for reuse reads every stored signature: asked for, not on every view
    taken = find_reuse(article.id, store.term_signatures(), store.body, with_words=store.ids_with_words) if reuse else None
    relations = article_relations(store, article, LINKS, request.app.state.cache.outlet_profiles(store))
    view = article_view(article, evidence, names, departure_spans(article.id, relations))
    return render("article.html.j2", ui, v=view, rel=relations, entity_href=entity_href,
                  story_href=story_href(story) if story else None, reuse=taken, article_href=article_href)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(store: StoreDep, ui: UIDep, entity_id: str) -> HTMLResponse:
    """An entity: aliases, roles, quotes and appearances over time."""
    view = entity_view(store, entity_id, LINKS)
    if view is None:
        raise HTTPException(404, f"no entity {entity_id!r} in this corpus")
    return render("entity.html.j2", ui, v=view, figures_used=True)


@router.get("/search", response_class=HTMLResponse)
def search_page(store: StoreDep, ui: UIDep, q: Annotated[str, Query(max_length=500)] = "",
                outlet: Annotated[str, Query(max_length=200)] = "", since: Annotated[str, Query(max_length=30)] = "",
                until: Annotated[str, Query(max_length=30)] = "", entity: Annotated[str, Query(max_length=300)] = "",
                page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """Full-text search with outlet, date-range and entity filters; a bad query is shown as a message, not an error page."""
    error, results = None, None
    for label, value in (("since", since), ("until", until)):
        if value and not re.match(ISO_DATE, value):
            error = f"{label}: {value!r} is not an ISO date (YYYY-MM-DD)"
    flt = ArticleFilter(outlet or None, None, since or None, until or None, entity or None)
    if error is None and q:
        try:
            results = store.search_articles(q, flt, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        except ValueError as exc:
            error = str(exc)
    elif error is None and (outlet or since or until or entity):  # filters alone list the articles they leave
        results = store.list_articles(flt, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    outlets = sorted(store.stats()["outlets"])  # type: ignore[arg-type]
    _, entities = store.list_entities(2, None, None, SEARCH_ENTITIES, 0)
    return render("search.html.j2", ui, query=q, outlet=outlet, since=since, until=until, entity=entity, page=page,
                  results=results, error=error, outlets=outlets, entities=entities, page_size=PAGE_SIZE,
                  article_href=article_href, hit_open=HIT_OPEN, hit_close=HIT_CLOSE,
                  more=lambda n: f"/search?q={quote(q)}&outlet={quote(outlet)}&since={quote(since)}&until={quote(until)}"
                                 f"&entity={quote(entity)}&page={n}")


@router.get("/upload", response_class=HTMLResponse)
def upload_page(ui: UIDep) -> HTMLResponse:
    """A form to upload articles; the browser posts it to ``/upload``, which shows what was stored."""
    return render("upload.html.j2", ui, result=None, suffixes=SUFFIXES)


@router.post("/upload", response_class=HTMLResponse)
def upload_form(request: Request, ui: UIDep, files: Annotated[list[UploadFile], File(min_length=1, max_length=MAX_FILES)]) -> HTMLResponse:
    """Analyse the uploaded files (as ``POST /api/v1/articles`` does) and list the articles stored and the failures."""
    result = analyse_uploads(request.app.state.settings, files)
    return render("upload.html.j2", ui, status=201, result=result, article_href=article_href, suffixes=SUFFIXES)


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    """Serve Telusur's stylesheet and script and Plotly's bundle; any other name is 404 (no file-system path is read)."""
    if name not in STATIC:
        raise HTTPException(404, f"no static file {name!r}")
    if name in SWAGGER:
        path = Path(str(files("fastapi_offline") / "static" / SWAGGER[name]))
    else:
        path = plotly_js_path() if name == "plotly.min.js" else asset_path(name)
    return FileResponse(path, media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"})


@router.get("/docs", response_class=HTMLResponse)
def docs() -> HTMLResponse:
    """The API browsable in Swagger UI, every asset served from ``/static`` (works offline)."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="Telusur API",
                               swagger_js_url="/static/swagger-ui-bundle.js", swagger_css_url="/static/swagger-ui.css",
                               swagger_favicon_url="/static/swagger-favicon.png")


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon: answer 204 so browsers stop asking."""
    return Response(status_code=204)
