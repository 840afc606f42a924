"""Former home of the relation grammar, kept so that old imports work.

The grammar lives in :mod:`ownergraph.loaders.sec_grammar`; import from there.
"""

from __future__ import annotations

from ownergraph.loaders.sec_grammar import (  # noqa: F401 - re-exported names
    _ENTITY_ANCHOR,
    _ROLE_NEEDLES,
    _ROLE_RE,
    ENTITY_RE,
    Mention,
    NameBook,
    StatedLink,
    _entities,
    _finditer_at,
    _fold,
    _mask,
    _name_regex,
    clauses,
    define_terms,
    extract_links,
    looks_like_entity,
    name_pattern,
    person_display,
)
