"""The shipped NER model: it loads offline, tags real cased text, and keeps its validation figures."""

import re
import sys
from pathlib import Path

import pytest

from telusur.extract.ner import case_profile, model_path, sentence_features, spans, tag

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def entities(text):
    tokens = TOKEN.findall(text)
    return {(kind, " ".join(tokens[a:b])) for kind, a, b in spans(tag(tokens))}


def test_the_model_ships_inside_the_package():
    assert model_path().is_file() and model_path().stat().st_size > 100_000


def test_people_and_places_in_a_cased_news_sentence():
    found = entities("Sekretaris Jenderal Mark Rutte bertemu Menteri Luar Negeri Antony Blinken di Brussel, Belgia, pada Kamis.")
    assert ("PER", "Mark Rutte") in found
    assert ("PER", "Antony Blinken") in found
    assert ("LOC", "Brussel") in found and ("LOC", "Belgia") in found


def test_case_features_appear_only_for_cased_sentences():
    lower = sentence_features(["presiden", "joko", "widodo"])
    cased = sentence_features(["Presiden", "Joko", "Widodo"])
    assert not any(f.startswith(("title", "shape=", "run=")) for f in lower[1])
    assert "title" in cased[1] and "run=B3" in cased[0]


def test_the_case_profile_loads_offline_from_the_package():
    assert case_profile("jakarta")[0] in ("A", "AU")  # a name: capitalised in real text
    assert case_profile("yang")[0] == "N"  # a function word: never
    assert case_profile("123") == ("-", "")
    assert case_profile("zzqxv") == ("?", "")
    feats = sentence_features(["warga", "jakarta", "yang"])
    assert "cp=A" in feats[1] and "cp-1=N" in feats[1] and "cp-1=A" in feats[2]


def test_tagging_gives_crfsuites_own_labels_on_real_news():
    """The numpy decoder (``extract.crf``) against python-crfsuite on the same model and features.

    Every sentence of 300 real IndoSum articles, cased as published and lower-cased, one
    article's sentences decoded together as ``find_mentions`` does.
    """
    import json

    import pycrfsuite

    from telusur.extract import ner
    from telusur.text.tokens import sentences, tokens

    source = ROOT.parent / "shared" / "data" / "summarization" / "indosum" / "dev.05.jsonl"
    if not source.is_file():
        pytest.skip("shared IndoSum data not found")
    reference = pycrfsuite.Tagger()
    reference.open(str(model_path()))
    checked = named = 0
    with source.open(encoding="utf-8") as lines:
        for _, line in zip(range(300), lines):
            body = " ".join(" ".join(words) for paragraph in json.loads(line)["paragraphs"] for words in paragraph)
            for text in (body, body.lower()):
                batch = [[t.text for t in tokens(text[s:e], s)] for s, e in sentences(text)]
                batch = [b for b in batch if b]
                got = ner.tag_sentences(batch)
                for words, labels in zip(batch, got, strict=True):
                    assert labels == ner._head_rules(words, list(reference.tag(sentence_features(words)))), words
                    checked += 1
                    named += any(label != "O" for label in labels)
    assert checked > 5000 and named > 1000


def test_head_rules_on_cased_text():
    from telusur.extract.ner import _head_rules

    tokens = "Ia tiba di kota Pati lalu ke Partai Buruh Nasional .".split()
    labels = ["O", "O", "O", "O", "B-LOC", "O", "O", "O", "O", "O", "O"]
    assert _head_rules(tokens, list(labels)) == ["O", "O", "O", "B-LOC", "I-LOC", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O"]
    # lower-cased text is left as the model tagged it
    lower = [t.lower() for t in tokens]
    assert _head_rules(lower, list(labels)) == labels


def test_spans_from_bio_labels():
    assert spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        ("PER", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5), ("ORG", 5, 6)]


def test_validation_figures_hold(samples_dir):
    data = ROOT.parent / "shared" / "data" / "ner"
    if not data.is_dir():
        pytest.skip("shared NER data not found")
    sys.path.insert(0, str(ROOT / "tools"))
    import ner_data
    from eval_ner import score

    nerp = score(ner_data.read("nerp", "valid"))
    nergrit = score(ner_data.read("nergrit", "valid"))
    # regression guards at the shipped model's level (see the README for the figures)
    assert nerp["ALL"][2] >= 0.77
    assert nergrit["ALL"][2] >= 0.75


def test_a_scorer_that_starts_afresh_when_its_word_store_is_full_tags_the_same(monkeypatch):
    from telusur.extract import ner

    batch = [s.split() for s in (
        "Menteri Perhubungan Budi Karya Sumadi meresmikan Bandara Silangit di Sumatera Utara .",
        "Presiden Joko Widodo bertemu Perdana Menteri Jepang Shinzo Abe di Tokyo pada Senin .",
        "warga jakarta yang tinggal di bantaran kali ciliwung diminta waspada .",
    )]
    expected = ner.tag_sentences(batch)
    from telusur.extract.crf import read_model

    scorer = ner._Scorer(read_model(ner.model_path()))
    monkeypatch.setattr(ner, "_MAX_WORDS", 12)  # fewer than one sentence's words: every call starts afresh
    monkeypatch.setattr(ner, "_scorer", lambda: scorer)
    for _ in range(3):
        assert ner.tag_sentences(batch) == expected
        assert [ner.tag(s) for s in batch] == expected
    assert len(scorer._vocab) <= 20
    assert any(label != "O" for labels in expected for label in labels)
