"""One entity, many names, across the corpus: article entities grouped into corpus entities.

Each article already groups its own mentions (``extract.entities``). This stage joins
the article entities of the whole corpus:

1. Organisations by their name's spelling key (``name_key``); states and places
   (GPE and LOC, which the gazetteer and the model may type differently) by theirs,
   taking the type most articles give.
2. Persons with a full name (two words or more) by the spelling key of the full name,
   so "Volodymyr Zelensky", "Volodymyr Zelenskyy" and "Volodymyr Zelenskiy" are one
   person, and so are "Kim Jong Un" and "Kim Jong-un".
3. A full name that some articles type as a place or a body joins the person when more
   articles type it as a person (the model's slip, not a different entity).
4. A person an article names by one word only ("Zelensky", "Kim") joins the one
   full-name person of the corpus whose first or last name that word is, and none when
   two or more are (several Kims stay apart), or when the article itself has a full
   name holding that word (the article left it undecided on purpose).
5. A person's or organisation's name that an article filed under a longer name of the
   same kind ("Anies Baswedan" among the spellings of "Anies Rasyid Baswedan",
   "Kementerian Keuangan" under "Kementerian Keuangan RI") joins that name across the
   corpus, when more articles point it at that name than at all others. Places are left alone: an
   article that files "Jakarta" under "DKI Jakarta" does not make every Jakarta the province.

The display name is the full form most articles use (ties: the longer, then the first
in alphabetical order), so results do not depend on input order. Ids are
``TYPE:spelling key`` of the display name.

``resolve`` streams article entities ordered by article and keeps only counts per
distinct name, so memory grows with the number of names, not of articles; which
article entity belongs to which corpus entity comes back as a map from (name, type),
plus the few article-specific exceptions of rule 4.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from telusur.extract.entities import name_key
from telusur.model import ArticleEntity, CorpusEntity, Resolution  # Resolution re-exported: its home was here

_Key = tuple[str, str]  # (family, spelling key)


@dataclass
class _Group:
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, type) -> articles
    stands: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)  # surface -> articles
    articles: int = 0
    mentions: int = 0

    def absorb(self, other: "_Group") -> None:
        self.pairs.update(other.pairs)
        self.stands.update(other.stands)
        self.aliases.update(other.aliases)
        self.articles += other.articles
        self.mentions += other.mentions


def _family(kind: str) -> str:
    return "PLACE" if kind in ("GPE", "LOC") else kind


def resolve(items: Iterable[ArticleEntity]) -> Resolution:
    """Group article entities into corpus entities (rules in the module docstring).

    Takes every article entity of the corpus, ordered by article (as the store yields
    them); returns the resolution. Deterministic for a given set of items; never raises.
    """
    groups: dict[_Key, _Group] = {}
    singles: dict[str, _Group] = {}  # one-word person names an article did not leave undecided
    undecided: list[tuple[str, str]] = []  # (article, name)
    filed: dict[_Key, Counter[_Key]] = {}  # a name -> the longer names articles filed it under (rule 5)
    article: list[ArticleEntity] = []
    current = None
    for item in items:
        if item.article_id != current and article:
            _add_article(article, groups, singles, undecided, filed)
            article = []
        current = item.article_id
        article.append(item)
    if article:
        _add_article(article, groups, singles, undecided, filed)
    _join_filed(groups, filed)
    holders: dict[str, set[_Key]] = {}
    for family, key in groups:
        if family == "PER":
            words = key.split()
            for w in (words[0], words[-1]):
                holders.setdefault(w, set()).add((family, key))
    for key, group in sorted(singles.items()):
        owners = holders.get(key, set())
        target = next(iter(owners)) if len(owners) == 1 else ("PER", key)
        groups.setdefault(target, _Group()).absorb(group)
    for family, key in sorted(groups):
        person = groups.get(("PER", key))
        if family != "PER" and person is not None and len(key.split()) > 1 and person.articles > groups[(family, key)].articles:
            person.absorb(groups.pop((family, key)))
    entities: list[CorpusEntity] = []
    name_map: dict[tuple[str, str], str] = {}
    ids: dict[_Key, str] = {}
    for key, group in groups.items():
        entity = _entity(group)
        entities.append(entity)
        ids[key] = entity.id
    # a one-word name's own group maps it only where no full name took it ("Kim" undecided in
    # one article, joined to Kim Jong Un in others: the exceptions say which article is which)
    for key in sorted(groups, key=lambda k: k[0] == "PER" and " " not in k[1]):
        for pair in groups[key].pairs:
            name_map.setdefault(pair, ids[key])
    exceptions = [(a, name, ids[("PER", name_key(name))]) for a, name in undecided if ("PER", name_key(name)) in ids]
    return Resolution(sorted(entities, key=lambda e: e.id), name_map, sorted(exceptions))


def _join_filed(groups: dict[_Key, _Group], filed: dict[_Key, Counter[_Key]]) -> None:
    """Rule 5: move each name's group into the longer name articles filed it under.

    Where articles disagree, the name more of them chose than all the others together
    wins ("Anies Baswedan" under "Anies Rasyid Baswedan" in three articles, under the
    ticket "Anies Baswedan - Sandiaga Uno" in one); a tie leaves the name apart.
    """
    moved: dict[_Key, _Key] = {}

    def final(key: _Key) -> _Key:
        while key in moved:
            key = moved[key]
        return key

    # the longest names first, so that a chain ("Anies" -> "Anies Baswedan" -> "Anies Rasyid
    # Baswedan") ends where the longest name is
    for key in sorted(filed, key=lambda k: (-len(k[1].split()), k)):
        votes: Counter[_Key] = Counter()
        for t, n in filed[key].items():
            if t in groups or t in moved:
                votes[final(t)] += n
        if not votes or key not in groups:
            continue
        (target, top), *rest = votes.most_common()
        if top <= sum(n for _, n in rest):
            continue
        if target != key and target in groups:
            groups[target].absorb(groups.pop(key))
            moved[key] = target


def _add_article(article: list[ArticleEntity], groups: dict[_Key, _Group], singles: dict[str, _Group],
                 undecided: list[tuple[str, str]], filed: dict[_Key, Counter[_Key]]) -> None:
    """Count one article's entities into the groups, and note which names it filed under longer ones."""
    full_words = {w for e in article if e.type == "PER" for w in name_key(e.name).split() if len(name_key(e.name).split()) > 1}
    touched: dict[int, tuple[_Group, set[str]]] = {}
    for item in article:
        key = name_key(item.name)
        if item.type == "PER" and len(key.split()) == 1:
            if key in full_words:
                undecided.append((item.article_id, item.name))
                group = groups.setdefault(("PER", key), _Group())
            else:
                group = singles.setdefault(key, _Group())
        else:
            group = groups.setdefault((_family(item.type), key), _Group())
        family = _family(item.type)
        if family in ("PER", "ORG"):
            for surface in item.surfaces:
                short = name_key(surface)
                if short != key and len(short.split()) > (1 if family == "PER" else 0) and len(short) < len(key):
                    filed.setdefault((family, short), Counter())[(family, key)] += 1
        group.pairs[(item.name, item.type)] += 1
        if item.stands_for:
            group.stands[item.stands_for] += 1
        group.mentions += item.mentions
        seen = touched.setdefault(id(group), (group, set()))[1]
        seen.update(item.surfaces)
    for group, surfaces in touched.values():
        group.articles += 1
        group.aliases.update(surfaces)


