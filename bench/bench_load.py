"""Load on a running ``telusur serve``: latency and throughput of the main pages and API under wrk.

Usage: python bench/bench_load.py [--db DB | --keep DIR] [--connections 50] [--seconds 30]
                                  [--threads 2] [--timeout 30] [--no-during-analyze] [--extra-n 1000]

What it measures. The script starts ``telusur serve --db DB --port P`` as a subprocess on
127.0.0.1 and a free port, waits until it answers, and for each endpoint runs
``wrk -t2 -c50 -d30s --latency --timeout 30s -s SCRIPT.lua URL``: 50 connections kept busy
for 30 s (closed loop: each connection sends its next request when the last one is
answered). The generated Lua script rotates over many addresses so the figures are not
those of one hot page: 500 article pages, 500 offsets of the API article list, a few
hundred real title words for the search page and the API search, the index, the 50
largest stories and the 500 entities with most articles. wrk's output gives requests/s,
p50/p90/p99 latency and the errors (socket errors, and responses other than 2xx/3xx,
which the Lua script also counts by status). Each endpoint line says whether its target is
met: p99 <= 200 ms for the article page, search and API lists, <= 1000 ms for the index and
story pages (and no errors); the entity page has no target. Every 0.5 s the script sums
the server's RSS (VmRSS of the server process and its children, from /proc) and prints
the peak of each round.

Then (``--during-analyze``, on by default) the same endpoints again, side by side, against
a server on a copy of the database while ``telusur analyze EXTRA --db COPY --workers 1``
adds ``--extra-n`` new articles to it; each endpoint says whether the analyze was running
all through its run, and the analyze is stopped if it outlasts the round.

The database: ``--db DB`` uses an existing Telusur database, which is not modified (the
analysing round works on a copy). Without it, one of about 11,000 articles is built from
real text: ``../shared/tools/indosum_pages.py`` (beside the clone) writes the ~3,000 IndoSum articles as
scraped-looking pages, with four seeds into four sub-folders (the same articles, wrapped
differently, under other ids: copies across outlets, as wire copies are), and
``telusur analyze`` stores them (several minutes on 2 cores). ``--keep DIR`` keeps that
database as DIR/telusur.db and reuses it when present. The data is read in place at run
time; nothing of it is written into the repository.

Caveat: wrk, the server (one uvicorn process) and, in the second round, the analyze share
the machine's cores, so the figures are those of the whole machine under load, not of the
server alone. wrk's own ``--timeout`` default of 2 s would leave slower responses out of the
latency histogram (counted as timeouts only), so the default here is 30 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from proctree import descendants  # noqa: E402

TELUSUR = ROOT / ".venv" / "bin" / "telusur"
INDOSUM_PAGES = ROOT.parent / "shared" / "tools" / "indosum_pages.py"  # the shared data beside the clone
HOST = "127.0.0.1"
RSS_POLL_SECONDS = 0.5
ARTICLE_PATHS = 500
OFFSET_PATHS = 500
STORY_PATHS = 50
ENTITY_PATHS = 500
SEARCH_WORDS = 300
LIST_LIMIT = 20
INSTALL_HINT = ("wrk is not installed. Install it with `sudo apt-get install -y wrk` (Debian/Ubuntu), "
                "`sudo dnf install wrk` (Fedora), `brew install wrk` (macOS), or build it from "
                "https://github.com/wg/wrk (`git clone https://github.com/wg/wrk && make -C wrk`) and put it on PATH.")
# endpoint -> p99 target in ms (None: no target)
TARGETS: dict[str, float | None] = {
    "index": 1000.0, "article": 200.0, "api_articles": 200.0, "search": 200.0, "api_search": 200.0,
    "story": 1000.0, "entity": None,
}
# frequent function words left out of the search words (they match nearly every article)
STOP = set("""yang dan di ke dari ini itu dengan untuk pada dalam tidak akan juga oleh ada atau karena
sudah telah bisa saat masih lebih menjadi tersebut bagi kami kita mereka para serta hingga agar namun
tak jadi soal usai kata bakal antara baru dua tiga satu""".split())


@dataclass
class Endpoint:
    """One endpoint under load: its name, the addresses the Lua script rotates over, and its p99 target."""

    name: str
    paths: list[str]
    target_ms: float | None


@dataclass
class Result:
    """What wrk reported for one endpoint (latencies in ms), plus the analyze's state around the run."""

    name: str
    p50: float | None = None
    p90: float | None = None
    p99: float | None = None
    rps: float = 0.0
    requests: int = 0
    non_2xx_3xx: int = 0
    socket_errors: dict[str, int] = field(default_factory=dict)
    statuses: dict[str, int] = field(default_factory=dict)
    analyze_note: str = ""
    raw: str = ""

    @property
    def errors(self) -> int:
        """Responses other than 2xx/3xx plus socket errors (connect, read, write, timeout)."""
        return self.non_2xx_3xx + sum(self.socket_errors.values())


