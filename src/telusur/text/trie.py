"""Compile a word list into one regular expression shaped as a trie.

A plain alternation ``a|b|c`` makes Python's ``re`` try every alternative at every
position; a trie shares prefixes, so a failing position costs one or two character
tests. Used for cue lists and gazetteers. Spaces in a phrase match any run of whitespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_regex(words: Iterable[str]) -> str:
    """Return a non-capturing regex source matching exactly the given phrases.

    Takes phrases (duplicates and empties ignored); longer matches are preferred where
    one phrase extends another. Raises ``ValueError`` for an empty list.
    """
    trie: dict = {}
    for word in words:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        raise ValueError("trie_regex needs at least one non-empty phrase")
    return _emit(trie)


def phrase_key(matched: str) -> str:
    """Return the listed phrase a ``trie_regex`` match stands for: its whitespace runs made single spaces.

    A match may span "Amerika  Serikat" or "Amerika\nSerikat"; tables of phrases must be
    read with this key, never with the matched text itself.
    """
    return " ".join(matched.split())


def _emit(node: dict) -> str:
    ends = "" in node
    branches = [_chain(ch, child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


def _chain(ch: str, node: dict) -> str:
    """A branch: a run of single-child nodes walked in a loop (a 600-letter word must not
    recurse 600 deep), then the node where the trie branches or a phrase ends."""
    run = [_char(ch)]
    while len(node) == 1 and "" not in node:
        (ch, node), = node.items()
        run.append(_char(ch))
    return "".join(run) + _emit(node)


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)
