"""Corpus entities: spelling variants and surnames joined across articles, namesakes kept apart."""

import sqlite3

from telusur.corpus.aliases import resolve_entities
from telusur.model import ArticleEntity


def item(article, name, kind="PER", surfaces=None, stands_for=None):
    surfaces = tuple(surfaces or (name,))
    return ArticleEntity(article, name, kind, stands_for, surfaces, len(surfaces))


def by_member(entities):
    return {member: e for e in entities for member in e.members}


def test_transliterations_of_one_person_are_one_entity():
    found = resolve_entities([
        item("a", "Volodymyr Zelensky"), item("b", "Volodymyr Zelenskyy"), item("c", "Volodymyr Zelenskiy"),
        item("d", "Kim Jong Un"), item("e", "Kim Jong-un"), item("f", "Sergei Shoigu"), item("g", "Sergei Shoygu"),
    ])
    assert len(found) == 3
    zelensky = by_member(found)[("b", "Volodymyr Zelenskyy")]
    assert {a for a, _ in zelensky.aliases} == {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"}
    assert by_member(found)[("d", "Kim Jong Un")] is by_member(found)[("e", "Kim Jong-un")]


def test_a_surname_joins_the_one_person_who_has_it_and_namesakes_stay_apart():
    found = resolve_entities([
        item("a", "Volodymyr Zelensky"), item("b", "Zelensky"),
        item("a", "Kim Jong Un"), item("c", "Kim Hong-kyun"), item("d", "Kim"),
    ])
    members = by_member(found)
    assert members[("b", "Zelensky")] is members[("a", "Volodymyr Zelensky")]
    assert members[("d", "Kim")] is not members[("a", "Kim Jong Un")]
    assert members[("d", "Kim")] is not members[("c", "Kim Hong-kyun")]
    assert members[("a", "Kim Jong Un")] is not members[("c", "Kim Hong-kyun")]


def test_a_surname_an_article_left_undecided_stays_undecided():
    # article "x" names a Kim it could not attach although it also names Kim Jong Un
    found = resolve_entities([item("x", "Kim Jong Un"), item("x", "Kim"), item("y", "Kim Jong Un")])
    members = by_member(found)
    assert members[("x", "Kim")] is not members[("x", "Kim Jong Un")]


def test_states_and_places_join_across_types_and_the_result_does_not_depend_on_order():
    items = [item("a", "Kursk", "LOC"), item("b", "Kursk", "GPE"), item("c", "Kursk", "LOC"),
             item("a", "Pyongyang", "GPE", stands_for="Korea Utara")]
    found = resolve_entities(items)
    assert resolve_entities(list(reversed(items))) == found
    kursk = by_member(found)[("b", "Kursk")]
    assert kursk.type == "LOC" and kursk.id == "LOC:kursk" and len(kursk.members) == 3
    assert by_member(found)[("a", "Pyongyang")].stands_for == "Korea Utara"


def test_the_demo_corpus_resolves_zelensky_across_outlets_in_the_store(demo_analysis):
    conn = sqlite3.connect(demo_analysis.store.path)
    rows = conn.execute(
        "SELECT e.name, COUNT(DISTINCT m.article_id) FROM corpus_entities e JOIN corpus_entity_members m ON m.entity_id = e.id"
        " WHERE e.id = 'PER:volodymyr zelensky' GROUP BY e.id"
    ).fetchall()
    assert rows and rows[0][1] >= 4
    spellings = {a for e in demo_analysis.store.corpus_entities() if e.id == "PER:volodymyr zelensky" for a, _ in e.aliases}
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"} <= spellings


def test_a_name_an_article_filed_under_a_longer_one_joins_it_across_the_corpus():
    found = resolve_entities([
        item("a", "Anies Rasyid Baswedan", surfaces=("Anies Rasyid Baswedan", "Anies Baswedan")),
        item("b", "Anies Rasyid Baswedan", surfaces=("Anies Rasyid Baswedan", "Anies Baswedan", "Anies")),
        item("c", "Anies Baswedan - Sandiaga Uno", surfaces=("Anies Baswedan - Sandiaga Uno", "Anies Baswedan")),
        item("d", "Anies Baswedan"), item("e", "Anies Baswedan"),
        item("f", "Kementerian Keuangan RI", "ORG", surfaces=("Kemenkeu", "Kementerian Keuangan")),
        item("g", "Kementerian Keuangan", "ORG"),
        # places are left alone: one article's "Jakarta" under "DKI Jakarta" does not move every Jakarta
        item("h", "DKI Jakarta", "GPE", surfaces=("DKI Jakarta", "Jakarta")), item("i", "Jakarta", "GPE"),
    ])
    members = by_member(found)
    assert members[("d", "Anies Baswedan")] is members[("a", "Anies Rasyid Baswedan")]
    assert members[("c", "Anies Baswedan - Sandiaga Uno")] is not members[("a", "Anies Rasyid Baswedan")]
    assert members[("g", "Kementerian Keuangan")] is members[("f", "Kementerian Keuangan RI")]
    assert members[("i", "Jakarta")] is not members[("h", "DKI Jakarta")]
