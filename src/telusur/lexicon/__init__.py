"""Data the project ships (cue words, labels, gazetteers) and a cached loader.

Word lists and patterns live in the TOML files beside this module, not in code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """Load ``<name>.toml`` from this package.

    Takes the file's stem; returns the parsed table. Raises ``FileNotFoundError``
    for an unknown name and ``tomllib.TOMLDecodeError`` for a malformed file.
    """
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
