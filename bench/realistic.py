"""A deterministic realistic corpus of N news articles, built at run time from the real IndoSum articles.

Usage: python bench/realistic.py OUT_DIR --n 1000 [--seed S]

Input. The ~2,800 distinct IndoSum articles in ``../shared/data/summarization/indosum/
dev.0{2..5}.jsonl`` (Indonesian news from ten outlets, 2016-08 to 2018-02) are read in
place; nothing of their text is stored in the repository. The page text comes from
``../shared/tools/indosum_pages.py`` (imported, not re-implemented): its ``detok`` undoes
the tokenisation, its ``title_of`` rebuilds the title from the URL slug, and pages are
laid out as it lays them out (title, blank line, paragraphs, every 7th page on average
hard-wrapped at 100 columns). Around that page each article gets its outlet's furniture:
the outlet's name as the first line and one promo line naming its domain as the last,
so that an outlet's articles share a template line, as on real sites.

Stories. The corpus is a sequence of stories whose sizes follow a truncated power law
(``STORY_ALPHA``, sizes 1..``STORY_MAX``) with a mean of ``STORY_MEAN`` = 4 articles
(about 250 stories per 1,000 articles, as in real news; about 55% are single articles,
the largest have tens). A story has one *seed* article; its other members are, in the
stated shares of the whole corpus (``Shares``):

- follow-ups (~50%): another article of the seed's category whose three most frequent
  names are replaced by the seed's three, with a recap paragraph ("Sebelumnya
  diberitakan, " and the seed's first two sentences, spun) as its third, published 0-4
  days later: distinct text about the same actors, which the story stage should join to
  the seed's story (it is a crude follow-up: the rest of its text is another event);
- exact copies (10%): the same body as an earlier article of the story (seed or
  follow-up) under another outlet's furniture and a later time (a syndicated copy);
- near-copies (5%): the same with a few edits (two words swapped for synonyms, the
  last sentence dropped);
- spun rewrites (10%): words swapped from a small synonym list (``SYNONYMS``, about
  half of the words it covers), sentences reordered in two paragraphs, the dateline
  replaced by the rewriting outlet's, and the distortions: one number and one name
  changed. ``truth.json`` records each changed fact.

Seeds and follow-ups together are the distinct articles (75%). Each category keeps a
seeded queue of its source articles: every source is used once, unmodified (seeds) or
with only its names and body dates changed (follow-ups), before any is used again. From
the second pass on (about N > 3,700), a distinct article is a *mutation* of a source:
each paragraph after the lead is replaced, with probability 1/2, by a paragraph of
another article of the same category; one sentence is sometimes dropped; every name
(capitalised word runs) is replaced by another name of the same length taken from
the category's pool of names; every number other than a year has its digits changed;
the body's "(d/m/yyyy)" dates are set to the new publication date, which for a seed is
drawn uniformly over the IndoSum period.

Limits. Mutated articles keep the source's sentence skeletons (function words, word
order), so at large N the same skeletons recur with different names and numbers: the
near-duplicate stage sees more shared shingles, and the sibling stage more partly
aligned pairs, than on real news (``bench_scale.py`` reports the sibling pairs that are
not planted). Names are found by a capitalisation heuristic, so some sentence-initial
words are swapped and some names (lower-case brands, acronyms) kept. All dates fall in
the 18 months of IndoSum, so article density per day grows with N (about 1,800 a day
at 1M, the order of a national news ecosystem). Every article is Indonesian.

Output. ``OUT_DIR/articles/part-NNNN/<id>.txt`` (1,000 files a folder; analyse
``OUT_DIR/articles``, where Telusur stores each as ``part-NNNN/<id>``), ids
``<unix time>-<slug>-<index>`` (Telusur reads the publication day from the leading
timestamp, as for IndoSum's own ids), and beside them ``OUT_DIR/truth.json``: the shares,
the planted stories (lists of ids) and the planted pairs (original, derived, kind, changes).
"""

from __future__ import annotations

import argparse
import bisect
import importlib.util
import json
import random
import re
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PAGES_TOOL = ROOT.parent / "shared" / "tools" / "indosum_pages.py"
DEFAULT_SEED = 20250116
FILES_PER_FOLDER = 1000
STORY_MEAN = 4.0  # articles per story: about 250 stories per 1,000 articles
STORY_MAX = 100
WRAP_EVERY = 7  # as indosum_pages.py: one page in 7 hard-wrapped at 100 columns
WIB = timezone(timedelta(hours=7))

