"""Events (what happened: a meeting, a webinar, a fair) and instruments (memoranda, working
groups, action plans …) with their status taken from the verbs around them."""

from __future__ import annotations

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
from hamkari.extraction.morphology import grammemes
from hamkari.extraction.pipeline import Component
from hamkari.extraction.vocabulary import LIFECYCLE

# Within one sentence only the most specific event counts: «встречу в формате видеоконференции»
# is one virtual meeting, not a meeting and a virtual meeting.
SPECIFICITY = (
    "virtual_meeting",
    "signing",
    "exhibition",
    "competition",
    "forum",
    "visit",
    "meeting",
    "generic",
)


def in_sentence(
    doc: Document, sentence: Sentence, tables: tuple[str, ...], key: str | None = None
) -> list[Match]:
    return [m for m in doc.matches_in(sentence.span) if m.table in tables and (key is None or m.key == key)]


PLANNED_REACH = 60  # folded characters between a future marker and the word it qualifies


def is_planned(doc: Document, sentence: Sentence, near: Match | None = None) -> bool:
    """Whether a sentence (or, with `near`, the words around one match) speaks of the future or
    of a proposal rather than of what happened. A proposal counts for the whole sentence only
    when no match is given: «در دیدار … پیشنهاد داد» reports a meeting that took place."""
    markers = [
        m for m in in_sentence(doc, sentence, ("modality",)) if m.key in ("planned", "schedule", "obligation")
    ]
    if near is None:
        markers += in_sentence(doc, sentence, ("statuses",), "proposed")
        return bool(markers)
    return any(
        abs(m.fstart - near.fend) <= PLANNED_REACH or abs(near.fstart - m.fend) <= PLANNED_REACH
        for m in markers
    )


def entities_in(doc: Document, span: Span, *types: str) -> list[Entity]:
    return [e for e in doc.entities if e.type in types and any(span.contains(m.span) for m in e.mentions)]


class EventFinder(Component):
    """One event per type and article. Words that name any session («نشست», «заседание») count
    as a meeting only when nothing more specific is reported; events in sentences about plans
    or proposals are not reported events (the commitments component reads those)."""

    name = "events"
    requires = ("matches", "sentences", "entities", "dates")
    provides = ("events",)

    def __call__(self, doc: Document) -> None:
        found: dict[str, tuple[Match, Sentence]] = {}
        for sentence in doc.sentences:
            cues = [
                c for c in in_sentence(doc, sentence, ("events",)) if not is_planned(doc, sentence, near=c)
            ]
            if cues:
                cue = min(
                    cues, key=lambda c: (SPECIFICITY.index(c.key) if c.key in SPECIFICITY else 99, c.fstart)
                )
                found.setdefault(cue.key, (cue, sentence))
            # A signed instrument is also a signing, whatever the sentence calls the occasion.
            for signed in in_sentence(doc, sentence, ("statuses",), "signed"):
                if not unachieved(doc, sentence, signed):
                    found.setdefault("signing", (signed, sentence))
        if "generic" in found:
            # «در این نشست» after a webinar is the webinar; otherwise a session is a meeting.
            cue, sentence = found.pop("generic")
            if "virtual_meeting" not in found:
                found.setdefault("meeting", (cue, sentence))
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


def unachieved(doc: Document, sentence: Sentence, status: Match) -> bool:
    """Whether a status word names a step still to come: an infinitive («agreed to set up»,
    «to be signed», «договорились создать») or a future marker next to it («is expected to be
    signed», «آماده‌ایم … امضا کنیم»). Only steps that complete something can be unachieved."""
    if status.key not in ("signed", "established", "completed"):
        return False
    return _infinitive(doc, status) or is_planned(doc, sentence, near=status)


def _infinitive(doc: Document, status: Match) -> bool:
    text = doc.folded.text  # type: ignore[union-attr]
    if text[max(0, status.fstart - 6) : status.fstart].endswith(("to ", "to be ")):
        return True
    first = text[status.fstart : status.fend].split(" ")[0]
    return doc.language == "ru" and "INFN" in grammemes(first)


class InstrumentFinder(Component):
    """An instrument word counts when a status verb or a joint marker («مشترک», «совместный»)
    stands in its sentence; its status is the nearest status verb. Mentions of one kind in one
    article are one instrument whose history keeps every step; its status is the furthest step."""

    name = "instruments"
    requires = ("matches", "sentences", "entities")
    provides = ("instruments",)

    def __call__(self, doc: Document) -> None:
        by_kind: dict[str, Instrument] = {}
        for cue in (m for m in doc.matches if m.table == "instruments"):
            sentence = doc.sentence_at(cue.span.start)
            if sentence is None:
                continue
            said = in_sentence(doc, sentence, ("statuses",))
            statuses = [s for s in said if not unachieved(doc, sentence, s)]
            future = [s for s in said if s not in statuses]
            joint = [
                j
                for j in in_sentence(doc, sentence, ("modality",), "joint")
                if 0 <= j.fstart - cue.fend <= 12
            ]
            inside_org = any(
                m.span.contains(cue.span) and len(m.span) > len(cue.span)
                for e in doc.entities_of("organization")
                for m in e.mentions
            )
            if not statuses and not future and (not joint or inside_org):
                continue
            step = self._step(doc, sentence, cue, statuses)
            parties = entities_in(doc, sentence.span, "region", "country", "organization")
            instrument = by_kind.get(cue.key)
            if instrument is None:
                instrument = Instrument(
                    kind=cue.key,
                    status=step.status,
                    evidence=sentence.span,
                    provenance=Provenance(self.name, cue.provenance.rule),
                )
                by_kind[cue.key] = instrument
                doc.instruments.append(instrument)
            if statuses:
                instrument.history.append(step)
            for p in parties:
                if p not in instrument.parties:
                    instrument.parties.append(p)
            if instrument.history:
                best = max(instrument.history, key=lambda s: LIFECYCLE.index(s.status))
                instrument.status = best.status
            else:
                instrument.status = step.status

    def _step(self, doc: Document, sentence: Sentence, cue: Match, statuses: list[Match]) -> StatusStep:
        if statuses:
            nearest = min(statuses, key=lambda s: min(abs(s.fstart - cue.fend), abs(cue.fstart - s.fend)))
            return StatusStep(nearest.key, nearest.span, Provenance(self.name, nearest.provenance.rule))
        # a step still to come («is expected to be signed») makes the instrument a proposal
        planned = is_planned(doc, sentence) or any(
            unachieved(doc, sentence, s) for s in in_sentence(doc, sentence, ("statuses",))
        )
        status = "proposed" if planned else "discussed"
        return StatusStep(status, cue.span, Provenance(self.name, f"instruments.default_{status}"))
