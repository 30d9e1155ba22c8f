"""Bodies that do not exist yet: a trade house or a trade representation that the article only
proposes, discusses or agrees to open, an association or a consortium it only proposes to set
up («обсудили открытие торгового представительства Ирана в Казани», «plans to open a Trade House
of Gilan», «قرار است نمایندگی تجاری ایران در قازان افتتاح شود», «создать ассоциацию …») is an
instrument with that status, not an organisation of the story: the organisation read from the
same words is taken back.

Read the way the instruments component reads the same words (`events.instrument_step`): the
status word nearest the body's word, or the word right before it that sets it up. Only a status
word that is nearer to this body's word than to another kind of instrument of the sentence
decides («Комитет … предложил создать рабочую группу»: the proposal is the working group's,
the committee exists). A body also named once where it exists or works keeps its organisation.
"""

from __future__ import annotations

from hamkari.extraction.components.events import (
    in_sentence,
    instrument_lead,
    instrument_step,
    is_background,
    sentence_statuses,
)
from hamkari.extraction.document import Document, Match, Mention, Sentence, StatusStep
from hamkari.extraction.languages import profile
from hamkari.extraction.pipeline import Component, registered

# Instrument kinds that are bodies an organisation's name can stand for (documents and plans are
# not). A trade house's words name the house itself; the other bodies are often named, existing,
# in a sentence about another instrument («با مشارکت اتحادیه … گفتگو کردند»), so they count as
# not yet set up only after a word that sets them up («создать ассоциацию», «تشکیل کنسرسیوم»).
BODIES = frozenset({"trade_house", "association", "consortium", "secretariat"})
SET_UP_ONLY = frozenset({"association", "consortium", "secretariat"})
# The steps before a body exists.
NOT_YET = frozenset({"proposed", "discussed", "agreed"})


@registered
class PendingBodies(Component):
    name = "pending_bodies"
    requires = ("folded", "language", "sentences", "matches", "dates", "published")
    # it takes back organisations before anyone reads them (people's posts, parties, actors)
    extends = ("organizations", "entities")

    def __call__(self, doc: Document) -> None:
        told: dict[int, tuple[list[Match], list[Match], bool]] = {}
        dropped = False
        for e in doc.entities_of("organization"):
            if e.ref:
                continue  # a body the lexicon knows exists
            kept = [m for m in e.mentions if not self._pending(doc, m, told)]
            if not kept:
                e.mentions = []
                dropped = True
        if dropped:
            doc.entities[:] = [e for e in doc.entities if e.type != "organization" or e.mentions]

    def _pending(
        self, doc: Document, mention: Mention, told: dict[int, tuple[list[Match], list[Match], bool]]
    ) -> bool:
        """Whether the organisation's words at `mention` name a body the sentence has not set up yet."""
        cues = [c for c in doc.matches_in(mention.span, ("instruments",)) if c.key in BODIES]
        sentence = doc.sentence_at(mention.span.start) if cues else None
        if sentence is None:
            return False
        if sentence.span.start not in told:
            told[sentence.span.start] = sentence_statuses(doc, sentence)
        said, achieved, planned = told[sentence.span.start]
        cue = cues[0]
        lead = instrument_lead(doc, sentence, cue)
        if cue.key in SET_UP_ONLY and (lead is None or lead[1] != "formation"):
            return False
        if (not said and lead is None) or any(s.span.contains(cue.span) for s in said):
            return False  # no word of its status: the body is named, not set up
        step = instrument_step(cue, achieved, lead, planned)
        return (
            step.status in NOT_YET
            and not self._subject(doc, cue, step)
            and self._about(doc, sentence, cue, step)
            and not is_background(doc, sentence, cue)
        )

    @staticmethod
    def _subject(doc: Document, cue: Match, step: StatusStep) -> bool:
        """«The Iran Trade Centre in Kazan has agreed to hold a fair»: in a language whose verb does
        not end the clause, a body named before the word of its step is the one that agrees,
        proposes or discusses, not the thing agreed on."""
        if step.span == cue.span or profile(doc.language).verb_final_words:
            return False
        at = doc.folded.to_folded(step.span.start, step.span.end)  # type: ignore[union-attr]
        return cue.fend <= at[0]

    @staticmethod
    def _about(doc: Document, sentence: Sentence, cue: Match, step: StatusStep) -> bool:
        """Whether the step's word speaks of this body's word rather than of another instrument of
        the sentence: no word of another kind of instrument stands nearer to it (words of the same
        kind are listed together: «открытие торгового представительства … и торгового дома …»)."""
        if step.span == cue.span:
            return True  # the sentence's plan, read at the body's own word
        at = doc.folded.to_folded(step.span.start, step.span.end)  # type: ignore[union-attr]

        def distance(m: Match) -> int:
            return max(m.fstart - at[1], at[0] - m.fend, 0)

        mine = distance(cue)
        others = [m for m in in_sentence(doc, sentence, ("instruments",)) if m.key != cue.key]
        return all(distance(m) >= mine for m in others)
