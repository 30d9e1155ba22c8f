"""Events and instruments: status verbs in every tense, denied steps, possibilities weighed, a
union named as another instrument's party, virtual meetings. Golden tables of (text, expected)
per language; every sentence is written for these tests."""

from __future__ import annotations

import pytest

from hamkari.extraction import extract, to_json


def _facts(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    doc = to_json(extract(text))
    return sorted({e["type"] for e in doc["events"]}), [(i["kind"], i["status"]) for i in doc["instruments"]]


# (text, an instrument (kind, statuses accepted) that must be found)
INSTRUMENTS = [
    # «تشکیل دادن»: the light verb «دادن», present for what is to come
    (
        "استانداری گلستان برای صادرات به روسیه یک کارگروه ویژه تشکیل می‌دهد.",
        ("working_group", {"proposed", "agreed"}),
    ),
    # a wish or a plan to open a body proposes it
    (
        '"We would like to see an Iranian trade centre in Kazan next year," the minister said.',
        ("trade_house", {"proposed"}),
    ),
    (
        "«Мы хотели бы видеть в Казани иранский торговый дом», – сказал министр.",
        ("trade_house", {"proposed"}),
    ),
    # a document to be prepared is proposed
    (
        "До конца года рабочая группа должна подготовить дорожную карту по поставкам зерна в Иран.",
        ("action_plan", {"proposed"}),
    ),
    # a discussion proposed is a proposal
    (
        "Губернатор предложил рассмотреть возможность создания консорциума экспортеров зерна.",
        ("consortium", {"proposed"}),
    ),
    (
        "The mayor proposed to discuss setting up a consortium of ferry operators.",
        ("consortium", {"proposed"}),
    ),
    # a plan in the words said after «گفت:» does not make the step of the clause before them a plan
    (
        "وی با اشاره به موافقت‌نامه‌ای که سال ۱۴۰۱ میان دو شهر امضا شده بود، گفت: امروز باید صادرات "
        "برنج به روسیه را افزایش دهیم.",
        ("agreement", {"signed"}),
    ),
    # what «could» be done under a body to be set up does not make it exist
    (
        "The ports will set up a joint shipping consortium. Up to 20 vessels could be pooled under the "
        "consortium in its first year.",
        ("consortium", {"proposed"}),
    ),
]


@pytest.mark.parametrize(("text", "expected"), INSTRUMENTS)
def test_an_instrument_takes_its_status_from_verbs_in_any_form(
    text: str, expected: tuple[str, set[str]]
) -> None:
    kind, statuses = expected
    found = [status for k, status in _facts(text)[1] if k == kind]
    assert found and found[0] in statuses, _facts(text)


# (text, an event type that must not be reported, an instrument kind that must not be reported)
NOT_REPORTED = [
    # a possibility weighed is no signing
    (
        "Стороны договорились рассмотреть возможность подписания соглашения между Дагестаном "
        "и провинцией Гилян.",
        "signing",
        None,
    ),
    # the committee a post's holder heads is a body, not an instrument of the article
    (
        "رئیس کمیته روابط خارجی دولت قازان، پیشنهاد کرد نمایندگی تجاری قازان در رشت افتتاح شود.",
        None,
        "committee",
    ),
    (
        "The head of the committee on trade, Ivan Petrov, proposed opening a trade house in Rasht.",
        None,
        "committee",
    ),
    # a signing the speaker recalls, or told in the past perfect, is history
    (
        "The governor recalled that Rasht and Kazan had signed a twinning agreement, and the two "
        "sides discussed fish exports.",
        "signing",
        None,
    ),
    (
        "Губернатор напомнил, что соглашение с провинцией Мазендаран подписано в Казани, и предложил "
        "открыть торговый дом.",
        "signing",
        None,
    ),
    # a denied step is no step
    (
        "The memorandum between Gilan and Astrakhan has not been signed yet, the governor said.",
        "signing",
        None,
    ),
    # an instrument's word inside the name of a body that agrees to something else is that body
    (
        "The Committee for Foreign Trade of Kazan and the Gilan Chamber of Commerce agreed to hold "
        "a fair in May.",
        None,
        "committee",
    ),
    # the body in the possessive before a post is the body its holder heads
    (
        "Kazan's Committee for External Relations and the Gilan Chamber of Commerce have agreed to hold "
        "a saffron fair in autumn 2027, the committee's deputy chairman, Oleg Ivanovich Sokolov, said.",
        None,
        "committee",
    ),
    (
        "Комитет по внешним связям Казани и палата Гиляна договорились провести ярмарку в мае.",
        None,
        "committee",
    ),
    # a union named as another instrument's party is no association of the article
    (
        "موافقت‌نامه تجارت آزاد ایران و اتحادیه اقتصادی اوراسیا از سال گذشته اجرایی شده است "
        "و صادرات به روسیه افزایش یافت.",
        None,
        "association",
    ),
]


@pytest.mark.parametrize(("text", "event", "kind"), NOT_REPORTED)
def test_a_denied_or_weighed_step_and_a_named_party_are_not_reported(
    text: str, event: str | None, kind: str | None
) -> None:
    events, instruments = _facts(text)
    assert event is None or event not in events
    assert kind is None or kind not in [k for k, _ in instruments]


VIRTUAL = [
    # a background marker inside the quoted words dates what is said, not the video conference
    "معاون استاندار گیلان در این ویدئوکنفرانس گفت: سال گذشته دو هزار تن برنج به آستاراخان صادر شد.",
    "В министерстве в режиме видео-конференц-связи прошла встреча с представителями провинции Гилян.",
    "Совещание с иранской делегацией прошло по видеоконференц-связи из Астрахани.",
]


@pytest.mark.parametrize("text", VIRTUAL)
def test_every_spelling_of_a_video_conference_is_a_virtual_meeting(text: str) -> None:
    assert "virtual_meeting" in _facts(text)[0]


# A meeting word after the video conference refers back to it: no in-person meeting besides.
AFTER_A_VIDEO_CONFERENCE = [
    "Заседание рабочей группы прошло по видеосвязи. По итогам встречи стороны подписали протокол.",
    "نشست دو استان به صورت ویدئوکنفرانس برگزار شد. در این دیدار دو طرف تفاهم‌نامه امضا کردند.",
    "The two regions held a video conference on Monday. After the meeting, the sides signed a protocol.",
]


@pytest.mark.parametrize("text", AFTER_A_VIDEO_CONFERENCE)
def test_a_meeting_told_after_the_video_conference_is_that_conference(text: str) -> None:
    events = _facts(text)[0]
    assert "virtual_meeting" in events
    assert "meeting" not in events


# A cooperation report with a paragraph on a friendly game keeps its own meetings; a sports report
# (several sports words, no official with a post) has none.
MEETINGS_BESIDE_A_GAME = [
    (
        "The governor of Gilan met the head of Astrakhan Region in Rasht on Monday. In the evening the "
        "youth football team of Rasht beat the guests 2-1 in a friendly match; the striker and the "
        "coach thanked the fans.",
        True,
    ),
    (
        "Youth football teams of Rasht and Astrakhan met in a friendly match; the striker scored twice "
        "and the coach thanked the fans.",
        False,
    ),
]


@pytest.mark.parametrize(("text", "meeting"), MEETINGS_BESIDE_A_GAME)
def test_a_meeting_of_officials_stands_beside_a_game_but_a_game_is_no_meeting(
    text: str, meeting: bool
) -> None:
    assert ("meeting" in _facts(text)[0]) is meeting
