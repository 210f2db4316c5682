"""Deterministic synthetic scraped articles for the benchmarks, built from the demo corpus.

Each demo text file in ``demo/corpus/*.txt`` gives a *layout*: the outlet's debris
before the title, the byline/date/caption block, the dateline shape, the inline debris
between paragraphs and the debris after the article. The gold file
(``demo/gold/metadata.json``) says where the title and the body are, so the layouts
are cut out without running Telusur itself.

A synthetic article takes one layout, a fictional outlet derived from it, new bylines
and dates, and a body recombined from paragraphs of every demo article of the same
language, perturbed (numbers, spelling variants of names, synonyms) so that lines do
not repeat verbatim across thousands of articles. Nothing is written to disk here:
``iter_articles`` yields articles one at a time from a fixed seed.
"""

from __future__ import annotations

import html as htmlmod
import json
import random
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
DEFAULT_SEED = 20241018
# Share of articles per language (the demo has seven Indonesian layouts, one English, one Malay).
LANGUAGE_WEIGHTS = {"id": 0.8, "en": 0.1, "ms": 0.1}
OUTLETS_PER_LAYOUT = 6

# --------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------

_MONTHS = {
    "id": ("Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split(),
           "Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des".split()),
    "ms": ("Januari Februari Mac April Mei Jun Julai Ogos September Oktober November Disember".split(),
           "Jan Feb Mac Apr Mei Jun Jul Ogo Sep Okt Nov Dis".split()),
    "en": ("January February March April May June July August September October November December".split(),
           "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()),
}
_WEEKDAYS = {
    "id": "Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split(),
    "ms": "Isnin Selasa Rabu Khamis Jumaat Sabtu Ahad".split(),
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
}
_ALL_MONTHS = sorted({m for full, abbr in _MONTHS.values() for m in full + abbr}, key=len, reverse=True)
_ALL_WEEKDAYS = sorted({d for days in _WEEKDAYS.values() for d in days}, key=len, reverse=True)
_DATE_DMY = re.compile(
    rf"\b(?:(?P<wd>{'|'.join(_ALL_WEEKDAYS)})(?P<sep>,?\s+))?(?P<d>\d{{1,2}})\s+(?P<m>{'|'.join(_ALL_MONTHS)})\s+(?P<y>\d{{4}})\b"
)
_DATE_SLASH = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_TIME = re.compile(r"\b\d{2}:\d{2}\b")
_BODY_DATE = re.compile(rf"(?:\b(?P<wd>{'|'.join(_ALL_WEEKDAYS)})\s+)?\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?P<y>/\d{{4}})?\)")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"]?\s+(?=[A-Z“\"])")
_THOUSANDS = re.compile(r"\b\d{1,3}(?:([.,])\d{3})+\b")
_SIGNOFF = re.compile(r"^\(([A-Za-z]{2,4})(/[A-Za-z]{2,4})?\)$")
_COMMENTS = re.compile(r"^(\d+)( Komentar)$|^(Comments \()(\d+)(\))$")
_READ_ALSO = re.compile(r"^((?:Baca(?: juga| selengkapnya)?|BACA|Read also)\s*:\s*)(.+)$", re.I)
_LIST_HEADER = re.compile(r"^(Berita Terkini|Berita Lainnya|Artikel Terkait|Most Read|Berita Berkaitan)$", re.I)
_AD_MARKERS = ("ADVERTISEMENT", "Advertisement", "SCROLL TO CONTINUE WITH CONTENT", "Loading...")

