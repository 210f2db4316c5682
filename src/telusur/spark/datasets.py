"""Records to Parquet rows and back, derived from the dataclasses themselves (no column is listed by hand).

``spark_schema(cls)`` reads a dataclass's type hints: ``str``, ``int``, ``float``, ``bool``
and ``bytes`` become Spark's scalar types, ``X | None`` a nullable ``X``, ``Literal`` its
values' type, ``tuple[X, ...]`` and ``list[X]`` arrays, a fixed ``tuple[A, B]`` a struct of
``_1``, ``_2``, a nested dataclass a struct, ``dict[str, str]`` a map, and ``Any`` a JSON
string. ``to_value`` and ``from_value`` convert values to and from that shape, so a field
added to (or renamed in) ``FactDiff``, ``ArticleRow`` or ``Quote`` changes its dataset with it.

The datasets (``DATASETS``) and what each row is: ``articles`` (``ArticleRow``: every
column the store writes; ``line_keys`` and ``lead_key`` are those of the article as first
cleaned, which template learning counts), ``entities``, ``quotes``, ``quantities``,
``events`` and ``times`` (one row per item of an article, with ``article_id`` and ``seq``),
``corpus_entities`` (``CorpusEntity``), ``duplicates`` (``Cluster``), ``siblings``
(``SiblingPair``), ``diffs`` (``FactDiff``), ``stories`` (``StoryRow``), ``failures``
(``Failure``; ``code`` is the stable code), and ``tables/<name>``: the store tables the
driver's corpus stages wrote, column for column, which ``load`` copies back.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from telusur.model import Article, Cluster, CorpusEntity, Entity, Event, FactDiff, Failure, Quantity, Quote, SiblingPair, TimeExpr
from telusur.store.rows import ArticleRow, from_stored

if typing.TYPE_CHECKING:
    from pyspark.sql.types import DataType, StructType


@dataclasses.dataclass(frozen=True)
class StoryRow:
    """One story: its id, its member articles, and its stored views (kind -> JSON document)."""

    id: str
    members: tuple[str, ...]
    views: dict[str, str]


# per-article datasets: name -> (the Article attribute listing the items, their dataclass)
PER_ARTICLE: dict[str, tuple[str, type]] = {
    "entities": ("entities", Entity), "quotes": ("quotes", Quote), "quantities": ("quantities", Quantity),
    "events": ("events", Event), "times": ("times", TimeExpr),
}
RECORDS: dict[str, type] = {
    "articles": ArticleRow, "corpus_entities": CorpusEntity, "duplicates": Cluster, "siblings": SiblingPair,
    "diffs": FactDiff, "stories": StoryRow, "failures": Failure,
}
DATASETS: tuple[str, ...] = (*RECORDS, *PER_ARTICLE)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """Return ``(X, nullable)`` for ``X | None`` (and ``(tp, False)`` otherwise)."""
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


@cache
def hints(cls: type) -> dict[str, Any]:
    """Return the resolved type hints of a dataclass's fields, in field order."""
    resolved = get_type_hints(cls)
    return {f.name: resolved[f.name] for f in dataclasses.fields(cls)}


def spark_type(tp: Any) -> "DataType":
    """Return the Spark type a value of Python type ``tp`` is stored as (rules in the module docstring).

    Raises ``TypeError`` for a type with no rule.
    """
    from pyspark.sql import types as T

    tp, _ = _unwrap(tp)
    scalars = {str: T.StringType(), int: T.LongType(), float: T.DoubleType(), bool: T.BooleanType(), bytes: T.BinaryType()}
    if tp in scalars:
        return scalars[tp]
    if tp is Any:
        return T.StringType()
    origin, args = get_origin(tp), get_args(tp)
    if origin is Literal:
        return scalars[type(args[0])]
    if origin in (list, tuple) and (origin is list or (len(args) == 2 and args[1] is Ellipsis)):
        return T.ArrayType(spark_type(args[0]), containsNull=True)
    if origin is tuple:
        return T.StructType([T.StructField(f"_{i + 1}", spark_type(a), True) for i, a in enumerate(args)])
    if origin is dict:
        return T.MapType(spark_type(args[0]), spark_type(args[1]), valueContainsNull=True)
    if _is_dataclass_type(tp):
        return spark_schema(tp)
    raise TypeError(f"no Spark type for {tp!r}")


