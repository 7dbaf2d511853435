"""The one orchestrator: read → Article → nlp → Doc → code → Event.

The CLI, the web app, the evaluator and the Ray job all call this module;
none of them wires stages together on its own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, overload

from heron.model import Actor, Article, Event, ReadFailure
from heron.read.limits import MAX_ARTICLE_CHARS, WINDOW_CHARS

# Given articles about to be parsed, the ids that need no parsing (a store that holds
# them as this coder would code them); see Store.coded_by.
SkipCheck = Callable[[Sequence[Article]], Collection[str]]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from heron.actors import ActorKnowledge
    from heron.events.coder import EventCoder
    from heron.events.trace import Drop
    from heron.ontology import Ontology
    from heron.where import Gazetteer, PlaceContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PipelineOptions:
    actors_files: tuple[Path, ...] = ()
    batch_size: int = 16
    n_process: int = 1
    merge: bool = True
    # `--date`: the publication date of inputs whose own metadata (JSONL date,
    # HTML meta, WARC) gives none; it outranks guesses from the text.
    published: date | None = None
    # `--max-chars`: an article longer than this is coded only up to a paragraph
    # break before it, with a warning (heron.read.limits); 0 for no limit.
    max_chars: int = MAX_ARTICLE_CHARS
    # An article longer than this is parsed and coded window by window (heron.windows),
    # so its memory stays that of one window; 0 to parse and code every article whole.
    window_chars: int = WINDOW_CHARS


@dataclass(frozen=True)
class ArticleResult:
    article: Article
    events: tuple[Event, ...]
    mentions: tuple[Actor, ...] = ()
    drops: tuple[Drop, ...] = ()  # candidates a coding stage dropped, and why (heron.events.trace)
    coder_version: str | None = None  # heron.provenance.coder_version of the coder that made it

    @property
    def real_events(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.is_real)

    def output_events(self, include_hypothetical: bool = False) -> tuple[Event, ...]:
        """The events `heron code` prints.

        Negated events are printed (with ``negated: true``, which every
        consumer of the contract skips).  Hypothetical ones ("could impose
        sanctions if ...") carry no negation flag in the contract, so
        printing them would have them counted as real: they are left out
        unless asked for, and always stored with ``modality``.
        """
        return tuple(e for e in self.events if include_hypothetical or e.modality != "hypothetical")

    def records(self, include_hypothetical: bool = False) -> Iterator[dict[str, object]]:
        """``output_events`` as records, each with its article's url, title and published date."""
        article = self.article
        about = {"url": article.url, "title": article.title,
                 "published": article.published.isoformat() if article.published else None}
        for event in self.output_events(include_hypothetical):
            yield event.to_record() | about


@dataclass(frozen=True)
class CodedPart:
    """What :meth:`Coder.code_part` finds in one Doc: events dated and placed, not yet merged."""

    events: tuple[Event, ...]
    mentions: tuple[Actor, ...]
    drops: tuple[Drop, ...]


@dataclass(frozen=True)
class Skipped:
    """An article a :data:`SkipCheck` said needs no coding; it was not parsed."""

    article: Article


@dataclass(frozen=True)
class CompiledKnowledge:
    """The coder's knowledge in the form :mod:`heron.knowledge_cache` stores (one file, one load)."""

    knowledge: ActorKnowledge
    event_coder: EventCoder  # without its place lookup, which the Coder gives it
    ontology: Ontology


def compiled_knowledge(actors_files: Sequence[Path] = ()) -> CompiledKnowledge:
    """Actor knowledge, event coder and ontology: from the knowledge cache, else built (and cached)."""
    from heron.knowledge_cache import files_digest, load_or_build

    def build() -> CompiledKnowledge:
        from heron.actors import ActorKnowledge
        from heron.events.coder import EventCoder
        from heron.events.lexicon import default_lexicon
        from heron.events.modality import load_rules
        from heron.ontology import load_ontology

        return CompiledKnowledge(ActorKnowledge.load(actors_files),
                                 EventCoder(default_lexicon(), load_rules()), load_ontology())

    try:
        variant = files_digest(actors_files) if actors_files else ""
    except OSError:  # an unreadable --actors file: building says so, with its name
        return build()
    return load_or_build("coder", build, variant)


@dataclass
class Coder:
    """Everything needed to code parsed articles, loaded once per process."""

    options: PipelineOptions = field(default_factory=PipelineOptions)

    @cached_property
    def version(self) -> str:
        from heron.provenance import coder_version

        return coder_version(tuple(self.options.actors_files))

    @cached_property
    def compiled(self) -> CompiledKnowledge:
        return compiled_knowledge(self.options.actors_files)

    @cached_property
    def knowledge(self) -> ActorKnowledge:
        return self.compiled.knowledge

    @cached_property
    def ontology(self) -> Ontology:
        return self.compiled.ontology

    @cached_property
    def event_coder(self) -> EventCoder:
        coder = self.compiled.event_coder
        coder.place_country = self._place_country
        return coder

    def _place_country(self, name: str) -> str | None:
        place = self.gazetteer.lookup(name)
        return place.country if place is not None else None

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from heron.where import Gazetteer

        return Gazetteer.load()

    def code_doc(self, article: Article, doc: Doc) -> ArticleResult:
        part = self.code_part(article, doc)
        return ArticleResult(article, self.finish(part.events), part.mentions, part.drops, self.version)

    def code_part(self, article: Article, doc: Doc) -> CodedPart:
        """The events of ``doc`` (an article, or one window of a long one: heron.windows),
        dated and placed; merging restatements waits for :meth:`finish`, which sees the whole article."""
        from heron.actors import ArticleActors

        actors = ArticleActors.build(doc, self.knowledge, article.published)
        drops: list[Drop] = []
        events = self.event_coder.code(article, doc, actors, drops)
        events = [self._place_and_date(article, doc, ev) for ev in events]
        return CodedPart(tuple(events), tuple(actors.mentions()), tuple(drops))

    def finish(self, events: Sequence[Event]) -> tuple[Event, ...]:
        """An article's events, restatements merged, with their ontology values."""
        from heron.events.merge import merge_restatements

        kept = merge_restatements(events) if self.options.merge else list(events)
        return tuple(self._ontology_values(ev) for ev in kept)

    def _ontology_values(self, ev: Event) -> Event:
        info = self.ontology.describe(ev.code)
        plover = self.ontology.plover_for(ev.code)
        return replace(
            ev, quad_class=info.quad_class, goldstein=info.goldstein,
            plover=plover.type if plover else None, plover_mode=(plover.mode or None) if plover else None,
        )

    def _place_and_date(self, article: Article, doc: Doc, ev: Event) -> Event:
        from heron.when import resolve_event_date
        from heron.where import find_event_place

        sent, trigger = _locate(doc, ev)
        if sent is None or trigger is None:
            return ev
        # resolve_event_date reads tense from the trigger's own clause; forcing
        # future=True would also push "agreed on Tuesday to meet" forward
        when = resolve_event_date(sent, trigger, article.published)
        ctx = self._place_context(doc, article)
        where = find_event_place(sent, trigger, ctx, self.gazetteer, target_country=ev.target.country,
                                 actors=(ev.source, ev.target))
        return replace(ev, date=when, location=where)

    def _place_context(self, doc: Doc, article: Article) -> PlaceContext:
        from heron.where import PlaceContext

        # heron.windows puts a later window's context here first: the article's, not the window's
        cached = doc.user_data.get(PLACE_CONTEXT_KEY)
        if cached is None:
            cached = PlaceContext.build(doc)
            doc.user_data[PLACE_CONTEXT_KEY] = cached
        return cached


PLACE_CONTEXT_KEY = "heron_place_context"


def prepare_batch_process(coder: Coder) -> None:
    """Load every resource now and take it out of the garbage collector's way.

    For a process that codes many articles (the CLI, the benchmark, a
    worker): the model, actor knowledge and gazetteer are some hundred
    thousand objects that live as long as the process, and every full
    collection while coding would walk all of them (about 0.3 s each).
    ``gc.freeze()`` exempts the objects alive now; it is process-wide, so a
    library caller decides for itself whether to call this.
    """
    import gc

    from heron import nlp

    nlp.load()
    coder.knowledge  # noqa: B018 - load now
    coder.event_coder  # noqa: B018
    coder.gazetteer  # noqa: B018
    gc.freeze()


def doc_sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, listed once per Doc: an article has many events, and
    doc.sents is rebuilt on every call."""
    sents: list[Span] | None = doc.user_data.get("heron_sents")
    if sents is None:
        sents = doc.user_data["heron_sents"] = list(doc.sents)
    return sents  # the cached list itself: a copy per event would make long articles quadratic


def _locate(doc: Doc, ev: Event) -> tuple[Span | None, Token | None]:
    """The sentence and trigger token of an event, from its offsets."""
    sents = doc_sentences(doc)
    if not 0 <= ev.sentence_index < len(sents):
        return None, None
    sent = sents[ev.sentence_index]
    first = ev.trigger.split()[0] if ev.trigger else ""
    for tok in sent:
        if tok.text == first and ev.span[0] <= tok.idx < ev.span[1]:
            return sent, tok
    return sent, sent.root


def iter_results(items: Iterable[Article | ReadFailure], options: PipelineOptions | None = None,
                 coder: Coder | None = None, skip: SkipCheck | None = None,
                 ) -> Iterator[ArticleResult | ReadFailure | Skipped]:
    """Parse and code articles in batches; read failures pass straight through.

    With ``skip``, each batch is checked before parsing and the articles it
    names come out as :class:`Skipped`, never parsed.
    """
    from heron import nlp
    from heron.read.limits import cap_article

    options = options or PipelineOptions()
    coder = coder or Coder(options)
    pending: list[Article] = []

    def flush() -> Iterator[ArticleResult | ReadFailure | Skipped]:
        if not pending:
            return
        known = skip(pending) if skip is not None else ()
        for article in pending:
            if article.id in known:
                yield Skipped(article)
        todo = [a for a in pending if a.id not in known]
        pending.clear()
        for run in _runs(todo, options.window_chars):
            if isinstance(run, Article):  # longer than a window
                yield _code_windowed(coder, run, options.window_chars)
            else:
                yield from code_whole(run)

    def code_whole(todo: list[Article]) -> Iterator[ArticleResult | ReadFailure]:
        try:
            docs: list[Doc | BaseException] = list(nlp.parse(
                (a.text for a in todo), batch_size=options.batch_size, n_process=options.n_process))
        except Exception:  # one bad text must not take the batch down: parse them one by one
            docs = [_parse_alone(a) for a in todo]
        for article, doc in zip(todo, docs, strict=True):
            if isinstance(doc, BaseException):
                yield ReadFailure(_input_name(article), f"cannot parse: {type(doc).__name__}: {doc}")
                continue
            try:
                yield coder.code_doc(article, doc)
            except Exception as exc:  # a coding bug on one article: name it, code the rest
                log.debug("coding %s failed", article.id, exc_info=True)
                yield ReadFailure(_input_name(article), f"cannot code: {type(exc).__name__}: {exc}")

    for item in items:
        if isinstance(item, ReadFailure):
            yield from flush()
            yield item
            continue
        pending.append(cap_article(item, options.max_chars, _input_name(item)))
        if len(pending) >= options.batch_size * 4:
            yield from flush()
    yield from flush()


def _runs(articles: list[Article], window_chars: int) -> Iterator[list[Article] | Article]:
    """The articles in order: runs of those parsed whole, and each one longer than a window alone.

    A run is parsed in one ``nlp.parse`` call as the whole batch was before
    windowing (nlp.parse itself ends a batch of short texts at a long one), so
    ordinary articles are parsed in the very same batches.
    """
    run: list[Article] = []
    for article in articles:
        if 0 < window_chars < len(article.text):
            if run:
                yield run
                run = []
            yield article
        else:
            run.append(article)
    if run:
        yield run


def _code_windowed(coder: Coder, article: Article, window_chars: int) -> ArticleResult | ReadFailure:
    from heron.windows import WindowParseError, code_in_windows

    try:
        return code_in_windows(coder, article, window_chars)
    except WindowParseError as exc:
        cause = exc.__cause__
        return ReadFailure(_input_name(article), f"cannot parse: {type(cause).__name__}: {cause}")
    except Exception as exc:  # as for a whole article: name it, code the rest
        log.debug("coding %s failed", article.id, exc_info=True)
        return ReadFailure(_input_name(article), f"cannot code: {type(exc).__name__}: {exc}")


def _parse_alone(article: Article) -> Doc | BaseException:
    from heron import nlp

    try:
        return next(nlp.parse([article.text]))
    except Exception as exc:
        return exc


def _input_name(article: Article) -> str:
    """How a failure names the article: its file, and its id where the file holds many."""
    if article.source_path is None:
        return f"article {article.id!r}"
    if article.source_path.endswith((".jsonl", ".warc", ".warc.gz")):
        return f"{article.source_path} (article {article.id!r})"
    return article.source_path


@overload
def code_paths(paths: Sequence[str], options: PipelineOptions | None = None, coder: Coder | None = None,
               skip: None = None) -> Iterator[ArticleResult | ReadFailure]: ...


@overload
def code_paths(paths: Sequence[str], options: PipelineOptions | None, coder: Coder | None,
               skip: SkipCheck) -> Iterator[ArticleResult | ReadFailure | Skipped]: ...


def code_paths(paths: Sequence[str], options: PipelineOptions | None = None,
               coder: Coder | None = None, skip: SkipCheck | None = None,
               ) -> Iterator[ArticleResult | ReadFailure | Skipped]:
    """Read, parse and code every input; the public entry point (``skip``: see iter_results)."""
    yield from iter_results(read_paths(paths, options), options, coder, skip)


def read_paths(paths: Sequence[str],
               options: PipelineOptions | None = None) -> Iterator[Article | ReadFailure]:
    """The read stage alone, as ``code_paths`` sees it (``--date`` applied).

    ``heron batch`` reads here, in one place, so its article ids are the ones
    a direct ingest of the same inputs gives, and codes them elsewhere.
    """
    from heron.read import iter_articles

    items = iter_articles(paths)
    if options is not None and options.published is not None:
        items = (_dated(item, options.published) for item in items)
    return items


_METADATA_SOURCES = frozenset({"metadata", "html-meta", "warc"})


def _dated(item: Article | ReadFailure, published: date) -> Article | ReadFailure:
    """The caller's publication date, for an article whose metadata gave none."""
    if isinstance(item, ReadFailure) or item.published_source in _METADATA_SOURCES:
        return item
    return replace(item, published=published, published_source="option")


def code_text(text: str, article_id: str = "text", published: date | None = None,
              coder: Coder | None = None) -> ArticleResult:
    """Code one plain text in memory (tests, notebooks, the web app)."""
    article = Article(id=article_id, text=text, published=published)
    result = next(iter_results([article], coder=coder))
    assert isinstance(result, ArticleResult)
    return result
