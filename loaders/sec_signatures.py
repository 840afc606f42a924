"""Signature blocks of an SEC filing ("X, By: Y, General Partner, By: /s/ Z, Managing
Member") and the roles their capacities state."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ownergraph.graph.vocab import (
    Power,
    Role,
)
from ownergraph.loaders.sec_names import (
    _LEGAL,
    _LEGAL_RX,
)

# --------------------------------------------------------------------------- signatures

_ROLE_WORDS: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"general\s+partner|\bG\.\s?P\.(?!\w)", re.I), Role.GENERAL_PARTNER),
    (re.compile(r"managing\s+member", re.I), Role.MANAGING_MEMBER),
    (re.compile(r"sole\s+member", re.I), Role.SOLE_MEMBER),
    (re.compile(r"investment\s+advis[eo]r", re.I), Role.INVESTMENT_ADVISER),
    (re.compile(r"investment\s+manager", re.I), Role.INVESTMENT_MANAGER),
    (re.compile(r"trustee", re.I), Role.TRUSTEE),
    # "Title: Manager" / "its Manager" alone: the manager of an LLC (convention 2)
    (re.compile(r"^\W*(?:its\s+)?(?:sole\s+)?manager\W*$", re.I), Role.MANAGING_MEMBER),
    (
        re.compile(
            r"(?<!vice\s)president|chief\s+executive\s+officer|\bceo\b"
            r"|managing\s+principal",
            re.I,
        ),
        Role.OFFICER,
    ),
    # a bare "Director" under a signature states no control of the entity (a director
    # is not read as a controller: loaders.sec_grammar)
    (re.compile(r"\bmember\b", re.I), Role.MEMBER),
]
#: Capacities in which a person signs without controlling the entity: an attorney-in-fact,
#: an authorised signatory, or an officer whose title does not direct the entity (a chief
#: investment, financial or compliance officer, secretary, treasurer, counsel, vice president).
_NO_LINK = re.compile(
    r"individually|attorney|authori[sz]ed\s+signatory|power\s+of\s+attorney|vice\s+president"
    r"|secretary|treasurer|counsel|chief\s+(?!executive)\w+\s+officer|\bc[fio]o\b|compliance"
    r"|assistant|deputy|controller",
    re.I,
)


def _role_of(capacity: str | None) -> Role | None:
    if not capacity:
        return None
    if _NO_LINK.search(capacity):
        return None
    for rx, role in _ROLE_WORDS:
        if rx.search(capacity):
            return role
    return None


#: one step of a capacity written out: "[individually and] as Managing Member of Alpha GP,
#: LLC" / ", for itself and as the General Partner of Alpha Fund, L.P."
_CAPACITY_STEP = re.compile(
    r"(?:^|,?\s+|,\s*(?:and\s+)?)(?P<itself>(?:for\s+itself|individually)\s+and\s+)?as\s+"
    r"(?:the\s+|its\s+|a\s+|an\s+|sole\s+)?(?P<role>(?:sole\s+|co-)?(?:general\s+partner|managing\s+"
    r"member|managing\s+partner|member|manager|trustee|co-trustee|president|chief\s+executive\s+"
    r"officer|investment\s+manager|investment\s+advis[eo]r))\s+(?:of|to|for)\s+(?:the\s+)?"
    r"(?P<entity>[A-Z][\w.&'’\-]*(?:,?\s+(?:[A-Z(][\w.&'’()\-]*|of|and|de|the|&))*?)"
    r"(?=,?\s+(?:for\s+itself\s+and\s+|and\s+)?as\s|\s*[,.;]?\s*$)",
    re.I,
)


def capacity_chain(capacity: str | None) -> list[tuple[bool, Role, str]]:
    """The steps of a signer's capacity written out in words, each (acts for the entity
    before it, role, entity): "as Managing Member of Alpha GP, LLC, for itself and as the
    General Partner of Alpha Fund, L.P." -> the signer is Alpha GP's managing member, and
    Alpha GP (acting "for itself and as") Alpha Fund's general partner; "individually and
    as Trustee of the Doe Trust" -> the signer is the trustee. Only control roles
    (convention 2); empty when the words are no such chain.

    >>> [(prev, r.value, e) for prev, r, e in capacity_chain(
    ...     "as Managing Member of Alpha GP, LLC, for itself and as the General Partner of "
    ...     "Alpha Fund, L.P.")]
    [(False, 'managing_member', 'Alpha GP, LLC'), (True, 'general_partner', 'Alpha Fund, L.P.')]
    >>> [(prev, r.value, e) for prev, r, e in capacity_chain(
    ...     "individually and as Managing Member of Alpha GP, LLC")]
    [(False, 'managing_member', 'Alpha GP, LLC')]
    >>> capacity_chain("Managing Member")
    []
    """
    if not capacity or " of " not in capacity and " to " not in capacity:
        return []
    text = " ".join(capacity.split())
    out: list[tuple[bool, Role, str]] = []
    pos = 0
    while pos < len(text):
        m = _CAPACITY_STEP.match(text, pos)
        if m is None or m.end() == pos:
            break
        role = _role_of(m.group("role"))
        if role is None:
            return []
        itself = (m.group("itself") or "").casefold().startswith("for")
        out.append((bool(out) and itself, role, m.group("entity").strip(" ,")))
        pos = m.end()
    if text[pos:].strip(" ,.;"):
        return []  # words left no step reads: not a capacity chain
    return out


_TITLE_WORDS = re.compile(
    r"\b(?:director|chairman|chair|officer|president|partner|member|manager|principal|trustee"
    r"|secretary|treasurer|signatory|attorney|adviser|advisor|counsel|controller)\b",
    re.I,
)


def _is_title(text: str) -> bool:
    """A signer's title, control role or not ("Managing Member", "Director", "Secretary")."""
    return _role_of(text) is not None or bool(_TITLE_WORDS.search(text))


