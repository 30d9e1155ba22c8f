"""Commitments: deadlines given as a calendar date, and months counted from when the sentence
says the commitment was made. Golden tables of (text, published, expected due) per language;
every sentence is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from hamkari.extraction import extract, to_json


def _dues(text: str, published: str) -> list[tuple[str | None, str | None]]:
    doc = to_json(extract(text, published=dt.date.fromisoformat(published)))
    return [(c["due"], c["due_expression"]) for c in doc["commitments"]]


# An absolute deadline: the day itself (a day and month without a year: its next occurrence).
ABSOLUTE = [
    (
        "Стороны договорились, что до 1 марта 2027 года министерство должно подготовить дорожную карту.",
        "2026-11-01",
        ("2027-03-01", "до 1 марта 2027 года"),
    ),
    (
        "Министерство промышленности должно к 15 февраля подготовить проект соглашения с Ираном.",
        "2026-11-01",
        ("2027-02-15", "к 15 февраля"),
    ),
    (
        "بر اساس این تفاهم‌نامه، اتاق بازرگانی باید تا ۱۵ بهمن ۱۴۰۵ فهرست شرکت‌ها را ارسال کند.",
        "2026-11-01",
        ("2027-02-04", "تا ۱۵ بهمن ۱۴۰۵"),
    ),
    (
        "طرفین متعهد شدند تا پایان اسفند ۱۴۰۵ نخستین محموله را به روسیه ارسال کنند.",
        "2026-11-01",
        ("2027-03-20", "تا پایان اسفند ۱۴۰۵"),
    ),
    (
        "The two sides must set up a joint working group by 1 March 2027, the governor said.",
        "2026-11-01",
        ("2027-03-01", "by 1 March 2027"),
    ),
    (
        "The chamber of commerce must submit the list of exporters no later than March 15, 2027, "
        "the governor said.",
        "2026-11-01",
        ("2027-03-15", "no later than March 15, 2027"),
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), ABSOLUTE)
def test_an_absolute_deadline_gives_its_own_day(text: str, published: str, expected: tuple[str, str]) -> None:
    assert expected in _dues(text, published)


# «до», «к», «by», «تا» are deadlines only before a date: figures and ranges of days are not.
NOT_A_DEADLINE = [
    ("Товарооборот с Ираном вырос до 1,5 млн тонн, сообщил губернатор.", "2026-11-01"),
    ("Выставка пройдет с 12 до 15 марта, в ней примут участие иранские компании.", "2026-11-01"),
    ("نمایشگاه از ۱۲ تا ۱۵ بهمن ۱۴۰۵ با حضور شرکت‌های روسی برگزار می‌شود.", "2026-11-01"),
    ("Exports to Iran rose by 20 percent, the governor said.", "2026-11-01"),
]


@pytest.mark.parametrize(("text", "published"), NOT_A_DEADLINE)
def test_a_date_word_before_a_figure_or_a_range_sets_no_deadline(text: str, published: str) -> None:
    assert not [due for due, _ in _dues(text, published) if due is not None]


# A month without a year: counted from the month the sentence says it was agreed in, and in the
# past when its verb is in the past tense; otherwise the next such month from publication.
MONTHS = [
    (
        "В марте стороны договорились к концу июня запустить регулярную паромную линию.",
        "2026-09-18",
        "2026-06-30",
    ),
    (
        "Министерство завершило к концу июня подготовку соглашения с иранской палатой.",
        "2026-09-18",
        "2026-06-30",
    ),
    ("Стороны договорились к концу июня запустить регулярную паромную линию.", "2026-09-18", "2027-06-30"),
    (
        "در فروردین طرفین توافق کردند تا پایان خرداد خط کشتیرانی را راه‌اندازی کنند.",
        "2026-09-18",
        "2026-06-21",
    ),
    ("طرفین توافق کردند تا پایان خرداد خط کشتیرانی را راه‌اندازی کنند.", "2026-09-18", "2027-06-21"),
    (
        "In March the two sides agreed to launch the ferry line by the end of June.",
        "2026-09-18",
        "2026-06-30",
    ),
    # a step told as taken beside the deadline, in languages read without a tagger
    ("خط کشتیرانی انزلی با همکاری روسیه تا پایان خرداد راه‌اندازی شد.", "2026-09-18", "2026-06-21"),
    ("The ferry line of Gilan and Astrakhan was launched by the end of June.", "2026-09-18", "2026-06-30"),
    (
        "The ferry line of Gilan and Astrakhan will be launched by the end of June.",
        "2026-09-18",
        "2027-06-30",
    ),
]


@pytest.mark.parametrize(("text", "published", "due"), MONTHS)
def test_a_month_deadline_is_counted_from_when_it_was_set(text: str, published: str, due: str) -> None:
    assert due in [d for d, _ in _dues(text, published)]


@pytest.mark.parametrize(
    "text",
    [
        "Министерство должно до 31 февраля 2027 года подготовить проект соглашения с Ираном.",
        "بر اساس تفاهم‌نامه، اتاق بازرگانی باید تا ۳۱ اسفند ۱۴۰۵ فهرست را به روسیه ارسال کند.",
    ],
)
def test_a_day_the_calendar_lacks_gives_no_due_date_and_no_error(text: str) -> None:
    assert [due for due, _ in _dues(text, "2026-11-01")] == [None]


def test_a_month_ahead_named_before_the_deadline_does_not_move_it_back() -> None:
    text = "В ноябре пройдет форум, и к концу декабря министерство должно подготовить проект с Ираном."
    assert "2026-12-31" in [d for d, _ in _dues(text, "2026-10-05")]


def _deadlines(text: str, published: str) -> list[tuple[str | None, str | None, str | None]]:
    doc = to_json(extract(text, published=dt.date.fromisoformat(published)))
    return [(c["due"], c["due_precision"], c["due_expression"]) for c in doc["commitments"]]


# A month with its year, a year, a quarter or a half: the last day of that period, and how exact
# that day is (`due_precision`). A year below 1500 is Jalali.
PERIODS = [
    (
        "شرکت کشتیرانی متعهد شد تا اسفند ۱۴۰۵ دو کشتی باری جدید بخرد.",
        "2026-11-20",
        ("2027-03-20", "month", "تا اسفند ۱۴۰۵"),
    ),
    (
        "قرار است پایانه ریلی جدید تا پایان سال ۱۴۰۶ در بندر به بهره‌برداری برسد.",
        "2026-11-20",
        ("2028-03-19", "year", "تا پایان سال ۱۴۰۶"),
    ),
    (
        "طرفین توافق کردند در سه ماهه دوم سال ۱۴۰۶ نمایشگاه مشترکی در رشت برپا کنند.",
        "2026-11-20",
        ("2027-09-22", "quarter", "در سه ماهه دوم سال ۱۴۰۶"),
    ),
    (
        "استانداری باید تا نیمه نخست ۱۴۰۶ مطالعات بندر خشک را تمام کند.",
        "2026-11-20",
        ("2027-09-22", "half", "تا نیمه نخست ۱۴۰۶"),
    ),
    (
        "Министерство транспорта должно до мая 2027 года утвердить схему паромного сообщения.",
        "2026-11-20",
        ("2027-05-31", "month", "до мая 2027 года"),
    ),
    (
        "Стороны договорились к концу 2028 года построить зерновой терминал.",
        "2026-11-20",
        ("2028-12-31", "year", "к концу 2028 года"),
    ),
    (
        "Во втором квартале 2027 года планируется открыть офис компании в Ширазе.",
        "2026-11-20",
        ("2027-06-30", "quarter", "Во втором квартале 2027 года"),
    ),
    (
        "Рабочая группа обязана до конца первого полугодия 2028 года представить отчет.",
        "2026-11-20",
        ("2028-06-30", "half", "до конца первого полугодия 2028 года"),
    ),
    (
        "The ministry must approve the ferry schedule by May 2027.",
        "2026-11-20",
        ("2027-05-31", "month", "by May 2027"),
    ),
    (
        "The two provinces agreed to build a logistics hub by the end of 2028.",
        "2026-11-20",
        ("2028-12-31", "year", "by the end of 2028"),
    ),
    (
        "The company is to open a service centre in the third quarter of 2027.",
        "2026-11-20",
        ("2027-09-30", "quarter", "in the third quarter of 2027"),
    ),
    (
        "The chamber is to hold a trade fair in the second half of 2027.",
        "2026-11-20",
        ("2027-12-31", "half", "in the second half of 2027"),
    ),
    # without a year: the period's next end from publication
    (
        "Во втором полугодии планируется открыть склад компании в Ширазе.",
        "2026-05-20",
        ("2026-12-31", "half", "Во втором полугодии"),
    ),
    (
        "The consortium plans to start deliveries in the first quarter.",
        "2026-11-20",
        ("2027-03-31", "quarter", "in the first quarter"),
    ),
    # the exact day and a relative span keep the day's precision
    (
        "Стороны договорились до 1 апреля 2027 года подготовить дорожную карту.",
        "2026-11-20",
        ("2027-04-01", "day", "до 1 апреля 2027 года"),
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), PERIODS)
def test_a_named_period_is_due_at_its_end_with_its_precision(
    text: str, published: str, expected: tuple[str, str, str]
) -> None:
    assert _deadlines(text, published) == [expected]


# A period in a report of the past, or a part of a month or a day, is no deadline of a period.
NOT_PERIOD_DEADLINES = [
    "В первом квартале 2026 года товарооборот области с Ираном вырос на 12 процентов.",
    "In the first half of 2026 exports of the province to Russia grew by nine percent.",
    "در نیمه نخست سال ۱۴۰۵ صادرات استان به روسیه ۱۵ درصد افزایش یافت.",
    "The fair will be held in the second half of November, and the ministry plans to invite firms.",
    "Встреча делегаций планируется во второй половине дня.",
    "قرار است نمایشگاه در نیمه دوم آبان برگزار شود.",
]


@pytest.mark.parametrize("text", NOT_PERIOD_DEADLINES)
def test_a_period_of_the_past_or_of_a_month_sets_no_period_deadline(text: str) -> None:
    assert [p for _, p, _ in _deadlines(text, "2026-11-20") if p in ("quarter", "half")] == []


# A deadline told in the past (a schedule or obligation of the past, in every language: «قرار
# بود», «was to», «должен был») is behind the writer; the same words told ahead are not.
PAST = [
    ("قرار بود اسکله جدید تا پایان تیر ماه به بهره‌برداری برسد، اما کار عقب افتاد.", "2026-07-22"),
    ("قرار است اسکله جدید تا پایان تیر ماه به بهره‌برداری برسد.", "2027-07-22"),
    ("بنا بود شرکت‌های صادرکننده تا ۲۰ مهر فهرست کالاها را ارسال کنند.", "2026-10-12"),
    ("The grain terminal was to be completed by the end of July, the port said.", "2026-07-31"),
    ("The grain terminal is to be completed by the end of July.", "2027-07-31"),
    ("The exporters were due to send the list of goods by 12 October.", "2026-10-12"),
    ("Терминал должен был заработать к концу июля.", "2026-07-31"),
    ("Экспортёры должны были направить список товаров до 12 октября.", "2026-10-12"),
    ("Экспортёры должны направить список товаров до 12 октября.", "2027-10-12"),
]


@pytest.mark.parametrize(("text", "due"), PAST)
def test_a_deadline_told_in_the_past_is_behind_the_writer(text: str, due: str) -> None:
    assert [d for d, _, _ in _deadlines(text, "2026-11-20")] == [due]


def _actions(text: str) -> list[str]:
    return [c["action"] for c in to_json(extract(text, published=dt.date(2026, 11, 20)))["commitments"]]


# Persian puts the verb last: when only the verb follows the deadline, the object or subject
# before it belongs to the action («فهرست را تا پایان ماه ارسال کنند»), never the bare verb.
PERSIAN_ACTIONS = [
    ("شرکت‌های عضو باید فهرست کالاها را تا پایان دی ماه ارسال کنند.", "فهرست کالاها را ارسال کنند"),
    ("قرار است پایانه مرزی تا پایان سال به بهره‌برداری برسد.", "پایانه مرزی به بهره\u200cبرداری برسد"),
    ("اتحادیه موظف است گزارش را ظرف ده روز به استانداری تحویل دهد.", "گزارش را به استانداری تحویل دهد"),
    ("طرفین متعهد شدند تا پایان آبان ماه دفتری در کازان باز کنند.", "دفتری در کازان باز کنند"),
    ("قرار بود اسکله تا پایان تیر ماه تکمیل شود، اما کار عقب افتاد.", "اسکله تکمیل شود"),
    # the speaker is not part of the action
    ("استاندار گفت کارگروه مشترک تا پایان آذر ماه تشکیل شود.", "کارگروه مشترک تشکیل شود"),
]


@pytest.mark.parametrize(("text", "action"), PERSIAN_ACTIONS)
def test_a_persian_commitment_carries_its_object_not_the_bare_verb(text: str, action: str) -> None:
    assert _actions(text) == [action]


# One commitment per clause when a sentence carries two deadlines, each with its own action.
TWO_DEADLINES = [
    (
        "Стороны договорились в течение месяца обменяться списками компаний, а до конца марта 2027 года "
        "провести бизнес-форум в Казани.",
        [("обменяться списками компаний", "P1M"), ("провести бизнес-форум в Казани", "2027-03-31")],
    ),
    (
        "The working group is to report within three weeks and the chamber must hold the fair "
        "by the end of May.",
        [("The working group is to report", "P21D"), ("the chamber must hold the fair", "2027-05-31")],
    ),
    (
        "استانداری باید ظرف ۱۰ روز فهرست طرح‌ها را اعلام کند و اتاق بازرگانی تا پایان بهمن ماه هیئتی را به "
        "کازان بفرستد.",
        [("فهرست طرح\u200cها را اعلام کند", "P10D"), ("هیئتی را به کازان بفرستد", "2027-02-19")],
    ),
]


# a part of a year after a preposition of time is a clause's deadline too
TWO_DEADLINES += [
    (
        "Стороны договорились до конца года подготовить проект, а во втором квартале 2027 года открыть склад "
        "в Ширазе.",
        [("подготовить проект", "2026-12-31"), ("открыть склад в Ширазе", "2027-06-30")],
    ),
    (
        "طرفین توافق کردند ظرف یک ماه فهرست طرح‌ها را مبادله کنند و در نیمه نخست سال ۱۴۰۶ نمایشگاهی در "
        "کازان برپا کنند.",
        [("فهرست طرح\u200cها را مبادله کنند", "P1M"), ("نمایشگاهی در کازان برپا کنند", "2027-09-22")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), TWO_DEADLINES)
def test_two_deadlines_in_a_sentence_make_one_commitment_per_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    doc = to_json(extract(text, published=dt.date(2026, 11, 20)))
    assert [(c["action"], c["due_relative"] or c["due"]) for c in doc["commitments"]] == expected


# A deadline inside an item of a list binds without a modal verb; the action stays on its line.
LIST_ITEMS = [
    (
        "Итоги заседания:\n- открытие торгового дома в Реште до конца первого квартала 2027 года;\n"
        "- подготовка перечня инвестиционных проектов в течение двух месяцев.",
        [
            ("открытие торгового дома в Реште", "2027-03-31"),
            ("подготовка перечня инвестиционных проектов", "P2M"),
        ],
    ),
    (
        "Outcomes of the meeting:\n- a list of investment projects within two months;\n"
        "- a joint trade fair by the end of 2027.",
        [("a list of investment projects", "P2M"), ("a joint trade fair", "2027-12-31")],
    ),
    (
        "مصوبات جلسه:\n۱- تهیه فهرست پروژه‌های مشترک ظرف دو ماه\n"
        "۲- برگزاری نمایشگاه اختصاصی تا پایان سال ۱۴۰۶",
        [("تهیه فهرست پروژه\u200cهای مشترک", "P2M"), ("برگزاری نمایشگاه اختصاصی", "2028-03-19")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIST_ITEMS)
def test_a_deadline_in_a_list_item_is_a_commitment_without_a_modal_verb(
    text: str, expected: list[tuple[str, str]]
) -> None:
    doc = to_json(extract(text, published=dt.date(2026, 11, 20)))
    assert [(c["action"], c["due_relative"] or c["due"]) for c in doc["commitments"]] == expected


# A general call to act together is no commitment, with a deadline or without.
EXHORTATIONS = [
    "ما باید تا پایان سال با هم کار کنیم تا روابط دو کشور گسترش یابد.",
    "Мы должны до конца года вместе работать над укреплением связей.",
    "We must all work together by the end of the year to strengthen ties.",
    "Нам нужно объединить усилия для развития сотрудничества.",
    "We should join forces to deepen cooperation between the regions.",
]


@pytest.mark.parametrize("text", EXHORTATIONS)
def test_a_call_to_act_together_is_no_commitment(text: str) -> None:
    assert to_json(extract(text, published=dt.date(2026, 11, 20)))["commitments"] == []


# A year named from the publication year (the Jalali year for Persian), after «to the end of» or
# after a part of a year.
RELATIVE_YEARS = [
    ("Стороны договорились до конца следующего года открыть склад в Тебризе.", ("2027-12-31", "year")),
    (
        "Министерство должно в первом квартале будущего года утвердить перечень проектов.",
        ("2027-03-31", "quarter"),
    ),
    ("The two sides agreed to open a joint office by the end of next year.", ("2027-12-31", "year")),
    (
        "The ministry is to approve the list of projects in the first half of next year.",
        ("2027-06-30", "half"),
    ),
    ("طرفین توافق کردند تا پایان سال آینده دفتری در تبریز باز کنند.", ("2028-03-19", "year")),
    ("قرار است همایش در نیمه نخست سال آینده در اصفهان برگزار شود.", ("2027-09-22", "half")),
    ("اتحادیه باید تا پایان امسال فهرست اعضا را اعلام کند.", ("2027-03-20", "year")),
    ("اتحادیه باید تا پایان سال جاری فهرست اعضا را اعلام کند.", ("2027-03-20", "year")),
]


@pytest.mark.parametrize(("text", "expected"), RELATIVE_YEARS)
def test_a_year_named_from_the_publication_year_sets_the_deadline(
    text: str, expected: tuple[str, str]
) -> None:
    assert [(due, precision) for due, precision, _ in _deadlines(text, "2026-11-20")] == [expected]


# English puts the action before the deadline; the speaker who reports it is not part of it.
ENGLISH_ACTIONS = [
    (
        "The governor said the port must open a grain berth by 1 June 2027.",
        ["the port must open a grain berth"],
    ),
    (
        "The governors who met in Sari agreed to open a trade office by March 2027.",
        ["The governors who met in Sari agreed to open a trade office"],
    ),
]


@pytest.mark.parametrize(("text", "actions"), ENGLISH_ACTIONS)
def test_an_english_action_starts_after_the_verb_that_reports_it(text: str, actions: list[str]) -> None:
    assert _actions(text) == actions


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    "text",
    [
        "Стороны договорились до конца следующего года открыть склад в Тебризе.",
        "اتحادیه باید تا پایان امسال فهرست اعضا را اعلام کند.",
        "The ministry is to approve the list of projects in the first half of next year.",
        "اتحادیه متعهد شد تا پایان آذر ماه انبار را بسازد.",
    ],
)
def test_a_publication_date_beyond_the_calendars_gives_no_due_date_and_no_error(
    text: str, published: str
) -> None:
    doc = extract(text, published=dt.date.fromisoformat(published))
    assert [c.due for c in doc.commitments] == [None]


# A period or a span before the verb of agreement says when it was agreed, not by when: the
# agreement is still a commitment, without a due date; after the verb it is the deadline.
WHEN_AGREED = [
    ("В первом квартале 2026 года стороны договорились запустить новую паромную линию.", None),
    ("Стороны договорились в первом квартале 2027 года запустить новую паромную линию.", "2027-03-31"),
    ("در نیمه نخست سال ۱۴۰۵ طرفین توافق کردند خط کشتیرانی را راه‌اندازی کنند.", None),
    ("طرفین توافق کردند در نیمه نخست سال ۱۴۰۶ خط کشتیرانی را راه‌اندازی کنند.", "2027-09-22"),
    ("Через два месяца стороны договорились открыть склад.", None),
    ("Стороны договорились через два месяца открыть склад.", "2027-01-20"),
]


@pytest.mark.parametrize(("text", "due"), WHEN_AGREED)
def test_a_period_before_the_agreement_is_when_it_was_agreed(text: str, due: str | None) -> None:
    assert [d for d, _, _ in _deadlines(text, "2026-11-20")] == [due]


def test_a_deadline_after_a_comma_at_the_end_of_a_sentence_keeps_its_clause_as_the_action() -> None:
    text = (
        "Губернатор сообщил, что министерство должно подготовить перечень предприятий, заинтересованных "
        "в поставках, в течение месяца."
    )
    assert _actions(text) == [
        "министерство должно подготовить перечень предприятий, заинтересованных в поставках"
    ]


# «до», «к», «by» before a month without its year: that month's last day, at its next occurrence;
# after a month they close a range; «before», «پیش از» a month end the day before that month begins.
MONTHS_WITHOUT_A_YEAR = [
    ("Министерство должно до апреля подготовить проект паромной линии.", ["2027-04-30"]),
    ("Министерство должно к апрелю подготовить проект паромной линии.", ["2027-04-30"]),
    ("The ministry must submit the route study by April.", ["2027-04-30"]),
    ("Ярмарка иранских товаров пройдет с февраля до апреля, сообщил губернатор.", []),
    ("The fair will run from February until April, the ministry said.", []),
    ("The ministry must submit the route study before April 2027.", ["2027-03-31"]),
    ("The ministry must submit the route study before April.", ["2027-03-31"]),
    ("اتحادیه باید پیش از فروردین فهرست را ارسال کند.", ["2027-03-20"]),
    # said in the month itself, «before» it is before its next beginning
    ("The port must finish the survey before November.", ["2027-10-31"]),
    # a participle after a future auxiliary is ahead, after a past one behind
    ("Проект соглашения о паромной линии будет подготовлен до апреля.", ["2027-04-30"]),
    ("Проект соглашения о паромной линии был подготовлен к апрелю.", ["2026-04-30"]),
    # a month and a year named from the publication year
    ("Министерство должно до апреля следующего года подготовить проект.", ["2027-04-30"]),
    ("The ministry must submit the route study by October next year.", ["2027-10-31"]),
    ("شرکت متعهد شد تا خرداد سال آینده دو کشتی بخرد.", ["2027-06-21"]),
]


@pytest.mark.parametrize(("text", "dues"), MONTHS_WITHOUT_A_YEAR)
def test_a_month_after_a_date_word_is_due_at_its_end(text: str, dues: list[str]) -> None:
    assert [d for d, _, _ in _deadlines(text, "2026-11-20") if d is not None] == dues


# How long something lasts is no commitment; a deadline to act beside the same words still is.
LASTING = [
    (
        "The Iranian trade fair in Kazan will last until the end of November, the Ministry of Industry said.",
        [],
    ),
    ("Ярмарка иранских товаров в Самаре продлится до конца декабря, сообщила ТПП области.", []),
    ("نمایشگاه کالاهای روسی تا پایان آذر ماه ادامه دارد و اتاق بازرگانی ۳۰ غرفه در آن دارد.", []),
    ("Офис торгового дома должен заработать до конца декабря, сообщила ТПП области.", ["2026-12-31"]),
]


@pytest.mark.parametrize(("text", "dues"), LASTING)
def test_how_long_something_lasts_is_no_deadline(text: str, dues: list[str]) -> None:
    assert [d for d, _, _ in _deadlines(text, "2026-11-20")] == dues


def test_a_reporting_verb_after_the_deadline_is_neither_the_action_nor_its_tense() -> None:
    text = "Склад компании должен заработать до конца декабря, сообщила ТПП области."
    doc = to_json(extract(text, published=dt.date(2026, 11, 20)))
    assert [(c["action"], c["due"]) for c in doc["commitments"]] == [
        ("Склад компании должен заработать", "2026-12-31")
    ]


# A year after «до», «к», «by», «تا سال»: that year's last day, precision year (Jalali below 1500);
# after «before», «پیش از» the last day of the year before. Not a year closing a range, nor an
# amount («до 2030 тонн»).
YEARS = [
    (
        "Стороны договорились построить зерновой терминал до 2029 года.",
        [("2029-12-31", "year", "до 2029 года")],
    ),
    (
        "Стороны договорились построить зерновой терминал к 2029 году.",
        [("2029-12-31", "year", "к 2029 году")],
    ),
    (
        "Стороны договорились построить зерновой терминал до 2029 г. в Оле.",
        [("2029-12-31", "year", "до 2029 г")],
    ),
    ("The two provinces agreed to build a grain terminal by 2029.", [("2029-12-31", "year", "by 2029")]),
    (
        "The two provinces agreed to build a grain terminal before 2029.",
        [("2028-12-31", "year", "before 2029")],
    ),
    (
        "طرفین توافق کردند تا سال ۱۴۰۸ پایانه غلات را بسازند.",
        [("2030-03-20", "year", "تا سال ۱۴۰۸")],
    ),
    (
        "طرفین توافق کردند پیش از سال ۱۴۰۸ پایانه غلات را بسازند.",
        [("2029-03-19", "year", "پیش از سال ۱۴۰۸")],
    ),
    ("Губернатор планирует увеличить поставки до 2029 тонн зерна.", []),
    ("Программа развития порта рассчитана с 2026 до 2029 года, сообщил губернатор.", []),
    ("از سال ۱۴۰۵ تا سال ۱۴۰۸ صادرات استان باید دو برابر شود.", []),
]


@pytest.mark.parametrize(("text", "expected"), YEARS)
def test_a_year_after_a_date_word_is_due_at_its_end(
    text: str, expected: list[tuple[str | None, str | None, str | None]]
) -> None:
    assert _deadlines(text, "2026-11-20") == expected


# A document's validity is how long it lasts; a target of growth is an aim, not an undertaking
# (unless the sentence also binds someone); a goal of a task stays a commitment.
NOT_UNDERTAKEN = [
    ("The ferry agreement is valid until 2031, the ministry said.", []),
    ("Соглашение о паромной линии действует до 2031 года.", []),
    ("این موافقت‌نامه تا سال ۱۴۰۹ معتبر است.", []),
    ("Our goal is to triple rice exports by 2029, the governor said.", []),
    ("Наша цель — утроить поставки риса к 2029 году.", []),
    ("هدف ما سه برابر کردن صادرات برنج تا سال ۱۴۰۸ است.", []),
    ("The provinces agreed to triple rice exports by 2029, which is their goal.", ["2029-12-31"]),
    ("هدف ما این است که ظرف یک ماه آینده گزارش کارگروه ارائه شود.", ["2026-12-20"]),
]


@pytest.mark.parametrize(("text", "dues"), NOT_UNDERTAKEN)
def test_a_validity_or_a_growth_target_is_no_commitment(text: str, dues: list[str]) -> None:
    assert [d for d, _, _ in _deadlines(text, "2026-11-20")] == dues


# A word several units long: «полгода», «half a year», «نیم سال» are six months, «fortnight» two weeks.
SPANS = [
    ("Стороны договорились в течение полугода открыть склад в Ширазе.", ("P6M", "2027-05-20")),
    ("The sides agreed to open a warehouse in Shiraz within half a year.", ("P6M", "2027-05-20")),
    ("The sides agreed to open a warehouse in Shiraz within a fortnight.", ("P14D", "2026-12-04")),
    ("طرفین توافق کردند ظرف نیم سال انبار شیراز را بازگشایی کنند.", ("P6M", "2027-05-20")),
]


@pytest.mark.parametrize(("text", "expected"), SPANS)
def test_a_word_several_units_long_counts_them_all(text: str, expected: tuple[str, str]) -> None:
    doc = to_json(extract(text, published=dt.date(2026, 11, 20)))
    assert [(c["due_relative"], c["due"]) for c in doc["commitments"]] == [expected]


# A headline's undertaking without a deadline that the body tells again is one commitment, the body's.
HEADLINES = [
    (
        "Самара и Гилян договорились провести ярмарку в Самаре\n\n"
        "Самара, 2 декабря. Было решено в течение полугода провести в Самаре ярмарку товаров Гиляна.",
        [("провести в Самаре ярмарку товаров Гиляна", "P6M")],
    ),
    (
        "Kerman and Kazan agreed to open a carpet showroom\n\n"
        "The two provinces agreed on Monday to open a carpet showroom in Kazan within three months.",
        [("The two provinces agreed on Monday to open a carpet showroom in Kazan", "P3M")],
    ),
    # a different undertaking in the headline stays
    (
        "Kerman and Kazan agreed to train customs officers\n\n"
        "The two provinces agreed on Monday to open a carpet showroom in Kazan within three months.",
        [
            ("The two provinces agreed on Monday to open a carpet showroom in Kazan", "P3M"),
            ("Kerman and Kazan agreed to train customs officers", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HEADLINES)
def test_a_headline_told_again_by_the_body_is_one_commitment(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    doc = to_json(extract(text, published=dt.date(2026, 12, 2)))
    assert [(c["action"], c["due_relative"]) for c in doc["commitments"]] == expected


# An instrument's word before the agreement word in Russian or English is the subject that agrees,
# not the object approved: the agreement to act is a commitment. (text, the actions)
AGREEING_BODIES = [
    (
        "The Rasht chamber and the Kazan Trade Centre have agreed to hold a carpet fair in autumn.",
        ["The Rasht chamber and the Kazan Trade Centre have agreed to hold a carpet fair in autumn."],
    ),
    # the approved instrument after the verb is the instrument's own step
    ("The governors approved the road map of the ferry line.", []),
]


@pytest.mark.parametrize(("text", "actions"), AGREEING_BODIES)
def test_a_body_that_agrees_to_act_makes_a_commitment(text: str, actions: list[str]) -> None:
    assert [c["action"] for c in to_json(extract(text))["commitments"]] == actions