_FIRST_NAMES = {
    "id": "Rina Dimas Anggita Yohanes Lukas Putri Novalia Rizky Galih Wulan Indah Rahmat Teguh Hendra Maria "
          "Nadia Fajar Siti Agus Dewi Bayu Ayu Reza Tika Yusuf Lestari Andi Citra Hana Eko Bambang Sari".split(),
    "ms": "Nur Aisyah Ahmad Siti Farah Hafiz Zulkifli Aminah Syafiq Nurul Izzat Haziq Liyana Amir".split(),
    "en": "Arief Sarah Daniel Maya Kevin Laura Adi Rachel Tom Nina Ben Priya Joel Clara".split(),
}
_LAST_NAMES = {
    "id": "Kusumawati Prasetyo Lestari Sitompul Wibisono Handayani Putri Ramadhan Saputra Sari Permatasari "
          "Hidayat Santoso Gunawan Ulfah Paramitha Nugroho Siregar Halim Wijaya Hasibuan Pratama Kurniawan "
          "Simanjuntak Rahayu Setiawan Utami Harahap Tanjung Nasution".split(),
    "ms": "Rahman Ismail Abdullah Hassan Yusof Ibrahim Othman Salleh Hamid Aziz".split(),
    "en": "Wicaksono Tan Lim Brooks Reyes Hartono Chandra Smith Lee Kaur Walsh Ng".split(),
}
_CITIES = {
    "id": "Seoul Jakarta Washington Moskow Brussel Kyiv Tokyo Beijing Pyongyang".split() + ["New York"],
    "ms": "Moscow Seoul Washington Putrajaya Tokyo".split() + ["Kuala Lumpur"],
    "en": "Seoul Jakarta Washington Moscow Brussels Kyiv Tokyo".split() + ["New York"],
}
_OUTLET_WORDS = {
    "id": ("Warta Kabar Suara Harian Berita Pelita Lentera Gema Sinar Jurnal Detak Suluh Obor Radar Bentara".split(),
           "Pagi Nusantara Khatulistiwa Selat Timur Rakyat Bangsa Kota Borneo Andalas Celebes Jaya Kini Malam "
           "Raya Priangan Mataram Sriwijaya Bahari".split()),
    "ms": ("Berita Utusan Warta Suara Harian".split(), "Semenanjung Timur Rakyat Nusantara Borneo Selatan Utara".split()),
    "en": ("Jakarta Borneo Sumatra Java Bali Straits Archipelago Malacca".split(),
           "Ledger Post Herald Tribune Chronicle Observer Gazette Times".split()),
}
# Interchangeable words (any member may replace any other); applied inside report paragraphs.
_SYNONYMS = {
    "id": [["mengatakan", "menyatakan", "menyebut", "mengungkapkan"], ["tentara", "prajurit", "serdadu"],
           ["sekitar", "kira-kira", "sekira"], ["Korea Utara", "Korut"], ["Korea Selatan", "Korsel"],
           ["telah", "sudah"], ["kata", "ujar", "ucap", "tutur"], ["wilayah", "kawasan"], ["pekan", "minggu"],
           ["menegaskan", "menekankan"], ["segera", "secepatnya"], ["para pejabat", "sejumlah pejabat"],
           ["memperkirakan", "menaksir"], ["Moskow", "Moskwa"], ["mengirim", "mengerahkan"], ["serius", "genting"]],
    "ms": [["askar", "tentera"], ["berkata", "menyatakan"], ["kira-kira", "sekitar"], ["sangat", "amat"],
           ["segera", "secepat mungkin"], ["kerana", "disebabkan"], ["telah", "sudah"], ["bertemu", "berjumpa"],
           ["sehingga", "hingga"], ["ketika", "semasa", "sewaktu"], ["rundingan", "perbincangan"], ["menuduh", "mendakwa"],
           ["menghantar", "mengerahkan"], ["berhampiran", "dekat"], ["manakala", "sementara"], ["semakin", "kian"],
           ["turut", "juga"], ["bimbang", "khuatir"], ["menggesa", "mendesak"], ["penting", "utama"],
           ["sebelum ini", "sebelumnya"], ["mengunjungi", "melawat"], ["menandatangani", "memeterai"],
           ["sentiasa", "selalu"], ["teguh", "kukuh"], ["rakan sejawatnya", "rakan sejawat beliau"],
           ["menurut laporan", "menurut"], ["mengesahkan", "membenarkan"], ["membekalkan", "menghantar"]],
    "en": [["said", "stated"], ["troops", "soldiers"], ["about", "around", "roughly"], ["quickly", "rapidly"],
           ["warning", "caution"], ["urged", "pressed", "called on"], ["dismissed", "rejected"], ["launched", "fired"],
           ["clashed", "sparred"], ["backers", "allies"], ["arguing", "saying"], ["reckless", "dangerous"],
           ["accusations", "allegations", "claims"], ["spy agency", "intelligence service"], ["believed", "thought"],
           ["hostile moves", "hostile actions"], ["rivals", "adversaries"], ["expected", "anticipated"],
           ["coming days", "days ahead"], ["sharpest", "starkest"], ["told the meeting", "told the council"],
           ["confirmed", "said"], ["grown", "risen"], ["deployment", "dispatch"], ["sea", "waters"]],
}
# Spellings of the same person, and people swapped for one another.
_NAME_GROUPS = [["Zelensky", "Zelenskyy", "Zelenskiy"], ["Kim Jong Un", "Kim Jong-un"], ["Shoigu", "Shoygu"],
                ["Kim Hong-kyun", "Kim Hong Kyun"], ["Sabrina Singh", "John Kirby", "Pat Ryder"],
                ["Lloyd Austin", "Antony Blinken"], ["Sergei Lavrov", "Maria Zakharova"]]
_SECTIONS = {"id": "Asia Amerika Eropa Dunia Timur Tengah".split(), "ms": ["Dunia", "Asia"], "en": ["Asia-Pacific", "World"]}
_NAV = {
    "id": "Beranda Nasional Internasional Ekonomi Bisnis Olahraga Teknologi Hiburan Gaya Hidup Otomotif Kesehatan "
          "Pendidikan Politik Hukum Daerah Opini Foto Video Indeks Travel Kuliner Sains".split(),
    "ms": "Utama Nasional Dunia Bisnes Sukan Hiburan Gaya Teknologi Agama Pendidikan Video Foto".split(),
    "en": "Home News Indonesia World Business Opinion Sports Tech Culture Travel Video Photos Podcasts Archive".split(),
}
_LABELS = {
    "id": {"author": "Penulis", "editor": "Editor", "by": "Oleh", "share": "Bagikan", "related": "Artikel Terkait",
           "latest": "Berita Terkini", "popular": "Terpopuler", "read": "Baca juga", "comment": "Tulis komentar Anda",
           "send": "Kirim", "comments": "Komentar", "gnews": "Simak berita lainnya di Google News",
           "follow": "Ikuti saluran WhatsApp {o} untuk update berita terkini", "tags": "Tag",
           "rights": "Hak cipta dilindungi undang-undang.", "search": "Cari berita...", "tz": "WIB", "off": "+07:00"},
    "ms": {"author": "Penulis", "editor": "Editor", "by": "Oleh", "share": "Kongsi", "related": "Berita Berkaitan",
           "latest": "Terkini", "popular": "Paling Popular", "read": "BACA", "comment": "Log masuk untuk memberi komen",
           "send": "Hantar", "comments": "Komen", "gnews": "Ikuti kami di saluran Telegram untuk berita terkini",
           "follow": "Langgan surat berita {o}", "tags": "Tag", "rights": "Hak cipta terpelihara.",
           "search": "Cari...", "tz": "", "off": "+08:00"},
    "en": {"author": "By", "editor": "Editor", "by": "By", "share": "Share this article", "related": "Related",
           "latest": "Latest", "popular": "Most Read", "read": "Read also", "comment": "Sign in to comment",
           "send": "Post", "comments": "Comments", "gnews": "Follow us on Google News",
           "follow": "Subscribe to the {o} newsletter", "tags": "Topics", "rights": "All rights reserved.",
           "search": "Search...", "tz": "", "off": "+07:00"},
}
_COMMENT_TEXT = {
    "id": ["Semoga situasi segera membaik.", "Beritanya lengkap, terima kasih.", "Dunia makin tidak aman saja.",
           "Pemerintah harus waspada.", "Kapan perang ini berakhir?"],
    "ms": ["Semoga keadaan kembali aman.", "Terima kasih atas laporan ini.", "Dunia semakin tidak menentu."],
    "en": ["Worrying news.", "Thanks for the clear report.", "Where is this heading?", "Good summary."],
}


