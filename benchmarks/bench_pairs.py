"""Stories on a blind set: do two reports of one event in two languages, written by hand and
never used to tune linking, share a story, and do reports of other events stay apart?

Reads `tests/kb/heldout_pairs/pairs.json` (6 events reported twice in two languages, 4 distractors
of the same region pairs on nearby days), ingests its 16 texts without a publication date (like
`hamkari ingest FILE.txt`) into a fresh SQLite database in a temporary HAMKARI_HOME, and prints
same-event pairs that share a story and false pairings (pairs of articles of different events in
one story); `--explain` prints each article's story, event date and link evidence. Files are
ingested in name order (as `hamkari ingest texts/*.txt` does), or the reverse with `--reverse`.

    .venv/bin/python benchmarks/bench_pairs.py [--set tests/kb/heldout_pairs] [--reverse] [--explain]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(home: str) -> None:
    os.environ["HAMKARI_HOME"] = home
    os.environ.pop("HAMKARI_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkari.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def load_events(folder: Path) -> dict[str, str]:
    """File name -> event name, from pairs.json."""
    spec = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))
    return {name: event for event, entry in spec["events"].items() for name in entry["files"]}


def ingest(folder: Path, event_of: dict[str, str], *, reverse: bool) -> dict[str, int | None]:
    """File name -> story id of its article, read from the database after all are stored (a
    later report may merge stories and move an earlier article)."""
    from hamkari.kb import services
    from hamkari.kb.models import Article

    for name in sorted(event_of, reverse=reverse):
        text = (folder / "texts" / name).read_text(encoding="utf-8")
        services.article_ingest(text=text, source=f"heldout:{name}")
    stored = dict(Article.objects.filter(source__startswith="heldout:").values_list("source", "story_id"))
    return {name: stored[f"heldout:{name}"] for name in event_of}


def explain(event_of: dict[str, str]) -> None:
    from hamkari.kb.models import Article

    for name in sorted(event_of, key=lambda n: (event_of[n], n)):
        a = Article.objects.get(source=f"heldout:{name}")
        ev = a.story_evidence or {}
        shown = ev.get("rule", "")
        if ev.get("rule") == "evidence":
            top = ", ".join(f"{k} {w}" for k, w in ev.get("evidence", []))
            shown = f"joined #{ev.get('article')} score {ev.get('score')} [{top}]"
        weak = " weak" if a.event_date_weak else ""
        print(
            f"  {name} {a.language} {event_of[name]} -> story {a.story_id} "
            f"(date {a.event_date} {a.event_date_known or '-'}{weak}): {shown}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--set", default=str(ROOT / "tests/kb/heldout_pairs"), help="folder with pairs.json and texts/"
    )
    parser.add_argument("--reverse", action="store_true", help="ingest in reverse file order (a16 first)")
    parser.add_argument("--explain", action="store_true", help="print each article's story and link evidence")
    args = parser.parse_args()
    folder = Path(args.set)
    event_of = load_events(folder)
    with tempfile.TemporaryDirectory(prefix="hamkari-bench-pairs-") as home:
        setup_django(home)
        story = ingest(folder, event_of, reverse=args.reverse)
        same = linked = false = 0
        for i, j in itertools.combinations(sorted(event_of), 2):
            one_event = event_of[i] == event_of[j]
            one_story = story[i] is not None and story[i] == story[j]
            same += one_event
            linked += one_event and one_story
            false += one_story and not one_event
        print(f"{len(event_of)} articles, {len(set(event_of.values()))} events")
        print(f"same-event pairs sharing a story: {linked} of {same}")
        print(f"false pairings (articles of different events in one story): {false}")
        if args.explain:
            explain(event_of)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
