"""Control links stated by a verb in SEC filing prose: "X controls Y", "X manages Y",
"X advises Y", "X wholly owns Y", "X owns all of the membership interests of Y",
"X owns 78% of Y" (the active forms of the grammar's "Y is controlled/managed/advised/
owned by X", :mod:`loaders.sec_grammar`).

The subject is the name just before the verb, with the names joined to it by "and"; a
relative pronoun and adverbials may stand between ("Mark T. Gallogly, who indirectly,
through various intermediate entities, controls CCP III"). The object is the list of names
right after the verb. Nothing links the issuer.
"""

from __future__ import annotations

import itertools
import re

from ownergraph.graph.vocab import Power, Role
from ownergraph.loaders.sec_lexicon import _LIST_SEP, _fold
from ownergraph.loaders.sec_roles import _CLAUSE_OPENING, StatedLink, _mention_list
from ownergraph.loaders.sec_terms import Mention, NameBook

#: The verbs read, each with the role it states; a stake in percent is a shareholder link.
_VERB = re.compile(
    r"\b(?P<v>(?:(?:wholly|solely|directly|indirectly|ultimately|jointly|beneficially)\s+)?"
    # "Sir Richard Branson owns and has the ability to appoint and remove the management of
    # VGHL", "X owns and controls Y": ownership and control together
    r"(?:owns\s+and\s+(?:controls|has\s+the\s+(?:sole\s+)?(?:ability|power|right)\s+to\s+"
    r"(?:appoint|elect)[^.;]{0,60}?\s+of\s+)"
    # "which owned 50% of Y": the past tense only before a stake
    r"|controls?|manages?|advises?|own(?:s|ed(?=\s+(?:approximately\s+|about\s+|over\s+"
    r"|more\s+than\s+)?\d))?(?P<aside>"
    # "X owns, through its subsidiaries, 45% of Y": an adverbial set off by commas
    r"\s*,\s*(?:directly\s+(?:and|or)\s+indirectly|indirectly|directly|through\s+[^;.()%,]{1,80}?)"
    r"\s*,)?\s+(?:(?:all|100%|a\s+majority)\s+of\s+|(?:approximately\s+|about\s+"
    r"|over\s+|more\s+than\s+|an\s+aggregate\s+of\s+)?(?P<pct>\d{1,3}(?:\.\d+)?)\s*"
    r"(?:%|percent|per\s+cent\.?)\s+of\s+)?"
    # "X holds approximately 45% of the membership interests in Y": a stake stated
    r"|holds?(?P<haside>\s*,\s*(?:directly\s+(?:and|or)\s+indirectly|indirectly|directly"
    r"|through\s+[^;.()%,]{1,80}?)\s*,)?\s+(?:approximately\s+|about\s+|over\s+|more\s+than\s+"
    r"|an\s+aggregate\s+of\s+)?(?P<hpct>\d{1,3}(?:\.\d+)?)\s*(?:%|percent|per\s+cent\.?)\s+of\s+"
    # "Gamma holds all of the outstanding equity interests of Alpha"
    r"|holds?\s+all\s+(?:of\s+)?(?=the\s+(?:issued\s+and\s+)?outstanding\s)))"
    r"(?:the\s+)?(?:aggregate\s+)?(?:issued\s+(?:and\s+outstanding\s+)?|outstanding\s+)?"
    r"(?:(?:equity|membership|partnership|limited\s+partnership|general\s+partnership|voting"
    r"|ownership|economic|capital|common|preferred|ordinary|combined|Class\s+[A-C])\s+)*"
    # "45% of the outstanding voting securities of Y", "45% of the combined voting power of Y"
    # "45% of the issued share capital of Y", "45% of the voting rights in Y"
    r"(?:interests?|shares|stock|units|capital\s+stock|equity|securities|share\s+capital"
    r"|(?<=voting\s)(?:power|rights))?"
    r"(?:(?<=interest)\s+in\s+|(?<=\brights)\s+in\s+|(?<=interests)\s+in\s+|\s*of\s+|\s*)"
    r"(?:each\s+of\s+)?(?:the\s+)?",
    re.I,
)
#: Services to a client: "provides discretionary advisory services to", "furnishes
#: investment advice to", "provides investment management services for".
_SERVICE = re.compile(
    r"\b(?P<v>(?:provides?|renders?|furnish(?:es)?|performs?)\s+(?:discretionary\s+)?"
    r"(?:investment\s+)?(?:advisory\s+services|advice|management\s+services)"
    r"(?:\s+and\s+(?:investment\s+)?(?:advisory|management)\s+services)?)\s+(?:to|for)\s+"
    r"(?:each\s+of\s+)?(?:the\s+)?(?=[A-Z])",
)
#: An adviser's clients listed: "CCM is an investment adviser whose clients, including CCP,
#: CCC III and the Separate Account, have the right to receive ...".
_CLIENTS = re.compile(
    r"\b(?P<v>(?:is|are)\s+an?\s+(?:registered\s+)?investment\s+(?:advis[eo]r|manager)s?)\b"
    r"[^.;()]{0,80}?\bwhose\s+(?:advisory\s+)?clients,?\s+(?:including|include|such\s+as)\s+"
    r"(?:the\s+)?",
    re.I,
)
#: A stake whose object comes with the next owner's: "A owns 12.0% and B owns 24.5% of Y".
_PCT_AND = re.compile(
    r"\b(?:beneficially\s+)?owns?\s+(?:approximately\s+|about\s+)?(?P<pct>\d{1,2}(?:\.\d+)?)\s*"
    r"(?:%|percent)\s+and\s+",
    re.I,
)
#: A stake stated as an interest: "X has a 45% interest in Y", "X holds an approximately 30%
#: membership interest in Y".
_STAKE = re.compile(
    # "X has a 45% shareholding in Y", "X holds its 45 percent equity stake in Y"
    r"\b(?P<v>(?:has|have|holds?|owns?)\s+(?:an?|its|their)\s+(?:approximately\s+|about\s+)?"
    r"(?P<pct>\d{1,2}(?:\.\d+)?)\s*(?:%|percent|per\s+cent\.?)\s+(?:(?:equity|ownership"
    r"|economic|membership|partnership|limited\s+partnership|voting|indirect|direct)\s+)*"
    r"(?:interest|stake|shareholding))\s+in\s+(?:the\s+)?"
    # "X is the indirect holder of approximately 92.2% of the outstanding depositary units
    # representing limited partnership interests in Y"
    # "X is the (beneficial) owner of approximately 60% of the outstanding shares of Y"
    r"|\b(?P<v2>(?:is|are)\s+the\s+(?:(?:indirect|direct|beneficial|record)\s+)?(?:holders?|owners?)\s+of\s+"
    r"(?:approximately\s+|about\s+|over\s+)?(?P<pct2>\d{1,2}(?:\.\d+)?)\s*(?:%|percent)\s+of)"
    r"\s+(?:the\s+)?(?:[\w-]+\s+){0,8}?(?:of|in)\s+(?:the\s+)?",
    re.I,
)
#: What may stand between the subject and the verb.
_GAP = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:an?|the)\s+[^;()]{1,120}?,\s*)?"  # ", an adviser ..., "
    # "X is an investment adviser registered under the Advisers Act which provides"
    r"(?:(?:is|are)\s+an?\s+[^;()]{1,120}?\s+(?:which|that|and)\s+)?"
    r"(?:,\s*(?:who|which|that)\s+|(?:who|which|that)\s+)?"
    r"(?:(?:directly|indirectly|ultimately|also|currently|jointly|together|collectively"
    # "A and B each own a 50% interest in Y"
    r"|effectively|therefore|each|both)\b[\s,]*"
    # "X, through its subsidiaries, owns 45% of Y": an adverbial set off by commas
    r"|,?\s*through\s+[^;.()]{1,80}?,\s*"
    # "X may be deemed to control Y", "A, who is deemed to control Y": the verb hedged
    r"|(?:(?:may|might|could|would)\s+(?:also\s+)?be|is|are)\s+(?:also\s+)?deemed\s+to\s+)*",
    re.I,
)
_NEEDLES = (
    "clients",
    "control",
    "manage",
    "advise",
    "own",
    "advi",
    "subsidiar",
    "benefit",
    "power",
    "hold",
    "interest",
)
#: "the 2001 Trust over which Mr. Rose ... may be deemed to have shared voting and
#: dispositive power with Catherine Marcus": the other holder of the power over Y's shares.
_SHARED_WITH = re.compile(
    r"\bover\s+which\b(?:[^.;]|(?<=\bMr|\bMs|\bDr)\.|(?<=\bMrs)\.){0,160}?\bshared\s+"
    r"(?P<what>[^.;]{0,60}?)\bpowers?\s+with\s+(?:the\s+)?",
    re.I,
)
#: "held by the Rose IRA for the benefit of Mrs. Rose": the beneficiary of an account or trust.
_FOR_BENEFIT = re.compile(
    r"\s*,?\s*(?:\([^()]*\)\s*)?(?:for\s+the\s+(?:sole\s+|exclusive\s+)?benefit\s+of|f/b/o|FBO)"
    r"\s+(?:the\s+)?",
    re.I,
)
#: "Berkshire's wholly-owned subsidiary, Columbia Insurance Company": the owner first.
#: "X beneficially owns the shares through its wholly-owned subsidiary, Y": the subject of the
#: clause owns Y.
_THROUGH_ITS_SUB = re.compile(
    r"\bthrough\s+its\s+(?:(?:wholly|majority|indirect(?:ly)?|direct(?:ly)?)[\s-]*(?:owned\s+)?)?"
    r"subsidiar(?:y|ies)\s*,?\s*(?:the\s+)?",
    re.I,
)
#: After a name: "... and other subsidiaries", "(\"Z1\") and its other wholly owned subsidiaries".
_AND_OTHER_SUBS = re.compile(
    r"\s*(?:\([^()]*\)\s*)?,?\s*and\s+(?:its\s+|their\s+)?(?:various\s+)?other\s+"
    r"(?:(?:wholly|majority)[\s-]*owned\s+|direct\s+(?:and|or)\s+indirect\s+)?subsidiaries\b",
    re.I,
)
#: Right before that name: "(indirectly) through".
_THROUGH = re.compile(r"\bthrough\s+(?:the\s+)?$", re.I)
#: "X holds a controlling interest in Y" (a controlling owner: convention 14).
_CONTROLLING_INTEREST = re.compile(
    r"\b(?:has|have|holds?|owns?)\s+(?:a|the)\s+controlling\s+(?:(?:equity|ownership|voting)\s+)?"
    r"(?:interest|stake)\s+in\s+(?:the\s+)?",
    re.I,
)
_POSSESSIVE_SUB = re.compile(
    r"['’]s?\s+(?:(?:wholly|majority|indirect(?:ly)?|direct(?:ly)?)[\s-]*(?:owned\s+)?"
    r"|[a-z]+\s+){0,3}subsidiar(?:y|ies)\s*,?\s*(?:the\s+)?"
)


