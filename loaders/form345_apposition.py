"""Forms 3/4/5: a holder whose name carries no legal form, its kind stated by an apposition.

"Shares held by Hawthorne Partners, a general partnership of which the reporting person is
a general partner"; "held of record by Ridgeline Capital, a Delaware limited liability
company"; "owned directly by the Ibarra Foundation, a private foundation". The name before
", a/an <kind>" is the holder (an entity), whatever its words; the kind words are the ones
filers use for a legal person or arrangement (partnership, limited liability company,
corporation, company, trust, foundation, fund, entity), optionally after a jurisdiction
("a Cayman Islands exempted company").
"""

from __future__ import annotations

import re

_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z0-9][\w&'’.-]*|of|and|&|for|de|la))*"
_KIND = (
    r"(?:(?:general|limited|family\s+limited|exempted\s+limited)\s+)?partnership"
    r"|limited\s+liability\s+(?:company|partnership)|(?:exempted\s+)?company|corporation"
    r"|(?:private\s+|charitable\s+|family\s+)?foundation|(?:revocable\s+|irrevocable\s+)?trust"
    r"|(?:investment\s+)?fund|entity|limited\s+company|statutory\s+trust"
)
_APPOSITION = re.compile(
    r"\b(?i:held|owned)\s+(?i:directly\s+|indirectly\s+|of\s+record\s+)?(?i:by)\s+(?i:the\s+)?"
    rf"(?P<name>{_NAME})\s*,\s+(?:a|an)\s+(?:[A-Z][\w.]*\s+){{0,3}}(?:{_KIND})\b"
)
#: words that name no holder of their own
_NOT_A_NAME = re.compile(r"^(?:the\s+)?(?:reporting\s+persons?|issuer|company)$", re.I)


def appositive_name(text: str) -> str | None:
    """The name a footnote gives a holder right before an apposition of its kind, or
    ``None`` (module rule).

    >>> appositive_name("Shares held by Hawthorne Partners, a general partnership of which"
    ...                 " the reporting person is a general partner.")
    'Hawthorne Partners'
    >>> appositive_name("Held of record by Ridgeline Capital, a Delaware limited liability"
    ...                 " company.")
    'Ridgeline Capital'
    >>> appositive_name("Shares held by the Reporting Person, a director.") is None
    True
    >>> appositive_name("Shares held by the Reporting Person, a Delaware corporation.") is None
    True
    """
    names = appositive_names(text)
    return names[0] if names else None


def appositive_names(text: str) -> list[str]:
    """Every name a footnote gives a holder before an apposition of its kind, in order."""
    return [
        m.group("name")
        for m in _APPOSITION.finditer(text)
        if not _NOT_A_NAME.match(m.group("name"))
    ]
