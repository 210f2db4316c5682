"""Where the report is in a scraped page: title, byline, dateline, body start and end.

Every line gets a reason when it is not body text. The order matters: fixed debris rules
and captions first, then bylines and date lines, then the title, then the body start
(the dateline line, or the first paragraph), then the tail after the last paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from telusur.clean.assemble import Line
from telusur.clean.byline import Credit, is_name, label_role, parse_byline, parse_signoff
from telusur.clean.dateline import Dateline, find_dateline
from telusur.clean.rules import (
    caption_credit, inline_cuts, is_paragraph, is_sentence, is_title_like, line_reason, trailing_signoff, word_count,
)
from telusur.text.dates import DateMatch, find_dates

_TITLE_WINDOW = 15
_TITLE_MIN_WORDS = 4
_STANDFIRST_MAX = 2
_NORM = re.compile(r"\W+")


@dataclass
class Layout:
    """The per-line decisions for one article (``reasons`` maps line index to reason)."""

    reasons: dict[int, str] = field(default_factory=dict)
    cuts: list[tuple[int, int, str]] = field(default_factory=list)
    title: Line | None = None
    masthead: Line | None = None
    dateline: tuple[Line, Dateline] | None = None
    credits: list[Credit] = field(default_factory=list)
    byline_dates: list[tuple[Line, DateMatch]] = field(default_factory=list)
    signoffs: list[tuple[Line, str]] = field(default_factory=list)
    body_start: int | None = None
    body_end: int | None = None


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip()


def lay_out(lines: list[Line], title_hint: str | None) -> Layout:
    """Decide, for each line, whether it is body text or debris (and why).

    Takes the article's lines and a title stated by the source (or None). Returns the
    ``Layout``; ``body_start`` is None when no line reads like a report.
    """
    lay = Layout()
    _fixed_rules(lines, lay)
    _bylines(lines, lay)
    _title(lines, lay, title_hint)
    _body_bounds(lines, lay)
    if lay.body_start is not None:
        _inside_body(lines, lay)
    return lay


def _fixed_rules(lines: list[Line], lay: Layout) -> None:
    reasons = [line_reason(ln.text) for ln in lines]
    last_text = max((ln.index for ln, r in zip(lines, reasons) if r is None), default=-1)
    for ln, reason in zip(lines, reasons):
        if reason is None and (credit := caption_credit(ln.text)) is not None:
            start, agency_only = credit
            if agency_only and ln.index == last_text:
                # "... di masa depan. (Antara)" closing the page: the report's last paragraph,
                # signed with its wire credit; only the credit goes
                lay.cuts.append((ln.start + start, ln.end, "wire-credit"))
            else:
                reason = "caption"
        if reason:
            lay.reasons[ln.index] = reason
            if reason == "signoff" and (initials := parse_signoff(ln.text)):
                lay.signoffs.append((ln, initials))


def _bylines(lines: list[Line], lay: Layout) -> None:
    """Credits from byline lines: "Penulis: A", a label line then a name line, or a name line
    then its label line ("Rina Ayu" / "Penulis" / "Sri Juliati" / "Editor"): the label names
    the line before it when that line is a name no label has claimed, else the line after."""
    pending_role: str | None = None
    unclaimed: Line | None = None  # the name line just before, credited to no one yet
    for k, ln in enumerate(lines):
        if ln.index in lay.reasons and lay.reasons[ln.index] != "share-widget":
            pending_role, unclaimed = None, None
            continue
        if word_count(ln.text) > 14:
            pending_role, unclaimed = None, None
            continue
        role = label_role(ln.text)
        if role is not None:
            lay.reasons[ln.index] = "byline"
            if unclaimed is not None and role != "other" and _label_follows_name(lines, k):
                lay.credits.append(Credit(role, unclaimed.text, unclaimed.start, unclaimed.end))
                lay.reasons[unclaimed.index] = "byline"
                pending_role, unclaimed = None, None
            else:
                pending_role = role if role != "other" else None
            continue
        if ln.index in lay.reasons:  # a share widget between a label and its name
            continue
        credits = parse_byline(ln.text, ln.start)
        if not credits and pending_role and is_name(ln.text):
            credits = [Credit(pending_role, ln.text, ln.start, ln.end)]
        unclaimed = ln if not credits and pending_role is None and is_name(ln.text) else None
        pending_role = None
        dates = find_dates(ln.text)
        if credits:
            lay.credits.extend(credits)
            lay.reasons[ln.index] = "byline"
        if dates and (credits or _date_only(ln.text, dates)):
            lay.byline_dates.append((ln, dates[0]))
            lay.reasons.setdefault(ln.index, "date")


def _label_follows_name(lines: list[Line], k: int) -> bool:
    """Whether the bare label at ``k``, after a name line, labels that name (not the next line).

    In a run of alternating lines, the last one decides: "A / Penulis / B / Editor" ends on
    a label, so each label names the line before it; "Penulis / A / Editor / B" ends on a
    name, so each label names the line after it, and the line before the first label (a
    headline, say) is no one's name.
    """
    def name_at(i: int) -> bool:
        return i < len(lines) and is_name(lines[i].text)

    # walk the run of alternating labels and names: which comes last decides
    j = k
    while name_at(j + 1) and j + 2 < len(lines) and label_role(lines[j + 2].text) is not None:
        j += 2
    return not name_at(j + 1)


def _date_only(text: str, dates: list[DateMatch]) -> bool:
    rest = text
    for d in dates:
        rest = rest.replace(d.text, " ")
    return word_count(rest) <= 3


def _title(lines: list[Line], lay: Layout, hint: str | None) -> None:
    if hint:
        target = _norm(hint)
        for ln in lines[: _TITLE_WINDOW * 2]:
            if ln.index not in lay.reasons and _norm(ln.text) == target:
                lay.title = ln
                lay.reasons[ln.index] = "title"
                break
    head: list[Line] = []
    for ln in lines[:_TITLE_WINDOW]:
        if is_paragraph(ln.text):
            break
        if ln.index not in lay.reasons:
            head.append(ln)
    if lay.title is None:
        candidates = [ln for ln in head if is_title_like(ln.text) and word_count(ln.text) >= _TITLE_MIN_WORDS]
        if candidates:
            lay.title = max(candidates, key=lambda ln: (word_count(ln.text), -ln.index))
            lay.reasons[lay.title.index] = "title"
    # short capitalised lines above the headline: the outlet's masthead ("HARIAN SELAT")
    for ln in head:
        if lay.title is not None and ln.index >= lay.title.index:
            break
        if ln.index not in lay.reasons and _is_masthead(ln.text):
            lay.masthead = ln
            lay.reasons[ln.index] = "masthead"
            break


def _is_masthead(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not text.endswith((".", ":"))


def _body_bounds(lines: list[Line], lay: Layout) -> None:
    free = [ln for ln in lines if ln.index not in lay.reasons]
    first_para = next((k for k, ln in enumerate(free) if is_paragraph(ln.text)), None)
    if first_para is None:
        return
    start_k = first_para
    # a dateline may follow a standfirst (the site's summary) printed above the report
    for k in range(first_para, min(len(free), first_para + _STANDFIRST_MAX + 1)):
        dl = find_dateline(free[k].text)
        if dl is None:
            continue
        if dl.end >= len(free[k].text):  # a lone "Jakarta -" line
            if k + 1 < len(free):
                lay.reasons[free[k].index] = "dateline"
                lay.dateline = (free[k], dl)
                start_k = k + 1
            break
        if is_paragraph(free[k].text[dl.end :]):
            lay.dateline = (free[k], dl)
            start_k = k
            break
    if lay.dateline is None:
        dl = find_dateline(free[first_para].text)
        if dl is not None:
            lay.dateline = (free[first_para], dl)
    for ln in free[:start_k]:
        lay.reasons[ln.index] = "standfirst" if is_paragraph(ln.text) else "pre-body"
    lay.body_start = free[start_k].index
    # the first paragraph may stop reading as one once its sign-off is cut ("... (Antara)")
    last = max((k for k, ln in enumerate(free) if is_paragraph(_unsigned(ln.text))), default=first_para)
    last = _report_tail(free, last)
    lay.body_end = free[last].index
    for ln in free[last + 1 :]:
        lay.reasons[ln.index] = "after-article"


def _unsigned(text: str) -> str:
    """The line without a sign-off or agency credit after its last sentence ("... hadir. (rsa)")."""
    if not text.endswith((")", "]")):
        return text  # both shapes end with a bracket: most lines are done here
    at = trailing_signoff(text)
    if at is None and (credit := caption_credit(text)) is not None and credit[1]:
        at = credit[0]  # "... di masa depan. (Antara)"
    return text if at is None else text[:at].rstrip()


def _report_tail(free: list[Line], last: int) -> int:
    """Extend the body past its last paragraph-like line over the report's short closing lines.

    A short sentence ("Warga berharap sungai segera dikeruk.") is report text, and so are
    the items of a list its report announces with a colon ("Berikut daftarnya:"). The
    tail ends at the first debris line (any line with a reason) or any other line.
    Returns the index in ``free`` of the last body line.
    """
    listing = free[last].text.endswith(":")
    k = last
    while k + 1 < len(free):
        ln = free[k + 1]
        if free[k].index + 1 != ln.index:  # a debris line lies between: the report has ended
            break
        text = _unsigned(ln.text)
        if is_sentence(text):
            listing = text.endswith(":")
        elif listing and word_count(text) <= 40:
            pass  # an item of an announced list
        elif text.endswith(":") and word_count(text) <= 15 and is_sentence(text[:-1] + "."):
            listing = True
        else:
            break
        k += 1
    return k


def _inside_body(lines: list[Line], lay: Layout) -> None:
    # duplicates are exact repeats (a caption or paragraph printed twice); the title
    # may differ in case and punctuation, so it is compared normalised
    seen: set[str] = set()
    title_key = _norm(lay.title.text) if lay.title else None
    title_len = len(lay.title.text) if lay.title else -100
    for ln in lines:
        if ln.index in lay.reasons:
            seen.add(ln.text)
            continue
        if abs(len(ln.text) - title_len) <= 8 and _norm(ln.text) == title_key:
            lay.reasons[ln.index] = "title-repeat"
        elif ln.text in seen:
            lay.reasons[ln.index] = "duplicate-line"
        else:
            seen.add(ln.text)
            lay.cuts.extend((ln.start + s, ln.start + e, r) for s, e, r in inline_cuts(ln.text))
            at = trailing_signoff(ln.text)
            if at is not None:
                lay.cuts.append((ln.start + at, ln.end, "signoff"))
