"""The subject side of the relation grammar (:mod:`loaders.sec_grammar`): the patterns that
find who holds a role a clause states -- the subject before "is the", a name with its role
in apposition ("X, the general partner of Y"; "X, a Delaware limited partnership and the
general partner of Y"), the antecedent of a relative pronoun, an enumerated name, the list
of holders after a role ("the general partners of Y, Messrs. A and B"), a denied or past
role, and the small helpers that read them.
"""

from __future__ import annotations

import re

from ownergraph.loaders.sec_lexicon import _LIST_SEP
from ownergraph.loaders.sec_terms import Mention, NameBook

#: After an object, a new appositive role: "Y ("Y1"), the general partner of Z".
_APPOSITIVE = re.compile(
    # "Y, a Delaware limited partnership and the general partner of Z": a short description
    r"^\s*(?:\([^()]*\)\s*)?,\s*(?:an?\s+[^,;()]{1,60}?\s+(?:and|which\s+is)\s+)?"
    r"(?:which\s+(?:is|are)\s+|who\s+(?:is|are)\s+)?(?:the|its|an?)\s+$",
    re.I,
)


def _coordinated_apposed(text: str, lo: int, hi: int, ments: list[Mention]) -> tuple[str, ...]:
    """The one name in ``text[lo:hi]`` when it reads ", and Name, the " (a new subject after a
    previous role's object, with its role in apposition), else ()."""
    between = [m for m in ments if lo <= m.start and m.end <= hi]
    if (
        len(between) == 1
        and _AND_BEFORE.fullmatch(text, lo, between[0].start)
        and _APPOSITIVE.match(text[between[0].end : hi])
    ):
        return between[0].keys
    return ()


#: Between a name and the role in apposition to it: "X, the", "X ("X1"), its".
_APPOS_HEAD = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:the|its)\s+", re.I)
#: Between a subject and a verb's object: "controls", "manages", "the shares held by".
_VERB_OBJECT_GAP = re.compile(
    r"[^,;()]{0,80}?\b(?:controls?|manages?|advises?|owns?|held\s+(?:of\s+record\s+|directly\s+)?by"
    r"|owned\s+(?:of\s+record\s+|directly\s+)?by|through)\s+(?:the\s+)?",
    re.I,
)
#: Right before the party a subject controls through another: "X, through its control of".
_THROUGH_CONTROL_OF = re.compile(
    r"\bthrough\s+(?:its|his|her|their)\s+(?:control|ownership)\s+of\s+(?:the\s+)?$", re.I
)
#: A role in apposition, with or without its article: "Y, investment adviser to the Funds".
_APPOS_BARE = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:the\s+|its\s+)?", re.I)
#: After a relative clause, its closing comma and the main verb: ", is the", ", serves as".
_REL_CLOSED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:(?:also|currently|presently|now)\s+)?"
    r"(?:is|are|serves?\s+as|acts?\s+as)\s+(?:(?:also|each)\s+)?(?:the\s+|an?\s+|its\s+)?",
    re.I,
)
_AND_BEFORE = re.compile(
    # "..., and (b) Z LLC, the", "..., (b) Z LLC, the": an enumeration mark after "and" or
    # in its stead
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:and\s+(?:\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s*)?"
    r"|\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s*)(?:(?:Mr|Ms|Mrs|Dr)\.\s*)?"
)
#: An enumeration mark: "(a) ", "(ii) ".
_ENUM_MARK = re.compile(r"\((?:[a-h]|[ivx]{1,4})\)\s")
#: A defined term, then ", and": '("X1"), and '.
_TERM_AND = re.compile(r"\s*\([^()]*\)\s*,\s*and\s+")
#: An enumeration mark right before a name: "(a) ", "(ii) ".
_ENUM_BEFORE = re.compile(r"\((?:[a-h]|[ivx]{1,4}|\d{1,2})\)\s*$")


def _occupation_of(text: str, a: int, role_start: int, subj: list[Mention]) -> tuple[str, ...]:
    from ownergraph.loaders.sec_occupation import occupation_of  # it builds on this module

    return occupation_of(text, a, role_start, subj)


#: After "the trustees of Y": the holders named in apposition ("the three general partners
#: of CMMC, Messrs. A, B and C") or in parentheses ("the trustees of the Plan (currently A,
#: B and C)").
_HOLDERS_AFTER = re.compile(
    # "the individuals who are managing members of Y, with respect to the shares held by
    # the Funds: A, B and C": a colon opens the list
    # (a defined term or a short aside in parentheses may stand before the colon: "... held
    # by the Funds (the "Funds"): A, B and C")
    r"(?:,(?:[^.;:()\"“]|\([^();:]{1,80}\)){0,200}?:|\s*:|[\s,]+)"
    r"\s*(?:Messrs\.|Mses\.|Mr\.|Ms\.|namely,?)?\s*"
)
_HOLDERS_IN_PARENS = re.compile(
    r"\s*\(\s*(?:currently|presently|namely|i\.e\.,?|being)\s+(?:(?:Messrs|Mses)\.\s*)?"
)


