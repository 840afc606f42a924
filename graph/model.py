"""Records of the control graph: frozen dataclasses with provenance.

Every holding or link is its own record with its own id, its kind, amounts, dates and the
evidence it came from; two filings never collapse into one edge. Unknown values stay
``None``; ``0`` means zero.

Shares are ``float`` (some classes are fractional units); percents are in percent
(``2.28`` means 2.28 %), BODS shares too.

>>> p = Party(id="party:x", name="Nelson Obus", kind=NodeKind.PERSON)
>>> from_dict(Party, to_dict(p)) == p
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from ownergraph.graph.vocab import (
    Authority,
    DirectOrIndirect,
    EdgeKind,
    Instrument,
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Provenance:
    """Where a record came from: the file, the place in it, and the phrase that states it.

    ``span`` is a ``(start, end)`` character offset into the decoded text; ``xpath`` or a
    JSON pointer is used for structured formats. ``note`` says how a value was recovered
    (e.g. "row 11 cut by extraction; value from row 7").
    """

    path: str
    format: SourceFormat | None = None
    document_id: str | None = None
    accession: str | None = None
    span: tuple[int, int] | None = None
    xpath: str | None = None
    phrase: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Share:
    """A stake in percent: exact (``minimum == maximum``) or a range with exclusive bounds.

    >>> Share.exact(50).is_exact
    True
    >>> Share(minimum=75, maximum=100, exclusive_maximum=True).is_exact
    False
    """

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False

    @classmethod
    def exact(cls, value: float) -> Share:
        """A share known exactly."""
        return cls(minimum=value, maximum=value)

    @property
    def is_exact(self) -> bool:
        """True when both bounds are known, equal and inclusive."""
        return (
            self.minimum is not None
            and self.minimum == self.maximum
            and not self.exclusive_minimum
            and not self.exclusive_maximum
        )


@dataclass(frozen=True)
class Party:
    """A person, entity, fund, issuer, group or unknown party.

    ``names`` keeps every spelling seen; ``identifiers`` holds ``(scheme, value)`` pairs
    such as ``("cik", "0001080301")``, ``("lei", ...)``, ``("irs", "13-4018186")``,
    ``("GB-COH", "06436883")``.
    """

    id: str
    name: str
    kind: NodeKind
    names: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()
    jurisdiction: str | None = None
    type_codes: tuple[str, ...] = ()
    is_component: bool = False
    provenance: tuple[Provenance, ...] = ()

    def identifier(self, scheme: str) -> str | None:
        """The first identifier of a scheme, or ``None``."""
        for s, v in self.identifiers:
            if s == scheme:
                return v
        return None


@dataclass(frozen=True)
class Security:
    """A class of securities of an issuer, e.g. common stock with its CUSIP."""

    id: str
    issuer_id: str
    title: str
    cusip: str | None = None
    ticker: str | None = None
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Holding:
    """A position of one holder in one security class, as one document reports it.

    ``right_to_acquire`` marks shares the holder can acquire within 60 days (conversion,
    exercise): they count as beneficially owned under Rule 13d-3(d)(1)(i).

    ``sole_voting`` ... ``shared_dispositive`` are the holder's own powers over this
    position as filed (cover-page rows 7-10, or a Form 13F voting-authority column for
    ``no_voting``); ``None`` = not filed / unknown, never 0.
    """

    id: str
    document_id: str
    holder_id: str
    security_id: str
    instrument: Instrument
    shares: float | None
    as_of: dt.date | None = None
    right_to_acquire: bool = False
    derivative: bool = False
    direct_or_indirect: DirectOrIndirect = DirectOrIndirect.DIRECT
    nature_of_ownership: str | None = None
    title: str | None = None
    exercise_price: float | None = None
    exercise_date: dt.date | None = None
    expiration_date: dt.date | None = None
    provenance: tuple[Provenance, ...] = ()
    sole_voting: float | None = None
    shared_voting: float | None = None
    no_voting: float | None = None
    sole_dispositive: float | None = None
    shared_dispositive: float | None = None


@dataclass(frozen=True)
class Link:
    """A control link, an economic stake, a consolidation or a group membership.

    ``controller_id`` is upstream (the GP, the parent, the owner, the member), and
    ``controlled_id`` downstream (the fund, the subsidiary, the owned company, the group).
    ``power`` is the sole/shared power where a document states it for both powers.
    ``voting`` / ``investment`` are the sole/shared voting and investment (dispositive)
    power the link passes where the words state them apart; ``passes`` says which powers
    the link passes (``()`` = as the role and the stated powers imply: see
    :func:`link_passes`). ``share`` is the stake for ``EdgeKind.OWNS`` links; ``None``
    means unknown, never 0 % or 100 %.
    """

    id: str
    document_id: str
    kind: EdgeKind
    controller_id: str
    controlled_id: str
    role: Role
    power: Power | None = None
    share: Share | None = None
    voting_share: Share | None = None
    interest_types: tuple[str, ...] = ()
    beneficial: bool | None = None
    direct_or_indirect: DirectOrIndirect = DirectOrIndirect.UNKNOWN
    as_of: dt.date | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    details: str | None = None
    component_ids: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    voting: Power | None = None
    investment: Power | None = None
    passes: tuple[Authority, ...] = ()


#: Both powers, in the order they are always listed.
BOTH_POWERS: tuple[Authority, ...] = (Authority.VOTING, Authority.INVESTMENT)


def link_passes(link: Link) -> tuple[Authority, ...]:
    """The powers a control link passes, in the order (voting, investment).

    ``link.passes`` when set; else a link whose words state only one power
    (``voting`` or ``investment`` set, the other not, no ``power`` for both) passes only
    that one; else both (a structural role -- general partner, managing member, trustee,
    parent ... -- and a stated power pass voting and investment power alike).

    >>> from ownergraph.graph.vocab import EdgeKind, Role
    >>> gp = Link("l", "d", EdgeKind.CONTROLS, "gp", "f", Role.GENERAL_PARTNER)
    >>> [a.value for a in link_passes(gp)]
    ['voting', 'investment']
    >>> ia = Link("l", "d", EdgeKind.CONTROLS, "ia", "f", Role.INVESTMENT_ADVISER,
    ...           investment=Power.SOLE)
    >>> [a.value for a in link_passes(ia)]
    ['investment']
    """
    if link.passes:
        return tuple(a for a in BOTH_POWERS if a in link.passes)
    if link.power is None:
        if link.voting is not None and link.investment is None:
            return (Authority.VOTING,)
        if link.investment is not None and link.voting is None:
            return (Authority.INVESTMENT,)
    return BOTH_POWERS


def link_power(link: Link, authority: Authority) -> Power | None:
    """The sole/shared power a link states for one authority: its own field
    (``voting`` / ``investment``), else ``power`` (stated for both); ``None`` = not stated
    (or the link does not pass that authority).

    >>> from ownergraph.graph.vocab import EdgeKind, Role
    >>> lk = Link("l", "d", EdgeKind.CONTROLS, "p", "f", Role.STATED_POWER, power=Power.SOLE,
    ...           voting=Power.SHARED)
    >>> link_power(lk, Authority.VOTING), link_power(lk, Authority.INVESTMENT)
    (<Power.SHARED: 'shared'>, <Power.SOLE: 'sole'>)
    """
    if authority not in link_passes(link):
        return None
    own = link.voting if authority == Authority.VOTING else link.investment
    return own if own is not None else link.power


@dataclass(frozen=True)
class Component:
    """One line of a number breakdown: "(ii) 433,266 shares issuable upon conversion"."""

    instrument: Instrument
    shares: float


@dataclass(frozen=True)
class ReportedPosition:
    """One cover page (or reporting-owner block) exactly as filed.

    Rows 7-11 and 13 of a Schedule 13D/G; values are ``None`` where the page is blank.
    ``components`` is the breakdown stated with the aggregate, ``notes`` how values were
    recovered from noisy text.
    """

    id: str
    document_id: str
    party_id: str
    name: str
    name_as_filed: str | None = None
    cik: str | None = None
    type_codes: tuple[str, ...] = ()
    citizenship: str | None = None
    member_of_group: str | None = None  # "a", "b" or None
    source_of_funds: tuple[str, ...] = ()
    sole_voting: float | None = None
    shared_voting: float | None = None
    sole_dispositive: float | None = None
    shared_dispositive: float | None = None
    aggregate: float | None = None
    percent_of_class: float | None = None
    #: row 13 exactly as written ("3.00%"): its decimals are the filing's precision
    percent_text: str | None = None
    excludes_certain_shares: bool | None = None
    components: tuple[Component, ...] = ()
    owned_by: tuple[str, ...] = ()  # party ids the page says own the shares
    notes: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()


@dataclass(frozen=True)
class Document:
    """A loaded document (filing, register extract, data file)."""

    id: str
    path: str
    format: SourceFormat
    sha256: str
    form: str | None = None
    amendment_no: int | None = None
    accession: str | None = None
    previous_accession: str | None = None
    event_date: dt.date | None = None
    filed_date: dt.date | None = None
    issuer_id: str | None = None
    security_id: str | None = None
    outstanding: float | None = None
    outstanding_as_of: dt.date | None = None
    title: str | None = None


@dataclass(frozen=True)
class Finding:
    """Something a careful reader notices: a gap, a contradiction, a dangling reference."""

    id: str
    document_id: str | None
    kind: str
    severity: Severity
    message: str
    expected: Any = None
    found: Any = None
    subject_ids: tuple[str, ...] = ()
    evidence: tuple[Provenance, ...] = ()

    @classmethod
    def of(
        cls, document_id: str, kind: str, severity: Severity, message: str, **kw: Any
    ) -> Finding:
        """A finding of a document whose id derives from its kind and message (the same
        finding on a reload gets the same id)."""
        from ownergraph.graph.ids import make_id

        return cls(
            id=make_id("finding", document_id, kind, message),
            document_id=document_id,
            kind=kind,
            severity=severity,
            message=message,
            **kw,
        )


@dataclass(frozen=True)
class ParsedDocument:
    """What ``parse(fp)`` returns: records, touching no database and no network.

    ``extra`` keeps format-specific material (items text, joint filing parties, signature
    blocks) for reconciliation and display; it is JSON-serialisable.
    """

    document: Document
    parties: tuple[Party, ...] = ()
    securities: tuple[Security, ...] = ()
    holdings: tuple[Holding, ...] = ()
    links: tuple[Link, ...] = ()
    positions: tuple[ReportedPosition, ...] = ()
    findings: tuple[Finding, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def party(self, party_id: str) -> Party | None:
        """The party with this id, or ``None``."""
        for p in self.parties:
            if p.id == party_id:
                return p
        return None


# --------------------------------------------------------------------------- codec


#: Field names of each record class, or ``None`` for a type that is no record (found once
#: per type: a load serialises hundreds of thousands of records).
_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}
_PLAIN = (str, int, float, bool, type(None))


def to_dict(obj: Any) -> Any:
    """Turn a record (or a nested structure of them) into JSON-ready plain data.

    Enums become their values, dates ISO strings, tuples lists.
    """
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    try:
        names = _FIELD_NAMES[cls]
    except KeyError:
        names = None
        if dataclasses.is_dataclass(cls) and not isinstance(obj, type):
            names = tuple(f.name for f in dataclasses.fields(cls))
        _FIELD_NAMES[cls] = names
    if names is not None:
        return {n: to_dict(getattr(obj, n)) for n in names}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, tuple | list):
        return [to_dict(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


_CHECKS: dict[type, list[tuple[str, str, Any]]] = {}


def _checks(cls: type) -> list[tuple[str, str, Any]]:
    """What :func:`check_record` checks of a class's fields, found once per class:
    ``(field, "tuple" | "enum" | "record", the item, enum or record class)``."""
    out: list[tuple[str, str, Any]] = []
    hints = _hints(cls)
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                continue
            tp = args[0]
            origin = typing.get_origin(tp)
        if origin is tuple:
            args = typing.get_args(tp)
            item = (
                args[0]
                if len(args) == 2 and args[1] is Ellipsis and dataclasses.is_dataclass(args[0])
                else None
            )
            out.append((f.name, "tuple", item))
        elif isinstance(tp, type) and issubclass(tp, Enum):
            out.append((f.name, "enum", tp))
        elif isinstance(tp, type) and dataclasses.is_dataclass(tp):
            out.append((f.name, "record", tp))
    return out


def check_record(obj: Any) -> None:
    """Raise ``TypeError`` when a record's tuple, enum or nested-record fields hold the wrong
    type (a loader bug); the store calls this before writing anything.

    >>> check_record(Party(id="p", name="n", kind=NodeKind.PERSON, names=["x"]))
    Traceback (most recent call last):
    ...
    TypeError: Party.names must be a tuple, not list
    """
    cls = type(obj)
    checks = _CHECKS.get(cls)
    if checks is None:
        checks = _CHECKS[cls] = _checks(cls)
    for name, mode, tp in checks:
        value = getattr(obj, name)
        if value is None:
            continue
        if mode == "tuple":
            if not isinstance(value, tuple):
                raise TypeError(
                    f"{cls.__name__}.{name} must be a tuple, not {type(value).__name__}"
                )
            if tp is not None:
                for item in value:
                    if not isinstance(item, tp):
                        raise TypeError(
                            f"{cls.__name__}.{name} holds a {type(item).__name__},"
                            f" not {tp.__name__}"
                        )
                    check_record(item)
        elif not isinstance(value, tp):
            raise TypeError(f"{cls.__name__}.{name} must be a {tp.__name__}")
        elif mode == "record":
            check_record(value)


def _decoder(tp: Any) -> Any:
    """A function that decodes one value of type ``tp`` (built once per type)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            inner = _decoder(args[0])
            return lambda v: None if v is None else inner(v)
        return lambda v: v
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: None if v is None else tuple(item(x) for x in v)
        items = [_decoder(a) for a in args]
        return lambda v: None if v is None else tuple(f(x) for f, x in zip(items, v, strict=False))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return lambda v: None if v is None else from_dict(tp, v)
        if issubclass(tp, Enum):
            return lambda v: None if v is None else tp(v)
        if tp is dt.date:
            return lambda v: dt.date.fromisoformat(v) if isinstance(v, str) else v
        if tp is float:
            return lambda v: float(v) if isinstance(v, int | float) else v
    return lambda v: v


_DECODERS: dict[type, list[tuple[str, Any]]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record from :func:`to_dict` output (one compiled decoder per class)."""
    fields = _DECODERS.get(cls)
    if fields is None:
        hints = _hints(cls)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        _DECODERS[cls] = fields
    return cls(**{name: dec(data[name]) for name, dec in fields if name in data})


__all__ = [
    "BOTH_POWERS",
    "Component",
    "Document",
    "Finding",
    "Holding",
    "Link",
    "ParsedDocument",
    "Party",
    "Provenance",
    "ReportedPosition",
    "Security",
    "Share",
    "from_dict",
    "link_passes",
    "link_power",
    "to_dict",
]
