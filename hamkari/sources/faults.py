"""What comes from outside (the system, a web server, a parser) said as a Reason that every language
can say: the system's fault by its error number, a lookup or TLS failure by its kind, an HTTP answer
by its status code, an XML or JSON fault by what went wrong and where. The outside's own English
phrase («No such file or directory», «Service Unavailable», «not well-formed (invalid token)») is
dropped when the phrase here says the same, and kept as the value `fault` (shown marked English)
only when nothing here knows it. Log lines for operators keep the original text.

`upgraded` gives a Reason stored before this module (an HTTP answer with the server's reason
phrase, an OS fault kept as its English text) the phrase it would get now."""

from __future__ import annotations

import errno
import http.client
import json
import os
import re
import socket
import ssl
from collections.abc import Mapping
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ErrorString, ExpatError, ParserCreate
from xml.parsers.expat import errors as expat
from xml.sax import SAXParseException

from hamkari.sources.reasons import Reason

# the system's fault by its error number; several numbers may say the same to a reader
OS_FAULTS: Mapping[int, Reason] = {
    errno.ENOENT: Reason("no such file or folder"),
    errno.EACCES: Reason("permission denied"),
    errno.EPERM: Reason("permission denied"),
    errno.EISDIR: Reason("is a folder"),
    errno.ENOTDIR: Reason("a part of the path is not a folder"),
    errno.ENAMETOOLONG: Reason("the file name is too long"),
    errno.ELOOP: Reason("too many symbolic links in the path"),
    errno.EEXIST: Reason("the file already exists"),
    errno.ENOSPC: Reason("no space left on the disk"),
    errno.EDQUOT: Reason("the disk quota is used up"),
    errno.EROFS: Reason("the file system is read-only"),
    errno.EIO: Reason("the disk or device could not be read or written"),
    errno.EMFILE: Reason("too many files are open"),
    errno.ENFILE: Reason("too many files are open"),
    errno.ECONNREFUSED: Reason("the connection was refused"),
    errno.ECONNRESET: Reason("the connection was reset by the other side"),
    errno.ECONNABORTED: Reason("the connection was broken off"),
    errno.EPIPE: Reason("the other side closed the connection"),
    errno.ETIMEDOUT: Reason("no answer in time"),
    errno.EHOSTUNREACH: Reason("the host cannot be reached"),
    errno.EHOSTDOWN: Reason("the host cannot be reached"),
    errno.ENETUNREACH: Reason("the network cannot be reached"),
    errno.ENETDOWN: Reason("the network cannot be reached"),
    errno.EADDRINUSE: Reason("the address is already in use"),
    errno.EADDRNOTAVAIL: Reason("the address is not available on this machine"),
}
NO_ANSWER = Reason("no answer in time")
CLOSED = Reason("the server closed the connection without answering")
NO_HOST = Reason("the host name was not found")
NO_NAME_SERVER = Reason("the name server did not answer; try again later")
# the answers of getaddrinfo (their numbers are negative and are not errno's)
LOOKUP_FAULTS: Mapping[int, Reason] = {
    socket.EAI_NONAME: NO_HOST,
    getattr(socket, "EAI_NODATA", socket.EAI_NONAME): NO_HOST,
    socket.EAI_AGAIN: NO_NAME_SERVER,
    socket.EAI_FAIL: NO_NAME_SERVER,
}
# OpenSSL's verification codes (X509_V_ERR_*) a reader can act on
CERTIFICATE_FAULTS: Mapping[int, Reason] = {
    9: Reason("the site's certificate is not valid yet"),
    10: Reason("the site's certificate has expired"),
    18: Reason("the site's certificate is self-signed"),
    19: Reason("the site's certificate is signed by an unknown authority"),
    20: Reason("the site's certificate is signed by an unknown authority"),
    62: Reason("the site's certificate is for another name"),
}

