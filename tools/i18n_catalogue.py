"""Extract the UI messages of the templates and update the Indonesian catalogue.

Usage: python tools/i18n_catalogue.py [--check]

Reads every ``_()`` / ``ngettext()`` in ``src/telusur/report/templates`` (Jinja's Babel
extractor) and merges them into ``src/telusur/report/locale/id.po``: translations already
there are kept, new messages are added untranslated, messages no longer used are
dropped. With ``--check`` nothing is written; the exit status is 1 when a message is
missing or untranslated (the test suite runs the same check).
"""

from __future__ import annotations

import argparse
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "src" / "telusur" / "report" / "templates"
CATALOGUE = ROOT / "src" / "telusur" / "report" / "locale" / "id.po"
METHODS = [("**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}


def template_messages() -> Catalog:
    """Return a catalogue of every message the templates use (untranslated)."""
    found = Catalog(locale="id", project="Telusur")
    for filename, lineno, message, comments, _context in extract_from_dir(TEMPLATES, METHODS, OPTIONS):
        found.add(message, locations=[(filename, lineno)], auto_comments=comments)
    return found


def missing(catalog: Catalog, wanted: Catalog) -> list[str]:
    """Return the message ids of ``wanted`` that ``catalog`` lacks or leaves untranslated."""
    out = []
    for m in wanted:
        if not m.id:
            continue
        have = catalog.get(m.id)
        strings = have.string if have is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            out.append(m.id if isinstance(m.id, str) else m.id[0])
    return out


def main() -> None:
    """Check or update the catalogue."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    wanted = template_messages()
    current = read_po(CATALOGUE.open("rb"), locale="id") if CATALOGUE.exists() else Catalog(locale="id")
    gaps = missing(current, wanted)
    if args.check:
        for gap in gaps:
            print(f"untranslated: {gap}")
        sys.exit(1 if gaps else 0)
    current.update(wanted, no_fuzzy_matching=True)
    current.obsolete.clear()
    buffer = BytesIO()
    write_po(buffer, current, width=100, omit_header=False, sort_output=False)
    CATALOGUE.write_bytes(buffer.getvalue())
    print(f"{len(wanted)} messages; {len(gaps)} untranslated; written to {CATALOGUE}")


if __name__ == "__main__":
    main()