# --------------------------------------------------------------------------------------
# Layouts and pools, cut out of the demo corpus
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """One demo article's page shape: the lines around the report, with its outlet and people."""

    name: str
    language: str
    outlet_name: str
    outlet_domain: str | None
    head: tuple[str, ...]
    meta: tuple[str, ...]
    dateline: str
    dateline_city: str | None
    paragraphs: int
    inline: tuple[tuple[str, ...], ...]
    tail: tuple[str, ...]
    authors: tuple[str, ...]
    editors: tuple[str, ...]

    @property
    def people(self) -> tuple[str, ...]:
        """Every person named in the byline block (authors, then editors)."""
        return self.authors + self.editors


@dataclass(frozen=True)
class Pools:
    """Material shared by the articles of one language.

    ``titles`` are headlines on the demo's story (titles and "Baca juga" targets);
    ``headlines`` add the unrelated ones from "related articles" lists.
    """

    leads: tuple[str, ...]
    paragraphs: tuple[str, ...]
    sentences: tuple[str, ...]
    titles: tuple[str, ...]
    headlines: tuple[str, ...]
    captions: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    """A fictional outlet derived from a layout: its name, domain and the text forms to rewrite."""

    name: str
    domain: str
    forms: dict[str, str] = field(hash=False)
    pattern: re.Pattern[str] = field(hash=False, repr=False)

    def rewrite(self, text: str) -> str:
        """Return ``text`` with the layout outlet's name forms replaced by this outlet's."""
        return self.pattern.sub(lambda m: self.forms[m.group(0)], text)


def _blocks(lines: list[str]) -> list[list[str]]:
    """Split lines into blocks separated by blank lines."""
    out: list[list[str]] = [[]]
    for ln in lines:
        if ln.strip():
            out[-1].append(ln)
        elif out[-1]:
            out.append([])
    return [b for b in out if b]


def _has_date(text: str) -> bool:
    return bool(_DATE_DMY.search(text) or _DATE_SLASH.search(text))


def parse_layout(path: Path, gold: dict) -> tuple[Layout, list[str], list[str], list[str], list[str], list[str]]:
    """Cut one demo text file into its layout and its material.

    Takes the file and its gold entry (title, body_first, body_last, debris, people).
    Returns ``(layout, leads, paragraphs, titles, headlines, captions)``. Raises ``ValueError``
    when the gold entry does not match the file.
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    strip = [ln.strip() for ln in lines]
    try:
        ti = strip.index(gold["title"])
        bi = next(i for i, ln in enumerate(lines) if gold["body_first"] in ln)
        be = next(i for i in range(bi, len(lines)) if gold["body_last"] in lines[i])
    except (ValueError, StopIteration):
        raise ValueError(f"{path.name}: gold title/body not found") from None
    debris = set(gold["debris"])
    people = tuple(gold["authors"] + gold["editors"])
    first = lines[bi]
    dateline = first[: first.index(gold["body_first"])]
    leads, paragraphs, inline = [], [], []
    report_count = 0
    for block in _blocks(lines[bi : be + 1]):
        if all(ln.strip() in debris for ln in block):
            inline.append(tuple(block))
            continue
        text = " ".join(block)
        if not report_count:
            leads.append(text[len(dateline):])
        else:
            paragraphs.append(text)
        report_count += 1
    headlines = [gold["title"]]
    for ln in lines:
        if m := _READ_ALSO.match(ln.strip()):
            headlines.append(m.group(2).strip())
        for m in re.finditer(r"Baca juga: (.+?) [“\"]", ln):
            headlines.append(m.group(1))
    titles = list(headlines)
    in_list = False
    for ln in lines[be + 1 :]:
        if _LIST_HEADER.match(ln.strip()):
            in_list = True
        elif not ln.strip():
            in_list = False
        elif in_list:
            headlines.append(ln.strip())
    meta = lines[ti + 1 : bi]
    captions = [ln for ln in meta if len(ln.split()) >= 6 and not _has_date(ln) and not any(p in ln for p in people)]
    layout = Layout(
        name=path.stem, language=gold["language"], outlet_name=gold["outlet_name"], outlet_domain=gold["outlet_domain"],
        head=tuple(lines[:ti]), meta=tuple(meta), dateline=dateline, dateline_city=gold.get("dateline"),
        paragraphs=report_count, inline=tuple(inline), tail=tuple(lines[be + 1 :]),
        authors=tuple(gold["authors"]), editors=tuple(gold["editors"]),
    )
    return layout, leads, paragraphs, titles, headlines, captions


@cache
def load_demo(demo: Path = DEMO) -> tuple[tuple[Layout, ...], dict[str, Pools]]:
    """Return the layouts of every demo text file and the material pools per language.

    Raises ``FileNotFoundError`` when the demo corpus or its gold file is missing.
    """
    gold = json.loads((demo / "gold" / "metadata.json").read_text(encoding="utf-8"))
    layouts: list[Layout] = []
    material: dict[str, tuple[list[str], ...]] = {}
    for path in sorted((demo / "corpus").glob("*.txt")):
        layout, *parts = parse_layout(path, gold[path.stem])
        layouts.append(layout)
        pool = material.setdefault(layout.language, ([], [], [], [], []))
        for have, new in zip(pool, parts, strict=False):
            have.extend(x for x in new if x not in have)
    if not layouts:
        raise FileNotFoundError(f"no demo text files in {demo / 'corpus'}")
    pools = {}
    for lang, (leads, paragraphs, titles, headlines, captions) in material.items():
        sentences = tuple(s for p in leads + paragraphs for s in split_sentences(p))
        pools[lang] = Pools(tuple(leads), tuple(paragraphs), sentences, tuple(titles), tuple(headlines), tuple(captions))
    return tuple(layouts), pools


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences (at ``.``, ``!`` or ``?`` followed by a capital or a quote)."""
    return [s for s in _SENTENCE_BREAK.split(paragraph) if s.strip()]