def _power_of(phrase: str | None) -> Power | None:
    if not phrase:
        return None
    if re.search(r"\bco-", phrase, re.I):
        return Power.SHARED
    if re.search(r"\bsole\b", phrase, re.I):
        return Power.SOLE
    return None


@dataclass
class _SigBlock:
    """A signature block: who signs for whom, in what capacity, and where."""

    entities: list[str]
    by: list[tuple[str, str | None, tuple[int, int]]]  # intermediary, capacity, span
    signer: str | None
    capacity: str | None
    span: tuple[int, int]
    context: str  # "signature", "jfa" or "letter"
    entity_spans: list[tuple[int, int]] = field(default_factory=list)
    signer_span: tuple[int, int] | None = None


_LINE_CLEAN = re.compile(r"^[\s#*_>]+|[\s#*_]+$")


def _split_entities(line: str) -> list[str]:
    """Split a line that names several entities ("... LP ... LP I ... FUND, LTD.")."""
    rx = re.compile(rf"(.+?(?:,?\s+{_LEGAL}(?:\s+(?:I|II|III|IV))?(?=\s|$)))", re.I)
    parts = []
    pos = 0
    for m in rx.finditer(line):
        parts.append(m.group(1).strip(" ,"))
        pos = m.end()
    rest = line[pos:].strip(" ,")
    if rest:
        parts.append(rest) if not parts else None
        if parts and rest and parts[-1] != rest:
            parts[-1] = parts[-1] if len(rest) < 3 else parts[-1]
            if len(rest) >= 3:
                parts.append(rest)
    merged: list[str] = []
    for part in parts:
        if merged and re.fullmatch(rf"{_LEGAL}", part, re.I):
            merged[-1] = f"{merged[-1]} {part}"
        elif part:
            merged.append(part)
    return merged or [line]


