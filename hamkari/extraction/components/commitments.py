"""Commitments: what someone undertook to do, and by when.

Three triggers, one commitment per sentence at most:
- a deadline («ظرف دو هفته آینده» → P14D, «в течение двух месяцев» → P2M,
  «by the end of the year» → the year's last day; the Jalali year for Persian text), or a named
  month («تا پایان آبان», «تا آذر ماه», «до конца ноября» → that month's last day, its next
  occurrence from the publication date, in the month's own calendar), a month with its year («до
  марта 2027 года», «by March 2027»), a year («к концу 2027 года», «تا پایان سال آینده») or a
  quarter or half («в первом квартале 2027 года», «in the second half of next year») → the
  period's last day, with `due_precision` saying which (day, month, quarter, half, year); a year
  alone after «до», «by», «تا سال» («до 2030 года», «by 2030») → its last day; after «before»,
  «پیش از» a month or a year → the last day before it begins («before March» → February's end);
- an agreement to act («توافق کردند», «договорились», «agreed to»);
- a schedule («قرار است», «планируется»; not a bare future «خواهد»), a pledge («متعهد شدند»,
  «обязались», «pledged to») or an obligation of a body or plan («این کارگروه باید …»).
`due` is resolved from the publication date when one is known; a deadline told in the past («قرار
بود», «was to», «должна была») is the last such day before it."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import jdatetime

from hamkari.extraction.components.context import Words
from hamkari.extraction.components.events import (
    entities_in,
    future_form,
    in_sentence,
    is_planned,
    near,
    negated,
)
from hamkari.extraction.dates import month_names
from hamkari.extraction.document import Commitment, Document, Match, Provenance, Sentence, Span, Token
from hamkari.extraction.languages import profile
from hamkari.extraction.lexicon import entries, lemma_key, register_table, word_set
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.normalize import fold_term
from hamkari.extraction.numbers import Number, number_words, read_number
from hamkari.extraction.pipeline import Component, registered

# years named relative to the publication year («next year», «سال آینده»): KIND · OFFSET · terms
YEARS = "years"
register_table(YEARS, 2)

# an action ends at a full stop, a purpose clause or the next item of a list
ACTION_STOP = re.compile(
    r"[.;؛:!?؟]| تا | که | اما | ولی | чтобы | однако | so that | in order to | but "
    r"|\n\s*(?:[-–—•*▪·]|[0-9۰-۹]{1,2}[.)\-–])\s"
)
_OBJECT_REACH = 25  # folded characters between an approval verb and the instrument it approves
MAX_ACTION = 160


_REFERENCE_YEARS = range(1900, 2201)  # publication years a deadline is counted from


def reference_day(doc: Document) -> dt.date | None:
    """The publication date deadlines are counted from; none for a year outside the calendars'
    reach («--published 9999-12-31» gave «year 10000 is out of range» for «by the end of next year»,
    and Jalali dates fail before year 622)."""
    day = doc.published
    return day if day is not None and day.year in _REFERENCE_YEARS else None


def add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_duration(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit == "W":
        return day + dt.timedelta(weeks=n)
    if unit == "M":
        return add_months(day, n)
    return add_months(day, 12 * n)


def _shifted(day: dt.date | None, unit: str, n: int) -> dt.date | None:
    """`day` moved by n units; None without a day or beyond the calendar («ظرف ۹۹۹۹۹۹۹ روز»)."""
    if day is None:
        return None
    try:
        return add_duration(day, unit, n)
    except (OverflowError, ValueError):
        return None


def end_of(day: dt.date, unit: str, jalali: bool) -> dt.date:
    if jalali:
        j = jdatetime.date.fromgregorian(date=day)
        if unit == "Y":
            last = jdatetime.date(j.year, 12, 30 if j.isleap() else 29)
        else:
            nxt = jdatetime.date(j.year + (j.month == 12), j.month % 12 + 1, 1)
            last = nxt - jdatetime.timedelta(days=1)
        result: dt.date = last.togregorian()
        return result
    if unit == "Y":
        return dt.date(day.year, 12, 31)
    return dt.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


_SPAN_KEY = re.compile(r"(\d+)([DWMY])")


def _span_unit(key: str) -> tuple[str, int]:
    """A duration's unit and how many of it one word spans: «M» → (M, 1); a word that is
    several units at once, durations.tsv key «6M» («полгода», «half a year»), «2W» («fortnight»)."""
    found = _SPAN_KEY.fullmatch(key)
    return (found.group(2), int(found.group(1))) if found else (key, 1)


def iso_duration(unit: str, n: int) -> str:
    if unit == "W":
        return f"P{7 * n}D"
    return f"P{n}{unit}"


# The modality keys that make a sentence without a deadline a commitment (with «agreed» statuses):
# the loop over sentences in CommitmentFinder reads only sentences holding one of them, so a new
# trigger read in that loop must be added here (or to the «agreed» statuses beside it).
_TRIGGER_MODALITIES = frozenset({"schedule", "pledge", "obligation"})


@registered
class CommitmentFinder(Component):
    name = "commitments"
    requires = (
        "text",
        "folded",
        "language",
        "tokens",
        "sentences",
        "matches",
        "published",
        "entities",
        "dates",
        "title",
    )
    provides = ("commitments",)

    def __call__(self, doc: Document) -> None:
        words = Words(doc, tables=("durations", "months", "deadline_cues"))
        done: set[int] = set()
        # a bare «تا» (until_month) is a cue only where a month follows: the others are no clause's start
        # and «до» / «by» (until_date) only where a calendar date follows
        cues = [m for m in doc.matches_of("deadline_cues") if _cue_here(doc, words, m)]
        # and a part of a year after a preposition of time («в первом квартале 2027 года») is one too
        cues = sorted(cues + _period_cues(doc, words), key=lambda m: m.span.start)
        for n, cue in enumerate(cues):
            sentence = doc.sentence_at(cue.span.start)
            if sentence is None:
                continue
            if cue.table == "durations":
                found = _period_deadline(
                    doc, words, cue, _token_before(words, cue).start, words.first_at(cue.fstart)
                )
            else:
                found = self._deadline(doc, words, cue)
            if found is None or not self._undertaken(doc, sentence, cue):
                continue
            # one commitment per deadline: a sentence with two deadlines holds two clauses
            following = _next_inside(cues, n, sentence)
            done.add(sentence.span.start)
            self._add(doc, sentence, cue.provenance.rule, *found, until=following)
        # a sentence holds a trigger only where one of these words starts (the keys read below)
        triggers = doc.sentences_holding(
            [m for m in doc.matches_of("statuses") if m.key == "agreed"]
            + [m for m in doc.matches_of("modality") if m.key in _TRIGGER_MODALITIES]
        )
        for sentence in doc.sentences:
            if sentence.span.start in done or sentence.span.start not in triggers:
                continue
            agreed = in_sentence(doc, sentence, ("statuses",), "agreed")
            schedule = in_sentence(doc, sentence, ("modality",), "schedule")
            schedule = schedule or in_sentence(doc, sentence, ("modality",), "pledge")
            obliged = in_sentence(doc, sentence, ("modality",), "obligation")
            bodies = in_sentence(doc, sentence, ("instruments",))
            if agreed and bodies and in_sentence(doc, sentence, ("modality",), "formation"):
                agreed = []  # agreeing to set up a body is that instrument's own status step
            if agreed and any(_approves(doc, a, b) for a in agreed for b in bodies):
                agreed = []  # «утвердили дорожную карту»: the approval is the instrument's step
            if obliged and exhortation(doc, sentence):
                obliged = []  # «باید با هم کار کنیم»: a call, not an undertaking
            trigger = agreed or schedule or (obliged if bodies else [])
            if not trigger or _aspiration(doc, sentence):
                continue  # «our goal is to double trade»: a target, not an undertaking
            done.add(sentence.span.start)
            self._add(doc, sentence, trigger[0].provenance.rule, None, None, None, None)
        _drop_headline_repeats(doc)

    @staticmethod
    def _undertaken(doc: Document, sentence: Sentence, cue: Match) -> bool:
        """A deadline binds someone: «صید تا پایان هفته ممنوع است» (weather) is no commitment,
        nor is an exhortation («باید تا پایان سال با هم کار کنیم»). An item of a list (a plan's
        line) binds without a modal verb. A deadline that counts only in the future («in three
        months», «через два месяца») needs a plan in its sentence."""
        if (cue.key == "future_within" or cue.table == "durations") and not _plan_or_undertaking(
            doc, sentence, cue
        ):
            return False  # «через два месяца», «в первом квартале 2027 года»: only about what is to come
        if exhortation(doc, sentence) or _aspiration(doc, sentence):
            return False
        if any(
            0 <= cue.fstart - m.fend <= _STEP_REACH or 0 <= m.fstart - cue.fend <= _STEP_REACH
            for m in in_sentence(doc, sentence, ("cues",), "lasting")
        ):
            return False  # «the fair will last until the end of November»: how long, not by when
        return bool(
            [m for m in in_sentence(doc, sentence, ("modality",)) if m.key != "planned"]
            or in_sentence(doc, sentence, ("statuses", "instruments"))
            or entities_in(doc, sentence.span, "person", "organization")
            or _LIST_ITEM.match(doc.text, _line_start(doc.text, sentence.span.start))
        )

    def _deadline(
        self, doc: Document, words: Words, cue: Match
    ) -> tuple[Span, str | None, dt.date | None, str] | None:
        i = words.first_at(cue.fend)
        if i >= words.n:
            return None
        if cue.key != "future_within" and (dated := _date_deadline(doc, words, cue, i)) is not None:
            return dated  # «до 1 марта 2027 года», «by 1 March 2027», «تا ۱۵ بهمن ۱۴۰۵»
        if (period := _period_deadline(doc, words, cue, cue.fstart, i)) is not None:
            return period  # «до конца первого полугодия 2027 года», «until the end of 2027»
        if cue.key in ("until_date", "before_date"):
            return _dated_month_deadline(doc, words, cue, i)
        n = 1
        number = read_number(words.tokens, words.text, i)
        if number is not None and number.value != int(number.value):
            number = None  # «نیم سال» is a word of six months (durations.tsv), not half a year counted
        if number is not None:
            n = int(number.value)
            i = number.last + 1
            upper = _range_upper(words, number.last)
            if upper is not None:
                n, i = int(upper.value), upper.last + 1
        elif (joined := _JOINED_RANGE.fullmatch(words.word(i))) is not None:
            n, i = int(joined.group(1)), i + 1  # «3-5 months» is one token: the upper end
        if i >= words.n:
            return None
        unit = words.covered.get(i)
        named = _month_named(words, i, unit)
        if named is not None:
            # «تا ۱۵ آبان» after a number is a date (or a range of days), not a month's end
            return _month_deadline(doc, words, cue, i, named) if i == words.first_at(cue.fend) else None
        if unit is None or unit.table != "durations" or cue.key == "until_month":
            return None  # a bare «تا» sets a deadline only before a month: «تا آذر ماه»
        if number is None and _plural(words, i, unit):
            return None  # «на ближайшие месяцы»: no number and a plural unit set no deadline
        return _duration_deadline(doc, words, cue, unit, n)

    def _add(
        self,
        doc: Document,
        sentence: Sentence,
        rule: str,
        expression: Span | None,
        relative: str | None,
        due: dt.date | None,
        how: str | None,
        until: Match | None = None,
    ) -> None:
        action = self._tidy(self._action(doc, sentence, expression, until))
        actors = entities_in(doc, sentence.span, "person", "organization")
        doc.commitments.append(
            Commitment(
                action=action,
                evidence=sentence.span,
                provenance=Provenance(self.name, f"commitments.{how or 'agreed_or_scheduled'} ({rule})"),
                actor=actors[0] if actors else None,
                due=due,
                due_relative=relative,
                due_expression=doc.quote(expression) if expression else None,
                due_precision=_PRECISION.get(how or "") if due is not None else None,
            )
        )

    @staticmethod
    def _action(doc: Document, sentence: Sentence, expression: Span | None, until: Match | None) -> str:
        text = doc.text
        if until is not None and expression is not None and until.span.start > expression.end:
            # the next deadline starts the next clause: «… گزارش دهد و دبیرخانه تا پایان ماه …»
            clause = text[expression.end : until.span.start]
            join = max(clause.rfind(s) for s in _CLAUSE_JOINS)
            end = expression.end + join if join > 0 else until.span.start
            sentence = Sentence(Span(sentence.span.start, max(end, expression.end + 1)))
        if expression is not None and profile(doc.language).action_before_deadline:
            # English puts the deadline after the action: «is to report to both governors within two weeks»
            before = re.split(r"[,;:]| that | and ", text[sentence.span.start : expression.start])[-1]
            before = _after_speech(before)  # «the governor said the ministry must open …»
            if len(before.split()) >= 2:
                return " ".join(before.split())[:MAX_ACTION]
        if expression is not None:
            after = text[_past_undertaking(doc, sentence, expression.end) : sentence.span.end].lstrip(" ،,")
            cut = ACTION_STOP.search(after)
            piece = (after[: cut.start()] if cut else after).strip()
            if piece and _reporting(piece.split()[0]):
                piece = ""  # «… до конца декабря, сообщила ТПП»: the action stands before the deadline
            if 2 <= len(piece.split()) <= profile(doc.language).verb_final_words:
                # «شرکت‌ها باید فهرست را تا پایان ماه ارسال کنند»: the object stands before the deadline
                piece = f"{_clause_head(doc, sentence, expression)} {piece}"
            if len(piece.split()) >= 2:
                return " ".join(piece.split()).rstrip(" ،,")[:MAX_ACTION]
            before = text[sentence.span.start : expression.start]
            # the deadline ends the clause: the action is the words before it, back to the clause's
            # start (past commas only when a comma stands right before the deadline); never past a line
            piece = re.split(r"[،,:;؛\n]| که | that | что ", before)[-1]
            if len(piece.split()) < 2:
                piece = re.split(r"[:;؛\n]| که | that | что ", before)[-1]
            return " ".join(piece.split()).rstrip(" ،,")[:MAX_ACTION]
        return " ".join(text[sentence.span.start : sentence.span.end].split())[:MAX_ACTION]

    @staticmethod
    def _tidy(action: str) -> str:
        """An action without the bullet of its list item."""
        bullet = _LIST_ITEM.match(action)  # only at the start: «خط آستارا – آستاراخان» keeps its dash
        return (action[bullet.end() :] if bullet else action).strip()


def _duration_deadline(
    doc: Document, words: Words, cue: Match, unit: Match, n: int
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """«ظرف دو هفته آینده» → P14D, «в течение полугода» → P6M, «by the end of the year» → its
    last day: n units of a duration word after a cue."""
    end = words.last_before(unit.fend)
    # «ظرف دو هفته آینده», «в ближайшие две недели»: a following "next"/"coming" word belongs to it.
    if end + 1 < words.n and in_sentence_word(doc, words, end + 1):
        end += 1
    expression = doc.span_of(cue.fstart, words.tokens[end].end)
    reference = reference_day(doc)
    key, count = _span_unit(unit.key)
    if cue.key == "end_of":
        if count != 1:
            return None  # «до конца полугода» names no calendar period
        due = end_of(reference, key, profile(doc.language).jalali_year) if reference else None
        return expression, None, due, "year_end" if key == "Y" else "end_of"
    relative = iso_duration(key, n * count)
    return expression, relative, _shifted(reference, key, n * count), "within"


_WORD = re.compile(r"\w+")
_CLAUSE_START = re.compile(r".*(?:[.،,:;؛!?؟«»\"\n]| که | و )", re.DOTALL)


def _past_undertaking(doc: Document, sentence: Sentence, pos: int) -> int:
    """Where the action starts after a deadline: past a word of undertaking right after it
    («во втором полугодии планируется открыть …» → «открыть …»)."""
    for m in in_sentence(doc, sentence, ("modality",)):
        if m.key in ("joint", "formation") or m.span.start < pos:
            continue
        if not doc.text[pos : m.span.start].strip(" ،,"):
            return m.span.end
    return pos


def _clause_head(doc: Document, sentence: Sentence, expression: Span) -> str:
    """The words of a deadline's clause before it, after the clause's start (punctuation, «که», «و»)
    and after the last word that makes it an undertaking («قرار است», «باید», «متعهد شدند»)."""
    start = sentence.span.start
    for m in in_sentence(doc, sentence, ("modality", "statuses")):
        if m.key not in ("joint", "formation") and m.span.end <= expression.start:
            start = max(start, m.span.end)
    head = doc.text[start : expression.start]
    opened = _CLAUSE_START.match(head)
    return _after_speech(head[opened.end() :] if opened else head).strip()


def _after_speech(piece: str) -> str:
    """The words after the last verb of speaking («استاندار گفت کارگروه …», «the governor said the
    ministry must …»): the speaker is not part of what is to be done."""
    cut = 0
    for w in _WORD.finditer(piece):
        if _reporting(w.group()):
            cut = w.end()
    return piece[cut:]


def _reporting(word: str) -> bool:
    """Whether a word is a verb that reports speech (stopwords `reporting`; Russian by its lemma)."""
    return lemma_key(word) in word_set("stopwords", "reporting")


# The word «month» after a month's name: «تا آذر ماه», «до конца ноября месяца» (folded).
_MONTH_WORDS = frozenset({"ماه", "месяца", "month"})
_YEAR = re.compile(r"1[34]\d\d|19\d\d|2[01]\d\d")
_JOINED_RANGE = re.compile(r"\d{1,3}[-–](\d{1,3})")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–—•*▪·]|[0-9۰-۹]{1,2}[.)\-–])\s")
_CLAUSE_JOINS = ("،", ",", ";", "؛", " و ", " и ", " and ")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def exhortation(doc: Document, sentence: Sentence) -> bool:
    """A general call to act together («باید با هم کار کنیم», «мы должны», «we must»): an
    exhortation cue, or an obligation followed by a first-person plural verb of the language."""
    if in_sentence(doc, sentence, ("cues",), "exhortation"):
        return True
    verbs = profile(doc.language).first_plural_verbs
    obliged = in_sentence(doc, sentence, ("modality",), "obligation")
    if not verbs or not obliged:
        return False
    assert doc.folded is not None
    _, end = doc.folded.to_folded(sentence.span.start, sentence.span.end)
    after = doc.folded.text[obliged[0].fend : end]
    return any(w in verbs for w in _WORD.findall(after))


def _approves(doc: Document, agreed: Match, body: Match) -> bool:
    """Whether an agreement word approves an instrument near it: its object, which follows the
    verb («утвердили дорожную карту», «approved the road map») or, where the verb ends the clause,
    stands before it («نقشه راه را تصویب کردند»); a body named before the verb in Russian or English
    is its subject («the Iran Trade Centre … have agreed to hold a fair»)."""
    if not near(agreed, body, _OBJECT_REACH):
        return False
    inside = agreed.fstart <= body.fstart and body.fend <= agreed.fend  # «an agreement was reached»
    return bool(profile(doc.language).verb_final_words) or inside or body.fstart >= agreed.fend


# Modality keys that bind someone to act (a plan alone, `planned`, does not).
_BINDING = ("obligation", "pledge", "schedule")


_GOAL_IS = 6  # folded characters between a goal's word and the «is to» that only states it


def _aspiration(doc: Document, sentence: Sentence) -> bool:
    """A goal, a target or a forecast of growth that nothing else in the sentence binds anyone to
    («هدف ما دو برابر کردن تجارت تا سال ۱۴۱۰ است», «our goal is to double trade by 2030»): no
    commitment. A goal of a task (no growth word) is one."""
    aims = in_sentence(doc, sentence, ("cues",), "aspiration")
    if not aims or not in_sentence(doc, sentence, ("cues",), "growth"):
        return False
    binding = [m for key in _BINDING for m in in_sentence(doc, sentence, ("modality",), key)]
    # «the goal is to …»: the «is to» right after the goal's word states the goal
    binding = [m for m in binding if not any(0 <= m.fstart - a.fend <= _GOAL_IS for a in aims)]
    return not (binding or in_sentence(doc, sentence, ("statuses",), "agreed"))


def _before_month(words: Words, cue: Match) -> bool:
    """Whether a month's name follows the cue directly (checked before reading a deadline)."""
    i = words.first_at(cue.fend)
    return i < words.n and _month_named(words, i, words.covered.get(i)) is not None


