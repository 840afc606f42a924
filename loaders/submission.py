"""Full EDGAR submission files (``<accession>.txt``): the documents as users get them.

A submission is an SGML envelope: a header (``<SEC-HEADER>`` with the accession number,
the form type, the subject company and the filers) and one ``<DOCUMENT>`` per file, each
with ``<TYPE>``, ``<FILENAME>`` and a ``<TEXT>`` body that is plain text, HTML, or XML
wrapped in ``<XML> ... </XML>``. Since 2024 the Schedule 13D/G primary document is the XML
``edgarSubmission`` (``primary_doc.xml``); Forms 3/4/5 have always been an
``ownershipDocument`` in ``<XML>``.

Rule: the first ``<DOCUMENT>`` whose body is an XML ownership document (13D/G
``edgarSubmission`` or ``ownershipDocument``) is the filing; it is parsed by its own loader
and the envelope adds what only it says (accession number, the other documents' types and
file names, the text of the exhibits, for instance an Item 7 subsidiary list in EX-99).
A submission whose primary document is text or HTML (the legacy 13D/G) is left to
:mod:`loaders.sec13dg_legacy`, which reads the envelope itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ownergraph.graph.model import ParsedDocument

#: The start of an SGML submission (after a BOM or whitespace).
_ENVELOPE = re.compile(rb"^\s*<(?:SEC-DOCUMENT|SEC-HEADER|SUBMISSION|IMS-DOCUMENT)>", re.I)
_DOCUMENT_OPEN = re.compile(rb"<DOCUMENT>", re.I)
_TAG_LINE = re.compile(rb"^<(TYPE|FILENAME|DESCRIPTION|SEQUENCE)>[ \t]*([^\r\n<]*)", re.M | re.I)
_XML = re.compile(rb"<XML>\s*(.*?)\s*(?:</XML>|\Z)", re.S | re.I)
#: The roots of an XML filing, with or without a namespace prefix (``<sch:edgarSubmission``).
_ROOTS = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(?:edgarSubmission|ownershipDocument)\b")
_ACCESSION = re.compile(rb"ACCESSION NUMBER:\s*([0-9]{10}-[0-9]{2}-[0-9]{6})", re.I)
_FORM = re.compile(rb"CONFORMED SUBMISSION TYPE:\s*([^\r\n]+)", re.I)
_TAGS = re.compile(r"<[^>]{0,2000}>")

#: Largest exhibit text kept (characters); a longer one is cut, and said so.
MAX_EXHIBIT_CHARS = 200_000


@dataclass(frozen=True)
class Envelope:
    """What the SGML envelope says, and the XML filing found inside it."""

    xml: bytes
    primary_type: str | None
    primary_filename: str | None
    accession: str | None
    form: str | None
    documents: tuple[dict[str, str | None], ...] = ()
    exhibits: tuple[dict[str, str | None], ...] = field(default=())


def is_submission(head: bytes) -> bool:
    """True for an EDGAR SGML submission envelope.

    >>> is_submission(b"\\n<SEC-DOCUMENT>0001.txt : 20250204\\n<SEC-HEADER>")
    True
    >>> is_submission(b'<?xml version="1.0"?><ownershipDocument>')
    False
    """
    return bool(_ENVELOPE.match(head.removeprefix(b"\xef\xbb\xbf")))


def _close(data: bytes, start: int, tag: bytes) -> tuple[int, int]:
    """Where the SGML ``</tag>`` that closes the element opened before ``start`` is: an
    ``<XML> ... </XML>`` body is stepped over whole, so an XML element of the same name
    (a 13D/G's ``<document>`` or ``<text>`` without a namespace prefix) ends nothing.
    Returns (end of the content, end of the closing tag); the end of data when unclosed.

    >>> d = b"<DOCUMENT><TEXT><XML><r><document/></document></r></XML></TEXT></DOCUMENT>!"
    >>> d[10:_close(d, 10, b"DOCUMENT")[0]].endswith(b"</TEXT>")
    True
    """
    pat = re.compile(rb"<XML>|</" + tag + rb">", re.I)
    pos = start
    while True:
        m = pat.search(data, pos)
        if m is None:
            return len(data), len(data)
        if m.group(0)[1:2] != b"/":  # an <XML> body: its end first
            e = re.compile(rb"</XML>", re.I).search(data, m.end())
            if e is None:
                return len(data), len(data)
            pos = e.end()
            continue
        return m.start(), m.end()


def _blocks(data: bytes) -> list[bytes]:
    """The ``<DOCUMENT>`` blocks of a submission, in order."""
    out = []
    pos = 0
    while True:
        m = _DOCUMENT_OPEN.search(data, pos)
        if m is None:
            return out
        end, pos = _close(data, m.end(), b"DOCUMENT")
        out.append(data[m.end() : end])


def _text_of(block: bytes) -> bytes | None:
    """The ``<TEXT>`` body of a document block, or ``None``."""
    m = _TEXT_OPEN.search(block)
    if m is None:
        return None
    return block[m.end() : _close(block, m.end(), b"TEXT")[0]]


def _tags(block: bytes) -> dict[str, str | None]:
    out: dict[str, str | None] = {"type": None, "filename": None, "description": None}
    for m in _TAG_LINE.finditer(block[:4000]):
        k = m.group(1).decode("ascii").lower()
        if k in out and out[k] is None:
            out[k] = m.group(2).decode("utf-8", "replace").strip() or None
    return out


def _plain(body: bytes) -> str:
    """Exhibit text: tags dropped, entities of the common kind decoded, spaces folded."""
    import html

    s = body.decode("utf-8", "replace")
    if re.search(r"<(?:html|body|p|div|table)\b", s[:5000], re.I):
        s = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", s)
        s = re.sub(r"(?i)<br\s*/?>|</(?:p|div|tr|li|h\d)>", "\n", s)
        s = _TAGS.sub(" ", s)
        s = html.unescape(s)
    s = re.sub(r"[ \t\u00a0]+", " ", s)
    return re.sub(r"\n\s*\n+", "\n\n", s).strip()


_TEXT_OPEN = re.compile(rb"<TEXT>", re.I)


def _first_text_is_xml(data: bytes) -> bool:
    """True when the first document's ``<TEXT>`` opens with ``<XML>``: a bounded look, so a
    legacy text/HTML submission is turned down without matching its whole first document.

    >>> _first_text_is_xml(b"<DOCUMENT>\\n<TYPE>4\\n<TEXT>\\n <xml>\\n<?xml?>")
    True
    >>> _first_text_is_xml(b"<DOCUMENT>\\n<TYPE>SC 13G\\n<TEXT>\\n<PAGE>  SCHEDULE 13G")
    False
    """
    start = data.find(b"<DOCUMENT>")
    if start < 0:
        start = 0
    m = _TEXT_OPEN.search(data, start, start + 65536)
    if m is None:
        return True  # an unusual layout: leave it to the full reading
    return data[m.end() : m.end() + 4096].lstrip()[:5].upper() == b"<XML>"


def unwrap(data: bytes) -> Envelope | None:
    """The XML filing inside a submission, or ``None`` (not a submission, or one whose
    primary document is text/HTML: the legacy loader reads those).

    >>> env = unwrap(b"<SEC-DOCUMENT>x\\nACCESSION NUMBER: 0000000001-25-000001\\n"
    ...   b"<DOCUMENT>\\n<TYPE>4\\n<TEXT>\\n<XML>\\n<?xml version='1.0'?>\\n"
    ...   b"<ownershipDocument/>\\n</XML>\\n</TEXT>\\n</DOCUMENT>")
    >>> env.xml, env.primary_type, env.accession
    (b"<?xml version='1.0'?>\\n<ownershipDocument/>", '4', '0000000001-25-000001')
    """
    if not is_submission(data[:4096]):
        return None
    if not _first_text_is_xml(data):
        return None  # a text / HTML primary document: the legacy loader's (no full scan)
    docs: list[dict[str, str | None]] = []
    primary: tuple[bytes, dict[str, str | None]] | None = None
    bodies: list[tuple[dict[str, str | None], bytes]] = []
    for block in _blocks(data):
        tags = _tags(block)
        docs.append(tags)
        body = _text_of(block) or b""
        x = _XML.search(body) if body.lstrip()[:5].upper() == b"<XML>" else None
        if x is None and primary is None and len(docs) == 1:
            return None  # a text / HTML primary document: the legacy loader's
        if x is not None and primary is None:
            xml = x.group(1).lstrip(b"\xef\xbb\xbf \t\r\n")
            if _ROOTS.search(xml[:4000]):
                primary = (xml, tags)
                continue
        bodies.append((tags, body))
    if primary is None:
        return None
    exhibits = []
    for tags, body in bodies:
        if (tags.get("type") or "").upper().startswith("GRAPHIC") or b"begin 644" in body[:200]:
            continue  # an uuencoded image or PDF says nothing in words
        txt = _plain(body)
        cut = len(txt) > MAX_EXHIBIT_CHARS
        exhibits.append({**tags, "text": txt[:MAX_EXHIBIT_CHARS], "cut": "yes" if cut else None})
    acc = _ACCESSION.search(data[:20000])
    form = _FORM.search(data[:20000])
    return Envelope(
        xml=primary[0],
        primary_type=primary[1].get("type"),
        primary_filename=primary[1].get("filename"),
        accession=acc.group(1).decode() if acc else None,
        form=form.group(1).decode("utf-8", "replace").strip() if form else None,
        documents=tuple(docs),
        exhibits=tuple(exhibits),
    )


def parsed_with_envelope(parsed: ParsedDocument, env: Envelope) -> ParsedDocument:
    """The filing's parse with what the envelope adds: the accession number (when the
    filing itself does not carry it) and ``extra["submission"]`` (the documents' types and
    names, the exhibits' text)."""
    doc = parsed.document
    if env.accession and not doc.accession:
        doc = replace(doc, accession=env.accession)
    extra = dict(parsed.extra)
    extra["submission"] = {
        "accession": env.accession,
        "form": env.form,
        "primary": {"type": env.primary_type, "filename": env.primary_filename},
        "documents": list(env.documents),
        "exhibits": list(env.exhibits),
    }
    return replace(parsed, document=doc, extra=extra)