def verb_links(text: str, a: int, b: int, ments: list[Mention], book: NameBook) -> list[StatedLink]:
    """The links that an active verb states in the clause ``text[a:b]``."""
    clause = _fold(text[a:b])
    if not any(w in clause for w in _NEEDLES):
        return []
    out: list[StatedLink] = []
    phrase = " ".join(text[a:b].split())
    for m in ments:
        pm = _POSSESSIVE_SUB.match(text, m.end, b)
        objs = _mention_list(ments, pm.end(), text) if pm else []
        for d in (x for o in objs for x in o.keys):
            for c in m.keys:
                if c != d and book.issuer_key not in (c, d):
                    printed = " ".join(text[m.end : pm.end()].split()).strip(" ,")
                    out.append(StatedLink(c, d, Role.PARENT, None, False, printed, phrase, (a, b)))
    for rx, role in ((_THROUGH_ITS_SUB, Role.PARENT), (_CONTROLLING_INTEREST, Role.PARENT)):
        for tm in rx.finditer(text, a, b):
            subj = [m for m in ments if a <= m.start and m.end <= tm.start()]
            if not subj or not _CLAUSE_OPENING.fullmatch(text, a, subj[0].start):
                continue  # the clause's subject is the owner ("its"): the first name
            if rx is _CONTROLLING_INTEREST and not _GAP.fullmatch(text, subj[-1].end, tm.start()):
                continue  # "X holds a controlling interest": the verb right after the subject
            objs = _mention_list(ments, tm.end(), text)
            printed = " ".join(tm.group(0).split())
            for c in subj[0].keys:
                for d in (x for o in objs for x in o.keys):
                    if c != d and book.issuer_key not in (c, d):
                        out.append(StatedLink(c, d, role, None, False, printed, phrase, (a, b)))
    for i, m in enumerate(ments):
        # "X, together with Y, exercises its control over the shares indirectly through Z
        # ("Z1") and other subsidiaries": Z is one of the subject's subsidiaries
        if not (_AND_OTHER_SUBS.match(text, m.end, b) and _THROUGH.search(text, a, m.start)):
            continue
        if i == 0 or not _CLAUSE_OPENING.fullmatch(text, a, ments[0].start):
            continue
        subject = ments[0]
        printed = "through ... and other subsidiaries"
        for c in subject.keys:
            for d in m.keys:
                if c != d and book.issuer_key not in (c, d):
                    out.append(StatedLink(c, d, Role.PARENT, None, False, printed, phrase, (a, b)))
    for sw in _SHARED_WITH.finditer(text, a, b):
        held = [m for m in ments if m.end <= sw.start()]
        others = _mention_list(ments, sw.end(), text)
        what = sw.group("what").lower()
        voting = Power.SHARED if "vot" in what else None
        investment = Power.SHARED if re.search(r"dispos|invest", what) else None
        for c in (x for o in others for x in o.keys) if held else ():
            for d in held[-1].keys:
                if c != d and book.issuer_key not in (c, d):
                    printed = " ".join(sw.group(0).split())
                    out.append(
                        StatedLink(
                            c,
                            d,
                            Role.STATED_POWER,
                            None,
                            False,
                            printed,
                            phrase,
                            (a, b),
                            voting=voting,
                            investment=investment,
                        )
                    )
    for m in ments:
        fb = _FOR_BENEFIT.match(text, m.end, b)
        objs = _mention_list(ments, fb.end(), text) if fb else []
        for c in (x for o in objs for x in o.keys):
            for d in m.keys:
                if c != d and book.issuer_key not in (c, d):
                    printed = " ".join(fb.group(0).split())
                    out.append(
                        StatedLink(c, d, Role.BENEFICIARY, None, False, printed, phrase, (a, b))
                    )
    for cm in _CLIENTS.finditer(text, a, b):
        before = [m for m in ments if a <= m.start and m.end <= cm.start()]
        if not before or not re.fullmatch(
            r"\s*(?:\([^()]*\)\s*)?", text[before[-1].end : cm.start()]
        ):
            continue
        objs = _mention_list(ments, cm.end(), text, to_verb=True)  # ", have the right"
        verb = cm.group("v").lower()
        role = Role.INVESTMENT_MANAGER if "manager" in verb else Role.INVESTMENT_ADVISER
        printed = " ".join(cm.group(0).split())
        for c in before[-1].keys:
            for d in (x for o in objs for x in o.keys):
                if c != d and book.issuer_key not in (c, d):
                    out.append(StatedLink(c, d, role, None, False, printed, phrase, (a, b)))
    for lp in _LP_INTEREST.finditer(text, a, b):
        # "A and B each own a limited partnership interest in Y": a stake each (convention 3)
        before = [m for m in ments if a <= m.start and m.end <= lp.start()]
        objs = _mention_list(ments, lp.end(), text)
        if not before or not objs or not _GAP.fullmatch(text, before[-1].end, lp.start()):
            continue
        k = len(before) - 1
        while k > 0 and _LIST_SEP.match(text[before[k - 1].end : before[k].start]):
            k -= 1
        printed = " ".join(lp.group("v").split())
        for c in dict.fromkeys(x for m in before[k:] for x in m.keys):
            for d in objs[0].keys:
                if c != d and book.issuer_key not in (c, d):
                    out.append(
                        StatedLink(c, d, Role.SHAREHOLDER, None, False, printed, phrase, (a, b))
                    )
    for hm in _INTEREST_HELD.finditer(text, a, b):
        # "Y, a limited partnership in which the limited partnership interest is held by A and
        # the general partnership interest is held by B": A a stake, B the general partner
        rel = None
        for r in re.finditer(r"\bin\s+which\b", text[a : hm.end()]):
            rel = a + r.start()
        before = [m for m in ments if a <= m.start and rel is not None and m.end <= rel]
        objs = _mention_list(ments, hm.end(), text)
        if not before or not objs or not _DESCRIBED_IN.fullmatch(text, before[-1].end, rel):
            continue
        role = Role.GENERAL_PARTNER if hm.group("kind").lower() == "general" else Role.SHAREHOLDER
        printed = " ".join(hm.group(0).split())
        for c in (x for m in objs for x in m.keys):
            for d in before[-1].keys:
                if c != d and book.issuer_key not in (c, d):
                    out.append(StatedLink(c, d, role, None, False, printed, phrase, (a, b)))
    for pm in _PCT_AND.finditer(text, a, b):
        before = [m for m in ments if a <= m.start and m.end <= pm.start()]
        after = [m for m in ments if m.start >= pm.end()]
        if not before or not after or not _GAP.fullmatch(text, before[-1].end, pm.start()):
            continue
        if after[0].start != pm.end():
            continue  # "A owns 12.0% and B owns ...": the second owner right after "and"
        nxt = after[0].end
        while nxt < b and text[nxt].isspace():
            nxt += 1
        vm = _VERB.match(text, nxt, b)
        if vm is None or not (vm.group("pct") or vm.group("hpct")):
            continue
        objs = _mention_list(ments, vm.end(), text)
        printed = " ".join(pm.group(0).split())
        for c in before[-1].keys:
            for d in (x for o in objs for x in o.keys):
                if c != d and book.issuer_key not in (c, d):
                    out.append(
                        StatedLink(
                            c,
                            d,
                            Role.SHAREHOLDER,
                            None,
                            False,
                            printed,
                            phrase,
                            (a, b),
                            share=float(pm.group("pct")),
                        )
                    )
    for vm in itertools.chain(
        _VERB.finditer(text, a, b), _SERVICE.finditer(text, a, b), _STAKE.finditer(text, a, b)
    ):
        verb = (vm.group("v") or vm.groupdict().get("v2") or "").lower()
        if not re.search(r"control|manage|advi|own|hold|interest", verb):
            continue
        aside = vm.groupdict().get("aside") or vm.groupdict().get("haside")
        core = verb.replace(aside.lower(), " ") if aside else verb
        if "own" in verb and not re.search(
            r"wholly|all\s+of|100%|%|percent|per\s+cent|\band\b|majority", core
        ):
            continue  # "owns 1,000 shares": a holding, not a link
        before = [m for m in ments if a <= m.start and m.end <= vm.start()]
        if not before:
            continue
        if not _GAP.fullmatch(text, before[-1].end, vm.start()):
            if (
                _AND_IT.fullmatch(text, before[-1].end, vm.start())
                and _CLAUSE_OPENING.fullmatch(text, a, before[0].start)
                and _SUBJECT_IS.match(text, before[0].end)
            ):
                # "X is a subsidiary of Z and it advises Y": "it" is the clause's subject
                before = before[:1]
            elif _AND_WHICH.fullmatch(text, before[-1].end, vm.start()) and (
                ante := _relative_antecedent(text, a, before)
            ):
                # "X, a partnership of which A is the sole general partner and which owned
                # 50% of Y": the second "which" is the first one's antecedent
                before = [ante]
            else:
                continue
        objs = _mention_list(ments, vm.end(), text)  # names right after the verb
        if objs and _NAME_GOES_ON.match(text, objs[0].end):
            objs = []  # "advises Invesco Select Companies Fund": a short name inside a longer one
        objects = [x for m in objs for x in m.keys]
        if vm.re is _SERVICE:
            listed = _fund_list(text, vm.end(), b, book)
            if len(listed) > len(objs):  # "The Gabelli Asset Fund, The Gabelli Growth Fund, ..."
                objects = list(dict.fromkeys([*objects, *listed]))
        if not objects:
            continue
        k = len(before) - 1
        while k > 0 and _LIST_SEP.match(text[before[k - 1].end : before[k].start]):
            k -= 1
        controllers = tuple(dict.fromkeys(x for m in before[k:] for x in m.keys))
        share = None
        if vm.re is _SERVICE:
            role = Role.INVESTMENT_MANAGER if "management" in verb else Role.INVESTMENT_ADVISER
        elif pct := (
            vm.groupdict().get("pct") or vm.groupdict().get("hpct") or vm.groupdict().get("pct2")
        ):
            role, share = Role.SHAREHOLDER, float(pct)
            if share > 100:
                continue  # no percentage
            if share == 100:
                role, share = Role.PARENT, None  # "holds 100% of the membership interests"
        elif "own" in verb:
            role = Role.PARENT
        elif "manage" in verb:
            role = Role.INVESTMENT_MANAGER
        elif "advise" in verb:
            role = Role.INVESTMENT_ADVISER
        else:
            role = Role.PARENT
        printed = " ".join(core.split())
        for c in controllers:
            for d in objects:
                if c == d or book.issuer_key in (c, d):
                    continue
                out.append(
                    StatedLink(
                        c,
                        d,
                        role,
                        None,
                        "indirect" in verb,
                        printed,
                        phrase,
                        (a, b),
                        share=share,
                    )
                )
    return out