# --------------------------------------------------------------------------------------
# Outlets
# --------------------------------------------------------------------------------------


def _name_forms(name: str) -> list[str]:
    """Return the ways a page writes an outlet name: "Warta Pagi", "WARTA PAGI", "WartaPagi", "wartapagi"..."""
    words = name.split()
    joined = "".join(words)
    return [name, name.upper(), joined, joined.upper(), joined.lower(), joined.capitalize()]


def make_outlet(layout: Layout, rng: random.Random, taken: set[str]) -> Outlet:
    """Return a new fictional outlet shaped like ``layout``'s (same word count and top-level domain).

    Takes the layout, the random generator and the names already used (updated in place).
    """
    firsts, seconds = _OUTLET_WORDS[layout.language]
    words = layout.outlet_name.split()
    while True:
        a, b = rng.choice(firsts), rng.choice(seconds)
        if len(words) == 1:
            name = f"{a}{b.lower()}{rng.randint(1, 99)}"
        elif len(words) == 3 and words[0] == "The":
            name = f"The {a} {b}"
        else:
            name = f"{a} {b}"
        if name not in taken and name != layout.outlet_name:
            taken.add(name)
            break
    tld = layout.outlet_domain.split(".", 1)[1] if layout.outlet_domain else "com"
    plain = [w for w in name.split() if w != "The"]
    domain = f"{''.join(plain).lower()}.{tld}"
    forms: dict[str, str] = {}
    if layout.outlet_domain:
        forms[layout.outlet_domain] = domain
    for old, new in zip(_name_forms(layout.outlet_name), _name_forms(name), strict=False):
        forms.setdefault(old, new)
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    return Outlet(name, domain, forms, pattern)


# --------------------------------------------------------------------------------------
# Perturbations
# --------------------------------------------------------------------------------------


@cache
def _swap_pattern(language: str) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    groups = _SYNONYMS[language] + _NAME_GROUPS
    lookup = {w: g for g in groups for w in g}
    words = sorted(lookup, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"), lookup


def perturb(text: str, language: str, rng: random.Random) -> str:
    """Return ``text`` with synonyms and name spellings swapped and thousands-numbers changed."""
    pattern, lookup = _swap_pattern(language)
    text = pattern.sub(lambda m: rng.choice(lookup[m.group(0)]), text)
    return _THOUSANDS.sub(lambda m: _new_number(m.group(0), m.group(1), rng), text)


def rework(paragraph: str, pools: Pools, language: str, rng: random.Random, used: set[str]) -> str:
    """Return a paragraph rewritten the way outlets rework copy, then ``perturb``-ed.

    One sentence from any paragraph of the same language is put in at a random place
    and, half of the time, one of the paragraph's own sentences is dropped, so that report
    paragraphs do
    not recur verbatim across thousands of articles (which Telusur would rightly learn
    as an outlet's template lines). ``used`` holds the sentences the article already has
    (updated in place); a sentence in it is not added again when the pool allows.
    """
    sentences = split_sentences(paragraph)
    if len(sentences) > 1 and rng.random() < 0.5:
        del sentences[rng.randrange(len(sentences))]
    extra = rng.choice(pools.sentences)
    for _ in range(4):
        if extra not in used and extra not in sentences:
            break
        extra = rng.choice(pools.sentences)
    used.update(sentences)
    used.add(extra)
    sentences.insert(rng.randint(0, len(sentences)), extra)
    return perturb(" ".join(sentences), language, rng)


def _new_number(old: str, sep: str, rng: random.Random) -> str:
    value = int(old.replace(sep, ""))
    new = max(100, round(value * rng.uniform(0.5, 2.0), -2))
    return f"{int(new):,}".replace(",", sep)


def redate(text: str, when: datetime, language: str, with_time: bool) -> str:
    """Return ``text`` with its written dates (and, when ``with_time``, hh:mm times) set to ``when``."""

    def dmy(m: re.Match[str]) -> str:
        full, abbr = _MONTHS[language]
        month = abbr[when.month - 1] if m.group("m") in abbr or len(m.group("m")) == 3 else full[when.month - 1]
        wd = f"{_WEEKDAYS[language][when.weekday()]}{m.group('sep')}" if m.group("wd") else ""
        return f"{wd}{when.day} {month} {when.year}"

    text = _DATE_DMY.sub(dmy, text)
    text = _DATE_SLASH.sub(f"{when.day}/{when.month}/{when.year}", text)
    if with_time:
        text = _TIME.sub(f"{when.hour:02d}:{when.minute:02d}", text)
    return text


def redate_body(text: str, when: datetime, language: str) -> str:
    """Return a paragraph with "Senin (21/10/2024)"-style references moved to the day before ``when``."""
    day = when - timedelta(days=1)

    def sub(m: re.Match[str]) -> str:
        wd = f"{_WEEKDAYS[language][day.weekday()]} " if m.group("wd") else ""
        year = f"/{day.year}" if m.group("y") else ""
        return f"{wd}({day.day}/{day.month}{year})"

    return _BODY_DATE.sub(sub, text)


def _person(language: str, rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES[language])} {rng.choice(_LAST_NAMES[language])}"


