"""Events (what happened: a meeting, a webinar, a fair) and instruments (memoranda, working
groups, action plans …) with their status taken from the verbs around them."""

from __future__ import annotations

import bisect
import itertools
import re

from hamkari.extraction.document import (
    Document,
    Entity,
    Event,
    Instrument,
    Match,
    Provenance,
    Sentence,
    Span,
    StatusStep,
)
from hamkari.extraction.languages import profile
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.pipeline import Component, registered
from hamkari.extraction.vocabulary import LIFECYCLE

# Within one sentence a more specific kind stands for the broader ones it names: «встречу в
# формате видеоконференции» is one virtual meeting, «نشست جانبی نمایشگاه» the exhibition; a word
# for any session («نشست», «заседание») counts only when nothing more specific is reported.
SUBSUMES = {
    "virtual_meeting": frozenset({"meeting", "generic"}),
    "meeting": frozenset({"generic"}),
    "visit": frozenset({"generic"}),
    "signing": frozenset({"generic"}),
    "exhibition": frozenset({"generic"}),
    "forum": frozenset({"generic"}),
    "competition": frozenset({"generic"}),
}
# Kinds that a sports report uses for its games: «دیدار» and «матч» are matches there.
SPORTS_SENSITIVE = frozenset({"meeting", "generic", "competition"})
SPORTS_DOCUMENT = 3  # different sports words that make a whole article a sports report
# Posts of the officials whose meetings a cooperation report tells (not a club's or a team's)
OFFICIAL_ROLES = frozenset(
    {"head_of_state", "head_of_government", "head_of_region", "deputy_head_of_region", "minister"}
    | {"deputy_minister", "ambassador", "consul_general"}
)
# Instruments that are documents are signed; the others (bodies, houses, plans) are set up.
DOCUMENTS = frozenset({"memorandum", "agreement", "protocol"})
# Folded characters between a word that sets up, signs or presupposes an instrument and the
# instrument word: «об открытии в Казани Иранского торгового дома».
LEAD_REACH = 40
_PRESENT_ACTIVE = frozenset({"کند", "کنند", "کنیم"})
_CLAUSE_BREAK = re.compile(r"[.,،;؛:!?؟()]")  # quotes may stand inside: «выполнение «дорожной карты»»


def in_sentence(
    doc: Document, sentence: Sentence, tables: tuple[str, ...], key: str | None = None
) -> list[Match]:
    """The matches of `tables` (with `key`) in a sentence; remembered, so do not change the list."""
    return doc.matches_in(sentence.span, tables, key)


PARTY_REACH = 40  # folded characters between an instrument word and a union named as its party
PLANNED_REACH = 60  # folded characters between a future marker and the word it qualifies
_FUTURE = ("planned", "schedule", "obligation")  # modality keys that make a sentence a plan
_YEAR = re.compile(r"(?<!\d)(1[34]\d\d|19\d\d|20\d\d)(?!\d)")
_YEAR_BEFORE = re.compile(r"(?<!\d)(19\d\d|20\d\d)\s$")
_RANGE_BEFORE = re.compile(r"\d{2,4}\s?[-–—]\s?$")
_OF_WORDS = frozenset({"of", "the"})  # what may stand between a post and its body: «head of the committee»
_SPEECH = re.compile(r"[:;؛«»\"“”]")  # what opens or closes quoted or reported speech
_RANGE_AFTER = re.compile(r"\s?[-–—]\s?\d{2,4}")


def near(a: Match, b: Match, reach: int = PLANNED_REACH) -> bool:
    return abs(a.fstart - b.fend) <= reach or abs(b.fstart - a.fend) <= reach


