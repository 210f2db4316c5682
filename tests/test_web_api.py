"""The REST API over a real SQLite file of the demo corpus (plus hostile articles): every endpoint, good and bad parameters."""

from __future__ import annotations

from urllib.parse import quote

import pytest

WIRE_COPY = "kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia"
SPIN = "beritakilat24-2024-10-22-rusia-panggil-dubes-korsel"
URL_ID = "https://harianselat.id/dunia/2024/10/31/dk-pbb-memanas-rusia-sebut-tuduhan-tentara-korut-kebohongan"
STORY = "story:wartapagi-2024-10-18-korut-kirim-1500-pasukan"


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["status"] == status
    return body["error"]["message"]


def test_corpus_figures_match_the_store(client):
    body = client.get("/api/v1/corpus").json()
    assert body["articles"] == 16 and body["db"] == "web.db" and body["schema_version"] >= 6
    assert body["outlets"]["Warta Pagi"] == 3 and body["stories"] >= 1
    assert body["sibling_pairs"] == 3 and body["distortions"] == 8
    assert body["runs"][0]["status"] == "done" and "related-link" in body["debris"]


def test_articles_pages_cover_the_corpus_once(client):
    seen = []
    for offset in range(0, 16, 5):
        page = client.get("/api/v1/articles", params={"limit": 5, "offset": offset}).json()
        assert page["total"] == 16 and page["limit"] == 5 and page["offset"] == offset
        seen += [a["id"] for a in page["items"]]
    assert len(seen) == len(set(seen)) == 16
    published = [a["published"] for a in client.get("/api/v1/articles", params={"limit": 500}).json()["items"] if a["published"]]
    assert published == sorted(published)


def test_articles_filter_by_outlet_and_dates(client):
    page = client.get("/api/v1/articles", params={"outlet": "Warta Pagi"}).json()
    assert page["total"] == 3 and {a["outlet"] for a in page["items"]} == {"Warta Pagi"}
    page = client.get("/api/v1/articles", params={"since": "2024-10-21", "until": "2024-10-21"}).json()
    assert page["total"] >= 2 and all(a["published"].startswith("2024-10-21") for a in page["items"])


