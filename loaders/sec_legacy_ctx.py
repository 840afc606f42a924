"""The state of one legacy 13D/G parse (:mod:`loaders.sec13dg_legacy`): parties and their
spellings, stated links, findings and provenance, collected while the filing is read.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ownergraph.graph.ids import (
    make_id,
    normalize_cik,
    normalize_name,
    party_id,
)
from ownergraph.graph.model import (
    Finding,
    Provenance,
)
from ownergraph.graph.vocab import (
    NodeKind,
    Power,
    Role,
    Severity,
    SourceFormat,
)
from ownergraph.loaders.sec_holdings import (
    Breakdown,
)

FORMAT = SourceFormat.SEC13DG_LEGACY

#: ``graph.ids.normalize_name`` is pure and the same few spellings are folded thousands of
#: times per filing (name lookups scan every known spelling): fold each once.
_norm = functools.lru_cache(maxsize=8192)(normalize_name)


# --------------------------------------------------------------------------- parse


@dataclass
class _Ctx:
    """Mutable state of one parse."""

    path: str
    text: str
    doc_id: str
    accession: str | None
    spellings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    kinds: dict[str, NodeKind] = field(default_factory=dict)
    idents: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    jurisdiction: dict[str, str] = field(default_factory=dict)
    type_codes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prov: dict[str, list[Provenance]] = field(default_factory=lambda: defaultdict(list))
    links: dict[tuple[str, str, Role], dict[str, Any]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> party id
    primary: dict[str, str] = field(default_factory=dict)  # party id -> cover-page spelling
    # holdings the text states per holder: (party id, shares or None = all, provenance)
    stated: list[tuple[str, float | None, Provenance]] = field(default_factory=list)
    # counts the text splits into parts (offset of the text read, the breakdown)
    breakdowns: list[tuple[int, Breakdown]] = field(default_factory=list)
    cik: dict[str, str] = field(default_factory=dict)  # party id -> cik
    # Item 7 exhibit entries: (parents, subsidiary, holder, count or None, provenance)
    listed: list[tuple[Any, ...]] = field(default_factory=list)

    def p(
        self,
        span: tuple[int, int] | None = None,
        phrase: str | None = None,
        note: str | None = None,
    ) -> Provenance:
        return Provenance(
            path=self.path,
            format=FORMAT,
            document_id=self.doc_id,
            accession=self.accession,
            span=span,
            phrase=phrase,
            note=note,
        )

    def party(
        self,
        name: str,
        *,
        kind: NodeKind | None = None,
        cik: str | None = None,
        pid: str | None = None,
    ) -> str:
        """Register a spelling of a party; return its id."""
        name = re.sub(r"\s+", " ", name).strip(" ,;")
        if pid is None:
            pid = party_id(cik=cik, name=name) if cik else party_id(name=name)
        self.spellings[pid].append(name)
        if cik:
            self.cik[pid] = normalize_cik(cik) or cik
        if kind is not None:
            old = self.kinds.get(pid)
            if old is None or _KIND_RANK[kind] > _KIND_RANK[old]:
                self.kinds[pid] = kind
        return pid

    def link(
        self,
        controller: str,
        controlled: str,
        role: Role,
        prov: Provenance,
        *,
        power: Power | None = None,
        details: str | None = None,
        voting: Power | None = None,
        investment: Power | None = None,
        share: float | None = None,
    ) -> None:
        """Add a stated link, or add evidence to the identical one already stated."""
        if controller == controlled:
            return
        key = (controller, controlled, role)
        cur = self.links.get(key)
        if cur is None:
            self.links[key] = {
                "prov": [prov],
                "power": power,
                "details": details,
                "voting": voting,
                "investment": investment,
                "share": share,
            }
        else:
            for k, v in (("voting", voting), ("investment", investment), ("share", share)):
                if cur.get(k) is None:
                    cur[k] = v
            if prov.span not in [q.span for q in cur["prov"]] or prov.phrase not in [
                q.phrase for q in cur["prov"]
            ]:
                cur["prov"].append(prov)
            if cur["power"] is None:
                cur["power"] = power

    def finding(
        self,
        kind: str,
        severity: Severity,
        message: str,
        *,
        key: str,
        expected: Any = None,
        found: Any = None,
        subjects: tuple[str, ...] = (),
        evidence: tuple[Provenance, ...] = (),
    ) -> None:
        fid = make_id("finding", self.doc_id, kind, key)
        if any(f.id == fid for f in self.findings):
            return
        self.findings.append(
            Finding(
                id=fid,
                document_id=self.doc_id,
                kind=kind,
                severity=severity,
                message=message,
                expected=expected,
                found=found,
                subject_ids=subjects,
                evidence=evidence,
            )
        )


_KIND_RANK = {
    NodeKind.UNKNOWN: 0,
    NodeKind.ENTITY: 1,
    NodeKind.PERSON: 2,
    NodeKind.FUND: 3,
    NodeKind.GROUP: 3,
    NodeKind.ISSUER: 4,
    NodeKind.SECURITY: 5,
}
