"""Briefs: a working group or a region pair on a few pages, as HTML and as PDF (WeasyPrint with
the Noto Sans Arabic font that the `fontpkg-noto-sans-arabic` package ships; right to left,
Jalali dates beside Gregorian ones). One body (tracker/_brief.html) is shown two ways: as a page of
the site, in its layout (tracker/brief_page.html, the view renders it), and as a document of its
own with a print style sheet (tracker/brief.html, `render_html`), from which the PDF and the
command line's HTML file are made."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

# Debian's static Noto Sans Arabic (fonts-noto-core, installed by scripts/system-packages) draws
# each letter form as a glyph of its own. The variable font of fontpkg-noto-sans-arabic builds the
# dotted letters from a dotless form plus dots (its `ccmp` feature), so one glyph stands for
# several letters («ن», «خ», «غ» share one); a PDF's ToUnicode map gives each glyph one text, so
# copying, searching and pdftotext got other letters back. The packaged font is the fallback
# where Debian's is missing (the PDF then looks right but its text does not copy well). The brief's
# style sheet turns the lam-alef ligature off for the same reason (see tracker/brief.html).
SYSTEM_FONTS = Path("/usr/share/fonts/truetype/noto")


def font_files() -> dict[int, Path]:
    """Font weight → the Noto Sans Arabic file the briefs use."""
    static = {400: SYSTEM_FONTS / "NotoSansArabic-Regular.ttf", 700: SYSTEM_FONTS / "NotoSansArabic-Bold.ttf"}
    if all(path.exists() for path in static.values()):
        return static
    import fontpkg_noto_sans_arabic as font

    files = sorted((font.ROOT / "files").glob("*.ttf"))
    if not files:
        raise RuntimeError("the fontpkg-noto-sans-arabic package has no font file")
    return {400: files[0]}


def font_face() -> str:
    face = "@font-face {{ font-family: 'Noto Sans Arabic'; font-weight: {}; src: url('{}'); }}"
    return " ".join(face.format(weight, path.as_uri()) for weight, path in font_files().items())


def context(data: dict[str, Any]) -> dict[str, Any]:
    """What the brief's body shows: a selector's brief (`selectors.group_brief`, `pair_brief`) and
    today's date."""
    return {**data, "today": timezone.localdate()}


def render_html(data: dict[str, Any], *, language: str = "fa") -> str:
    """The brief as a document of its own in `language`, with its print style (pages, numbers and
    the font the PDF embeds)."""
    with translation.override(language):
        return render_to_string(
            "tracker/brief.html", {**context(data), "font_face": font_face(), "rtl": language == "fa"}
        )


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    result: bytes = HTML(string=html).write_pdf()
    return result
