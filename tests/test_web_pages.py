"""The server-rendered pages and the single-file report: content from the demo corpus, evidence links, hostile text escaped."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit, parse_qs

import pytest

STORY = "story:wartapagi-2024-10-18-korut-kirim-1500-pasukan"
SPIN = "beritakilat24-2024-10-22-rusia-panggil-dubes-korsel"


class _Tags(HTMLParser):
    """Collects every start tag with its attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def _assert_inert(html: str) -> None:
    """No element, attribute or URL that hostile article text could have planted."""
    tags = _tags(html)
    assert not [t for t, _ in tags if t in ("img", "iframe", "object", "embed")], "markup from article text became an element"
    for tag, attrs in tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "//")), (tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", attrs
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
    assert not any("alert(" in s for s in scripts if not s.lstrip().startswith(("{", "["))), "article text inside a script"


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text[-500:]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_index_lists_the_story_outlets_and_articles(client):
    html = _page(client, "/")
    assert f'href="/stories/{quote(STORY, safe="")}"' in html
    assert "Beritakilat24" in html and "16</b>artikel" in html


def test_story_page_shows_summary_timeline_claims_rewrites_and_speakers(client):
    html = _page(client, "/stories/" + quote(STORY, safe=""))
    assert html.count('<li><a href="/articles/') >= 5  # cited summary sentences link to their evidence
    assert 'data-figure="timeline-' in html and 'data-figure="rewrites-' in html and 'data-figure="claim-' in html
    assert "15.000 ≠ 1.500" in html and "Siapa melaporkan apa, dan kapan" in html
    assert "Georgy Zinoviev" in html and "Kutipan menurut penutur" in html
    assert '<script src="/static/plotly.min.js">' in html and "cdn" not in html.lower()


def test_every_evidence_link_on_the_story_page_opens_a_marked_passage(client):
    html = _page(client, "/stories/" + quote(STORY, safe=""))
    hrefs = sorted({a.get("href") for t, a in _tags(html) if t == "a" and "#evidence" in (a.get("href") or "")})
    assert len(hrefs) > 20
    for href in hrefs[:: max(1, len(hrefs) // 15)]:
        parts = urlsplit(href)
        query = parse_qs(parts.query)
        start, end = int(query["start"][0]), int(query["end"][0])
        page = _page(client, parts.path + "?" + parts.query)
        assert 'id="evidence"' in page and "hl-evidence" in page
        body = client.get("/api/v1" + parts.path, params={}).json()["body"]
        text = page.split('<div class="text body-text">', 1)[1].split("</div>", 1)[0]
        marked = "".join(re.findall(r'<span class="[^"]*hl-evidence[^"]*"[^>]*>([^<]*)</span>', text))
        assert unescape(marked) == body[start:end]


def test_article_page_marks_entities_quotes_numbers_dates_and_greys_debris(client):
    html = _page(client, f"/articles/{SPIN}")
    for kind in ("hl-entity", "hl-quote", "hl-number", "hl-date", "hl-debris"):
        assert kind in html, kind
    assert 'title="related-link"' in html or "related-link" in html
    assert f'href="/entities/{quote("PER:georgy zinoviev", safe="")}"' in html
    assert "masthead" in html  # metadata shown with its evidence source


def test_article_page_shows_passages_taken_from_earlier_articles_when_asked(client):
    plain = _page(client, f"/articles/{SPIN}")
    assert "Cari bagian yang diambil" in plain and "Diambil dari artikel sebelumnya" not in plain
    html = _page(client, f"/articles/{SPIN}?reuse=1")
    assert "Diambil dari artikel sebelumnya" in html
    assert "/articles/kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia?start=" in html and "#evidence" in html


def test_entity_page_shows_aliases_quotes_and_appearances(client):
    html = _page(client, "/entities/" + quote("PER:volodymyr zelensky", safe=""))
    assert "Volodymyr Zelenskyy" in html and "Zelensky" in html
    assert 'data-figure="appearances"' in html and "#evidence" in html


def test_search_page_finds_filters_and_explains_bad_queries(client):
    html = _page(client, "/search?q=Zinoviev")
    assert "<mark>Zinoviev</mark>" in html and "article" in html
    html = _page(client, "/search?q=Zinoviev&outlet=Warta+Pagi")
    assert re.search(r"\d+ artikel cocok", html)
    html = _page(client, "/search?q=%21%21%21")
    assert "no word" in html
    html = _page(client, "/search?outlet=Harian+Selat")
    assert "2 artikel cocok" in html


def test_unknown_pages_are_html_404s_that_name_the_address(client):
    response = client.get("/articles/tidak-ada")
    assert response.status_code == 404 and "tidak-ada" in response.text and response.headers["content-type"].startswith("text/html")
    assert client.get("/stories/none").status_code == 404


@pytest.mark.parametrize("path", ["/static/../../etc/passwd", "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/static/telusur.py",
                                  "/static//etc/passwd", "/api/v1/articles/..%2f..%2fetc%2fpasswd"])
def test_no_file_of_the_server_can_be_read(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text


def test_static_assets_are_served_locally(client):
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and "plotly.js" in js.text[:200]
    assert client.get("/static/telusur.css").headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("path", ["/articles/hostile-banjir", "/articles/hostile-url", "/search?q=alert", "/search?q=Jembatan",
                                  "/", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"])
def test_hostile_article_text_is_escaped_on_every_page(client, path):
    html = _page(client, path)
    _assert_inert(html)


def test_hostile_text_is_shown_as_text(client):
    html = _page(client, "/articles/hostile-banjir")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x" in html or "img src=x" not in html
    html = _page(client, "/articles/hostile-url")
    assert "javascript:alert" in html  # shown, as text
    assert not any(a.get("href", "").startswith("javascript") for t, a in _tags(html) if t == "a")


def test_the_story_page_is_inert_with_hostile_articles_in_the_corpus(client):
    _assert_inert(_page(client, "/stories/" + quote(STORY, safe="")))
    for sid in [s["id"] for s in client.get("/api/v1/stories").json()]:
        _assert_inert(_page(client, "/stories/" + quote(sid, safe="")))


def test_the_report_uses_the_same_story_section_with_inlined_plotly(demo_analysis, tmp_path):
    html = demo_analysis.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert 'data-figure="timeline-' in html and 'data-figure="rewrites-' in html
    assert "<script src=" not in html and "plotly.js v" in html  # one file: nothing to fetch
    assert "Siapa melaporkan apa, dan kapan" in html and "Kutipan menurut penutur" in html


def test_claim_charts_draw_one_line_per_claimant_whatever_the_spelling(client):
    import json

    html = _page(client, "/stories/" + quote(STORY, safe=""))
    figures = re.findall(r'<script type="application/json" data-figure="(claim-[^"]+)">(.*?)</script>', html, flags=re.S)
    troops = json.loads(figures[0][1])
    names = [trace["name"] for trace in troops["data"]]
    assert len([n for n in names if "Zelensk" in n]) == 1, names  # Zelensky, Zelenskyy, Zelenskiy: one entity
    assert "(sebagai “Volodymyr Zelenskyy”)" in html or "(sebagai “Volodymyr Zelensky”)" in html  # the spelling used stays visible


def test_pages_are_indonesian_first_with_an_english_switch_that_is_remembered(web_db) -> None:
    from fastapi.testclient import TestClient

    from telusur.web.app import create_app

    with TestClient(create_app(web_db, uploads=web_db.parent / "never-written")) as c:
        first = c.get("/search", params={"q": "mengirim"}).text
        assert '<html lang="id">' in first and "<h1>Cari</h1>" in first and "artikel cocok" in first
        # the switch keeps the query and only changes the language
        switch = re.search(r'<a href="([^"]+)" lang="en"', first).group(1).replace("&amp;", "&")
        assert switch == "/search?q=mengirim&lang=en"
        english = c.get(switch)
        assert english.cookies.get("telusur_lang") == "en"
        assert '<html lang="en">' in english.text and "<h1>Search</h1>" in english.text and "articles match" in english.text
        story = c.get(re.search(r'href="(/stories/[^"]+)"', c.get("/").text).group(1)).text  # the cookie holds
        assert "Who reported what, and when" in story and "Siapa melaporkan" not in story
        assert "<h1>Cari</h1>" in c.get("/search?lang=id").text
        assert '<html lang="id">' in c.get("/?lang=xx").text  # an unknown language falls back


def test_every_ui_message_has_an_indonesian_translation() -> None:
    import subprocess
    import sys
    from pathlib import Path

    tool = Path(__file__).resolve().parents[1] / "tools" / "i18n_catalogue.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_figures_follow_the_page_language(client) -> None:
    story = re.search(r'href="(/stories/[^"]+)"', client.get("/").text).group(1)
    indonesian = client.get(story + "?lang=id").text
    english = client.get(story + "?lang=en").text
    assert ">1.500</a>" in indonesian and ">1,500</a>" in english
