"""Text rules of the Schedule 13D/13G XML loader (:mod:`loaders.sec13dg_xml`) that read
more than the shared relation grammar (:mod:`loaders.sec_grammar`) does:

- :func:`flat`: a line break inside a paragraph is a space (same length, spans stay true):
  "wholly-owned\\nby Eli Polatov" reads as one phrase.
- :func:`item7_subsidiaries`: Item 7 of a 13G filed by a parent holding company (Rule
  13d-1(b)(1)(ii)(G)) identifies the subsidiaries that acquired the shares; the list is in
  the Item itself or in the exhibit it points to ("See Exhibit 99"; an exhibit described
  as "ITEM 7"): one name a line, a footnote ("*Entity beneficially owns 5% ...") after it.
  Each listed name is a subsidiary of the filer (Role.PARENT), as the rule states.
- :func:`respectively_holdings`: "issued 6,606,805.7 Common Shares and 600,618.7 Common
  Shares to AP Fresco and MAPS Equity, respectively": a count per holder, in order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ownergraph.graph.clean import parse_number
from ownergraph.graph.vocab import Instrument, Role
from ownergraph.loaders.sec_lexicon import looks_like_entity
from ownergraph.loaders.sec_stated_holdings import StatedHolding
from ownergraph.loaders.sec_terms import NameBook

_LINE_BREAK = re.compile(r"(?<![\r\n])(\r?\n)(?![\r\n])")


def flat(t: str) -> str:
    """Single line breaks as spaces, the length unchanged.

    >>> flat("wholly-owned\\nby X\\n\\nNext")
    'wholly-owned by X\\n\\nNext'
    """
    return _LINE_BREAK.sub(lambda m: " " * len(m.group(1)), t).replace("\t", " ")


_EXHIBIT_REF = re.compile(r"\bExhibit\s+(?:No\.\s*)?(?P<id>[0-9]+(?:\.[0-9]+)?|[A-Z]\b)", re.I)
_ITEM7_DESC = re.compile(r"\bitem[\s_-]*7\b", re.I)
_HEADING = re.compile(
    r"^(?:exhibit|item|subsidiar|schedule|appendix|annex|attachment|the\s+following|name\b"
    r"|identification|classification|page\b)",
    re.I,
)
#: a trailing footnote marker or classification code after a listed name
_TRAIL = re.compile(r"(?:\s*[*†‡]+|\s*\(\d\)|\s+[-–]\s*(?:IA|BK|IC|HC|CO|BD|IN)\b)+\s*$")


def _titled(s: str) -> bool:
    """Every word capitalised (or a connector): a name, not a sentence.

    >>> _titled("BlackRock (Netherlands) B.V."), _titled("See the exhibit attached")
    (True, False)
    """
    words = s.split()
    return len(words) <= 8 and all(
        re.match(r"[(\[\"'“]?[A-Z0-9&]", w) or w.lower() in _CONNECTORS for w in words
    )


_CONNECTORS = {"of", "and", "de", "du", "des", "la", "le", "di", "del", "&", "-", "–", "für"}


def _list_names(text: str) -> list[str]:
    """The names listed one a line, until the footnote or prose after the list."""
    names: list[str] = []
    lines = text.splitlines()
    if len(lines) == 1 and text.count(";") >= 1:  # "A, LLC; B Fund Advisors; C Ltd."
        lines = text.split(";")
    for raw in lines:
        s = raw.strip()
        if not s:
            continue
        if s[0] in "*†‡(" or (names and len(s.split()) > 12):
            break  # the footnote or the prose after the list
        s = _TRAIL.sub("", s).strip(" ,;")
        if not s or _HEADING.match(s):
            continue
        if len(s) > 120 or len(s.split()) > 12 or not (looks_like_entity(s) or _titled(s)):
            if names:
                break
            continue
        names.append(s)
    return names


def item7_subsidiaries(
    item7: Mapping[str, str], exhibits: Iterable[Mapping[str, str | None]]
) -> list[tuple[str, str]]:
    """The subsidiaries Item 7 identifies: ``(name, where)`` pairs, in the order listed.

    >>> [n for n, _w in item7_subsidiaries(
    ...     {"subsidiaryIdentificationAndClassification": "Aperio Group, LLC; BlackRock Fund"
    ...      " Advisors; BlackRock Advisors, LLC"}, [])]
    ['Aperio Group, LLC', 'BlackRock Fund Advisors', 'BlackRock Advisors, LLC']
    >>> item7_subsidiaries(
    ...     {"subsidiaryIdentificationAndClassification": "See Exhibit 99"},
    ...     [{"type": "EX-99", "description": "EXHIBIT 99: ITEM 7",
    ...       "text": "Aperio Group, LLC\\n BlackRock Fund Advisors\\n\\n*Entity beneficially owns"}],
    ... )
    [('Aperio Group, LLC', 'EX-99'), ('BlackRock Fund Advisors', 'EX-99')]
    """
    # the 13G Item 7 (a 13D's Item 7 lists the exhibits filed: not subsidiaries)
    body = item7.get("subsidiaryIdentificationAndClassification") or ""
    out: list[tuple[str, str]] = [(n, "Item 7") for n in _list_names(body)]
    if len(out) < 2:  # a single line is a sentence the grammar reads, not a list
        out = []
    refs = {m.group("id").upper() for m in _EXHIBIT_REF.finditer(body)}
    for ex in exhibits:
        etype = (ex.get("type") or "").upper()
        desc = f"{ex.get('description') or ''} {ex.get('filename') or ''}"
        ex_id = etype.removeprefix("EX-")
        by_ref = bool(refs) and (ex_id in refs or ex_id.split(".")[0] in refs)
        if not (by_ref or _ITEM7_DESC.search(desc)):
            continue
        out += [(n, etype or "exhibit") for n in _list_names(ex.get("text") or "")]
    return list({n.casefold(): (n, w) for n, w in reversed(out)}.values())[::-1]


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SHARES = r"(?:[A-Z][\w-]*\s+){0,3}(?:shares|Shares|units|Units)\b"
_RESPECTIVELY = re.compile(
    rf"(?P<counts>(?:{_NUM})\s+{_SHARES}(?:\s*,\s*(?:{_NUM})\s+{_SHARES})*"
    rf"\s*,?\s+and\s+(?:{_NUM})\s+{_SHARES})"
    r"\s+(?:of\s+[^.;]{0,60}?\s+)?to\s+(?P<holders>[^.;]{3,300}?),?\s+respectively\b"
)


def respectively_holdings(text: str, book: NameBook) -> list[StatedHolding]:
    """Counts given to holders "respectively", matched in order (as many counts as holders).

    >>> b = NameBook(issuer_key="i")
    >>> b.add_party("a", "AP Fresco"); b.add_party("m", "MAPS Equity")
    >>> [(h.holder, h.shares) for h in respectively_holdings(
    ...     "issued 6,606,805.7 Common Shares and 600,618.7 Common Shares to AP Fresco and"
    ...     " MAPS Equity, respectively.", b)]
    [('a', 6606805.7), ('m', 600618.7)]
    """
    out: list[StatedHolding] = []
    if "respectively" not in text:  # the pattern's last word: most texts lack it
        return out
    for m in _RESPECTIVELY.finditer(text):
        counts = [parse_number(n) for n in re.findall(_NUM, m.group("counts"))]
        ments = book.mentions(m.group("holders"), discover=False)
        keys = [x.keys[0] for x in ments if len(x.keys) == 1]
        if len(keys) != len(counts) or len(set(keys)) != len(keys) or None in counts:
            continue
        # nothing but the names and list punctuation between the counts' holders
        h = m.group("holders")
        rest = h
        for x in sorted(ments, key=lambda x: -x.start):
            rest = rest[: x.start] + rest[x.end :]
        if re.sub(r"[\s,]|\band\b|\bthe\b|\beach\s+of\b", "", rest, flags=re.I):
            continue
        phrase = " ".join(m.group(0).split())
        out += [StatedHolding(k, n, phrase, m.span()) for k, n in zip(keys, counts, strict=True)]
    return out


#: Convention 2 (tests/fixtures/corpus/README.md): a signer's own title states a link to the
#: entity signed for only when it is a control role of that entity.
_SIGNER_ROLES: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"\b(?:general|managing)\s+partner\b", re.I), Role.GENERAL_PARTNER),
    (re.compile(r"\bmanaging\s+member\b|^manager$", re.I), Role.MANAGING_MEMBER),
    (re.compile(r"\bsole\s+member\b", re.I), Role.SOLE_MEMBER),
    (re.compile(r"^member$", re.I), Role.MEMBER),
    (re.compile(r"\btrustee\b", re.I), Role.TRUSTEE),
    (re.compile(r"^(?:president|chief\s+executive\s+officer|ceo)$", re.I), Role.OFFICER),
    (re.compile(r"^investment\s+manager$", re.I), Role.INVESTMENT_MANAGER),
    (re.compile(r"^investment\s+advis[eo]r$", re.I), Role.INVESTMENT_ADVISER),
]


def signer_role(signer: str, title: str) -> Role | None:
    """The role a signature's title states of the signer toward the reporting person.

    >>> signer_role("Steve Alexander", "President"), signer_role("/s/ Andres Ortiz",
    ...     "Andres Ortiz, Authorized Signatory"), signer_role("Neil Gray", "Neil Gray / Director")
    (<Role.OFFICER: 'officer'>, None, None)
    """
    name = re.sub(r"^\s*/s/\s*", "", signer or "").strip()
    t = (title or "").strip()
    if name and t.casefold().startswith(name.casefold()):
        t = t[len(name) :].lstrip(" ,/-")
    t = " ".join(t.split())
    if not t or re.search(r"\bof\b|\bvice\b|\bassistant\b|\bdeputy\b", t, re.I):
        return None  # a title "of" another entity says nothing of this one
    for rx, role in _SIGNER_ROLES:
        if rx.search(t):
            return role
    return None


def director_and_signer_links(
    texts: list[tuple[str, Any]],
    signatures: list[tuple[str, str, str, Any]],
    book: NameBook,
    link_acc: dict[tuple[str, str, Role], dict[str, Any]],
    add_link: Callable[..., None],
    pv: Callable[..., Any],
) -> None:
    """Links stated outside the grammar's vocabulary:

    - "A, B and C are the Management Committee Directors of the GP": a director of an
      intermediary stated in prose (not of the issuer) -> director (convention 3; the
      Forms 3/4/5 rule :func:`loaders.form345_rules.director_links`);
    - a signature whose title is a control role of the reporting person signed for
      (convention 2: "Steve Alexander, President" of Regal Nutra LLC): signer -> reporting
      person; a signer the document names nowhere else becomes a party (an entity only when
      the reporting person has no controller in that role yet: else it is a misspelling).
    """
    from ownergraph.graph.ids import normalize_name, party_id
    from ownergraph.loaders.form345_rules import director_links, power_statements

    # the powers a sentence states go onto the link its pair already has ("GP ... may be
    # deemed to have shared voting and dispositive power over the shares held by the Fund")
    for t, el in texts:
        for fl in power_statements(t, book):
            for k in [k for k in link_acc if k[:2] == (fl.controller, fl.controlled)]:
                acc = link_acc[k]
                if acc.get("voting") is None and acc.get("investment") is None:
                    add_link(
                        k[0],
                        k[1],
                        k[2],
                        None,
                        acc.get("indirect", False),
                        pv(el, span=fl.span, phrase=fl.phrase, note="powers stated"),
                        voting=fl.voting,
                        investment=fl.investment,
                    )

    for t, el in texts:
        for fl in director_links(t, book):
            if not any(k[:2] == (fl.controller, fl.controlled) for k in link_acc):
                add_link(
                    fl.controller,
                    fl.controlled,
                    Role.DIRECTOR,
                    None,
                    False,
                    pv(el, span=fl.span, phrase=fl.phrase, note="role stated as director"),
                )
    by_norm = {normalize_name(sp): k for k, sps in book.spellings.items() for sp in sps}
    for rp_name, signer, title, sig in signatures:
        role = signer_role(signer, title)
        rp = by_norm.get(normalize_name(rp_name))
        if role is None or rp is None or not signer:
            continue
        sk = by_norm.get(normalize_name(signer))
        if sk is None:
            entity = looks_like_entity(signer)
            if not entity and len(signer.split()) > 4:
                continue
            if entity and any(k[1] == rp and k[2] is role for k in link_acc):
                continue  # a spelling of the controller the text names already
            sk = book.key_for_text_name(signer) if entity else party_id(name=signer)
            if not entity:
                book.add_party(sk, signer, person=True)
            by_norm[normalize_name(signer)] = sk
        if sk != rp and not any(k[:2] == (sk, rp) for k in link_acc):
            add_link(
                sk,
                rp,
                role,
                None,
                False,
                pv(
                    sig,
                    phrase=f"{rp_name} / {signer}, {title}",
                    note=f"signature: signed for {rp_name} as {title!r}",
                ),
            )


#: "Managing Member of Gandy GP LLC, its General Partner" (one title field): Y, and the
#: role Y holds toward the reporting person signed for
_TITLE_OF_Y = re.compile(
    r"^(?P<own>.*?)\bof\s+(?P<y>[^,]+(?:,\s*(?:L\.?\s?L\.?\s?C|L\.?\s?P|Inc|Ltd|LLC|LP)\.?)?)"
    r",\s+(?:its|the)\s+(?:sole\s+)?(?P<role>general\s+partner|managing\s+member|sole\s+member"
    r"|manager|investment\s+manager|investment\s+advis[eo]r|trustee)\b",
    re.I,
)


def _signing_person(signature: str | None, name: str) -> bool:
    """A "/s/ Name" step that names a person (not an entity, at most four words)."""
    return (
        (signature or "").lstrip().startswith("/s/")
        and bool(name)
        and not looks_like_entity(name)
        and len(name.split()) <= 4
    )


def signature_chain_links(
    chains: list[tuple[str, list[tuple[str, str]], Any]],
    book: NameBook,
    link_acc: dict[tuple[str, str, Role], dict[str, Any]],
    add_link: Callable[..., None],
    pv: Callable[..., Any],
) -> None:
    """The signature blocks read as the text's "X, By: Y, its General Partner, By: /s/ Z,
    Managing Member" (convention 2), in the two XML layouts:

    - one ``signatureDetails`` per step (``signature`` = the entity or person signing,
      ``title`` = its capacity): each entity step that the document names elsewhere
      (an exact spelling of a known party: a misspelt step stops the chain, nothing is
      invented) holds its capacity toward the one before; the person who signs last holds
      his title toward the last entity when it is a control title (:func:`signer_role`);
    - one title "Z, Managing Member of Y, its General Partner": Y holds that role toward
      the reporting person, and Z his own title toward Y when it is a control title.

    ``chains`` is [(reporting person signed for, [(signature, title), ...], element)].
    """
    from ownergraph.graph.ids import normalize_name, party_id

    by_norm = {normalize_name(sp): k for k, sps in book.spellings.items() for sp in sps}

    def reaches(c: str, d: str) -> bool:
        """True when the stated links already lead from ``c`` to ``d``."""
        seen, todo = {c}, [c]
        while todo:
            x = todo.pop()
            for k in link_acc:
                if k[0] == x and k[1] not in seen:
                    if k[1] == d:
                        return True
                    seen.add(k[1])
                    todo.append(k[1])
        return False

    def link(c: str, d: str, role: Role, el: Any, phrase: str) -> None:
        # no link that skips an intermediary the document names ("X, a series of Y / By:
        # Z, its managing member" where Z manages Y): the chain already says it
        if c != d and not reaches(c, d) and not reaches(d, c):
            add_link(c, d, role, None, False, pv(el, phrase=phrase, note="signature block"))

    for rp_name, steps, el in chains:
        prev = by_norm.get(normalize_name(rp_name))
        if prev is None:
            continue
        for signature, title in steps:
            name = re.sub(r"^\s*/s/\s*", "", signature or "").strip()
            key = by_norm.get(normalize_name(name)) if name else None
            t = " ".join((title or "").split())
            m = (
                _TITLE_OF_Y.search(re.sub(r"^\s*" + re.escape(name) + r"\s*,?\s*", "", t))
                if (name and t)
                else None
            )
            if m is not None:
                y = by_norm.get(normalize_name(m.group("y")))
                role = signer_role("", m.group("role"))
                if y is None or role is None:
                    break
                link(y, prev, role, el, f"{rp_name} / {name}, {t}")
                own = signer_role("", m.group("own").strip(" ,"))
                if own is not None and key is None and _signing_person(signature, name):
                    key = party_id(name=name)
                    book.add_party(key, name, person=True)
                if own is not None and key is not None and key in book.persons:
                    link(key, y, own, el, f"{rp_name} / {name}, {t}")
                break
            role = signer_role("", t)
            if role is None:
                break
            if key is None and _signing_person(signature, name):
                # a person signing last, named nowhere else: a person party (convention 2)
                key = party_id(name=name)
                book.add_party(key, name, person=True)
                by_norm[normalize_name(name)] = key
            if key is None or key == prev:
                break
            link(key, prev, role, el, f"{rp_name} / {name}, {t}")
            if key in book.persons:
                break
            prev = key


def item7_links(
    hc: list[str],
    item7: Mapping[str, str],
    exhibits: Iterable[Mapping[str, str | None]],
    book: NameBook,
    issuer_key: str,
    add_link: Callable[..., None],
    pv: Callable[..., Any],
    items_el: Any,
) -> set[tuple[str, str]]:
    """Parent links from the one parent holding company (``hc``) to each subsidiary its
    Item 7 lists (:func:`item7_subsidiaries`); returns the (parent, subsidiary) pairs."""
    keys: set[tuple[str, str]] = set()
    if len(hc) != 1:
        return keys
    for name, where in item7_subsidiaries(item7, exhibits):
        sub = book.key_for_text_name(name)
        if sub in (hc[0], issuer_key):
            continue
        keys.add((hc[0], sub))
        add_link(
            hc[0],
            sub,
            Role.PARENT,
            None,
            False,
            pv(
                items_el,
                phrase=name,
                note=f"Item 7 subsidiary of a parent holding company (listed in {where})",
            ),
        )
    return keys


def natural_order(name: str) -> list[str]:
    """EDGAR files a person's name surname first ("Polatov Eli", "LYNCH THOMAS E"): the
    name in text order as another spelling.

    >>> natural_order("Polatov Eli"), natural_order("Thomas E. Lynch, Jr.")
    (['Eli Polatov'], [])
    """
    parts = name.split()
    if "," in name or not 2 <= len(parts) <= 4:
        return []
    return [" ".join([*parts[1:], parts[0]])]


#: An exhibit that states no relation in words the grammar reads: a power of attorney, a
#: schedule of officers and directors (convention 8), an agreement's terms.
_NOT_READ = re.compile(
    r"power\s+of\s+attorney|executive\s+officers\s+and\s+directors|directors\s+and\s+(?:executive\s+)?officers"
    r"|letter\s+agreement|subscription\s+agreement|confirming\s+statement",
    re.I,
)


def exhibit_texts(exhibits: Iterable[Mapping[str, str | None]]) -> list[tuple[str, str]]:
    """(text, exhibit type) of the short EX-99 exhibits the grammar reads, signature blocks
    left out (:func:`loaders.sec_sections.grammar_spans`)."""
    from ownergraph.loaders.sec_sections import LONG_EXHIBIT, grammar_spans

    out: list[tuple[str, str]] = []
    for ex in exhibits:
        etype = (ex.get("type") or "").upper()
        body = ex.get("text") or ""
        if not etype.startswith("EX-99") or len(body) > LONG_EXHIBIT:
            continue
        if _NOT_READ.search(body[:600]):
            continue
        for a, b in grammar_spans(body, 0):
            chunk = flat(body[a:b])
            if chunk.strip():
                out.append((chunk, etype))
    return out


def instrument_of(title: str | None) -> Instrument:
    """Units for "units" classes, preferred for "preferred", else common."""
    t = (title or "").lower()
    if "unit" in t:
        return Instrument.UNITS
    if "preferred" in t:
        return Instrument.PREFERRED
    return Instrument.COMMON