def _entity(group: _Group) -> CorpusEntity:
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for (name, kind), n in group.pairs.items():
        names[name] += n
        types[kind] += n
    full = [n for n in names if len(n.split()) > 1] or list(names)
    name = min(full, key=lambda n: (-names[n], -len(n), n))
    kind = min(types, key=lambda t: (-types[t], t))
    stands_for = min(group.stands, key=lambda s: (-group.stands[s], s)) if group.stands else None
    return CorpusEntity(
        id=f"{kind}:{name_key(name)}",
        name=name,
        type=kind,
        stands_for=stands_for,
        aliases=tuple(sorted(group.aliases.items(), key=lambda a: (-a[1], a[0]))),
        members=(),
        mentions=group.mentions,
        articles=group.articles,
    )


def resolve_entities(items: Iterable[ArticleEntity]) -> list[CorpusEntity]:
    """Return the corpus entities of ``items`` with their members filled in (for small inputs and tests).

    Takes article entities in any order; returns corpus entities sorted by id. Never raises.
    """
    ordered = sorted(items, key=lambda e: e.article_id)
    res = resolve(ordered)
    override = {(a, name): eid for a, name, eid in res.exceptions}
    members: dict[str, set[tuple[str, str]]] = {}
    for item in ordered:
        eid = override.get((item.article_id, item.name)) or res.name_map[(item.name, item.type)]
        members.setdefault(eid, set()).add((item.article_id, item.name))
    return [
        CorpusEntity(e.id, e.name, e.type, e.stands_for, e.aliases, tuple(sorted(members.get(e.id, ()))), e.mentions, e.articles)
        for e in res.entities
    ]