# --------------------------------------------------------------------------------------
# machine and process figures
# --------------------------------------------------------------------------------------

def _cpu_times() -> tuple[int, int]:
    """Return (busy, total) jiffies of all CPUs from /proc/stat."""
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values) - idle, sum(values)


def cpu_busy(seconds: float = 1.0) -> float:
    """Return the share (0..1) of the machine's CPU time spent busy over the next ``seconds``."""
    busy0, total0 = _cpu_times()
    time.sleep(seconds)
    busy1, total1 = _cpu_times()
    return (busy1 - busy0) / max(1, total1 - total0)


def _vm_rss(pid: int) -> int:
    """Return the VmRSS of one process in bytes (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class RssSampler:
    """Sum the VmRSS of a process and its descendants every 0.5 s in a thread; keep the peak."""

    def __init__(self, pid: int) -> None:
        """Watch process ``pid`` (and its children) from now until ``stop``."""
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        """Sample until stopped."""
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(_vm_rss(p) for p in descendants(self.pid)))
            self._stop.wait(RSS_POLL_SECONDS)

    def stop(self) -> float:
        """Stop sampling; return the peak in MiB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


# --------------------------------------------------------------------------------------
# the database
# --------------------------------------------------------------------------------------

def write_pages(folder: Path, seed: int, n: int = 0) -> int:
    """Write IndoSum articles as pages into ``folder`` with ``indosum_pages.py``; return how many."""
    out = subprocess.run([sys.executable, str(INDOSUM_PAGES), str(folder), "--n", str(n), "--seed", str(seed)],
                         capture_output=True, text=True, check=True).stdout
    match = re.search(r"wrote (\d+) pages", out)
    return int(match.group(1)) if match else sum(1 for _ in folder.glob("*.txt"))


