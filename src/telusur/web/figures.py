"""Plotly figures (plain JSON: ``{"data": [...], "layout": {...}}``) for a story's charts.

The page's script hands each figure to ``Plotly.newPlot``; a point's ``customdata`` is the
address of its evidence, which a click opens. Texts go into the figure as data, never as
markup: Plotly writes hover text and tick labels as text nodes, and the JSON is embedded
with Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and quotes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

Figure = dict[str, Any]
EvidenceLink = Callable[[str, int, int], str]

DISTORTED, CLEAN = "#c0392b", "#98a2b3"
_LAYOUT = {"margin": {"l": 150, "r": 20, "t": 30, "b": 40}, "hovermode": "closest", "showlegend": True,
           "font": {"size": 12}, "paper_bgcolor": "#ffffff", "plot_bgcolor": "#fbfcfd"}


def _day(value: str | None) -> str | None:
    """The first day of an ISO day or interval, or None."""
    return value.split("/")[0][:10] if value else None


def timeline_figure(events: Sequence[Mapping[str, Any]], order: Sequence[str], link: EvidenceLink) -> Figure:
    """Return the timeline: one marker per dated event, lanes by action, size by articles reporting it.

    Takes the story's merged events, the timeline's event ids in order and a function
    giving the evidence address of (article, start, end).
    """
    by_id = {e["id"]: e for e in events}
    lanes: dict[str, dict[str, list[Any]]] = {}
    for eid in order:
        e = by_id.get(eid)
        if e is None or not _day(e.get("date")):
            continue
        lane = lanes.setdefault(e["action"], {"x": [], "y": [], "text": [], "customdata": [], "size": []})
        first = e["mentions"][0]
        lane["x"].append(_day(e["date"]))
        lane["y"].append(e["action"])
        lane["text"].append(f"{e['date']}: {e['actor'] or '?'} {e['action']} {e['target'] or ''}".strip()
                            + f" ({len(e['articles'])} article(s))")
        lane["customdata"].append(link(first["article_id"], first["sentence_start"], first["sentence_end"]))
        lane["size"].append(8 + 4 * min(len(e["articles"]), 6))
    data = [{"type": "scatter", "mode": "markers", "name": action, "x": v["x"], "y": v["y"], "text": v["text"],
             "customdata": v["customdata"], "hovertemplate": "%{text}<extra></extra>", "marker": {"size": v["size"]}}
            for action, v in lanes.items()]
    return {"data": data, "layout": {**_LAYOUT, "height": 120 + 28 * max(len(lanes), 1), "showlegend": False,
                                     "xaxis": {"type": "date", "title": {"text": "date of the act"}},
                                     "yaxis": {"type": "category", "automargin": True}}}


def claim_figure(track: Mapping[str, Any], link: EvidenceLink) -> Figure:
    """Return one claim track's chart: the figure over time, one line per claimant.

    Assertion tracks (no number) plot 1 for affirmed and 0 for denied or not confirmed.
    """
    series: dict[str, dict[str, list[Any]]] = {}
    for p in track["points"]:
        s = series.setdefault(p["claimant"] or "not attributed", {"x": [], "y": [], "text": [], "customdata": []})
        value = p["value"] if p["value"] is not None else (1 if p.get("approx") == "affirmed" else 0)
        s["x"].append(p["as_of"])
        s["y"].append(value)
        s["text"].append(f"“{p['says']}” ({p['article_id']})")
        s["customdata"].append(link(p["article_id"], p["start"], p["end"]))
    data = [{"type": "scatter", "mode": "lines+markers", "name": name, "x": v["x"], "y": v["y"], "text": v["text"],
             "customdata": v["customdata"], "hovertemplate": "%{x}: %{y:,}<br>%{text}<extra>%{fullData.name}</extra>"}
            for name, v in series.items()]
    title = track["topic"] + (f" ({track['unit']})" if track.get("unit") else "")
    return {"data": data, "layout": {**_LAYOUT, "height": 260, "margin": {"l": 60, "r": 20, "t": 30, "b": 40},
                                     "title": {"text": title, "font": {"size": 13}},
                                     "xaxis": {"type": "date"}, "yaxis": _claim_axis(track)}}


def _claim_axis(track: Mapping[str, Any]) -> dict[str, Any]:
    if any(p["value"] is not None for p in track["points"]):
        return {"rangemode": "tozero", "title": {"text": track.get("unit") or "figure"}}
    return {"range": [-0.3, 1.3], "tickvals": [0, 1], "ticktext": ["denied / not confirmed", "affirmed"]}


def rewrite_figure(
    pairs: Sequence[Mapping[str, Any]],
    distortions: Mapping[tuple[str, str], list[str]],
    nodes: Mapping[str, Mapping[str, Any]],
    link: Callable[[str], str],
) -> Figure:
    """Return the rewrite graph: articles by publication time, one row per sibling group, edges between siblings.

    Takes sibling pairs (``group``, ``a``, ``b``, ``relation``), the distortion kinds per
    unordered pair (sorted ids), each article's ``published`` and ``outlet``, and a
    function giving an article's address. Edges carrying a distortion are red.
    """
    groups = sorted({p["group"] for p in pairs})
    pos: dict[str, tuple[str, float]] = {}
    for row, group in enumerate(groups):
        members = sorted({x for p in pairs if p["group"] == group for x in (p["a"], p["b"])},
                         key=lambda a: (nodes.get(a, {}).get("published") or "", a))
        for i, a in enumerate(members):
            pos.setdefault(a, ((nodes.get(a, {}).get("published") or "")[:19], row + 0.18 * (i % 3)))
    edges: dict[bool, dict[str, list[Any]]] = {True: {"x": [], "y": []}, False: {"x": [], "y": []}}
    mids: dict[str, list[Any]] = {"x": [], "y": [], "text": [], "color": []}
    for p in pairs:
        if p["a"] not in pos or p["b"] not in pos:
            continue
        kinds = distortions.get(tuple(sorted((p["a"], p["b"]))), [])  # type: ignore[arg-type]
        (xa, ya), (xb, yb) = pos[p["a"]], pos[p["b"]]
        edges[bool(kinds)]["x"] += [xa, xb, None]
        edges[bool(kinds)]["y"] += [ya, yb, None]
        mids["x"].append(_midpoint(xa, xb))
        mids["y"].append((ya + yb) / 2)
        mids["text"].append(f"{p['a']} ↔ {p['b']}: {p['relation']}"
                            + (f"; distortions: {', '.join(kinds)}" if kinds else "; no distortion"))
        mids["color"].append(DISTORTED if kinds else CLEAN)
    data: list[Figure] = [
        {"type": "scatter", "mode": "lines", "name": name, "x": edges[flag]["x"], "y": edges[flag]["y"],
         "hoverinfo": "skip", "line": {"color": DISTORTED if flag else CLEAN, "width": 3 if flag else 1.5}}
        for flag, name in ((False, "siblings, faithful"), (True, "siblings, with distortions"))
    ]
    data.append({"type": "scatter", "mode": "markers", "name": "sibling pair", "showlegend": False,
                 "x": mids["x"], "y": mids["y"], "text": mids["text"], "hovertemplate": "%{text}<extra></extra>",
                 "marker": {"size": 7, "symbol": "diamond", "color": mids["color"]}})
    ids = sorted(pos)
    data.append({"type": "scatter", "mode": "markers+text", "name": "article",
                 "x": [pos[a][0] for a in ids], "y": [pos[a][1] for a in ids],
                 "text": [str(nodes.get(a, {}).get("outlet") or "") for a in ids], "textposition": "top center",
                 "customdata": [link(a) for a in ids],
                 "hovertext": [f"{nodes.get(a, {}).get('outlet') or ''}: {nodes.get(a, {}).get('title') or a}" for a in ids],
                 "hovertemplate": "%{hovertext}<extra></extra>", "marker": {"size": 12, "color": "#2f5d8a"}})
    return {"data": data, "layout": {**_LAYOUT, "height": 140 + 90 * max(len(groups), 1),
                                     "margin": {"l": 40, "r": 20, "t": 30, "b": 40},
                                     "xaxis": {"type": "date", "title": {"text": "published"}},
                                     "yaxis": {"visible": False, "range": [-0.5, len(groups) - 0.3]}}}


def _midpoint(a: str, b: str) -> str:
    """The moment halfway between two ISO times (either one when the other does not parse)."""
    try:
        left, right = datetime.fromisoformat(a), datetime.fromisoformat(b)
    except ValueError:
        return b or a
    return (left + (right - left) / 2).isoformat(timespec="seconds")


def appearances_figure(days: Mapping[str, int]) -> Figure:
    """Return a bar chart of articles per publication day (an entity's appearances over time)."""
    xs = sorted(days)
    return {"data": [{"type": "bar", "x": xs, "y": [days[d] for d in xs], "name": "articles",
                      "hovertemplate": "%{x}: %{y} article(s)<extra></extra>", "marker": {"color": "#2f5d8a"}}],
            "layout": {**_LAYOUT, "height": 240, "showlegend": False, "margin": {"l": 40, "r": 20, "t": 20, "b": 40},
                       "xaxis": {"type": "date"}, "yaxis": {"title": {"text": "articles"}, "dtick": 1}}}
