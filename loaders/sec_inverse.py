"""Inverse phrases of the relation grammar: the subject is the controlled party ("X, a
wholly-owned subsidiary of Y", "X is controlled by Y", "a division of Y", "78% of X is
owned by Y").
"""

from __future__ import annotations

import re

from ownergraph.graph.vocab import Role
from ownergraph.loaders.sec_lexicon import _LIST_SEP, _fold
from ownergraph.loaders.sec_roles import (
    _CLAUSE_OPENING,
    _ROLE_RE,
    _ROLE_WORDS,
    StatedLink,
    _mention_list,
    _role_word,
)
from ownergraph.loaders.sec_terms import Mention, NameBook

# ------------------------------------------------------------------- inverse phrases

#: Phrases whose subject is the *controlled* party and whose object controls it.
_INVERSE_RE = re.compile(
    # what every match starts with: a letter of the branches' first words, a comma, or the
    # blank after "company" ... "account" (a fast test at each place of the scan)
    r"(?=[adtwicsmo,]|(?<=[ynpdet])\s)"
    r"(?P<p>(?:\b(?:an?|the|its|which\s+is\s+an?|is\s+an?|are(?:\s+each)?)\s+)?"
    r"(?:(?:direct\s+or\s+indirect|direct|indirect|wholly[\s-]*owned|majority[\s-]*owned"
    r"|consolidated)[\s,]+)*subsidiar(?:y|ies)\s+of"
    r"|(?:\b(?:an?|the|is\s+an?|which\s+is\s+an?)\s+)?(?:separate\s+|operating\s+)?division\s+of"
    # "Y may be deemed to be controlled by X": the passive hedged
    r"|\b(?:is|are|was|were|(?:may|might|could)\s+be\s+deemed\s+to\s+be)\s+(?:each\s+)?"
    r"(?:(?:wholly|majority|indirectly|directly|ultimately|jointly"
    r"|100\s*%|100\s+percent)[\s-]*)?"
    r"(?:owned|controlled|managed|(?:sub-?)?advised)(?:\s+and\s+(?:controlled|managed|operated))?(?:\s+(?:indirectly|directly|ultimately|jointly))?\s+by"
    r"|,\s*(?:(?:wholly|majority|indirectly|directly)[\s-]*)?(?:owned|controlled)\s+by"
    # "Y, a partnership co-owned by A and B": co-owners (a stake each)
    r"|\bco[\s-]?owned\s+by"
    # "Maryport Navigation Corp., which is a Liberian company controlled by Mr. Economou"
    r"|(?:(?<=company)|(?<=entity)|(?<=corporation)|(?<=partnership))\s+"
    r"(?:(?:wholly|majority|indirectly|directly)[\s-]*)?"
    r"(?:owned|controlled)\s+by"
    # "Alpha Fund LP, a private investment fund advised by X"
    r"|(?:(?<=fund)|(?<=vehicle)|(?<=account)|(?<=partnership))\s+(?:managed|(?:sub-?)?advised)"
    r"\s+by)\s+"
    r"(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)
_INVERSE_NEEDLES = (
    "subsidiar",
    "division of",
    "owned",  # "owned by", "owned jointly by"
    "controlled",
    "managed",
    "advised",
)
_PERCENT_OF = re.compile(
    r"(?P<pct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent)\s+of\s+(?:the\s+)?"
    # "45% of the outstanding membership interests of Y"
    r"(?:(?:(?:issued\s+and\s+)?outstanding\s+)?(?:(?:equity|membership|partnership|limited"
    r"\s+partnership|voting|ownership|economic|capital)\s+)*(?:shares|stock|interests?|units"
    r"|capital\s+stock)(?:\s+of\s+\w+(?:\s+\w+)?\s+stock)?\s+(?:of|in)\s+(?:the\s+)?)?$",
    re.I,
)


#: A partnership interest right before the owned subject: "a 99% limited partnership
#: interest in Y", "the limited partnership interests of Y".
_PARTNERSHIP_INTEREST = re.compile(
    r"(?:(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s+)?(?:limited\s+|general\s+)?partnership\s+"
    r"interests?\s+(?:in|of)\s+(?:the\s+)?$",
    re.I,
)


#: A stake in parentheses after an owner's name: "John Doe (60%)".
_PAREN_PERCENT = re.compile(r"\s*\(\s*(?:approximately\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*%\s*\)")


#: The rest of a clause whose subject, described in apposition, ceased to be: "X, a
#: corporation controlled by Y and his family (the "Family"), was merged with and into Z".
_CEASED = re.compile(
    r"[^;:]{0,160}?,\s*(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:merged|dissolved"
    r"|liquidated|wound\s+up|acquired\s+by)\b",
    re.I,
)


#: A past tense right before an inverse phrase: "Y was a wholly-owned subsidiary of X".
_PAST_BEFORE = re.compile(r"\b(?:was|were|had\s+been)\s+(?:an?\s+|the\s+)?$", re.I)


#: Words that put a phrase outside the subject's apposition ("X entered into ..., pursuant
#: to which a subsidiary of Y").
_NOT_APPOSITION = re.compile(
    r"\b(?:entered|pursuant|into|merged?|will|may|shall|acquired?|agreement|(?<!of )which\s+(?!is\b|are\b|in\s+turn\b))",
    re.I,
)


#: An apposition between its head and a name inside it: "X, the general partner of Y",
#: "X, which is the investment manager of Y".
_APPOSITION = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:(?:which|who)\s+(?:is|are|serves\s+as|acts\s+as)\s+)?"
    r"(?:an?|the|its)\s+[^,;()\"“]*?\b(?:of|to|for)\s+(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)