_SIG_LETTER = re.compile(r"very truly yours|sincerely")
_SIG_HEADING = re.compile(r"signatures?\.?$")
_SIG_BY = re.compile(r"By:\s*(.+)$", re.I)
_SIG_SLASH_S = re.compile(r"/s/\s*(.+)$")
_SIG_NAME_TITLE_FORM = re.compile(r"Signature:\s*(?:/s/|\*)?\s*(?P<signer>[A-Z][\w.,' \-]{2,60})$")
_SIG_LEFT_LABEL = re.compile(r"^\((?:Date|Dated)\)\s+(?=\S)", re.I)
_SIG_TITLE = re.compile(r"(?:Title|Its):\s*(.+)$", re.I)
_SIG_BY_START = re.compile(r"By:", re.I)
_SIG_CAPTION = re.compile(
    r"\(?(?:signature|date|name\s*/\s*title|name\s+and\s+title|print(?:ed)?\s+name)\)?", re.I
)
_SIG_LONE_LABEL = re.compile(r"(?:By|Name|Title|Its|Signature)\s*:", re.I)
_SIG_AHEAD = re.compile(r"By\b|/s/|Signature:", re.I)
_SIG_NOT_ENTITY = re.compile(
    # a caption in brackets ("[Signature Page to Equity Commitment Letter]") and a court
    # order's signature ("BY THE COURT:") name no party either
    r"[\[(]?(?:Dated?|Date|Name|Title|Its|Item|Exhibit|Schedule|Signature|Joint\s+Filing|Power\s+of"
    r"|CUSIP|Page|By\s+the\s+Court)\b",
    re.I,
)
_CAPITAL = re.compile(r"[A-Z]")
#: A date column left of a signature block's line ("Date: December 19, 2022\t\tACME INC.").
_SIG_DATE_LEFT = re.compile(
    r"(?:Dated?\s*:?\s*)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}(?:\s*\t\s*|\s{3,})(?=\S)"
)


_ENTITY_THEN_BY = re.compile(
    rf"([A-Z][^\n]*?\b{_LEGAL}(?:\s+(?:I|II|III|IV|V))?)[,;]?\s+(By:\s*\S.*)$"
)
#: "ALPHA GP, LLC, for itself and as general partner of ALPHA FUND, L.P.": an entity line
#: naming the entity it acts for (the block signs for the second, by the first)
_ENTITY_AS_ROLE_OF = re.compile(
    rf"(?P<gp>[A-Z][^\n]*?\b{_LEGAL}(?:\s+(?:I|II|III|IV|V))?),?\s+(?:for\s+itself\s+and\s+)?"
    r"as\s+(?:the\s+|its\s+|sole\s+)?(?P<role>general\s+partner|managing\s+member|manager|"
    r"sole\s+member|investment\s+manager|investment\s+advis[eo]r|trustee)\s+(?:of|to|for)\s+"
    rf"(?:the\s+)?(?P<ent>[A-Z][^\n]*?\b{_LEGAL}(?:\s+(?:I|II|III|IV|V))?)[,.;:]?$",
    re.I,
)
#: not an entity line: a "By:" line, a signature, a signer's capacity ("Jane Doe, as ...")
_NOT_AN_ENTITY_LINE = re.compile(r"\bas\b|/s/|^By\b", re.I)
#: "Jane Q. Doe, Managing Member" after "/s/": the signer, then a title.
_SIGNER_COMMA_TITLE = re.compile(r"(.+?),\s*([^,]+)$")
_SIG_BY_WORD = re.compile(r"By\b", re.I)
_SIG_TITLE_ANY = re.compile(r"(?:^|\s)(?:Title|Its)\s*:", re.I)
_TITLE_LABEL = re.compile(r"^\s*(?:Title|Its)\s*:\s*", re.I)


#: every role word of :data:`_ENTITY_AS_ROLE_OF` holds one of these (case folded)
_ACT_ROLE_WORDS = ("partner", "member", "manager", "advis", "trustee")


