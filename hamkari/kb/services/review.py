"""Analysts' corrections: reviewing a fact, merging and splitting people (all audited)."""

from __future__ import annotations

import math
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from hamkari.kb import search
from hamkari.kb.facts import FACT_KINDS, FactKind
from hamkari.kb.models import (
    Alias,
    Commitment,
    Entity,
    Mention,
    Position,
    ReviewState,
)
from hamkari.kb.services.audit import audit_record


class ReviewError(ValueError):
    pass


@transaction.atomic
def fact_review(
    *, kind: str, fact_id: int, state: str, user: User, changes: dict[str, Any] | None = None
) -> Any:
    """Accept, reject or edit a fact; the change is recorded with who and when."""
    (fact,) = facts_review(kind=kind, fact_ids=[fact_id], state=state, user=user, changes=changes)
    return fact


@transaction.atomic
def facts_review(
    *,
    kind: str,
    fact_ids: list[int],
    state: str,
    user: User,
    changes: dict[str, Any] | None = None,
) -> list[Any]:
    """Review several facts of one kind alike (the mentions of one entity in an article, shown
    as one row): all of them or, when one is refused, none; each recorded with who and when."""
    entry = FACT_KINDS.get(kind)
    if entry is None:
        raise ReviewError(
            gettext("unknown fact kind %(kind)s; use one of %(known)s")
            % {"kind": repr(kind), "known": ", ".join(FACT_KINDS)}
        )
    if state not in ReviewState.values:
        raise ReviewError(
            gettext("unknown review state %(state)s; use one of %(known)s")
            % {"state": repr(state), "known": ", ".join(ReviewState.values)}
        )
    facts = list(entry.model._default_manager.select_for_update().filter(pk__in=fact_ids).order_by("pk"))
    if len(facts) != len(set(fact_ids)):
        raise entry.model.DoesNotExist(f"no {kind} {sorted(set(fact_ids) - {f.pk for f in facts})}")
    return [_review(entry, fact, state=state, user=user, changes=changes) for fact in facts]


def _review(entry: FactKind, fact: Any, *, state: str, user: User, changes: dict[str, Any] | None) -> Any:
    kind, model = entry.name, entry.model
    before = {"review_state": fact.review_state}
    for field, value in (changes or {}).items():
        if field not in entry.editable:
            raise ReviewError(
                gettext("%(kind)s field %(field)s cannot be edited; editable: %(editable)s")
                % {"kind": kind, "field": repr(field), "editable": ", ".join(entry.editable) or "-"}
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise ReviewError(
                gettext("%(kind)s field %(field)s must be a finite number, not %(value)s")
                % {"kind": kind, "field": repr(field), "value": value}
            )
        before[field] = str(getattr(fact, field))
        setattr(fact, field, value)
        fact.edited = True
    fact.review_state = state
    fact.reviewed_by = user
    fact.reviewed_at = timezone.now()
    # the edited values are checked; the records a fact points to are not the analyst's to change
    fact.full_clean(exclude=[f.name for f in model._meta.fields if f.is_relation])
    fact.save()
    entry.on_review(fact)
    audit_record(
        user=user,
        action=f"review.{state}",
        obj=fact,
        data={"kind": kind, "before": before, "changes": _recorded(changes or {})},
    )
    return fact


def _recorded(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes as the audit log's JSON keeps them: a date (from a caller in Python rather
    than a form) as its ISO text."""
    return {
        k: v if v is None or isinstance(v, str | int | float | bool) else str(v) for k, v in changes.items()
    }


@transaction.atomic
def person_merge(*, source: Entity, target: Entity, user: User | None) -> Entity:
    """Make `source` part of `target`: its mentions, posts, names and ties move over."""
    if source.pk == target.pk or source.type != "person" or target.type != "person":
        raise ReviewError(gettext("merge needs two different people"))
    Mention.objects.filter(entity=source).update(
        entity=target, link_rule="merged by analyst", link_confidence=1.0
    )
    Position.objects.filter(person=source).update(person=target)
    Commitment.objects.filter(actor=source).update(actor=target)
    for alias in source.aliases.all():
        Alias.objects.get_or_create(
            entity=target, name=alias.name, defaults={"key": alias.key, "language": alias.language}
        )
    source.aliases.all().delete()
    for instrument in source.instruments.all():
        instrument.parties.add(target)
    source.merged_into = target
    source.save(update_fields=["merged_into"])
    audit_record(
        user=user, action="person.merge", obj=target, data={"merged": source.pk, "name": source.name}
    )
    return target


@transaction.atomic
def person_split(*, person: Entity, mention_ids: list[int], user: User | None) -> Entity:
    """Move the given mentions (and the posts read in the same articles) to a new person."""
    mentions = list(Mention.objects.filter(entity=person, pk__in=mention_ids).select_related("article"))
    if not mentions or len(mentions) != len(set(mention_ids)):
        raise ReviewError(gettext("split needs mentions of this person"))
    if Mention.objects.filter(entity=person).exclude(pk__in=mention_ids).count() == 0:
        raise ReviewError(gettext("split must leave the person at least one mention"))
    first = mentions[0]
    name = first.article.text[first.start : first.end]
    other = Entity.objects.create(type="person", name=name[:500], key=person.key, country=person.country)
    Alias.objects.create(
        entity=other, name=name[:500], key=search.alias_key(name), language=first.article.language
    )
    articles = {m.article_id for m in mentions}
    Mention.objects.filter(pk__in=mention_ids).update(
        entity=other, link_rule="split by analyst", link_confidence=1.0
    )
    Position.objects.filter(person=person, article_id__in=articles).update(person=other)
    audit_record(
        user=user, action="person.split", obj=person, data={"new": other.pk, "mentions": mention_ids}
    )
    return other
