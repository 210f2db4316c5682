"""The language of the pages and the report: Indonesian first, English on request.

Templates are written with English message ids inside ``_()`` / ``ngettext()`` (Jinja's
i18n extension, new-style: variables are escaped before they are put in). The Indonesian
catalogue is a gettext ``.po`` file in ``report/locale/`` (text, reviewed like code); it is
compiled in memory with Babel when first used, so no binary ``.mo`` is kept in the
repository. English needs no catalogue. Figures and dates follow the same locale.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from importlib.resources import files
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALES = {"id": "Bahasa Indonesia", "en": "English"}  # code -> the language's own name
DEFAULT_LOCALE = "id"


def negotiate(asked: str | None) -> str:
    """Return the locale to use for ``asked`` (a code such as "en" or "id-ID"); the default when unknown or None."""
    if not asked:
        return DEFAULT_LOCALE
    code = asked.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LOCALES else DEFAULT_LOCALE


def catalogue_path(locale: str) -> str:
    """Return the path of a locale's ``.po`` catalogue (it may not exist: English has none)."""
    return str(files("telusur.report") / "locale" / f"{locale}.po")


@lru_cache(maxsize=len(LOCALES))
def translations(locale: str) -> gettext.NullTranslations:
    """Return the compiled translations of ``locale`` (English: the message ids themselves).

    Raises ``ValueError`` for a locale Telusur does not ship and ``OSError`` when its
    catalogue cannot be read.
    """
    if locale not in LOCALES:
        raise ValueError(f"no UI language {locale!r}; known: {', '.join(sorted(LOCALES))}")
    if locale == "en":
        return gettext.NullTranslations()
    with open(catalogue_path(locale), "rb") as fh:
        catalog = read_po(fh, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)
