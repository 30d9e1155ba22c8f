"""Reading article files: bytes → text, with a clear reason for every file that cannot be read.

Accepted: UTF-8 (with or without BOM), UTF-16 with a BOM, legacy Windows-1256 (Persian) and
Windows-1251 (Russian) files, which are decoded and reported, and HTML pages, whose article text
is kept and whose menus, scripts and styles are dropped. Refused, with the reason: empty files,
binary files, UTF-16 without a BOM, undecodable bytes and files over the size limit.

`decode` and `read_bytes` raise `InputError` (one line) and nothing else, whatever the bytes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from hamkari.sources.reasons import Reason

MAX_BYTES = 5 * 1024 * 1024
MAX_MESSAGE = 300


class InputError(ValueError):
    """A file that cannot become an article; the message says why in one line, in English.
    `template % params` is that line, so that a layer with translations can say it in the reader's
    language (the template is the msgid of hamkari/web/locale's catalogues)."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template, self.params = template, params

    @classmethod
    def of(cls, reason: str) -> InputError:
        """An InputError saying `reason` (a Reason keeps its template and params)."""
        if isinstance(reason, Reason):
            return cls(reason.template, **reason.params)
        return cls(reason)


def _one_line(exc: BaseException) -> str:
    """An unexpected fault as `Type: message` on one short line."""
    message = " ".join(str(exc).split())
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


@dataclass(slots=True)
class Article:
    text: str
    source: str
    published: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # what was done to read it (encoding, HTML)


def decode(data: bytes, *, max_bytes: int = MAX_BYTES) -> tuple[str, list[str]]:
    """Decode raw bytes; returns the text and notes about how it was read."""
    try:
        return _decode(data, max_bytes)
    except InputError:
        raise
    except Exception as exc:  # a fault of ours must still fail this one file, in one line
        raise InputError("cannot decode: %(fault)s", fault=_one_line(exc)) from exc


def _decode(data: bytes, max_bytes: int) -> tuple[str, list[str]]:
    if len(data) > max_bytes:
        raise InputError(
            "file is too large: %(size)s bytes (limit %(limit)s)",
            size=f"{len(data):,}",
            limit=f"{max_bytes:,}",
        )
    if not data.strip():
        raise InputError("file is empty")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            at = exc.start + 3
            raise InputError(
                "invalid UTF-8 at byte %(at)s (%(byte)s) after a UTF-8 byte-order mark",
                at=at,
                byte=f"0x{data[at]:02x}",
            ) from exc
        return _checked(text, "UTF-8 with BOM"), [Reason("UTF-8 with BOM")]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), "UTF-16"), [Reason("decoded from UTF-16 (BOM)")]
        except UnicodeDecodeError as exc:
            raise InputError("broken UTF-16 at byte %(at)s", at=exc.start) from exc
    if _looks_like_utf16(data):
        raise InputError("looks like UTF-16 without a byte-order mark; re-save it as UTF-8")
    if b"\x00" in data:
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"), "UTF-8"), []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for codec, script, label in (
        ("cp1256", r"[\u0600-\u06ff]", "Windows-1256 (Arabic/Persian)"),
        ("cp1251", r"[\u0400-\u04ff]", "Windows-1251 (Cyrillic)"),
    ):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        non_ascii = [c for c in text if ord(c) > 127]
        if non_ascii and len(re.findall(script, "".join(non_ascii))) / len(non_ascii) >= 0.8:
            return _checked(text, label), [Reason("not UTF-8: decoded as %(label)s", label=label)]
    raise InputError(
        "invalid UTF-8 at byte %(at)s (%(byte)s) and not a Windows-1256 or Windows-1251 text either",
        at=utf8_error.start,
        byte=f"0x{data[utf8_error.start]:02x}",
    )


_TEXT_SCRIPTS = re.compile(r"[\s\x20-\x7e\u00a0-\u00ff\u0400-\u04ff\u0600-\u06ff\u200c-\u201f\u2026«»]")


