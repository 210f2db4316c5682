#!/usr/bin/env python3
"""Generate "content-farm" rewrites of real Indonesian news with planted distortions.

usage: spin_rewrites.py OUT_DIR [--n 150] [--seed 1] [--copies 20] [--unrelated 40]

Reads IndoSum articles in place (../shared/data/summarization/indosum/dev.0{2,3,4,5}.jsonl, beside the project)
and writes, under OUT_DIR:

* pages/<id>.txt            the source article (title line, blank line, paragraphs)
* pages/<ts+k*3600>-<slug>-spun.txt
                            a machine rewrite of it: synonyms, abbreviations, number formats,
                            split/merged sentences, moved quotes and wire credits, a filler
                            sentence and a "Baca Juga" debris line, and 2-4 PLANTED
                            distortions (negation, number, tense, speaker, actor, event, date,
                            place), each in a different sentence
* pages/<ts+k*3600>-<slug>-copy.txt
                            a near-exact republication (title changed, maybe a debris line):
                            no distortion may be reported on these
* pages/<id>.txt            further real articles, unchanged ("unrelated"), preferably from the
                            same outlet and within a few days of a source
* gold.json                 pairs, unrelated pages, planted distortions and harmless variants

gold.json: {"seed", "pairs": [{source, rewrite, relation: "rewrite"|"copy"}], "unrelated": [file],
"distortions": [{source, rewrite, kind, source_says, rewrite_says, rewrite_sentence, detail}],
"variants": [{rewrite, kind: colloquial|rounding|spelling|hedge, rewrite_says, detail}]}.
Every source_says / rewrite_says / rewrite_sentence is checked to be an exact substring of its
page (after writing, by reading the page back); a case that fails is dropped, never written.

A summary is printed at the end (counts per kind, examples, word 3-gram Jaccard of source vs
rewrite bodies, share of source sentences left word-for-word unchanged); --quiet skips it.

All word lists live in eval/rewrites/spin.toml (see --lists).  Standard library only;
deterministic for a given --seed.  Existing *.txt files in OUT_DIR/pages are removed first.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "summarization" / "indosum"
DEFAULT_FILES = ("dev.02.jsonl", "dev.03.jsonl", "dev.04.jsonl", "dev.05.jsonl")
DEFAULT_LISTS = Path(__file__).resolve().parent.parent / "eval" / "rewrites" / "spin.toml"
KINDS = ("negation", "number", "tense", "speaker", "actor", "event", "date", "place")
MIN_SENTENCES = 6
REPEAT_PENALTY = 12  # a kind repeats within one rewrite only when this far behind the others

Tokens = list[str]

# --------------------------------------------------------------------------- text utilities

NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "%", "'s"})
NO_SPACE_AFTER = ("(", "[")
QUOTE_TOKENS = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''"})
END_PUNCT = frozenset({".", "!", "?"})
CLAUSE_PUNCT = frozenset({",", ".", "!", "?", ";", ":", "(", ")"})
CURRENCY = frozenset({"Rp", "Rp.", "US$", "USD", "$", "IDR", "€", "£", "RM", "S$"})
NUM_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")
NAME_TOKEN_RE = re.compile(r"^[A-Z][A-Za-z'’\-]*$")
LOWER_WORD_RE = re.compile(r"^[a-z][a-z\-]*$")
WORD_RE = re.compile(r"\w+")


def detok(tokens: list[str]) -> str:
    """Join tokens into text the way the IndoSum page writer does (same spacing rules)."""
    out, quote_open = "", False
    for tok in tokens:
        tok = tok.replace("\u00a0", " ").strip()
        if not tok:
            continue
        if tok == '"':
            out += '"' if quote_open else (" " if out else "") + '"'
            quote_open = not quote_open
            continue
        glue = (not out or tok in NO_SPACE_BEFORE or out.endswith(NO_SPACE_AFTER)
                or (out.endswith('"') and quote_open) or tok == "/" or out.endswith("/"))
        out += tok if glue else " " + tok
    return re.sub(r"\s+", " ", out).strip()


def clean_tokens(raw: list[str]) -> Tokens:
    """Drop empty tokens and non-breaking spaces (detok ignores them anyway)."""
    return [t for t in (r.replace("\u00a0", " ").strip() for r in raw) if t]


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens of a text, for overlap statistics."""
    return WORD_RE.findall(text.lower())


def cap(word: str) -> str:
    """Upper-case the first letter only."""
    return word[:1].upper() + word[1:]


def is_cap(tok: str) -> bool:
    """True for a token starting with an upper-case letter."""
    return bool(tok) and tok[0].isupper()


def is_name_token(tok: str) -> bool:
    """True for a capitalised word that can be part of a name."""
    return bool(NAME_TOKEN_RE.match(tok))


def is_lower_word(tok: str) -> bool:
    """True for an all lower-case alphabetic word (hyphen allowed)."""
    return bool(LOWER_WORD_RE.match(tok))


def is_number(tok: str) -> bool:
    """True for an Indonesian-formatted figure: 12, 1.500, 3,5, 1.250,75."""
    return bool(NUM_RE.match(tok))


def first_word(toks: Tokens) -> int:
    """Index of the first token that contains a letter or digit (0 if none)."""
    for i, t in enumerate(toks):
        if any(c.isalnum() for c in t):
            return i
    return 0


def has_quote(toks: Tokens) -> bool:
    """True if the sentence contains any quotation mark token."""
    return any(t in QUOTE_TOKENS for t in toks)


def quotes_balanced(toks: Tokens) -> bool:
    """True if every quotation opened in toks is also closed in toks."""
    straight = sum(1 for t in toks if t == '"')
    return straight % 2 == 0 and toks.count("“") == toks.count("”")


def quote_open_after(toks: Tokens, open_before: bool) -> bool:
    """Is a quotation still open after this sentence?"""
    state = open_before
    for t in toks:
        if t == '"':
            state = not state
        elif t == "“":
            state = True
        elif t == "”":
            state = False
    return state


def cap_run(toks: Tokens, i: int, max_len: int = 8) -> int:
    """Length of the run of capitalised name tokens starting at index i."""
    j = i
    while j < len(toks) and j - i < max_len and is_name_token(toks[j]):
        j += 1
    return j - i


def parse_number(tok: str) -> float:
    """Value of an Indonesian-formatted figure ("1.500,5" -> 1500.5)."""
    return float(tok.replace(".", "").replace(",", "."))


def format_int(value: int, dots: bool) -> str:
    """Write an integer, with "." thousands separators when dots is set."""
    s = str(value)
    if not dots:
        return s
    groups = []
    while len(s) > 3:
        groups.insert(0, s[-3:])
        s = s[:-3]
    return ".".join([s] + groups)


def format_decimal(value: float, decimals: int) -> str:
    """Write a number with Indonesian separators and a fixed number of decimals."""
    whole = int(value)
    text = format_int(whole, whole >= 10000)
    if decimals:
        frac = f"{value:.{decimals}f}".split(".")[1]
        if frac.strip("0"):
            text += "," + frac.rstrip("0")
    return text


# --------------------------------------------------------------------------- data

@dataclass
class Article:
    """One IndoSum article: paragraphs of sentences of (cleaned) tokens."""
    id: str
    outlet: str
    paras: list[list[Tokens]]

    @property
    def ts(self) -> int:
        """The Unix timestamp that prefixes the id."""
        return int(self.id.split("-", 1)[0])

    @property
    def slug(self) -> str:
        """The id without its timestamp."""
        return self.id.split("-", 1)[1] if "-" in self.id else self.id

    def sentences(self) -> list[Tokens]:
        """All sentences, in order."""
        return [s for p in self.paras for s in p]

    def n_real_sentences(self) -> int:
        """Number of sentences with at least three words."""
        return sum(1 for s in self.sentences() if len(words_of(detok(s))) >= 3)


