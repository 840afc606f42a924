"""The one vocabulary of ownergraph.

Node kinds, edge kinds, roles, instruments, powers, lenses, severities and source
formats live here and nowhere else. Cypher labels and relationship types are derived
from these enums (:func:`label`, :func:`rel_type`), never taken from input.

>>> NodeKind.PERSON.label
'Person'
>>> EdgeKind.CONTROLS.rel_type
'CONTROLS'
>>> Role.GENERAL_PARTNER.structural
True
"""

from __future__ import annotations

from enum import StrEnum


class NodeKind(StrEnum):
    """What a node in the control graph is."""

    PERSON = "person"  # a natural person
    ENTITY = "entity"  # a company, partnership, LLC, trust ...
    FUND = "fund"  # an entity that holds securities for investors
    ISSUER = "issuer"  # an entity whose securities are held
    SECURITY = "security"  # a class of securities of an issuer (CUSIP)
    GROUP = "group"  # a Rule 13d-5(b) group
    UNKNOWN = "unknown"  # an unspecified / unknown party (BODS)

    @property
    def label(self) -> str:
        """The Neo4j label of this kind (``Party`` is added to every party)."""
        return _LABELS[self]


_LABELS = {
    NodeKind.PERSON: "Person",
    NodeKind.ENTITY: "Entity",
    NodeKind.FUND: "Fund",
    NodeKind.ISSUER: "Issuer",
    NodeKind.SECURITY: "Security",
    NodeKind.GROUP: "Group",
    NodeKind.UNKNOWN: "Unknown",
}

#: Label carried by every party node (persons, entities, funds, issuers, groups, unknowns).
PARTY_LABEL = "Party"
#: Label of document (filing) nodes in Neo4j.
DOCUMENT_LABEL = "Document"
#: Label of the one bookkeeping node a Neo4j sync keeps (last synced seq, batch progress).
SYNC_LABEL = "OwnergraphSync"


class EdgeKind(StrEnum):
    """What an edge in the control graph means."""

    HOLDS = "holds"  # holder -> security: a position in shares (or rights to acquire)
    CONTROLS = "controls"  # controller -> controlled: voting / investment power by role
    OWNS = "owns"  # owner -> owned entity: an economic stake (fraction, maybe a range)
    CONSOLIDATES = "consolidates"  # parent -> child: accounting consolidation (GLEIF L2)
    MEMBER_OF = "member_of"  # member -> group (Rule 13d-5(b))
    ISSUES = "issues"  # issuer -> security class

    @property
    def rel_type(self) -> str:
        """The Neo4j relationship type of this kind."""
        return self.value.upper()


class Role(StrEnum):
    """The role by which a controller controls (or is linked to) the controlled party."""

    GENERAL_PARTNER = "general_partner"
    MANAGING_MEMBER = "managing_member"
    SOLE_MEMBER = "sole_member"
    MEMBER = "member"
    OFFICER = "officer"
    DIRECTOR = "director"
    INVESTMENT_MANAGER = "investment_manager"
    INVESTMENT_ADVISER = "investment_adviser"
    TRUSTEE = "trustee"
    NOMINEE = "nominee"
    PARENT = "parent"  # parent company / holding company of a subsidiary
    SHAREHOLDER = "shareholder"  # economic stake (edge kind OWNS)
    STATED_POWER = "stated_power"  # a cover page states power over another's shares
    APPOINTMENT_OF_BOARD = "appointment_of_board"
    VOTING_RIGHTS = "voting_rights"
    SIGNIFICANT_INFLUENCE = "significant_influence"
    ULTIMATE_PARENT = "ultimate_parent"  # GLEIF ultimate accounting consolidation
    DIRECT_PARENT = "direct_parent"  # GLEIF direct accounting consolidation
    FUND_MANAGER = "fund_manager"  # GLEIF fund relationships
    FEEDER_MASTER = "feeder_master"
    UMBRELLA = "umbrella"
    GROUP_MEMBER = "group_member"
    SETTLOR = "settlor"  # BODS settlor of a trust / legal arrangement
    PROTECTOR = "protector"  # BODS protector of a trust
    BENEFICIARY = "beneficiary"  # BODS beneficiary of a legal arrangement
    NOMINATOR = "nominator"  # BODS: instructs a nominee
    UNKNOWN_INTEREST = "unknown_interest"  # BODS: an interest of unstated or unknown type
    OTHER = "other"

    @property
    def structural(self) -> bool:
        """True for roles that pass control down a chain under Rule 13d-3.

        A general partner, managing member, sole member, officer, investment manager or
        adviser, trustee or parent company each has voting or investment power over what
        the controlled party holds.
        """
        return self in _STRUCTURAL


