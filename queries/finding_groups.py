"""The same finding about several persons, said once with the list of persons.

A reconciliation often finds one thing several times: the seed's one-share gap is found
for Nelson Obus and for Joshua Landes, row by row. :func:`group_findings` puts findings of
the same severity and kind whose messages are the same once the person's name is taken
out into one :class:`FindingGroup`; its :meth:`~FindingGroup.text` names every person once.
The person of a finding is the party among its ``subject_ids`` whose name the message
names first. Findings are never changed or dropped: a group keeps them all.

>>> from ownergraph.graph.model import Finding
>>> from ownergraph.graph.vocab import Severity
>>> fs = [Finding(f"f{i}", "d", "gap", Severity.WARNING, f"{n} row 11: off by one", subject_ids=(p,))
...       for i, (n, p) in enumerate([("Ann", "a"), ("Bob", "b")])]
>>> [g.text() for g in group_findings(fs, {"a": "Ann", "b": "Bob"})]
['Ann and Bob: row 11: off by one']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ownergraph.graph.model import Finding

PERSON = "\x00person\x00"


@dataclass(frozen=True)
class FindingGroup:
    """Findings that say the same thing about different persons."""

    severity: str
    kind: str
    template: str  # the message with the person's name as PERSON (no person: the message)
    persons: tuple[str, ...]
    findings: tuple[Finding, ...]

    def text(self) -> str:
        """The message, naming every person once ("A and B: ..." for a group)."""
        if len(self.findings) == 1 or not self.persons:
            return self.findings[0].message
        names = (  # names hold commas ("Wynnefield Capital, Inc."): a list uses semicolons
            " and ".join(self.persons)
            if len(self.persons) == 2
            else "; ".join(self.persons[:-1]) + " and " + self.persons[-1]
        )
        head, _, tail = self.template.partition(PERSON)
        tail = tail.replace(PERSON, "each")
        if head:  # the name stands inside the sentence
            return f"{head}{names}{tail}"
        return f"{names}:{tail}" if not tail.startswith(":") else f"{names}{tail}"

    def to_dict(self) -> dict[str, Any]:
        """Plain data."""
        return {
            "severity": self.severity,
            "kind": self.kind,
            "text": self.text(),
            "persons": list(self.persons),
            "finding_ids": [f.id for f in self.findings],
        }


def _person(f: Finding, names: Mapping[str, str]) -> str | None:
    best: tuple[int, str] | None = None
    for pid in f.subject_ids:
        name = names.get(pid)
        if not name:
            continue
        at = f.message.find(name)
        # the longest name at the earliest place ("..., L.P. I" before "..., L.P.")
        if at >= 0 and (best is None or (at, -len(name)) < (best[0], -len(best[1]))):
            best = (at, name)
    return best[1] if best else None


def group_findings(findings: Iterable[Finding], names: Mapping[str, str]) -> list[FindingGroup]:
    """Group ``findings`` (module docstring); ``names`` maps party ids to names. Groups come
    in the order of their first finding."""
    groups: dict[tuple[str, str, str, str | None], list[tuple[str | None, Finding]]] = {}
    for f in findings:
        person = _person(f, names)
        template = f.message.replace(person, PERSON) if person else f.message
        key = (f.severity.value, f.kind, template, None if person else f.id)
        groups.setdefault(key, []).append((person, f))
    return [
        FindingGroup(
            severity=severity,
            kind=kind,
            template=template,
            persons=tuple(dict.fromkeys(p for p, _ in members if p)),
            findings=tuple(f for _, f in members),
        )
        for (severity, kind, template, _), members in groups.items()
    ]


__all__ = ["FindingGroup", "group_findings"]