def build_database(db: Path, work: Path, seed: int, workers: int) -> None:
    """Write the IndoSum pages with four seeds into four sub-folders of ``work`` and analyse them into ``db``."""
    if not INDOSUM_PAGES.exists():
        sys.exit(f"missing {INDOSUM_PAGES}: pass --db with an existing Telusur database instead")
    pages = work / "pages"
    start = time.perf_counter()
    counts = [write_pages(pages / f"s{seed + k}", seed + k) for k in range(4)]
    print(f"build_pages: {sum(counts)} pages ({' + '.join(map(str, counts))}, seeds {seed}..{seed + 3}) "
          f"written in {time.perf_counter() - start:.0f} s", flush=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    log = work / "build.log"
    start = time.perf_counter()
    with open(log, "wb") as out:
        code = subprocess.run([str(TELUSUR), "analyze", str(pages), "--db", str(db), "--quiet", "--workers", str(workers)],
                              stdout=out, stderr=subprocess.STDOUT).returncode
    seconds = time.perf_counter() - start
    summary = _summary(log)
    print(f"build_analyze_time: {seconds:.0f} s ({sum(counts) / seconds:.1f} articles/s, --workers {workers}, exit {code})")
    print(f"build_analyze_summary: {summary}")
    shutil.rmtree(pages, ignore_errors=True)
    if code != 0:
        sys.exit(f"telusur analyze failed (exit {code}); see {log}")


def _summary(log: Path) -> str:
    """Return the 'read N, cleaned ...' line of an analyze log (or its tail)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return next((ln.strip() for ln in text.splitlines() if ln.startswith("read ")), text.strip()[-300:])


def _connect_ro(db: Path) -> sqlite3.Connection:
    """Open ``db`` read-only."""
    return sqlite3.connect(f"file:{quote(str(db.resolve()))}?mode=ro", uri=True)


def choose_endpoints(db: Path, seed: int) -> tuple[list[Endpoint], int]:
    """Pick the addresses of every endpoint from ``db``; return them and the number of articles."""
    import random

    rng = random.Random(seed)
    conn = _connect_ro(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
        stories = conn.execute("SELECT story_id, COUNT(*) AS n FROM story_members GROUP BY story_id "
                               "ORDER BY n DESC, story_id LIMIT ?", (STORY_PATHS,)).fetchall()
        entities = [r[0] for r in conn.execute("SELECT id FROM corpus_entities ORDER BY articles DESC, id LIMIT ?",
                                               (ENTITY_PATHS,))]
        titles = [r[0] for r in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL")]
    finally:
        conn.close()
    n = len(ids)
    if not n:
        sys.exit(f"{db} holds no articles")
    words = Counter(w for t in titles for w in set(re.findall(r"[a-z]{4,}", t.lower())) if w not in STOP)
    common = [w for w, _ in words.most_common(2000)]
    search_words = rng.sample(common, min(SEARCH_WORDS, len(common))) or ["jakarta"]
    articles = rng.sample(ids, min(ARTICLE_PATHS, n))
    offsets = sorted(rng.sample(range(max(1, n - LIST_LIMIT)), min(OFFSET_PATHS, max(1, n - LIST_LIMIT))))
    endpoints = [
        Endpoint("index", ["/"], TARGETS["index"]),
        Endpoint("article", ["/articles/" + quote(a, safe="") for a in articles], TARGETS["article"]),
        Endpoint("api_articles", [f"/api/v1/articles?limit={LIST_LIMIT}&offset={k}" for k in offsets], TARGETS["api_articles"]),
        Endpoint("search", [f"/search?q={quote(w)}" for w in search_words], TARGETS["search"]),
        Endpoint("api_search", [f"/api/v1/search?q={quote(w)}" for w in search_words], TARGETS["api_search"]),
    ]
    if stories:
        endpoints.append(Endpoint("story", ["/stories/" + quote(s, safe="") for s, _ in stories], TARGETS["story"]))
        print(f"stories: the {len(stories)} largest, {stories[-1][1]} to {stories[0][1]} articles")
    if entities:
        endpoints.append(Endpoint("entity", ["/entities/" + quote(e, safe="") for e in entities], TARGETS["entity"]))
    print(f"addresses: {len(articles)} articles, {len(offsets)} list offsets, {len(search_words)} search words "
          f"(e.g. {', '.join(search_words[:6])}), {len(stories)} stories, {len(entities)} entities")
    return endpoints, n


# --------------------------------------------------------------------------------------
# the server and wrk
# --------------------------------------------------------------------------------------

def free_port() -> int:
    """Return a TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float) -> tuple[int, float]:
    """GET ``url``; return (HTTP status, seconds); status 0 when there was no HTTP answer."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            resp.read()
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (OSError, urllib.error.URLError):
        status = 0
    return status, time.perf_counter() - start


class Server:
    """``telusur serve`` on a database, as a subprocess on 127.0.0.1 and a free port."""

    def __init__(self, db: Path, log: Path, wait_seconds: float = 120.0) -> None:
        """Start the server and wait until it answers; exit with its log when it never does."""
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self._log = open(log, "wb")
        self.proc = subprocess.Popen([str(TELUSUR), "serve", "--db", str(db), "--host", HOST, "--port", str(self.port)],
                                     stdout=self._log, stderr=subprocess.STDOUT)
        start = time.perf_counter()
        while time.perf_counter() - start < wait_seconds:
            if self.proc.poll() is not None:
                self._log.close()
                sys.exit(f"telusur serve ended with exit {self.proc.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
            if _get(self.url + "/favicon.ico", 2.0)[0]:
                self.ready_seconds = time.perf_counter() - start
                return
            time.sleep(0.1)
        self.stop()
        sys.exit(f"telusur serve did not answer within {wait_seconds:.0f} s; see {log}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def wrk_version() -> str:
    """Return wrk's version line (``wrk -v`` prints it, then its usage)."""
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    first = (out.stdout or out.stderr).strip().splitlines()
    return first[0].split(" Copyright")[0] if first else "unknown"