def is_planned(doc: Document, sentence: Sentence, near_match: Match | None = None) -> bool:
    """Whether a sentence (or, with `near_match`, the words around one match) speaks of the future
    or of a proposal rather than of what happened. A proposal counts for the whole sentence only
    when no match is given: «در دیدار … پیشنهاد داد» reports a meeting that took place."""
    if near_match is None:
        future = [m for key in _FUTURE for m in in_sentence(doc, sentence, ("modality",), key)]
        return bool(_outside_names(doc, sentence, future)) or bool(
            in_sentence(doc, sentence, ("statuses",), "proposed")
        )
    markers = doc.matches_near(near_match, PLANNED_REACH, "modality", sentence.span)
    # a plan in the words someone says after «گفت:» is not the plan of the clause before them
    future = [
        m for m in markers if m.key in _FUTURE and _same_clause(doc, m, near_match.fstart, near_match.fend)
    ]
    if _outside_names(doc, sentence, future):
        return True
    if any(m.key == "pledge" and m.fend <= near_match.fstart for m in markers):
        return True  # «متعهد شد تا آذر ماه نمایشگاه را برگزار کند»: a pledge speaks of what follows it
    # a deadline speaks of the future too: «до конца года провести бизнес-форум»
    deadlines = doc.matches_near(near_match, PLANNED_REACH, "deadline_cues", sentence.span)
    # (a bare «تا» before a month, `until_month`, and «до» / «by» before a date, `until_date`, are
    # too common words to speak of the future alone)
    return any(m.key not in _NOT_FUTURE_CUES for m in deadlines) or _future_auxiliary_before(doc, near_match)


_NOT_FUTURE_CUES = frozenset({"future_within", "until_month", "until_date", "before_date"})


def _outside_names(doc: Document, sentence: Sentence, markers: list[Match]) -> list[Match]:
    """The markers that are not words of an instrument's own name: the «намерение» of «меморандум
    о намерениях» and the «intent» of «letter of intent» name the document, not a plan."""
    if not markers:
        return markers
    names = in_sentence(doc, sentence, ("instruments",))
    return [m for m in markers if not any(n.span.contains(m.span) for n in names)]


