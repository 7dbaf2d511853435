"""Long articles coded window by window (heron.windows): the same result as coding them whole.

Every text here is our own.  A "long" article repeats a handful of
paragraphs whose events need nothing from earlier paragraphs; coded with a
small window (2,000 characters) it must give exactly the events, actor
mentions and drops of the article coded whole, with offsets and sentence
indices counted in the whole article.
"""

from __future__ import annotations

from datetime import date

import pytest

from heron import nlp
from heron.model import Actor, Article, Block, Event
from heron.pipeline import ArticleResult, PipelineOptions, iter_results
from heron.read.limits import WINDOW_CHARS
from heron.windows import shift_event, window_article

WINDOW = 2_000
OPENING = "MUSCAT (Reuters) - Iran and Oman held talks on Sunday."
PARAGRAPHS = [
    "France condemned the missile strike on Ukraine and demanded that Russia withdraw its troops.",
    "Japan and South Korea agreed to resume talks on fishing rights next month.",
    "Egyptian police arrested dozens of protesters in Cairo after a rally against rising prices.",
    "Germany pledged humanitarian aid to Sudan, where fighting has displaced thousands of families.",
    "India accused Pakistan of shelling villages along the border in Kashmir on Monday.",
    "Brazil expelled a Venezuelan diplomat over remarks about its election.",
    "The United Nations urged Ethiopia and Eritrea to respect the ceasefire.",
    "Turkey threatened to impose sanctions on Greece over the dispute in the Aegean.",
]
PUBLISHED = date(2024, 3, 6)


def long_article(repeats: int = 12, article_id: str = "long") -> Article:
    text = "\n\n".join([OPENING, *PARAGRAPHS * repeats])
    return Article(id=article_id, text=text, published=PUBLISHED)


def coded(article: Article, window_chars: int) -> ArticleResult:
    [result] = list(iter_results([article], PipelineOptions(window_chars=window_chars)))
    assert isinstance(result, ArticleResult)
    return result


def facts(result: ArticleResult) -> list[tuple[object, ...]]:
    return [(e.id, e.sentence_index, e.span, e.code, e.source, e.target, e.sentence, e.trigger, e.rule,
             e.negated, e.modality, e.date, e.location, e.evidence, e.quad_class, e.goldstein)
            for e in result.events]