#: A second verb whose subject is "it", after the clause's first verb phrase: "X is a
#: subsidiary of Z and it advises Y".
_AND_IT = re.compile(r"[^;()]{0,120}?,?\s+and\s+it\s+(?:also\s+)?", re.I)
#: A limited partner's stake stated without a percent: "owns a limited partnership interest in".
_LP_INTEREST = re.compile(
    r"\b(?P<v>(?:has|have|holds?|owns?)\s+(?:an?\s+|the\s+)?limited\s+partner(?:ship)?"
    r"\s+interests?)\s+in\s+(?:the\s+)?",
    re.I,
)
#: "in which the general partnership interest is held by", "and the limited partnership
#: interest is held by": who holds which interest in the partnership named before.
_INTEREST_HELD = re.compile(
    r"\b(?:in\s+which|and)\s+the\s+(?P<kind>general|limited)\s+partner(?:ship)?\s+interests?"
    r"\s+(?:is|are|was|were)\s+(?:to\s+be\s+)?held\s+by\s+(?:the\s+)?",
    re.I,
)
#: Between a partnership's name and "in which": its description ("("P1"), a Delaware
#: limited partnership").
_DESCRIBED_IN = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,\s*an?\s+[^,;()]{1,80}?)?\s*", re.I)
#: A second relative clause after a first one's subject: "... is the sole member and which".
_AND_WHICH = re.compile(r"[^;()]{0,100}?,?\s+and\s+which\s+(?:also\s+)?", re.I)
#: A relative pronoun that opens a clause about the name before it: "of which", ", which".
_RELATIVE_OPENS = re.compile(r"\b(?:of|in|for)\s+which\b|,\s*which\b", re.I)


