"""Near-duplicates: parameters checked up front, the S-curve, copies clustered, unrelated reports apart."""

import random

import pytest

from telusur.corpus.minhash import LSHParams, MinHasher, near_duplicates, near_duplicates_of


@pytest.mark.parametrize(
    "kwargs, message",
    [({"num_perm": 100}, "bands \\* rows"), ({"bands": 0}, "bands must be"), ({"threshold": 0}, "threshold"),
     ({"threshold": 1.5}, "threshold"), ({"shingle": 0}, "shingle")],
)
def test_parameters_are_checked_up_front(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LSHParams(**kwargs)


def test_candidate_probability_is_the_banding_s_curve():
    p = LSHParams()
    assert p.candidate_probability(0.7) == pytest.approx(1 - (1 - 0.7**4) ** 32)
    assert p.candidate_probability(0.7) > 0.999 and p.candidate_probability(0.1) < 0.01


def _report(rng, words, n=400):
    return " ".join(rng.choice(words) for _ in range(n))


def test_copies_with_light_edits_cluster_and_other_reports_do_not():
    rng = random.Random(7)
    words = [f"kata{i}" for i in range(5000)]
    original = _report(rng, words)
    edited = original.split()
    for _ in range(8):
        edited[rng.randrange(len(edited))] = rng.choice(words)
    others = [_report(rng, words) for _ in range(30)]
    ids = ["wire", "copy", *[f"other{i:02d}" for i in range(30)]]
    found = near_duplicates(ids, [original, " ".join(edited), *others])
    assert [c.members for c in found] == [("copy", "wire")]
    (a, b, similarity), = found[0].pairs
    assert (a, b) == ("copy", "wire") and 0.7 < similarity <= 1
    assert found[0].id == "dup:copy"


def test_clusters_do_not_depend_on_input_order_and_streaming_agrees():
    rng = random.Random(3)
    words = [f"w{i}" for i in range(3000)]
    texts = [_report(rng, words) for _ in range(10)]
    texts.append(texts[2] + " penutup")
    texts.append(texts[5])
    ids = [f"a{i:02d}" for i in range(len(texts))]
    forward = near_duplicates(ids, texts)
    backward = near_duplicates(ids[::-1], texts[::-1])
    assert forward == backward
    assert near_duplicates_of(zip(ids, texts), chunk=4) == forward
    assert {c.members for c in forward} == {("a02", "a10"), ("a05", "a11")}


def test_punctuation_case_and_typographic_quotes_do_not_change_shingles():
    h = MinHasher()
    assert (h.shingles("“Kerja sama ini,” ujar Zinoviev.") == h.shingles('"kerja sama ini" ujar zinoviev')).all()


def test_the_demo_wire_copies_form_one_cluster_in_the_store(demo_analysis):
    found = demo_analysis.duplicates()
    assert [c.members for c in found] == [
        ("kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia", "wartapagi-2024-10-21-korsel-panggil-dubes")]


def test_the_report_lists_the_cluster(demo_analysis, tmp_path):
    html = demo_analysis.report(tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Salinan satu laporan" in html and "dup:kabarnusantara-2024-10-21-seoul-panggil-dubes-rusia" in html


def test_many_copies_of_one_report_cost_linear_checks():
    rng = random.Random(5)
    words = [f"k{i}" for i in range(2000)]
    report = _report(rng, words)
    ids = [f"c{i:03d}" for i in range(300)]
    (cluster,) = near_duplicates(ids, [report] * 300)
    assert cluster.members == tuple(ids) and len(cluster.pairs) <= 2 * 299


def test_the_stage_signs_only_new_bodies_and_finds_what_signing_all_finds(tmp_path, monkeypatch) -> None:
    import shutil

    import telusur
    from telusur.corpus import minhash
    from telusur.corpus.minhash import near_duplicates_of
    from conftest import DEMO

    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder)
    db = tmp_path / "n.db"
    telusur.analyze(folder, db=db, workers=1).close()
    copy = (DEMO / "wartapagi-2024-10-21-korsel-panggil-dubes.txt").read_text(encoding="utf-8")
    (folder / "salinan-baru.txt").write_text(copy.replace("Dimas Prasetyo", "Redaksi Salinan"), encoding="utf-8")
    signed: list[int] = []
    real = minhash.MinHasher.signatures
    monkeypatch.setattr(minhash.MinHasher, "signatures", lambda self, texts: signed.append(len(texts)) or real(self, texts))
    with telusur.analyze(folder, db=db, workers=1) as again:
        assert again.summary.new == 1
        found = again.duplicates()
        full = near_duplicates_of(again.store.bodies())
    assert signed[:1] == [1]  # the stage signed the one new body (the siblings stage signs term sets apart)
    assert [(c.members, c.pairs) for c in found] == [(c.members, c.pairs) for c in full]
    assert any("salinan-baru" in c.members for c in found)