_STRUCTURAL = frozenset(
    {
        Role.GENERAL_PARTNER,
        Role.MANAGING_MEMBER,
        Role.SOLE_MEMBER,
        Role.OFFICER,
        Role.INVESTMENT_MANAGER,
        Role.INVESTMENT_ADVISER,
        Role.TRUSTEE,
        Role.PARENT,
        Role.NOMINEE,
    }
)


class Instrument(StrEnum):
    """The kind of position a holding is."""

    COMMON = "common"
    CONVERTIBLE = "convertible"  # common issuable on conversion of notes/preferred
    WARRANT = "warrant"  # common issuable on exercise of warrants
    OPTION = "option"
    PREFERRED = "preferred"
    UNITS = "units"  # fund units / units of beneficial interest
    OTHER = "other"

    @property
    def is_right_to_acquire(self) -> bool:
        """True where the position is a right to acquire the class (13d-3(d)(1)(i))."""
        return self in (Instrument.CONVERTIBLE, Instrument.WARRANT, Instrument.OPTION)


class Power(StrEnum):
    """Sole or shared voting / dispositive power, each person's own view (Rule 13d-3)."""

    SOLE = "sole"
    SHARED = "shared"


class Authority(StrEnum):
    """Which power a control link passes (Rule 13d-3(a)): voting, investment, or both.

    Investment power is the power to dispose or direct the disposition ("dispositive").
    """

    VOTING = "voting"
    INVESTMENT = "investment"


class Lens(StrEnum):
    """The rule that produced a number. Every result is labelled with one."""

    SEC13D3 = "sec13d3"  # Rule 13d-3 control attribution
    INTEGRATED = "integrated"  # economic look-through, all paths (I - W)^-1 W
    MULTIPLICATIVE = "multiplicative"  # AMLR Art. 52: multiply along chains, sum
    ROLLING = "rolling"  # follow every link above the threshold
    DOMINANCY = "dominancy"  # > 50% passes the stake in full
    CONTROL = "control"  # majority voting control passes control
    SECTION16 = "section16"  # Forms 3/4/5 pecuniary interest (evidence, not a result)


class Severity(StrEnum):
    """How serious a finding is."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class SourceFormat(StrEnum):
    """The formats ownergraph reads, detected from content."""

    SEC13DG_LEGACY = "sec13dg-legacy"
    SEC13DG_XML = "sec13dg-xml"
    FORM345 = "form345"
    BODS = "bods"
    GLEIF_RR = "gleif-rr"
    GLEIF_REPEX = "gleif-repex"
    TABULAR = "tabular"
    FORM13F = "form13f"  # Form 13F-HR information table (+ cover page)
    UK_PSC = "uk-psc"  # Companies House PSC snapshot / API records (JSON lines)
    FTM = "ftm"  # FollowTheMoney entities (OpenSanctions, Aleph), JSON lines


class DirectOrIndirect(StrEnum):
    """Direct or indirect holding (Forms 3/4/5 column, BODS directOrIndirect)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    UNKNOWN = "unknown"


def label(kind: NodeKind) -> str:
    """Return the Neo4j label for a node kind."""
    return NodeKind(kind).label


def rel_type(kind: EdgeKind) -> str:
    """Return the Neo4j relationship type for an edge kind."""
    return EdgeKind(kind).rel_type
