"""End to end on the demo corpus against the hand-written gold file (demo/gold/metadata.json)."""

import pytest


@pytest.fixture(scope="module")
def analysis(demo_analysis):
    return demo_analysis


def test_every_gold_article_is_stored_and_nothing_failed(analysis, gold):
    assert analysis.failures == []
    assert sorted(a.id for a in analysis) == sorted(gold)


FIELDS = ["title", "outlet_name", "outlet_domain", "published", "authors", "editors", "wire_agencies",
          "cited_outlets", "dateline", "language"]


def observed(a):
    return {
        "title": a.title.value if a.title else None,
        "outlet_name": a.outlet.value["name"] if a.outlet else None,
        "outlet_domain": a.outlet.value["domain"] if a.outlet else None,
        "published": a.published.value if a.published else None,
        "authors": [f.value for f in a.authors],
        "editors": [f.value for f in a.editors],
        "wire_agencies": sorted(f.value for f in a.wire_agencies),
        "cited_outlets": sorted(f.value for f in a.cited_outlets),
        "dateline": a.dateline.value if a.dateline else None,
        "language": a.language.value,
    }


def test_metadata_matches_gold(analysis, gold):
    wrong = []
    for article_id, g in gold.items():
        got = observed(analysis.article(article_id))
        want = {k: sorted(g[k]) if k in ("wire_agencies", "cited_outlets") else g[k] for k in FIELDS}
        wrong += [(article_id, k, want[k], got[k]) for k in FIELDS if want[k] != got[k]]
    assert wrong == []


def test_body_runs_from_first_to_last_sentence_without_debris(analysis, gold):
    for article_id, g in gold.items():
        a = analysis.article(article_id)
        assert a.body.startswith(g["body_first"]), article_id
        assert a.body.endswith(g["body_last"]), article_id
        paragraphs = a.body.split("\n\n")
        for debris in g["debris"]:
            assert debris not in paragraphs, (article_id, debris)
            if len(debris.split()) >= 4:
                assert debris not in a.body, (article_id, debris)


def test_outlet_template_line_is_learned_across_articles(analysis):
    promo = "Dapatkan rangkuman berita pilihan WartaPagi setiap pagi langsung di kotak surat Anda."
    wartapagi = list(analysis.articles(outlet="wartapagi.id"))
    assert len(wartapagi) == 3
    for a in wartapagi:
        assert promo not in a.body
        assert any(r.reason == "repeated-template" and r.text == promo for r in a.removed)


def test_inline_related_link_is_cut_from_the_middle_of_a_paragraph(analysis):
    a = analysis.article("wartapagi-2024-10-21-korsel-panggil-dubes")
    inline = [r for r in a.removed if r.reason == "related-link" and r.start > a.raw.rfind("\n", 0, r.start) + 1]
    assert inline, "expected an inline Baca juga cut"
    assert "Baca juga" not in a.body
