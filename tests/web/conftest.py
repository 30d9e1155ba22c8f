from __future__ import annotations

from typing import Any

import pytest

from hamkari.accounts.services import user_create
from hamkari.kb import services as kb
from hamkari.web.i18n import compile_messages
from tests.kb.factories import EN_JALALI, FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI

HOSTILE = (
    "date 2024-07-01\nبه گزارش ایرنا، <script>alert('x')</script> استاندار گیلان با سفیر روسیه دیدار کرد "
    '<img src=x onerror="alert(1)"> و "دو طرف" درباره همکاری‌های شیلات گفتگو کردند.'
)


@pytest.fixture(scope="session", autouse=True)
def catalogues() -> None:
    if compile_messages():  # a catalogue loaded before it was compiled again is read afresh
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
        trans_real.deactivate()


@pytest.fixture
def articles(db: Any) -> list[Any]:
    kb.reference_load()
    return [
        kb.article_ingest(text=t, source="t").article
        for t in (FA_JALALI_FULL, FA_JALALI_SHORT, RU_JALALI, EN_JALALI)
    ]


@pytest.fixture
def hostile(db: Any) -> Any:
    return kb.article_ingest(text=HOSTILE, source="hostile").article


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    from hamkari.kb.models import Entity

    gilan, _ = Entity.objects.get_or_create(type="region", ref="IR-01", defaults={"name": "Gilan"})
    return {
        "viewer": user_create(username="viewer", password="pw-viewer-1", role="viewer"),
        "analyst": user_create(username="analyst", password="pw-analyst-1", role="analyst"),
        "editor": user_create(username="editor", password="pw-editor-1", role="editor", scope=[gilan]),
        "admin": user_create(username="boss", password="pw-boss-1", role="administrator"),
    }
