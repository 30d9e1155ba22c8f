"""Reading article files: every bad file gets a clear reason, good ones are read as they are."""

from __future__ import annotations

import codecs

import pytest

from hamkari.sources.inputs import InputError, decode, html_to_text, read_bytes, text_check

PERSIAN = "استاندار گیلان با سرکنسول روسیه در رشت دیدار کرد."
# Legacy Windows-1256 files use the Arabic letters ي and ك, which the code page has.
PERSIAN_LEGACY = "استاندار گيلان با سركنسول روسيه در رشت ديدار كرد."
RUSSIAN = "Губернатор Астраханской области встретился с консулом Ирана."


def test_it_reads_plain_utf8() -> None:
    text, notes = decode(PERSIAN.encode("utf-8"))
    assert text == PERSIAN
    assert notes == []


def test_it_drops_a_utf8_byte_order_mark() -> None:
    text, _ = decode(codecs.BOM_UTF8 + PERSIAN.encode("utf-8"))
    assert text == PERSIAN


def test_it_reads_utf16_with_a_byte_order_mark() -> None:
    text, notes = decode(PERSIAN.encode("utf-16"))
    assert text == PERSIAN
    assert "UTF-16" in notes[0]


def test_it_rejects_utf16_without_bom() -> None:
    with pytest.raises(InputError, match="UTF-16 without a byte-order mark"):
        decode(PERSIAN.encode("utf-16-le"))


def test_it_detects_windows_1256_and_says_so() -> None:
    text, notes = decode(PERSIAN_LEGACY.encode("cp1256"))
    assert text == PERSIAN_LEGACY
    assert notes == ["not UTF-8: decoded as Windows-1256 (Arabic/Persian)"]


def test_it_detects_windows_1251_and_says_so() -> None:
    text, notes = decode(RUSSIAN.encode("cp1251"))
    assert text == RUSSIAN
    assert "Windows-1251" in notes[0]


def test_it_rejects_invalid_utf8_that_is_no_legacy_encoding_either() -> None:
    # é and è are Latin letters in Windows-1256, and 0x98 is unassigned in Windows-1251.
    with pytest.raises(InputError, match=r"invalid UTF-8 at byte 3 \(0xe9\)"):
        decode(b"caf\xe9 cr\xe8me \x98")


def test_it_rejects_an_empty_file() -> None:
    with pytest.raises(InputError, match="file is empty"):
        decode(b"")


def test_it_rejects_a_file_of_blanks() -> None:
    with pytest.raises(InputError, match="file is empty"):
        decode(b" \n\t\n ")


def test_it_rejects_binary_content() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 4)


def test_it_rejects_control_characters_without_nul() -> None:
    with pytest.raises(InputError, match="binary content"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16]) * 20)


def test_it_rejects_a_file_over_the_limit() -> None:
    with pytest.raises(InputError, match="too large"):
        decode(b"a" * 101, max_bytes=100)


def test_it_keeps_article_text_and_drops_scripts_and_menus() -> None:
    page = """<!doctype html><html><head><title>خبر</title>
    <meta property="article:published_time" content="2025-12-03T10:00:00+03:30">
    <script>var menu = "استاندار تهران";</script><style>p {color: red}</style></head>
    <body><nav><ul><li>صفحه اصلی</li><li>ورزشی</li></ul></nav>
    <article><h1>دیدار استاندار گیلان</h1><p>استاندار گیلان با سرکنسول روسیه دیدار کرد.</p>
    <p>دو طرف &laquo;همکاری&raquo; را بررسی کردند.</p></article>
    <footer>کلیه حقوق محفوظ است</footer></body></html>"""
    text, published = html_to_text(page)
    assert "استاندار گیلان با سرکنسول روسیه دیدار کرد." in text
    assert "«همکاری»" in text
    assert "var menu" not in text and "صفحه اصلی" not in text and "حقوق محفوظ" not in text
    assert published is not None and published.isoformat() == "2025-12-03"


def test_it_treats_a_page_by_its_content_even_without_an_html_name() -> None:
    article = read_bytes(b"<html><body><p>Tehran and Moscow met.</p></body></html>", "page.txt")
    assert article.text == "Tehran and Moscow met."
    assert any("HTML" in n for n in article.notes)


def test_it_rejects_a_page_with_no_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_bytes(b"<html><body><script>x()</script></body></html>", "empty.html")


def test_it_rejects_invalid_utf8_after_a_byte_order_mark_with_a_reason() -> None:
    with pytest.raises(InputError, match=r"invalid UTF-8 at byte 6 \(0xff\) after a UTF-8 byte-order mark"):
        decode(codecs.BOM_UTF8 + b"abc\xff\xfe def")


def test_a_fault_while_decoding_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, label: str) -> str:
        raise LookupError("codec\nvanished")

    monkeypatch.setattr("hamkari.sources.inputs._checked", broken)
    with pytest.raises(InputError, match=r"^cannot decode: LookupError: codec vanished$"):
        decode(PERSIAN.encode("utf-8"))


def test_a_fault_of_the_html_parser_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(html: str) -> tuple[str, None]:
        raise RuntimeError("parser fault")

    monkeypatch.setattr("hamkari.sources.inputs._html_to_text", broken)
    with pytest.raises(InputError, match=r"^cannot read the HTML page: RuntimeError: parser fault$"):
        read_bytes(b"<html><body><p>text</p></body></html>", "page.html")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Kazan\x00Tabriz", "binary content (contains NUL characters), not text"),
        ("\x00\x00\x00", "binary content (contains NUL characters), not text"),
        ("   \n\t ", "text is empty or only blanks and control characters"),
        ("\x01\x02\x03\x1b\x7f", "text is empty or only blanks and control characters"),
        ("ab" + "\x01\x02" * 20, "binary content (40 control characters) in what decodes as text"),
    ],
)
def test_a_text_string_is_refused_for_the_reasons_a_file_is(text: str, reason: str) -> None:
    with pytest.raises(InputError) as refused:
        text_check(text)
    assert str(refused.value) == reason


def test_a_text_string_with_a_few_control_characters_is_kept() -> None:
    assert text_check(PERSIAN + "\x0b") == PERSIAN + "\x0b"