def _antecedent(text: str, a: int, end: int, ments: list[Mention]) -> tuple[str, ...]:
    cands = [m for m in ments if a <= m.start and m.end <= end]
    if not cands:
        return ()
    last = cands[-1]
    if re.fullmatch(r"[\s,]*(?:\([^)]*\))?[\s,]*", text[last.end : end]) or True:
        return last.keys
    return ()  # pragma: no cover


#: Between a subject and its role: "X is the", "X, who is the sole", "X serves as a".
_IS_THE = re.compile(
    # an adverb after a comma alone (", also serves as") belongs to a main verb whose
    # subject stands before an inserted clause ("X, who is a director of the Issuer, also
    # serves as ..."): not to the mention just before it
    r"^(?:\s*(?:also|currently|presently|now)\s+|[\s,]*(?:\([^()]*\)[\s,]*)?"
    # "Jane Roe, a United States citizen, is the": a short description in apposition
    r"(?:(?<=,)\s*an?\s+[^,;()]{1,60}?,\s*)?"
    r"(?:(?:who|which)\s+(?:(?:also|currently|presently|now)\s+)?)?)"
    r"(?:is|are|was|were|(?:is\s+to\s+)?serves?\s+as|acts?\s+as|(?<=,\s)as|(?<=,)as|in\s+(?:its|his|her)\s+capacity\s+as"
    # "X is also the investment adviser to Y", "A and B are each managing members of Y"
    r"|has\s+been|became)\s+(?:(?:also|currently|presently|now|each|both)\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+"
    r"|one\s+of\s+(?:the\s+|its\s+|their\s+)?(?:two\s+|three\s+|four\s+|five\s+|several\s+)?)?"
    r"(?:(?:majority|ultimate|principal)\s+)?$",
    re.I,
)


#: Before a list that is an object ("the general partner of A and B", "of each of A and
#: B"); "Each of A, B and C is ..." opens a subject list.
_OBJECT_BEFORE = re.compile(
    r"\b(?:to|for|by|with)\s+(?:each\s+of\s+)?(?:the\s+)?$|\bof\s+each\s+of\s+(?:the\s+)?$"
    r"|(?<!\beach\s)(?<!\bEach\s)(?<!\bboth\s)(?<!\bBoth\s)\bof\s+(?:the\s+)?$"
)
#: Between a subject and a name inside its apposition: "X, a wholly owned subsidiary of Y".
_APPOSED = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*"
    # or a relative clause: "X, who is a director of Y, is the GP of Z": X is
    r"(?:(?:who|which)\s+(?:is|serves\s+as|acts\s+as)\s+)?"
    r"(?:an?|the|its)\s+[^,;()]*?\b(?:of|by|to)\s+(?:the\s+)?",
    re.I,
)
#: Words before a role that deny it or put it in the past: "is not the", "no longer",
#: "the former", "formerly", "ceased to be".
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no\s+longer|former(?:ly)?|previously|ceased\s+to\s+be|resigned\s+as"
    r"|was|were|had\s+been)\b"  # "Mrs. Mody was a shareholder of Webpulse": the past
    # "X served as the general partner of Y until 2019" (not "has served"): the past;
    # "X would / will become the sole member of Y": a role to come, not held
    r"|(?<!\bhas\s)(?<!\bhave\s)\b(?:served|acted)\b|\b(?:would|will|shall)\s+(?:become|be)\b)"
    r"[\s,]+(?:(?:an?|the|its|their|his|her|be|been|act|acts|serve|serves|as|acting|serving"
    r"|a\s+)\s*)*"
    r"(?:(?:sole|co-?|wholly[\s-]*|majority[\s-]*)\s*)?(?:owned\s+|controlled\s+|managed\s+"
    r"|advised\s+|subsidiary\s+|division\s+)?$",
    re.I,
)
#: "Neither A nor B is the general partner of Y": a subject list that denies the role.
_NEITHER = re.compile(r"\bneither\b[^;]*\bnor\b", re.I)
#: "are private investment funds" before "for which": a plural predicate of a subject list.
_PLURAL_PREDICATE = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:are|were)\s+(?:each\s+)?(?:[\w\-]+\s+){0,4}"
    r"(?:funds|partnerships|entities|companies|vehicles|trusts|accounts)\s*,?\s*",
    re.I,
)
#: Between two trusts of one list: a list separator, or "and 450 Class A shares owned by".
_TRUST_GAP = re.compile(
    r",?\s*and\s+[\d,]+\s+[^;()]{0,60}?\b(?:owned|held)\s+(?:of\s+record\s+)?by\s+(?:the\s+)?"
)
_A_TRUST = re.compile(r"\bTrust\b(?!\s+(?:Company|Co\b|Corporation|Bank))", re.I)