# an HTTP answer by its status: the code is the meaning, the server's reason phrase is not kept
HTTP_STATUSES: Mapping[int, Reason] = {
    400: Reason("the server refused the request as malformed (HTTP %(status)s)", status=400),
    401: Reason("the site asks for a login (HTTP %(status)s)", status=401),
    403: Reason("access forbidden (HTTP %(status)s)", status=403),
    404: Reason("page not found (HTTP %(status)s)", status=404),
    405: Reason("the site does not allow this kind of request (HTTP %(status)s)", status=405),
    408: Reason("the server stopped waiting for the request (HTTP %(status)s)", status=408),
    410: Reason("the page was removed for good (HTTP %(status)s)", status=410),
    429: Reason("too many requests: the site asks us to wait (HTTP %(status)s)", status=429),
    500: Reason("error on the server (HTTP %(status)s)", status=500),
    502: Reason("the server got no valid answer from the server behind it (HTTP %(status)s)", status=502),
    503: Reason("the service is unavailable for now (HTTP %(status)s)", status=503),
    504: Reason("the server behind the site did not answer in time (HTTP %(status)s)", status=504),
}

# expat's messages (its constants are the English messages themselves), said for a reader
XML_FAULTS: Mapping[str, Reason] = {
    expat.XML_ERROR_INVALID_TOKEN: Reason("a character that XML does not allow"),
    expat.XML_ERROR_SYNTAX: Reason("a syntax error"),
    expat.XML_ERROR_NO_ELEMENTS: Reason("the document ends before any element"),
    expat.XML_ERROR_TAG_MISMATCH: Reason("a closing tag that does not match its opening tag"),
    expat.XML_ERROR_UNCLOSED_TOKEN: Reason("the document ends inside a tag"),
    expat.XML_ERROR_PARTIAL_CHAR: Reason("the document ends inside a character"),
    expat.XML_ERROR_JUNK_AFTER_DOC_ELEMENT: Reason("text after the end of the document"),
    expat.XML_ERROR_UNDEFINED_ENTITY: Reason("an undefined entity"),
    expat.XML_ERROR_DUPLICATE_ATTRIBUTE: Reason("an attribute given twice"),
    expat.XML_ERROR_UNBOUND_PREFIX: Reason("an undeclared namespace prefix"),
    expat.XML_ERROR_INCORRECT_ENCODING: Reason("the document is not in the encoding it declares"),
    expat.XML_ERROR_UNKNOWN_ENCODING: Reason("the document declares an unknown encoding"),
}

# the json module's messages (JSONDecodeError.msg)
JSON_FAULTS: Mapping[str, Reason] = {
    "Expecting value": Reason("a value was expected"),
    "Extra data": Reason("more text after the value"),
    "Unterminated string starting at": Reason("a string without its closing quote"),
    "Expecting property name enclosed in double quotes": Reason("a name in double quotes was expected"),
    "Expecting ',' delimiter": Reason("a comma was expected"),
    "Expecting ':' delimiter": Reason("a colon was expected"),
    "Invalid control character at": Reason("a control character inside a string"),
    "Invalid \\escape": Reason("an invalid escape with a backslash"),
    "Invalid \\uXXXX escape": Reason("an invalid escape with a backslash"),
}