def _relative_antecedent(text: str, a: int, before: list[Mention]) -> Mention | None:
    """The name a clause's first relative pronoun stands for ("X, a partnership of which A is
    ..."): the mention right before it, with at most a description between; None when the
    last mention is no subject of such a relative clause."""
    rel = None
    for r in _RELATIVE_OPENS.finditer(text, a, before[-1].start):
        rel = r
    if rel is None:
        return None
    ante = [m for m in before if m.end <= rel.start()]
    if not ante or not re.fullmatch(
        r"\s*(?:\([^()]*\)\s*)?(?:,\s*an?\s+[^,;()]{1,60}?)?\s*", text[ante[-1].end : rel.start()]
    ):
        return None
    return ante[-1]


#: After a mention, a capitalised word that continues the name (not "In", "The", ...).
_NAME_GOES_ON = re.compile(r"[ \t]+(?!(?:And|In|On|The|As|Of|To|For|By)\b)[A-Z][a-z]+\b")
#: The clause's subject and its verb: "X is", "X (the "Adviser") is".
_SUBJECT_IS = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:is|was)\b", re.I)

#: The last word of a fund's name in a list of clients: "Fund", "Trust", "ETF", a legal form.
_FUND_END = re.compile(
    r"(?:\b(?:Fund|Trust|Portfolio|Series|ETF|SICAV|Company)|\b(?:Inc|Ltd|Plc|plc|LLC|LP|LDC)\.?"
    r"|\bL\.P\.|\bN\.V\.|\bS\.A\.)$"
)
#: A bare legal form after a comma: part of the name before it ("The Gold Fund, Inc.").
_BARE_FORM = re.compile(r"(?:Inc|Ltd|Plc|plc|LLC|LP|LDC)\.?$|L\.P\.$|N\.V\.$|S\.A\.$")
#: Between the items of a list: a comma (", and"), or "and" after a whole name.
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
#: Where the list ends: a parenthesis, a semicolon, a sentence end, a relative clause.
_LIST_END = re.compile(
    r"\s*\(|;|(?<!\b[A-Z])\.\s+(?=[A-Z])|\.\s*$|,\s+(?:which|each|all|a|an|the\s+[a-z])\b"
)
#: An item of a list: capitalised words (and "&", "of", "and", "for", "in" inside).
_ITEM = re.compile(
    r"(?:The\s+)?[A-Z][\w&'’.+\-]*(?:,?\s+(?:[A-Z0-9][\w&'’.+\-]*|&|of|and|for|in|the))*$"
)