def _may_act_as(line: str) -> bool:
    """False only when :data:`_ENTITY_AS_ROLE_OF` cannot match ``line`` (an ASCII line
    without "as" or without a role word): a cheap test before the pattern's scan.

    >>> _may_act_as("ALPHA GP, LLC, as general partner of ALPHA FUND, L.P.")
    True
    >>> _may_act_as("The Reporting Persons filed this statement.")
    False
    """
    if not line.isascii():
        return True  # case folding beyond ASCII: left to the pattern
    low = line.lower()
    return "as" in low and any(w in low for w in _ACT_ROLE_WORDS)


def _undated(line: str) -> str:
    """A signature line without the date column printed left of it."""
    m = _SIG_DATE_LEFT.match(line)
    return line[m.end() :] if m else line


_NAME_LABEL = re.compile(r"Name:\s*", re.I)
#: a bare "By" label (colon, rule) with nothing after it but a "Name:" label
_BARE_BY = re.compile(r"^By\b[\s:_\-=.]*(?=Name\s*:|$)", re.I)
_COMMA_REST = re.compile(r"\s*,?\s*(.*)$")
#: "By: Acme Partners, L.P., its general partner": the entity and its capacity.
_BY_ENTITY_CAP = re.compile(rf"(.+?{_LEGAL}(?:\s+(?:I|II|III))?)\s*,\s*(.+)$", re.I)
#: "Name/Title: David I. Fisher, Chairman": the label, and after the signer's name the title.
_NAME_TITLE_LABEL = re.compile(r"Name/Title:\s*", re.I)
_COMMA_CAP = re.compile(r"\s*,\s*(.+)$")


def _after_signer(line: str, signer: str) -> str | None:
    """What follows the signer's name on ``line`` ("Name: Jane Doe, Managing Member" ->
    "Managing Member"), None when the line does not start with the name (case ignored,
    after an optional "Name:"). One fixed pattern for every signer (no pattern per name).

    >>> _after_signer("Name: Jane Doe , Manager", "JANE DOE")
    'Manager'
    >>> _after_signer("John Roe", "Jane Doe") is None
    True
    """
    n = len(signer)
    folded = signer.lower()
    m = _NAME_LABEL.match(line)
    for p in (m.end(), 0) if m else (0,):
        if line[p : p + n].lower() == folded:
            return _COMMA_REST.match(line, p + n).group(1)  # type: ignore[union-attr]
    return None


