#!/usr/bin/env python3
"""Build demo/corpus/cc-news-sample-2024-10.warc.gz from the HTML pages in demo/warc-src/.

The output mimics a tiny CC-NEWS segment: one leading ``warcinfo`` record and
one ``response`` record (HTTP/1.1 200, text/html; charset=utf-8) per page.
It is deterministic: WARC-Date values are fixed and every WARC-Record-ID is a
UUID derived from the target URI, so re-running the script yields a
byte-identical file.

Usage:  python demo/make_warc.py
Needs:  warcio
"""
from __future__ import annotations

import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc-src"
OUT = HERE / "corpus" / "cc-news-sample-2024-10.warc.gz"
WARC_FILENAME = OUT.name

# Namespace for deterministic record ids (uuid5 of the URI inside it).
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://telusur.invalid/demo-warc")

# (source file, target URI, crawl time as WARC-Date, Last-Modified header)
PAGES = [
    (
        "kabarnusantara-2024-10-24-austin-bukti-tentara-korut.html",
        "https://www.kabarnusantara.com/internasional/20241024/as-akui-ada-bukti-tentara-korut-di-rusia",
        "2024-10-24T06:02:41Z",
        "Thu, 24 Oct 2024 04:25:00 GMT",
    ),
    (
        "harianselat-2024-10-31-dk-pbb-tentara-korut.html",
        "https://harianselat.id/dunia/2024/10/31/dk-pbb-memanas-rusia-sebut-tuduhan-tentara-korut-kebohongan",
        "2024-10-31T03:17:09Z",
        "Thu, 31 Oct 2024 00:50:00 GMT",
    ),
]

WARCINFO_DATE = "2024-10-24T06:00:00Z"


def record_id(key: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(NS, key)}>"


def http_date(warc_date: str) -> str:
    """'2024-10-24T06:02:41Z' -> 'Thu, 24 Oct 2024 06:02:41 GMT'."""
    from datetime import datetime, timezone

    dt = datetime.strptime(warc_date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return dt.strftime("%a, %d %b %Y %H:%M:%S GMT")


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = {
            "software": "telusur-demo make_warc.py (warcio)",
            "format": "WARC File Format 1.1",
            "description": "Telusur demo corpus: two news pages in CC-NEWS style. "
            "All text is original and written for Telusur; outlets are fictional.",
            "isPartOf": "telusur-demo-cc-news",
            "operator": "Telusur demo",
        }
        rec = writer.create_warcinfo_record(WARC_FILENAME, info)
        rec.rec_headers.replace_header("WARC-Record-ID", record_id("warcinfo:" + WARC_FILENAME))
        rec.rec_headers.replace_header("WARC-Date", WARCINFO_DATE)
        writer.write_record(rec)

        for fname, uri, warc_date, last_modified in PAGES:
            body = (SRC / fname).read_bytes()
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", http_date(warc_date)),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Last-Modified", last_modified),
                    ("Cache-Control", "max-age=300"),
                ],
                protocol="HTTP/1.1",
            )
            rec = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={
                    "WARC-Record-ID": record_id(uri),
                    "WARC-Date": warc_date,
                    "WARC-Warcinfo-ID": record_id("warcinfo:" + WARC_FILENAME),
                    "WARC-Identified-Payload-Type": "text/html",
                },
            )
            writer.write_record(rec)
    print(f"wrote {OUT.relative_to(HERE.parent)} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
