"""The explorer's JSON API through FastAPI's TestClient: filters, downloads, limits, bad input, injection.

The store is written here from events made up for the test (no spaCy needed),
so every expected count below follows from the rows written.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from heron.model import Actor, Article, Event, EventDate, Location  # noqa: E402
from heron.store import Store  # noqa: E402
from heron.web.app import create_app  # noqa: E402
from heron.web.settings import MAX_BODY_BYTES, ServerSettings  # noqa: E402
from heron.web.store_access import StoreBusy, check_store  # noqa: E402

TEXT_A = ("Chile and Peru signed a trade pact in Lima on Monday. "
          "Chilean police clashed with miners in Antofagasta.")
TEXT_B = "Peru accused Bolivia of smuggling. The Bolivian army fired on a Peruvian patrol."


def _event(article_id: str, text: str, index: int, source: str, target: str, code: str, quad: int,
           goldstein: float, day: date | None, place: tuple[str, str, float, float] | None,
           trigger: str, negated: bool = False) -> Event:
    start = text.index(trigger)
    location = Location(*place, "city", None, "clause", 0.7) if place else None
    return Event(article_id=article_id, sentence_index=index, source=Actor(source, source.lower()),
                 target=Actor(target, target.lower()), code=code, sentence=text.split(". ")[index],
                 span=(start, start + len(trigger)),
                 rule="test.rule", negated=negated, quad_class=quad, goldstein=goldstein,
                 date=EventDate(day, "day", "Monday") if day else None, location=location, trigger=trigger)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("webapi") / "store.duckdb"
    lima = ("Lima", "PER", -12.05, -77.04)
    anto = ("Antofagasta", "CHL", -23.65, -70.4)
    a = Article(id="south/pact", text=TEXT_A, title="Pact in Lima", published=date(2024, 3, 4))
    b = Article(id="border", text=TEXT_B, title="Border shots", published=date(2024, 5, 10))
    with Store(path) as store:
        store.write(a, [
            _event(a.id, TEXT_A, 0, "CHL", "PER", "057", 2, 8.0, date(2024, 3, 4), lima, "signed"),
            _event(a.id, TEXT_A, 1, "CHLCOP", "CHLLAB", "145", 4, -7.5, date(2024, 3, 5), anto, "clashed"),
        ], [Actor("CHL", "Chile", "Chile", "country-name:Chile", 0, 5)])
        store.write(b, [
            _event(b.id, TEXT_B, 0, "PER", "BOL", "112", 3, -2.0, None, None, "accused"),
            _event(b.id, TEXT_B, 1, "BOLMIL", "PERMIL", "190", 4, -10.0, date(2024, 5, 9), lima, "fired",
                   negated=True),
        ])
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    app = create_app(ServerSettings(db=db, store_wait_s=0.3), preload_coder=False)
    return TestClient(app)


def test_stats_and_pages(client):
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["events"], stats["placed"]) == (2, 4, 3)
    for page in ("/", "/articles", "/articles/south/pact", "/events", "/network", "/timeline", "/map",
                 "/code", "/api"):
        response = client.get(page)
        assert response.status_code == 200, page
        assert "<script src=\"/static/js/common.js\">" in response.text
        assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(("query", "expected"), [
    ("", 4), ("actor=CHL", 2), ("actor=per", 3), ("source=BOL", 1), ("target=PER", 2),
    ("dyad=PER,BOL", 2), ("dyad=BOL,PER", 2), ("country=BOL", 2), ("role=MIL", 1), ("code=14", 1),
    ("code=1", None), ("quad=4", 2), ("quad=3&quad=4", 3), ("since=2024-05-01", 2),
    ("until=2024-03-04", 1), ("place=lima", 2), ("place=CHL", 1), ("q=smuggling", 1), ("article=border", 2),
    ("real=true", 3), ("lat_min=-13&lat_max=-12&lon_min=-78&lon_max=-77", 2),
])
def test_event_filters(client, query, expected):
    response = client.get(f"/api/events?{query}")
    if expected is None:
        assert response.status_code == 422  # a CAMEO code prefix has two digits at least
        return
    assert response.status_code == 200, response.text
    assert response.json()["total"] == expected


def test_undated_event_counts_on_its_publication_day(client):
    # The accusation has no date of its own; it was reported on 2024-05-10.
    page = client.get("/api/events?since=2024-05-10&until=2024-05-10").json()
    assert [e["code"] for e in page["events"]] == ["112"]


def test_sort_and_paging(client):
    page = client.get("/api/events?sort=goldstein&order=asc&limit=2&offset=1").json()
    assert page["total"] == 4
    assert [e["goldstein"] for e in page["events"]] == [-7.5, -2.0]
    first = client.get("/api/events?sort=goldstein&order=desc&limit=1").json()["events"][0]
    assert first["code"] == "057" and first["code_name"] and first["quad_name"] == "material cooperation"


def test_one_event_and_one_article(client):
    event_id = client.get("/api/events?code=057").json()["events"][0]["id"]
    found = client.get(f"/api/events/{event_id}").json()
    assert found["location"]["name"] == "Lima" and found["date_phrase"] == "Monday"
    article = client.get("/api/articles/south/pact").json()
    assert article["title"] == "Pact in Lima" and len(article["events"]) == 2
    assert article["mentions"][0]["code"] == "CHL" and article["mentions"][0]["end"] == 5
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/events/00ff").status_code == 404


def test_article_search(client):
    assert client.get("/api/articles").json()["total"] == 2
    assert [a["id"] for a in client.get("/api/articles?q=BOLIVIA").json()["articles"]] == ["border"]
    assert client.get("/api/articles?q=south/pact").json()["total"] == 1


def test_downloads_follow_the_filter(client):
    csv_text = client.get("/api/events.csv?actor=PER").text
    lines = csv_text.strip().splitlines()
    assert len(lines) == 1 + 3 and lines[0].startswith("id,article_id,source_code")
    jsonl = client.get("/api/events.jsonl?quad=4")
    assert jsonl.headers["content-disposition"].startswith("attachment")
    records = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(records) == 2
    assert {"article_id", "source", "target", "code", "sentence", "negated"} <= set(records[0])
    assert client.get("/api/events.csv?quad=1").text == ""


def test_network_timeline_places(client):
    net = client.get("/api/network").json()
    pairs = {(e["a"], e["b"]): e for e in net["edges"]}
    assert set(pairs) == {("CHL", "PER"), ("BOL", "PER")}  # CHLCOP-CHLLAB is inside one country
    assert pairs[("BOL", "PER")]["n"] == 2 and pairs[("BOL", "PER")]["conflict"] == 2
    actors = client.get("/api/network?level=actor").json()
    assert ("CHLCOP", "CHLLAB") in {(e["a"], e["b"]) for e in actors["edges"]}
    months = client.get("/api/timeline?interval=month").json()["buckets"]
    assert [(b["period"], b["n"]) for b in months] == [("2024-03-01", 2), ("2024-05-01", 2)]
    days = client.get("/api/timeline?interval=day&dyad=PER,BOL").json()["buckets"]
    assert [(b["period"], b["q3"], b["q4"]) for b in days] == [("2024-05-09", 0, 1), ("2024-05-10", 1, 0)]
    places = client.get("/api/places").json()
    assert {p["name"]: p["n"] for p in places["places"]} == {"Lima": 2, "Antofagasta": 1}
    assert places["unplaced"] == 1


@pytest.mark.parametrize("query", [
    "quad=7", "quad=x", "since=yesterday", "since=2024-05-02&until=2024-05-01", "limit=0", "limit=100000",
    "offset=-1", "sort=sentence", "order=up", "actor=%27%3B%20DROP%20TABLE%20events%3B--",
    "country=RUSSIA", "role=G0V", "code=19%27", "dyad=USA", "lat_min=-10",
    "lat_min=95&lat_max=96&lon_min=0&lon_max=1",
    "q=" + "x" * 201, "article=" + "a" * 501,
])
def test_bad_filters_are_422_with_one_line(client, query):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422, (query, response.text)
    message = response.json()["error"]
    assert isinstance(message, str) and "\n" not in message and message


def test_other_routes_validate_too(client):
    assert client.get("/api/network?level=planet").status_code == 422
    assert client.get("/api/network?limit=100000").status_code == 422
    assert client.get("/api/timeline?interval=hour").status_code == 422
    assert client.get("/api/places?limit=0").status_code == 422
    assert client.get("/api/articles?limit=501").status_code == 422
    assert client.get("/api/events.csv?limit=999999999").status_code == 422
    assert client.get("/api/events/not-hex").status_code == 422


INJECTIONS = [
    "'; DROP TABLE events; --", "\" OR 1=1 --", "x') OR ('1'='1", "1; ATTACH '/tmp/evil.duckdb' AS evil",
    "'; COPY events TO '/tmp/leak.csv'; --", "' UNION SELECT * FROM read_csv('/etc/passwd') --",
    "%' OR '%'='", "\\x00", "🙂'--",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_are_only_data(client, db, text):
    for route in ("/api/events", "/api/articles", "/api/network", "/api/timeline", "/api/places"):
        response = client.get(route, params={"q": text} if route != "/api/network" else {"place": text})
        assert response.status_code == 200, (route, response.text)
    assert client.get("/api/events", params={"q": text}).json()["total"] == 0
    assert client.get("/api/events", params={"article": text}).json()["total"] == 0
    assert client.get(f"/api/articles/{text}").status_code in (404, 422)
    assert not Path("/tmp/leak.csv").exists() and not Path("/tmp/evil.duckdb").exists()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchall() == [(4,)]


@pytest.mark.parametrize("path", [
    "/static/../heron/store.py", "/static/%2e%2e/%2e%2e/store.py", "/static/..%2f..%2fstore.py",
    "/static/js/../../../../etc/passwd", "/static//etc/passwd", "/articles/../../etc/passwd",
])
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), path
    assert "root:" not in response.text and "import duckdb" not in response.text


def test_static_assets_are_vendored(client):
    atlas = client.get("/static/vendor/world-atlas/countries-110m.json")
    assert atlas.status_code == 200 and atlas.json()["type"] == "Topology"
    assert client.get("/static/js/map.js").status_code == 200
    assert client.get("/docs").status_code == 404  # FastAPI's docs page would load a CDN


def test_openapi_describes_the_filters(client):
    spec = client.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "country", "role", "code", "quad", "since", "until", "place", "q", "real",
            "sort", "order", "limit", "offset"} <= params
    for route in ("/api/network", "/api/timeline", "/api/places", "/api/events.csv", "/api/events.jsonl"):
        assert {"actor", "quad", "since"} <= {p["name"] for p in spec["paths"][route]["get"]["parameters"]}


def test_paste_limits(client):
    too_big = client.post("/api/code", content=b"{\"text\": \"" + b"a" * (MAX_BODY_BYTES + 10) + b"\"}",
                          headers={"content-type": "application/json"})
    assert too_big.status_code == 413 and "bytes" in too_big.json()["error"]
    too_long = client.post("/api/code", json={"text": "word " * 5000})
    assert too_long.status_code == 413 and "at most 20000" in too_long.json()["error"]
    assert client.post("/api/code", json={"text": "   "}).status_code == 422
    assert client.post("/api/code", json={"text": ""}).status_code == 422
    assert client.post("/api/code", json={"text": 5}).status_code == 422
    assert client.post("/api/code", json={"text": "a", "date": "soon"}).status_code == 422
    assert client.post("/api/code", content=b"not json", headers={"content-type": "application/json"}
                       ).status_code == 422
    refused = client.post("/api/code", json={"text": "Peru met Chile.", "store": True})
    assert refused.status_code == 403 and "--writable" in refused.json()["error"]


def test_chunked_body_over_the_limit_is_refused(client):
    def chunks():
        for _ in range(MAX_BODY_BYTES // 1024 + 5):
            yield b"x" * 1024

    response = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_paste_time_cap(db, monkeypatch):
    """A coding that runs past the cap answers 504; the one coding slot is held until it ends."""
    import heron.pipeline

    def slow(*args, **kwargs):
        time.sleep(1.5)
        raise AssertionError("not reached by the request")

    monkeypatch.setattr(heron.pipeline, "code_text", slow)
    app = create_app(ServerSettings(db=db, paste_timeout_s=0.3), preload_coder=False)
    paste = app.fastapi.state.paste
    paste._coder = object()  # loaded (never used: code_text is replaced)
    paste._ready.set()
    with TestClient(app) as client:
        first = client.post("/api/code", json={"text": "Peru met Chile."})
        assert first.status_code == 504 and "longer than 0.3 s" in first.json()["error"]
        second = client.post("/api/code", json={"text": "Peru met Chile."})
        assert second.status_code == 503 and "another text" in second.json()["error"]


def test_busy_store_is_a_503(db, tmp_path):
    """While another process holds the write lock, requests wait briefly, then say so in one line."""
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(db.read_bytes())
    holder = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
        "time.sleep(30)"), str(copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        client = TestClient(create_app(ServerSettings(db=copy, store_wait_s=0.3), preload_coder=False))
        response = client.get("/api/events")
        assert response.status_code == 503
        assert response.json()["error"].startswith("store is busy")
        with pytest.raises(StoreBusy):  # `heron serve` then warns and starts anyway
            check_store(copy)
    finally:
        holder.kill()
        holder.wait()
    client = TestClient(create_app(ServerSettings(db=copy, store_wait_s=2), preload_coder=False))
    assert client.get("/api/events").json()["total"] == 4  # free again: the next request reads


def test_missing_store_is_a_503(tmp_path):
    client = TestClient(create_app(ServerSettings(db=tmp_path / "gone.duckdb"), preload_coder=False))
    response = client.get("/api/stats")
    assert response.status_code == 503 and "no such store" in response.json()["error"]


def test_csv_download_is_the_cli_csv(client, db, tmp_path):
    """The explorer's CSV has the columns and cells of `heron events --format csv`, row for row."""
    from heron.export import write_records

    with Store(db, read_only=True) as store:
        out = tmp_path / "cli.csv"
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_records(store.iter_events(), "csv", handle)
    cli = out.read_text(encoding="utf-8").splitlines()
    web = client.get("/api/events.csv").text.splitlines()
    assert web[0] == cli[0]
    assert sorted(web[1:]) == sorted(cli[1:]) and len(web) == 5


