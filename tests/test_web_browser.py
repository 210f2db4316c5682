"""End to end in a real headless Chromium (Debian's, driven by Playwright) against the app served by uvicorn.

Opens the demo story page and checks that the timeline, the claim tracks and the rewrite
graph render with the corpus's content; follows a fact to its evidence by a link and
by a click on a chart; searches; and opens the hostile articles to check no script of
theirs runs. Screenshots go to ``out/screenshots/``.

The browser is ``$TELUSUR_CHROMIUM`` or ``chromium`` on the PATH (``make test`` installs
Debian's package when it is missing). Without one these tests are skipped, unless
``TELUSUR_REQUIRE_BROWSER=1`` (set by ``.ci/run``), when they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
STORY = "story:wartapagi-2024-10-18-korut-kirim-1500-pasukan"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    found = os.environ.get("TELUSUR_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("TELUSUR_REQUIRE_BROWSER") == "1":
        pytest.fail("no Chromium found (set TELUSUR_CHROMIUM or install Debian's chromium) and TELUSUR_REQUIRE_BROWSER=1")
    pytest.skip("no Chromium found: install Debian's chromium (make test does) or set TELUSUR_CHROMIUM")
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(web_db, tmp_path_factory) -> Iterator[str]:
    """The app on a copy of the web database, served by uvicorn on a free local port; yields its address."""
    import uvicorn

    from telusur.web.app import create_app

    db = tmp_path_factory.mktemp("browser") / "served.db"
    shutil.copy(web_db, db)
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records script errors, dialogs and requests to any other host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors, pg.dialogs, pg.foreign = [], [], []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("request", lambda r: pg.foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    yield pg
    context.close()


def _shot(pg, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def _open_story(pg, server: str) -> None:
    pg.goto(f"{server}/stories/{quote(STORY, safe='')}")
    pg.wait_for_selector("[id^=timeline-][data-rendered=true]", timeout=30_000)


def test_story_page_renders_timeline_claims_and_rewrite_graph(page, server):
    _open_story(page, server)
    timeline = page.locator("[id^=timeline-]")
    assert timeline.locator(".scatterlayer .point").count() >= 10
    assert "summon" in timeline.inner_text() and "test-fire" in timeline.inner_text()  # lane labels from the demo's events
    timeline.scroll_into_view_if_needed()
    _shot(page, "story-timeline")

    page.wait_for_selector("[id^=claim-][data-rendered=true]", timeout=30_000)
    claims = page.locator("[id^=claim-][data-rendered=true]")
    assert claims.count() >= 3
    first = claims.first.inner_text()
    assert "troops" in first and "Badan Intelijen Nasional Korea Selatan" in first  # title and a claimant in the legend
    claims.first.scroll_into_view_if_needed()
    _shot(page, "story-claim-track")

    graph = page.locator("[id^=rewrites-][data-rendered=true]")
    graph.wait_for(timeout=30_000)
    text = graph.inner_text()
    assert "Beritakilat24" in text and "Kabar Nusantara" in text and "Warta Pagi" in text
    assert "siblings, with distortions" in text
    graph.scroll_into_view_if_needed()
    _shot(page, "story-rewrite-graph")
    _shot(page, "story-full", full=True)
    assert page.errors == [] and page.foreign == []


def test_a_summary_sentence_leads_to_its_marked_evidence(page, server):
    _open_story(page, server)
    link = page.locator("ol.summary a.summary-sentence").first
    sentence = link.inner_text().strip()
    link.click()
    page.wait_for_url("**/articles/**#evidence")
    evidence = page.locator(".body-text .hl-evidence")
    assert evidence.first.is_visible()
    assert "".join(evidence.all_inner_texts()).split() == sentence.split()
    _shot(page, "article-evidence")


def test_clicking_a_timeline_point_opens_the_event_sentence(page, server):
    _open_story(page, server)
    point = page.locator("[id^=timeline-] .scatterlayer .point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/articles/**#evidence", timeout=15_000)
    assert page.locator(".body-text .hl-evidence").count() >= 1


def test_a_distortion_shows_both_versions_a_click_apart(page, server):
    _open_story(page, server)
    row = page.locator("table.distortions tr", has_text="15.000 ≠ 1.500").first
    row.locator("a").nth(1).click()  # the sibling's version
    page.wait_for_url("**/articles/**#evidence")
    assert "1.500" in " ".join(page.locator(".body-text .hl-evidence").all_inner_texts())


def test_search_from_the_header_marks_the_hits(page, server):
    page.goto(server + "/")
    page.fill("header input[name=q]", "Zinoviev")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("ol.results li")
    assert page.locator("ol.results mark", has_text="Zinoviev").count() >= 2
    page.select_option("select[name=outlet]", "Warta Pagi")
    page.click("form.search-form button")
    page.wait_for_selector("ol.results li")
    outlets = page.locator("ol.results .evidence").all_inner_texts()
    assert outlets and all("Warta Pagi" in t for t in outlets)
    _shot(page, "search")


@pytest.mark.parametrize("article", ["hostile-banjir", "hostile-url"])
def test_no_script_of_a_hostile_article_runs(page, server, article):
    page.goto(f"{server}/articles/{article}")
    page.wait_for_load_state("load")
    page.hover(".body-text")
    for el in page.locator(".body-text span").all()[:40]:
        el.hover()
    assert page.dialogs == [] and page.errors == []
    assert page.evaluate("document.querySelectorAll('.body-text script, .body-text img, .body-text iframe').length") == 0
    assert "alert" in page.locator(".body-text").inner_text()  # the text is there, inert
    _shot(page, f"hostile-{article}")


UPLOADED = """Harga Cabai Rawit di Pasar Induk Naik 30 Persen