def load_articles(data_dir: Path, files: tuple[str, ...]) -> list[Article]:
    """Read the JSONL files, keep the first copy of each id, sort by id."""
    seen: dict[str, Article] = {}
    for name in files:
        with open(data_dir / name, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                rid = str(rec.get("id", ""))
                if rid in seen or not re.match(r"^\d+-", rid):
                    continue
                paras = [[clean_tokens(s) for s in p] for p in rec.get("paragraphs", [])]
                seen[rid] = Article(rid, str(rec.get("source", "")), paras)
    return [seen[k] for k in sorted(seen)]


def corpus_lower_words(articles: list[Article]) -> set[str]:
    """Words written lower-case more often than capitalised mid-sentence in the corpus."""
    low: Counter = Counter()
    upper: Counter = Counter()
    for art in articles:
        for toks in art.sentences():
            s = first_word(toks)
            for i, t in enumerate(toks):
                if is_lower_word(t):
                    low[t] += 1
                elif i > s and is_cap(t) and t[1:].islower():
                    upper[t.lower()] += 1
    return {w for w, c in low.items() if c >= 3 and 2 * c >= upper[w]}


def title_case(words: list[str], upper: set[str]) -> str:
    """Title-case slug words like the IndoSum page writer does."""
    return " ".join(w.upper() if len(w) <= 3 and w in upper else w.capitalize() for w in words)


def source_title(art: Article, upper: set[str]) -> str:
    """Title line rebuilt from the id slug."""
    return title_case(art.slug.replace("-", " ").split(), upper)


def paragraph_texts(paras: list[list[Tokens]]) -> list[str]:
    """Detokenised paragraphs: sentences joined by a space."""
    return [" ".join(detok(s) for s in p) for p in paras]


def page_text(title: str, paragraphs: list[str]) -> str:
    """A page: title line, blank line, paragraphs separated by blank lines."""
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


# --------------------------------------------------------------------------- lexicon

class Lexicon:
    """All word lists from spin.toml, with lookup indexes."""

    def __init__(self, cfg: dict):
        self.rates: dict[str, float] = cfg["rates"]
        self._load_synonyms(cfg["synonyms"])
        self.colloquial: dict[str, str] = cfg["colloquial"]
        self.abbr: dict[str, Tokens] = {k: v.split() for k, v in cfg["abbreviations"].items()}
        self.abbr_rev: dict[tuple[str, ...], str] = {tuple(v): k for k, v in self.abbr.items()}
        self._load_numbers(cfg["numbers"], cfg["hedges"], cfg["spelling"])
        self._load_speech(cfg["speech"])
        self._load_structure(cfg["structure"])
        self._load_distortion(cfg["distortion"])
        self._load_places(cfg["places"])
        self.gram = SimpleNamespace(**cfg["grammar"])
        self.vocab = ({w for k in self.syn_index for w in k} | self.known_openers
                      | {w for c in self.connectives for w in c}
                      | {w for outs in self.syn_index.values() for o in outs for w in o.split()})
        self.verb_re = re.compile(r"^(?:me|ber|ter|di)[a-z]{3,}$")
        # the spinner may have replaced a connective by its synonym: recognise those too
        for name in ("subordinators", "chain_markers", "known_openers", "movable_openers", "tight_openers",
                     "trailing_clause", "bare_connectives"):
            setattr(self, name, self.with_synonyms(getattr(self, name)))
        # learnt from the corpus by learn_corpus()
        self.corpus_lower: set[str] = set()
        self.corpus_words: set[str] = set()
        self.boilerplate: set[str] = set()

    def _load_synonyms(self, syn: dict) -> None:
        """Synonym groups ("~" = output only) and their context constraints."""
        self.syn_index: dict[tuple[str, ...], list[str]] = {}
        for group in syn["groups"]:
            members = group.split("|")
            outputs = [m.lstrip("~") for m in members]
            for m in members:
                if not m.startswith("~"):
                    self.syn_index[tuple(m.split())] = [o for o in outputs if o != m]
        self.block_after = {k: set(v) for k, v in syn.get("block_after", {}).items()}
        self.block_before = {k: set(v) for k, v in syn.get("block_before", {}).items()}
        self.only_after = {k: set(v) for k, v in syn.get("only_after", {}).items()}
        self.only_before = {k: set(v) for k, v in syn.get("only_before", {}).items()}
        self.need_verb_after = set(syn.get("need_verb_after", {}).get("words", []))
        self.need_number_after = set(syn.get("need_number_after", {}).get("words", []))
        self.need_number_before = set(syn.get("need_number_before", {}).get("words", []))
        self.need_passive_before = set(syn.get("need_passive_before", {}).get("words", []))
        nnb = syn.get("need_noun_before", {})
        self.need_noun_before = set(nnb.get("words", []))
        self.not_nouns = set(nnb.get("not_nouns", []))
        by_next = syn.get("by_next", {})
        self.by_next: dict[str, dict[str, list[str]]] = {k: v for k, v in by_next.items() if isinstance(v, dict)}
        self.by_next_not_word = set(by_next.get("by_next_not_word", []))
        for word in self.by_next:
            self.syn_index.setdefault((word,), [])
        self.syn_maxlen = max(len(k) for k in self.syn_index)

    def _load_numbers(self, nums: dict, hedges: dict, spelling: dict) -> None:
        """Number words and contexts, hedges, spelling-variant rules."""
        self.scales: dict[str, int] = nums["scales"]
        self.number_words: dict[str, int] = nums["words"]
        self.digit_words = {v: k for k, v in self.number_words.items()}
        self.number_word_blockers = set(nums["word_blockers"])
        self.not_qty_before = set(nums["not_quantity_before"])
        self.not_qty_after = set(nums["not_quantity_after"])
        self.counters = set(nums["counters"])
        self.hedges = sorted((tuple(h.split()) for h in hedges["phrases"]), key=len, reverse=True)
        self.foreign_re = re.compile(spelling["foreign"])
        self.spelling_rules = [(re.compile(p), r) for p, r in spelling["rules"]]

    def _load_speech(self, speech: dict) -> None:
        """Speech verbs, office titles, organisation words, wire credits."""
        self.speech_after = set(speech["after"])
        self.speech_subject = set(speech["subject"])
        self.speech_passive = set(speech["passive"])
        self.titles = set(speech["titles"])
        self.org_words = set(speech["org_words"])
        self.wire_markers = sorted((tuple(m.split()) for m in speech["wire_markers"]), key=len, reverse=True)
        self.wire_templates: list[str] = speech["wire_templates"]

    def _load_structure(self, st: dict) -> None:
        """Sentence splitting/merging, connectives, fillers, debris, titles, names."""
        self.split_openings: dict[str, Tokens] = {k: v.split() for k, v in st["split_openings"].items()}
        self.split_bare = set(st["split_bare"])
        self.split_pronouns = set(st["split_pronouns"])
        self.split_and_opening = st["split_and_opening"].split()
        self.merge_joiners = [j.split() for j in st["merge_joiners"]]
        self.connectives = [c.split() for c in st["connectives"]]
        self.known_openers = set(st["known_openers"])
        self.movable_openers = set(st["movable_openers"])
        self.tight_openers = set(st["tight_openers"])
        self.trailing_clause = set(st["trailing_clause"])
        self.fillers: list[str] = st["fillers"]
        self.debris: list[str] = st["debris"]
        self.title_suffixes: list[str] = st["title_suffixes"]
        self.title_upper = set(st["title_upper"])
        self.outlet_words = set(st["outlet_words"])
        self.entity_stop = set(st["entity_stop"])
        self.no_clitic = set(st["no_clitic"])
        self.pronouns = set(st["pronouns"])
        self.bare_connectives = set(st["bare_connectives"])
        self.actor_adverbs = set(st["actor_adverbs"])

    def _load_distortion(self, d: dict) -> None:
        """Negation, predicate, tense, act and date word lists."""
        self.negations = set(d["negations"])
        self.negation_idioms = set(d["negation_idioms"])
        self.aux_negatable = set(d["aux_negatable"])
        self.copulas = set(d["copulas"])
        self.non_verbs = set(d["non_verbs"])
        self.clause_openers = set(d["clause_openers"])
        self.subordinators = set(d["subordinators"])
        self.chain_markers = set(d["chain_markers"])
        self.pre_verbal = set(d["pre_verbal"])
        self.skip_verbs = set(d["skip_verbs"]) | self.speech_subject
        self.completed = sorted((tuple(x.split()) for x in d["completed"]), key=len, reverse=True)
        self.future = sorted((tuple(x.split()) for x in d["future"]), key=len, reverse=True)
        self.event_map: dict[str, str] = {}
        for a, b in d["event_pairs"]:
            self.event_map.setdefault(a, b)
        for a, b in d["event_pairs"]:
            self.event_map.setdefault(b, a)
        for a, b in d.get("event_oneway", []):
            self.event_map.setdefault(a, b)
        self.weekdays: list[str] = d["weekdays"]
        self.months: list[str] = d["months"]
        self.relative_dates = {tuple(k.split()): v.split() for k, v in d["relative_dates"].items()}
        self.day_parts = set(d["day_parts"])

    def _load_places(self, pl: dict) -> None:
        """Place names by group (a place is only replaced by one of its own group)."""
        self.place_groups: dict[str, list[Tokens]] = {}
        self.place_index: dict[tuple[str, ...], str] = {}
        self.place_blocked_before = set(pl["blocked_before"])
        for group, names in pl.items():
            if group == "blocked_before":
                continue
            self.place_groups[group] = [n.split() for n in names]
            for n in names:
                self.place_index.setdefault(tuple(n.split()), group)
        self.place_maxlen = max(len(k) for k in self.place_index)

    def with_synonyms(self, words: set[str]) -> set[str]:
        """A set of single words plus every one-word synonym the lexicon may put in their place."""
        out = set(words)
        for w in words:
            out.update(o for o in self.syn_index.get((w,), []) if " " not in o and o != "_")
        return out

    def learn_corpus(self, articles: list["Article"]) -> None:
        """Corpus facts: common lower-case words, all words (for verb roots), boilerplate lines."""
        self.corpus_lower = corpus_lower_words(articles)
        self.corpus_words = {t for a in articles for s in a.sentences() for t in s if is_lower_word(t)}
        seen = Counter(detok(s) for a in articles for s in a.sentences())
        self.boilerplate = {text for text, c in seen.items() if c >= 3}

    def root_of(self, verb: str) -> str | None:
        """Root of a meN- verb, checked against the corpus ("menangkap" -> "tangkap" as "ditangkap" exists)."""
        cands = []
        for prefix in sorted(self.gram.men_roots, key=len, reverse=True):
            if verb.startswith(prefix) and len(verb) > len(prefix) + 2:
                cands.extend(r + verb[len(prefix):] for r in self.gram.men_roots[prefix])
        for c in cands:
            if self.gram.passive_prefix + c in self.corpus_words:
                return c
        return None

    def active_of(self, root: str) -> str | None:
        """The meN- form of a root that the corpus uses ("tangkap" -> "menangkap")."""
        cands = [p + root for p in self.gram.men_roots] + [p + root[1:] for p in self.gram.men_roots]
        for c in cands:
            if c in self.corpus_words and self.root_of(c) == root:
                return c
        return None

    def is_verb(self, tok: str) -> bool:
        """Crude test for a verb: a lower-case word with a verbal prefix."""
        return bool(self.verb_re.match(tok)) and tok not in self.non_verbs and len(tok) >= 5

    def speech_after_word(self, tok: str) -> bool:
        """True for "kata"/"ujarnya"-style speech verbs that follow a quote."""
        low = tok.lower()
        return low in self.speech_after or (low.endswith("nya") and low[:-3] in self.speech_after)


def load_lexicon(path: Path) -> Lexicon:
    """Read spin.toml."""
    with open(path, "rb") as fh:
        return Lexicon(tomllib.load(fh))


# --------------------------------------------------------------------------- article context

def strip_dateline(toks: Tokens, lex: Lexicon) -> Tokens:
    """Remove an outlet dateline such as "Jakarta, CNN Indonesia --" from a first sentence."""
    for d in range(1, min(len(toks), 12)):
        t = toks[d]
        if t in ("-", "–", "—") or (t[:1] in "-–—" and len(t) > 1 and t[1:2].isalpha()):
            prefix = toks[:d]
            words = [w for w in prefix if any(c.isalpha() for c in w)]
            if not words or not all(is_cap(w) for w in words):
                return toks
            marked = (any(w in (",", "(") for w in prefix) or any(w in lex.outlet_words for w in words)
                      or any(w.isupper() and len(w) >= 3 for w in words) or any("." in w for w in words))
            if not marked:
                return toks
            j = d
            while j < len(toks) and toks[j] in ("-", "–", "—"):
                j += 1
            rest = toks[j:]
            if t[:1] in "-–—" and len(t) > 1:
                rest = [t[1:]] + toks[d + 1:]
            return rest if len(rest) >= 3 else toks
        if t in END_PUNCT:
            break
    return toks



@dataclass
class Context:
    """What the spinner and the planter know about one article."""
    art: Article
    proper: set[str]
    lower_seen: set[str]
    persons: list[tuple[str, ...]]
    entities: Counter
    text: str
    spelling: dict[str, str] = field(default_factory=dict)
    person_like: set[str] = field(default_factory=set)       # tokens of people's names (incl. guesses)
    actors: set[tuple[str, ...]] = field(default_factory=set)  # names seen right before a verb
    same_name: dict[str, set[str]] = field(default_factory=dict)  # tokens seen in one name run
    last_speaker: dict[int, tuple[str, ...]] = field(default_factory=dict)  # sentence -> latest named speaker

    def person_tokens(self) -> set[str]:
        """All tokens of all person names (sure and guessed)."""
        return {t for p in self.persons for t in p} | self.person_like


def nickname_of(a: str, b: str) -> bool:
    """True if one name is a short form of the other ("Sandi" / "Sandiaga")."""
    if min(len(a), len(b)) < 4:
        return False
    return a.startswith(b) or b.startswith(a)


def is_common_word(tok: str, lex: Lexicon) -> bool:
    """A capitalised token that is really an ordinary word ("Tenaga", "Lalu", "Dia")."""
    return tok.lower() in lex.corpus_lower or tok in lex.pronouns or tok.lower() in lex.vocab


def name_of(run: Tokens, lex: Lexicon) -> tuple[str, ...] | None:
    """The personal name inside a capitalised run, without office titles ("Kombes Argo Yuwono")."""
    toks = list(run)
    while toks and (toks[0] in lex.titles or toks[0] in lex.org_words or is_common_word(toks[0], lex)
                    or (toks[0].isupper() and len(toks[0]) > 1) or (toks[0],) in lex.place_index):
        toks.pop(0)
    if not toks or len(toks) > 4:
        return None
    if any(t in lex.org_words or t in lex.titles or t in lex.entity_stop or is_common_word(t, lex)
           or (t,) in lex.place_index or (t.isupper() and len(t) > 1) for t in toks):
        return None
    if any(t in lex.weekdays or t in lex.months for t in toks):
        return None
    if tuple(toks) in lex.place_index or toks[0] in lex.outlet_words:
        return None
    if len(toks) == 1 and len(toks[0]) < 3:
        return None
    return tuple(toks)


def speaker_spans(toks: Tokens, lex: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of capitalised runs that name who is speaking in a sentence."""
    spans = []
    for i, t in enumerate(toks[:-1]):
        low = t.lower()
        prev = toks[i - 1] if i else ""
        if (low in lex.speech_after and (prev in QUOTE_TOKENS or prev in {",", "?", "!"} or i == first_word(toks))) or low == "menurut":
            n = cap_run(toks, i + 1)
            appositive = i + 2 + n < len(toks) and toks[i + 1 + n] == "," and is_name_token(toks[i + 2 + n])
            if n and not appositive:
                spans.append((i + 1, i + 1 + n))
    s = first_word(toks)
    n = cap_run(toks, s)
    if n and s + n < len(toks) and toks[s + n].lower() in lex.speech_subject:
        spans.append((s, s + n))
    for i in range(1, len(toks) - 1):
        if toks[i] in lex.speech_passive:
            j = i + 2 if toks[i + 1] == lex.gram.agent_marker else i + 1
            n = cap_run(toks, j) if j < len(toks) else 0
            appositive = j + n + 1 < len(toks) and toks[j + n] == "," and is_name_token(toks[j + n + 1])
            if n and not appositive:
                spans.append((j, j + n))
    return spans


def collect_persons(sents: list[Tokens], lex: Lexicon) -> list[tuple[str, ...]]:
    """People named in an article: speakers and title-led names, longest form first."""
    found: list[tuple[str, ...]] = []
    titled_names: list[tuple[str, ...]] = []
    for toks in sents:
        runs = [toks[a:b] for a, b in speaker_spans(toks, lex)]
        titled = []
        i = 0
        while i < len(toks):
            n = cap_run(toks, i)
            if n and toks[i] in lex.titles:
                titled.append(toks[i:i + n])
            i += max(n, 1)
        for run in runs:
            name = name_of(run, lex)
            if name:
                found.append(name)
        for run in titled:
            name = name_of(run, lex)
            if name and len(name) >= 2:
                titled_names.append(name)
    alone = single_runs(sents)
    known = {t for n in found for t in n}
    found.extend(n for n in titled_names if alone[n[-1]] or n[-1] in known or acting_name(n, sents, lex))
    found.extend(n for n in surname_names(sents, lex) if acting_name(n, sents, lex))
    followers = run_followers(sents)
    trimmed = []
    for name in found:
        name = list(name)
        while len(name) > 1 and (alone[name[0]] or followers[name[0]] - {name[1]}):
            name.pop(0)
        if len(name) > 3:
            name = name[-2:]
        trimmed.append(tuple(name))
    found = trimmed
    found.sort(key=lambda n: (-len(n), n))
    persons: list[tuple[str, ...]] = []
    for name in found:
        if not any(set(name) & set(p) for p in persons):
            persons.append(name)
    return persons


def run_followers(sents: list[Tokens]) -> dict[str, set[str]]:
    """For each capitalised token, what follows it inside name runs ("" when it ends a run)."""
    out: dict[str, set[str]] = defaultdict(set)
    for toks in sents:
        i = 0
        while i < len(toks):
            n = cap_run(toks, i, 8)
            for j in range(i, i + n):
                out[toks[j]].add(toks[j + 1] if j + 1 < i + n else "")
            i += max(n, 1)
    return out


def acting_name(name: tuple[str, ...], sents: list[Tokens], lex: Lexicon) -> bool:
    """Is the name (or its last word alone) directly followed by a verb somewhere?"""
    for toks in sents:
        for i in range(len(toks) - 1):
            if toks[i] == name[-1] and (lex.is_verb(toks[i + 1]) or toks[i + 1] in lex.aux_negatable):
                return True
    return False


def single_runs(sents: list[Tokens]) -> Counter:
    """How often each capitalised token stands alone (not next to another capitalised token)."""
    alone: Counter = Counter()
    for toks in sents:
        i = first_word(toks) + 1
        while i < len(toks):
            n = cap_run(toks, i, 6)
            if n == 1:
                alone[toks[i]] += 1
            i += max(n, 1)
    return alone


def surname_names(sents: list[Tokens], lex: Lexicon) -> list[tuple[str, ...]]:
    """Two-word names whose last word is also used alone ("Phil Collins" ... "Collins")."""
    singles: Counter = Counter()
    pairs: set[tuple[str, str]] = set()
    for toks in sents:
        i = 0
        while i < len(toks):
            n = cap_run(toks, i, 4)
            if n == 1:
                singles[toks[i]] += 1
            elif n == 2:
                pairs.add((toks[i], toks[i + 1]))
            i += max(n, 1)
    out = []
    for a, b in sorted(pairs):
        if singles[b] and not singles[a] and name_of([a, b], lex) == (a, b) and not b.isupper():
            out.append((a, b))
    return out


def collect_entities(sents: list[Tokens], lex: Lexicon) -> Counter:
    """Capitalised runs seen in mid-sentence (names of people, organisations, teams...)."""
    ents: Counter = Counter()
    for toks in sents:
        i = first_word(toks) + 1
        while i < len(toks):
            n = cap_run(toks, i, 4)
            if n and cap_run(toks, i, 5) == n:
                run = tuple(toks[i:i + n])
                if (run[0] not in lex.weekdays and run[0] not in lex.months
                        and not any(t in lex.entity_stop or t in lex.outlet_words or t in lex.pronouns for t in run)
                        and not all(is_common_word(t, lex) or t in lex.org_words for t in run)
                        and not (n == 1 and is_common_word(run[0], lex))
                        and run not in lex.place_index
                        and not all(t in lex.titles for t in run)
                        and toks[i - 1] not in QUOTE_TOKENS
                        and (n > 1 or len(run[0]) > 2)):
                    ents[run] += 1
            i += max(n, 1)
    return ents


def build_context(art: Article, lex: Lexicon, rng: random.Random) -> Context:
    """Names, entities and case information for one article; picks spelling variants."""
    sents = [strip_dateline(s, lex) if k == 0 else s for k, s in enumerate(art.sentences())]
    proper, lower_seen = set(), set()
    for toks in sents:
        s = first_word(toks)
        for i, t in enumerate(toks):
            if is_lower_word(t):
                lower_seen.add(t)
            elif i > s and is_cap(t) and toks[i - 1] not in END_PUNCT and toks[i - 1] not in QUOTE_TOKENS:
                proper.add(t)
    text = "\n".join(paragraph_texts(art.paras))
    ctx = Context(art, proper, lower_seen, collect_persons(sents, lex), collect_entities(sents, lex), text)
    ctx.person_like = {t for n in surname_names(sents, lex) for t in n}
    ctx.actors, ctx.same_name = collect_actors(sents, lex)
    ctx.last_speaker = latest_speakers(sents, ctx.persons, lex)
    ctx.spelling = pick_spellings(ctx, lex, rng)
    return ctx


def latest_speakers(sents: list[Tokens], persons: list[tuple[str, ...]], lex: Lexicon) -> dict[int, tuple[str, ...]]:
    """For each sentence, the person most recently named as a speaker (for "ujarnya")."""
    out: dict[int, tuple[str, ...]] = {}
    last: tuple[str, ...] | None = None
    for k, toks in enumerate(sents):
        for a, b in speaker_spans(toks, lex):
            name = name_of(toks[a:b], lex)
            if name:
                full = [p for p in persons if set(p) & set(name)]
                last = full[0] if full else name
        if last:
            out[k] = last
    return out


def collect_actors(sents: list[Tokens], lex: Lexicon) -> tuple[set[tuple[str, ...]], dict[str, set[str]]]:
    """Capitalised runs that act (followed by a verb), and which tokens share a name run."""
    actors: set[tuple[str, ...]] = set()
    same: dict[str, set[str]] = defaultdict(set)
    for toks in sents:
        i = 0
        while i < len(toks):
            n = cap_run(toks, i, 16)
            if not n:
                i += 1
                continue
            run = toks[i:i + n]
            for t in run:
                same[t].update(run)
            n = min(n, 5)
            run = run[-n:]
            k = i + n
            while k < len(toks) and toks[k] in lex.actor_adverbs:
                k += 1
            if (n <= 4 and k < len(toks) and (lex.is_verb(toks[k]) or toks[k] in lex.aux_negatable)
                    and not any(is_common_word(t, lex) or t in lex.pronouns for t in run[:1])):
                actors.add(tuple(run))
            i += n
    return actors, same


def pick_spellings(ctx: Context, lex: Lexicon, rng: random.Random) -> dict[str, str]:
    """Choose foreign-name spelling variants for this article (Zelensky -> Zelenskyy)."""
    out: dict[str, str] = {}
    for name in ctx.persons:
        for tok in name:
            if len(tok) < 5 or not tok.isalpha() or not lex.foreign_re.search(tok.lower()):
                continue
            if tok.lower() in ctx.lower_seen or rng.random() >= lex.rates["spelling"]:
                continue
            if any(tok in place for place in lex.place_index):
                continue
            for pat, repl in lex.spelling_rules:
                if pat.search(tok):
                    if rng.random() < 0.5 and pat is not lex.spelling_rules[-1][0]:
                        continue
                    new = pat.sub(repl, tok, count=1)
                    if new != tok and new not in ctx.text and not re.search(r"(.)\1\1", new):
                        out[tok] = new
                    break
        if len(out) >= 2:
            break
    return out


def decap(tok: str, ctx: Context, lex: Lexicon) -> str:
    """Lower-case a sentence-initial word when it is a common word, not a name."""
    if tok in lex.pronouns and tok not in lex.gram.capitalised_pronouns:
        return tok.lower()
    if (is_cap(tok) and tok[1:].islower() and tok not in ctx.proper
            and (tok.lower() in ctx.lower_seen or tok.lower() in lex.vocab or tok.lower() in lex.corpus_lower)):
        return tok.lower()
    return tok


# --------------------------------------------------------------------------- the spinner

@dataclass
class Unit:
    """A sentence of the rewrite (or an inserted line) and the source sentences it came from."""
    tokens: Tokens
    src: tuple[int, ...]
    literal: str | None = None  # set for debris lines

    def text(self) -> str:
        """The unit as it appears on the page."""
        return self.literal if self.literal is not None else detok(self.tokens)


@dataclass
class Variant:
    """A harmless difference the spinner made (not a distortion)."""
    kind: str
    says: str
    detail: str


class Spinner:
    """Rewrites sentences the way a spinning tool / translation round trip would."""

    def __init__(self, lex: Lexicon, rng: random.Random, ctx: Context):
        self.lex, self.rng, self.ctx = lex, rng, ctx
        self.rates = lex.rates
        self.variants: list[Variant] = []
        self._spelled: set[str] = set()

    # ---- word level
    def _syn_match(self, toks: Tokens, i: int, at_start: bool) -> tuple[int, tuple[str, ...], str] | None:
        """Longest synonym entry at position i: (length, key, clitic)."""
        for n in range(min(self.lex.syn_maxlen, len(toks) - i), 0, -1):
            span = toks[i:i + n]
            if not all(is_lower_word(t) for t in span[1:]):
                continue
            head = span[0]
            if not (is_lower_word(head) or (at_start and is_lower_word(head.lower()) and head == cap(head.lower()))):
                continue
            key = tuple(t.lower() for t in span)
            if key in self.lex.syn_index:
                return n, key, ""
            if n == 1 and key[0].endswith("nya"):
                stem = key[0][:-3]
                if len(stem) >= 4 and (stem,) in self.lex.syn_index and stem not in self.lex.no_clitic:
                    return 1, (stem,), "nya"
        return None

    def _syn_context_ok(self, toks: Tokens, i: int, n: int, key: tuple[str, ...]) -> bool:
        """Context checks for a synonym replacement (see [synonyms.*] in spin.toml)."""
        word = " ".join(key)
        prev = toks[i - 1].lower() if i else ""
        nxt = toks[i + n].lower() if i + n < len(toks) else ""
        if prev in self.lex.block_after.get(word, ()):
            return False
        if nxt in self.lex.block_before.get(word, ()):
            return False
        if word in self.lex.only_after and prev not in self.lex.only_after[word]:
            return False
        if word in self.lex.only_before and nxt not in self.lex.only_before[word]:
            return False
        if word in self.lex.need_verb_after and not self.lex.is_verb(nxt):
            return False
        if word in self.lex.need_number_after and not is_number(nxt):
            return False
        if word in self.lex.need_number_before and not (i and is_number(toks[i - 1])):
            return False
        if word in self.lex.need_noun_before and not (
                is_lower_word(prev) and prev not in self.lex.not_nouns and not self.lex.is_verb(prev)):
            return False
        if word in self.lex.need_passive_before and not (
                prev.startswith(self.lex.gram.passive_prefix) and self.lex.is_verb(prev)):
            return False
        return True

    def _syn_choices(self, toks: Tokens, i: int, n: int, key: tuple[str, ...]) -> list[str]:
        """Replacement candidates for the entry at i (by_next entries depend on the next word)."""
        word = " ".join(key)
        if word not in self.lex.by_next:
            return self.lex.syn_index[key]
        nxt = toks[i + n] if i + n < len(toks) else ""
        if self.lex.is_verb(nxt):
            return self.lex.by_next[word].get("verb", [])
        if is_lower_word(nxt) and nxt not in self.lex.by_next_not_word and nxt not in self.lex.clause_openers:
            return self.lex.by_next[word].get("word", [])
        return []

    def synonyms(self, toks: Tokens, rate: float) -> Tokens:
        """Replace words and phrases by synonyms from the lexicon, keeping case and clitics."""
        out: Tokens = []
        start = first_word(toks)
        i = 0
        while i < len(toks):
            m = self._syn_match(toks, i, i == start)
            if m is None:
                out.append(toks[i])
                i += 1
                continue
            n, key, clitic = m
            choices = self._syn_choices(toks, i, n, key)
            if choices and self.rng.random() < rate and self._syn_context_ok(toks, i, n, key):
                repl = self.rng.choice(choices).split()
                if repl == ["_"] and (i == start or clitic or n > 1):
                    repl = [c for c in choices if c != "_"][:1]
                    repl = repl[0].split() if repl else []
                if not repl or (clitic and len(repl) > 1):
                    out.extend(toks[i:i + n])
                    i += n
                    continue
                if repl == ["_"]:
                    i += n
                    continue
                nxt = toks[i + n].lower() if i + n < len(toks) else ""
                if len(repl) > 1 and repl[-1] == nxt:
                    repl = repl[:-1]  # "terkait dengan" -> "berkaitan dengan", not "... dengan dengan"
                if len(repl) > 1 and out and repl[0] == out[-1].lower():
                    repl = repl[1:]   # "di dalam" after "di"
                if len(repl) == 1 and (repl[0] == nxt or (out and repl[0] == out[-1].lower())):
                    out.extend(toks[i:i + n])
                    i += n
                    continue
                if is_cap(toks[i]):
                    repl[0] = cap(repl[0])
                repl[-1] += clitic
                out.extend(repl)
            else:
                out.extend(toks[i:i + n])
            i += n
        return out

    def abbreviations(self, toks: Tokens) -> Tokens:
        """Expand abbreviations (AS -> Amerika Serikat) or contract full names ("... (KPK)")."""
        out: Tokens = []
        i = 0
        rate = self.rates["abbreviation"]
        while i < len(toks):
            done = False
            for n in range(6, 1, -1):
                full = tuple(toks[i:i + n])
                if full in self.lex.abbr_rev:
                    ab = self.lex.abbr_rev[full]
                    has_paren = toks[i + n:i + n + 3] == ["(", ab, ")"]
                    if has_paren and self.rng.random() < rate:
                        out.extend([ab] if self.rng.random() < 0.5 else list(full))
                        i += n + 3
                        done = True
                    elif not has_paren and self.rng.random() < rate / 2 and (i + n >= len(toks) or toks[i + n] != "("):
                        out.append(ab)
                        i += n
                        done = True
                    break
            if done:
                continue
            t = toks[i]
            if (t in self.lex.abbr and self.rng.random() < rate
                    and not (i and toks[i - 1] == "(") and not (i + 1 < len(toks) and toks[i + 1] == "(")):
                out.extend(self.lex.abbr[t])
            else:
                out.append(t)
            i += 1
        return out

    def number_formats(self, toks: Tokens) -> Tokens:
        """Write figures differently: "10 ribu" <-> "10.000", "dua" -> "2"."""
        out: Tokens = []
        i = 0
        rate = self.rates["number_format"]
        while i < len(toks):
            t = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            prev = toks[i - 1].lower() if i else ""
            if is_number(t) and nxt in self.lex.gram.scale_expand and self.rng.random() < rate:
                value = parse_number(t) * self.lex.scales[nxt]
                if value == int(value) and value < 1e10:
                    out.append(format_int(int(value), True))
                    i += 2
                    continue
            if (re.match(r"^\d{1,3}(?:\.\d{3})+$", t) and prev not in self.lex.not_qty_before
                    and self.rng.random() < rate):
                value = int(t.replace(".", ""))
                if value >= 1_000_000 and value % 100_000 == 0:
                    out.extend([format_decimal(value / 1_000_000, 1), "juta"])
                    i += 1
                    continue
                if 1000 <= value < 1_000_000 and value % 1000 == 0:
                    out.extend([format_int(value // 1000, False), "ribu"])
                    i += 1
                    continue
            if (t in self.lex.number_words and is_lower_word(nxt) and prev not in self.lex.number_word_blockers
                    and prev not in ("-", "–") and nxt not in self.lex.number_words and nxt not in self.lex.scales and self.rng.random() < rate / 2):
                out.append(str(self.lex.number_words[t]))
                i += 1
                continue
            if (t.isdigit() and int(t) in self.lex.digit_words and nxt in self.lex.counters
                    and prev not in self.lex.not_qty_before and prev not in ("/", "-", "(") and not is_cap(prev)
                    and self.rng.random() < rate / 2):
                out.append(self.lex.digit_words[int(t)])
                i += 1
                continue
            out.append(t)
            i += 1
        return out

    def date_formats(self, toks: Tokens) -> Tokens:
        """Write "Senin (17/7)" as "Senin, 17 Juli" (and "(8/9/2017)" as "8 September 2017")."""
        out: Tokens = []
        i = 0
        while i < len(toks):
            if (toks[i] in self.lex.weekdays and toks[i + 1:i + 2] == ["("] and i + 5 < len(toks)
                    and toks[i + 2].isdigit() and toks[i + 3] == "/" and toks[i + 4].isdigit()
                    and self.rng.random() < self.rates["date_format"]):
                day, month = int(toks[i + 2]), int(toks[i + 4])
                rest = toks[i + 5:]
                year: list[str] = []
                if rest[:2] and rest[0] == "/" and len(rest) > 1 and re.match(r"^\d{4}$", rest[1]):
                    year, rest = [rest[1]], rest[2:]
                if 1 <= day <= 31 and 1 <= month <= 12 and rest[:1] == [")"]:
                    out.extend([toks[i], ",", str(day), self.lex.months[month - 1]] + year)
                    after = rest[1:]
                    if after and is_lower_word(after[0]) and after[0] not in self.lex.day_parts:
                        out.append(",")
                    i = len(toks) - len(after)
                    continue
            out.append(toks[i])
            i += 1
        return out

    # ---- clause level
    def _speaker_run(self, toks: Tokens, i: int) -> int:
        """Length of the capitalised speaker run starting at i (0 if none)."""
        return cap_run(toks, i, 8)

    def reorder_quote(self, toks: Tokens) -> Tokens | None:
        """'"Q," kata X.' -> 'X mengatakan, "Q."' (and unquoted 'Q, kata X.' -> 'X mengatakan Q.')."""
        s = first_word(toks)
        if s > 0 and toks[s - 1] in ('"', "“"):
            opener = toks[s - 1]
            closer = '"' if opener == '"' else "”"
            try:
                c = toks.index(closer, s)
            except ValueError:
                return None
            if c + 1 >= len(toks) or not self.lex.speech_after_word(toks[c + 1]) or s - 1 != 0:
                return None
            verb = toks[c + 1]
            if verb.lower().endswith("nya") and verb.lower() not in self.lex.speech_after:
                speaker, rest = [self.lex.gram.default_speaker], toks[c + 2:]
            else:
                n = self._speaker_run(toks, c + 2)
                if not n:
                    return None
                speaker, rest = toks[c + 2:c + 2 + n], toks[c + 2 + n:]
            quote = toks[s:c]
            if quote and quote[-1] == ",":
                quote = quote[:-1]
            if not quote:
                return None
            if quote[-1] not in END_PUNCT:
                quote = quote + ["."]
            if rest and rest[-1] in END_PUNCT:
                rest = rest[:-1]
            if has_quote(rest):
                return None
            middle = rest + [","] if rest else rest
            verb_out = self.rng.choice(self.lex.gram.quote_verbs)
            return speaker + middle + [verb_out, ",", opener] + quote + [closer]
        if has_quote(toks):
            return None
        for k in range(s + 3, len(toks) - 2):
            if toks[k - 1] == "," and toks[k].lower() in self.lex.speech_after:
                n = self._speaker_run(toks, k + 1)
                if n and k + 1 + n == len(toks) - 1 and toks[-1] in END_PUNCT:
                    body = toks[s:k - 1]
                    body = [decap(body[0], self.ctx, self.lex)] + body[1:]
                    return toks[k + 1:k + 1 + n] + [self.lex.gram.quote_verbs[0]] + body + ["."]
        n = cap_run(toks, s)
        if (n and s + n + 2 < len(toks) and toks[s + n] in self.lex.gram.report_verbs_to_flip
                and toks[s + n + 1] in (",", "bahwa") and toks[-1] == "."):
            body = toks[s + n + 2:-1]
            if len(body) >= 4:
                return [cap(body[0])] + body[1:] + [",", self.rng.choice(self.lex.gram.tag_verbs)] + toks[s:s + n] + ["."]
        return None

    def move_wire_credit(self, toks: Tokens) -> Tokens | None:
        """Move or re-word a wire credit: '..., kata X seperti dikutip AFP.' -> 'Seperti dilansir AFP, ...'."""
        s = first_word(toks)
        low = [t.lower() for t in toks]
        for m in range(s, len(toks)):
            for marker in self.lex.wire_markers:
                n = len(marker)
                if tuple(low[m:m + n]) != marker:
                    continue
                j = m + n
                src_n = cap_run(toks, j, 5)
                if not src_n and j < len(toks) and re.match(r"^[a-z0-9.\-]+\.[a-z]{2,}$", toks[j]):
                    src_n = 1
                if not src_n:
                    return None
                src = toks[j:j + src_n]
                end = j + src_n
                template = []
                for w in self.rng.choice(self.lex.wire_templates).split():
                    template.extend(src if w == "{src}" else [w])
                template.append(",")
                if m == s:  # already fronted: re-word in place
                    if end < len(toks) and toks[end] == ",":
                        return template + toks[end + 1:]
                    return None
                if toks[0] in QUOTE_TOKENS or has_quote(toks[end:]) or not quotes_balanced(toks[:m]):
                    # inside a quote frame: only re-word the marker
                    return toks[:m] + [w.lower() if k == 0 else w for k, w in enumerate(template[:-1])] + toks[end:]
                start = m - 1 if m > s and toks[m - 1] == "," else m
                rest = toks[:start] + toks[end:]
                if len(rest) > start and start < len(rest) and rest[start] == "," and (start == 0 or rest[start - 1] in CLAUSE_PUNCT):
                    rest = rest[:start] + rest[start + 1:]
                rs = first_word(rest)
                if not rest or rs >= len(rest):
                    return None
                if rest[rs].lower() in self.lex.known_openers and "," in rest[rs + 1:rs + 4]:
                    c = rest.index(",", rs)
                    return rest[:c + 1] + [template[0].lower()] + template[1:] + rest[c + 1:]
                rest = rest[:rs] + [decap(rest[rs], self.ctx, self.lex)] + rest[rs + 1:]
                return template + rest
        return None

    def _date_word(self, t: str) -> bool:
        """A token that can be part of a trailing date phrase ("Senin (4/6) malam")."""
        return (t in self.lex.weekdays or t in self.lex.months or t in ("(", ")", "/") or t.isdigit()
                or t in self.lex.day_parts or t in self.lex.gram.date_words)

    def front_time(self, toks: Tokens) -> Tokens | None:
        """'X, Senin (4/6).' or 'X pada Senin (4/6).' -> 'Pada Senin (4/6), x.'"""
        if has_quote(toks) or len(toks) < 8 or toks[-1] != ".":
            return None
        s = first_word(toks)
        for c in range(len(toks) - 2, s + 2, -1):
            start = None
            if toks[c] == "," and toks[c + 1] in self.lex.weekdays:
                start = c + 1
            elif toks[c] in self.lex.gram.time_prepositions and toks[c + 1] in self.lex.weekdays and is_lower_word(toks[c - 1]):
                start = c + 1
            if start is None:
                continue
            while c - 1 > s and toks[c - 1] in self.lex.gram.time_prepositions:
                c -= 1  # "di hari Minggu": move the whole phrase
            tail = toks[start:-1]
            if not all(self._date_word(t) for t in tail):
                return None
            body = toks[s:c]
            if len(body) < 3:
                return None
            return [self.lex.gram.time_opener] + tail + [","] + [decap(body[0], self.ctx, self.lex)] + body[1:] + ["."]
        return None

    def swap_menurut(self, toks: Tokens) -> Tokens | None:
        """'Menurut X, Y.' -> 'Y, menurut X.'"""
        s = first_word(toks)
        if toks[s] != "Menurut" or has_quote(toks) or toks[-1] != ".":
            return None
        try:
            c = toks.index(",", s)
        except ValueError:
            return None
        if c - s > 9 or len(toks) - c < 5:
            return None
        body = toks[c + 1:-1]
        return [cap(body[0])] + body[1:] + [",", "menurut"] + toks[s + 1:c] + ["."]

    def move_adverbial(self, toks: Tokens) -> Tokens | None:
        """'Pada X, Y.' -> 'Y pada X.'  and  'Meski X, Y.' -> 'Y, meski X.'"""
        s = first_word(toks)
        if s != 0 or has_quote(toks) or toks[-1] != "." or toks[0].lower() not in self.lex.movable_openers:
            return None
        try:
            c = toks.index(",")
        except ValueError:
            return None
        if not 2 <= c <= 12 or len(toks) - c < 6 or "(" in toks[:c] and ")" not in toks[:c]:
            return None
        head, body = toks[:c], toks[c + 1:-1]
        if not is_lower_word(body[0]) and not is_cap(body[0]):
            return None
        opener = head[0].lower()
        head = [opener] + head[1:]
        glue = [] if opener in self.lex.tight_openers else [","]
        return [cap(body[0])] + body[1:] + glue + head + ["."]

    def front_clause(self, toks: Tokens) -> Tokens | None:
        """'A saat B.' -> 'Saat B, a.' (front a trailing adverbial clause)."""
        s = first_word(toks)
        if (s != 0 or has_quote(toks) or toks[-1] != "." or len(toks) < 10
                or toks[0].lower() in self.lex.known_openers):
            return None
        for k in range(4, len(toks) - 4):
            prev = toks[k - 1]
            if toks[k] in self.lex.trailing_clause and (prev == "," or (
                    is_lower_word(prev) and prev not in self.lex.trailing_clause | self.lex.subordinators
                    and prev not in self.lex.chain_markers and prev not in self.lex.gram.time_prepositions
                    and prev not in self.lex.gram.conjunctions and prev not in self.lex.not_nouns)):
                tail = toks[k:-1]
                head = toks[:k - 1] if toks[k - 1] == "," else toks[:k]
                if (any(t in (",", ";", ":", "(", ")") for t in tail) or len(tail) < 3 or len(head) < 4
                        or tail[1] in self.lex.gram.demonstratives or head[-1] in self.lex.gram.conjunctions):
                    continue
                return [cap(tail[0])] + tail[1:] + [","] + [decap(head[0], self.ctx, self.lex)] + head[1:] + ["."]
        return None

    def _name_run_at(self, toks: Tokens, i: int) -> int:
        """Length of a clean name run at i (1-4 capitalised words, not a common word), else 0."""
        n = cap_run(toks, i, 4)
        if not n or cap_run(toks, i, 5) != n or is_common_word(toks[i], self.lex):
            return 0
        return n

    def voice(self, toks: Tokens) -> Tokens | None:
        """'A menangkap B ...' <-> 'B ditangkap oleh A ...' (same meaning, other voice)."""
        s = first_word(toks)
        n1 = self._name_run_at(toks, s)
        if not n1:
            return None
        k = s + n1
        adv: Tokens = []
        while k < len(toks) and toks[k] in self.lex.actor_adverbs:
            adv.append(toks[k])
            k += 1
        if k + 1 >= len(toks):
            return None
        verb = toks[k]
        g = self.lex.gram
        if verb.startswith(g.passive_prefix) and toks[k + 1] == g.agent_marker:
            n2 = self._name_run_at(toks, k + 2)
            active = self.lex.active_of(verb[len(g.passive_prefix):]) if n2 else None
            end = k + 2 + n2
            if active and (end >= len(toks) or not is_cap(toks[end])):
                return toks[:s] + toks[k + 2:end] + adv + [active] + toks[s:s + n1] + toks[end:]
            return None
        if verb.startswith("me") and verb not in self.lex.skip_verbs:
            n2 = self._name_run_at(toks, k + 1)
            root = self.lex.root_of(verb) if n2 else None
            end = k + 1 + n2
            if root and (end >= len(toks) or not is_cap(toks[end])):
                return toks[:s] + toks[k + 1:end] + adv + [g.passive_prefix + root, g.agent_marker] + toks[s:s + n1] + toks[end:]
        return None

    def connective(self, toks: Tokens) -> Tokens | None:
        """Prepend a connective ("Selain itu, ...") unless the sentence already has one."""
        s = first_word(toks)
        if s != 0 or toks[0].lower() in self.lex.known_openers or len(toks) < 5 or "," in toks[:5]:
            return None
        conn = list(self.rng.choice(self.lex.connectives))
        return conn + [decap(toks[0], self.ctx, self.lex)] + toks[1:]

    def restructure(self, toks: Tokens) -> Tokens:
        """Apply one clause-level change when one fits."""
        ops = [self.move_wire_credit, self.reorder_quote, self.swap_menurut, self.front_time, self.move_adverbial,
               self.front_clause, self.voice]
        self.rng.shuffle(ops)
        for op in ops:
            new = op(toks)
            if new and new != toks:
                return new
        return toks

    # ---- harmless variants (recorded in the gold)
    def _window(self, toks: Tokens, a: int, b: int) -> str:
        """Text of toks[a:b] extended by one following word."""
        if b < len(toks) and any(c.isalnum() for c in toks[b]):
            b += 1
        return detok([t for t in toks[a:b] if t not in QUOTE_TOKENS])

    def formalise(self, toks: Tokens) -> Tokens:
        """Colloquial -> formal words ("nggak" -> "tidak")."""
        out: Tokens = []
        for i, t in enumerate(toks):
            low = t.lower()
            if low in self.lex.colloquial and (t == low or i == first_word(toks)) and self.rng.random() < self.rates["colloquial"]:
                repl = self.lex.colloquial[low].split()
                if t != low:
                    repl[0] = cap(repl[0])
                out.extend(repl)
                self.variants.append(Variant("colloquial", self._window(out + toks[i + 1:], len(out) - len(repl), len(out)),
                                             f"{t} -> {' '.join(repl)}"))
            else:
                out.append(t)
        return out

    def drop_hedges(self, toks: Tokens) -> Tokens:
        """Drop "sekitar"/"hampir" & co. before a figure now and then."""
        out: Tokens = []
        i = 0
        while i < len(toks):
            hit = None
            for h in self.lex.hedges:
                n = len(h)
                if tuple(t.lower() for t in toks[i:i + n]) == h and i + n < len(toks) and is_number(toks[i + n]):
                    hit = n
                    break
            if hit and toks[i].islower() and self.rng.random() < self.rates["hedge_drop"]:
                rest = toks[i + hit:]
                self.variants.append(Variant("hedge", self._window(rest, 0, 1), f"{' '.join(toks[i:i + hit])} dropped"))
                i += hit
                continue
            out.append(toks[i])
            i += 1
        return out

    def round_decimals(self, toks: Tokens) -> Tokens:
        """Round a decimal by one place when that changes it by less than 1% ("31,542" -> "31,54")."""
        out = list(toks)
        for i, t in enumerate(toks):
            if not is_number(t) or "," not in t or (i and toks[i - 1].lower() in self.lex.not_qty_before):
                continue
            decimals = len(t.split(",")[1])
            if decimals < 2 or self.rng.random() >= self.rates["rounding"]:
                continue
            value = parse_number(t)
            new_value = round(value, decimals - 1)
            if value == 0 or new_value == 0 or abs(new_value - value) / abs(value) >= 0.01:
                continue
            whole, frac = t.split(",")
            new_frac = f"{new_value:.{decimals - 1}f}".split(".")[1]
            new_whole = format_int(int(new_value), "." in whole)
            if int(new_value) != int(value) or not new_frac.strip("0"):
                continue
            new = f"{new_whole},{new_frac}"
            if new != t:
                out[i] = new
                self.variants.append(Variant("rounding", self._window(out, i, i + 1), f"{t} -> {new}"))
        return out

    def respell(self, toks: Tokens) -> Tokens:
        """Apply this article's foreign-name spelling variants."""
        out = [self.ctx.spelling.get(t, t) for t in toks]
        for i, (a, b) in enumerate(zip(toks, out)):
            if a != b and a not in self._spelled:
                self._spelled.add(a)
                start = i - 1 if i and is_name_token(out[i - 1]) else i
                self.variants.append(Variant("spelling", detok(out[start:i + 1]), f"{a} -> {b}"))
        return out

    # ---- sentence and article
    def spin_sentence(self, toks: Tokens, first: bool, in_quote: bool = False) -> Tokens:
        """The whole per-sentence pipeline (no clause moves inside a running quotation)."""
        orig_words = words_of(detok(toks))
        out = strip_dateline(toks, self.lex) if first else list(toks)
        out = self.abbreviations(out)
        out = self.number_formats(out)
        out = self.date_formats(out)
        out = self.synonyms(out, self.rates["synonym"])
        if not in_quote and self.rng.random() < self.rates["structure"]:
            out = self.restructure(out)
        if not in_quote and words_of(detok(out)) == orig_words:
            out = self.restructure(out)
        if not first and not in_quote and (words_of(detok(out)) == orig_words
                                           or self.rng.random() < self.rates["connective"]):
            out = self.connective(out) or out
        if words_of(detok(out)) == orig_words:
            out = self.synonyms(out, 1.0)
        out = self.formalise(out)
        out = self.drop_hedges(out)
        out = self.round_decimals(out)
        out = self.respell(out)
        return out

    def split(self, toks: Tokens) -> list[Tokens] | None:
        """Split a long sentence at ", namun"/", sementara" & co. into two."""
        if len(toks) < 18 or toks[-1] not in END_PUNCT:
            return None
        for i in range(6, len(toks) - 6):
            conj = toks[i + 1].lower()
            if toks[i] == "," and conj in self.lex.split_openings:
                cut, opening = i, self.lex.split_openings[conj]
            elif toks[i] == "," and conj == "dan" and (toks[i + 2] in self.lex.split_pronouns or is_name_token(toks[i + 2])) \
                    and self.lex.is_verb(toks[i + 3]):
                cut, opening = i, self.lex.split_and_opening
            elif toks[i] == ";" and is_lower_word(toks[i + 1]):
                cut, opening = i, []
                conj = ""
            elif is_lower_word(toks[i]) and toks[i + 1] in self.lex.split_bare:
                cut, opening = i + 1, self.lex.split_openings[conj]
            else:
                continue
            head = toks[:cut]
            if not quotes_balanced(head) or head.count("(") != head.count(")") or head[-1] in QUOTE_TOKENS:
                continue
            rest = toks[i + 2:] if conj else toks[i + 1:]
            if conj == "dan":
                rest = toks[i + 2:]
            tail = list(opening) + rest
            if not opening:
                tail = [cap(tail[0])] + tail[1:]
            return [head + ["."], tail]
        return None

    def merge(self, a: Tokens, b: Tokens) -> Tokens | None:
        """Merge two short sentences: 'A. B.' -> 'A, sementara b.'"""
        if b and (b[0].lower() in self.lex.known_openers or b[0].lower() in self.lex.gram.conjunctions):
            return None
        if (len(a) > 18 or len(b) > 18 or len(a) < 4 or len(b) < 4 or has_quote(a) or has_quote(b)
                or a[-1] != "." or b[-1] not in END_PUNCT or not is_cap(b[0])):
            return None
        head = decap(b[0], self.ctx, self.lex)
        if head == b[0] and b[0] not in self.ctx.proper:
            return None  # neither a common word we can lower-case nor a known name
        joiner = list(self.rng.choice(self.lex.merge_joiners))
        if joiner[-1] in ("itu",):
            joiner.append(",")
        return a[:-1] + joiner + [head] + b[1:]

    def spin_article(self) -> list[list[Unit]]:
        """Spin every sentence, then split / merge sentences and drop the credit line."""
        art = self.ctx.art
        paras: list[list[Unit]] = []
        k = 0
        for p in art.paras:
            units = []
            open_quote = False
            for toks in p:
                units.append(Unit(self.spin_sentence(toks, k == 0, open_quote) if toks else [], (k,)))
                open_quote = quote_open_after(toks, open_quote)
                k += 1
            paras.append(units)
        if paras and paras[-1]:
            last = paras[-1][-1].tokens
            if (2 <= len(last) <= 7 and last[0] in "([" and last[-1] in ")]"
                    and self.rng.random() < self.rates["drop_credit"]):
                paras[-1].pop()
        paras = [p for p in paras if p]
        out: list[list[Unit]] = []
        for p in paras:
            units: list[Unit] = []
            for u in p:
                parts = self.split(u.tokens) if self.rng.random() < self.rates["split"] else None
                if parts:
                    units.extend(Unit(t, u.src) for t in parts)
                else:
                    units.append(u)
            out.append(units)
        return self._merge_some(out)

    def _merge_some(self, paras: list[list[Unit]]) -> list[list[Unit]]:
        """Merge a few pairs of short neighbouring sentences (at most one in six sentences)."""
        budget = max(1, sum(len(p) for p in paras) // 6)
        out = []
        for units in paras:
            merged: list[Unit] = []
            for u in units:
                prev = merged[-1] if merged else None
                if (budget and prev and len(prev.src) == 1 and len(u.src) == 1 and prev.src != u.src
                        and self.rng.random() < self.rates["merge"]):
                    m = self.merge(prev.tokens, u.tokens)
                    if m:
                        merged[-1] = Unit(m, prev.src + u.src)
                        budget -= 1
                        continue
                merged.append(u)
            out.append(merged)
        return out

    def spin_title(self, title: str) -> str:
        """Lightly spin a title: synonyms, maybe a click-bait suffix."""
        words = title.lower().split()
        new = self.synonyms(words, self.rates["title_synonym"])
        text = title_case(" ".join(new).split(), self.lex.title_upper)
        if text == title or self.rng.random() < self.rates["title_suffix"]:
            text += ", " + self.rng.choice(self.lex.title_suffixes)
        return text


# --------------------------------------------------------------------------- distortions

@dataclass
class Plan:
    """One way to distort a sentence: new tokens, the changed span, a description."""
    kind: str
    tokens: Tokens
    span: tuple[int, int]
    detail: str


class Planter:
    """Finds and applies distortions in rewrite sentences."""

    def __init__(self, lex: Lexicon, rng: random.Random, ctx: Context):
        self.lex, self.rng, self.ctx = lex, rng, ctx
        self.current_src = -1

    def plans(self, kind: str, toks: Tokens) -> list[Plan]:
        """All candidate distortions of one kind for one sentence."""
        finders = {"negation": self._negation, "number": self._number, "tense": self._tense,
                   "speaker": self._speaker, "actor": self._actor, "event": self._event,
                   "date": self._date, "place": self._place}
        return finders[kind](toks)

    @staticmethod
    def _replace(toks: Tokens, a: int, b: int, new: Tokens) -> Tokens:
        """toks with toks[a:b] replaced by new."""
        return toks[:a] + new + toks[b:]

    def _say_span(self, toks: Tokens, a: int, b: int, before: int = 0, after: int = 1) -> tuple[int, int]:
        """Widen [a, b) by up to `before` preceding and `after` following word tokens."""
        while before and a > 0 and any(c.isalnum() for c in toks[a - 1]) and toks[a - 1] not in QUOTE_TOKENS:
            a -= 1
            before -= 1
        while after and b < len(toks) and any(c.isalnum() for c in toks[b]) and toks[b] not in QUOTE_TOKENS:
            b += 1
            after -= 1
        return a, b

    def _is_pred_word(self, tok: str) -> bool:
        """An auxiliary, a pre-verbal word or a verb that can head a predicate."""
        return (tok in self.lex.aux_negatable or tok in self.lex.pre_verbal or tok in self.lex.gram.completed_aux
                or (self.lex.is_verb(tok) and tok not in self.lex.skip_verbs))

    def _predicate(self, toks: Tokens) -> int | None:
        """Index of the first word of the main predicate (crude), or None.

        A fronted adverbial ("Pada Senin, ...") and a reporting frame ("X mengatakan, ...") are
        skipped; scanning stops at the first subordinate clause; verbs right after "yang",
        "untuk" & co. belong to a relative / non-finite chain and are skipped.
        """
        lex = self.lex
        s = first_word(toks)
        i = s
        if toks[s].lower() in lex.movable_openers | lex.known_openers and "," in toks[s:s + 12]:
            i = toks.index(",", s) + 1
        for k in range(i, len(toks) - 1):
            if toks[k] in lex.speech_subject and toks[k + 1] in (",", "bahwa"):
                i = k + 2
                break
        if i >= len(toks):
            return None
        seen_subject = False
        for k in range(i, len(toks)):
            t = toks[k]
            low = t.lower()
            if (low in lex.subordinators or low in lex.chain_markers or low in lex.copulas or t in QUOTE_TOKENS
                    or low in lex.negations):
                return None
            pred = self._is_pred_word(t)
            if pred and (t in lex.aux_negatable or t in lex.pre_verbal) and not (
                    k + 1 < len(toks) and self._is_pred_word(toks[k + 1])):
                pred = False
            if pred and not seen_subject:
                return None  # a clause without a subject ("Namun, telah berbuntut ...")
            if pred:
                return k
            if any(c.isalnum() for c in t):
                seen_subject = True
        return None

    # ---- kinds
    def _negation(self, toks: Tokens) -> list[Plan]:
        """Remove a negation, or add one to the main predicate ("tidak", "belum", "bukan")."""
        lex, g, out = self.lex, self.lex.gram, []
        for i, t in enumerate(toks[:-1]):
            nxt = toks[i + 1]
            prev = toks[i - 1].lower() if i else ""
            if t not in lex.negations or not is_lower_word(nxt) or nxt in lex.negation_idioms or prev in g.negation_skip_after:
                continue
            if t in g.negation_flips:
                new = self._replace(toks, i, i + 1, [g.negation_flips[t]])
                out.append(Plan("negation", new, self._say_span(new, i, i + 1), f"{t} -> {g.negation_flips[t]}"))
            elif i > 0 and any(c.isalnum() for c in toks[i - 1]) and toks[i - 1] not in QUOTE_TOKENS:
                new = self._replace(toks, i, i + 1, [])
                out.append(Plan("negation", new, self._say_span(new, i - 1, i + 1), f"{t} removed"))
        k = self._predicate(toks)
        if k is not None and k + 1 < len(toks) and toks[k + 1] not in g.tense_blockers_after:
            t = toks[k]
            if t in g.completed_aux:
                new = self._replace(toks, k, k + 1, [g.completed_negator])
                out.append(Plan("negation", new, self._say_span(new, k, k + 1), f"{t} -> {g.completed_negator}"))
            else:
                new = self._replace(toks, k, k, [g.negator])
                out.append(Plan("negation", new, self._say_span(new, k, k + 2, 0, 0), f"+{g.negator} before {t}"))
        for i, t in enumerate(toks[:-1]):
            if t in lex.copulas and is_lower_word(toks[i + 1]) and (toks[i - 1].lower() if i else "") not in lex.negations:
                new = self._replace(toks, i, i + 1, [g.copula_negator])
                out.append(Plan("negation", new, self._say_span(new, i, i + 1), f"{t} -> {g.copula_negator}"))
                break
        return out

    def _is_quantity(self, toks: Tokens, i: int) -> bool:
        """Is the figure at i a quantity (not a year, a date, a time, or part of a name)?"""
        t = toks[i]
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if re.match(r"^\d{4}$", t) and 1900 <= int(t) <= 2100:
            return False
        if prev == "/" or nxt == "/" or prev.lower() in self.lex.not_qty_before or nxt.lower() in self.lex.not_qty_after:
            return False
        if nxt in self.lex.months or nxt in ("-", "–") and i + 2 < len(toks) and is_cap(toks[i + 2]):
            return False
        if any(t in self.lex.months for t in toks[i + 1:i + 4]) and not is_lower_word(nxt):
            return False
        if any(t in self.lex.months for t in toks[i + 2:i + 5]) and nxt in self.lex.gram.range_words:
            return False
        if t == "100" and nxt in ("persen", "%"):
            return False
        if prev in ("-", "–") and i >= 2 and (is_cap(toks[i - 2]) or toks[i - 2].lower() in self.lex.number_word_blockers):
            return False
        if is_cap(prev) and prev not in CURRENCY and i - 1 != first_word(toks):
            return False
        if prev in ("(", "[") and nxt in (")", "]"):
            return False
        if prev == "ke" or nxt in ("'", "’") or prev in ("#", "No", "No."):
            return False
        return True

    def _perturb(self, t: str) -> str | None:
        """A clearly different figure: x10 or a changed leading digit."""
        value = parse_number(t)
        whole, _, frac = t.partition(",")
        dots = "." in whole
        for _ in range(6):
            if self.rng.random() < 0.4:
                if frac:
                    digits = whole.replace(".", "") + frac
                    cut = len(whole.replace(".", "")) + 1
                    w, f = digits[:cut].lstrip("0") or "0", digits[cut:]
                    new = format_int(int(w), dots or int(w) >= 10000) + ("," + f if f else "")
                else:
                    new = format_int(int(whole.replace(".", "")) * 10, dots or value * 10 >= 10000)
            else:
                d = t[0]
                pool = [c for c in "0123456789" if c != d and (c != "0" or len(whole) == 1)]
                new = self.rng.choice(pool) + t[1:]
            nv = parse_number(new)
            if new != t and (value == 0 or abs(nv - value) / abs(value) >= 0.1):
                return new
        return None

    def _number(self, toks: Tokens) -> list[Plan]:
        """Change a quantity (x10 or another leading digit; a number word to another)."""
        out = []
        for i, t in enumerate(toks):
            new_tok = None
            if is_number(t) and self._is_quantity(toks, i):
                new_tok = self._perturb(t)
            elif (t in self.lex.number_words and i + 1 < len(toks) and is_lower_word(toks[i + 1])
                  and (toks[i - 1].lower() if i else "") not in self.lex.number_word_blockers | {"-", "–"}):
                value = self.lex.number_words[t]
                choices = [w for w, v in self.lex.number_words.items() if abs(v - value) >= 1 and w != t]
                new_tok = self.rng.choice(choices)
            if new_tok:
                new = self._replace(toks, i, i + 1, [new_tok])
                before = 1 if i and toks[i - 1] in CURRENCY else 0
                out.append(Plan("number", new, self._say_span(new, i, i + 1, before, 1), f"{t} -> {new_tok}"))
        return out

    def _tense(self, toks: Tokens) -> list[Plan]:
        """Completed <-> future: "telah" -> "akan", "akan" -> "telah", or "akan" added to the predicate."""
        g, out = self.lex.gram, []
        low = [t.lower() for t in toks]
        has_marker = False
        for i in range(len(toks)):
            prev = low[i - 1] if i else ""
            for group, target in ((self.lex.completed, g.future_marker), (self.lex.future, g.completed_marker)):
                for phrase in group:
                    n = len(phrase)
                    if tuple(toks[i:i + n]) != phrase:
                        continue
                    has_marker = True
                    nxt = low[i + n] if i + n < len(toks) else ""
                    if prev in self.lex.negations or not is_lower_word(nxt) or nxt in g.tense_blockers_after:
                        break
                    if not (self.lex.is_verb(nxt) or nxt in self.lex.event_map or self._is_pred_word(nxt)):
                        break
                    new = self._replace(toks, i, i + n, [target])
                    out.append(Plan("tense", new, self._say_span(new, i, i + 1), f"{' '.join(phrase)} -> {target}"))
                    break
        if not has_marker and not out:
            v = self._predicate(toks)
            if (v is not None and (self.lex.is_verb(toks[v]) or toks[v] in self.lex.pre_verbal)
                    and toks[v] not in g.progressive and not toks[v].startswith("ter")
                    and not any(w in low for w in g.past_time_words)):
                new = self._replace(toks, v, v, [g.future_marker])
                out.append(Plan("tense", new, self._say_span(new, v, v + 2, 0, 0), f"+{g.future_marker} before {toks[v]}"))
        return out

    def _other_person(self, avoid: set[str], toks: Tokens) -> Tokens | None:
        """Another person named in the article who is not named in this sentence."""
        present = set(toks)
        avoid = avoid | {r for t in avoid for r in self.ctx.same_name.get(t, set())}
        pool = [p for p in self.ctx.persons if not (set(p) & avoid) and not (set(p) & present)
                and not any(nickname_of(a, t) for a in avoid for t in p)]
        if not pool:
            return None
        return [self.ctx.spelling.get(t, t) for t in self.rng.choice(pool)]

    def _speaker(self, toks: Tokens) -> list[Plan]:
        """Attribute a statement to another person named in the article."""
        out = []
        inv = {v: k for k, v in self.ctx.spelling.items()}
        for a, b in speaker_spans(toks, self.lex):
            name = name_of(toks[a:b], self.lex)
            if not name:
                continue
            other = self._other_person({inv.get(t, t) for t in name} | set(name), toks)
            if not other:
                continue
            new = self._replace(toks, a, b, other)
            span = (a - 1, a + len(other)) if a and any(c.isalpha() for c in toks[a - 1]) else (a, a + len(other) + 1)
            span = (max(span[0], 0), min(span[1], len(new)))
            out.append(Plan("speaker", new, span, f"{detok(toks[a:b])} -> {detok(other)}"))
        referent = self.ctx.last_speaker.get(self.current_src)
        if referent:
            for i, t in enumerate(toks):
                low = t.lower()
                prev = toks[i - 1] if i else ""
                if not (prev in QUOTE_TOKENS or prev in (",", "?", "!")):
                    continue
                if low.endswith("nya") and low[:-3] in self.lex.speech_after:
                    verb, end = t[:-3], i + 1
                elif low in self.lex.speech_after and i + 1 < len(toks) and toks[i + 1] in self.lex.gram.pronoun_speakers:
                    verb, end = t, i + 2
                else:
                    continue
                other = self._other_person(set(referent), toks)
                if other:
                    new = self._replace(toks, i, end, [verb] + other)
                    out.append(Plan("speaker", new, (i, i + 1 + len(other)),
                                    f"{detok(toks[i:end])} ({detok(list(referent))}) -> {verb} {detok(other)}"))
        return out

    def _shape(self, run: Tokens | tuple[str, ...]) -> str:
        """Rough sort of a name: an acronym, an organisation or place, a single word, or several words."""
        if len(run) == 1 and sum(c.isupper() for c in run[0]) >= 2:
            return "acronym"
        if any(t in self.lex.org_words or (t.isupper() and len(t) > 1) or (t,) in self.lex.place_index for t in run):
            return "org"
        return "single" if len(run) == 1 else "multi"

    def _other_entity(self, run: Tokens, toks: Tokens) -> Tokens | None:
        """Another acting entity of the article of the same sort (organisation, person, name)."""
        shape = self._shape(run)
        person_toks = self.ctx.person_tokens()
        if shape not in ("org", "acronym") and set(run) & person_toks:
            return self._other_person(set(run) | self._relatives(run), toks)
        present = set(toks)
        avoid = set(run) | self._relatives(run)
        cands = set(self.ctx.actors)
        if shape == "single":
            surnames = {(p[-1],) for p in self.ctx.persons}
            cands = surnames if any(not (set(c) & avoid) and c[0] not in present for c in surnames) else cands | surnames
        pool = sorted(list(e) for e in cands
                      if not (set(e) & avoid) and not (set(e) & present) and self._shape(e) == shape
                      and not any(t in self.lex.titles for t in e)
                      and not (shape == "multi" and set(e) & person_toks))
        if not pool:
            return None
        return [self.ctx.spelling.get(t, t) for t in self.rng.choice(pool)]

    def _relatives(self, run: Tokens) -> set[str]:
        """Tokens that appear in one name together with a token of run ("Avril" ~ "Lavigne")."""
        out: set[str] = set()
        for t in run:
            out |= self.ctx.same_name.get(t, set())
        return out

    def _known_entity(self, run: Tokens) -> bool:
        """Is a sentence-initial run a name (seen mid-sentence, or a person)?"""
        if len(run) == 1 and is_common_word(run[0], self.lex):
            return False
        if tuple(run) in self.ctx.entities:
            return True
        return bool(set(run) & self.ctx.person_tokens()) and all(t not in self.lex.titles for t in run[:1])

    def _subject_starts(self, toks: Tokens) -> list[int]:
        """Where a clause subject may start: the sentence start, or after a fronted phrase."""
        s = first_word(toks)
        while s + 1 < len(toks) and toks[s].lower() in self.lex.bare_connectives and is_name_token(toks[s + 1]):
            s += 1
        starts = [s]
        if toks[s].lower() in self.lex.movable_openers | self.lex.known_openers and "," in toks[s:s + 12]:
            c = toks.index(",", s) + 1
            if c < len(toks) and not has_quote(toks[:c]):
                starts.append(c)
        return starts

    def _actor(self, toks: Tokens) -> list[Plan]:
        """Swap actor and target around a verb, or replace the actor by another entity."""
        out = []
        for s in self._subject_starts(toks):
            out.extend(self._actor_at(toks, s))
        out.extend(self._passive_agent(toks))
        return out

    def _actor_at(self, toks: Tokens, s: int) -> list[Plan]:
        """Swap or replace the subject that starts at s."""
        out = []
        n1 = cap_run(toks, s, 4)
        if n1 and self._known_entity(toks[s:s + n1]) and cap_run(toks, s, 5) == n1:
            k = s + n1
            while k < len(toks) and toks[k] in self.lex.actor_adverbs:
                k += 1
            if k < len(toks) and self.lex.is_verb(toks[k]) and toks[k] not in self.lex.skip_verbs and toks[k] not in self.lex.speech_subject:
                verb = toks[k]
                n2 = cap_run(toks, k + 1, 4)
                after = toks[k + 1 + n2] if k + 1 + n2 < len(toks) else "."
                e1, e2 = toks[s:s + n1], toks[k + 1:k + 1 + n2]
                if (verb.startswith("me") and n2 and not is_cap(after) and e1 != e2
                        and tuple(e2) not in self.lex.place_index and e2[0] not in self.lex.weekdays
                        and e2[0] not in self.lex.months and not (set(e1) & set(e2))):
                    new = toks[:s] + e2 + toks[s + n1:k + 1] + e1 + toks[k + 1 + n2:]
                    out.append(Plan("actor", new, (s, k + 1 + n2 - n1 + n1), f"{detok(e1)} {verb} {detok(e2)} -> {detok(e2)} {verb} {detok(e1)}"))
                other = self._other_entity(e1, toks)
                if other:
                    new = toks[:s] + other + toks[s + n1:]
                    out.append(Plan("actor", new, self._say_span(new, s, s + len(other), 0, 1), f"{detok(e1)} -> {detok(other)}"))
        return out

    def _passive_agent(self, toks: Tokens) -> list[Plan]:
        """'dipanggil oleh A' -> 'dipanggil oleh B'."""
        out = []
        for i, t in enumerate(toks[:-1]):
            if (t == self.lex.gram.agent_marker and i and toks[i - 1].startswith(self.lex.gram.passive_prefix)
                    and toks[i - 1] not in self.lex.speech_passive):
                n = cap_run(toks, i + 1, 4)
                if n and cap_run(toks, i + 1, 5) == n:
                    run = toks[i + 1:i + 1 + n]
                    if tuple(run) in self.lex.place_index:
                        continue
                    other = self._other_entity(run, toks)
                    if other:
                        new = self._replace(toks, i + 1, i + 1 + n, other)
                        out.append(Plan("actor", new, (i, i + 1 + len(other)), f"oleh {detok(run)} -> oleh {detok(other)}"))
        return out

    def _event(self, toks: Tokens) -> list[Plan]:
        """Change the act to another act ("menyetujui" -> "menolak")."""
        out = []
        for i, t in enumerate(toks):
            if t in self.lex.event_map and i + 1 < len(toks) and toks[i + 1] != "-":
                new_words = self.lex.event_map[t].split()
                new = self._replace(toks, i, i + 1, new_words)
                out.append(Plan("event", new, self._say_span(new, i, i + len(new_words)), f"{t} -> {' '.join(new_words)}"))
        return out

    def _date(self, toks: Tokens) -> list[Plan]:
        """Change a weekday, a day of the month, or a relative day ("kemarin" -> "pekan lalu")."""
        out = []
        lex = self.lex
        s = first_word(toks)
        for i, t in enumerate(toks):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if t in lex.weekdays and (i != s or nxt in ("(", ",")):
                other = self.rng.choice([w for w in lex.weekdays if w != t])
                new = self._replace(toks, i, i + 1, [other])
                end = i + 1
                if nxt == "(" and ")" in toks[i + 1:i + 9]:
                    end = toks.index(")", i + 1) + 1
                out.append(Plan("date", new, (i, end if end > i + 1 else self._say_span(new, i, i + 1)[1]), f"{t} -> {other}"))
            if t == "(" and i + 4 < len(toks) and toks[i + 1].isdigit() and toks[i + 2] == "/" and toks[i + 3].isdigit():
                day, month = int(toks[i + 1]), int(toks[i + 3])
                close = toks.index(")", i) if ")" in toks[i:i + 8] else None
                if 1 <= day <= 31 and 1 <= month <= 12 and close:
                    nd = self._other_day(day)
                    new = self._replace(toks, i + 1, i + 2, [str(nd)])
                    out.append(Plan("date", new, (i, close + 1), f"{detok(toks[i:close + 1])} -> {detok(new[i:close + 1])}"))
            if t.isdigit() and nxt in lex.months and 1 <= int(t) <= 31:
                nd = self._other_day(int(t))
                new = self._replace(toks, i, i + 1, [str(nd)])
                out.append(Plan("date", new, (i, i + 2), f"{t} {nxt} -> {nd} {nxt}"))
        low = [t.lower() for t in toks]
        for i in range(len(toks)):
            for key, repl in lex.relative_dates.items():
                n = len(key)
                if tuple(toks[i:i + n]) != key:
                    continue
                if key[0] in lex.day_parts and not (i and toks[i - 1] in lex.weekdays):
                    continue
                if i and low[i - 1] in self.lex.gram.relative_blockers:
                    continue
                new = self._replace(toks, i, i + n, list(repl))
                a = i - 1 if i and toks[i - 1] in lex.weekdays else i
                out.append(Plan("date", new, (a, i + len(repl)), f"{' '.join(key)} -> {' '.join(repl)}"))
                break
        return out

    def _other_day(self, day: int) -> int:
        """A different, valid day of the month."""
        cands = [d for d in (day - 3, day - 2, day - 1, day + 1, day + 2, day + 3) if 1 <= d <= 28]
        return self.rng.choice(cands)

    def _place(self, toks: Tokens) -> list[Plan]:
        """Replace a place by another of its group that the article does not mention."""
        out = []
        lex = self.lex
        s = first_word(toks)
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(lex.place_maxlen, len(toks) - i), 0, -1):
                if tuple(toks[i:i + n]) in lex.place_index:
                    hit = n
                    break
            if not hit:
                i += 1
                continue
            prev = toks[i - 1] if i else ""
            nxt = toks[i + hit] if i + hit < len(toks) else ""
            ok = ((i == s or not is_cap(prev) or prev in QUOTE_TOKENS) and not is_cap(nxt)
                  and prev.lower() not in lex.place_blocked_before and nxt not in ("-", "–"))
            if ok:
                group = lex.place_index[tuple(toks[i:i + hit])]
                pool = [p for p in lex.place_groups[group] if " ".join(p) not in self.ctx.text and p != toks[i:i + hit]]
                if pool:
                    other = self.rng.choice(pool)
                    new = self._replace(toks, i, i + hit, other)
                    before = 1 if prev in self.lex.gram.place_prepositions else 0
                    out.append(Plan("place", new, self._say_span(new, i, i + len(other), before, 0),
                                    f"{' '.join(toks[i:i + hit])} -> {' '.join(other)}"))
            i += hit
        return out


# --------------------------------------------------------------------------- one rewrite

@dataclass
class Rewrite:
    """A rewrite page with its gold records."""
    name: str
    text: str
    distortions: list[dict]
    variants: list[dict]
    unchanged: int
    compared: int
    dropped: int


def place_fillers(paras: list[list[Unit]], lex: Lexicon, rng: random.Random, debris_title: str) -> list[list[Unit]]:
    """Add the spinner's own filler sentences and one debris line."""
    n_fill = rng.randint(int(lex.rates["filler_min"]), int(lex.rates["filler_max"]))
    slots = list(range(max(1, len(paras) - 1)))  # not after the last paragraph
    for f, p in zip(rng.sample(lex.fillers, n_fill), rng.sample(slots, min(n_fill, len(slots)))):
        if paras:
            paras[p].append(Unit(f.split(), (), literal=f))
    debris = rng.choice(lex.debris).replace("{title}", debris_title)
    at = max(1, len(paras) // 2)
    paras.insert(min(at, len(paras)), [Unit([], (), literal=debris)])
    return paras


def plan_ok(plan: Plan, source_sentence: str, before: str) -> bool:
    """A plan is usable if its changed words show in the new sentence and not in the source one."""
    sentence = detok(plan.tokens)
    says = detok(plan.tokens[plan.span[0]:plan.span[1]])
    return bool(says) and says in sentence and says not in source_sentence and sentence != before


def plant(paras: list[list[Unit]], planter: Planter, rng: random.Random, counts: Counter,
          source_sents: list[str]) -> list[tuple[Unit, Plan, int, str]]:
    """Plant 2-4 distortions, each in a different sentence, least-used kinds first.

    A kind is used twice in one rewrite only when it lags far behind the others overall,
    so that rare kinds (speaker, actor) still reach a fair count.
    """
    units = [u for p in paras for u in p if u.literal is None and len(u.src) == 1 and len(words_of(detok(u.tokens))) >= 4
             and source_sents[u.src[0]] not in planter.lex.boilerplate]
    target = rng.randint(2, 4)
    used_src: set[int] = set()
    used_kinds: Counter = Counter()
    done: list[tuple[Unit, Plan, int, str]] = []
    unavailable: set[str] = set()
    while len(done) < target:
        order = [k for k in KINDS if k not in unavailable]
        if not order:
            break
        rng.shuffle(order)
        order.sort(key=lambda k: counts[k] + REPEAT_PENALTY * used_kinds[k])
        kind = order[0]
        options = []
        for u in units:
            if u.src[0] not in used_src:
                planter.current_src = u.src[0]
                before = detok(u.tokens)
                options.extend((u, p) for p in planter.plans(kind, u.tokens)
                               if plan_ok(p, source_sents[u.src[0]], before))
        if not options:
            unavailable.add(kind)
            continue
        u, plan = rng.choice(options)
        before = detok(u.tokens)
        u.tokens = plan.tokens
        used_src.add(u.src[0])
        done.append((u, plan, u.src[0], before))
        counts[kind] += 1
        used_kinds[kind] += 1
    return done


def make_rewrite(art: Article, lex: Lexicon, seed: int, counts: Counter, debris_title: str, name: str,
                 source_text: str) -> Rewrite:
    """Spin one article, plant distortions, and check every gold string against the pages."""
    rng = random.Random(f"{seed}:spin:{art.id}")
    ctx = build_context(art, lex, rng)
    spinner = Spinner(lex, rng, ctx)
    paras = spinner.spin_article()
    title = spinner.spin_title(source_title(art, lex.title_upper))
    paras = place_fillers(paras, lex, rng, debris_title)
    source_sents = [detok(t) for t in art.sentences()]
    planted = plant(paras, Planter(lex, rng, ctx), rng, counts, source_sents)
    text = page_text(title, [" ".join(u.text() for u in p if u.text()) for p in paras])
    distortions, dropped = gold_distortions(planted, art, name, source_sents, source_text, text)
    for kind in dropped:
        counts[kind] -= 1
    unchanged, compared = count_unchanged(paras, source_sents)
    return Rewrite(name, text, distortions, gold_variants(spinner.variants, name, text),
                   unchanged, compared, len(dropped))


def gold_distortions(planted: list[tuple[Unit, Plan, int, str]], art: Article, name: str,
                     source_sents: list[str], source_text: str, text: str) -> tuple[list[dict], list[str]]:
    """Gold records of the planted distortions whose strings really are on the pages (others dropped)."""
    out, dropped = [], []
    for unit, plan, src, before in planted:
        sentence = detok(unit.tokens)
        says = detok(unit.tokens[plan.span[0]:plan.span[1]])
        source_says = source_sents[src]
        if (says and says in sentence and sentence in text and source_says in source_text
                and says not in source_says and sentence != before):
            out.append({"source": f"{art.id}.txt", "rewrite": name, "kind": plan.kind,
                        "source_says": source_says, "rewrite_says": says,
                        "rewrite_sentence": sentence, "detail": plan.detail})
        else:
            dropped.append(plan.kind)
    return out, dropped


def gold_variants(variants: list[Variant], name: str, text: str) -> list[dict]:
    """Gold records of harmless variants that show on the rewrite page (once each)."""
    out, seen = [], set()
    for v in variants:
        if v.says and v.says in text and (v.kind, v.says) not in seen:
            seen.add((v.kind, v.says))
            out.append({"rewrite": name, "kind": v.kind, "rewrite_says": v.says, "detail": v.detail})
    return out


def count_unchanged(paras: list[list[Unit]], source_sents: list[str]) -> tuple[int, int]:
    """(source sentences whose rewrite has the very same words, source sentences compared)."""
    by_src: dict[int, list[Unit]] = defaultdict(list)
    for p in paras:
        for u in p:
            for k in u.src:
                by_src[k].append(u)
    unchanged = compared = 0
    for k, sentence in enumerate(source_sents):
        src_words = words_of(sentence)
        if len(src_words) < 3:
            continue
        compared += 1
        units = by_src.get(k, [])
        if units and all(len(u.src) == 1 for u in units) and words_of(" ".join(u.text() for u in units)) == src_words:
            unchanged += 1
    return unchanged, compared


def make_copy(art: Article, lex: Lexicon, seed: int, debris_title: str) -> str:
    """A near-exact republication: new title, same body, maybe one debris line."""
    rng = random.Random(f"{seed}:copy:{art.id}")
    ctx = build_context(art, lex, rng)
    title = Spinner(lex, rng, ctx).spin_title(source_title(art, lex.title_upper))
    paras = paragraph_texts(art.paras)
    if rng.random() < 0.7 and paras:
        paras.insert(rng.randint(1, len(paras)), rng.choice(lex.debris).replace("{title}", debris_title))
    return page_text(title, paras)


# --------------------------------------------------------------------------- selection & output

def later_name(art: Article, suffix: str, rng: random.Random, taken: set[str]) -> str:
    """File name '<ts+3600k>-<slug>-<suffix>.txt' for a page published after the source."""
    for _ in range(50):
        name = f"{art.ts + 3600 * rng.randint(1, 24)}-{art.slug}-{suffix}.txt"
        if name not in taken:
            taken.add(name)
            return name
    raise RuntimeError(f"no free file name for {art.id}")


def pick_unrelated(pool: list[Article], anchors: list[Article], k: int, rng: random.Random) -> list[Article]:
    """Other real articles, preferring the same outlet within three days of an anchor."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for a in pool:
        by_outlet[a.outlet].append(a)
    chosen: list[Article] = []
    taken: set[str] = set()
    for _ in range(k * 4):
        if len(chosen) >= k or not anchors:
            break
        anchor = rng.choice(anchors)
        near = [a for a in by_outlet[anchor.outlet] if a.id not in taken and abs(a.ts - anchor.ts) <= 3 * 86400]
        if near:
            pick = rng.choice(near)
            chosen.append(pick)
            taken.add(pick.id)
    rest = [a for a in pool if a.id not in taken]
    rng.shuffle(rest)
    chosen.extend(rest[: max(0, k - len(chosen))])
    return chosen


def trigram_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the word 3-gram sets of two texts."""
    wa, wb = words_of(a), words_of(b)
    ga = {tuple(wa[i:i + 3]) for i in range(len(wa) - 2)}
    gb = {tuple(wb[i:i + 3]) for i in range(len(wb) - 2)}
    return len(ga & gb) / len(ga | gb) if ga | gb else 1.0


def select_articles(articles: list[Article], n: int, copies: int, unrelated: int,
                    rng: random.Random) -> tuple[list[Article], list[Article], list[Article]]:
    """Seeded choice of sources to rewrite, sources to republish, and unrelated articles."""
    order = list(articles)
    rng.shuffle(order)
    eligible = [a for a in order if a.n_real_sentences() >= MIN_SENTENCES]
    spun_src = eligible[:n]
    copy_src = eligible[n:n + copies]
    used = {a.id for a in spun_src + copy_src}
    pool = [a for a in order if a.id not in used]
    return spun_src, copy_src, pick_unrelated(pool, spun_src + copy_src, unrelated, rng)


def verify_gold(gold: dict, pages: Path) -> int:
    """Re-read the written pages; drop every gold string that is not on its page. Returns drops."""
    cache: dict[str, str] = {}

    def page(name: str) -> str:
        if name not in cache:
            cache[name] = (pages / name).read_text(encoding="utf-8")
        return cache[name]

    keep = [d for d in gold["distortions"]
            if d["source_says"] in page(d["source"]) and d["rewrite_says"] in d["rewrite_sentence"]
            and d["rewrite_sentence"] in page(d["rewrite"])]
    keep_v = [v for v in gold["variants"] if v["rewrite_says"] in page(v["rewrite"])]
    dropped = len(gold["distortions"]) - len(keep) + len(gold["variants"]) - len(keep_v)
    gold["distortions"], gold["variants"] = keep, keep_v
    return dropped


def run(out_dir: Path, n: int, seed: int, copies: int, unrelated: int, lists: Path, data: Path,
        files: tuple[str, ...], quiet: bool = False) -> dict:
    """Generate everything; returns the gold dict (also written to OUT_DIR/gold.json)."""
    lex = load_lexicon(lists)
    articles = load_articles(data, files)
    lex.learn_corpus(articles)
    rng = random.Random(seed)
    spun_src, copy_src, extra = select_articles(articles, n, copies, unrelated, rng)

    pages = out_dir / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for old in pages.glob("*.txt"):
        old.unlink()
    taken = {f"{a.id}.txt" for a in articles}
    titles = [source_title(a, lex.title_upper) for a in articles]
    gold: dict = {"seed": seed, "pairs": [], "unrelated": [], "distortions": [], "variants": []}
    counts: Counter = Counter()
    stats: dict = {"jaccard": [], "copy_jaccard": [], "unchanged": 0, "compared": 0, "dropped": 0}

    def write_source(art: Article) -> str:
        text = page_text(source_title(art, lex.title_upper), paragraph_texts(art.paras))
        (pages / f"{art.id}.txt").write_text(text, encoding="utf-8")
        return text

    for art in spun_src:
        src_text = write_source(art)
        name = later_name(art, "spun", rng, taken)
        rw = make_rewrite(art, lex, seed, counts, rng.choice(titles), name, src_text)
        (pages / name).write_text(rw.text, encoding="utf-8")
        gold["pairs"].append({"source": f"{art.id}.txt", "rewrite": name, "relation": "rewrite"})
        gold["distortions"].extend(rw.distortions)
        gold["variants"].extend(rw.variants)
        stats["jaccard"].append(trigram_jaccard(body_of(src_text), body_of(rw.text)))
        stats["unchanged"] += rw.unchanged
        stats["compared"] += rw.compared
        stats["dropped"] += rw.dropped
    for art in copy_src:
        src_text = write_source(art)
        name = later_name(art, "copy", rng, taken)
        text = make_copy(art, lex, seed, rng.choice(titles))
        (pages / name).write_text(text, encoding="utf-8")
        gold["pairs"].append({"source": f"{art.id}.txt", "rewrite": name, "relation": "copy"})
        stats["copy_jaccard"].append(trigram_jaccard(body_of(src_text), body_of(text)))
    for art in extra:
        write_source(art)
        gold["unrelated"].append(f"{art.id}.txt")
    stats["dropped"] += verify_gold(gold, pages)
    (out_dir / "gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    if not quiet:
        print_summary(gold, stats, out_dir)
    return gold


def body_of(page: str) -> str:
    """A page without its title line."""
    return page.split("\n\n", 1)[1] if "\n\n" in page else ""


def print_summary(gold: dict, stats: dict, out_dir: Path) -> None:
    """Counts per kind, examples, overlap statistics."""
    kinds = Counter(d["kind"] for d in gold["distortions"])
    rels = Counter(p["relation"] for p in gold["pairs"])
    print(f"wrote {out_dir}/pages ({rels['rewrite']} rewrites, {rels['copy']} copies, "
          f"{len(gold['unrelated'])} unrelated) and {out_dir}/gold.json")
    print(f"distortions: {len(gold['distortions'])}  " + "  ".join(f"{k}={kinds[k]}" for k in KINDS))
    vk = Counter(v["kind"] for v in gold["variants"])
    print(f"variants: {len(gold['variants'])}  " + "  ".join(f"{k}={v}" for k, v in sorted(vk.items())))
    per = Counter(d["rewrite"] for d in gold["distortions"])
    spread = Counter(per.get(p["rewrite"], 0) for p in gold["pairs"] if p["relation"] == "rewrite")
    print("distortions per rewrite: " + "  ".join(f"{k}:{v}" for k, v in sorted(spread.items())))
    j = sorted(stats["jaccard"])
    if j:
        q = statistics.quantiles(j, n=4) if len(j) > 1 else [j[0]] * 3
        print(f"word 3-gram Jaccard source vs rewrite body: median {statistics.median(j):.3f} "
              f"(q1 {q[0]:.3f}, q3 {q[2]:.3f}, min {j[0]:.3f}, max {j[-1]:.3f})")
    if stats["copy_jaccard"]:
        print(f"word 3-gram Jaccard source vs copy body: median {statistics.median(stats['copy_jaccard']):.3f}")
    print(f"planted cases dropped by the substring check: {stats['dropped']}")
    if stats["compared"]:
        print(f"source sentences unchanged word-for-word: {stats['unchanged']}/{stats['compared']} "
              f"= {100 * stats['unchanged'] / stats['compared']:.1f}%")
    rng = random.Random(0)
    examples = rng.sample(gold["distortions"], min(5, len(gold["distortions"])))
    for d in examples:
        print(f"\n[{d['kind']}] {d['detail']}\n  source : {d['source_says']}\n  rewrite: {d['rewrite_sentence']}"
              f"\n  says   : {d['rewrite_says']}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output directory (pages/ and gold.json)")
    ap.add_argument("--n", type=int, default=150, help="source articles to rewrite")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--copies", type=int, default=20, help="near-exact republications")
    ap.add_argument("--unrelated", type=int, default=40, help="other real articles, unchanged")
    ap.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="word lists (spin.toml)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="IndoSum directory")
    ap.add_argument("--quiet", action="store_true", help="no summary")
    a = ap.parse_args(argv)
    run(a.out, a.n, a.seed, a.copies, a.unrelated, a.lists, a.data, DEFAULT_FILES, a.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
