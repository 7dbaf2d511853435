"""Event dates: phrase reading (no parser) and clause attachment (with the shared parser)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.tokens import Span, Token

from heron.model import EventDate
from heron.when import TemporalError, event_date_phrases, load_temporal, read_phrase, resolve_event_date

TUE = date(2015, 10, 27)  # a Tuesday
FRI_JAN2 = date(2026, 1, 2)  # a Friday, early in the year


def day(phrase: str, published: date | None = TUE, future: bool = False) -> EventDate | None:
    reading = read_phrase(phrase, published, future)
    return reading.date


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(("phrase", "future", "want"), [
    ("Tuesday", False, date(2015, 10, 27)),  # the publication day itself counts
    ("on Sunday", False, date(2015, 10, 25)),
    ("Monday", False, date(2015, 10, 26)),
    ("Wednesday", False, date(2015, 10, 21)),
    ("Thursday", True, date(2015, 10, 29)),  # "will meet on Thursday"
    ("Tuesday", True, date(2015, 10, 27)),
    ("Monday", True, date(2015, 11, 2)),
    ("last Tuesday", False, date(2015, 10, 20)),
    ("next Tuesday", False, date(2015, 11, 3)),
    ("Thursday night", False, date(2015, 10, 22)),
    ("the early hours of Sunday morning", False, date(2015, 10, 25)),
    ("Monday's", False, date(2015, 10, 26)),
])
def test_weekdays(phrase: str, future: bool, want: date) -> None:
    got = day(phrase, future=future)
    assert got is not None and got.value == want and got.precision == "day" and got.end is None


def test_two_weekdays_make_a_range() -> None:
    past = day("on Thursday and Friday")
    assert past == EventDate(date(2015, 10, 22), "day", "on Thursday and Friday", end=date(2015, 10, 23))
    ahead = day("Thursday and Friday", future=True)
    assert ahead is not None and (ahead.value, ahead.end) == (date(2015, 10, 29), date(2015, 10, 30))
    # Friday to Monday wraps over the weekend.
    wrap = day("Friday through Monday", future=True)
    assert wrap is not None and (wrap.value, wrap.end) == (date(2015, 10, 30), date(2015, 11, 2))


def test_weekday_across_the_new_year() -> None:
    got = day("Tuesday", FRI_JAN2)
    assert got is not None and got.value == date(2025, 12, 30)


# --------------------------------------------------------------------------- relative days and periods


@pytest.mark.parametrize(("phrase", "want"), [
    ("yesterday", date(2015, 10, 26)),
    ("today", date(2015, 10, 27)),
    ("tonight", date(2015, 10, 27)),
    ("last night", date(2015, 10, 26)),
    ("tomorrow", date(2015, 10, 28)),
    ("two days ago", date(2015, 10, 25)),
])
def test_relative_days(phrase: str, want: date) -> None:
    got = day(phrase)
    assert got is not None and got.value == want and got.precision == "day"


def test_yesterday_on_new_years_day() -> None:
    got = day("yesterday", date(2016, 1, 1))
    assert got is not None and got.value == date(2015, 12, 31)


@pytest.mark.parametrize(("phrase", "published", "start", "end", "precision"), [
    ("last week", TUE, date(2015, 10, 19), date(2015, 10, 25), "week"),
    ("last week", FRI_JAN2, date(2025, 12, 22), date(2025, 12, 28), "week"),
    ("this week", TUE, date(2015, 10, 26), date(2015, 11, 1), "week"),
    ("earlier this week", TUE, date(2015, 10, 26), date(2015, 11, 1), "week"),
    ("next week", date(2015, 12, 30), date(2016, 1, 4), date(2016, 1, 10), "week"),
    ("last month", date(2016, 1, 15), date(2015, 12, 1), date(2015, 12, 31), "month"),
    ("this month", TUE, date(2015, 10, 1), date(2015, 10, 31), "month"),
    ("next month", date(2015, 12, 3), date(2016, 1, 1), date(2016, 1, 31), "month"),
    ("last year", TUE, date(2014, 1, 1), date(2014, 12, 31), "year"),
    ("late last year", TUE, date(2014, 1, 1), date(2014, 12, 31), "year"),
    ("last month's", TUE, date(2015, 9, 1), date(2015, 9, 30), "month"),
])
def test_relative_periods(phrase: str, published: date, start: date, end: date, precision: str) -> None:
    got = day(phrase, published)
    assert got is not None
    assert (got.value, got.end, got.precision) == (start, end, precision)


def test_last_weekend_is_saturday_to_sunday() -> None:
    got = day("last weekend")
    assert got is not None and (got.value, got.end) == (date(2015, 10, 24), date(2015, 10, 25))


# --------------------------------------------------------------------------- explicit dates, months, years


@pytest.mark.parametrize(("phrase", "published", "future", "want"), [
    ("Oct. 27, 2015", None, False, date(2015, 10, 27)),
    ("27 October 2015", None, False, date(2015, 10, 27)),
    ("on March 3", TUE, False, date(2015, 3, 3)),
    ("Oct. 27", TUE, False, date(2015, 10, 27)),
    ("Nov. 2", TUE, False, date(2014, 11, 2)),  # no year: the nearest one not after publication
    ("Nov. 2", TUE, True, date(2015, 11, 2)),
    ("Dec. 30", date(2016, 1, 2), False, date(2015, 12, 30)),
    ("Jan. 5", date(2015, 12, 28), True, date(2016, 1, 5)),
    ("Tuesday, Oct. 20", TUE, False, date(2015, 10, 20)),
    ("2015-10-21", None, False, date(2015, 10, 21)),
    ("21/10/2015", None, False, date(2015, 10, 21)),  # numeric forms go to dateparser, day first
])
def test_explicit_dates(phrase: str, published: date | None, future: bool, want: date) -> None:
    got = day(phrase, published, future)
    assert got is not None and got.value == want and got.precision == "day"


@pytest.mark.parametrize(("phrase", "published", "future", "want"), [
    ("in July", TUE, False, date(2015, 7, 1)),
    ("in November", TUE, False, date(2014, 11, 1)),
    ("in November", TUE, True, date(2015, 11, 1)),
    ("in December", date(2016, 1, 10), False, date(2015, 12, 1)),
    ("July 2013", TUE, False, date(2013, 7, 1)),
    ("mid-July", TUE, False, date(2015, 7, 1)),
])
def test_months(phrase: str, published: date, future: bool, want: date) -> None:
    got = day(phrase, published, future)
    assert got is not None and got.value == want and got.precision == "month"
    assert got.end is not None and got.end.month == want.month and got.end.day >= 28


def test_year_alone() -> None:
    got = day("in 2014")
    assert got == EventDate(date(2014, 1, 1), "year", "in 2014", end=date(2014, 12, 31))


@pytest.mark.parametrize(("phrase", "start", "end", "precision"), [
    ("between 1989 and 2010", date(1989, 1, 1), date(2010, 12, 31), "year"),
    ("from March to May", date(2015, 3, 1), date(2015, 5, 31), "month"),
    ("2012-2014", date(2012, 1, 1), date(2014, 12, 31), "year"),
])
def test_ranges(phrase: str, start: date, end: date, precision: str) -> None:
    got = day(phrase)
    assert got is not None and (got.value, got.end, got.precision) == (start, end, precision)


@pytest.mark.parametrize("phrase", ["from 2010 to 2005", "March 3 and the following weeks", "10 to 12 years"])
def test_not_ranges(phrase: str) -> None:
    assert day(phrase) is None


@pytest.mark.parametrize("phrase", ["recently", "in recent days", "recent weeks", "the past few days",
                                    "over the past month"])
def test_vague_phrases(phrase: str) -> None:
    assert read_phrase(phrase, TUE).outcome == "vague"


@pytest.mark.parametrize("phrase", ["more than five weeks", "decades", "annual", "24 hours", "10 years"])
def test_durations_are_not_dates(phrase: str) -> None:
    assert read_phrase(phrase, TUE).outcome == "unknown"


def test_relative_phrases_need_a_publication_date() -> None:
    assert read_phrase("Tuesday", None).outcome == "unknown"
    assert read_phrase("last week", None).outcome == "unknown"


# --------------------------------------------------------------------------- clause attachment


def sentence(nlp_text: str, trigger: str) -> tuple[Span, Token]:
    from heron.nlp import parse_one

    doc = parse_one(nlp_text)
    tok = next(t for t in doc if t.text == trigger)
    return tok.sent, tok


@pytest.mark.slow
def test_date_of_the_reported_event_not_of_the_report() -> None:
    sent, attacked = sentence("Police said on Monday that gunmen attacked the village on Sunday.", "attacked")
    got = resolve_event_date(sent, attacked, TUE)
    assert got is not None and got.value == date(2015, 10, 25) and got.phrase == "Sunday"
    sent, said = sentence("Police said on Monday that gunmen attacked the village on Sunday.", "said")
    got = resolve_event_date(sent, said, TUE)
    assert got is not None and got.value == date(2015, 10, 26)
    # The only date belongs to the saying: a past it reports was done by then.
    sent, attacked = sentence("Police said on Monday that gunmen attacked the village.", "attacked")
    got = resolve_event_date(sent, attacked, TUE)
    assert got is not None and got.value == date(2015, 10, 26)


@pytest.mark.slow
def test_infinitive_does_not_start_a_new_clause() -> None:
    text = "The two ministers discussed ways to end the border dispute on Tuesday."
    sent, trig = sentence(text, "discussed")
    got = resolve_event_date(sent, trig, TUE)
    assert got is not None and got.value == TUE and got.precision == "day"


@pytest.mark.slow
def test_coordinated_verbs_share_a_date() -> None:
    text = "Rebels seized the town and killed ten soldiers on Monday."
    sent, trig = sentence(text, "seized")
    got = resolve_event_date(sent, trig, TUE)
    assert got is not None and got.value == date(2015, 10, 26)
    # A coordinated clause with its own subject, undated and in the same
    # tense, is told as happening the same day.
    sent, trig = sentence("The envoy arrived on Monday, and the rebels freed two hostages.", "freed")
    got = resolve_event_date(sent, trig, TUE)
    assert got is not None and (got.value, got.phrase) == (date(2015, 10, 26), "Monday")
    # Not across tenses: the release is yet to come.
    sent, trig = sentence("The envoy arrived on Monday, and the rebels will free two hostages.", "free")
    assert resolve_event_date(sent, trig, TUE) == EventDate(TUE, "publication", None)


@pytest.mark.slow
def test_participle_clause_keeps_its_own_date() -> None:
    sent, trig = sentence("The opposition sought to revive the truce signed in March.", "revive")
    assert event_date_phrases(sent, trig) == []
    assert resolve_event_date(sent, trig, TUE) == EventDate(TUE, "publication", None)


@pytest.mark.slow
def test_future_weekday_and_range() -> None:
    sent, trig = sentence("The foreign minister will visit Nairobi on Thursday.", "visit")
    got = resolve_event_date(sent, trig, TUE, future=True)
    assert got is not None and got.value == date(2015, 10, 29)
    text = "At the talks on Thursday and Friday, the envoys will discuss a ceasefire."
    sent, trig = sentence(text, "discuss")
    got = resolve_event_date(sent, trig, TUE, future=True)
    assert got is not None and (got.value, got.end) == (date(2015, 10, 29), date(2015, 10, 30))


@pytest.mark.slow
def test_noun_trigger_takes_its_clause_date() -> None:
    sent, trig = sentence("Army strikes killed twelve fighters in the north last week.", "strikes")
    got = resolve_event_date(sent, trig, FRI_JAN2)
    assert got is not None and got.precision == "week" and got.value == date(2025, 12, 22)


@pytest.mark.slow
def test_without_a_phrase_publication_or_nothing() -> None:
    sent, trig = sentence("The rebels seized the airport.", "seized")
    assert resolve_event_date(sent, trig, TUE) == EventDate(TUE, "publication", None)
    assert resolve_event_date(sent, trig, None) is None


@pytest.mark.slow
def test_vague_phrase_gives_no_date() -> None:
    sent, trig = sentence("The rebels recently seized the airport.", "seized")
    assert resolve_event_date(sent, trig, TUE) is None


@pytest.mark.slow
def test_explicit_date_in_clause() -> None:
    sent, trig = sentence("The treaty was signed in Lisbon on 13 December 2007.", "signed")
    got = resolve_event_date(sent, trig, TUE)
    assert got is not None and got.value == date(2007, 12, 13)


WED = date(2015, 10, 28)  # the day after TUE
FRI = date(2015, 10, 30)


@pytest.mark.slow
def test_past_weekday_of_the_same_week_is_found_when_ner_runs_on() -> None:
    # NER tends to read "Tuesday, ending ..." as one date entity.
    text = ("Peru and Ecuador signed a border treaty in Lima on Tuesday, "
            "ending decades of disputes over the river.")
    sent, trig = sentence(text, "signed")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and (got.value, got.precision) == (TUE, "day")
    assert got.phrase is not None and got.phrase.startswith("Tuesday")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "want"), [
    ("The foreign minister will travel to Nairobi on Thursday.", "travel", date(2015, 10, 29)),
    ("The foreign minister said he would travel to Nairobi on Thursday.", "travel", date(2015, 10, 29)),
    ("The prime minister is to meet the union leaders on Friday.", "meet", FRI),
    ("The envoy plans to visit Kabul on Friday, his office said.", "visit", FRI),
    ("The two sides are going to resume talks on Monday.", "resume", date(2015, 11, 2)),
    ("The army won't withdraw its troops on Thursday, a spokesman said.", "withdraw", date(2015, 10, 29)),
    # Past, whatever the tense words nearby.
    ("The envoy would have met the rebels on Tuesday, officials said.", "met", TUE),
    ("The minister travelled to Nairobi on Tuesday.", "travelled", TUE),
    ("The minister went to see the troops on Monday.", "see", date(2015, 10, 26)),
])
def test_future_tense_is_read_from_the_clause(text: str, trigger: str, want: date) -> None:
    sent, trig = sentence(text, trigger)
    got = resolve_event_date(sent, trig, WED)  # the caller says nothing of the future
    assert got is not None and got.value == want


@pytest.mark.slow
@pytest.mark.parametrize(("text", "trigger", "want"), [
    ("Talks between the two sides are scheduled for Thursday in Oslo.", "Talks", date(2015, 10, 29)),
    ("The delegation arrives in Oslo on Thursday for two days of talks.", "arrives", date(2015, 10, 29)),
    ("The ministers are holding talks in Oslo on Friday.", "holding", FRI),
    # A headline tells the past in the present, and has no full stop.
    ("Rebels free two hostages in Mali on Tuesday", "free", TUE),
    # Only the verb's own time words: the date in its subject is that noun's.
    ("Tuesday's agreement between Norway and Chile ends years of dispute.", "agreement", TUE),
])
def test_scheduled_present(text: str, trigger: str, want: date) -> None:
    sent, trig = sentence(text, trigger)
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and got.value == want


@pytest.mark.slow
def test_date_before_the_reported_subject_is_the_sayings() -> None:
    text = "The minister said on Tuesday he would travel to Oslo on Thursday."
    sent, travel = sentence(text, "travel")
    got = resolve_event_date(sent, travel, WED)
    assert got is not None and (got.value, got.phrase) == (date(2015, 10, 29), "Thursday")
    sent, said = sentence(text, "said")
    got = resolve_event_date(sent, said, WED)
    assert got is not None and (got.value, got.phrase) == (TUE, "Tuesday")


@pytest.mark.slow
def test_run_on_date_entity_is_read_from_its_start() -> None:
    text = "Norway and Chile signed a fisheries agreement late Tuesday after weeks of talks."
    sent, trig = sentence(text, "signed")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and got.value == TUE and got.precision == "day"


@pytest.mark.slow
def test_only_what_stands_under_the_intention_points_forward() -> None:
    text = "The rebels agreed on Tuesday to release the hostages on Friday."
    sent, agreed = sentence(text, "agreed")
    got = resolve_event_date(sent, agreed, WED)
    assert got is not None and got.value == TUE
    sent, release = sentence(text, "release")
    got = resolve_event_date(sent, release, WED)
    assert got is not None and got.value == FRI


@pytest.mark.slow
def test_reported_future_counts_from_the_day_it_was_said() -> None:
    text = "The minister said on Monday that he would travel to Nairobi on Thursday."
    sent, trig = sentence(text, "travel")
    got = resolve_event_date(sent, trig, FRI)  # published the day after the trip
    assert got is not None and got.value == date(2015, 10, 29)


@pytest.mark.slow
def test_report_of_something_going_on_takes_the_day_of_the_saying() -> None:
    sent, trig = sentence("The president said on Tuesday he was halting aid to the agency.", "halting")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and (got.value, got.phrase) == (TUE, "Tuesday")
    sent, trig = sentence("The agency is suspending its flights, the ministry said on Tuesday.", "suspending")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and got.value == TUE
    # A past told in the report was done by the day of the report: that day is
    # the nearest the text gives (publication, a day later, cannot be right).
    sent, trig = sentence("The president said on Tuesday that he had halted aid to the agency.", "halted")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and got.value == TUE


@pytest.mark.slow
def test_date_of_another_noun_comes_last() -> None:
    text = "Opposition leaders began a sit-in on Monday to protest their exclusion from next month's vote."
    sent, trig = sentence(text, "protest")
    got = resolve_event_date(sent, trig, WED)
    assert got is not None and got.value == date(2015, 10, 26)


# --------------------------------------------------------------------------- the data file


def test_shipped_vocabulary_loads() -> None:
    vocab = load_temporal()
    assert vocab.weekdays["thursday"] == 3 and vocab.months["sept"] == 8


def test_bad_vocabulary_names_file_and_entry(tmp_path: Path) -> None:
    bad = tmp_path / "temporal.yaml"
    bad.write_text("version: 1\nweekdays: [[monday]]\nmonths: []\nrelative_days: {}\n"
                   "parts_of_day: []\nfillers: []\nvague: []\nnumbers: {}\n", encoding="utf-8")
    with pytest.raises(TemporalError, match=r"temporal.yaml: entry weekdays"):
        load_temporal(bad)


# --------------------------------------------------------------------------- the story's day


def _event(text: str, trigger: str, nth: int = 0) -> tuple[Span, Token]:
    from heron.nlp import parse_one

    doc = parse_one(text)
    tok = [t for t in doc if t.text == trigger][nth]
    return tok.sent, tok


STORY = ("Peruvian and Bolivian ministers held talks in La Paz on Sunday about the shared lake. "
         "The two delegations agreed to set up a joint water commission. "
         "Both governments have sent engineers to the shore since then. "
         "The commission will report to the two presidents.")


@pytest.mark.slow
def test_undated_past_deeds_of_the_story_take_the_leads_day() -> None:
    sent, agreed = _event(STORY, "agreed")
    got = resolve_event_date(sent, agreed, TUE)
    assert got is not None and got.value == date(2015, 10, 25) and got.phrase == "Sunday"


@pytest.mark.slow
def test_present_perfect_and_future_stay_with_publication() -> None:
    sent, sent_verb = _event(STORY, "sent")
    assert resolve_event_date(sent, sent_verb, TUE) == EventDate(TUE, "publication", None)
    sent, report = _event(STORY, "report")
    assert resolve_event_date(sent, report, TUE) == EventDate(TUE, "publication", None)


@pytest.mark.slow
def test_a_datelines_date_is_no_story_day_nor_is_an_old_lead() -> None:
    dateline = ("LIMA, 25 October 2015 — The two delegations met for the first time. "
                "They agreed to set up a joint water commission.")
    sent, agreed = _event(dateline, "agreed")
    assert resolve_event_date(sent, agreed, TUE) == EventDate(TUE, "publication", None)
    old = ("Peruvian and Bolivian ministers held talks in La Paz on 3 May 2014 about the lake. "
           "They agreed to set up a joint water commission.")
    sent, agreed = _event(old, "agreed")
    assert resolve_event_date(sent, agreed, TUE) == EventDate(TUE, "publication", None)