def _trusts_before(pl: list[Mention], text: str, book: NameBook) -> tuple[str, ...]:
    """The trusts listed up to the last mention of ``pl`` ("the A Trust, the B Trust and
    the C Trust", with "and 450 shares owned by" between two of them), or () when the
    last mention is no trust."""

    def trust(m: Mention) -> bool:
        return len(m.keys) == 1 and bool(_A_TRUST.search(book.names.get(m.keys[0], "")))

    k = len(pl) - 1
    if not trust(pl[k]):
        return ()
    while k > 0 and trust(pl[k - 1]):
        gap = text[pl[k - 1].end : pl[k].start]
        if not (_LIST_SEP.match(gap) or _TRUST_GAP.fullmatch(gap)):
            break
        k -= 1
    return tuple(dict.fromkeys(x for m in pl[k:] for x in m.keys))


#: A group's defined term just before a relative pronoun: '(the "Trusts"), of which'.
_PLURAL_TERM_BEFORE = re.compile(
    r"\((?:collectively,?\s+|together,?\s+)?(?:the\s+)?[\"“](?P<t>[^\"”]{1,40})[\"”]\)\s*,?\s*$"
)
#: A clause that opens with "Its" / "Their" before its role: "Its general partner is X".
_ITS_OPENS = re.compile(r"[\s*\"“(]*(?:Its|Their)\s+(?:(?:sole|co-?)\s*)?")
#: ", and X is its" / "and X is their": a second clause whose possessive is the first's object.
_AND_X_IS_ITS = re.compile(
    r",?\s+and\s+(?=[A-Z])[^,;()]{1,80}?\s+(?:is|are|serves\s+as)\s+(?:its|their)\s+$"
)
#: Between a subject and a possessive object: "X is the Fund's", "X serves as Y's".
_IS_POSSESSOR = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are|serves?\s+as|acts?\s+as)\s+(?:(?:also|each)\s+)?"
    r"(?:the\s+)?",
    re.I,
)
#: A subject described by its predicate: "Y is a Delaware limited partnership".
_IS_DESCRIBED = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are)\s+(?:an?|the)\s", re.I)
_IS_ITS = re.compile(r"\s+(?:is|are|serves\s+as)\s+(?:its|their)\s+")
#: Between a role and the role it is held in: "the sole member of the general partner".
_ROLE_OF_ROLE = re.compile(r"\s+(?:of|to|for)\s+(?:the\s+|its\s+|their\s+)?(?:sole\s+)?", re.I)
#: A quantifier before a plural role: "each of the directors and executive officers of X".
_ANY_OF_THE = re.compile(
    r"\b(?:each|any|all|none|certain|some|several|most)\s+of\s+(?:the|its|their|his|her)\s+$",
    re.I,
)
#: A role introduced by "as" right before it: "(in its capacity) as (the) general partner".
_AS_ROLE = re.compile(r"\bas\s+(?:the\s+|a\s+|an\s+)?$", re.I)
#: "... as the general partner of": a role that belongs to the clause's subject.
_AS_THE = re.compile(r"\bas\s+(?:the|a|an|its|their|his|her)\s+$", re.I)
#: A verb after a name: the name is the subject of its clause ("Mr. Rose may be deemed").
_VERB_AFTER = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:may|might|is|are|was|were|has|have|had|shall|will|could|would"
    r"|can|does|do|did)\b"
)


#: "Y, by X, its" / "Y, acting through X, its": the name before "by" is the one "its" stands for.
_BY_THROUGH = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:by|acting\s+(?:by\s+and\s+)?through|through)\s+(?:the\s+)?"
)
_X_ITS = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:its|their)\s+(?:(?:sole|co-?)\s*)?")


def _by_x_its(
    text: str, a: int, role_start: int, ments: list[Mention]
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(controllers, controlled) of "Y, by X, its <role>" ("Alder Fund LP, by Alder GP LLC,
    its general partner"): X holds the role in Y; None for another shape."""
    before = [m for m in ments if a <= m.start and m.end <= role_start]
    if len(before) < 2 or not _X_ITS.fullmatch(text, before[-1].end, role_start):
        return None
    y, x = before[-2], before[-1]
    if not _BY_THROUGH.fullmatch(text, y.end, x.start):
        return None
    return x.keys, y.keys