def test_loopback_detection():
    from heron.web.cli import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.3.2.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.4", "example.org", ""))


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "heron.cli", "serve", *args], capture_output=True, text=True,
                          timeout=120)


def test_serve_refuses_a_remote_address_without_the_flag(db):
    proc = _serve("--db", str(db), "--host", "0.0.0.0")
    assert proc.returncode == 2
    assert "--allow-remote" in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_serve_warns_for_a_remote_address_and_names_a_missing_store(tmp_path):
    proc = _serve("--db", str(tmp_path / "none.duckdb"), "--host", "0.0.0.0", "--allow-remote")
    assert proc.returncode == 2
    assert "warning: listening on 0.0.0.0" in proc.stderr
    assert "none.duckdb: no such store" in proc.stderr and "Traceback" not in proc.stderr
    assert _serve("--db", str(tmp_path / "none.duckdb"), "--port", "70000").returncode == 2


@pytest.mark.slow
def test_paste_codes_for_real_and_stores_only_when_asked(db, tmp_path):
    """The paste box through the real pipeline: events come back; a --writable server stores on request."""
    copy = tmp_path / "writable.duckdb"
    copy.write_bytes(db.read_bytes())
    text = "The foreign minister of Chile met the president of Peru in Lima on Monday."
    with TestClient(create_app(ServerSettings(db=copy, writable=True), preload_coder=False)) as client:
        coded = client.post("/api/code", json={"text": text, "date": "2024-06-05"}).json()
        assert coded["stored"] is None
        assert [(e["source"]["code"], e["code"], e["target"]["code"]) for e in coded["events"]] == [
            ("CHLGOV", "040", "PERGOV")]
        assert coded["events"][0]["date"] == "2024-06-03"  # "on Monday", before the 5th
        assert client.get("/api/stats").json()["articles"] == 2  # nothing stored yet
        stored = client.post("/api/code", json={"text": text, "date": "2024-06-05", "store": True}).json()
        assert stored["stored"].startswith("pasted-")
        article = client.get(f"/api/articles/{stored['stored']}").json()
        assert article["text"] == text and len(article["events"]) == 1
        assert client.get("/api/stats").json()["articles"] == 3