@pytest.fixture
def parsed_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the windowed path hands to the parser."""
    lengths: list[int] = []
    real = nlp.parse_one

    def spy(text: str):  # noqa: ANN202 - a spaCy Doc
        lengths.append(len(text))
        return real(text)

    monkeypatch.setattr(nlp, "parse_one", spy)
    return lengths


@pytest.mark.slow
def test_a_long_article_coded_in_windows_gives_the_events_of_the_whole(parsed_lengths):
    article = long_article()
    whole = coded(article, 0)
    assert parsed_lengths == []  # coded whole: no window parsed
    windowed = coded(article, WINDOW)
    # It really was windowed: several windows, none longer than the window size.
    assert len(parsed_lengths) == len(nlp.split_long(article.text, WINDOW)) >= 4
    assert max(parsed_lengths) <= WINDOW and sum(parsed_lengths) == len(article.text)
    assert len(whole.events) > 50
    assert facts(windowed) == facts(whole)
    assert windowed.mentions == whole.mentions
    assert windowed.drops == whole.drops
    assert windowed.article is article and windowed.coder_version == whole.coder_version


@pytest.mark.slow
def test_without_a_dateline_later_windows_are_placed_by_the_lead():
    # The lead sentence starts at character 0, as every window's first sentence does in
    # the window's own offsets: none of those must be taken for the lead.
    text = long_article().text.replace(OPENING, "Iran and Oman held talks in Geneva on Sunday.")
    article = Article(id="lead", text=text, published=PUBLISHED)
    whole, windowed = coded(article, 0), coded(article, WINDOW)
    starts = {sum(map(len, nlp.split_long(article.text, WINDOW)[:n])) for n in range(1, 4)}
    at_edges = [e for e in windowed.events if article.text.rfind("\n\n", 0, e.span[0]) + 2 in starts]
    assert at_edges and all(e.location is not None and e.location.rule == "lead" for e in at_edges)
    assert facts(windowed) == facts(whole)


@pytest.mark.slow
def test_the_scene_named_early_places_later_windows():
    # No dateline, no lead: the town the article keeps placing things in is its scene.
    # Only the first window names it; the later ones are placed there as in the whole.
    scene = ["Egyptian police arrested dozens of protesters in Cairo after a rally.",
             "Riot police detained students at a march in Cairo."]
    rest = [p for p in PARAGRAPHS if "Cairo" not in p]
    opening = ["Iran and Oman held talks on Sunday.", rest[4]]  # two sentences that name no town: no lead
    article = Article(id="scene", text="\n\n".join([*opening, *scene, *rest * 12]), published=PUBLISHED)
    whole, windowed = coded(article, 0), coded(article, WINDOW)
    later = [e for e in windowed.events if e.span[0] > WINDOW and "Kashmir" not in e.sentence]
    assert later and all(e.location is not None and (e.location.name, e.location.rule) == ("Cairo", "scene")
                         for e in later)
    assert facts(windowed) == facts(whole)


@pytest.mark.slow
def test_a_windows_place_context_holds_what_the_article_said_so_far():
    from heron.where import Gazetteer, PlaceContext
    from heron.windows import place_context

    gaz = Gazetteer.load()
    first = nlp.parse_one("KABUL (Reuters) - Envoys met in Herat on Monday.\n\nPakistan and India protested.")
    second = nlp.parse_one("Peru and India signed a deal in Lima.\n\nTalks were held in Lima again.")
    context, so_far = place_context(first, gaz, 0, None)
    assert context == PlaceContext.build(first, gazetteer=gaz)  # the first window: as if it were the article
    assert context.dateline_city == "Kabul" and context.lead_place is not None
    later, so_far = place_context(second, gaz, 5_000, so_far)
    assert later.countries == ("PAK", "IND", "PER")  # in order of first mention in the article
    assert later.dateline_city == "Kabul" and later.lead_place == context.lead_place
    assert later.lead_sentence == context.lead_sentence - 5_000 < 0
    assert so_far.tally["Lima"][0] == 2 and so_far.tally["Herāt"][0] == 1
    assert later.scene is not None and later.scene.name == "Lima"


@pytest.mark.slow
def test_windowed_offsets_sentences_and_ids_are_the_whole_articles():
    article = long_article()
    text = article.text
    result = coded(article, WINDOW)
    sentences = [s.text.strip() for s in nlp.parse_one(text).sents]
    ids = [e.id for e in result.events]
    assert len(ids) == len(set(ids))
    last_window_start = len(text) - len(nlp.split_long(text, WINDOW)[-1])
    assert max(e.span[0] for e in result.events) >= last_window_start  # events from the last window too
    for ev in result.events:
        lo, hi = ev.span
        assert ev.sentence == sentences[ev.sentence_index]
        assert text[lo:hi] in ev.sentence and ev.trigger.split()[0] in text[lo:hi]
        assert text.rfind(ev.sentence, 0, hi) <= lo
        for actor in (ev.source, ev.target):
            assert actor.start < 0 or text[actor.start:actor.end] == actor.text
    assert all(text[m.start:m.end] == m.text for m in result.mentions)


@pytest.mark.slow
def test_a_later_window_is_dated_and_placed_by_the_articles_opening():
    result = coded(long_article(), WINDOW)
    last = [e for e in result.events if e.code[:2] == "13" and e.source.code == "TUR"][-1]
    assert last.span[0] > 3 * WINDOW  # in the fourth window or later
    # The lead's "Sunday" dates the later, undated deeds of the story; the dateline places them.
    assert last.date is not None and last.date.value == date(2024, 3, 3) and last.date.phrase == "Sunday"
    assert last.location is not None and (last.location.name, last.location.rule) == ("Muscat", "dateline")
    # A date in the sentence itself still wins: "on Monday" is 4 March.
    shelling = [e for e in result.events if e.source.code == "IND" and e.target.code == "PAK"][-1]
    assert shelling.date is not None and shelling.date.value == date(2024, 3, 4)


@pytest.mark.slow
def test_a_restatement_across_a_window_edge_is_merged_as_in_the_whole():
    fill = PARAGRAPHS[3:6]
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < WINDOW - 100:
        paragraphs.append(fill[len(paragraphs) % 3])
    said = "Japan and South Korea held talks on fishing rights."
    again = "Japan and South Korea discussed the catch quotas at length."
    article = Article(id="edge", text="\n\n".join([*paragraphs, said, again, *fill]), published=PUBLISHED)
    first, *_ = nlp.split_long(article.text, WINDOW)
    assert first.endswith(said + "\n\n")  # the two sentences fall in two windows
    whole, windowed = coded(article, 0), coded(article, WINDOW)
    merged = [e for e in windowed.events if again in e.evidence]
    assert merged and merged[0].sentence == said
    assert facts(windowed) == facts(whole)


@pytest.mark.slow
def test_blocks_of_a_later_window_still_apply():
    base = long_article(4)
    heading = "Russia condemned France over the border dispute."
    text = base.text + "\n\n" + heading + "\n\n" + PARAGRAPHS[0]
    start = text.index(heading)
    article = Article(id="blocks", text=text, published=PUBLISHED,
                      blocks=(Block("paragraph", 0, start), Block("heading", start, start + len(heading)),
                              Block("paragraph", start + len(heading) + 2, len(text))))
    assert start > WINDOW
    whole, windowed = coded(article, 0), coded(article, WINDOW)
    assert not [e for e in windowed.events if e.sentence == heading]  # headings are not coded
    assert [e for e in windowed.events if e.span[0] > start]  # the paragraph after it is
    assert facts(windowed) == facts(whole)


@pytest.mark.slow
def test_short_articles_are_coded_whole(monkeypatch):
    import heron.windows

    calls: list[str] = []
    real = heron.windows.code_in_windows

    def spy(coder, article, window_chars):  # noqa: ANN001, ANN202
        calls.append(article.id)
        return real(coder, article, window_chars)

    monkeypatch.setattr(heron.windows, "code_in_windows", spy)
    short = Article(id="short", text=OPENING + "\n\n" + PARAGRAPHS[0], published=PUBLISHED)
    exact = Article(id="exact", text="\n\n".join(PARAGRAPHS)[:WINDOW], published=PUBLISHED)
    items = list(iter_results([short, exact, long_article(article_id="long")],
                              PipelineOptions(window_chars=len(exact.text))))
    assert [r.article.id for r in items if isinstance(r, ArticleResult)] == ["short", "exact", "long"]
    assert calls == ["long"]  # at the window size or under it: whole, as before windowing
    assert PipelineOptions().window_chars == WINDOW_CHARS


@pytest.mark.slow
def test_a_window_that_fails_to_parse_names_the_article_and_the_batch_goes_on(monkeypatch):
    from heron.model import ReadFailure

    real = nlp.parse_one

    def failing(text: str):  # noqa: ANN202
        if "Aegean" in text and not text.startswith("GENEVA"):
            raise ValueError("bad window")
        return real(text)

    monkeypatch.setattr(nlp, "parse_one", failing)
    good = Article(id="good", text=PARAGRAPHS[0], published=PUBLISHED)
    items = list(iter_results([long_article(), good], PipelineOptions(window_chars=WINDOW)))
    assert isinstance(items[0], ReadFailure)
    assert "cannot parse: ValueError: bad window" in items[0].reason and "'long'" in items[0].input
    assert isinstance(items[1], ArticleResult) and items[1].events


def test_window_article_moves_blocks_into_the_window():
    article = Article(id="a", text="x" * 300, blocks=(Block("title", 0, 50), Block("paragraph", 52, 300)))
    part = window_article(article, 100, "x" * 100)
    assert part.text == "x" * 100 and part.id == "a"
    assert part.blocks == (Block("paragraph", 0, 100),)
    first = window_article(article, 0, "x" * 100)
    assert first.blocks == (Block("title", 0, 50), Block("paragraph", 52, 100))


def test_shift_event_counts_in_the_whole_article():
    src = Actor("FRA", "France", start=3, end=9)
    tgt = Actor("RUS", "Russia", start=-1, end=-1)
    ev = Event("a", 2, src, tgt, "111", "France condemned it.", (3, 20), "rule")
    moved = shift_event(ev, 1_000, 40)
    assert (moved.sentence_index, moved.span) == (42, (1_003, 1_020))
    assert (moved.source.start, moved.source.end) == (1_003, 1_009)
    assert (moved.target.start, moved.target.end) == (-1, -1)
    # The id is the one the event would have had, coded whole, at sentence 42.
    assert moved.id == Event("a", 42, src, tgt, "111", "France condemned it.", (3, 20), "rule").id != ev.id
