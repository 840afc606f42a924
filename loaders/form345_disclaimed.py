"""Forms 3/4/5: a role whose power the reporting owner disclaims in the same sentence.

"The reporting person is one of the Managers of The Founders Fund IV Management, LLC ...,
which is the General Partner of The Founders Fund IV, LP, although he disclaims voting and
investment power over the securities held by FF IV." The role is stated (a link), but the
sentence says it passes no power: who-controls does not climb it (convention 13 of
tests/fixtures/corpus/README.md, "links the text says pass no power"). As for a co-trustee
without power (:func:`loaders.form345_parties.relative_trustees`), the link becomes an
``owns`` link (the model has no kind for a title without power). A disclaimer of
*beneficial ownership* ("except to the extent of his pecuniary interest") is not one: every
fund manager writes it and keeps the power.
"""

from __future__ import annotations

import re
from typing import Any

from ownergraph.graph.vocab import EdgeKind, Role

#: "although he disclaims voting and investment power over", "but does not have voting or
#: dispositive power over", "has no voting or investment power with respect to"
_NO_POWER = re.compile(
    r"\b(?P<subj>he|she|they|it|the\s+reporting\s+persons?)\s+(?:(?:hereby\s+)?disclaims?\s+(?:any\s+|all\s+)?"
    r"|(?:does|do)\s+not\s+(?:have|hold|exercise|share)\s+(?:any\s+)?|ha(?:s|ve)\s+no\s+)"
    r"(?:sole\s+or\s+shared\s+)?voting\s+(?:and|or|and/or)\s+(?:investment|dispositive)\s+power\b",
    re.I,
)


def disclaims_power(sentence: str) -> bool:
    """Whether the sentence's subject (a pronoun or "the reporting person") says it has
    no voting and investment power.

    >>> disclaims_power("X is one of the Managers of Y, although he disclaims voting and"
    ...                 " investment power over the securities held by Z.")
    True
    >>> disclaims_power("He disclaims beneficial ownership except to the extent of his"
    ...                 " pecuniary interest therein.")
    False
    """
    return _NO_POWER.search(sentence) is not None


def powerless_owner_links(
    link_acc: dict[tuple[str, str, Role, EdgeKind], dict[str, Any]], owner_keys: list[str]
) -> None:
    """Turn into ``owns`` links (in place) the ``controls`` links of a reporting owner whose
    every stating sentence disclaims the voting and investment power (module rule)."""
    for key in list(link_acc):
        c, d, role, kind = key
        acc = link_acc[key]
        if kind is not EdgeKind.CONTROLS or c not in owner_keys or not acc["prov"]:
            continue
        if not all(disclaims_power(p.phrase or "") for p in acc["prov"]):
            continue
        new = (c, d, role, EdgeKind.OWNS)
        if new not in link_acc:
            link_acc[new] = link_acc.pop(key)