def _future_auxiliary_before(doc: Document, match: Match) -> bool:
    """«будет подписано в ходе визита», «will be held during the visit»: a future auxiliary
    shortly before the word."""
    auxiliaries = profile(doc.language).future_auxiliaries
    if not auxiliaries:
        return False
    text = doc.folded.text  # type: ignore[union-attr]
    before = text[max(0, match.fstart - PLANNED_REACH // 2) : match.fstart]
    return any(w in auxiliaries for w in before.split())


def is_background(doc: Document, sentence: Sentence, match: Match) -> bool:
    """Whether a word reports what happened before this article's event: a background marker
    («в прошлом году», «دیدار چندی پیش», «previously») or an earlier year («подписано в 2012 году»)
    near it. A year of a full date, or the publication year, is not background."""
    if any(
        m.key == "background" and _same_clause(doc, m, match.fstart, match.fend)
        for m in doc.matches_near(match, PLANNED_REACH, "cues", sentence.span)
    ):
        return True
    assert doc.folded is not None
    start, end = doc.folded.to_folded(sentence.span.start, sentence.span.end)
    text = doc.folded.text
    # only years that can be within reach of the match: «2010» is four characters long
    start, end = max(start, match.fstart - PLANNED_REACH - 5), min(end, match.fend + PLANNED_REACH + 5)
    for m in _YEAR.finditer(text, start, end):
        if abs(m.start() - match.fend) > PLANNED_REACH and abs(match.fstart - m.end()) > PLANNED_REACH:
            continue
        if _SPEECH.search(text, min(m.end(), match.fend), max(m.start(), match.fstart)):
            continue  # «در این نشست گفت: … سال ۲۰۱۹ …»: a year in the quoted words dates them
        if doc.date_at(m.start()) is not None or _period(doc, text, m):
            continue
        year = int(m.group()) + (621 if int(m.group()) < 1500 else 0)
        if doc.published is None or year < doc.published.year:
            return True
    return False


def _same_clause(doc: Document, marker: Match, start: int, end: int) -> bool:
    """Whether a marker and the word at folded [start, end) are not set apart by the opening of
    quoted or reported speech («در این ویدئوکنفرانس گفت: بندر … سال گذشته …»): the marker there
    dates what is said, not the occasion."""
    text = doc.folded.text  # type: ignore[union-attr]
    return _SPEECH.search(text, min(marker.fend, end), max(marker.fstart, start)) is None


def _period(doc: Document, text: str, year: re.Match[str]) -> bool:
    """A year that names a period ahead, not the past: «на 2025–2026 годы», «until 2030»."""
    start = year.start()
    if _RANGE_AFTER.match(text, year.end()) or _RANGE_BEFORE.search(text, max(0, start - 8), start):
        return True
    before = text[max(0, year.start() - 12) : year.start()].split()
    return bool(before) and before[-1] in profile(doc.language).period_prepositions


def entities_in(doc: Document, span: Span, *types: str) -> list[Entity]:
    return doc.entities_in(span, *types)


def sports_report(doc: Document) -> bool:
    """Whether the article is a sports report: several different sports words, and no official's
    post (a cooperation report with a paragraph on a friendly match names the governors, ministers
    or consuls who met: its own meetings stand)."""
    words = {doc.quote(m.span).lower() for m in doc.matches_of("cues") if m.key == "sports"}
    if len(words) < SPORTS_DOCUMENT:
        return False
    return not any(m.key in OFFICIAL_ROLES for m in doc.matches_of("titles"))


@registered
class EventFinder(Component):
    """One event per type and article. In each sentence every kind of event counts except the
    broader kinds a more specific one stands for, and a meeting told after the article's video
    conference is that conference; events in sentences about plans or
    proposals are not reported events (the commitments component reads those), nor are events
    told as background, nor games in a sports report."""

    name = "events"
    requires = ("text", "folded", "language", "sentences", "matches", "dates", "published", "entities")
    provides = ("events",)

    def __call__(self, doc: Document) -> None:
        found: dict[str, tuple[Match, Sentence]] = {}
        sports = sports_report(doc)
        # only a sentence with an event word or a «signed» status can report an event
        telling = doc.sentences_holding(
            [*doc.matches_of("events"), *(m for m in doc.matches_of("statuses") if m.key == "signed")]
        )
        for sentence in doc.sentences:
            if sentence.span.start not in telling:
                continue
            for cue in self._cues(doc, sentence, sports):
                found.setdefault(cue.key, (cue, sentence))
            # A signed instrument is also a signing, whatever the sentence calls the occasion.
            for signed in in_sentence(doc, sentence, ("statuses",), "signed"):
                if negated(doc, signed):
                    continue  # «has not been signed»
                if not unachieved(doc, sentence, signed) and not is_background(doc, sentence, signed):
                    found.setdefault("signing", (signed, sentence))
        if "generic" in found:
            # «در این نشست» after a webinar is the webinar; otherwise a session is a meeting.
            cue, sentence = found.pop("generic")
            if "virtual_meeting" not in found:
                found.setdefault("meeting", (cue, sentence))
        virtual, meeting = found.get("virtual_meeting"), found.get("meeting")
        if virtual is not None and meeting is not None and meeting[0].fstart > virtual[0].fstart:
            # «По итогам встречи …», «در این دیدار …» after the video conference is that conference
            del found["meeting"]
        people_with_posts = [e for e in doc.entities_of("person") if e.roles]
        for n, (kind, (cue, sentence)) in enumerate(
            sorted(found.items(), key=lambda kv: kv[1][0].span.start)
        ):
            folded_start, folded_end = doc.folded.to_folded(sentence.span.start, sentence.span.end)  # type: ignore[union-attr]
            dates = [d for d in doc.dates if folded_start <= d.start < folded_end]
            participants = entities_in(doc, sentence.span, "person")
            if not participants and n == 0:
                participants = people_with_posts
            regions = [e.ref for e in entities_in(doc, sentence.span, "region") if e.ref]
            for p in participants:
                regions += [r.region for r in p.roles if r.region and r.region not in regions]
            doc.events.append(
                Event(
                    type=kind,
                    evidence=sentence.span,
                    provenance=Provenance(self.name, cue.provenance.rule),
                    date=dates[0].date if dates else None,
                    participants=participants,
                    regions=list(dict.fromkeys(regions)),
                )
            )

    @staticmethod
    def _cues(doc: Document, sentence: Sentence, sports: bool) -> list[Match]:
        """The event words of one sentence that report this article's events, the first of each
        kind, without the kinds a more specific one in the sentence stands for."""
        game = sports or bool(in_sentence(doc, sentence, ("cues",), "sports"))
        first: dict[str, Match] = {}
        for c in in_sentence(doc, sentence, ("events",)):
            if c.key in first or (game and c.key in SPORTS_SENSITIVE):
                continue
            if is_planned(doc, sentence, near_match=c) or is_background(doc, sentence, c):
                continue
            first[c.key] = c
        covered = frozenset().union(*(SUBSUMES.get(k, frozenset()) for k in first))
        return [c for k, c in first.items() if k not in covered]


def negated(doc: Document, status: Match) -> bool:
    """Whether a negation stands among the three words before a status word: «have not yet been
    implemented», «не был подписан»: the step was not taken."""
    negations = profile(doc.language).negations
    if not negations:
        return False
    text = doc.folded.text  # type: ignore[union-attr]
    before = text[max(0, status.fstart - 30) : status.fstart].replace("n't", " n't").split()[-3:]
    return any(w in negations for w in before)


def unachieved(doc: Document, sentence: Sentence, status: Match) -> bool:
    """Whether a status word names a step still to come: an infinitive («agreed to set up»,
    «to be signed», «договорились создать»), a future or subjunctive form («будет подписано»,
    «منعقد شود») or a future marker next to it («is expected to be signed», «آماده‌ایم … امضا
    کنیم»). Only steps that complete something can be unachieved, and a step in the infinitive
    after a proposal is part of the proposal («предложил рассмотреть создание …», «proposed to
    discuss …»)."""
    if status.key not in ("signed", "established", "completed"):
        return _proposed_step(doc, sentence, status)
    return future_form(doc, status) or is_planned(doc, sentence, near_match=status)


def _proposed_step(doc: Document, sentence: Sentence, status: Match) -> bool:
    """A discussion or an agreement in the infinitive right after a proposal of the sentence."""
    if status.key == "proposed" or not future_form(doc, status):
        return False
    return any(
        p.key == "proposed" and 0 <= status.fstart - p.fend <= _PROPOSAL_REACH
        for p in in_sentence(doc, sentence, ("statuses",))
    )


_PROPOSAL_REACH = 30  # folded characters between a proposal and the infinitive step it proposes
# Status words that, near an instrument word inside an organisation's name, make the organisation a
# party to something else, not the instrument: it agrees, discusses or proposes (a body to be set up,
# «будут созданы … рабочий комитет по …», keeps its instrument: no such word gives its step).
_PARTY_STEPS = frozenset({"proposed", "discussed", "agreed"})


def future_form(doc: Document, status: Match) -> bool:
    grammar = profile(doc.language)
    text = doc.folded.text  # type: ignore[union-attr]
    before = text[max(0, status.fstart - 12) : status.fstart]
    if grammar.infinitive_markers and before.endswith(grammar.infinitive_markers):
        return True
    words = text[status.fstart : status.fend].split(" ")
    # «امضا کنند» is subjunctive, «فعالیت می کند» present: an active verb after «می» is not
    if any(
        w in grammar.unachieved_words and not (words[k - 1 : k] == ["می"] and w in _PRESENT_ACTIVE)
        for k, w in enumerate(words)
    ):
        return True
    previous = before.rstrip().rsplit(" ", 1)[-1]
    if previous in grammar.future_auxiliaries:
        return True
    return grammar.infinitive_grammeme and "INFN" in grammemes(words[0])


@registered
class InstrumentFinder(Component):
    """An instrument word counts when a status verb stands in its sentence, a joint marker
    («مشترک», «совместный») right after it, or a word right before it that sets it up («تشکیل
    کارگروه», «об открытии торгового дома»), signs it («امضای تفاهم‌نامه») or presupposes it
    («заседание рабочей группы», «implementation of the roadmap»); its status is the nearest
    status verb. Mentions of one kind in one article are one instrument whose history keeps
    every step, its status the furthest step; an instrument told as background («the 2010
    agreement») is a record of its own."""

    name = "instruments"
    requires = ("folded", "language", "sentences", "matches", "dates", "published", "entities")
    provides = ("instruments",)

    def __call__(self, doc: Document) -> None:
        by_kind: dict[tuple[str, bool], Instrument] = {}
        # what a sentence says about status, read once per sentence however many instrument words it has
        told: dict[int, tuple[list[Match], list[Match], bool]] = {}
        inside_org = self._inside_organizations(doc)
        post_bodies = self._post_bodies(doc)
        furthest: dict[int, int] = {}  # id(instrument) → LIFECYCLE index of its furthest step
        for cue in doc.matches_of("instruments"):
            sentence = doc.sentence_at(cue.span.start)
            if sentence is None:
                continue
            if sentence.span.start not in told:
                told[sentence.span.start] = sentence_statuses(doc, sentence)
            said, statuses, planned = told[sentence.span.start]
            if any(s.span.contains(cue.span) for s in said):
                continue  # «достигнуто соглашение о …», «reached an agreement on …»: the phrase is the status
            if cue.key == "association" and self._party_of(doc, sentence, cue):
                continue
            lead = instrument_lead(doc, sentence, cue)
            if not said and (lead is None or (lead[1] == "joint" and id(cue) in inside_org)):
                continue
            if id(cue) in post_bodies and lead is None:
                continue  # «رئیس کمیته روابط خارجی …», «head of the committee on …»: the post's body
            step = instrument_step(cue, statuses, lead, planned)
            if (
                id(cue) in inside_org
                and lead is None
                and step.status in _PARTY_STEPS
                and step.span != cue.span
            ):
                continue  # «the Committee for External Relations … agreed to hold …»: a party that agrees
            background = is_background(doc, sentence, cue) or any(
                s.key in ("signed", "established") and is_background(doc, sentence, s) for s in statuses
            )
            instrument = by_kind.get((cue.key, background))
            if instrument is None:
                instrument = Instrument(
                    kind=cue.key,
                    status=step.status,
                    evidence=sentence.span,
                    provenance=Provenance(self.name, cue.provenance.rule),
                )
                by_kind[(cue.key, background)] = instrument
                doc.instruments.append(instrument)
            if statuses or step.provenance.rule.startswith(("instruments.existing", "instruments.signing")):
                instrument.history.append(step)
                # the furthest step so far, kept as the history grows (a max over the whole
                # history at every mention made long texts quadratic)
                furthest[id(instrument)] = max(furthest.get(id(instrument), -1), LIFECYCLE.index(step.status))
            for p in entities_in(doc, sentence.span, "region", "country", "organization"):
                if p not in instrument.parties:
                    instrument.parties.append(p)
            if instrument.history:
                instrument.status = LIFECYCLE[furthest[id(instrument)]]
            else:
                instrument.status = step.status

    @staticmethod
    def _party_of(doc: Document, sentence: Sentence, cue: Match) -> bool:
        """«موافقت‌نامه تجارت آزاد ایران و اتحادیه اقتصادی اوراسیا», «agreement between Iran and
        the Eurasian Economic Union»: a union named shortly after another instrument word, in the
        same clause, is a party to that instrument, not an association of this article."""
        text = doc.folded.text  # type: ignore[union-attr]
        return any(
            m is not cue
            and 0 <= cue.fstart - m.fend <= PARTY_REACH
            and not _CLAUSE_BREAK.search(text, m.fend, cue.fstart)
            for m in in_sentence(doc, sentence, ("instruments",))
        )

    @staticmethod
    def _inside_organizations(doc: Document) -> set[int]:
        """Instrument words inside a longer organisation's name (by id): «Комитет экономической
        политики» is that organisation."""
        return {
            id(cue)
            for e in doc.entities_of("organization")
            for m in e.mentions
            for cue in doc.matches_in(m.span, ("instruments",))
            if len(m.span) > len(cue.span)
        }

    @staticmethod
    def _post_bodies(doc: Document) -> set[int]:
        """Instrument words (by id) that a post holds or names right after it: «رئیس کمیته روابط
        خارجی», «председатель комитета по …», «head of the committee», or that stand in the
        possessive right before it («the committee's chairman»): the body the holder heads."""
        text = doc.folded.text  # type: ignore[union-attr]
        posts = sorted(doc.matches_of("titles"), key=lambda m: m.fstart)
        if not posts:
            return set()
        ends = {m.fend for m in posts}
        # a post holds the cue when one starting at or before it ends at or after it: the furthest
        # end among the posts started so far answers that (one bisect a cue, not a scan of posts)
        starts = [p.fstart for p in posts]
        post_starts = set(starts)
        furthest = list(itertools.accumulate((p.fend for p in posts), max))
        out: set[int] = set()
        for cue in doc.matches_of("instruments"):
            before = text[max(0, cue.fstart - 16) : cue.fstart]
            words = before.split()
            while words and words[-1] in _OF_WORDS:
                words.pop()  # «head [of the] committee»
            link = before.rfind(words[-1]) + len(words[-1]) if words else -1
            after_post = link >= 0 and cue.fstart - len(before) + link in ends
            started = bisect.bisect_right(starts, cue.fstart)
            # «the committee's chairman»: the body in the possessive right before a post
            possessive = text[cue.fend : cue.fend + 3] in ("'s ", "’s ") and cue.fend + 3 in post_starts
            if after_post or possessive or (started and furthest[started - 1] >= cue.fend):
                out.add(id(cue))
        return out


def sentence_statuses(doc: Document, sentence: Sentence) -> tuple[list[Match], list[Match], bool]:
    """What a sentence says of its instruments' status: the status words not negated, those of
    them that name a step taken (not one still to come), and whether it speaks of a plan."""
    said = [s for s in in_sentence(doc, sentence, ("statuses",)) if not negated(doc, s)]
    achieved = [s for s in said if not unachieved(doc, sentence, s)]
    return said, achieved, is_planned(doc, sentence) or len(achieved) < len(said)


def instrument_lead(doc: Document, sentence: Sentence, cue: Match) -> tuple[Match, str] | None:
    """A word right before the instrument word that sets it up, signs it or presupposes it,
    or a joint marker right after it: (the word, what it says)."""
    text = doc.folded.text  # type: ignore[union-attr]
    year = _YEAR_BEFORE.search(text, max(0, cue.fstart - 12), cue.fstart)
    if year is not None:
        # «the 2014 agreement», «соглашение 2012 года» is written before: an existing document
        span = doc.span_of(year.start(1), year.end(1))
        rule = Provenance("instruments", "instruments.year_before")
        return Match(span, "cues", "existing", (), rule, year.start(1), year.end(1)), "existing"
    for m in in_sentence(doc, sentence, ("modality", "cues", "events")):
        if m.table == "modality" and m.key == "joint" and 0 <= m.fstart - cue.fend <= 12:
            return m, "joint"
        if not 0 <= cue.fstart - m.fend <= LEAD_REACH or _CLAUSE_BREAK.search(text, m.fend, cue.fstart):
            continue
        if m.table == "modality" and m.key == "formation":
            return m, "formation"
        if m.table == "cues" and m.key in ("signing_noun", "existing", "preparing"):
            return m, m.key
        if m.table == "events":
            return m, "existing"  # «заседание рабочей группы»: a body that meets exists
    return None


def instrument_step(
    cue: Match, statuses: list[Match], lead: tuple[Match, str] | None, planned: bool
) -> StatusStep:
    """`planned`: whether the sentence speaks of a plan or names a step still to come."""
    if statuses:
        nearest = min(statuses, key=lambda s: min(abs(s.fstart - cue.fend), abs(cue.fstart - s.fend)))
        return StatusStep(nearest.key, nearest.span, Provenance("instruments", nearest.provenance.rule))
    if lead is not None and not planned and lead[1] in ("existing", "signing_noun"):
        status = "signed" if cue.key in DOCUMENTS or lead[1] == "signing_noun" else "established"
        rule = f"instruments.{lead[1]} ({lead[0].provenance.rule})"
        return StatusStep(status, lead[0].span, Provenance("instruments", rule))
    # a step still to come («is expected to be signed») makes the instrument a proposal, and
    # so does a draft being prepared («подготовить дорожную карту»)
    status = "proposed" if planned or (lead is not None and lead[1] == "preparing") else "discussed"
    return StatusStep(status, cue.span, Provenance("instruments", f"instruments.default_{status}"))