@pytest.mark.parametrize("params, where", [
    ({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset"),
    ({"since": "kemarin"}, "since"), ({"until": "2024-13"}, "until"),
])
def test_bad_listing_parameters_are_json_errors_naming_the_parameter(client, params, where):
    message = _error(client.get("/api/v1/articles", params=params), 422)
    assert where in message


def test_an_article_with_a_url_for_id_is_found_with_its_evidence(client):
    body = client.get(f"/api/v1/articles/{quote(URL_ID, safe='')}").json()
    assert body["id"] == URL_ID and "raw" not in body
    assert body["published"]["value"].startswith("2024-10-31") and body["published"]["evidence"]
    for q in body["quotes"]:
        assert body["body"][q["start"]:q["end"]]
    assert "raw" in client.get(f"/api/v1/articles/{quote(URL_ID, safe='')}", params={"raw": "true"}).json()


def test_unknown_article_is_a_404_naming_it(client):
    assert "no-such-article" in _error(client.get("/api/v1/articles/no-such-article"), 404)
    assert "no-such-article" in _error(client.get("/api/v1/articles/no-such-article/debris"), 404)


def test_debris_endpoint_gives_raw_offsets_and_reasons(client):
    article = client.get(f"/api/v1/articles/{SPIN}", params={"raw": "true"}).json()
    debris = client.get(f"/api/v1/articles/{SPIN}/debris").json()
    assert debris and all(article["raw"][d["start"]:d["end"]] == d["text"] for d in debris)
    assert {d["reason"] for d in debris} <= {r["reason"] for r in article["removed"]}


def test_search_finds_ranks_and_marks_hits(client):
    page = client.get("/api/v1/search", params={"q": "Zinoviev"}).json()
    ids = {a["id"] for a in page["items"]}
    assert WIRE_COPY in ids and "wartapagi-2024-10-21-korsel-panggil-dubes" in ids
    assert all("[[Zinoviev]]" in a["snippet"] for a in page["items"])
    assert all(a["score"] is not None for a in page["items"])
    phrase = client.get("/api/v1/search", params={"q": '"Kim Jong Un"'}).json()
    assert phrase["total"] >= 1 and all("[[Kim]] [[Jong]] [[Un]]" in a["snippet"] or "[[" in a["snippet"] for a in phrase["items"])


def test_search_filters_by_outlet_date_and_entity(client):
    assert {a["outlet"] for a in client.get("/api/v1/search", params={"q": "Zinoviev", "outlet": "Warta Pagi"}).json()["items"]} == {"Warta Pagi"}
    assert client.get("/api/v1/search", params={"q": "Zinoviev", "until": "2024-10-20"}).json()["total"] == 0
    with_entity = client.get("/api/v1/search", params={"q": "Rusia", "entity": "PER:georgy zinoviev"}).json()
    plain = client.get("/api/v1/search", params={"q": "Rusia"}).json()
    assert 0 < with_entity["total"] < plain["total"]


@pytest.mark.parametrize("q", ['NEAR(a b', 'AND OR NOT', '"unbalanced', "title:x*", "^'; DROP TABLE articles; --"])
def test_search_syntax_never_reaches_fts5(client, q):
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 200, response.text
    assert client.get("/api/v1/corpus").json()["articles"] == 16


def test_search_without_a_word_is_a_400(client):
    assert "no word" in _error(client.get("/api/v1/search", params={"q": "!!! ..."}), 400)
    assert "q" in _error(client.get("/api/v1/search"), 422)


def test_entities_resolve_transliterations_and_page(client):
    page = client.get("/api/v1/entities", params={"name": "zelensk"}).json()
    (zelensky,) = [e for e in page["items"] if e["type"] == "PER"]
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"} <= {a["text"] for a in zelensky["aliases"]}
    assert client.get("/api/v1/entities", params={"type": "PER", "limit": 3}).json()["items"][0]["type"] == "PER"
    _error(client.get("/api/v1/entities", params={"type": "CAT"}), 422)


def test_entity_detail_has_members_roles_quotes_and_appearances(client):
    body = client.get(f"/api/v1/entities/{quote('PER:volodymyr zelensky', safe='')}").json()
    assert len({m["article_id"] for m in body["members"]}) == body["articles"]
    assert body["quotes"] and all(q["speaker"] for q in body["quotes"])
    assert sum(body["appearances"].values()) == body["articles"]
    assert {m["text"] for m in body["mention_list"]} >= {"Zelensky", "Volodymyr Zelenskyy"}
    for m in body["mention_list"][:5]:
        article = client.get(f"/api/v1/articles/{quote(m['article_id'], safe='')}").json()
        assert article["body"][m["start"]:m["end"]] == m["text"]
    assert "PER:nobody" in _error(client.get("/api/v1/entities/PER:nobody"), 404)


def test_quotes_by_speaker_and_by_entity(client):
    page = client.get("/api/v1/quotes", params={"speaker": "Georgy Zinoviev", "limit": 500}).json()
    assert page["total"] == len(page["items"]) and all(q["speaker"] == "Georgy Zinoviev" for q in page["items"])
    by_entity = client.get("/api/v1/quotes", params={"entity": "PER:volodymyr zelensky", "limit": 500}).json()
    assert by_entity["total"] >= 1 and {q["speaker"] for q in by_entity["items"]} <= {"Volodymyr Zelensky", "Volodymyr Zelenskiy", "Volodymyr Zelenskyy"}
    direct = client.get("/api/v1/quotes", params={"kind": "direct", "limit": 500}).json()
    assert direct["items"] and {q["kind"] for q in direct["items"]} == {"direct"}
    assert "nope" in _error(client.get("/api/v1/quotes", params={"article": "nope"}), 404)


def test_quantities_and_events_filter(client):
    troops = client.get("/api/v1/quantities", params={"counts": "tentara", "limit": 500}).json()
    assert troops["total"] >= 3 and all("tentara" in q["counts"].lower() for q in troops["items"])
    one = client.get("/api/v1/quantities", params={"article": SPIN, "limit": 500}).json()
    assert 15000.0 in {q["value"] for q in one["items"]}
    summons = client.get("/api/v1/events", params={"action": "summon"}).json()
    assert summons["total"] >= 2 and {e["action"] for e in summons["items"]} == {"summon"}


def test_duplicates_siblings_and_distortions(client):
    (cluster,) = client.get("/api/v1/duplicates").json()
    assert WIRE_COPY in cluster["members"]
    siblings = client.get("/api/v1/siblings").json()
    assert {p["relation"] for p in siblings} == {"copy", "rewrite"}
    group = siblings[0]["group"]
    assert all(p["group"] == group for p in client.get("/api/v1/siblings", params={"group": group}).json())
    bad = client.get("/api/v1/distortions").json()
    assert bad["total"] == 8 and "15.000 vs 1.500" in {d["detail"] for d in bad["items"]}
    assert client.get("/api/v1/distortions", params={"verdict": "all"}).json()["total"] > 8
    assert client.get("/api/v1/distortions", params={"article": WIRE_COPY}).json()["total"] == 4
    _error(client.get("/api/v1/distortions", params={"verdict": "maybe"}), 422)


def test_outlets_profile_the_spinner(client):
    spin = {o["outlet"]: o for o in client.get("/api/v1/outlets").json()}["Beritakilat24"]
    assert (spin["rewrites"], spin["distortions"]) == (1, 4) and spin["follow_share"] == 1.0


def test_stories_and_their_views(client):
    stories = client.get("/api/v1/stories").json()
    assert stories[0]["id"] == STORY and len(stories[0]["articles"]) == 14
    path = "/api/v1/stories/" + quote(STORY, safe="")
    story = client.get(path).json()
    assert story["timeline"] and story["summary"] and story["claims"]
    timeline = client.get(path + "/timeline").json()
    assert [e["id"] for e in timeline] == story["timeline"]
    dates = [e["date"][:10] for e in timeline if e["date"]]
    assert dates == sorted(dates)
    summary = client.get(path + "/summary").json()
    assert len(summary) == 5 and all(s["cites"] for s in summary)
    claims = client.get(path + "/claims").json()
    assert {p["label"] for t in claims for p in t["pairs"]} >= {"agree", "evolve"}
    zelensky = {(p["claimant"], p["claimed_as"]) for t in claims for p in t["points"] if "Zelensk" in (p["claimant"] or "")}
    assert len({c for c, _ in zelensky}) == 1 and len({a for _, a in zelensky}) >= 2  # one entity, spelt several ways
    assert "story:none" in _error(client.get("/api/v1/stories/story:none"), 404)
    _error(client.get("/api/v1/stories/story:none/claims"), 404)


def test_the_openapi_description_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/v1/corpus", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/entities",
              "/api/v1/quotes", "/api/v1/quantities", "/api/v1/events", "/api/v1/duplicates", "/api/v1/siblings",
              "/api/v1/distortions", "/api/v1/outlets", "/api/v1/stories", "/api/v1/stories/{story_id}/timeline"):
        assert p in paths, p
    assert "post" in paths["/api/v1/articles"]
    assert not any(p.startswith("/stories") or p == "/" for p in paths)  # pages are not API


def test_unknown_api_address_and_method_are_json_errors(client):
    assert "/api/v1/nothing" in _error(client.get("/api/v1/nothing"), 404)
    assert "DELETE" in _error(client.delete("/api/v1/corpus"), 405)


# -- uploads -----------------------------------------------------------------------------------

NEW_ARTICLE = """Gempa Guncang Pesisir Selatan, 45 Rumah Rusak

Penulis: Sari Wulandari
Rabu, 6 Nov 2024 09:15 WIB

Padang - Gempa bermagnitudo 5,8 mengguncang pesisir selatan Sumatera Barat pada Rabu pagi. Badan Penanggulangan Bencana Daerah mencatat 45 rumah rusak ringan dan tidak ada korban jiwa.

"Warga sempat panik dan keluar rumah, tetapi situasi kini sudah kondusif," kata Kepala BPBD setempat, Andi Saputra, kepada wartawan.
"""


def test_an_upload_is_analysed_stored_and_searchable(writable_app):
    client, db = writable_app
    response = client.post("/api/v1/articles", files=[("files", ("gempa-pesisir.txt", NEW_ARTICLE.encode(), "text/plain"))])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["new"] == 1 and body["failed"] == 0 and "gempa-pesisir" in body["articles"]
    article = client.get("/api/v1/articles/gempa-pesisir").json()
    assert article["title"]["value"].startswith("Gempa Guncang") and article["source"].startswith(str(db.parent))
    assert client.get("/api/v1/search", params={"q": "bermagnitudo"}).json()["items"][0]["id"] == "gempa-pesisir"
    again = client.post("/api/v1/articles", files=[("files", ("gempa-pesisir.txt", NEW_ARTICLE.encode(), "text/plain"))]).json()
    assert (again["new"], again["unchanged"]) == (0, 1)
    assert client.get("/api/v1/corpus").json()["articles"] == 17  # nothing duplicated, nothing lost


def test_upload_names_cannot_reach_the_file_system(writable_app):
    client, db = writable_app
    body = client.post("/api/v1/articles", files=[("files", ("../../../../tmp/evil.txt", NEW_ARTICLE.encode(), "text/plain"))]).json()
    assert body["articles"] == ["evil"]
    source = client.get("/api/v1/articles/evil").json()["source"]
    uploads = db.parent / "copy-uploads"
    assert source.startswith(str(uploads)) and ".." not in source


def test_uploads_of_a_bad_type_or_size_are_refused_and_store_nothing(writable_app):
    client, _ = writable_app
    assert "evil.exe" in _error(client.post("/api/v1/articles", files=[("files", ("evil.exe", b"MZ\x90\x00", "application/octet-stream"))]), 415)
    big = b"kata " * 60_000  # 300 kB against a 200 kB limit
    _error(client.post("/api/v1/articles", files=[("files", ("besar.txt", big, "text/plain"))]), 413)
    assert "files" in _error(client.post("/api/v1/articles"), 422)
    assert client.get("/api/v1/corpus").json()["articles"] == 16


def test_a_bad_document_in_an_upload_is_named_and_the_rest_stored(writable_app):
    client, _ = writable_app
    body = client.post("/api/v1/articles", files=[
        ("files", ("kosong.txt", b"   \n", "text/plain")),
        ("files", ("gempa-dua.txt", NEW_ARTICLE.replace("45 rumah", "46 rumah").encode(), "text/plain")),
    ]).json()
    assert body["new"] == 1 and body["failed"] == 1
    (failure,) = body["failures"]
    assert "kosong" in failure["doc_id"] and "empty" in failure["reason"]


def test_reuse_endpoint_gives_the_earlier_versions_with_offsets_in_both_bodies(client):
    found = client.get(f"/api/v1/articles/{SPIN}/reuse").json()
    sources = {r["source"]: r for r in found}
    assert WIRE_COPY in sources and 0 < sources[WIRE_COPY]["share"] <= 1
    spun = client.get(f"/api/v1/articles/{SPIN}").json()["body"]
    wire = client.get(f"/api/v1/articles/{WIRE_COPY}").json()["body"]
    for p in sources[WIRE_COPY]["passages"]:
        assert 0 <= p["start"] < p["end"] <= len(spun) and 0 <= p["source_start"] < p["source_end"] <= len(wire)
    # the earliest report takes nothing from a later one
    assert all(r["source"] != SPIN for r in client.get(f"/api/v1/articles/{WIRE_COPY}/reuse").json())
    assert "no-such-article" in _error(client.get("/api/v1/articles/no-such-article/reuse"), 404)