def _signature_blocks(text: str, start: int) -> list[_SigBlock]:
    """Read signature blocks after ``start``: entity lines, "By:" lines, "/s/" signers."""
    lines: list[tuple[int, int, str]] = []
    pos = start
    for raw in text[start:].split("\n"):
        s = raw.strip()  # what _LINE_CLEAN leaves, unless a mark ("#", "*", "_", ">") ends it
        if s and (s[0] in "#*_>" or s[-1] in "#*_"):
            s = _LINE_CLEAN.sub("", raw)
        if s:
            off = raw.find(s[:8]) if s[:8] in raw else 0
            # "ALPHA FUND I, L.P., By: Alpha GP, LLC, its General Partner": the entity and
            # its first "By:" on one line are two lines of the block
            cut = _ENTITY_THEN_BY.match(s) if "By:" in s else None
            acts = None if cut or not _may_act_as(s) else _ENTITY_AS_ROLE_OF.match(s)
            if acts and len(s) < 200 and not re.search(r"\bas\b|/s/|^By\b", acts.group("gp"), re.I):
                # "ALPHA GP, LLC, for itself and as general partner of ALPHA FUND, L.P.":
                # read as "ALPHA FUND, L.P." / "By: ALPHA GP, LLC, its general partner"
                a = pos + off
                lines.append((a + acts.start("ent"), a + acts.end("ent"), acts.group("ent")))
                by = f"By: {acts.group('gp')}, its {' '.join(acts.group('role').split())}"
                lines.append((a, a + acts.end("role"), by))
            elif cut and len(cut.group(1)) < 120:
                a = pos + off
                lines.append((a, a + len(cut.group(1)), cut.group(1)))
                lines.append((a + cut.start(2), a + len(s), s[cut.start(2) :]))
            else:
                lines.append((pos + off, pos + off + len(s), s))
        pos += len(raw) + 1
    # "By:" / "/s/ James A. Mai" / "Name:" / "James A. Mai" / "Title:" / "Managing Member":
    # a label alone on its line (a table cell of its own) and its value on the next
    k = 0
    while k + 1 < len(lines):
        if _SIG_LONE_LABEL.fullmatch(lines[k][2]) and not _SIG_LONE_LABEL.fullmatch(
            lines[k + 1][2]
        ):
            lines[k : k + 2] = [(lines[k][0], lines[k + 1][1], f"{lines[k][2]} {lines[k + 1][2]}")]
        k += 1
    # a line that signs ("By", "/s/", "Signature:"): an entity line is one just above it
    signish = [bool(_SIG_AHEAD.match(t)) or "/s/" in t for _a, _b, t in lines]
    blocks: list[_SigBlock] = []
    context = "signature"
    witness = False
    ents: list[str] = []
    ent_spans: list[tuple[int, int]] = []
    bys: list[tuple[str, str | None, tuple[int, int]]] = []
    block_start: int | None = None
    i = 0
    while i < len(lines):
        s0, e0, s = lines[i]
        dated = _SIG_DATE_LEFT.match(s)
        if dated:
            # "Date: December 19, 2022    ALTRIA GROUP, INC.": the date column beside
            s0, s = s0 + dated.end(), s[dated.end() :]
        low = s.casefold()
        if "in witness whereof" in low and context != "jfa":
            witness = True  # an agreement's signature page (an exhibit), not the filing's
        if "joint filing agreement" in low:
            context = "jfa"
        elif _SIG_LETTER.match(low):
            context = "letter"
            ents, ent_spans, bys, block_start = [], [], [], None
            i += 1
            continue
        elif _SIG_HEADING.match(low):
            context = "signature"
            witness = False
        m_by = _SIG_BY.match(s)
        m_s = _SIG_SLASH_S.search(s)
        m_nt = _SIG_NAME_TITLE_FORM.match(s)
        if m_nt and i + 2 < len(lines):
            # "Signature: *David I. Fisher" / "Name/Title: David I. Fisher, Chairman" /
            # "Capital Group International, Inc.": the entity signed for is printed below
            signer = m_nt.group("signer").strip(" ,")
            nt = None
            lab = _NAME_TITLE_LABEL.match(lines[i + 1][2])
            if lab and lines[i + 1][2][lab.end() : lab.end() + len(signer)].lower() == (
                signer.lower()
            ):
                nt = _COMMA_CAP.match(lines[i + 1][2], lab.end() + len(signer))
            ent = lines[i + 2][2].strip()
            if nt and _LEGAL_RX.search(ent) and len(ent) < 80 and not _SIG_NOT_ENTITY.match(ent):
                k = text.find(ent, lines[i + 2][0], lines[i + 2][1] + 1)
                blocks.append(
                    _SigBlock(
                        entities=[ent],
                        by=[],
                        signer=signer,
                        capacity=nt.group(1).strip(),
                        span=(s0, lines[i + 2][1]),
                        context=context,
                        entity_spans=[(k, k + len(ent)) if k >= 0 else lines[i + 2][:2]],
                        signer_span=(s0 + s.find(signer), e0),
                    )
                )
                ents, ent_spans, bys, block_start = [], [], [], None
                i += 3
                continue
        if m_s:
            # "/s/ F. William McNabb III*": a footnote mark (signed by an attorney-in-fact)
            # "By: /s/ J. Ellwood Towle          J. Ellwood Towle": the typed name beside
            signer = re.split(r"\t|\s{3,}", m_s.group(1).strip())[0]
            signer = re.sub(r"\s+", " ", signer).strip(" ,*")
            sspan = (s0 + s.find(m_s.group(1)), e0)
            capacity = None
            # "By: /s/ Jane Q. Doe, Managing Member": the title on the signature's line
            st = _SIGNER_COMMA_TITLE.fullmatch(signer)
            if st and _is_title(st.group(2)) and not _is_title(st.group(1)):
                signer, capacity = st.group(1).strip(), st.group(2).strip()
            end = e0
            bare_by = False
            j = i + 1
            while j < len(lines) and j <= i + 3:
                # "(Date)   Paul Eagland, President": a left-column label under the date
                t = _SIG_LEFT_LABEL.sub("", lines[j][2])
                # "/s/ JOHN DOE" / "By: ______" / "Name: John Doe" / "Title: ...": the
                # "By" under the signature is the line's label, no signer of its own
                bare = _BARE_BY.match(t)
                if bare:
                    t = t[bare.end() :]
                    bare_by = True
                if not t.strip("-=_ ") or _SIG_CAPTION.fullmatch(t.strip()):
                    # the signature rule under "/s/ X", a caption under a rule ("SIGNATURE")
                    j += 1
                    continue
                after = _after_signer(t, signer)
                if after is not None:
                    end = lines[j][1]
                    if after.strip(" /"):
                        # "MAURY FERTIG/MANAGING MEMBER" over the caption "NAME/TITLE"
                        # "Name: WANG Xun   Title: Manager": the title's label is no title
                        capacity = _TITLE_LABEL.sub("", after).strip(" /")
                        if (
                            not _is_title(capacity)
                            and j + 1 < len(lines)
                            and _SIG_TITLE.match(lines[j + 1][2])
                        ):
                            # "Name: JoMei Chang, Ph.D." / "Title: President": a suffix
                            # of the name; the title is on the next line
                            capacity = None
                            j += 1
                            continue
                        # "Dan Rubin, Chief Executive" / "Officer": a title broken over
                        # two lines, joined when only the whole is a role
                        if j + 1 < len(lines) and _role_of(capacity) is None:
                            t2 = lines[j + 1][2].strip()
                            if (
                                len(t2) < 30
                                and not _SIG_AHEAD.match(t2)
                                and not _SIG_NOT_ENTITY.match(t2)
                                and _role_of(f"{capacity} {t2}") is not None
                            ):
                                capacity = f"{capacity} {t2}"
                                end = lines[j + 1][1]
                        break
                    j += 1
                    continue
                mt = _SIG_TITLE.match(t)
                if mt or (_role_of(t) and len(t) < 60 and not _SIG_BY_START.match(t)):
                    capacity = (mt.group(1) if mt else t).strip()
                    end = lines[j][1]
                break
            if (
                bare_by
                and not bys
                and (
                    len(ents) > 1
                    or context == "letter"
                    or (witness and _role_of(capacity) == Role.OFFICER)
                )
            ):
                # a title under a bare "By" with two entity lines stacked above and no
                # "By:" chain: which entity the title is of is not stated (an agreement's
                # page: the Company's officer under the holder's name); a letter's is its
                # writer's, no filer's; an officer's title on an agreement's page ("IN
                # WITNESS WHEREOF", no joint filing agreement) is a contracting party's
                # (a counterparty's corporation), not a filer's signature
                capacity = None
            if ents or bys or capacity:
                blocks.append(
                    _SigBlock(
                        entities=list(ents),
                        by=list(bys),
                        signer=signer,
                        capacity=capacity,
                        span=(block_start if block_start is not None else s0, end),
                        context=context,
                        entity_spans=list(ent_spans),
                        signer_span=sspan,
                    )
                )
            ents, ent_spans, bys, block_start = [], [], [], None
            i = j if capacity else i + 1
            while i < len(lines) and lines[i][1] <= end:
                i += 1
            continue
        if m_by:
            who = m_by.group(1).strip()
            cap = None
            mm = _BY_ENTITY_CAP.match(who)
            if mm and _role_of(mm.group(2)):
                who, cap = mm.group(1), mm.group(2)
            elif "/s/" not in who and "," in who:
                # "By: Victor Khosla, Managing Member": a person and the capacity
                head, tail = who.rsplit(",", 1)
                if _is_title(tail) and not _is_title(head) and len(tail) < 60:
                    who, cap = head, tail.strip()
            # "By: Energy Growth Momentum GP II Limited, its" / "general partner"
            who = re.sub(r",?\s+its$", "", who.strip(" ,"), flags=re.I).strip(" ,")
            span = (s0, e0)
            if cap is None and i + 1 < len(lines):
                t = lines[i + 1][2]
                if len(t) < 60 and _role_of(t) and "/s/" not in t and not _SIG_BY_START.match(t):
                    cap = t.strip(" ,")
                    span = (s0, lines[i + 1][1])
                    i += 1
            bys.append((who, cap, span))
            if block_start is None:
                block_start = s0
            i += 1
            continue
        signs_ahead = any(signish[i + 1 : i + 4])
        ahead = [t for _a, _b, t in lines[i + 1 : i + 4]] if signs_ahead else []
        is_entity = (
            len(s) < 220
            and signs_ahead
            and not _SIG_NOT_ENTITY.match(s)
            and (
                (s == s.upper() and len(_CAPITAL.findall(s)) >= 6 and _LEGAL_RX.search(s))
                or (
                    s == s.upper()
                    and len(s.split()) >= 2
                    and len(_CAPITAL.findall(s)) >= 6
                    and len(s) < 80
                )
                # "HNA HLT Holdco II LLC" (mixed case) above "By: /s/ WANG Xun" / "Name: WANG
                # Xun" / "Title: Manager"
                or (
                    len(s) < 80
                    and bool(_LEGAL_RX.search(s))
                    and len(ahead) >= 2
                    # "By: /s/ X", "BY /s/ X", "/s/ X" (a date column beside it), then a
                    # "Title:" or "Its:" line, or "Name: X   Title: Y" on one line
                    and "/s/" in (a0 := _undated(ahead[0]))
                    and bool(_SIG_BY_WORD.match(a0) or a0.startswith("/s/"))
                    and any(_SIG_TITLE_ANY.search(t) for t in ahead[1:3])
                    and _role_of(s) is None
                    and s[:1].isupper()
                    and not s.rstrip().endswith(":")
                )
                # "Dimensional Fund Advisors LP" (mixed case) right above "By: ..., General
                # Partner"
                or (
                    len(s) < 80
                    and bool(_LEGAL_RX.search(s))
                    and bool(ahead)
                    and bool(_SIG_BY_START.match(ahead[0]))
                    and "/s/" not in ahead[0]
                    and "," in ahead[0]
                    # "By: GP LLC, its General Partner", or "By: GP LLC," / "its General
                    # Partner" with the role on the next line
                    and (
                        _role_of(ahead[0].split(",", 1)[1]) is not None
                        or (
                            ahead[0].rstrip().endswith(",")
                            and len(ahead) > 1
                            and len(ahead[1]) < 60
                            and _role_of(ahead[1]) is not None
                        )
                    )
                    and _role_of(s) is None
                    and s[:1].isupper()
                    and not s.rstrip().endswith(":")
                )
            )
        )
        if is_entity:
            if bys:
                ents, ent_spans, bys = [], [], []
            for part in _split_entities(s):
                ents.append(part)
                k = text.find(part, s0, e0 + 1)
                ent_spans.append((k, k + len(part)) if k >= 0 else (s0, e0))
            if block_start is None:
                block_start = s0
        elif not m_by:
            # prose line: a block cannot span it
            if len(s) > 120:
                ents, ent_spans, bys, block_start = [], [], [], None
        i += 1
    return blocks
