"""Briefs: a working group or a region pair on a few pages, as HTML and as PDF (WeasyPrint with
the Noto Sans Arabic font that the `fontpkg-noto-sans-arabic` package ships; right to left,
Jalali dates beside Gregorian ones)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation


def font_face() -> str:
    import fontpkg_noto_sans_arabic as font

    files = sorted((font.ROOT / "files").glob("*.ttf"))
    if not files:
        raise RuntimeError("the fontpkg-noto-sans-arabic package has no font file")
    return f"@font-face {{ font-family: 'Noto Sans Arabic'; src: url('{files[0].as_uri()}'); }}"


def render_html(data: dict[str, Any], *, language: str = "fa") -> str:
    with translation.override(language):
        return render_to_string(
            "tracker/brief.html",
            {**data, "today": timezone.localdate(), "font_face": font_face(), "rtl": language == "fa"},
        )


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    result: bytes = HTML(string=html).write_pdf()
    return result
