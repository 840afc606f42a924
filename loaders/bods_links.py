"""BODS interests -> links: one :class:`Link` per interest, shares as stated, components."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from typing import Any

from ownergraph.graph.clean import parse_percent
from ownergraph.graph.errors import InputError
from ownergraph.graph.ids import make_id, party_id
from ownergraph.graph.model import Link, Party, Share
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, NodeKind, Role, Severity
from ownergraph.loaders.bods_records import _PartyStmt, _RecordReader, _RelStmt, _unspecified_name
from ownergraph.loaders.bods_shape import _str
from ownergraph.loaders.uk_psc import band

#: BODS interest type (0.3/0.4 camelCase and 0.1/0.2 kebab-case) -> role of the link.
INTEREST_ROLES: dict[str, Role] = {
    "shareholding": Role.SHAREHOLDER,
    "votingRights": Role.VOTING_RIGHTS,
    "voting-rights": Role.VOTING_RIGHTS,
    "appointmentOfBoard": Role.APPOINTMENT_OF_BOARD,
    "appointment-of-board": Role.APPOINTMENT_OF_BOARD,
    "otherInfluenceOrControl": Role.SIGNIFICANT_INFLUENCE,
    "other-influence-or-control": Role.SIGNIFICANT_INFLUENCE,
    "influence-or-control": Role.SIGNIFICANT_INFLUENCE,
    "other-influence-or-control-of-trust": Role.SIGNIFICANT_INFLUENCE,
    # 0.3/0.4 codelist: "Control of an entity gained through a provision in company articles
    # or by shareholder agreement" / "... through a legal framework": stated control interests
    "controlViaCompanyRulesOrArticles": Role.SIGNIFICANT_INFLUENCE,
    "controlByLegalFramework": Role.SIGNIFICANT_INFLUENCE,
    "seniorManagingOfficial": Role.OFFICER,
    "senior-managing-official": Role.OFFICER,
    "settlor": Role.SETTLOR,
    "settlor-of-trust": Role.SETTLOR,
    "trustee": Role.TRUSTEE,
    "trustee-of-trust": Role.TRUSTEE,
    "protector": Role.PROTECTOR,
    "protector-of-trust": Role.PROTECTOR,
    "beneficiaryOfLegalArrangement": Role.BENEFICIARY,
    "beneficiary-of-trust": Role.BENEFICIARY,
    "boardMember": Role.DIRECTOR,
    "boardChair": Role.DIRECTOR,
    "nominee": Role.NOMINEE,
    "nominator": Role.NOMINATOR,
    "unknownInterest": Role.UNKNOWN_INTEREST,
    "unpublishedInterest": Role.UNKNOWN_INTEREST,
}
# Everything else (rights to profit, surplus assets, contract rights, enjoyment of assets ...)
# is a CONTROLS link with Role.OTHER; the BODS type itself is kept verbatim in
# Link.interest_types.


def interest_role(itype: str | None) -> Role:
    """The role of a BODS interest type in any version's spelling: 0.4 camelCase, the
    kebab-case of 0.1-0.3 (``board-member``, ``unknown-interest`` added in 0.3), drafts'
    spaces or underscores; an unknown type is OTHER, no type UNKNOWN_INTEREST.

    >>> [interest_role(t).value for t in ("board-member", "Voting Rights", "unpublished-interest")]
    ['director', 'voting_rights', 'unknown_interest']
    >>> interest_role("rights-to-profit-or-income").value, interest_role(None).value
    ('other', 'unknown_interest')
    >>> [interest_role(t).value for t in ("Shareholding", "beneficiary", "Trustee of trust",
    ...     "ownership-of-shares-25-to-50-percent", "right-to-appoint-and-remove-directors")]
    ['shareholder', 'beneficiary', 'trustee', 'shareholder', 'appointment_of_board']
    """
    if not itype:
        return Role.UNKNOWN_INTEREST
    if itype in INTEREST_ROLES:
        return INTEREST_ROLES[itype]
    words = [w for w in re.split(r"[-_\s]+", itype.strip()) if w]
    camel = words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:]) if words else ""
    known = INTEREST_ROLES.get(camel) or INTEREST_ROLES.get("-".join(words).lower())
    if known is not None:
        return known
    letters = "".join(ch for ch in itype.lower() if ch.isalpha())
    return next((role for key, role in _TYPE_WORDS if key in letters), Role.OTHER)


#: A type the codelists do not spell (drafts, a register's own words such as the UK PSC
#: natures of control "ownership-of-shares-25-to-50-percent") by the words it uses; the
#: first that occurs decides. Anything else is OTHER.
_TYPE_WORDS: tuple[tuple[str, Role], ...] = (
    ("beneficiar", Role.BENEFICIARY),
    ("settlor", Role.SETTLOR),
    ("protector", Role.PROTECTOR),
    ("trustee", Role.TRUSTEE),
    ("nominator", Role.NOMINATOR),
    ("nominee", Role.NOMINEE),
    ("seniormanag", Role.OFFICER),
    ("appoint", Role.APPOINTMENT_OF_BOARD),
    ("voting", Role.VOTING_RIGHTS),
    ("boardmember", Role.DIRECTOR),
    ("boardchair", Role.DIRECTOR),
    ("shareholding", Role.SHAREHOLDER),
    ("ownershipofshares", Role.SHAREHOLDER),
    ("significantinfluence", Role.SIGNIFICANT_INFLUENCE),
    ("influenceorcontrol", Role.SIGNIFICANT_INFLUENCE),
    ("unknowninterest", Role.UNKNOWN_INTEREST),
    ("unpublished", Role.UNKNOWN_INTEREST),
)


class _Reader(_RecordReader):
    """A parse's records plus the links of its relationships (pass 2)."""

    # ---------------------------------------------------------------- pass 2: links

    def resolve(self, ref: Any, rel: _RelStmt, role: str) -> str | None:
        """Party id for a subject / interested-party reference, or ``None`` (finding made)."""
        if isinstance(ref, dict) and (known := _known_ref(ref, self.party_ids)) is not None:
            return self.party_ids[known]  # a draft's reference object under another key
        if isinstance(ref, dict):  # unspecified party: one UNKNOWN node per relationship
            reason = _str(ref.get("reason")) or "unknown"
            pid = party_id(scheme="bods", identifier=f"{rel.ref}#{role}")
            by_reason = f"Unspecified ({reason})"  # the reason once (not "(R) (R)")
            name = self.clean(_unspecified_name(ref, "Unspecified"), f"{rel.pointer}/{role}")
            if name == "Unspecified":
                name = by_reason
            self.party_ids[f"{rel.ref}#{role}"] = pid
            self.parties[f"{rel.ref}#{role}"] = _PartyStmt(
                f"{rel.ref}#{role}",
                rel.index,
                f"{rel.pointer}/{role}",
                rel.statement_id,
                Party(
                    id=pid,
                    name=name,
                    kind=NodeKind.UNKNOWN,
                    # the reason as a spelling: "Unspecified (R)" when named by a
                    # description, and "Unknown (R)" (how an unknown owner is written)
                    names=tuple(n for n in (by_reason, f"Unknown ({reason})") if n != name),
                    provenance=(
                        self.prov(f"{rel.pointer}/{role}", phrase=name, note=f"reason {reason}"),
                    ),
                ),
                rel.date,
            )
            if hasattr(self, "_index"):  # keep the index of _by_pid current
                self._index.setdefault(pid, []).append(self.parties[f"{rel.ref}#{role}"])
                self._indexed = len(self.parties)
            return pid
        if isinstance(ref, str) and ref in self.party_ids:
            return self.party_ids[ref]
        if isinstance(ref, str) and (final := self.replacement(ref)) in self.party_ids:
            return self.party_ids[final]
        what = (
            "points at a relationship, not a party" if ref in self.rels else "matches no statement"
        )
        self.finding(
            "dangling_reference",
            Severity.ERROR,
            f"relationship {rel.ref}: {role} {ref!r} {what}; no link made",
            pointer=f"{rel.pointer}/{role}",
            expected="a person or entity statement",
            found={"reference": ref, "relationship": rel.ref, "interests": rel.interests},
        )
        return None

    def links(self, link_ids: dict[str, list[str]] | None = None) -> list[Link]:
        """The links of the relationships read; ``link_ids`` (relationship ref -> link ids,
        filled in) carries the links of earlier batches of a stream for components."""
        out: list[Link] = []
        link_ids = {} if link_ids is None else link_ids
        pending: list[tuple[_RelStmt, list[Link]]] = []
        for rel in sorted(self.rels.values(), key=lambda r: r.index):
            subj = self.resolve(rel.subject, rel, "subject")
            party = self.resolve(rel.interested, rel, "interestedParty")
            if subj is None or party is None:
                continue
            made = self.rel_links(rel, party, subj)
            link_ids[rel.ref] = [lk.id for lk in made]
            pending.append((rel, made))
        for rel, made in pending:
            comps: list[str] = []
            for c in rel.components:
                if c in self.party_ids:
                    comps.append(self.party_ids[c])
                elif c in link_ids:
                    comps.extend(link_ids[c])
                else:
                    self.finding(
                        "dangling_reference",
                        Severity.ERROR,
                        f"relationship {rel.ref}: component {c!r} matches no statement",
                        pointer=f"{rel.pointer}",
                        expected="a statement of this file",
                        found=c,
                    )
            if comps:
                made = [replace(lk, component_ids=tuple(comps)) for lk in made]
                if any(self._unknown(c) for c in comps):
                    self.finding(
                        "unknown_intermediary",
                        Severity.INFO,
                        f"relationship {rel.ref}: an intermediary of this indirect interest is"
                        " an unknown party",
                        pointer=rel.pointer,
                        subjects=(made[0].controller_id, made[0].controlled_id),
                    )
            out.extend(made)
        return self._restated_ends(out, pending)

    def _restated_ends(
        self, out: list[Link], pending: list[tuple[_RelStmt, list[Link]]]
    ) -> list[Link]:
        """Before 0.4 (statements without record ids): an interest that a later statement
        restates as ended has ended, though that statement does not name the earlier one in
        ``replacesStatements``. The same interest: the same two parties and interest type,
        the same start date (or one of them unstated) and a start before the end; the later
        statement is dated after the earlier one (same-day statements are left as they are).
        The earlier link takes the end date (an info finding names both statements)."""
        shape = {lk.id: rel for rel, made in pending for lk in made}
        ended: dict[tuple[str, str, tuple[str, ...]], list[Link]] = {}
        for lk in out:
            rel = shape.get(lk.id)
            if rel is None or rel.pointer.endswith("recordDetails") or lk.as_of is None:
                continue
            if lk.end_date is not None:
                key = (lk.controller_id, lk.controlled_id, lk.interest_types)
                ended.setdefault(key, []).append(lk)
        if not ended:
            return out
        result = []
        for lk in out:
            rel = shape.get(lk.id)
            later = [
                e
                for e in ended.get((lk.controller_id, lk.controlled_id, lk.interest_types), ())
                if lk.end_date is None
                and rel is not None
                and not rel.pointer.endswith("recordDetails")
                and lk.as_of is not None
                and e.as_of is not None
                and e.as_of > lk.as_of
                and shape[e.id] is not rel
                and (lk.start_date is None or e.start_date is None or lk.start_date == e.start_date)
                and (lk.start_date is None or e.end_date is None or lk.start_date <= e.end_date)
            ]
            if not later:
                result.append(lk)
                continue
            e = min(later, key=lambda x: (x.as_of, x.id))
            self.finding(
                "restated_as_ended",
                Severity.INFO,
                f"relationship {rel.ref if rel else '?'}: the same interest"
                f" ({', '.join(lk.interest_types) or 'unstated type'}) is stated as ended"
                f" ({e.end_date}) by the later relationship {shape[e.id].ref}: ended then",
                pointer=lk.provenance[0].xpath if lk.provenance else None,
                subjects=(lk.controller_id, lk.controlled_id),
            )
            result.append(replace(lk, end_date=e.end_date))
        return result

    def _by_pid(self) -> dict[str, list[_PartyStmt]]:
        """The party statements by party id (built once per pass 2: no scan per link)."""
        if len(self.parties) != getattr(self, "_indexed", -1):
            index: dict[str, list[_PartyStmt]] = {}
            for p in self.parties.values():
                index.setdefault(p.party.id, []).append(p)
            self._index, self._indexed = index, len(self.parties)
        return self._index

    def _unknown(self, pid: str) -> bool:
        return any(p.party.kind == NodeKind.UNKNOWN for p in self._by_pid().get(pid, ()))

    def rel_links(self, rel: _RelStmt, controller: str, controlled: str) -> list[Link]:
        """The links of one relationship; a link to or from a party whose 0.4 record is
        closed ends when the party's record closed (the standard closes a person's or an
        entity's relationships with it: a publisher that forgot to is read as meaning it).
        Likewise a party whose statement gives a ``deathDate`` (person) or a
        ``dissolutionDate`` (entity) holds and is held by nothing after it: its open links
        end then (a year or a month: its last day)."""
        made = self._interest_links(rel, controller, controlled)
        if all(lk.end_date is not None for lk in made):
            return made
        ends: list[tuple[dt.date, str, str, str]] = []
        for pid in dict.fromkeys((controller, controlled)):
            stmts = self._by_pid().get(pid) or []
            if not stmts:  # a streamed file: the party was read in another batch
                ends.extend(self._ends_elsewhere(pid))
            if stmts and all(x.status == "closed" for x in stmts) and stmts[-1].date:
                p = stmts[-1]
                d = self.date(p.date, f"{p.pointer}/statementDate")
                if d is not None:
                    ends.append((d, p.party.name, p.pointer, "closed_party"))
            for p in stmts:
                if p.ceased is not None:
                    key, written = p.ceased
                    d = self.period(written, f"{p.pointer}/{key}", last=True)
                    if d is not None:
                        ends.append((d, p.party.name, f"{p.pointer}/{key}", key))
        if not ends:
            return made
        end, name, where, why = min(ends)
        if why == "closed_party":
            self.finding(
                "closed_party",
                Severity.INFO,
                f"relationship {rel.ref}: the record of {name} is closed ({end.isoformat()})"
                " while the relationship is not: its interests end then",
                pointer=where,
                subjects=(controller, controlled),
            )
        else:
            self.finding(
                "ceased_party",
                Severity.INFO,
                f"relationship {rel.ref}: {name} "
                + ("died" if why == "deathDate" else "was dissolved")
                + f" ({end.isoformat()}, {why}) while the relationship is open: its interests"
                " end then",
                pointer=where,
                subjects=(controller, controlled),
            )
        return [lk if lk.end_date is not None else replace(lk, end_date=end) for lk in made]

    #: A streamed file's party ends from its plan (party id -> (ref, recordStatus,
    #: statementDate, (deathDate | dissolutionDate, date) or None)), for the parties of
    #: other batches (:mod:`loaders.bods_stream`); empty for a file read whole.
    outside_ends: dict[str, list[tuple[str, str | None, str | None, tuple[str, str] | None]]] = {}

    def _ends_elsewhere(self, pid: str) -> list[tuple[dt.date, str, str, str]]:
        out: list[tuple[dt.date, str, str, str]] = []
        found = self.outside_ends.get(pid, [])
        if found and all(status == "closed" for _, status, _, _ in found) and found[-1][2]:
            d = self.date(found[-1][2], f"record {found[-1][0]}/statementDate")
            if d is not None:
                out.append((d, found[-1][0], f"record {found[-1][0]}", "closed_party"))
        for ref, _, _, ceased in found:
            if ceased is not None:
                d = self.period(ceased[1], f"record {ref}/{ceased[0]}", last=True)
                if d is not None:
                    out.append((d, ref, f"record {ref}/{ceased[0]}", ceased[0]))
        return out

    def _interest_links(self, rel: _RelStmt, controller: str, controlled: str) -> list[Link]:
        as_of = self.date(rel.date, f"{self.at(rel.index)}/statementDate")
        note = "; ".join(
            x
            for x in (
                f"statement {rel.statement_id}" if rel.statement_id else None,
                f"record {rel.ref}",
                f"status {rel.status}" if rel.status else None,
                "component" if rel.is_component else None,
                *rel.notes,
            )
            if x
        )
        self._date_order(rel, controller, controlled)
        if not rel.interests:
            self.finding(
                "no_interests",
                Severity.INFO,
                f"relationship {rel.ref} states no interests: the kind of control is unknown",
                pointer=f"{rel.pointer}/interests",
                subjects=(controller, controlled),
            )
            return [
                Link(
                    id=make_id("link", self.doc_id, "bods", rel.ref, "-"),
                    document_id=self.doc_id,
                    kind=EdgeKind.CONTROLS,
                    controller_id=controller,
                    controlled_id=controlled,
                    role=Role.UNKNOWN_INTEREST,
                    as_of=as_of,
                    end_date=as_of if rel.status == "closed" else None,
                    provenance=(self.prov(rel.pointer, note=note),),
                )
            ]
        made = []
        for i, it in enumerate(rel.interests):
            ptr = f"{rel.pointer}/interests/{i}"
            if not isinstance(it, dict):
                raise InputError(self.path, ptr, "interest must be an object")
            itype = _str(it.get("type"))
            role = interest_role(itype)
            if itype is None and _str(it.get("details")):  # no type: the local name, if known
                named = interest_role(it["details"])
                role = role if named == Role.OTHER else named
            share = _share(
                it.get("share"),
                path=self.path,
                pointer=f"{ptr}/share",
                record=rel.pointer.endswith("recordDetails"),
            )
            if share is None:  # a register's band named in words ("...-25-to-50-percent")
                words = next(
                    (w for w in (_str(it.get("details")), itype) if w and band(w) is not None),
                    None,
                )
                share = band(words) if words else None
            level = it.get("directOrIndirect", it.get("interestLevel"))
            level = level.strip().lower() if isinstance(level, str) else level
            doi = (
                DirectOrIndirect(level)
                if level in ("direct", "indirect", "unknown")
                else DirectOrIndirect.UNKNOWN
            )
            boc = it.get("beneficialOwnershipOrControl")
            if isinstance(boc, str) and boc.strip().lower() in ("true", "false"):
                boc = boc.strip().lower() == "true"  # a converter's "true" / "false" text
            start = self.period(it.get("startDate"), f"{ptr}/startDate", last=False)
            end = self.period(it.get("endDate"), f"{ptr}/endDate", last=True)
            if end is None and rel.status == "closed":
                end = as_of
                note_i = note + "; closed record: end date is the statementDate"
            else:
                note_i = note
            details = _str(it.get("details"))
            made.append(
                Link(
                    id=make_id("link", self.doc_id, "bods", rel.ref, i),
                    document_id=self.doc_id,
                    kind=EdgeKind.OWNS if role == Role.SHAREHOLDER else EdgeKind.CONTROLS,
                    controller_id=controller,
                    controlled_id=controlled,
                    role=role,
                    share=share,
                    voting_share=share if role == Role.VOTING_RIGHTS else None,
                    interest_types=(itype,) if itype else (),
                    beneficial=boc if isinstance(boc, bool) else None,
                    direct_or_indirect=doi,
                    as_of=as_of,
                    start_date=start,
                    end_date=end,
                    details=details,
                    provenance=(self.prov(ptr, phrase=details, note=note_i),),
                )
            )
        return made

    def period(self, value: Any, pointer: str, *, last: bool) -> dt.date | None:
        """An interest's start or end date; a year or a month (the 0.1-0.3 schemas allow
        "YYYY" and "YYYY-MM") is its first day for a start and its last day for an end, so
        an interest that ended in "2019" has ended (an info finding says how it was read).

        >>> r = _Reader("x", "d")
        >>> r.period("2019", "/", last=True), r.period("2020-02", "/", last=True)
        (datetime.date(2019, 12, 31), datetime.date(2020, 2, 29))
        >>> r.period("2019-05", "/", last=False), r.period("2019-05-17", "/", last=True)
        (datetime.date(2019, 5, 1), datetime.date(2019, 5, 17))
        """
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{2}))?\s*", value) if isinstance(value, str) else None
        if m is None or not 1 <= int(m.group(2) or 1) <= 12:
            return self.date(value, pointer)
        year, month = int(m.group(1)), int(m.group(2) or (12 if last else 1))
        if m.group(2) is None and not last:
            month = 1
        day = calendar.monthrange(year, month)[1] if last else 1
        out = dt.date(year, month, day)
        self.finding(
            "partial_date",
            Severity.INFO,
            f"date {value!r} names a {'month' if m.group(2) else 'year'}: read as"
            f" {out.isoformat()} (its {'last' if last else 'first'} day)",
            pointer=pointer,
            found=value,
        )
        return out

    def _date_order(self, rel: _RelStmt, controller: str, controlled: str) -> None:
        """A relationship declared before the parties it links were declared (JENEX)."""
        if not rel.date:
            return
        index = self._by_pid()
        ends = index.get(controller, []) + (
            index.get(controlled, []) if controlled != controller else []
        )
        later = [p for p in ends if p.date and p.date[:10] > rel.date[:10]]
        later.sort(key=lambda p: p.index)
        if later:
            self.finding(
                "statement_date_order",
                Severity.INFO,
                f"relationship {rel.ref} is dated {rel.date[:10]}, before the statements of "
                + ", ".join(f"{p.party.name} ({p.date[:10]})" for p in later),
                pointer=f"{self.at(rel.index)}/statementDate",
                found=rel.date,
                subjects=(controller, controlled),
            )