def _initials(old: str, rng: random.Random) -> str:
    letters = "".join(rng.choice("abcdefghijklmnoprstuwy") for _ in range(len(old)))
    return letters.upper() if old.isupper() else letters


def _slug(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].rstrip("-")


# --------------------------------------------------------------------------------------
# Articles
# --------------------------------------------------------------------------------------


@dataclass
class SynthArticle:
    """One synthetic article: its structured parts and the scraped-text lines around them."""

    id: str
    language: str
    layout: str
    outlet: Outlet
    section: str
    title: str
    authors: list[str]
    editors: list[str]
    published: datetime
    dateline: str
    paragraphs: list[str]
    inline: list[tuple[int, list[str]]]
    caption: str
    related: list[str]
    signoff: str | None
    head: list[str]
    meta: list[str]
    tail: list[str]

    @property
    def url(self) -> str:
        """The article's URL on its outlet's site."""
        return f"https://www.{self.outlet.domain}/{_slug(self.section, 20)}/{self.published:%Y/%m/%d}/{_slug(self.title)}"

    def text(self) -> str:
        """Return the article as a scraped text page: debris, title, byline block, body, debris."""
        body: list[str] = []
        inline = dict(self.inline)
        for i, para in enumerate(self.paragraphs):
            if i in inline:
                body.extend(inline[i])
            body.append(self.dateline + para if i == 0 else para)
        page = [*self.head, self.title, *self.meta, "\n\n".join(body), *self.tail]
        return "\n".join(page).strip("\n") + "\n"


class Generator:
    """Builds synthetic articles one at a time from the demo layouts and a fixed seed."""

    def __init__(self, seed: int = DEFAULT_SEED, demo: Path = DEMO, outlets_per_layout: int = OUTLETS_PER_LAYOUT) -> None:
        """Load the demo material and derive ``outlets_per_layout`` fictional outlets per layout."""
        self.rng = random.Random(seed)
        self.layouts, self.pools = load_demo(demo)
        taken: set[str] = set()
        self.outlets = {lay.name: [make_outlet(lay, self.rng, taken) for _ in range(outlets_per_layout)] for lay in self.layouts}
        by_lang: dict[str, list[Layout]] = {}
        for lay in self.layouts:
            by_lang.setdefault(lay.language, []).append(lay)
        self.by_lang = by_lang
        self.languages = [lang for lang in LANGUAGE_WEIGHTS if lang in by_lang]
        self.weights = [LANGUAGE_WEIGHTS[lang] for lang in self.languages]

    def article(self, index: int) -> SynthArticle:
        """Return the next synthetic article; ``index`` only makes its id unique."""
        rng = self.rng
        language = rng.choices(self.languages, self.weights)[0]
        layout = rng.choice(self.by_lang[language])
        pools = self.pools[language]
        outlet = rng.choice(self.outlets[layout.name])
        when = datetime(2024, 1, 1, 5) + timedelta(days=rng.randrange(366), minutes=rng.randrange(19 * 60))
        people = {p: _person(language, rng) for p in layout.people}
        title = perturb(rng.choice(pools.titles), language, rng)
        count = max(4, min(len(pools.paragraphs) + 1, layout.paragraphs + rng.randint(-2, 2)))
        lead_src = rng.choice(pools.leads)
        lead = redate_body(perturb(lead_src, language, rng), when, language)
        picked = rng.sample(pools.paragraphs, count - 1)
        used = {s for p in [lead_src, *picked] for s in split_sentences(p)}
        rest = [redate_body(rework(p, pools, language, rng, used), when, language) for p in picked]
        paragraphs = [lead, *rest]
        dateline = outlet.rewrite(layout.dateline)
        if layout.dateline_city and dateline:
            city = rng.choice(_CITIES[language])
            dateline = re.sub(re.escape(layout.dateline_city), city.upper() if dateline.isupper() or
                              layout.dateline_city.upper() in layout.dateline else city, dateline, count=1, flags=re.I)
        inline: dict[int, list[str]] = {}
        for block in layout.inline:
            if rng.random() < 0.15:
                continue
            lines = [self._vary(ln, language, outlet) for ln in block]
            inline.setdefault(rng.randint(1, len(paragraphs) - 1), []).extend(lines)
        caption = perturb(rng.choice(pools.captions), language, rng) if pools.captions else ""
        meta = self._meta(layout, people, when, caption, language)
        head = [self._vary(ln, language, outlet) for ln in layout.head if not self._drop(ln)]
        tail, related, signoff = self._tail(layout, language, outlet)
        authors = [people[p] for p in layout.authors]
        editors = [people[p] for p in layout.editors]
        doc_id = f"{_slug(outlet.name, 24)}-{when:%Y-%m-%d}-{_slug(title, 48)}-{index:06d}"
        return SynthArticle(
            id=doc_id, language=language, layout=layout.name, outlet=outlet, section=rng.choice(_SECTIONS[language]),
            title=title, authors=authors, editors=editors, published=when, dateline=dateline, paragraphs=paragraphs,
            inline=sorted(inline.items()), caption=caption, related=related, signoff=signoff, head=head, meta=meta, tail=tail,
        )

    def _drop(self, line: str) -> bool:
        """Drop an optional debris line now and then (never a blank line or a list header)."""
        return bool(line.strip()) and not _LIST_HEADER.match(line.strip()) and self.rng.random() < 0.08

    def _vary(self, line: str, language: str, outlet: Outlet) -> str:
        """Return one debris line for a new article: new outlet, new link target, new counts."""
        rng = self.rng
        line = outlet.rewrite(line)
        if m := _READ_ALSO.match(line.strip()):
            return m.group(1) + perturb(rng.choice(self.pools[language].titles), language, rng)
        if m := _SIGNOFF.match(line.strip()):
            return "(" + "/".join(_initials(p.strip("/"), rng) for p in m.groups() if p) + ")"
        if m := _COMMENTS.match(line.strip()):
            n = str(rng.choice([0, 0, 0, 1, 2, 3, 5, 12]))
            return n + m.group(2) if m.group(1) else m.group(3) + n + m.group(5)
        if line.strip() in _AD_MARKERS and rng.random() < 0.3:
            return rng.choice(_AD_MARKERS)
        return line

    def _meta(self, layout: Layout, people: dict[str, str], when: datetime, caption: str, language: str) -> list[str]:
        out = []
        for ln in layout.meta:
            if ln.strip() and len(ln.split()) >= 6 and not _has_date(ln) and not any(p in ln for p in layout.people):
                out.append(caption)
                continue
            for old, new in people.items():
                ln = ln.replace(old, new)
            out.append(redate(ln, when, language, with_time=True))
        return out

    def _tail(self, layout: Layout, language: str, outlet: Outlet) -> tuple[list[str], list[str], str | None]:
        rng = self.rng
        headlines = self.pools[language].headlines
        out: list[str] = []
        related: list[str] = []
        signoff = None
        in_list = False
        for ln in layout.tail:
            s = ln.strip()
            if _LIST_HEADER.match(s):
                in_list = True
                out.append(ln)
                picks = [perturb(h, language, rng) for h in rng.sample(headlines, min(len(headlines), rng.randint(2, 4)))]
                related.extend(picks)
                out.extend(picks)
                continue
            if not s:
                in_list = False
            elif in_list or self._drop(ln):
                continue
            ln = self._vary(ln, language, outlet)
            if _SIGNOFF.match(ln.strip()):
                signoff = ln.strip()
            out.append(ln)
        return out, related, signoff


