"""The explorer in a real headless browser (Debian's chromium driven by Playwright).

A store is built from the shipped example articles with `heron ingest`, a real
`heron serve` is started on 127.0.0.1 at a free port, and every page is loaded,
filtered and clicked as a researcher would.  Screenshots land in
test-artefacts/web/ (gitignored) for a person to look at.

`make test` installs chromium when /usr/bin/chromium is missing; without it
(or without Playwright) these tests skip and say why.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("HERON_CHROMIUM", "/usr/bin/chromium"))
ARTEFACTS = ROOT / "test-artefacts" / "web"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.slow

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed "
                               "(it is a dev dependency: make dev)")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing: `make test` installs Debian's chromium with apt-get",
                allow_module_level=True)

# A text of our own for the paste box: a meeting in one capital and a protest in another.
PASTED = ("The foreign minister of Chile met the president of Peru in Lima on Monday. "
          "Protesters in Santiago denounced the Chilean government over rising fuel prices.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("web") / "examples.duckdb"
    heron = [sys.executable, "-m", "heron.cli"]
    ingest = subprocess.run([*heron, "ingest", str(ROOT / "examples"), "--db", str(db), "-q"],
                            capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    port = _free_port()
    proc = subprocess.Popen([*heron, "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/stats", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"heron serve did not start: {proc.communicate()[1]}")
        time.sleep(0.3)
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=server)
    tab = context.new_page()
    problems: list[str] = []
    tab.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    tab.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
           if msg.type == "error" else None)
    # Every request must stay on this server: the app works with no network.
    outside: list[str] = []
    tab.on("request", lambda req: None if req.url.startswith(server) else outside.append(req.url))
    yield tab
    context.close()
    assert not problems, problems
    assert not outside, f"requests left the server: {outside}"


def shot(tab, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)


def test_overview_shows_the_store(page):
    page.goto("/")
    page.wait_for_selector(".stat .n")
    stats = page.locator(".stat .n").all_inner_texts()
    assert stats[0] == "4" and int(stats[1]) > 10  # four example articles, their events
    assert page.locator("ol.ranked li").count() > 3
    shot(page, "overview")


def test_articles_search_and_article_page(page):
    page.goto("/articles")
    page.wait_for_selector(".article-card")
    assert page.locator(".article-card").count() == 4
    page.fill("input[name=q]", "ceasefire")
    page.click("form.filters button[type=submit]")
    sync_api.expect(page.locator(".article-card")).to_have_count(1)
    assert "Ceasefire" in page.locator(".article-card h3").inner_text()
    shot(page, "articles")
    page.click(".article-card h3 a")
    page.wait_for_selector(".text .seg-actor")
    assert page.locator(".event-card").count() > 2
    assert page.locator(".seg-trig").count() > 2
    page.locator(".seg-trig").first.click()
    drawer = page.locator("#drawer")
    drawer.wait_for(state="visible")
    text = drawer.inner_text()
    for label in ("Source", "Target", "resolved by", "CAMEO", "PLOVER", "Goldstein", "Modality", "Negated",
                  "Date", "Place", "Pattern", "trigger"):
        assert label in text, f"{label!r} missing from the event drawer"
    assert page.locator(".seg-focus").count() >= 1
    shot(page, "article")


def test_events_filter_sort_page_and_download(page):
    page.goto("/events")
    page.wait_for_selector("table.events tr.row")
    total = int(page.locator(".toolbar .muted").inner_text().split()[0])
    assert total > 10
    page.check("input[name=quad][value='3']")
    page.check("input[name=quad][value='4']")
    page.click("form.filters button[type=submit]")
    sync_api.expect(page.locator(".toolbar .muted")).not_to_have_text(f"{total} events match")
    badges = page.locator("table.events .badge").all_inner_texts()
    assert badges and all(b in {"verbal conflict", "material conflict"} for b in badges)
    assert "quad=3" in page.url and "quad=4" in page.url  # the filter is in the address, to share
    page.click("th.sortable:has-text('Goldstein')")
    page.wait_for_selector("th.sortable:has-text('Goldstein') .arrow")
    values = [float(v) for v in page.locator("table.events td.num").all_inner_texts()]
    assert values == sorted(values, reverse=True)
    href = page.locator("a:has-text('Download CSV')").get_attribute("href")
    assert href and "quad=3" in href and "quad=4" in href
    page.locator("table.events tr.row").first.click()
    page.locator("#drawer").wait_for(state="visible")
    assert "Goldstein" in page.locator("#drawer").inner_text()
    shot(page, "events")


def test_network_edge_lists_its_events(page):
    page.goto("/network")
    page.wait_for_selector("svg line.edge")
    assert page.locator("svg g.node").count() >= 4
    shot(page, "network")
    page.locator("svg line.edge").first.click(force=True)
    page.wait_for_selector("table.events tr.row")
    assert "events (" in page.locator("h2").first.inner_text()
    shot(page, "network-edge")


def test_timeline_for_a_dyad(page):
    page.goto("/timeline")
    page.wait_for_selector("svg rect.bar")
    page.select_option("select[name=interval]", "day")
    page.fill("input[name=a]", "EST")
    page.fill("input[name=b]", "RUS")
    page.click("form.filters button[type=submit]")
    sync_api.expect(page.locator("main p.muted")).to_contain_text("between EST and RUS")
    assert page.locator("svg rect.bar").count() >= 1
    shot(page, "timeline")


def test_map_clusters_are_clickable(page):
    page.goto("/map")
    page.wait_for_selector("svg circle.cluster")
    assert page.locator("svg path.land").count() > 150  # the vendored world boundaries drew
    shot(page, "map")
    page.locator("svg circle.cluster").first.click(force=True)
    page.wait_for_selector("table.events tr.row")
    page.click("button[title='zoom in']")
    page.wait_for_selector("svg circle.cluster")
    shot(page, "map-cluster")


def test_code_a_pasted_text(page):
    page.goto("/code")
    page.wait_for_selector("textarea.paste")
    page.fill("textarea.paste", PASTED)
    assert "characters" in page.locator(".counter").inner_text()
    page.click("button:has-text('Code it')")
    page.wait_for_selector(".event-card", timeout=120_000)
    assert "not stored" in page.locator("main").inner_text()
    assert page.locator(".seg-actor").count() >= 2
    page.locator(".event-card").first.click()
    page.locator("#drawer").wait_for(state="visible")
    assert "PER" in page.locator("#drawer").inner_text() or "CHL" in page.locator("#drawer").inner_text()
    shot(page, "code")


def test_api_page_lists_the_routes(page):
    page.goto("/api")
    page.wait_for_selector("table.data tbody tr")
    assert "/api/events.csv" in page.locator("table.data").inner_text()