def _lua_string(s: str) -> str:
    """Return ``s`` as a Lua string literal."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lua_script(paths: list[str]) -> str:
    """Return a wrk script rotating over ``paths`` (each thread from its own offset) that counts responses by status."""
    listing = ",\n".join("  " + _lua_string(p) for p in paths)
    return f"""-- generated by bench/bench_load.py
local paths = {{
{listing}
}}
local threads = {{}}
local started = 0

function setup(thread)
  started = started + 1
  thread:set("offset", started * 7919)
  table.insert(threads, thread)
end

function init(args)
  i = offset or 0
  statuses = {{}}
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {{}}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  local out = {{}}
  for k, v in pairs(total) do table.insert(out, tostring(k) .. "=" .. tostring(v)) end
  io.write("STATUS " .. table.concat(out, " ") .. "\\n")
end
"""


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(value: str, unit: str) -> float:
    """Return a wrk duration (number and unit) in ms."""
    return float(value) * _UNITS_MS[unit]


def parse_wrk(name: str, text: str) -> Result:
    """Parse wrk's ``--latency`` output (and the Lua script's STATUS line) into a Result."""
    res = Result(name, raw=text)
    for pct, value, unit in re.findall(r"^\s+(50|90|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M):
        setattr(res, f"p{pct}", _ms(value, unit))
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        res.rps = float(m.group(1))
    if m := re.search(r"(\d+) requests in", text):
        res.requests = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        res.non_2xx_3xx = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        res.socket_errors = {k: int(v) for k, v in zip(("connect", "read", "write", "timeout"), m.groups()) if int(v)}
    if m := re.search(r"^STATUS ?(.*)$", text, re.M):
        res.statuses = dict(kv.split("=", 1) for kv in m.group(1).split()) if m.group(1).strip() else {}
    return res


def check_paths(server: Server, endpoint: Endpoint, sample: int = 3) -> None:
    """GET the first few addresses of ``endpoint`` once (warm, and catch a page that never answers); print problems."""
    for path in endpoint.paths[:sample]:
        status, seconds = _get(server.url + path, 120.0)
        if status != 200:
            print(f"  check {endpoint.name}: {path[:80]} -> {status or 'no answer'} after {seconds:.1f} s", flush=True)


def run_wrk(server: Server, endpoint: Endpoint, args: argparse.Namespace, work: Path) -> Result:
    """Run wrk on ``endpoint`` against ``server``; return the parsed result."""
    script = work / f"{endpoint.name}.lua"
    script.write_text(lua_script(endpoint.paths), encoding="utf-8")
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
           "--timeout", f"{args.timeout}s", "-s", str(script), server.url + endpoint.paths[0]]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.seconds + args.timeout + 120)
    res = parse_wrk(endpoint.name, proc.stdout + proc.stderr)
    if proc.returncode != 0:
        print(f"  wrk exit {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-500:]}")
    return res


def verdict(res: Result, target: float | None) -> str:
    """Return 'met' / 'not met (...)' for a result against its p99 target (and no errors)."""
    if target is None:
        return "no target"
    why = []
    if res.p99 is None or res.p99 > target:
        why.append("p99 over")
    if res.errors:
        why.append(f"{res.errors} errors")
    return "met" if not why else f"not met ({', '.join(why)})"


def _f(ms: float | None) -> str:
    """Format a latency in ms (or 'n/a')."""
    return "n/a" if ms is None else (f"{ms:.1f}" if ms < 100 else f"{ms:.0f}")


def line(res: Result, target: float | None) -> str:
    """Return the one-line summary of an endpoint's result."""
    errs = f"{res.errors} errors"
    detail = {**{f"status {k}": v for k, v in res.statuses.items() if not k.startswith(("2", "3"))}, **res.socket_errors}
    if detail:
        errs += " (" + ", ".join(f"{k} {v}" for k, v in detail.items()) + ")"
    goal = "no target" if target is None else f"target p99 <= {target:.0f} ms: {verdict(res, target)}"
    note = f"; {res.analyze_note}" if res.analyze_note else ""
    return (f"{res.name}: p50 {_f(res.p50)} ms, p90 {_f(res.p90)} ms, p99 {_f(res.p99)} ms, {res.rps:.1f} req/s, "
            f"{errs} [{res.requests} requests; {goal}{note}]")