def iter_articles(n: int, seed: int = DEFAULT_SEED, outlets_per_layout: int = OUTLETS_PER_LAYOUT) -> Iterator[SynthArticle]:
    """Yield ``n`` synthetic articles, deterministically for a given seed, without holding them.

    ``outlets_per_layout`` sets how many fictional outlets share each demo layout (fewer
    outlets means more articles per outlet).
    """
    gen = Generator(seed, outlets_per_layout=outlets_per_layout)
    for i in range(n):
        yield gen.article(i)


def code_version(root: Path = ROOT) -> str:
    """Return the checked-out commit of the project, with ``+dirty`` when src/ has changes."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


# --------------------------------------------------------------------------------------
# HTML pages
# --------------------------------------------------------------------------------------

_e = htmlmod.escape


def _links(rng: random.Random, words: list[str], lo: int, hi: int) -> list[str]:
    return rng.sample(words, min(len(words), rng.randint(lo, hi)))


def _script_blob(rng: random.Random, outlet: Outlet) -> str:
    """Return inline ad/analytics configuration of the kind news pages carry (a few KB)."""
    slots = [
        {"id": f"div-gpt-ad-{rng.randrange(10**12)}-{i}", "path": f"/{rng.randrange(10**8)}/{outlet.domain}/article/{pos}",
         "sizes": [[728, 90], [970, 250], [300, 250]] if pos.startswith("top") else [[300, 250], [300, 600]]}
        for i, pos in enumerate(["top_leaderboard", "sidebar_1", "sidebar_2", "inarticle_1", "inarticle_2", "bottom"])
    ]
    return ("window.googletag=window.googletag||{cmd:[]};var adSlots=" + json.dumps(slots)
            + ";googletag.cmd.push(function(){adSlots.forEach(function(s){googletag.defineSlot(s.path,s.sizes,s.id)"
            ".addService(googletag.pubads());});googletag.pubads().enableSingleRequest();googletag.enableServices();});"
            "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
            "var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;"
            "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})"
            f"(window,document,'script','dataLayer','GTM-{rng.randrange(16**6):06X}');")


def _style_blob(rng: random.Random) -> str:
    """Return a block of critical CSS (a couple of KB)."""
    rules = []
    for sel in ("body", ".site-header", ".topbar", ".main-nav ul", ".main-nav li", ".container", ".article-title",
                ".article-meta", ".article-body p", ".share-bar", ".sidebar", ".sidebar li", ".comments", ".site-footer",
                ".ad-slot", ".breadcrumb", ".tags a", "figure", "figcaption", ".baca-juga"):
        rules.append(f"{sel}{{margin:{rng.randint(0, 24)}px 0;padding:{rng.randint(0, 16)}px;"
                     f"font-size:{rng.choice([12, 13, 14, 15, 16, 18, 28])}px;color:#{rng.randrange(16**6):06x}}}")
    return "".join(rules)


def _head(a: SynthArticle, rng: random.Random, sep: str) -> str:
    lab = _LABELS[a.language]
    iso = a.published.strftime("%Y-%m-%dT%H:%M:%S") + lab["off"]
    desc = a.paragraphs[0][:155]
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsArticle", "mainEntityOfPage": {"@type": "WebPage", "@id": a.url}, "headline": a.title,
             "image": [f"https://www.{a.outlet.domain}/media/{a.published:%Y/%m}/{rng.randrange(10**6)}.jpg"],
             "datePublished": iso, "dateModified": iso,
             "author": [{"@type": "Person", "name": n} for n in a.authors],
             **({"editor": {"@type": "Person", "name": a.editors[0]}} if a.editors else {}),
             "publisher": {"@type": "Organization", "name": a.outlet.name,
                           "logo": {"@type": "ImageObject", "url": f"https://www.{a.outlet.domain}/assets/logo.png"}},
             "inLanguage": a.language, "articleSection": a.section},
            {"@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": f"https://www.{a.outlet.domain}/"},
                {"@type": "ListItem", "position": 2, "name": a.section, "item": f"https://www.{a.outlet.domain}/{_slug(a.section)}"}]},
        ],
    }
    return f"""<!DOCTYPE html>