def _looks_like_utf16(data: bytes) -> bool:
    """Text in the scripts we read when decoded as UTF-16 (either byte order) without a BOM."""
    sample = data[: 4000 - (min(len(data), 4000) % 2)]
    if len(sample) < 8:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if len(_TEXT_SCRIPTS.findall(text)) >= 0.9 * len(text) and re.search(
            r"[^\x00-\x7f]|[a-zA-Z]{3}", text
        ):
            return True
    return False


def _checked(text: str, label: str) -> str:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise InputError(
            "binary content (%(n)s control characters) in what decodes as %(label)s", n=controls, label=label
        )
    if not text.strip():
        raise InputError("file has no text")
    return text


def text_check(text: str) -> str:
    """A text given as a string (the API, pasted text, JSON Lines) refused for the same reasons
    as a file: NUL characters, binary content, nothing but blanks and control characters."""
    if "\x00" in text:
        raise InputError("binary content (contains NUL characters), not text")
    if not any(c.isprintable() and not c.isspace() for c in text):
        raise InputError("text is empty or only blanks and control characters")
    return _checked(text, "text")


_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p)\b", re.I | re.S
)


def looks_like_html(text: str, name: str = "") -> bool:
    return name.lower().endswith((".html", ".htm", ".xhtml")) or bool(_HTML_START.match(text[:2000]))


_DROP = (
    "script, style, noscript, nav, header, footer, aside, form, menu, iframe, svg, button, select, template"
)
_BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "pre", "td")


def html_to_text(html: str) -> tuple[str, dt.date | None]:
    """The article text of an HTML page, one paragraph per block, and its publication date;
    raises `InputError` and nothing else."""
    try:
        return _html_to_text(html)
    except InputError:
        raise
    except Exception as exc:  # the HTML parser's fault fails this one page, in one line
        raise InputError("cannot read the HTML page: %(fault)s", fault=_one_line(exc)) from exc


def _html_to_text(html: str) -> tuple[str, dt.date | None]:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    published = None
    for selector in ('meta[property="article:published_time"]', 'meta[name="date"]', "time[datetime]"):
        node = tree.css_first(selector)
        value = node and (node.attributes.get("content") or node.attributes.get("datetime"))
        if value:
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
            if m:
                try:
                    published = dt.date(int(m[1]), int(m[2]), int(m[3]))
                except ValueError:
                    published = None
                break
    for node in tree.css(_DROP):
        node.decompose()
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        raise InputError("HTML page without a body")
    title_node = tree.css_first("h1") or tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    blocks: list[str] = []
    for node in root.css(", ".join(_BLOCKS)):
        if any(getattr(parent, "tag", None) in _BLOCKS for parent in _parents(node)):
            continue
        text = " ".join(node.text(separator=" ").split())
        if text and text not in blocks and text != title:
            blocks.append(text)
    if not blocks:
        lines = root.text(separator="\n").splitlines()
        blocks = [
            " ".join(line.split()) for line in lines if line.strip() and " ".join(line.split()) != title
        ]
    if not blocks:
        raise InputError("HTML page has no article text")
    body = "\n\n".join([title, *blocks] if title else blocks).strip()
    if not body:
        raise InputError("HTML page has no article text")
    return body, published


def _parents(node: object) -> list[object]:
    out = []
    parent = getattr(node, "parent", None)
    while parent is not None:
        out.append(parent)
        parent = getattr(parent, "parent", None)
    return out


def folder_files(folder: Path, skipped_suffixes: tuple[str, ...]) -> list[Path]:
    """The files of a folder, recursively, in name order, without hidden ones or skipped kinds."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.suffix.lower() not in skipped_suffixes
    )


def read_bytes(data: bytes, source: str, *, max_bytes: int = MAX_BYTES) -> Article:
    """One article file's bytes as an `Article`; raises `InputError` and nothing else."""
    text, notes = decode(data, max_bytes=max_bytes)
    published = None
    if looks_like_html(text, source):
        text, published = html_to_text(text)
        notes.append(Reason("HTML: article text kept, page furniture dropped"))
    return Article(text=text, source=source, published=published, notes=notes)
