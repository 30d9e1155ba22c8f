"""The day each event happened, from the words of its sentence, else of the article's lead: a
full date, a day and month, a relative day or a weekday (see `hamkari.extraction.when`),
resolved against the publication date when there is one. The words stay on the event (`when`)
so that a caller who knows another reference day (a feed's date) can resolve them later."""

from __future__ import annotations

from hamkari.extraction.document import Document, Provenance, Span
from hamkari.extraction.pipeline import Component, registered
from hamkari.extraction.when import When, partial_dates

# The lead: the first sentences, where agencies put the day («امروز (جمعه …)», «13 марта в …»).
LEAD_SENTENCES = 3
# Several kinds in one sentence: the most precise wins.
PRECEDENCE = ("absolute", "day_month", "relative", "weekday")
LOOK_BACK = 8


@registered
class EventDater(Component):
    name = "event_dates"
    requires = ("folded", "ignored", "sentences", "dates", "published")
    provides = ("when",)
    extends = ("events",)

    def __call__(self, doc: Document) -> None:
        lead_sentences = [s.span for s in doc.sentences[:LEAD_SENTENCES] if not doc.is_ignored(s.span)]
        doc.when = next((w for w in (self._in(doc, s) for s in lead_sentences) if w), None)
        for event in doc.events:
            event.when = self._in(doc, event.evidence) or doc.when
            if event.when is not None:
                event.date = event.when.resolve(doc.published) or event.date

    def _in(self, doc: Document, span: Span) -> When | None:
        assert doc.folded is not None
        start, end = doc.folded.to_folded(span.start, span.end)
        found: list[When] = []
        for d in doc.dates:
            if start <= d.start < end and not doc.is_ignored(doc.span_of(d.start, d.end)):
                found.append(
                    When("absolute", doc.span_of(d.start, d.end), Provenance(self.name, d.rule), date=d.date)
                )
        taken = [(d.start, d.end) for d in doc.dates]
        # a sentence splitter may cut «Mar. 10» after the abbreviation: look a few characters back
        for s, e, rule, fields in partial_dates(doc.folded.text, max(0, start - LOOK_BACK), end):
            if e <= start or any(a < e and s < b for a, b in taken):
                continue
            found.append(When(span=doc.span_of(s, e), provenance=Provenance(self.name, rule), **fields))  # type: ignore[arg-type]
        if not found:
            return None
        return min(found, key=lambda w: (PRECEDENCE.index(w.kind), w.span.start))
