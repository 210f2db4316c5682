"""Reading a CRFsuite model file and decoding with its weights (``extract.crf``)."""

import numpy as np
import pycrfsuite
import pytest

from telusur.extract.crf import read_model, viterbi
from telusur.extract.ner import model_path


def test_the_shipped_model_reads_with_crfsuites_own_labels_and_weights():
    model = read_model(model_path())
    reference = pycrfsuite.Tagger()
    reference.open(str(model_path()))
    info = reference.info()
    assert model.labels == tuple(reference.labels())
    # python-crfsuite's info() prints weights with six decimals; the file holds doubles
    for (attr, label), weight in list(info.state_features.items())[:2000]:
        assert abs(model.state[model.attributes[attr], model.labels.index(label)] - weight) < 1e-6
    for (a, b), weight in info.transitions.items():
        assert abs(model.transitions[model.labels.index(a), model.labels.index(b)] - weight) < 1e-6


def test_a_file_that_is_no_model_or_is_cut_short_is_refused_by_name(tmp_path):
    other = tmp_path / "notes.crfsuite"
    other.write_bytes(b"not a model at all, just some bytes to fill a header....")
    with pytest.raises(ValueError, match="notes.crfsuite: not a CRFsuite"):
        read_model(other)
    cut = tmp_path / "cut.crfsuite"
    cut.write_bytes(model_path().read_bytes()[:5000])
    with pytest.raises(ValueError, match="cut.crfsuite"):
        read_model(cut)
    with pytest.raises(ValueError, match="too short"):
        (tmp_path / "tiny").write_bytes(b"lCRF")
        read_model(tmp_path / "tiny")


def test_viterbi_decodes_sentences_together_as_it_does_one_by_one():
    rng = np.random.default_rng(7)
    transitions = rng.normal(size=(4, 4))
    sentences = [rng.normal(size=(n, 4)) for n in (5, 1, 0, 9, 3)]
    together = viterbi(sentences, transitions)
    assert together == [viterbi([s], transitions)[0] for s in sentences]
    assert [len(p) for p in together] == [5, 1, 0, 9, 3]
    # brute force on the short ones: the best path's score is the highest of all paths
    import itertools

    for s, path in zip(sentences, together, strict=True):
        if 0 < len(s) <= 5:
            def score(p):
                return sum(s[t, p[t]] for t in range(len(p))) + sum(transitions[p[t - 1], p[t]] for t in range(1, len(p)))

            best = max(itertools.product(range(4), repeat=len(s)), key=score)
            assert list(best) == path


def test_equal_scores_go_to_the_lowest_label():
    assert viterbi([np.zeros((3, 5))], np.zeros((5, 5))) == [[0, 0, 0]]
    assert viterbi([], np.zeros((2, 2))) == []


def test_sentences_are_decoded_in_bounded_batches_with_the_same_paths(monkeypatch):
    """One very long sentence among many short ones: batches of at most ``_CELLS`` positions,
    not one array sized longest x count (a hostile page would need gigabytes)."""
    from telusur.extract import crf

    rng = np.random.default_rng(11)
    transitions = rng.normal(size=(3, 3))
    sentences = [rng.normal(size=(n, 3)) for n in (40, *[3] * 30, 0, 17, 1)]
    whole = viterbi(sentences, transitions)
    monkeypatch.setattr(crf, "_CELLS", 50)  # the 40-token sentence alone, then the short ones a few at a time
    seen = []
    original = crf._viterbi_batch

    def spy(batch, trans):
        seen.append(max(len(s) for s in batch) * len(batch))
        return original(batch, trans)

    monkeypatch.setattr(crf, "_viterbi_batch", spy)
    assert viterbi(sentences, transitions) == whole
    assert max(seen) <= 50
    assert len(seen) > 2