def _month_named(words: Words, i: int, unit: Match | None) -> tuple[str, int, int] | None:
    """The month named at token i: (calendar, month number, its last token). «آبان» and «آبان ماه»
    by the months lexicon; «آبان‌ماه» / «آذرماه», written as one word, by the month's name before «ماه»."""
    if unit is not None and unit.table == "months":
        return unit.key, int(unit.attrs[0]), words.last_before(unit.fend)
    word = words.word(i)
    for ending in _MONTH_WORDS:
        found = month_names().get(word[: -len(ending)]) if word.endswith(ending) else None
        if found is not None:
            return found[0], found[1], i
    return None


def _month_deadline(
    doc: Document, words: Words, cue: Match, i: int, month: tuple[str, int, int]
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """«تا پایان آبان», «تا آذر ماه», «до конца ноября 2026 года»: the last day of the named month,
    in the year written after it or else at its next occurrence from the publication date. A bare
    «تا» (`until_month`) needs «ماه» with the month («تا آذر» may be «up to Azar», a person),
    since several month names are ordinary words."""
    calendar_name, number, end = month
    joined = words.word(end) != words.word(i) or any(
        words.word(end).endswith(w) and words.word(end) != w for w in _MONTH_WORDS
    )
    followed = end + 1 < words.n and words.word(end + 1) in _MONTH_WORDS
    year = _year_after(words, end + followed) or _relative_year_after(doc, words, end + followed)
    if cue.key == "until_month" and not (followed or joined or year):
        return None  # «تا اسفند ۱۴۰۵» with its year is a deadline too
    if cue.key not in ("end_of", "until_month", "until_date", "before_date"):
        return None  # «в течение ноября» is no deadline; «до марта 2027 года», «к марту» are
    if followed:
        end += 1
    if year is not None:
        end = year[1] + (year[1] + 1 < words.n and _year_word(words, year[1] + 1))  # «марта 2027 года»
    expression = doc.span_of(cue.fstart, words.tokens[end].end)
    if cue.key == "before_date":  # «before March»: the last day before March begins
        start = _month_start(doc, words, cue, end, calendar_name, number, year)
        return expression, None, start - dt.timedelta(days=1) if start else None, "month_end"
    if year is not None:
        due = month_end_in(year[0], calendar_name, number)
    else:
        reference = said_when(doc, words, cue)
        if reference is None:
            due = None
        elif past_clause(doc, words, cue, end):
            due = month_end_before(reference, calendar_name, number)  # «линия заработала к концу июня»
        else:
            due = month_end(reference, calendar_name, number)
    return expression, None, due, "month_end"


def _relative_year_after(doc: Document, words: Words, end: int) -> tuple[int, int] | None:
    """A year named from the publication year right after a month: «до марта следующего года»,
    «by March next year», «تا اسفند سال آینده»."""
    if end + 1 >= words.n or words.broken(end, end + 1):
        return None
    return _relative_year(doc, words, end + 1)


def _month_start(
    doc: Document,
    words: Words,
    cue: Match,
    end: int,
    calendar_name: str,
    number: int,
    year: tuple[int, int] | None,
) -> dt.date | None:
    """The first day of the month a «before» deadline names: of its year when written, else its
    next beginning after the reference (its last one, told in the past: «was ready before March»)."""
    if year is not None:
        return month_start_in(year[0], calendar_name, number)
    reference = said_when(doc, words, cue)
    if reference is None:
        return None
    if past_clause(doc, words, cue, end):
        return month_start_before(reference, calendar_name, number)
    return month_start_after(reference, calendar_name, number)


def _drop_headline_repeats(doc: Document) -> None:
    """A headline that announces a deadline the body gives again («… تا آذر ماه افتتاح می‌شود» over
    «… تا ۳۰ آذر ۱۴۰۵ خبر داد»), or an undertaking without a deadline that the body tells again, is
    one commitment: the body's, with its fuller words, is kept."""
    title = doc.title
    at = doc.text.find(title) if title else -1
    if title is None or at < 0:
        return
    heading = Span(at, at + len(title))
    body = [c for c in doc.commitments if not heading.contains(c.evidence)]
    doc.commitments[:] = [
        c
        for c in doc.commitments
        if not heading.contains(c.evidence)
        or not any(
            (c.due is not None and b.due == c.due)
            or (c.due_relative is not None and b.due_relative == c.due_relative)
            or (not c.due_expression and _restated(doc, c, b))
            for b in body
        )
    ]


_RESTATED = 0.5  # share of a headline's action words that a body commitment's sentence repeats


def _restated(doc: Document, headline: Commitment, body: Commitment) -> bool:
    """Whether a headline's undertaking without a deadline is told again by a commitment of the
    body («Башкирия и … договорились провести бизнес-форум в Уфе» over the body's «договорились
    в течение полугода провести бизнес-форум в Уфе»): most of its words stand in that sentence."""
    mine = {lemma_key(w) for w in _WORD.findall(headline.action) if len(w) > 2}
    theirs = {lemma_key(w) for w in _WORD.findall(doc.text[body.evidence.start : body.evidence.end])}
    return bool(mine) and len(mine & theirs) >= _RESTATED * len(mine)


def _cue_here(doc: Document, words: Words, cue: Match) -> bool:
    """Whether a deadline cue may start a deadline here: a bare «تا» only before a month, a
    date or a year with its year word («تا سال ۱۴۱۰»), «до» / «к» / «by» (`until_date`) and
    «before», «پیش از» (`before_date`) only before a date, a month, a part of a year or a year
    («до 2030 года», «by 2030»), the others always."""
    if cue.key == "until_month":
        return (
            _before_month(words, cue)
            or _before_date(doc, words, cue)
            or _before_period(words, cue)
            or _written_year_at(doc, words, cue) is not None
        )
    if cue.key in ("until_date", "before_date"):
        return (
            _before_date(doc, words, cue)
            or _before_period(words, cue)
            or _before_dated_month(words, cue)
            or _written_year_at(doc, words, cue) is not None
        )
    return True


def _dated_month_deadline(
    doc: Document, words: Words, cue: Match, i: int
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """«до марта 2027 года», «к марту», «by March 2027»: a month after a date word; after
    «before», «پیش از» (`before_date`) the month before it («before March» → the end of February)."""
    named = _month_named(words, i, words.covered.get(i))
    return _month_deadline(doc, words, cue, i, named) if named is not None else None


def _before_period(words: Words, cue: Match) -> bool:
    """Whether a named part of a year follows the cue («к концу первого квартала», «تا نیمه نخست»)."""
    i = words.first_at(cue.fend)
    return i < words.n and _period_at(words, i) is not None


def _before_dated_month(words: Words, cue: Match) -> bool:
    """Whether a month follows the cue and no month before it makes it a range's end («до марта
    2027 года», «к марту», «by March»; not «с января до марта», «from January until March»)."""
    i = words.first_at(cue.fend)
    named = _month_named(words, i, words.covered.get(i)) if i < words.n else None
    before = words.last_before(cue.fstart)
    if before >= 0 and _month_named(words, before, words.covered.get(before)) is not None:
        return False
    return named is not None


def _before_date(doc: Document, words: Words, cue: Match) -> bool:
    i = words.first_at(cue.fend)
    return i < words.n and _day_and_month(doc, words, i) is not None and not _range_end(words, cue)


def _range_end(words: Words, cue: Match) -> bool:
    """«۱۲ تا ۱۵ بهمن», «с 10 до 15 марта»: after a number the cue closes a range of days."""
    k = words.last_before(cue.fstart)
    return k >= 0 and words.word(k).isdigit() and not words.gap(k, k + 1).strip(" -–")


def _day_and_month(doc: Document, words: Words, i: int) -> tuple[int, int, dt.date | None] | None:
    """The date that starts at token i: (its last token, the day, the full date when the text
    gives its year). A day and a month («1 марта», «۱۵ بهمن», «March 1») need a reference."""
    found = doc.date_at(words.tokens[i].start)
    if found is not None and found.start == words.tokens[i].start:
        return words.last_before(found.end), 0, found.date
    if i + 1 >= words.n or not _DAY.fullmatch(words.word(i)) or not 1 <= int(words.word(i)) <= 31:
        return None
    named = _month_named(words, i + 1, words.covered.get(i + 1))
    if named is None or words.broken(i, i + 1):
        return None
    return named[2], int(words.word(i)), None


def _date_deadline(
    doc: Document, words: Words, cue: Match, i: int
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """A deadline given as a calendar date: that day (the next such day and month from the
    reference when the year is not written)."""
    if _range_end(words, cue):
        return None
    found = _day_and_month(doc, words, i)
    if found is None:
        return None
    end, day, full = found
    due = full
    if full is None:
        calendar_name, month, _ = _month_named(words, i + 1, words.covered.get(i + 1)) or ("", 0, 0)
        reference = said_when(doc, words, cue)
        if reference is not None and past_clause(doc, words, cue, end):
            reference = _year_before(reference)  # «was to be delivered by 15 March»: the last 15 March
        due = next_day_of(reference, calendar_name, month, day) if reference else None
    return doc.span_of(cue.fstart, words.tokens[end].end), None, due, "date"


def _year_before(day: dt.date) -> dt.date:
    """The day after the same day a year earlier: the next such day of the month from it is the
    last one at or before `day`."""
    return add_months(day, -12) + dt.timedelta(days=1)


def next_day_of(reference: dt.date, calendar_name: str, month: int, day: int) -> dt.date | None:
    """The day `day` of `month` at or after `reference` (None when the calendar has no such day)."""
    try:
        if calendar_name == "jalali":
            j = jdatetime.date.fromgregorian(date=reference)
            year = j.year + ((month, day) < (j.month, j.day))
            result: dt.date = jdatetime.date(year, month, day).togregorian()
            return result
        year = reference.year + ((month, day) < (reference.month, reference.day))
        return dt.date(year, month, day)
    except ValueError:
        return None


def said_when(doc: Document, words: Words, cue: Match) -> dt.date | None:
    """The day a deadline without a year is counted from: the publication date, or, when the
    sentence says in an earlier month that it was agreed («В марте стороны договорились к концу
    июня …», «در فروردین توافق شد تا پایان خرداد …»), the first day of that month as it last
    came before publication."""
    published = reference_day(doc)
    if published is None:
        return None
    sentence = doc.sentence_at(cue.span.start)
    if sentence is None or doc.folded is None:
        return published
    floor = words.first_at(doc.folded.to_folded(sentence.span.start, sentence.span.end)[0])
    top = words.last_before(cue.fstart)
    prepositions = profile(doc.language).month_prepositions
    for k in range(top, max(floor, top - _SAID_REACH) - 1, -1):
        covering = words.covered.get(k)
        if covering is None or covering.table != "months" or k == 0 or words.word(k - 1) not in prepositions:
            continue  # «в марте», «در فروردین», «in March»: a month something happened in
        said = month_start_before(published, covering.key, int(covering.attrs[0]))
        # a month further back than that is rather one ahead («в ноябре пройдет …» in October)
        return said if (published - said).days <= _SAID_BACK else published
    return published


_DAY = re.compile(r"\d{1,2}")  # a day of the month (decimal digits of any script: «۱۵»)
_SAID_REACH = 12  # tokens before a deadline cue searched for the month an agreement was made in
_SAID_BACK = 275  # days: at most nine months before publication


def month_start_before(reference: dt.date, calendar_name: str, month: int) -> dt.date:
    """The first day of `month` as it last began at or before `reference`."""
    if calendar_name == "jalali":
        j = jdatetime.date.fromgregorian(date=reference)
        result: dt.date = jdatetime.date(j.year - (month > j.month), month, 1).togregorian()
        return result
    return dt.date(reference.year - (month > reference.month), month, 1)


def month_start_after(reference: dt.date, calendar_name: str, month: int) -> dt.date:
    """The first day of `month` as it next begins after `reference` («before March» said in
    March is before the next March)."""
    if calendar_name == "jalali":
        j = jdatetime.date.fromgregorian(date=reference)
        result: dt.date = jdatetime.date(j.year + (month <= j.month), month, 1).togregorian()
        return result
    return dt.date(reference.year + (month <= reference.month), month, 1)


def month_start_in(year: int, calendar_name: str, month: int) -> dt.date | None:
    """The first day of `month` of `year` (Jalali when the calendar is, or the year is below 1500)."""
    if calendar_name == "jalali" and year < 1500:
        result: dt.date = jdatetime.date(year, month, 1).togregorian()
        return result
    if calendar_name == "gregorian" and 1900 <= year <= 2200:
        return dt.date(year, month, 1)
    return None


def month_end_before(reference: dt.date, calendar_name: str, month: int) -> dt.date:
    """The last day of `month` in the last year in which the month began at or before `reference`:
    a deadline told in the past tense is behind the writer."""
    start = month_start_before(reference, calendar_name, month)
    return month_end(start, calendar_name, month)


def past_clause(doc: Document, words: Words, cue: Match, end: int) -> bool:
    """Whether the deadline is told in the past: a schedule or obligation of the past beside it
    (modality `past` of the language: «قرار بود», «was to», «had to»), or the verb nearest it in the
    past tense (languages with morphology: «линия заработала к концу июня», «к концу июня стороны
    подписали …»). An infinitive or a future keeps the deadline ahead («договорились к концу июня
    запустить»)."""
    sentence = doc.sentence_at(cue.span.start)
    if sentence is None or doc.folded is None:
        return False
    if any(m.key == "past" for m in doc.matches_near(cue, _PAST_REACH, "modality", sentence.span)):
        return True  # «قرار بود تا پایان خرداد …», «was to be completed by the end of June»
    lo, hi = doc.folded.to_folded(sentence.span.start, sentence.span.end)
    first, last = words.first_at(lo), words.last_before(hi)
    start = words.last_before(cue.fstart)
    reach = min(last, end + _VERB_REACH)
    # the clause ends at punctuation: «…до конца декабря, сообщила ТПП» — the reporting verb is not its verb
    reach = next((k - 1 for k in range(end + 1, reach + 1) if words.broken(k - 1, k)), reach)
    after = range(end + 1, reach + 1)
    before = range(start, max(first, start - _VERB_REACH) - 1, -1)
    for k in (*after, *before):
        tags = grammemes(words.word(k))
        if "INFN" in tags and k > 0 and words.word(k - 1) in profile(doc.language).past_auxiliaries:
            return True  # «должна была заработать к концу июня»: a plan of the past
        if "INFN" in tags or "futr" in tags:
            return False
        if "VERB" in tags or "PRTS" in tags:
            # «будет подготовлен до марта»: a participle after a future auxiliary is ahead
            future = k > 0 and words.word(k - 1) in profile(doc.language).future_auxiliaries
            return "past" in tags and not future
    return _step_taken(doc, sentence, cue)


_VERB_REACH = 6
_PAST_REACH = 60  # folded characters between a deadline and a schedule told in the past (modality `past`)
_STEP_REACH = 40  # folded characters between a deadline and the status verb of a step it bounded


def _step_taken(doc: Document, sentence: Sentence, cue: Match) -> bool:
    """Languages without a tagger: a step told as taken right beside the deadline, in a sentence
    about no plan («تا پایان خرداد راه‌اندازی شد», «the line was launched by the end of June»)."""
    if is_planned(doc, sentence):
        return False
    return any(
        s.key in _TAKEN
        and (0 <= s.fstart - cue.fend <= _STEP_REACH or 0 <= cue.fstart - s.fend <= _STEP_REACH)
        and not future_form(doc, s)  # (not `unachieved`: the deadline itself would make it a plan)
        and not negated(doc, s)
        for s in in_sentence(doc, sentence, ("statuses",))
    )


_TAKEN = frozenset({"signed", "established", "completed"})


def _year_after(words: Words, end: int) -> tuple[int, int] | None:
    """A year right after a month («مهر ۱۴۰۴», «марта 2026 года»): (the year, its token)."""
    k = end + 1
    if k >= words.n or words.gap(end, k).strip() or not _YEAR.fullmatch(words.word(k)):
        return None
    return int(words.word(k)), k


def month_end_in(year: int, calendar_name: str, month: int) -> dt.date | None:
    """The last day of `month` of `year` (Jalali when the calendar is, or the year is below 1500)."""
    if calendar_name == "jalali" and year < 1500:
        first = jdatetime.date(year + (month == 12), month % 12 + 1, 1)
        result: dt.date = (first - jdatetime.timedelta(days=1)).togregorian()
        return result
    if calendar_name == "gregorian" and 1900 <= year <= 2200:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def month_end(reference: dt.date, calendar_name: str, month: int) -> dt.date:
    """The last day of `month` (of the Jalali or Gregorian calendar) at or after `reference`."""
    if calendar_name == "jalali":
        j = jdatetime.date.fromgregorian(date=reference)
        year = j.year + (month < j.month)
        first = jdatetime.date(year + (month == 12), month % 12 + 1, 1)
        result: dt.date = (first - jdatetime.timedelta(days=1)).togregorian()
        return result
    year = reference.year + (month < reference.month)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _range_upper(words: Words, last: int) -> Number | None:
    """«in 3-5 months»: the upper end of a range of durations."""
    k = last + 1
    if k >= words.n or words.gap(last, k).strip() not in ("-", "–", "—"):
        return None
    return read_number(words.tokens, words.text, k)


def _plural(words: Words, i: int, unit: Match) -> bool:
    tok = words.tokens[i]
    if "plur" in grammemes(tok.text):
        return True
    return tok.end > unit.fend  # a Persian or English ending after the unit word: «ماه‌ها», «weeks»


def _next_inside(cues: list[Match], n: int, sentence: Sentence) -> Match | None:
    """The first cue after cues[n] inside the sentence (cues are sorted: stop past its end)."""
    for k in range(n + 1, len(cues)):
        if cues[k].span.start >= sentence.span.end:
            return None
        if sentence.span.contains(cues[k].span):
            return cues[k]
    return None


def in_sentence_word(doc: Document, words: Words, i: int) -> bool:
    """Whether token i is a «next/coming» word (`planned` modality) right after a duration."""
    tok = words.tokens[i]
    return any(
        m.table == "modality" and m.key == "planned" and m.fstart == tok.start
        for m in doc.matches_at(doc.span_of(tok.start, tok.end).start)
    )


# The last month of a named part of a year (durations.tsv: Q1–Q4 quarters, H1–H2 halves).
_PERIOD_MONTHS = {"Q1": 3, "Q2": 6, "Q3": 9, "Q4": 12, "H1": 6, "H2": 12}
# How exact a due date is, by the way it was read: the day itself, or the last day of a month,
# a quarter, a half or a year the text names.
_PRECISION = {
    "date": "day",
    "within": "day",
    "end_of": "month",
    "month_end": "month",
    "year_end": "year",
    "quarter_end": "quarter",
    "half_end": "half",
}
_PERIOD_HOW = {"Y": "year_end", "Q": "quarter_end", "H": "half_end"}


def _period_cues(doc: Document, words: Words) -> list[Match]:
    """Parts of a year right after a preposition of time and no deadline cue («в первом квартале»,
    «در نیمه نخست»; a cue before one, as English «in», is read as the cue)."""
    prepositions = profile(doc.language).month_prepositions
    found = []
    for m in doc.matches:
        if m.table != "durations" or m.key not in _PERIOD_MONTHS:
            continue
        i = words.first_at(m.fstart)
        if i > 0 and words.word(i - 1) in prepositions and words.covered.get(i - 1) is None:
            found.append(m)
    return found


def _token_before(words: Words, m: Match) -> Token:
    return words.tokens[words.first_at(m.fstart) - 1]


def _plan_or_undertaking(doc: Document, sentence: Sentence, cue: Match) -> bool:
    """A sentence about what is to come: a plan, or an agreement or pledge to act before the
    deadline («договорились через два месяца …», «agreed to hold the fair in the first quarter of
    2027»); after it, the period is when it was agreed («В первом квартале 2026 года стороны
    договорились …»)."""
    undertakings = [
        *in_sentence(doc, sentence, ("statuses",), "agreed"),
        *in_sentence(doc, sentence, ("modality",), "pledge"),
    ]
    return is_planned(doc, sentence) or any(m.fend <= cue.fstart for m in undertakings)


def _period_at(words: Words, i: int) -> tuple[str, int, int] | None:
    """The named part of a year starting at token i: (Q or H, its last month, its last token)."""
    unit = words.covered.get(i)
    if unit is None or unit.table != "durations" or unit.key not in _PERIOD_MONTHS:
        return None
    if words.first_at(unit.fstart) != i:
        return None
    return unit.key[0], _PERIOD_MONTHS[unit.key], words.last_before(unit.fend)


def _year_word(words: Words, k: int) -> bool:
    """«سال», «года», «year»: the duration word of a year."""
    unit = words.covered.get(k)
    return unit is not None and unit.table == "durations" and unit.key == "Y"


def _period_year(doc: Document, words: Words, end: int) -> tuple[int, int] | None:
    """The year written after a part of a year or after a deadline cue: «2027 года», «of 2027»,
    «سال ۱۴۰۶», «۱۴۰۶», or named from the publication year: «следующего года», «of next year»,
    «سال آینده», «امسال» — (the year, the last token of the phrase, a following «года» included)."""
    k = end + 1
    if k < words.n and not words.broken(end, k) and words.stop(k, "function"):
        end, k = k, k + 1  # «of 2027», «of next year»
    if k < words.n and not words.broken(end, k) and (relative := _relative_year(doc, words, k)) is not None:
        return relative
    if k < words.n and not words.broken(end, k) and _year_word(words, k):
        end, k = k, k + 1  # «سال ۱۴۰۶»
    year = _year_after(words, end)
    if year is None:
        return None
    last = year[1]
    if last + 1 < words.n and not words.broken(last, last + 1) and _year_word(words, last + 1):
        last += 1  # «2027 года»
    return year[0], last


@functools.cache
def _relative_years() -> dict[tuple[str, str], int]:
    """(kind, folded word) → years from the publication year (years.tsv of every language)."""
    return {(e.key, fold_term(t)): int(e.attrs[0]) for e in entries(YEARS) for t in e.terms}


def _year_offset(words: Words, k: int, kind: str) -> int | None:
    offsets = _relative_years()
    token = words.tokens[k]
    found = offsets.get((kind, token.text))
    return offsets.get((kind, token.lemma)) if found is None else found


def _relative_year(doc: Document, words: Words, k: int) -> tuple[int, int] | None:
    """A year named from the publication year at token k («следующего года», «next year», «سال
    آینده», «امسال»): (that year in the calendar of the language, its last token)."""
    published = reference_day(doc)
    if published is None:
        return None
    found: tuple[int, int] | None = None
    alone = _year_offset(words, k, "year")
    if alone is not None:
        found = (alone, k)
    elif k + 1 < words.n and not words.broken(k, k + 1):
        before = _year_offset(words, k, "modifier")
        after = _year_offset(words, k + 1, "modifier")
        if before is not None and _year_word(words, k + 1):
            found = (before, k + 1)  # «следующего года», «next year»
        elif after is not None and _year_word(words, k):
            found = (after, k + 1)  # «سال آینده»
    if found is None:
        return None
    jalali = profile(doc.language).jalali_year
    base: int = jdatetime.date.fromgregorian(date=published).year if jalali else published.year
    return base + found[0], found[1]


def _part_of_shorter(words: Words, end: int) -> bool:
    """Whether a month or a day, week or month word follows a period: then it is a part of that."""
    k = end + 1
    if k < words.n and words.stop(k, "function"):
        k += 1  # «of»
    unit = words.covered.get(k) if k < words.n else None
    return unit is not None and (unit.table == "months" or unit.key in ("D", "W", "M"))


def _period_deadline(
    doc: Document, words: Words, cue: Match, start: int, i: int
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """A deadline at the end of a quarter, a half or a year the text names: «в первом квартале 2027
    года», «до конца первого полугодия 2027 года», «in the second half of 2027», «تا نیمه نخست سال
    ۱۴۰۶», and after «to the end of» a year alone: «к концу 2027 года», «تا پایان سال ۱۴۰۶». A year
    below 1500 is Jalali; a period without a year is its next (or, told in the past, its last)
    occurrence in the calendar of the language."""
    period = _period_at(words, i)
    if period is None:
        if cue.key in _UNTIL_YEAR:
            return _year_deadline(doc, words, cue)
        if cue.key != "end_of":
            return None
        written = _period_year(doc, words, i - 1)  # «к концу 2027 года», «تا پایان سال ۱۴۰۶»
        if written is None:
            return None
        period = ("Y", 12, i - 1)
    else:
        written = _period_year(doc, words, period[2])
        if written is None and _part_of_shorter(words, period[2]):
            return None  # «the second half of November», «во второй половине дня»
    kind, month, end = period
    if written is not None:
        year, end = written
        calendar_name = "jalali" if year < 1500 else "gregorian"
        due = month_end_in(year, calendar_name, month)
    else:
        calendar_name = "jalali" if profile(doc.language).jalali_year else "gregorian"
        reference = said_when(doc, words, cue)
        if reference is None:
            due = None
        elif past_clause(doc, words, cue, end):
            due = month_end_before(reference, calendar_name, month)
        else:
            due = month_end(reference, calendar_name, month)
    return doc.span_of(start, words.tokens[end].end), None, due, _PERIOD_HOW[kind]


# Cues that make a year written after them a deadline: «до 2030 года», «by 2030», «تا سال ۱۴۱۰» (its
# year's last day), «before 2030», «پیش از سال ۱۴۱۰» (the last day of the year before).
_UNTIL_YEAR = frozenset({"until_date", "until_month", "before_date"})


def _written_year_at(doc: Document, words: Words, cue: Match) -> tuple[int, int] | None:
    """The year written right after a cue: (the year, its last token, a year word after it
    included). «2030 года», «2030 г.», «سال ۱۴۱۰» and, without a year word, «by 2030» when no unit
    or number word follows it («до 2030 тонн» is an amount). A bare «تا» needs «سال» before the
    number: «تا ۱۴۱۰» is as often a count. A year closing a range («с 2025 до 2030 года», «از
    سال ۱۴۰۰ تا سال ۱۴۱۰») is none."""
    i = words.first_at(cue.fend)
    if i >= words.n or _range_end(words, cue) or _after_year(words, cue):
        return None
    word_first = i + 1 < words.n and _year_word(words, i) and not words.broken(i, i + 1)
    k = i + 1 if word_first else i
    if not _YEAR.fullmatch(words.word(k)) or (cue.key == "until_month" and not word_first):
        return None
    after = k + 1 < words.n and not words.broken(k, k + 1)
    if after and _year_word(words, k + 1):
        return int(words.word(k)), k + 1
    if after and words.word(k + 1) in profile(doc.language).year_abbreviations:
        return int(words.word(k)), k + 1
    if after and (_counted(doc, words, k + 1) or words.word(k + 1) in number_words()):
        return None
    return int(words.word(k)), k


def _after_year(words: Words, cue: Match) -> bool:
    """«از سال ۱۴۰۰ تا سال ۱۴۱۰», «from 2025 until 2030»: a year before the cue opens a range."""
    k = words.last_before(cue.fstart)
    return k >= 0 and bool(_YEAR.fullmatch(words.word(k))) and not words.gap(k, k + 1).strip(" -–")


def _counted(doc: Document, words: Words, k: int) -> bool:
    """Whether a unit of units.tsv starts at token k («2030 тонн», «2030 tonnes»)."""
    start = doc.span_of(words.tokens[k].start, words.tokens[k].end).start
    return any(m.table == "units" and m.fstart == words.tokens[k].start for m in doc.matches_at(start))


def _year_deadline(
    doc: Document, words: Words, cue: Match
) -> tuple[Span, str | None, dt.date | None, str] | None:
    """«до 2030 года», «by 2030», «تا سال ۱۴۱۰»: the last day of that year (Jalali below 1500);
    «before 2030», «پیش از سال ۱۴۱۰»: the last day of the year before."""
    written = _written_year_at(doc, words, cue)
    if written is None:
        return None
    year, end = written
    year -= cue.key == "before_date"
    due = month_end_in(year, "jalali" if year < 1500 else "gregorian", 12)
    return doc.span_of(cue.fstart, words.tokens[end].end), None, due, "year_end"