def run_round(label: str, db: Path, endpoints: list[Endpoint], args: argparse.Namespace, work: Path,
              analyze: subprocess.Popen[bytes] | None = None) -> tuple[list[Result], float]:
    """Serve ``db`` and load every endpoint in turn; return the results and the server's peak RSS in MiB."""
    print(f"\n== round: {label} ==")
    print(f"cpu_busy_before_{label}: {cpu_busy() * 100:.0f}% of {os.cpu_count()} CPUs (1 s sample); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    server = Server(db, work / f"serve-{label}.log")
    print(f"server: {server.url} (pid {server.proc.pid}) answered after {server.ready_seconds:.1f} s", flush=True)
    sampler = RssSampler(server.proc.pid)
    results: list[Result] = []
    try:
        for ep in endpoints:
            check_paths(server, ep)
            running_before = analyze is not None and analyze.poll() is None
            res = run_wrk(server, ep, args, work)
            if analyze is not None:
                running_after = analyze.poll() is None
                res.analyze_note = ("analyze running throughout" if running_before and running_after else
                                    "analyze ended during this run" if running_before else "analyze had ended before this run")
            results.append(res)
            print(line(res, ep.target_ms), flush=True)
            if server.proc.poll() is not None:
                print(f"server ended with exit {server.proc.returncode} during {ep.name}; see {work}/serve-{label}.log")
                break
    finally:
        peak = sampler.stop()
        server.stop()
    print(f"server_peak_rss_{label}: {peak:.0f} MiB (server process and children, sampled every {RSS_POLL_SECONDS} s)")
    return results, peak


def copy_database(db: Path, dest: Path) -> None:
    """Copy ``db`` and its write-ahead log (if any) to ``dest``."""
    shutil.copy2(db, dest)
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, dest.with_name(dest.name + "-wal"))


def _fingerprint(db: Path) -> tuple[int, int]:
    """Return (size, mtime in ns) of ``db``, to check it was left alone."""
    st = db.stat()
    return st.st_size, st.st_mtime_ns


def side_by_side(endpoints: list[Endpoint], idle: list[Result], busy: list[Result]) -> None:
    """Print both rounds side by side, then the same as a markdown table."""
    by_idle = {r.name: r for r in idle}
    by_busy = {r.name: r for r in busy}
    print("\n== side by side: idle | during analyze ==")
    for ep in endpoints:
        a, b = by_idle.get(ep.name), by_busy.get(ep.name)
        if a is None:
            continue
        right = (f"p50 {_f(b.p50)} / p99 {_f(b.p99)} ms, {b.rps:.1f} req/s, {b.errors} errors, {verdict(b, ep.target_ms)}"
                 if b else "not run")
        print(f"{ep.name}: p50 {_f(a.p50)} / p99 {_f(a.p99)} ms, {a.rps:.1f} req/s, {a.errors} errors, "
              f"{verdict(a, ep.target_ms)} | {right}")
    print("\n| endpoint | idle p50 / p99 (ms) | during analyze p50 / p99 (ms) | target p99 | met (idle / during) |")
    print("|---|---|---|---|---|")
    for ep in endpoints:
        a, b = by_idle.get(ep.name), by_busy.get(ep.name)
        if a is None:
            continue
        target = "none" if ep.target_ms is None else f"<= {ep.target_ms:.0f} ms"
        during = f"{_f(b.p50)} / {_f(b.p99)}" if b else "not run"
        met = f"{verdict(a, ep.target_ms)} / {verdict(b, ep.target_ms) if b else '-'}"
        print(f"| {ep.name} | {_f(a.p50)} / {_f(a.p99)} | {during} | {target} | {met} |")


