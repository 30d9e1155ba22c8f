"""A Persian brief as PDF gives its Persian words back to pdftotext (copying and searching)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from hamkari.kb.models import Entity
from hamkari.kb.services import reference_load
from hamkari.tracker import brief, selectors, services
from hamkari.web.i18n import compile_messages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("pdftotext") is None and os.environ.get("CI") != "true",
        reason="needs poppler-utils (scripts/system-packages installs it)",
    ),
]

# the group's and the item's words, and the brief's own headings in Persian
# and words with lam-alef («لا»), which the font draws as one ligature glyph: it must come back as
# the two letters, in order
WORDS = [
    "کارگروه",
    "صادرات",
    "پسته",
    "برنامه",
    "بازدید",
    "هیئت",
    "تجاری",
    "کرمان",
    "طرف‌ها",
    "کالا",
    "بلافاصله",
]


def test_pdftotext_returns_the_persian_words_of_a_brief(tmp_path: Path) -> None:
    compile_messages()
    reference_load()
    region = Entity.objects.get(type="region", ref="IR-08")
    group = services.group_create(name="کارگروه صادرات پسته", regions=[region], user=None)
    services.item_add(group=group, title="برنامه بازدید هیئت تجاری", due="1404/11/20", user=None)
    services.item_add(group=group, title="ارسال کالا بلافاصله پس از بازدید", due="1404/12/05", user=None)
    target = tmp_path / "brief.pdf"
    target.write_bytes(brief.render_pdf(brief.render_html(selectors.group_brief(group), language="fa")))
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext marks right-to-left runs with embedding controls and drops the zero-width non-joiner
    invisible = dict.fromkeys(map(ord, "\u200c\u202a\u202b\u202c\u202d\u202e"))
    words = set(re.findall(r"\w+", text.translate(invisible)))
    assert [w for w in WORDS if w.translate(invisible) not in words] == [], text