# (display name, domain) of the ten IndoSum outlets, by their ``source`` field
INDOSUM_OUTLETS = {
    "cnn indonesia": ("CNN Indonesia", "cnnindonesia.com"),
    "kumparan": ("kumparan", "kumparan.com"),
    "dailysocial.id": ("DailySocial", "dailysocial.id"),
    "antaranews": ("Antara", "antaranews.com"),
    "merdeka": ("Merdeka.com", "merdeka.com"),
    "juara.net": ("JUARA.net", "juara.net"),
    "suara": ("Suara.com", "suara.com"),
    "goal indonesia": ("Goal Indonesia", "goal.com"),
    "rimanews": ("Rimanews", "rimanews.com"),
    "poskotanews": ("Pos Kota", "poskotanews.com"),
}
# fictional regional outlets that copy and rewrite (the ten above do too)
OTHER_OUTLETS = [
    (name, name.lower().replace(" ", "") + tld)
    for name, tld in [
        ("Kabar Nusantara", ".id"), ("Warta Pagi", ".com"), ("Suara Khatulistiwa", ".co.id"), ("Harian Selat", ".com"),
        ("Berita Kilat", ".id"), ("Lintas Andalas", ".com"), ("Sinar Borneo", ".co.id"), ("Kabar Priangan", ".com"),
        ("Suluh Celebes", ".id"), ("Warta Timur", ".com"), ("Gema Sriwijaya", ".co.id"), ("Radar Tapanuli", ".com"),
        ("Pelita Bali", ".id"), ("Fajar Maluku", ".com"), ("Obor Jateng", ".co.id"), ("Cahaya Lombok", ".id"),
        ("Bintang Jatim", ".com"), ("Kabar Mataram", ".id"), ("Tribun Pesisir", ".com"), ("Suara Toba", ".co.id"),
    ]
]
PROMOS = ("Ikuti berita terkini dari {name} di {domain}", "Baca berita lainnya di {domain}",
          "Simak terus kabar terbaru hanya di {domain}", "Dapatkan update berita pilihan setiap hari dari {domain}")
CITIES = "Jakarta Bandung Surabaya Medan Makassar Semarang Yogyakarta Denpasar Palembang Pontianak".split()

# a small Indonesian spinner's word list (both directions are applied as written)
SYNONYMS = {
    "mengatakan": "menyatakan", "menyatakan": "mengungkapkan", "mengungkapkan": "menuturkan", "menjelaskan": "memaparkan",
    "kata": "ujar", "ujar": "tutur", "namun": "tetapi", "sangat": "amat", "banyak": "sejumlah", "saat": "ketika",
    "ketika": "tatkala", "akan": "bakal", "hanya": "cuma", "sudah": "telah", "telah": "sudah", "masyarakat": "warga",
    "warga": "penduduk", "mendapatkan": "memperoleh", "memperoleh": "meraih", "meminta": "memohon", "jika": "apabila",
    "apabila": "bila", "karena": "sebab", "agar": "supaya", "supaya": "agar", "tersebut": "itu", "yakni": "yaitu",
    "yaitu": "yakni", "sejak": "semenjak", "kemudian": "lalu", "bisa": "dapat", "dapat": "mampu", "ingin": "hendak",
    "penting": "krusial", "harus": "mesti", "sekitar": "kurang lebih", "pertama": "perdana", "baru": "anyar",
    "membuat": "menjadikan", "mengalami": "menderita", "menggunakan": "memakai", "memberikan": "menyerahkan",
    "berhasil": "sukses", "mengaku": "mengklaim", "lebih": "makin", "para": "sejumlah",
    "besar": "akbar", "kecil": "mungil", "cepat": "lekas", "hingga": "sampai", "sampai": "hingga",
}
_SYN_RE = re.compile(r"\b(" + "|".join(sorted(SYNONYMS, key=len, reverse=True)) + r")\b", re.I)