def os_fault(exc: BaseException) -> Reason:
    """The system's fault (an OSError: a file, a socket, a lookup, TLS) in words every language
    says; the system's own English phrase is kept only when its error number is not known here."""
    if isinstance(exc, socket.gaierror):
        return LOOKUP_FAULTS.get(exc.errno or 0) or Reason(
            "the host name could not be looked up: %(fault)s", fault=exc.strerror or str(exc)
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return CERTIFICATE_FAULTS.get(exc.verify_code or 0) or Reason(
            "the site's certificate could not be verified: %(fault)s", fault=exc.verify_message or str(exc)
        )
    if isinstance(exc, ssl.SSLError):
        return Reason("the secure connection (TLS) failed: %(fault)s", fault=exc.reason or str(exc))
    if isinstance(exc, TimeoutError) and exc.errno is None:  # a socket's own time-out («timed out»)
        return NO_ANSWER
    if isinstance(exc, OSError) and exc.errno is not None:
        known = OS_FAULTS.get(exc.errno)
        if known is not None:
            return known
        name = errno.errorcode.get(exc.errno, str(exc.errno))
        fault = exc.strerror or os.strerror(exc.errno)
        return Reason("system error %(code)s: %(fault)s", code=name, fault=fault)
    return Reason("system error: %(fault)s", fault=_line(exc))


def fetch_fault(exc: BaseException) -> Reason:
    """Why a request got no usable answer: the server's side of HTTP, else the system's fault."""
    if isinstance(exc, http.client.RemoteDisconnected):  # an OSError too: first
        return CLOSED
    if isinstance(exc, http.client.IncompleteRead):
        return Reason("the server's answer was cut short")
    if isinstance(exc, http.client.HTTPException):
        return Reason("the server's answer is not valid HTTP")
    return os_fault(exc)


# what urllib.parse says of an address it cannot split, by its words
_ADDRESS_FAULTS: tuple[tuple[str, Reason], ...] = (
    ("^Port ", Reason("the port is not a number from 0 to 65535")),
    ("IPv6", Reason("a malformed IPv6 address in brackets")),
    ("NFKC", Reason("the host name holds characters that are not allowed")),
)


def address_fault(exc: ValueError) -> str:
    """Why urllib.parse could not read an address, in words; its own message when not known."""
    message = _line(exc)
    return next((said for pattern, said in _ADDRESS_FAULTS if re.search(pattern, message)), message)


def http_status(status: int) -> Reason:
    """An HTTP answer of 400 or more, said by its status code."""
    return HTTP_STATUSES.get(status) or Reason("the server answered with status %(status)s", status=status)


def xml_fault(message: str, line: int | None, column: int | None) -> Reason:
    """A document that is not well-formed XML: what is wrong (expat's message said in words, else
    kept) and where (columns counted from 1, as an editor does; expat counts from 0)."""
    known = XML_FAULTS.get(message)
    fault = known if known is not None else message
    if line is None or column is None:
        return Reason("not well-formed XML: %(fault)s", fault=fault)
    return Reason(
        "not well-formed XML at line %(line)s, column %(column)s: %(fault)s",
        line=line,
        column=column + 1,
        fault=fault,
    )


def parse_error_fault(exc: ParseError) -> Reason:
    """ElementTree's ParseError (a sitemap) said as `xml_fault` does."""
    line, column = exc.position
    return xml_fault(ErrorString(exc.code), line, column)


def json_fault(exc: json.JSONDecodeError) -> Reason:
    """A line that is not JSON: what is wrong and at which column."""
    fault = JSON_FAULTS.get(exc.msg) or exc.msg
    return Reason("not JSON: %(fault)s at column %(column)s", fault=fault, column=exc.colno)


def feed_fault(fault: object, data: bytes) -> Reason:
    """Why a document gave no feed entries (feedparser's `bozo_exception`, or None)."""
    if not data.strip():
        return Reason("the document is empty")
    if _HTML.match(_COMMENTS.sub(b"", data[:2000])):  # a page's address given for its feed's
        return Reason("the document is an HTML page")
    if isinstance(fault, SAXParseException):
        # where, in the bytes as they came: feedparser parses a copy whose XML declaration it
        # rewrote, so its columns on the first line are not the document's
        return _expat_fault(data) or xml_fault(fault.getMessage(), None, None)
    return Reason("no entries")


# comments removed first, then one plain match: a pattern that repeats a lazy «<!--.*?-->» group
# backtracks exponentially over a run of empty comments (a 300-byte file held a worker for minutes)
_COMMENTS = re.compile(rb"<!--.*?-->", re.S)
_HTML = re.compile(rb"\s*<(?:!doctype\s+html|html)\b", re.I)


def _expat_fault(data: bytes) -> Reason | None:
    parser = ParserCreate()
    try:
        parser.Parse(data, True)
    except ExpatError as exc:
        return xml_fault(ErrorString(exc.code), exc.lineno, exc.offset)
    return None


# what a database driver says (psycopg, sqlite3) when the database cannot be used, by its words:
# the drivers give no code for these, only their English message
_DATABASE_FAULTS: tuple[tuple[str, Reason], ...] = (  # (a regular expression, what it means)
    ("password authentication failed", Reason("the database refused the user name or password")),
    ('database "[^"]*" does not exist', Reason("the database named in the address does not exist")),
    ('role "[^"]*" does not exist', Reason("the database does not know this user")),
    ("too many clients|remaining connection slots", Reason("the database has too many connections")),
    ("Connection refused", OS_FAULTS[errno.ECONNREFUSED]),
    ("No route to host", OS_FAULTS[errno.EHOSTUNREACH]),
    ("Network is unreachable", OS_FAULTS[errno.ENETUNREACH]),
    ("failed to resolve host|could not translate host name|Name or service not known", NO_HOST),
    ("timeout expired|timed out", NO_ANSWER),
    ("unable to open database file", Reason("the database file cannot be opened (is its folder there?)")),
    ("database is locked", Reason("the database is locked by another process; try again")),
    ("readonly database|read-only file system", Reason("the database file is read-only")),
)
_DATABASE_SERVER = re.compile(r'connection to server at "([^"]+)", port (\d+) failed')


def database_fault(message: str) -> str:
    """What a database driver's message says, in words (with the server it names, when it names
    one), or the message itself (English) when nothing here knows it."""
    fault = next((said for pattern, said in _DATABASE_FAULTS if re.search(pattern, message)), None)
    if fault is None:
        return message
    server = _DATABASE_SERVER.search(message)
    if server is None or fault is NO_HOST:
        return fault
    return Reason("cannot connect to %(host)s: %(fault)s", host=f"{server[1]}:{server[2]}", fault=fault)


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# what an OS fault was stored as before (its strerror, or str(exc) of «cannot fetch»)
_STRERRORS: Mapping[str, Reason] = {
    **{os.strerror(code): said for code, said in OS_FAULTS.items()},
    "Name or service not known": NO_HOST,
    "Temporary failure in name resolution": NO_NAME_SERVER,
    "timed out": NO_ANSWER,
    "Remote end closed connection without response": CLOSED,
}
_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] (.+)")
_OLD_HTTP = ("HTTP %(status)s %(reason)s", "HTTP %(status)s")
_OLD_OS = (
    "cannot read %(path)s: %(fault)s",
    "cannot read: %(fault)s",
    "cannot connect to %(host)s: %(fault)s",
    "cannot fetch: %(fault)s",
)
_SAX_TEXT = re.compile(r"<unknown>:(\d+):(\d+): (.+)")  # str() of feedparser's SAXParseException
_ET_TEXT = re.compile(r"(.+): line (\d+), column (\d+)")  # str() of ElementTree's ParseError


