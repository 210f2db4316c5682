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

The display name is the full form most articles use (ties: the longer, then the first
in alphabetical order), so results do not depend on input order. Ids are
``TYPE:spelling key`` of the display name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from telusur.extract.entities import name_key
from telusur.model import ArticleEntity, CorpusEntity

if TYPE_CHECKING:
    from telusur.store import Store


def _family(kind: str) -> str:
    return "PLACE" if kind in ("GPE", "LOC") else kind


def resolve_entities(items: Iterable[ArticleEntity]) -> list[CorpusEntity]:
    """Group article entities into corpus entities (rules in the module docstring).

    Takes every article entity of the corpus; returns corpus entities sorted by id.
    Pure and deterministic; never raises.
    """
    groups: dict[tuple[str, str], list[ArticleEntity]] = defaultdict(list)
    singles: list[ArticleEntity] = []
    full_words_by_article: dict[str, set[str]] = defaultdict(set)
    for item in items:
        key = name_key(item.name)
        if item.type == "PER" and len(key.split()) == 1:
            singles.append(item)
            continue
        groups[(_family(item.type), key)].append(item)
        if item.type == "PER":
            full_words_by_article[item.article_id].update(key.split())
    holders: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for family, key in groups:
        if family == "PER":
            words = key.split()
            holders[words[0]].add((family, key))
            holders[words[-1]].add((family, key))
    for item in singles:
        key = name_key(item.name)
        owners = holders.get(key, set())
        if len(owners) == 1 and key not in full_words_by_article[item.article_id]:
            groups[next(iter(owners))].append(item)
        else:
            groups[("PER", key)].append(item)
    for family, key in list(groups):
        # a full name the model typed as a place or body in a few articles is the person most
        # articles say it is ("Kim Jong Un" as LOC once, PER four times)
        person = groups.get(("PER", key))
        if family != "PER" and person is not None and len(key.split()) > 1:
            if len({m.article_id for m in person}) > len({m.article_id for m in groups[(family, key)]}):
                person.extend(groups.pop((family, key)))
    return sorted((_entity(members) for members in groups.values()), key=lambda e: e.id)


def _entity(members: list[ArticleEntity]) -> CorpusEntity:
    names = Counter(m.name for m in members)
    full = [n for n in names if len(n.split()) > 1] or list(names)
    name = min(full, key=lambda n: (-names[n], -len(n), n))
    types = Counter(m.type for m in members)
    kind = min(types, key=lambda t: (-types[t], t))
    stands = Counter(m.stands_for for m in members if m.stands_for)
    stands_for = min(stands, key=lambda s: (-stands[s], s)) if stands else None
    aliases = Counter(s for m in members for s in set(m.surfaces))
    return CorpusEntity(
        id=f"{kind}:{name_key(name)}",
        name=name,
        type=kind,
        stands_for=stands_for,
        aliases=tuple(sorted(aliases.items(), key=lambda a: (-a[1], a[0]))),
        members=tuple(sorted({(m.article_id, m.name) for m in members})),
        mentions=sum(m.mentions for m in members),
    )


def refresh_corpus_entities(store: "Store") -> int:
    """Rebuild the store's corpus entities from its article entities; returns how many there are."""
    entities = resolve_entities(store.article_entities())
    with store.transaction():
        store.replace_corpus_entities(entities)
    return len(entities)