def spark_schema(cls: type, prefix: Mapping[str, Any] | None = None) -> "StructType":
    """Return the Spark schema of dataclass ``cls`` (``prefix``: extra leading columns name -> Python type)."""
    from pyspark.sql import types as T

    columns = {**(prefix or {}), **hints(cls)}
    return T.StructType([T.StructField(name, spark_type(tp), _unwrap(tp)[1] or tp is Any) for name, tp in columns.items()])


def to_value(value: Any, tp: Any) -> Any:
    """Return ``value`` (of Python type ``tp``) in the shape its Spark type holds: structs as tuples, JSON for ``Any``."""
    tp, _ = _unwrap(tp)
    if value is None:
        return None
    if tp is Any:
        return json.dumps(value, ensure_ascii=False)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (list, tuple) and (origin is list or (len(args) == 2 and args[1] is Ellipsis)):
        return [to_value(v, args[0]) for v in value]
    if origin is tuple:
        return tuple(to_value(v, a) for v, a in zip(value, args, strict=True))
    if origin is dict:
        return {to_value(k, args[0]): to_value(v, args[1]) for k, v in value.items()}
    if _is_dataclass_type(tp):
        return to_row(value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON wrote 1000.0 as 1000
    return value


def to_row(record: Any, **prefix: Any) -> tuple[Any, ...]:
    """Return a dataclass record as a Spark row tuple in ``spark_schema`` order, after the ``prefix`` values."""
    return (*prefix.values(), *(to_value(getattr(record, name), tp) for name, tp in hints(typing.cast(type, type(record))).items()))


def from_value(value: Any, tp: Any) -> Any:
    """Return the Python value of type ``tp`` a Parquet or Spark value stands for (the inverse of ``to_value``).

    Structs may come as dicts (pyarrow) or Rows (Spark); maps as dicts or lists of pairs.
    """
    tp, _ = _unwrap(tp)
    if value is None:
        return None
    if tp is Any:
        return json.loads(value)
    origin, args = get_origin(tp), get_args(tp)
    if origin in (list, tuple) and (origin is list or (len(args) == 2 and args[1] is Ellipsis)):
        items = [from_value(v, args[0]) for v in value]
        return items if origin is list else tuple(items)
    if origin is tuple:
        parts = list(value.values()) if isinstance(value, dict) else list(value)
        return tuple(from_value(v, a) for v, a in zip(parts, args, strict=True))
    if origin is dict:
        pairs = value.items() if isinstance(value, dict) else value
        return {from_value(k, args[0]): from_value(v, args[1]) for k, v in pairs}
    if _is_dataclass_type(tp):
        return from_record(tp, value)
    return value


def from_record(cls: type, row: Any) -> Any:
    """Return the ``cls`` record a row holds (a dict, or a Spark Row); columns ``cls`` lacks are ignored.

    Raises ``KeyError`` when a field of ``cls`` has no column.
    """
    data = row if isinstance(row, dict) else row.asDict()
    return cls(**{name: from_value(data[name], tp) for name, tp in hints(cls).items()})


def article_items(row: ArticleRow) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Yield ``(dataset, row tuple)`` for every entity, quote, quantity, event and time of one article row."""
    article: Article = from_stored(row.record, row.raw, row.body)
    for name, (attribute, _) in PER_ARTICLE.items():
        for seq, item in enumerate(getattr(article, attribute)):
            yield name, to_row(item, article_id=article.id, seq=seq)


def per_article_schema(name: str) -> "StructType":
    """Return the schema of per-article dataset ``name``: ``article_id``, ``seq``, then the item's fields."""
    return spark_schema(PER_ARTICLE[name][1], {"article_id": str, "seq": int})
