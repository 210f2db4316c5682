"""The outlet that published an article: name and domain, from the best evidence at hand.

Evidence, strongest first: what the source states (JSONL ``outlet``, og:site_name,
JSON-LD publisher), the dateline ("Bisnis.com, JAKARTA -"), the URL, and a domain the
page's own promo lines name ("Ikuti media sosial medcom.id"). Social networks and
aggregators are never outlets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from telusur.lexicon import load
from telusur.model import Field

_DOMAIN_IN_TEXT = re.compile(r"\b((?:[a-z0-9-]+\.)+(?:com|id|net|org|co\.id|my|news|tv))\b", re.I)


@dataclass(frozen=True)
class OutletClue:
    """One piece of evidence for the outlet: a name and/or a domain."""

    name: str | None
    domain: str | None
    evidence: str
    source: str
    confidence: float
    start: int | None = None
    end: int | None = None
    needs_domain: bool = False


@cache
def _tables() -> tuple[dict[str, str], frozenset[str]]:
    data = load("outlets")
    return dict(data["outlets"]), frozenset(data["not_outlets"]["domains"])


@cache
def _names() -> dict[str, str]:
    """Lower-cased outlet names -> domain: ``[names]`` and every known outlet's display name and domain."""
    data = load("outlets")
    out = {name.lower(): domain for domain, name in data["outlets"].items()}
    out.update({domain: domain for domain in data["outlets"]})
    out.update(data.get("names", {}))
    return out


def outlet_domain_of_name(name: str) -> str | None:
    """Return the domain of a known outlet named ``name`` ("RIMANEWS", "Pos Kota", "JUARA.NET"), else None."""
    return _names().get(" ".join(name.lower().removeprefix("www.").split()))


def normalise_domain(value: str) -> str | None:
    """Return the registrable-looking host of a URL or domain ("https://www.x.co.id/a" -> "x.co.id")."""
    value = value.strip().lower()
    try:
        host = urlsplit(value).hostname if "//" in value else value.split("/")[0]
    except ValueError:  # "http://[bad" and other malformed URLs name no host
        return None
    if not host or "." not in host:
        return None
    host = host.removeprefix("www.").removeprefix("m.").removeprefix("amp.")
    known, _ = _tables()
    parts = host.split(".")
    # keep sub-domains of known outlets' regional channels to the known parent
    for n in range(len(parts) - 1):
        candidate = ".".join(parts[n:])
        if candidate in known:
            return candidate
    return host


def domains_in(text: str) -> list[tuple[str, int, int]]:
    """Return outlet-looking domains named in ``text`` (not social networks) with offsets."""
    _, banned = _tables()
    found = []
    for m in _DOMAIN_IN_TEXT.finditer(text):
        domain = normalise_domain(m.group(1))
        if domain and domain not in banned and not any(domain.endswith("." + b) for b in banned):
            found.append((domain, m.start(1), m.end(1)))
    return found


@cache
def _self_reference() -> re.Pattern[str]:
    cues = load("outlets")["self_reference"]["cues"]
    return re.compile(r"(?<![\w-])(?i:" + "|".join(map(re.escape, sorted(cues, key=len, reverse=True)))
                      + r")\s+(?P<name>[A-Za-z][\w.-]*(?:\s+[A-Z][\w.-]*)?)(?:\s*\((?P<domain>[\w.-]+\.[a-z]{2,})\))?")


def self_references(body: str) -> list[tuple[str, int, int]]:
    """Return the known outlets the body says interviewed its speakers ("kepada kumparan
    (kumparan.com)", "saat dihubungi Suara.com"), as (domain, start, end) of the outlet's name.

    Only outlets the lexicon knows, by name or domain; takes any text, never raises.
    """
    known, _ = _tables()
    out = []
    for m in _self_reference().finditer(body):
        domain = None
        if m["domain"]:
            domain = normalise_domain(m["domain"])
        for words in (m["name"], m["name"].split()[0]):
            domain = domain or outlet_domain_of_name(words.rstrip(".,")) or (
                normalise_domain(words.rstrip(".,")) if "." in words.strip(".") else None)
        if domain in known:
            out.append((domain, m.start("name"), m.end("name")))
    return out


def resolve_outlet(clues: list[OutletClue]) -> Field | None:
    """Return the outlet field from the clues, or None when there are none.

    The strongest clue decides; the other half of the value (domain or name) comes
    from the strongest clue that agrees with it. Clues marked ``needs_domain`` (a
    CamelCase brand in a promo line) only ever name an outlet whose domain is known.
    """
    if not clues:
        return None
    known, _ = _tables()
    ranked = sorted(clues, key=lambda c: -c.confidence)
    primary = next((c for c in ranked if not c.needs_domain or c.domain), None)
    if primary is None:
        return None
    domain = primary.domain
    if domain is None:
        domain = next((c.domain for c in ranked if c.domain and primary.name and _agrees(primary.name, c.domain)), None)
    name = None
    if domain and domain in known:
        name = known[domain]
    if name is None:
        plain_names = [c for c in ranked if c.name and not c.domain and (not c.needs_domain or domain)]
        agreeing = [c for c in plain_names if domain is None or _agrees(c.name or "", domain)]
        if agreeing:
            name = agreeing[0].name
        elif primary.name:
            name = display_name(primary.name)
        elif domain:
            name = domain[0].upper() + domain[1:]
    return Field(
        value={"name": name, "domain": domain},
        evidence=primary.evidence,
        source=primary.source,
        confidence=primary.confidence,
        start=primary.start,
        end=primary.end,
    )


def display_name(written: str) -> str:
    """Return a display name for an outlet as written: "KabarNusantara.com" -> "Kabar Nusantara".

    All-caps mastheads are title-cased; a domain-like name keeps its TLD unless its stem
    is CamelCase, which is split into words.
    """
    text = written.strip()
    if text.isupper():
        return " ".join(w.capitalize() for w in text.split())
    stem = text.split(".")[0]
    if "." in text and _CAMEL.fullmatch(stem):
        return " ".join(re.findall(r"[A-Z][a-z0-9]*", stem))
    return text


_CAMEL = re.compile(r"(?:[A-Z][a-z0-9]+){2,}")


def camel_brands(text: str) -> list[str]:
    """Return CamelCase brand names in a line, split into words ("WartaPagi" -> "Warta Pagi")."""
    _, banned = _tables()
    out = []
    for m in _CAMEL.finditer(text):
        word = m.group()
        if word.lower() in _NOT_BRANDS:
            continue
        out.append(" ".join(re.findall(r"[A-Z][a-z0-9]*", word)))
    return out


_NOT_BRANDS = frozenset({"whatsapp", "youtube", "tiktok", "linkedin", "facebook", "instagram", "telegram", "googlenews", "iphone"})


def _agrees(name: str, domain: str) -> bool:
    """Return True when a display name plausibly belongs to a domain ("Warta Pagi" ~ wartapagi.id)."""
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    stem = re.sub(r"[^a-z0-9]", "", domain.split(".")[0])
    return bool(stem) and (stem in squashed or squashed.startswith(stem) or squashed in re.sub(r"[^a-z0-9]", "", domain))


def clue_from_name(text: str, evidence: str, source: str, confidence: float, start: int | None = None, end: int | None = None) -> OutletClue:
    """Return a clue from a name that may itself be a domain ("Bisnis.com") or a plain name."""
    domain = normalise_domain(text) if _DOMAIN_IN_TEXT.fullmatch(text.strip().lower().removeprefix("www.")) else None
    return OutletClue(text.strip(), domain or outlet_domain_of_name(text), evidence, source, confidence, start, end)