# capitalised words that start sentences, not names
_STOP = set("""Namun Selain Menurut Dalam Sementara Saat Ia Dia Hal Kami Kita Pada Untuk Dengan Di Ke Dari Yang Itu Ini
Sebelumnya Selanjutnya Kemudian Setelah Sedangkan Bahkan Jika Meski Meskipun Karena Oleh Adapun Tak Tidak Hingga Sejak Para
Sebab Menurutnya Lebih Mereka Sang Baca Juga Lalu Begitu Tetapi Akan Bagi Atas Apa Bila Kalau Kini Saya Sebagai Seperti
Sebanyak Selama Sekitar Tapi Dan Atau Agar Usai Jelang Terkait Tahun Hari Pekan Bulan Saat Ketika Sehingga Walau Setiap
Semua Salah Beberapa Banyak Baik Ada Akhirnya Kendati Sebelum Sesudah Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari
Februari Maret April Mei Juni Juli Agustus September Oktober November Desember Nah Sayangnya Padahal Tentu Tetap Pun Mari
Simak Foto Video Berikut Dia Beliau Anda Kamu Kalian Pak Bu Ibu Bapak Tim Pihak Ketua Menteri Presiden Gubernur""".split())
_NAME = re.compile(r"\b[A-Z][\w'’.-]*[a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*[a-z][\w'’-]*)*")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")
_YEAR = re.compile(r"(?:19[5-9]\d|20[0-3]\d)")
_WEEKDAYS = "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split()  # Monday first, as datetime.weekday()
_BODY_DATE = re.compile(r"(?:\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*,?\s*)?\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)")
_DATELINE = re.compile(r"^[^.\n]{2,70}?\s[-–—]{1,2}\s")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Shares:
    """The planted shares of the corpus: exact copies, near-copies and spun rewrites; the rest is distinct articles.

    Raises ``ValueError`` when a share is negative or they leave fewer than 25% distinct articles.
    """

    copies: float = 0.10
    near_copies: float = 0.05
    rewrites: float = 0.10

    def __post_init__(self) -> None:
        if min(self.copies, self.near_copies, self.rewrites) < 0 or self.planted > 0.75:
            raise ValueError(f"shares must be non-negative and sum to at most 0.75, got {self}")

    @property
    def planted(self) -> float:
        """The share of copies, near-copies and rewrites together."""
        return self.copies + self.near_copies + self.rewrites


@dataclass(frozen=True)
class Source:
    """One IndoSum article: its id, publication time, category, outlet key, title and sentences by paragraph."""

    id: str
    ts: int
    category: str
    outlet: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]


@dataclass
class Planted:
    """One generated article: id, page text, kind, story index, the article it derives from and what was changed."""

    id: str
    text: str
    kind: str  # "seed", "follow_up", "copy", "near_copy" or "rewrite"
    story: int
    original: str | None = None
    changes: list[str] = field(default_factory=list)
    mutated: bool = False  # a distinct article made from a source already used (second pass on)


@dataclass
class Truth:
    """What was planted: counts by kind, the stories (lists of ids) and the derived pairs."""

    n: int
    seed: int
    shares: dict[str, float]
    kinds: dict[str, int]
    mutated: int
    stories: list[list[str]]
    pairs: list[dict[str, object]]
    seconds: float = 0.0


@dataclass
class _Doc:
    """An article being built: title, sentences by paragraph, outlet, time."""

    title: str
    paras: list[list[str]]
    outlet: tuple[str, str]
    ts: float
    category: str