<html lang="{a.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(a.title)} {sep} {_e(a.outlet.name)}</title>
<meta name="description" content="{_e(desc)}">
<meta name="author" content="{_e(', '.join(a.authors))}">
<meta name="robots" content="index, follow, max-image-preview:large">
<meta property="og:type" content="article">
<meta property="og:title" content="{_e(a.title)}">
<meta property="og:description" content="{_e(desc)}">
<meta property="og:site_name" content="{_e(a.outlet.name)}">
<meta property="og:url" content="{a.url}">
<meta property="og:image" content="https://www.{a.outlet.domain}/media/{a.published:%Y/%m}/cover.jpg">
<meta name="twitter:card" content="summary_large_image">
<meta property="article:published_time" content="{iso}">
<meta property="article:modified_time" content="{iso}">
<meta property="article:section" content="{_e(a.section)}">
<link rel="canonical" href="{a.url}">
<link rel="amphtml" href="{a.url}/amp">
<link rel="preconnect" href="https://securepubads.g.doubleclick.net">
<link rel="stylesheet" href="/assets/css/main.{rng.randrange(16**8):08x}.min.css">
<style>{_style_blob(rng)}</style>
<script type="application/ld+json">
{json.dumps(ld, ensure_ascii=False, indent=1)}
</script>
<script>{_script_blob(rng, a.outlet)}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
"""


def _body_paragraphs(a: SynthArticle, read_cls: str) -> str:
    lab = _LABELS[a.language]
    inline = dict(a.inline)
    out = []
    for i, para in enumerate(a.paragraphs):
        for ln in inline.get(i, []):
            if m := _READ_ALSO.match(ln.strip()):
                out.append(f'<p class="{read_cls}">{_e(m.group(1))}<a href="/{_slug(m.group(2))}">{_e(m.group(2))}</a></p>')
            else:
                out.append(f'<div class="ad-slot ad-inarticle">{_e(ln)}</div>')
        out.append(f"<p>{_e(a.dateline + para if i == 0 else para)}</p>")
    if a.signoff:
        out.append(f"<p>{_e(a.signoff)}</p>")
    return "\n      ".join(out) + f'\n      <p class="gnews">{_e(lab["gnews"])}</p>'


def _list(items: list[str], rng: random.Random, domain: str) -> str:
    return "".join(f'<li><a href="https://www.{domain}/{_slug(t)}-{rng.randrange(10**6)}">{_e(t)}</a></li>' for t in items)


def _comments(a: SynthArticle, rng: random.Random) -> str:
    lab = _LABELS[a.language]
    items = []
    for _ in range(rng.choice([0, 0, 1, 2, 3])):
        items.append(f'<li class="comment"><span class="who">{_e(_person(a.language, rng))}</span>'
                     f'<p>{_e(rng.choice(_COMMENT_TEXT[a.language]))}</p></li>')
    return (f'<section class="comments" id="comments"><h3>{_e(lab["comment"])}</h3>'
            f'<ul class="comment-list">{"".join(items)}</ul>'
            f'<form action="/komentar" method="post"><input type="hidden" name="article_id" value="{rng.randrange(10**6)}">'
            f'<textarea name="komentar"></textarea><button type="submit">{_e(lab["send"])}</button></form>'
            f'<p class="comment-count">{len(items)} {_e(lab["comments"])}</p></section>')


def _footer(a: SynthArticle, rng: random.Random) -> str:
    lab = _LABELS[a.language]
    links = ["Redaksi", "Pedoman Media Siber", "Kontak", "Karir", "Iklan", "Tentang Kami", "Kebijakan Privasi",
             "Syarat dan Ketentuan", "Info Iklan", "Disclaimer", "Sitemap", "RSS"]
    social = "".join(f'<a class="social {s}" href="https://{s}.com/{a.outlet.domain.split(".")[0]}">{s.capitalize()}</a>'
                     for s in ("facebook", "x", "instagram", "youtube", "tiktok"))
    return (f'<footer class="site-footer"><div class="follow">{social}</div><ul class="footer-links">'
            + "".join(f'<li><a href="/{_slug(x)}">{x}</a></li>' for x in _links(rng, links, 6, 12))
            + f"</ul><p>© {a.published.year} {_e(a.outlet.name)}. {_e(lab['rights'])}</p></footer>")


def render_html(a: SynthArticle, rng: random.Random) -> str:
    """Return ``a`` as a full news page in one of three shapes modelled on the demo HTML files.

    Shapes: a portal page (header, search, nav, breadcrumb, sidebar, comment form), a
    WordPress-style page (masthead, post meta, related widget) and a KabarNusantara-style
    page (promo bar, reporter label, ad slots). Every page has meta tags, OpenGraph,
    JSON-LD NewsArticle, inline CSS and ad/analytics scripts.
    """
    lab = _LABELS[a.language]
    related = a.related or [perturb(h, a.language, rng) for h in rng.sample(load_demo()[1][a.language].headlines, 3)]
    latest = [perturb(h, a.language, rng) for h in rng.sample(load_demo()[1][a.language].headlines, 4)]
    nav = "".join(f'<li><a href="/{_slug(x)}">{x}</a></li>' for x in _links(rng, _NAV[a.language], 10, 20))
    date_txt = f"{_WEEKDAYS[a.language][a.published.weekday()]}, {a.published.day} {_MONTHS[a.language][0][a.published.month - 1]} {a.published.year} | {a.published:%H:%M} {lab['tz']}".strip()
    img = f"https://www.{a.outlet.domain}/media/{a.published:%Y/%m/%d}/{rng.randrange(10**7)}.jpg"
    tags = "".join(f'<a href="/tag/{_slug(t)}">{_e(t)}</a> ' for t in rng.sample(["Korea Utara", "Rusia", "Ukraina", "Kursk", "NATO", "Pyongyang", "Seoul", "Kim Jong Un"], 4))
    shape = rng.randrange(3)
    if shape == 0:
        head = _head(a, rng, "-")
        people = f'<span class="byline">{lab["author"]}: {_e(", ".join(a.authors))}</span>'
        if a.editors:
            people += f' <span class="editor">{lab["editor"]}: {_e(a.editors[0])}</span>'
        body = f"""<body class="page-article">