def main() -> None:
    """Parse arguments, get the database, run the idle round and the round during analyze, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing Telusur database (left unmodified)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="without --db: keep the built database as DIR/telusur.db (reused when present)")
    parser.add_argument("--connections", type=int, default=50, help="wrk connections (default 50)")
    parser.add_argument("--seconds", type=int, default=30, help="seconds of load per endpoint (default 30)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--timeout", type=int, default=30,
                        help="wrk's timeout in s (default 30; slower responses count as timeouts, not latencies)")
    parser.add_argument("--seed", type=int, default=1, help="first of the page seeds (build: seed..seed+3, extra: seed+4)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="analyze workers for the build")
    parser.add_argument("--extra-n", type=int, default=1000, help="articles the analyze adds during the second round")
    parser.add_argument("--during-analyze", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the endpoints while an analyze writes a copy of the database (default on)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print(INSTALL_HINT, file=sys.stderr)
        sys.exit(2)
    if not TELUSUR.exists():
        sys.exit(f"missing {TELUSUR}: install Telusur into .venv first (make install)")
    if args.db is not None and not args.db.is_file():
        sys.exit(f"no database file {args.db}")

    load = os.getloadavg()
    cpus = os.cpu_count() or 1
    print(f"telusur_commit: {synth.code_version()}")
    print(f"cpus: {cpus}")
    print(f"load_average_before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1, 5, 15 min)")
    print(f"machine_busy_before: {'yes' if load[0] >= 0.5 * cpus else 'no'} "
          f"(busy when the 1-min load average is at least half the CPU count)")
    print(f"wrk: {wrk_version()}")
    print(f"load: {args.connections} connections, {args.threads} wrk threads, {args.seconds} s per endpoint, "
          f"timeout {args.timeout} s", flush=True)

    work = Path(tempfile.mkdtemp(prefix="telusur-bench-load-"))
    try:
        if args.db is not None:
            db = args.db
            print(f"database: {db} (given)")
        else:
            folder = args.keep if args.keep is not None else work
            db = folder / "telusur.db"
            if db.exists():
                print(f"database: {db} (kept from an earlier run, reused)")
            else:
                print(f"database: building {db} from the IndoSum articles ...", flush=True)
                start = time.perf_counter()
                build_database(db, work, args.seed, args.workers)
                print(f"build_time: {time.perf_counter() - start:.0f} s")
        db_bytes = sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())
        endpoints, n = choose_endpoints(db, args.seed)
        print(f"database_size: {n} articles, {db_bytes / 2**20:.0f} MiB")
        before = _fingerprint(db)

        idle, idle_peak = run_round("idle", db, endpoints, args, work)
        if args.db is not None:
            print(f"database_unchanged: {'yes' if _fingerprint(db) == before else 'no (size or mtime changed)'}")
        if not args.during_analyze:
            return

        copy = work / "copy.db"
        copy_database(db, copy)
        extra = work / "extra"
        count = write_pages(extra, args.seed + 4, args.extra_n)
        print(f"\nextra_pages: {count} pages (seed {args.seed + 4}) for the analyze on a copy of the database")
        analyze_log = work / "analyze.log"
        with open(analyze_log, "wb") as out:
            start = time.perf_counter()
            analyze = subprocess.Popen([str(TELUSUR), "analyze", str(extra), "--db", str(copy), "--quiet", "--workers", "1"],
                                       stdout=out, stderr=subprocess.STDOUT)
            ended_at: list[float] = []

            def watch() -> None:
                """Note when the analyze ends."""
                analyze.wait()
                ended_at.append(time.perf_counter() - start)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            try:
                busy, busy_peak = run_round("during_analyze", copy, endpoints, args, work, analyze)
            finally:
                round_seconds = time.perf_counter() - start
                stopped = analyze.poll() is None
                if stopped:
                    analyze.terminate()
                    try:
                        analyze.wait(30)
                    except subprocess.TimeoutExpired:
                        analyze.kill()
                        analyze.wait()
                watcher.join(5)
        if stopped:
            print(f"analyze: still running when the round ended after {round_seconds:.0f} s; stopped")
        else:
            print(f"analyze: exit {analyze.returncode} after {ended_at[0] if ended_at else round_seconds:.0f} s, "
                  f"before the round ended ({round_seconds:.0f} s): the endpoints after it ran without it "
                  f"(see each line's note)")
            print(f"analyze_summary: {_summary(analyze_log)}")
        side_by_side(endpoints, idle, busy)
        print(f"\nserver_peak_rss: idle {idle_peak:.0f} MiB | during analyze {busy_peak:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if args.keep is not None and args.db is None:
            print(f"kept: {args.keep / 'telusur.db'}")


if __name__ == "__main__":
    main()