@cache
def pages_tool() -> ModuleType:
    """Return the shared ``indosum_pages.py`` imported as a module. Raises ``FileNotFoundError`` when it is missing."""
    if not PAGES_TOOL.exists():
        raise FileNotFoundError(f"{PAGES_TOOL}: the shared IndoSum page tool is missing")
    spec = importlib.util.spec_from_file_location("indosum_pages", PAGES_TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def load_sources() -> tuple[Source, ...]:
    """Return the distinct IndoSum dev articles (dev.02..05), sorted by id.

    Raises ``FileNotFoundError`` when the data folder holds none.
    """
    tool = pages_tool()
    files = sorted(Path(tool.DATA).glob("dev.0[2-5].jsonl"))
    if not files:
        raise FileNotFoundError(f"{tool.DATA}: no dev.0[2-5].jsonl")
    seen: dict[str, Source] = {}
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in seen:
                    continue
                paras = tuple(tuple(s for s in (tool.detok(sent) for sent in para) if s) for para in rec["paragraphs"])
                paras = tuple(p for p in paras if p)
                if not paras:
                    continue
                seen[rec["id"]] = Source(rec["id"], int(rec["id"].split("-", 1)[0]), rec["category"], rec["source"],
                                         tool.title_of(rec), paras)
    return tuple(seen[k] for k in sorted(seen))


def names_in(text: str) -> Counter[str]:
    """Return the name-like runs of capitalised words in ``text`` with their counts (a heuristic, see the module doc)."""
    found: Counter[str] = Counter()
    for m in _NAME.finditer(text):
        words = m.group().split()
        while words and words[0] in _STOP:
            words.pop(0)
        while words and words[-1] in _STOP:
            words.pop()
        name = " ".join(words)
        if len(name) >= 3 and name not in _PROTECTED:
            found[name] += 1
    return found


_PROTECTED = {name for name, _ in INDOSUM_OUTLETS.values()} | {"Antara", "ANTARA", "Indonesia", "Jakarta"}


def story_size_weights(mean: float = STORY_MEAN, largest: int = STORY_MAX) -> tuple[float, list[float]]:
    """Return (alpha, cumulative weights) of the power law P(k) ~ k^-alpha on 1..largest whose mean is ``mean``.

    Raises ``ValueError`` when ``mean`` is not within (1, largest).
    """
    if not 1 < mean < largest:
        raise ValueError(f"mean story size must be in (1, {largest}), got {mean}")

    def mean_of(alpha: float) -> float:
        w = [k ** -alpha for k in range(1, largest + 1)]
        return sum(k * x for k, x in zip(range(1, largest + 1), w)) / sum(w)

    lo, hi = 0.0, 6.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if mean_of(mid) > mean else (lo, mid)
    alpha = (lo + hi) / 2
    w = [k ** -alpha for k in range(1, largest + 1)]
    cum, total = [], 0.0
    for x in w:
        total += x
        cum.append(total)
    return alpha, cum


class Generator:
    """Builds the stories of a realistic corpus one after another from a seed (see the module doc)."""

    def __init__(self, seed: int = DEFAULT_SEED, shares: Shares = Shares()) -> None:
        self.rng = random.Random(seed)
        self.shares = shares
        sources = load_sources()
        self.by_category: dict[str, list[Source]] = {}
        for src in sources:
            self.by_category.setdefault(src.category, []).append(src)
        for queue in self.by_category.values():
            self.rng.shuffle(queue)
        self.categories = sorted(self.by_category)
        self.cat_weights = [len(self.by_category[c]) for c in self.categories]
        self.used = Counter[str]()
        self.pool: dict[str, dict[int, list[str]]] = {}
        for cat, queue in self.by_category.items():
            counts: Counter[str] = Counter()
            for src in queue:
                counts.update(names_in(" ".join(s for p in src.paragraphs for s in p)))
            by_len: dict[int, list[str]] = {}
            for name in sorted(counts):
                by_len.setdefault(min(len(name.split()), 3), []).append(name)
            self.pool[cat] = by_len
        self.ts_range = (min(s.ts for s in sources), max(s.ts for s in sources))
        self.alpha, self.size_cum = story_size_weights()
        self.outlets = [INDOSUM_OUTLETS[k] for k in sorted(INDOSUM_OUTLETS)] + OTHER_OUTLETS
        members = 1 - 1 / STORY_MEAN  # share of the corpus that is not a seed
        self.p_member = [("copy", shares.copies / members), ("near_copy", shares.near_copies / members),
                         ("rewrite", shares.rewrites / members)]
        self.index = 0

    # -- stories ---------------------------------------------------------------------------------

    def stories(self) -> Iterator[list[Planted]]:
        """Yield stories forever, each a list of Planted articles (seed first)."""
        story = 0
        while True:
            size = bisect.bisect_left(self.size_cum, self.rng.random() * self.size_cum[-1]) + 1
            yield self._story(story, size)
            story += 1

    def _story(self, story: int, size: int) -> list[Planted]:
        rng = self.rng
        cat = rng.choices(self.categories, self.cat_weights)[0]
        seed_doc, mutated = self._distinct(cat, None, None)
        out = [self._emit(seed_doc, "seed", story, mutated=mutated)]
        distinct: list[tuple[Planted, _Doc]] = [(out[0], seed_doc)]
        seed_names = [n for n, _ in names_in(_body(seed_doc)).most_common(3)]
        for _ in range(size - 1):
            r, kind = rng.random(), "follow_up"
            for name, p in self.p_member:
                if r < p:
                    kind = name
                    break
                r -= p
            if kind == "follow_up":
                doc, mutated = self._distinct(cat, seed_names, seed_doc.ts)
                self._recap(doc, seed_doc)
                planted = self._emit(doc, kind, story, original=out[0].id, mutated=mutated)
                distinct.append((planted, doc))
            else:
                orig, orig_doc = rng.choice(distinct)
                doc, changes = getattr(self, "_" + kind)(orig_doc)
                planted = self._emit(doc, kind, story, original=orig.id, changes=changes)
            out.append(planted)
        return out

    def _emit(self, doc: _Doc, kind: str, story: int, original: str | None = None,
              changes: list[str] | None = None, mutated: bool = False) -> Planted:
        slug = _SLUG.sub("-", doc.title.lower()).strip("-")[:60].rstrip("-")
        art_id = f"{int(doc.ts)}-{slug}-{self.index:07d}"
        self.index += 1
        return Planted(art_id, self._page(doc), kind, story, original, changes or [], mutated)

    def _page(self, doc: _Doc) -> str:
        """The page as indosum_pages.py lays it out (title, blank, paragraphs, sometimes wrapped), inside the outlet's furniture."""
        name, domain = doc.outlet
        paras = [" ".join(p) for p in doc.paras]
        if self.rng.random() < 1 / WRAP_EVERY:
            paras = [textwrap.fill(p, 100) for p in paras]
        promo = PROMOS[sum(map(ord, domain)) % len(PROMOS)].format(name=name, domain=domain)
        return f"{name.upper()}\n\n{doc.title}\n\n" + "\n\n".join(paras) + f"\n\n{promo}\n"

    # -- distinct articles ---------------------------------------------------------------------------

    def _next_source(self, cat: str) -> tuple[Source, int]:
        queue = self.by_category[cat]
        used = self.used[cat]
        self.used[cat] += 1
        return queue[used % len(queue)], used // len(queue)

    def _distinct(self, cat: str, story_names: list[str] | None, story_ts: float | None) -> tuple[_Doc, bool]:
        """A seed (``story_names`` None) or a follow-up of a story naming ``story_names`` first published at ``story_ts``."""
        rng = self.rng
        src, generation = self._next_source(cat)
        paras = [list(p) for p in src.paragraphs]
        if story_ts is not None:
            ts = story_ts + rng.uniform(0.1, 4.0) * 86400
        elif generation == 0:
            ts = float(src.ts)
        else:
            ts = rng.uniform(*self.ts_range)
        outlet = INDOSUM_OUTLETS.get(src.outlet, OTHER_OUTLETS[0]) if generation == 0 else rng.choice(self.outlets)
        mapping: dict[str, str] = {}
        if generation > 0:
            queue = self.by_category[cat]
            for i in range(1, len(paras)):
                if rng.random() < 0.5:
                    donor = queue[rng.randrange(len(queue))]
                    paras[i] = list(donor.paragraphs[rng.randrange(len(donor.paragraphs))])
            for p in paras:
                if len(p) > 1 and rng.random() < 0.3:
                    del p[rng.randrange(len(p))]
            pool = self.pool[cat]
            for name in names_in(" ".join(s for p in paras for s in p)):
                options = pool.get(min(len(name.split()), 3)) or [name]
                mapping[name] = options[rng.randrange(len(options))]
        if story_names:
            own = [n for n, _ in names_in(" ".join(s for p in paras for s in p)).most_common(len(story_names))]
            for mine, theirs in zip(own, story_names):
                mapping[mine] = theirs
        title = src.title
        if mapping:
            rename = _renamer(mapping)
            paras = [[rename(s) for s in p] for p in paras]
            title = rename(title)
        if generation > 0:
            paras = [[_NUMBER.sub(lambda m: _new_number(m.group(), rng), s) for s in p] for p in paras]
        if ts != src.ts:
            paras = [[_set_dates(s, ts) for s in p] for p in paras]
        return _Doc(title, paras, outlet, ts, cat), generation > 0

    def _recap(self, doc: _Doc, seed: _Doc) -> None:
        """Add to a follow-up the recap paragraph real follow-ups carry: the seed's lead, spun, after "Sebelumnya diberitakan"."""
        lead = [_DATELINE.sub("", s, count=1) for s in seed.paras[0][:2]]
        lead = [_SYN_RE.sub(lambda m: _synonym(m.group()), s) for s in lead]
        first = lead[0][:1].lower() + lead[0][1:] if lead and lead[0][:2].istitle() else (lead[0] if lead else "")
        doc.paras.insert(min(2, len(doc.paras)), [f"Sebelumnya diberitakan, {first}", *lead[1:]])

    # -- planted derivatives ---------------------------------------------------------------------------

    def _other_outlet(self, doc: _Doc) -> tuple[str, str]:
        while (outlet := self.rng.choice(self.outlets)) == doc.outlet:
            pass
        return outlet

    def _copy(self, doc: _Doc) -> tuple[_Doc, list[str]]:
        """The same body and title under another outlet, hours later."""
        ts = doc.ts + self.rng.uniform(0.02, 0.5) * 86400
        return _Doc(doc.title, [list(p) for p in doc.paras], self._other_outlet(doc), ts, doc.category), []

    def _near_copy(self, doc: _Doc) -> tuple[_Doc, list[str]]:
        """A copy with a few edits: two words swapped for synonyms (when it has them), the last sentence dropped."""
        rng = self.rng
        new, _ = self._copy(doc)
        changes: list[str] = []
        spots = [(i, j) for i, p in enumerate(new.paras) for j, s in enumerate(p) if _SYN_RE.search(s)]
        for i, j in rng.sample(spots, min(2, len(spots))):
            m = _SYN_RE.search(new.paras[i][j])
            assert m is not None
            new.paras[i][j] = new.paras[i][j][: m.start()] + _synonym(m.group()) + new.paras[i][j][m.end():]
            changes.append(f"word: {m.group()}")
        if sum(len(p) for p in new.paras) > 3:
            last = new.paras[-1]
            dropped = last.pop()
            if not last:
                new.paras.pop()
            changes.append(f"dropped: {dropped[:40]}")
        return new, changes

    def _rewrite(self, doc: _Doc) -> tuple[_Doc, list[str]]:
        """A spun rewrite: synonyms, sentences reordered, dateline replaced, one number and one name changed."""
        rng = self.rng
        new, _ = self._copy(doc)
        new.ts = doc.ts + rng.uniform(0.05, 2.0) * 86400
        spin = lambda s: _SYN_RE.sub(lambda m: _synonym(m.group()) if rng.random() < 0.5 else m.group(), s)  # noqa: E731
        new.paras = [[spin(s) for s in p] for p in new.paras]
        new.title = spin(new.title)
        name, _ = new.outlet
        lead = new.paras[0][0]
        lead = _DATELINE.sub("", lead, count=1) if _DATELINE.match(lead) else lead
        new.paras[0][0] = f"{rng.choice(CITIES)}, {name} - {lead}"
        multi = [p for p in new.paras[1:] if len(p) > 1]  # the lead keeps its dateline first
        for p in rng.sample(multi, min(2, len(multi))):
            i = rng.randrange(len(p) - 1)
            p[i], p[i + 1] = p[i + 1], p[i]
        changes = []
        numbers = [(i, j, m) for i, p in enumerate(new.paras) for j, s in enumerate(p)
                   for m in _NUMBER.finditer(s) if not _YEAR.fullmatch(m.group())]
        if numbers:
            i, j, m = rng.choice(numbers)
            value = _new_number(m.group(), rng, force=True)
            s = new.paras[i][j]
            new.paras[i][j] = s[: m.start()] + value + s[m.end():]
            changes.append(f"number: {m.group()} -> {value}")
        names = list(names_in(_body(new)))
        if names:
            old = rng.choice(names)
            options = self.pool[new.category].get(min(len(old.split()), 3)) or [old]
            other = options[rng.randrange(len(options))]
            if other != old:
                rename = _renamer({old: other})
                new.paras = [[rename(s) for s in p] for p in new.paras]
                changes.append(f"name: {old} -> {other}")
        return new, changes


def _body(doc: _Doc) -> str:
    return " ".join(s for p in doc.paras for s in p)


def _renamer(mapping: dict[str, str]) -> Callable[[str], str]:
    """Return a function replacing every whole-word occurrence of a key of ``mapping`` by its value."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)) + r")\b")
    return lambda text: pattern.sub(lambda m: mapping[m.group()], text)


def _synonym(word: str) -> str:
    new = SYNONYMS[word.lower()]
    return new[:1].upper() + new[1:] if word[:1].isupper() else new


def _new_number(token: str, rng: random.Random, force: bool = False) -> str:
    """``token`` with its digits changed (not the first, so the magnitude stays); years are kept unless ``force``."""
    if _YEAR.fullmatch(token) and not force:
        return token
    digits = [i for i, c in enumerate(token) if c.isdigit()]
    chars = list(token)
    if len(digits) == 1:
        chars[digits[0]] = str(rng.choice([d for d in range(1, 10) if str(d) != token[digits[0]]]))
        return "".join(chars)
    for i in digits[1:]:
        if rng.random() < 0.7:
            chars[i] = str(rng.randrange(10))
    if "".join(chars) == token:
        i = digits[-1]
        chars[i] = str((int(chars[i]) + 1 + rng.randrange(8)) % 10)
    return "".join(chars)


def _set_dates(sentence: str, ts: float) -> str:
    day = datetime.fromtimestamp(ts, WIB)
    return _BODY_DATE.sub(f"{_WEEKDAYS[day.weekday()]} ({day.day}/{day.month}/{day.year})", sentence)


def iter_corpus(n: int, seed: int = DEFAULT_SEED, shares: Shares = Shares()) -> Iterator[Planted]:
    """Yield ``n`` articles of the realistic corpus in story order (the last story cut short at ``n``).

    Raises ``ValueError`` when ``n`` is negative.
    """
    if n < 0:
        raise ValueError(f"n must be at least 0, got {n}")
    made = 0
    for story in Generator(seed, shares).stories():
        for art in story:
            if made == n:
                return
            yield art
            made += 1


def generate(folder: Path, n: int, seed: int = DEFAULT_SEED, shares: Shares = Shares()) -> Truth:
    """Write ``n`` articles to ``folder/articles/part-NNNN/<id>.txt`` and ``folder/truth.json``; return the Truth.

    Raises ``FileExistsError`` when ``folder`` exists and is not empty, ``ValueError`` for a negative ``n``.
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder}: not empty")
    start = time.perf_counter()
    kinds: Counter[str] = Counter()
    stories: dict[int, list[str]] = {}
    pairs: list[dict[str, object]] = []
    mutated = 0
    for i, art in enumerate(iter_corpus(n, seed, shares)):
        part = articles_dir(folder) / f"part-{i // FILES_PER_FOLDER:04d}"
        if i % FILES_PER_FOLDER == 0:
            part.mkdir(parents=True, exist_ok=True)
        (part / f"{art.id}.txt").write_text(art.text, encoding="utf-8")
        kinds[art.kind] += 1
        mutated += art.mutated
        stories.setdefault(art.story, []).append(art.id)
        if art.kind in ("copy", "near_copy", "rewrite"):
            pairs.append({"original": art.original, "derived": art.id, "kind": art.kind, "changes": art.changes})
    truth = Truth(n, seed, asdict(shares), dict(sorted(kinds.items())), mutated, list(stories.values()), pairs,
                  time.perf_counter() - start)
    (folder / "truth.json").write_text(json.dumps(asdict(truth)), encoding="utf-8")
    return truth


def articles_dir(folder: Path) -> Path:
    """Return the folder holding the articles of a corpus written by ``generate`` to ``folder`` (analyse this one)."""
    return Path(folder) / "articles"


def article_id(stored_id: str) -> str:
    """Return the generator's id of an article Telusur stored as ``part-NNNN/<id>`` (its path under the folder)."""
    return stored_id.rsplit("/", 1)[-1]


def load_truth(folder: Path) -> Truth:
    """Return the Truth written beside a generated corpus. Raises ``FileNotFoundError`` when there is none."""
    return Truth(**json.loads((Path(folder) / "truth.json").read_text(encoding="utf-8")))


def main() -> None:
    """Parse arguments, write the corpus and print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    truth = generate(args.out, args.n, args.seed)
    print(f"articles: {truth.n} in {truth.seconds:.1f} s")
    print(f"kinds: {truth.kinds}")
    print(f"mutated_distinct: {truth.mutated}")
    print(f"stories: {len(truth.stories)} ({1000 * len(truth.stories) / max(truth.n, 1):.0f} per 1,000 articles)")
    print(f"planted_pairs: {len(truth.pairs)}")


if __name__ == "__main__":
    main()