def _fund_list(text: str, start: int, end: int, book: NameBook) -> list[str]:
    """The keys of the funds listed from ``start`` ("A Fund, B Trust Inc., C, D & E Trust
    and F ETF"), each a party named only here unless the book knows it. A piece that ends
    with no fund word goes on into the next ("The GAMCO Global Gold, Natural Resources, &
    Income Trust"); a bare legal form joins the name before it; the list stops at a
    parenthesis, a sentence end or a piece that is no name."""
    stop = _LIST_END.search(text, start, end)
    span = text[start : stop.start() if stop else end]
    pieces: list[tuple[str, str]] = []  # (separator before, piece)
    pos, before = 0, ""
    for sep in _ITEM_SPLIT.finditer(span):
        pieces.append((before, span[pos : sep.start()].strip()))
        pos, before = sep.end(), sep.group(0)
    pieces.append((before, span[pos:].strip()))
    out: list[str] = []
    cur = ""
    misses = 0
    for glue, piece in pieces:
        if _BARE_FORM.fullmatch(piece) and out and not cur:
            out[-1] = f"{out[-1]}, {piece}"
            continue
        cand = f"{cur}{glue}{piece}" if cur else piece
        if not _ITEM.fullmatch(cand) or len(cand) > 120:
            misses += 1
            if misses > 1 or not out and cur:
                break
            cur = ""  # one unreadable item ("Mighty Mites(sm) Fund") is passed over
            continue
        misses = 0
        if _FUND_END.search(cand):
            out.append(cand)
            cur = ""
        else:
            cur = cand
    names = [" ".join(n.split()) for n in out]
    names = [n[:-1] if n.endswith(".") and not _BARE_FORM.search(n) else n for n in names]
    return list(dict.fromkeys(book.key_for_text_name(n) for n in names))
