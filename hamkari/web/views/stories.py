"""A story's page; analysts merge it into another story (chosen by title) and split articles off
it. Both are audited (`kb.services.story_merge`, `story_split`), and an article an analyst placed
stays there when it is extracted again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkari.accounts.permissions import acting_user, can_curate_stories
from hamkari.kb import selectors, services
from hamkari.kb.lookups import found
from hamkari.kb.models import Story


@login_required
def story(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, found(selectors.story_get, pk))


def _page(request: HttpRequest, obj: Story, *, error: str = "", status: int = 200) -> HttpResponse:
    """The story's page; a refused merge or split comes back with the reason (and what was typed)."""
    context = {
        "story": obj,
        **selectors.story_detail(obj),
        "can_curate_stories": can_curate_stories(request.user),
        "error": error,
        "merge_q": request.POST.get("q", "") if error else "",
    }
    return render(request, "web/story.html", context, status=status)


def _allowed(request: HttpRequest) -> None:
    if not can_curate_stories(request.user):
        raise PermissionDenied(_("Only analysts merge and split stories."))


@login_required
@require_POST
def story_merge(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    source = found(selectors.story_get, pk)
    try:
        target = selectors.story_get(int(request.POST.get("into", "")))
    except (ValueError, Story.DoesNotExist):
        return _page(request, source, error=_("Type a title and choose the story to merge into."), status=400)
    try:
        services.story_merge(source=source, target=target, user=acting_user(request))
    except services.StoryError as exc:
        return _page(request, source, error=str(exc), status=400)
    messages.success(request, _("Merged."))
    return redirect("story", pk=target.pk)


@login_required
@require_POST
def story_split(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request)
    obj = found(selectors.story_get, pk)
    try:
        ids = [int(x) for x in request.POST.getlist("articles")]
    except ValueError:
        ids = []
    try:
        other = services.story_split(story=obj, article_ids=ids, user=acting_user(request))
    except services.StoryError as exc:
        return _page(request, obj, error=str(exc), status=400)
    messages.success(request, _("Split."))
    return redirect("story", pk=other.pk)