<header class="site-header">
  <div class="topbar"><a class="logo" href="/">{_e(a.outlet.name.upper())}</a>
  <form class="search" action="/cari" method="get"><input type="text" name="q" placeholder="{lab['search']}"><button type="submit">Cari</button></form></div>
  <nav class="main-nav"><ul>{nav}</ul></nav>
</header>
<div class="ad-slot ad-leaderboard" id="div-gpt-ad-top">Advertisement</div>
<main class="container">
  <div class="breadcrumb"><a href="/">Beranda</a> / <a href="/{_slug(a.section)}">{_e(a.section)}</a></div>
  <article class="article-detail">
    <h1 class="article-title">{_e(a.title)}</h1>
    <div class="article-meta">{people} <time datetime="{a.published.isoformat()}">{_e(date_txt)}</time></div>
    <div class="share-bar"><span>{lab['share']}</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Salin tautan</a></div>
    <figure class="article-image"><img src="{img}" alt="{_e(a.title[:60])}"><figcaption>{_e(a.caption)}</figcaption></figure>
    <div class="article-body">
      {_body_paragraphs(a, "baca-juga")}
    </div>
    <div class="tags"><span>{lab['tags']}:</span> {tags}</div>
  </article>
  <aside class="sidebar">
    <h3>{_e(lab['related'])}</h3><ul>{_list(related, rng, a.outlet.domain)}</ul>
    <div class="ad-slot ad-sidebar">Advertisement</div>
    <h3>{_e(lab['latest'])}</h3><ul>{_list(latest, rng, a.outlet.domain)}</ul>
  </aside>
  {_comments(a, rng)}
</main>
{_footer(a, rng)}
</body>
</html>
"""
    elif shape == 1:
        head = _head(a, rng, "-")
        body = f"""<body class="single single-post">
<div id="masthead"><div class="logo">{_e(a.outlet.name.upper())}</div><ul class="menu">{nav}</ul></div>
<div class="wrap">
<article class="post">
  <div class="post-cat">{_e(a.section)}</div>
  <h1 class="post-title">{_e(a.title)}</h1>
  <div class="post-meta">{lab['by']}: {_e(", ".join(a.authors))}</div>
  <div class="post-date">{a.published:%d/%m/%Y %H:%M} {lab['tz']}</div>
  <div class="share">{lab['share']}</div>
  <figure class="wp-caption"><img src="{img}" alt=""><figcaption class="wp-caption-text">{_e(a.caption)}</figcaption></figure>
  <div class="entry-content">
      {_body_paragraphs(a, "baca-juga")}
  </div>
  <div class="post-footer"><p>{_e(lab['follow'].format(o=a.outlet.name))}</p></div>
</article>
<div class="widget related"><div class="widget-title">{_e(lab['related'].upper())}</div><ul>{_list(related, rng, a.outlet.domain)}</ul></div>
<div class="widget popular"><div class="widget-title">{_e(lab['popular'])}</div><ol>{_list(latest, rng, a.outlet.domain)}</ol></div>
{_comments(a, rng)}
</div>
{_footer(a, rng)}
</body>
</html>
"""
    else:
        head = _head(a, rng, "|")
        editor = f'<div class="editor">{lab["editor"]}: {_e(a.editors[0])}</div>' if a.editors else ""
        body = f"""<body>
<div class="promo-bar">Langganan {_e(a.outlet.name)} Premium, baca tanpa iklan</div>
<header><a class="brand" href="https://www.{a.outlet.domain}/">{_e(a.outlet.domain)}</a><nav><ul>{nav}</ul></nav></header>
<main>
<article>
  <div class="kanal">{_e(a.section)}</div>
  <h1>{_e(a.title)}</h1>
  <div class="meta"><div class="reporter-label">Reporter</div><div class="reporter-name">{_e(", ".join(a.authors))}</div>{editor}
  <div class="date">{_e(date_txt.replace(" |", ""))}</div></div>
  <figure><img src="{img}" alt=""><figcaption>{_e(a.caption)}</figcaption></figure>
  <div class="ad">ADVERTISEMENT</div>
  <div class="content">
      {_body_paragraphs(a, "baca-juga")}
  </div>
</article>
<aside><h4>{_e(lab['related'])}</h4><ul>{_list(related, rng, a.outlet.domain)}</ul>
<h4>{_e(lab['popular'])}</h4><ul>{_list(latest, rng, a.outlet.domain)}</ul></aside>
{_comments(a, rng)}
</main>
{_footer(a, rng)}
</body>
</html>
"""
    return head + body