#: The closing comma of an apposition, before the verb: "X, the general partner of Y, is".
_CLOSING_COMMA = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*")
#: "X is the general partner of Y and is controlled by Z": a second verb of the subject.
_AND_BEFORE_VERB = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s+and\s+")
#: A verb after the clause's first name: it is the subject.
_HAS_VERB = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|are|serves?|acts?)\b", re.I)


def _appositive_head(
    text: str, before: list[Mention], subj: list[Mention], end: int
) -> Mention | None:
    """The head of an apposition that ends right before the phrase: "X, the general partner
    of Y, is controlled by Z" (Y is inside X's apposition; X is the subject), or None."""
    if len(subj) != 1 or len(before) < 2:
        return None
    obj = subj[0]
    if not _CLOSING_COMMA.fullmatch(text, obj.end, end):
        return None
    k = before.index(obj)
    if k == 0:
        return None
    head = before[k - 1]
    if not _APPOSITION.fullmatch(text, head.end, obj.start) and not _REL_APPOSITION.fullmatch(
        text, head.end, obj.start
    ):
        return None
    return head


#: A relative clause with its own verb between a head and a name inside it: "X, which owns
#: 40% of Y, is controlled by Z", "X, which holds a limited partnership interest in Y, is".
_REL_APPOSITION = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:which|who)\s+(?P<rest>(?!is\b|are\b)[^,;:()\"“]{1,100}?)"
    r"\s(?:of|to|for|in|by)\s+(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)


#: "Z, which makes cigars and is a subsidiary of Y": a relative clause's second verb.
_REL_AND = re.compile(
    r"[\s,]*(?:\([^()]*\)[\s,]*)*,\s*(?:which|who)\s+(?P<rest>[^;:()]{1,160}?)\s+and\s+",
    re.I,
)


#: A hedged verb: "Y may be deemed to be controlled by X".
_HEDGED = re.compile(r"(?:may|might|could)\s+be\s+deemed\s+to\s+be\s+", re.I)


#: A relative clause with its own verb, closed by its comma before the main verb: "X, which
#: holds the shares, is wholly owned by Y".
_REL_CLAUSE_GAP = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,\s*(?:which|who)\s+(?P<rest>[^,;:()\"“]{1,100}?)\s*,\s*", re.I
)


#: What may stand between the subject and an inverse phrase: defined terms, "which is",
#: "is", and a short description ("a Delaware corporation and", "a Liberian company").
_SUBJECT_GAP = re.compile(
    r"^[\s,]*(?:\([^()]*\)[\s,]*)*(?:(?:which|who|that),?\s+(?:in\s+turn,?\s+)?(?:(?:is|are|was|were)\s+)?"
    r"(?:in\s+turn,?\s+)?)?"  # "which is in turn a subsidiary of", "which, in turn, is"
    r"(?:(?:is|are|was|were|became|remains?|has\s+been)\s+)?"
    r"(?:(?:an?|the)\s+[^;:]{0,220}?(?:[\s,]+and\s+|[\s,]+|\s*$))?$"
    # "..., and each of which is": the relative pronoun refers to the subject list
    r"|^[^;:]*?,\s*(?:and\s+)?(?:each\s+of\s+)?(?:which\s+(?:(?:is|are)\s+)?)?$",
    re.I,
)


def _inverse_links(
    text: str, a: int, b: int, ments: list[Mention], book: NameBook
) -> list[StatedLink]:
    """ "X, a wholly-owned subsidiary of Y", "X is controlled by Y", "a division of Y",
    "78% of X is owned by Y": Y controls (or owns a stake in) X.

    The subject is the nearest mention before the phrase (with the names joined to it by
    "and"), or the clause's first mention when only words stand between.
    """
    clause = _fold(text[a:b])
    if not any(w in clause for w in _INVERSE_NEEDLES):
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for im in _INVERSE_RE.finditer(text, a, b):
        objs = _mention_list(ments, im.end(), text)
        if not objs:
            continue
        before = [m for m in ments if m.end <= im.start()]
        if not before:
            continue
        subj = [before[-1]]
        singular = re.match(r"(?:is|was)\b", im.group("p"), re.I)
        for prev in reversed(before[:-1]):
            if _LIST_SEP.match(text[prev.end : subj[0].start]):
                subj.insert(0, prev)
            else:
                break
        if (
            singular
            and len(subj) > 1
            and not re.search(
                r"\b(?:each|either|neither)\s+of\s+(?:the\s+)?$",
                text[max(a, subj[0].start - 20) : subj[0].start],
                re.I,
            )
        ):
            subj = subj[
                -1:
            ]  # "... general partner of Midwood and Midwood Holdings is controlled by"
        verb = re.match(r"(?:is|are)\b", im.group("p"), re.I) or _HEDGED.match(im.group("p"))
        # the phrase's words checked for a verb of no apposition ("may be merged"): not the
        # hedge "may be deemed to be", which is the verb itself
        said = (
            im.group(0)[_HEDGED.match(im.group(0)).end() :]
            if _HEDGED.match(im.group(0))
            else im.group(0)
        )
        head = _appositive_head(text, before, subj, im.start()) if verb else None
        if head is not None:
            # "X, the general partner of Y, is controlled by Z": the apposition's head
            subj = [head]
        elif verb and _AND_BEFORE_VERB.fullmatch(text, subj[-1].end, im.start()):
            # "X is the general partner of Y and is controlled by Z": the clause's subject
            first = [m for m in before if m.start >= a]
            if first and _CLAUSE_OPENING.fullmatch(text, a, first[0].start):
                k = 1
                while k < len(first) and _LIST_SEP.match(text[first[k - 1].end : first[k].start]):
                    k += 1
                subj = first[:k]
                if not _HAS_VERB.match(text, subj[-1].end) or _NOT_APPOSITION.search(
                    text, subj[-1].end, im.end()
                ):
                    continue
                out.extend(_links(text, a, b, im, subj, objs, book, phrase))
            continue
        if not verb and _CEASED.match(text, objs[-1].end, b):
            continue  # "X, a corporation controlled by Y, was merged into Z": X is gone
        gap = text[subj[-1].end : im.start()]
        if re.search(r"\b(?:not|no\s+longer|former(?:ly)?|previously)\b", gap, re.I):
            continue  # "Y, formerly a subsidiary of X", "Y, which is no longer owned by X"
        if _PAST_BEFORE.search(gap) or re.match(r"(?:was|were)\b", im.group("p"), re.I):
            continue  # "Old PSI was a wholly-owned subsidiary of PSH": the past
        if head is not None and (rm := _REL_APPOSITION.match(text, head.end)):
            # "X, which owns 40% of Y, is controlled by Z": the relative clause's own names
            # (maybe with commas: "Y Partners, L.P.") stand inside it; X is the subject
            if not _NOT_APPOSITION.search(text, rm.start("rest"), im.start()):
                out.extend(_links(text, a, b, im, subj, objs, book, phrase))
            continue
        # only a defined term, a comma, a description without names, or "is"/"which is"
        # (the phrase's own first words close the gap: ", which" + "is controlled by")
        ra = _REL_AND.fullmatch(gap) if verb else None
        rc = _REL_CLAUSE_GAP.fullmatch(gap) if verb and ra is None else None
        if rc is not None and re.match(r"(?:is|are|was|were)\b", rc.group("rest"), re.I):
            rc = None  # "X, which is the GP of Y, is ...": the apposition's gap, read below
        if rc is not None:
            # "X, which holds the shares, is wholly owned by Y": the main verb's subject is
            # the relative pronoun's antecedent
            if _NOT_APPOSITION.search(rc.group("rest")):
                continue
        elif ra is not None:
            if _NOT_APPOSITION.search(ra.group("rest") + " " + said):
                continue
        elif len(gap) > 240 or re.search(r"[;:]", gap) or _NOT_APPOSITION.search(gap + said):
            continue
        elif not _SUBJECT_GAP.match(gap):
            continue  # words between that are no apposition ("... with L surviving ... as a")
        if len(subj) > 1 and re.search(r",\s*an?\s", gap) and "which" not in gap:
            subj = subj[-1:]  # "..., H ("Holdings"), a newly formed corporation wholly owned by"
        out.extend(_links(text, a, b, im, subj, objs, book, phrase))
    return out


def _links(
    text: str,
    a: int,
    b: int,
    im: re.Match[str],
    subj: list[Mention],
    objs: list[Mention],
    book: NameBook,
    phrase: str,
) -> list[StatedLink]:
    """The links of one inverse phrase ``im``: each object controls each subject."""
    out: list[StatedLink] = []
    printed = " ".join(im.group("p").split())
    low = printed.lower()
    share = None
    if "owned" in low and not re.search(r"wholly|majority|100", low):
        pm = _PERCENT_OF.search(text, max(a, subj[0].start - 110), subj[0].start)
        if pm is not None:
            share = float(pm.group("pct"))
            role = Role.SHAREHOLDER
        elif pi := _PARTNERSHIP_INTEREST.search(text, max(a, subj[0].start - 90), subj[0].start):
            # "A 99% limited partnership interest in Y is owned by A", "the limited
            # partnership interests of Y are owned by A and B": a partnership interest is a
            # stake (convention 3), not the whole entity
            role = Role.SHAREHOLDER
            share = float(pi.group("pct")) if pi.group("pct") else None
        elif "jointly" in low or re.search(r"co[\s-]?owned", low):
            role = Role.SHAREHOLDER  # "owned jointly by A and B": co-owners (convention 3)
        elif re.match(r"(?:is|are|was|were)\b", low):
            role = Role.PARENT  # "THORN is owned by TENAH": the owner of the company
        else:
            return []  # ", owned by" with no stake and no "wholly": not read
    elif "managed by" in low:
        role = Role.INVESTMENT_MANAGER
        its = re.match(r"\s*,\s*(?:its|their)\s+", text[objs[-1].end : b])
        rm = _ROLE_RE.match(text, objs[-1].end + its.end()) if its else None
        if rm:  # "Y is managed by X, its general partner": the role it names
            role = _ROLE_WORDS.get(_role_word(rm.group("role")), role)
    elif "advised by" in low:
        role = Role.INVESTMENT_ADVISER
    else:
        role = Role.PARENT
        if "controlled by" in low:
            its = re.match(r"\s*,\s*(?:its|their)\s+", text[objs[-1].end : b])
            rm = _ROLE_RE.match(text, objs[-1].end + its.end()) if its else None
            if rm and (named := _ROLE_WORDS.get(_role_word(rm.group("role")))) is not None:
                # "Y is controlled by A and B, its managing members": the role it names
                role = named
    controlled = tuple(k for m in subj for k in m.keys)
    for om in objs:
        if len(om.keys) > 1 and set(om.keys) == set(controlled):
            continue  # "the Shares reported for the Funds are owned by the Funds": one group
        o_role, o_share = role, share
        pc = _PAREN_PERCENT.match(text, om.end)
        if pc and role is Role.PARENT and "owned" in low and not re.search(r"wholly|100", low):
            # "Y is owned by A (60%) and B (40%)": a stake each (convention 9)
            o_role, o_share = Role.SHAREHOLDER, float(pc.group("pct"))
        for c in om.keys:
            for d in controlled:
                if c == d or book.issuer_key in (c, d):
                    continue
                out.append(
                    StatedLink(
                        c,
                        d,
                        o_role,
                        None,
                        "indirect" in low,
                        printed,
                        phrase,
                        (a, b),
                        share=o_share,
                    )
                )
    return out
