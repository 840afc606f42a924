"""Loaders: one module per source, each ``parse(fp, *, path) -> ParsedDocument``.

Parsing touches no database and no network; :func:`graph.store.Store.load` writes. The
format is detected from content, never from the file name.

Each loader module defines ``FORMAT`` (a :class:`graph.vocab.SourceFormat`),
``sniff(head: bytes) -> bool`` and ``parse(fp, *, path) -> ParsedDocument``.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from ownergraph.graph.errors import InputError, UnsupportedFormatError
from ownergraph.graph.model import ParsedDocument
from ownergraph.graph.vocab import SourceFormat
from ownergraph.loaders import submission

#: Loader modules in sniffing order (most specific first).
LOADER_MODULES = (
    "ownergraph.loaders.sec13dg_xml",
    "ownergraph.loaders.form345",
    "ownergraph.loaders.form13f",
    "ownergraph.loaders.uk_psc",
    "ownergraph.loaders.gleif",
    "ownergraph.loaders.ftm",
    "ownergraph.loaders.bods",
    "ownergraph.loaders.sec13dg_legacy",
    "ownergraph.loaders.tabular",
)

#: Largest file a loader accepts, in bytes (a hostile 200 MB file is refused, not read).
MAX_BYTES = 64 * 1024 * 1024


def _modules() -> list[ModuleType]:
    mods = []
    for name in LOADER_MODULES:
        try:
            mods.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:  # a loader not written yet
            if exc.name != name:
                raise
    return mods


def detect(data: bytes, *, path: str = "<bytes>") -> SourceFormat:
    """Return the format of some content, or raise :class:`UnsupportedFormatError`."""
    head = data[:65536]
    env = submission.unwrap(data) if submission.is_submission(head[:4096]) else None
    if env is not None:  # a full EDGAR submission: the format of the filing inside
        return detect(env.xml, path=path)
    for mod in _modules():
        if mod.sniff(head):
            return mod.FORMAT
    raise UnsupportedFormatError(path, "start of file", "not a format ownergraph reads")


def loader_for(fmt: SourceFormat) -> ModuleType:
    """The loader module of a format."""
    for mod in _modules():
        if mod.FORMAT == fmt:
            return mod
    raise UnsupportedFormatError("<none>", None, f"no loader for {fmt}")


def parse_bytes(data: bytes, *, path: str = "<bytes>") -> ParsedDocument:
    """Detect the format of ``data`` and parse it."""
    if len(data) > MAX_BYTES:
        raise InputError(path, None, f"file is {len(data):,} bytes; the limit is {MAX_BYTES:,}")
    if not data.strip():
        raise InputError(path, "start of file", "file is empty")
    env = submission.unwrap(data) if submission.is_submission(data[:4096]) else None
    if env is not None:  # a full EDGAR submission: parse the XML filing inside it
        mod = loader_for(detect(env.xml, path=path))
        if hasattr(mod, "parse_submission"):  # a filing of several XML documents (13F)
            return submission.parsed_with_envelope(mod.parse_submission(data, path=path), env)
        return submission.parsed_with_envelope(mod.parse(io.BytesIO(env.xml), path=path), env)
    fmt = detect(data, path=path)
    return loader_for(fmt).parse(io.BytesIO(data), path=path)


#: Finding kinds that make a document unfit to load unless the user asks for leniency: the
#: parse keeps them as findings (nothing is dropped silently), the load refuses them.
REFUSED_FINDINGS = frozenset({"dangling_reference"})


def check_loadable(parsed: ParsedDocument) -> None:
    """Raise :class:`InputError` (file and place) when a parse found a broken reference.

    >>> from ownergraph.graph.model import Document
    >>> from ownergraph.graph.vocab import SourceFormat
    >>> check_loadable(ParsedDocument(Document("d", "x.json", SourceFormat.BODS, "")))
    """
    for f in parsed.findings:
        if f.kind in REFUSED_FINDINGS and f.severity.value == "error":
            ev = f.evidence[0] if f.evidence else None
            place = (ev.xpath or (f"offset {ev.span[0]}" if ev.span else None)) if ev else None
            raise InputError(parsed.document.path, place or "document", f.message)


def stream_path(path: str | Path) -> Iterator[ParsedDocument] | None:
    """The documents of a file that loads in batches (a UK PSC snapshot in JSON lines:
    :func:`loaders.uk_psc.iter_parsed`), or ``None`` for a file read whole by
    :func:`parse_path`. Streamed files have no size limit: memory is bounded by a batch.
    A tabular folder (entities.csv + edges.csv, headers sniffed) is one
    :class:`graph.bulk.TabularPair`, streamed row by row into the store."""
    from ownergraph.loaders import uk_psc

    p = Path(path)
    if p.is_dir() and _tabular_pair(p / "entities.csv") and _tabular_pair(p / "edges.csv"):
        from ownergraph.graph.bulk import TabularPair  # a tabular graph: bulk-written

        return iter([TabularPair(p)])
    if not p.is_file():
        return None
    try:
        with open(p, "rb") as f:
            head = f.read(65536)
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from exc
    if not submission.is_submission(head[:4096]) and not uk_psc.sniff(head):
        from ownergraph.loaders import bods_stream  # large BODS (array or JSON Lines): ijson

        try:
            is_bods = detect(head, path=str(path)) == SourceFormat.BODS
        except InputError:
            is_bods = False
        if is_bods and bods_stream.streamable(p, head):
            return bods_stream.iter_parsed(p)
        from ownergraph.loaders import gleif_stream  # a large GLEIF file: iterparse / ijson

        if gleif_stream.streamable(p, head):
            return gleif_stream.iter_parsed(p)
    if submission.is_submission(head[:4096]) or not uk_psc.sniff(head):
        return None
    return uk_psc.iter_parsed(p) if uk_psc.is_snapshot(head) else None


def _tabular_pair(p: Path) -> bool:
    """Whether ``p`` is the entities.csv or edges.csv of a tabular folder and its first
    bytes read as that format's header (a file that only claims the name keeps the cap)."""
    tabular = loader_for(SourceFormat.TABULAR)
    if p.name not in ("entities.csv", "edges.csv"):
        return False
    if not ((p.parent / "entities.csv").is_file() and (p.parent / "edges.csv").is_file()):
        return False
    try:
        with open(p, "rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    return bool(tabular.sniff(head))


def parse_path(path: str | Path) -> ParsedDocument:
    """Read and parse a file (or a tabular folder holding entities.csv and edges.csv)."""
    p = Path(path)
    if p.is_dir():
        return loader_for(SourceFormat.TABULAR).parse_dir(p)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from exc
    if size > MAX_BYTES:
        if _tabular_pair(p):  # a real dataset: the pair loads in one transaction, no cap
            return loader_for(SourceFormat.TABULAR).parse_dir(p.parent)
        raise InputError(str(path), None, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from exc
    if data.strip() and detect(data, path=str(path)) == SourceFormat.TABULAR:
        # one CSV of a pair, named by the user on this machine: read its folder
        return loader_for(SourceFormat.TABULAR).parse_dir(p.parent)
    return parse_bytes(data, path=str(path))