def upgraded(reason: Reason) -> Reason:
    """A Reason as stored before this module (an HTTP answer with the server's reason phrase, an OS,
    JSON, feed or sitemap fault kept as its English text) with the words it would get now; any
    other as it is."""
    status = reason.params.get("status")
    if reason.template in _OLD_HTTP and str(status).isdecimal():
        return http_status(int(str(status)))
    fault = reason.params.get("fault")
    if not isinstance(fault, str) or isinstance(fault, Reason) or reason.plural is not None:
        return _nested(reason)
    known = _fault_read(reason.template, fault)
    if known is None:
        return reason
    return Reason(reason.template, **{**reason.params, "fault": known})


def _fault_read(template: str, fault: str) -> Reason | None:
    """The words for a fault stored as its English text under `template`, when they are known."""
    if template in _OLD_OS:
        text = _ERRNO_TEXT.fullmatch(fault)
        return _STRERRORS.get(text[1] if text else fault)
    if template == "not JSON: %(fault)s at column %(column)s":
        return JSON_FAULTS.get(fault)
    if template == "not a readable RSS/Atom feed: %(fault)s" and (sax := _SAX_TEXT.fullmatch(fault)):
        return xml_fault(sax[3], int(sax[1]), int(sax[2]))
    if template == "not a readable sitemap: %(fault)s" and (tree := _ET_TEXT.fullmatch(fault)):
        return xml_fault(tree[1], int(tree[2]), int(tree[3]))
    return None


def _nested(reason: Reason) -> Reason:
    """`reason` with its nested reasons upgraded («attempt 2: HTTP 502 Bad Gateway»)."""
    inner = {k: upgraded(v) for k, v in reason.params.items() if isinstance(v, Reason)}
    if not inner or all(inner[k] is reason.params[k] for k in inner):
        return reason
    params = {**reason.params, **inner}
    if reason.plural is not None:
        n = params.pop("n")
        return Reason.counted(reason.template, reason.plural, int(str(n)), **params)
    return Reason(reason.template, **params)