Penulis: Dewi Anggraini
Kamis, 7 Nov 2024 07:30 WIB

Jakarta - Harga cabai rawit merah di Pasar Induk Kramat Jati naik sekitar 30 persen dalam sepekan terakhir. Pedagang menyebut pasokan dari sentra produksi di Jawa Tengah berkurang akibat hujan deras.

"Pasokan turun hampir separuh, jadi harga ikut naik," kata Sutrisno, pedagang cabai di pasar itu, pada Kamis.
"""


def test_an_uploaded_article_appears_and_can_be_read(page, server, tmp_path):
    source = tmp_path / "cabai-rawit.txt"
    source.write_text(UPLOADED, encoding="utf-8")
    page.goto(server + "/upload")
    page.set_input_files("form.upload-form input[type=file]", str(source))
    page.click("form.upload-form button")
    page.wait_for_selector(".upload-result")
    assert "1 baru" in page.locator(".upload-result").inner_text()
    page.click(".upload-result a")
    page.wait_for_selector(".body-text")
    assert "Kramat Jati" in page.locator(".body-text").inner_text()
    assert page.locator(".body-text .hl-number").count() >= 1  # extracted on upload, like any analysed article
    page.goto(server + "/search?q=cabai")
    assert page.locator("ol.results li").count() == 1
    _shot(page, "upload-search")


def test_api_docs_render_offline_from_the_package(page, server):
    # any request off the loopback would fail here: the machine has no network and the page records it
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() >= 15  # every endpoint of /api/v1
    assert "/api/v1/quotes" in page.inner_text("body")
    assert page.foreign == [] and page.errors == []
    _shot(page, "docs")


def test_story_lead_and_rewrite_banner_in_the_first_screen(page, server):
    _open_story(page, server)
    lead = page.locator("section.lead")
    assert lead.is_visible() and lead.bounding_box()["y"] < 900  # in the first screen
    text = lead.inner_text()
    assert "Warta Pagi" in text and "Beritakilat24" in text and "15.000" in text
    _shot(page, "story-lead")
    page.goto(f"{server}/stories/{quote(STORY, safe='')}?lang=en")
    assert "Who copied whom" in page.locator("section.lead").inner_text()
    _shot(page, "story-lead-en")
    page.goto(f"{server}/?lang=id")  # the cookie is shared by the context: back to the default
    page.goto(f"{server}/articles/{quote('beritakilat24-2024-10-22-rusia-panggil-dubes-korsel', safe='')}")
    banner = page.locator(".banner-rewrite")
    assert banner.is_visible() and banner.bounding_box()["y"] < 900 and "Tulisan ulang" in banner.inner_text()
    assert page.locator(".body-text .hl-departs").count() >= 4
    _shot(page, "article-rewrite")


def _axe_violations(pg) -> list[str]:
    """Run axe-core (the build the ``axe-playwright-python`` wheel ships) in the page; serious and critical only."""
    import axe_playwright_python

    pg.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", [
    "/", f"/stories/{quote(STORY, safe='')}", f"/stories/{quote(STORY, safe='')}?lang=en",
    "/articles/beritakilat24-2024-10-22-rusia-panggil-dubes-korsel",
    "/articles/wartapagi-2024-10-21-korsel-panggil-dubes?start=10&end=80", "/search?q=mengirim", "/upload",
    "/entities/PER%3Avolodymyr%20zelensky", "/no-such-page",
])
def test_pages_have_no_serious_accessibility_violation(page, server, path):
    page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert _axe_violations(page) == []