def _share(raw: Any, *, path: str, pointer: str, record: bool) -> Share | None:
    """The share of an interest as stated, or ``None`` when absent.

    ``record`` selects the 0.4 defaults (bounds inclusive); before 0.4 a stated maximum is
    exclusive by default. ``exclusiveMinimum`` / ``exclusiveMaximum`` are read by their type
    (a number: a 0.4 exclusive bound; a boolean: the 0.1-0.3 flag), so a file that mixes
    the two spellings reads as meant; a 0.4 exclusive bound stated beside the inclusive one
    of the same side gives the tighter of the two. ``minimum`` equal to ``maximum`` with no
    exclusive key
    is exact (the standard: "maximum and minimum values set to the same as the exact
    percentage"). Non-numbers, values outside 0-100 and minimum above maximum are
    :class:`InputError`.

    >>> _share({"minimum": 25, "exclusiveMaximum": 50}, path="x", pointer="/", record=False)
    Share(minimum=25.0, maximum=50.0, exclusive_minimum=False, exclusive_maximum=True)
    >>> _share({"minimum": 75, "maximum": 100, "exclusiveMinimum": True,
    ...         "exclusiveMaximum": False}, path="x", pointer="/", record=True)
    Share(minimum=75.0, maximum=100.0, exclusive_minimum=True, exclusive_maximum=False)
    >>> _share({"minimum": 100, "maximum": 100}, path="x", pointer="/", record=False).maximum
    100.0
    >>> _share({"minimum": 25, "exclusiveMinimum": 25, "maximum": 75, "exclusiveMaximum": 50},
    ...        path="x", pointer="/", record=True)
    Share(minimum=25.0, maximum=50.0, exclusive_minimum=True, exclusive_maximum=True)
    """
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(path, pointer, f"share must be an object, not {raw!r}")

    def num(key: str) -> float | None:
        v = raw.get(key)
        if v is None:
            return None
        if isinstance(v, bool):
            raise InputError(path, f"{pointer}/{key}", f"share {key} is not a number: {v!r}")
        try:
            x = parse_percent(v)
        except (ValueError, TypeError) as exc:
            raise InputError(
                path, f"{pointer}/{key}", f"share {key} is not a number: {v!r}"
            ) from exc
        if x is not None and not 0 <= x <= 100:
            raise InputError(path, f"{pointer}/{key}", f"share {key} {v!r} is outside 0-100")
        return x

    exact = num("exact")
    if exact is not None:
        return Share.exact(exact)
    lo, hi = num("minimum"), num("maximum")
    # Each exclusive key is read by its own type, whatever the version says: a number is a
    # 0.4 exclusive bound, a boolean the 0.1-0.3 flag on minimum / maximum (files converted
    # between versions mix them). Absent: 0.4 bounds are inclusive; before 0.4 the schema
    # defaults are exclusiveMinimum false, exclusiveMaximum true.
    ex_lo, ex_hi = False, not record and hi is not None
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        v = raw.get(key)
        if v is None:
            continue
        low = key == "exclusiveMinimum"
        if isinstance(v, bool):
            if low:
                ex_lo = v and lo is not None
            else:
                ex_hi = v and hi is not None
            continue
        bound = num(key)
        if bound is None:
            continue
        # an exclusive bound beside an inclusive one: the tighter of the two holds (equal
        # values: the exclusive one, "more than 25" is tighter than "at least 25")
        if low and (lo is None or bound >= lo):
            lo, ex_lo = bound, True
        elif not low and (hi is None or bound <= hi):
            hi, ex_hi = bound, True
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo > hi:
        raise InputError(path, pointer, f"share minimum {lo} is above maximum {hi}")
    if lo == hi and not ("exclusiveMinimum" in raw or "exclusiveMaximum" in raw):
        return Share.exact(lo)  # type: ignore[arg-type]  # minimum = maximum: an exact share
    return Share(minimum=lo, maximum=hi, exclusive_minimum=ex_lo, exclusive_maximum=ex_hi)


def _known_ref(ref: dict[str, Any], known: dict[str, str]) -> str | None:
    """The first string inside a reference object that names a statement of the file."""
    stack: list[Any] = [ref]
    while stack:
        x = stack.pop()
        if isinstance(x, str) and x in known:
            return x
        if isinstance(x, dict):
            stack.extend(reversed(list(x.values())))
        elif isinstance(x, list):
            stack.extend(reversed(x))
    return None
