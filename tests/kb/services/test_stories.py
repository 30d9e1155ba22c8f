"""Stories: reports of one event in two languages become one story; other days stay apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from hamkari.kb import selectors, services
from hamkari.kb.models import Article, AuditLog, Mention, Story
from hamkari.kb.services import stories
from tests.kb.factories import GOVERNOR_LATER, GOVERNOR_MONDAY

pytestmark = pytest.mark.django_db


def test_the_persian_and_russian_reports_of_the_volgograd_webinar_are_one_story(shared: Path) -> None:
    persian = services.article_ingest(
        text=(shared / "seeds" / "001_d954c839941529c2.txt").read_text(encoding="utf-8"), source="001"
    ).article
    russian = services.article_ingest(
        text=(shared / "samples" / "ru_volgograd_webinar.txt").read_text(encoding="utf-8"), source="ru"
    ).article
    assert persian.story is not None and persian.story == russian.story
    story = Story.objects.get(pk=persian.story.pk)
    assert story.articles.count() == 2
    assert {s.article.language for s in story.sources.all()} == {"fa", "ru"}


def test_meetings_of_the_same_governor_on_other_days_are_other_stories() -> None:
    first = services.article_ingest(text=GOVERNOR_MONDAY, source="a").article
    later = services.article_ingest(text=GOVERNOR_LATER, source="b").article
    assert first.story is not None and later.story is not None
    assert first.story != later.story


def test_an_unrelated_article_on_the_same_day_is_another_story(shared: Path) -> None:
    webinar = services.article_ingest(
        text=(shared / "seeds" / "001_d954c839941529c2.txt").read_text(encoding="utf-8"), source="001"
    ).article
    other = (
        "date 2025-12-03\nبه گزارش ایرنا، استاندار سمنان در دیدار با سفیر روسیه "
        "بر توسعه صادرات پتروشیمی تأکید کرد."
    )
    semnan = services.article_ingest(text=other, source="x").article
    assert semnan.story is not None and semnan.story != webinar.story


# Written for these tests: one signing reported in three languages, with different details.
SIGNING_FA = (
    "استاندار مازندران و استاندار ولگاگراد روز سه شنبه در ساری یادداشت تفاهم همکاری امضا کردند. "
    "به گفته استاندار، ۳۵ شرکت از دو استان در این سفر حضور داشتند."
)
SIGNING_RU = (
    "Губернатор Волгоградской области и глава провинции Мазендеран подписали меморандум о "
    "сотрудничестве в Сари. В поездке участвуют 35 компаний региона."
)
SIGNING_EN = (
    "The governors of Volgograd and Mazandaran signed a memorandum of understanding in Sari, with "
    "35 companies of both regions taking part."
)
# Another event of the same regions: a webinar on fisheries, other figures.
OTHER_EN = (
    "Fishery companies of Mazandaran and Volgograd held a webinar on sturgeon farming; 12 firms "
    "presented their projects."
)


def test_reports_of_one_event_in_three_languages_are_one_story_with_their_evidence() -> None:
    fa = services.article_ingest(text=SIGNING_FA, source="fa", published=dt.date(2025, 4, 9)).article
    ru = services.article_ingest(text=SIGNING_RU, source="ru").article
    en = services.article_ingest(text=SIGNING_EN, source="en", published=dt.date(2025, 4, 8)).article
    assert fa.story_id == ru.story_id == en.story_id
    assert en.story_evidence["rule"] == "evidence"
    keys = [k for k, _ in en.story_evidence["evidence"]]
    assert "f:35:company" in keys and en.story_score is not None and en.story_score >= 3.5
    assert fa.event_date == dt.date(2025, 4, 8) and fa.event_date_rule.startswith("when.weekday")
    assert SIGNING_FA[fa.event_date_start : fa.event_date_end] == "سه شنبه"


def test_another_event_of_the_same_regions_is_another_story() -> None:
    signing = services.article_ingest(text=SIGNING_EN, source="en", published=dt.date(2025, 4, 8)).article
    other = services.article_ingest(text=OTHER_EN, source="x", published=dt.date(2025, 4, 9)).article
    assert signing.story_id != other.story_id


def test_a_certain_date_far_from_the_story_keeps_a_report_apart() -> None:
    first = services.article_ingest(text=SIGNING_EN, source="en", published=dt.date(2025, 4, 8)).article
    later = services.article_ingest(text=SIGNING_RU, source="ru", published=dt.date(2026, 4, 8)).article
    assert first.story_id != later.story_id


def test_an_article_without_events_still_has_a_story() -> None:
    text = "Волгоградская область и провинция Мазендеран: 35 компаний региона уже работают в Иране."
    article = services.article_ingest(text=text, source="a").article
    assert article.story is not None and article.event_date is not None and article.event_date_weak


def test_a_reprint_with_a_new_headline_and_a_cut_off_copy_are_sources_of_one_story() -> None:
    body = " ".join(
        f"Paragraph {n}: the regional chamber of Gilan reported that exporters of tea and citrus "
        f"shipped goods through the port of Astrakhan in week {n}."
        for n in range(1, 9)
    )
    original = services.article_ingest(
        text="Gilan exporters ship tea via Astrakhan\n\n" + body, source="o"
    ).article
    reprint = services.article_ingest(text="Tea and citrus flow north\n\n" + body, source="r").article
    cut = services.article_ingest(text=body[: len(body) // 2], source="c").article
    for copy in (reprint, cut):
        assert copy.duplicate_of_id == original.pk and copy.story_id == original.story_id
        assert copy.story_evidence["rule"] == "copy"


def test_a_copy_at_the_same_canonical_address_is_a_source_of_the_same_story() -> None:
    a = services.article_ingest(
        text=SIGNING_EN, source="a", url="https://www.example.org/news/1/?utm_source=x"
    ).article
    b = services.article_ingest(text=OTHER_EN, source="b", url="http://example.org/amp/news/1").article
    assert b.duplicate_of_id == a.pk and b.story_id == a.story_id


def test_a_split_is_audited_and_survives_re_extraction(analyst: object) -> None:
    fa = services.article_ingest(text=SIGNING_FA, source="fa", published=dt.date(2025, 4, 9)).article
    ru = services.article_ingest(text=SIGNING_RU, source="ru").article
    assert fa.story is not None and fa.story_id == ru.story_id
    new = stories.story_split(story=fa.story, article_ids=[ru.pk], user=analyst)  # type: ignore[arg-type]
    services.article_reextract(article=Article.objects.get(pk=ru.pk))
    services.article_reextract(article=Article.objects.get(pk=fa.pk))
    assert Article.objects.get(pk=ru.pk).story_id == new.pk
    assert Article.objects.get(pk=fa.pk).story_id == fa.story_id
    assert AuditLog.objects.filter(action="story.split", object_id=fa.story_id).exists()


def test_a_merge_moves_every_source_and_is_audited(analyst: object) -> None:
    a = services.article_ingest(text=SIGNING_EN, source="a", published=dt.date(2025, 4, 8)).article
    b = services.article_ingest(text=OTHER_EN, source="b", published=dt.date(2025, 4, 9)).article
    assert a.story is not None and b.story is not None and a.story_id != b.story_id
    stories.story_merge(source=b.story, target=a.story, user=analyst)  # type: ignore[arg-type]
    assert Article.objects.get(pk=b.pk).story_id == a.story_id
    assert not Story.objects.filter(pk=b.story_id).exists()
    assert AuditLog.objects.filter(action="story.merge", object_id=a.story_id).exists()
    with pytest.raises(stories.StoryError):
        stories.story_merge(source=a.story, target=a.story, user=analyst)  # type: ignore[arg-type]


# Written for these tests: one governor meets the same deputy governor twice, months apart, and two
# reports without any date name both of them.
TALKS_MARCH = (
    "Governor of Semnan Province Bahram Nikzadi and Deputy Governor of Samara Region Timur Vasilyev "
    "held talks on tourism on 3 March 2025. 140 companies of both regions took part."
)
TALKS_JUNE = (
    "Governor of Semnan Province Bahram Nikzadi and Deputy Governor of Samara Region Timur Vasilyev "
    "held talks on agriculture on 17 June 2025. 260 companies of both regions took part."
)
TALKS_UNDATED_RU = (
    "Губернатор провинции Семнан Бахрам Никзади и заместитель губернатора Самарской области Тимур "
    "Васильев провели встречу. Стороны обсудили сельское хозяйство."
)
TALKS_UNDATED_FA = (
    "استاندار سمنان، بهرام نیکزادی، با تیمور واسیلیف، معاون استاندار سامارا، دیدار و گفتگو کرد. "
    "در این سفر ۲۶۰ شرکت از دو استان حضور داشتند."
)


def test_an_undated_report_of_people_who_met_twice_joins_neither_meeting_without_more() -> None:
    march = services.article_ingest(text=TALKS_MARCH, source="march").article
    june = services.article_ingest(text=TALKS_JUNE, source="june").article
    undated = services.article_ingest(text=TALKS_UNDATED_RU, source="ru").article
    assert march.story_id != june.story_id
    assert undated.event_date_weak and undated.story_id not in (march.story_id, june.story_id)
    # the same governor, written in Cyrillic («Никзади» does not decline), is the same person
    assert _people(undated) == _people(june)


def _people(article: Article) -> set[int]:
    return set(
        Mention.objects.filter(article=article, entity__type="person").values_list("entity_id", flat=True)
    )


def test_an_undated_report_joins_the_meeting_whose_figure_it_repeats() -> None:
    services.article_ingest(text=TALKS_MARCH, source="march")
    june = services.article_ingest(text=TALKS_JUNE, source="june").article
    undated = services.article_ingest(text=TALKS_UNDATED_FA, source="fa").article
    assert undated.event_date_weak and undated.story_id == june.story_id
    assert "f:260:company" in [k for k, _ in undated.story_evidence["evidence"]]


TALKS_UNDATED_AGRICULTURE = (
    "Губернатор провинции Семнан Бахрам Никзади и заместитель губернатора Самарской области Тимур "
    "Васильев провели встречу. Стороны обсудили сельское хозяйство и экспорт продукции сельского "
    "хозяйства."
)


TALKS_MARCH_TOURISM = TALKS_MARCH + " Tour operators of both regions discussed tourism routes."


def test_a_dated_report_joins_the_undated_story_it_fits_better_than_the_peoples_other_meeting() -> None:
    march = services.article_ingest(text=TALKS_MARCH_TOURISM, source="march").article
    undated = services.article_ingest(text=TALKS_UNDATED_AGRICULTURE, source="ru").article
    assert undated.story_id != march.story_id  # another topic than March's: not that meeting
    june = services.article_ingest(text=TALKS_JUNE, source="june").article
    assert june.story_id == undated.story_id
    story = Story.objects.get(pk=june.story_id)
    assert (story.date, story.date_known) == (dt.date(2025, 6, 17), "full")  # the June report dates it


TALKS_UNDATED_FIGURE_RU = (
    "Губернатор провинции Семнан Бахрам Никзади и заместитель губернатора Самарской области Тимур "
    "Васильев провели встречу. В поездке участвуют 260 компаний региона."
)
TALKS_JUNE_DELEGATION = (
    "Governor of Semnan Province Bahram Nikzadi and a delegation of Samara Region held talks on 17 June 2025."
)


def test_a_report_that_proves_two_stories_are_one_event_merges_them_audited() -> None:
    undated = services.article_ingest(text=TALKS_UNDATED_FIGURE_RU, source="ru").article
    dated = services.article_ingest(text=TALKS_JUNE_DELEGATION, source="en").article
    assert undated.story_id != dated.story_id  # nothing yet says the undated report is of June
    june = services.article_ingest(text=TALKS_JUNE, source="june").article  # the figure and the day
    assert (
        Article.objects.get(pk=undated.pk).story_id
        == june.story_id
        == Article.objects.get(pk=dated.pk).story_id
    )
    merge = AuditLog.objects.get(action="story.merge", object_id=june.story_id)
    assert merge.actor is None and merge.data["proved by"] == june.pk
    assert Story.objects.get(pk=june.story_id).date == dt.date(2025, 6, 17)


def test_a_deputy_governor_in_two_provinces_on_one_day_is_at_two_events() -> None:
    """Even with the same day and the same count of companies: the Iranian sides differ."""
    semnan = services.article_ingest(text=TALKS_JUNE, source="semnan").article
    qazvin = services.article_ingest(
        text=(
            "Governor of Qazvin Province Kourosh Ebadi and Deputy Governor of Samara Region Timur "
            "Vasilyev held talks on agriculture on 17 June 2025. 260 companies of both regions took part."
        ),
        source="qazvin",
    ).article
    assert qazvin.story_id != semnan.story_id


def test_a_report_of_a_story_has_the_day_its_text_names_not_its_publication_date() -> None:
    may3 = services.article_ingest(text=TALKS_MARCH_TOURISM.replace("3 March", "3 May"), source="a").article
    published = services.article_ingest(
        text=TALKS_MARCH_TOURISM.replace(" on 3 March 2025", ""), source="b", published=dt.date(2025, 5, 4)
    ).article
    assert published.story_id == may3.story_id  # the figure; published the next day
    may4 = services.article_ingest(
        text=(
            "Governor of Semnan Province Bahram Nikzadi and a delegation of Samara Region held talks on "
            "tourism on 4 May 2025. Tour operators of both regions discussed tourism routes."
        ),
        source="c",
    ).article
    assert may4.story_id != may3.story_id  # the story's text names 3 May: another day


def _clock(day: dt.date) -> Any:
    """Ingest as on `day` (noon UTC): the ingest day of what is stored meanwhile."""
    return mock.patch("django.utils.timezone.now", return_value=dt.datetime.combine(day, dt.time(12), dt.UTC))


def _feed(days: list[dt.date], ingested: list[dt.date]) -> None:
    """Articles with a publication date each, ingested on the given days (unrelated to the
    meeting: other regions, no people)."""
    for n, (day, on) in enumerate(zip(days, ingested, strict=True)):
        with _clock(on):
            services.article_ingest(
                text=f"Traders of Gilan and Astrakhan Region shipped {n + 11} containers of fruit.",
                source=f"feed-{n}",
                published=day,
            )


JUNE_DAYS = [dt.date(2025, 6, d) for d in range(10, 16)]


def test_an_undated_report_of_a_live_feed_joins_the_meeting_of_its_days() -> None:
    _feed(JUNE_DAYS, JUNE_DAYS)
    with _clock(dt.date(2025, 6, 17)):
        june = services.article_ingest(text=TALKS_JUNE, source="june").article
    with _clock(dt.date(2025, 6, 18)):
        undated = services.article_ingest(text=TALKS_UNDATED_AGRICULTURE, source="ru").article
    assert undated.event_date_weak and undated.story_id == june.story_id
    assert undated.story_evidence[stories.WINDOW_KEY] == ["2025-06-15", "2025-06-19"]
    assert "a live feed's delay" in undated.event_date_rule


def test_an_undated_report_of_a_live_feed_months_after_the_peoples_meeting_is_another_story() -> None:
    _feed(JUNE_DAYS, JUNE_DAYS)
    with _clock(dt.date(2025, 6, 17)):
        june = services.article_ingest(text=TALKS_JUNE, source="june").article
    with _clock(dt.date(2025, 9, 20)):
        undated = services.article_ingest(text=TALKS_UNDATED_AGRICULTURE, source="ru").article
    assert undated.event_date_weak and undated.story_id != june.story_id


def test_after_a_backfill_the_ingest_day_of_an_undated_report_says_nothing() -> None:
    later = dt.date(2026, 1, 10)  # the June articles uploaded half a year later
    _feed(JUNE_DAYS, [later] * len(JUNE_DAYS))
    with _clock(later):
        june = services.article_ingest(text=TALKS_JUNE, source="june").article
        undated = services.article_ingest(text=TALKS_UNDATED_AGRICULTURE, source="ru").article
    assert undated.story_id == june.story_id
    assert stories.WINDOW_KEY not in undated.story_evidence


def test_too_few_dated_articles_before_an_undated_one_give_its_ingest_day_no_window() -> None:
    _feed(JUNE_DAYS[: selectors.MIN_RECENT - 1], JUNE_DAYS[: selectors.MIN_RECENT - 1])
    with _clock(dt.date(2025, 9, 20)):
        undated = services.article_ingest(text=TALKS_UNDATED_AGRICULTURE, source="ru").article
    assert undated.event_date_weak and stories.WINDOW_KEY not in undated.story_evidence
