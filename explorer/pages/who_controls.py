"""Who controls: the ultimate controllers of a subject, with power, shares, percent, paths,
and an "explain" for every number (holdings, paths, rule, source text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.common import fmt_percent, fmt_shares, md
from ownergraph.graph.errors import OwnergraphError
from ownergraph.graph.vocab import EdgeKind, Lens
from ownergraph.queries.attribution import attribute
from ownergraph.queries.control import who_controls
from ownergraph.queries.ubo import ubo

LENS_13D3 = "SEC Rule 13d-3 (control)"
#: Economic lenses of queries.ubo: label -> Lens value.
ECONOMIC = {
    "Integrated (look-through)": "integrated",
    "Multiplicative (AMLR Art. 52)": "multiplicative",
    "Rolling": "rolling",
    "Dominancy (> 50 % passes in full)": "dominancy",
    "Majority control": "control",
}


@st.cache_data(show_spinner="Attributing…", max_entries=64)
def _who(path: str, seq: int, subject: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """``queries.control.who_controls(G, subject).to_dict()``, cached per store state and
    date."""
    return common.plain(who_controls(common.graph(as_of), subject, as_of=as_of))


@st.cache_data(show_spinner=False, max_entries=64)
def _attribution(
    path: str, seq: int, subject: str, as_of: dt.date | None = None
) -> dict[str, Any] | None:
    """``queries.attribution.attribute(G, subject).to_dict()`` when the subject is (or
    issues) one class; ``None`` for other subjects."""
    try:
        return common.plain(attribute(common.graph(as_of), subject, as_of=as_of))
    except OwnergraphError:
        return None


@st.cache_data(show_spinner=False, max_entries=64)
def _economic(
    path: str, seq: int, subject: str, lens: str, threshold: float, as_of: dt.date | None = None
) -> dict[str, Any]:
    """An economic-lens answer of ``queries.ubo.ubo`` (plain data), on the graph as of."""
    G = common.graph(as_of)
    return common.plain(ubo(G, subject, lens=Lens(lens), threshold=threshold))


def _economic_card(answer: dict[str, Any]) -> None:
    """The answer card of an economic lens: the UBOs, their stakes, then every candidate."""
    with st.container(border=True):
        st.markdown(f"#### Ultimate beneficial owners of {md(answer.get('subject_name'))}")
        st.caption(
            f"Lens: {md(answer.get('lens'))} · threshold {answer.get('threshold'):g}% "
            f"({'inclusive' if answer.get('inclusive') else 'exclusive'}) · {md(answer.get('rule'))}"
        )
        if not answer.get("available", True):
            st.markdown("This lens has no data for this subject.")
        rows = answer.get("rows", [])
        ubos = [r for r in rows if r.get("is_ubo")]
        undecided = [r for r in rows if r.get("is_ubo") is None]
        if not ubos:
            st.markdown("Nobody passes the test.")
        for r in ubos:
            st.markdown(f"**{md(r['name'])}** ({md(r['kind'])}) — {_stake(r)}")
        for r in undecided:
            st.markdown(f"{md(r['name'])} — undecided: {_stake(r)}")
    for gap in answer.get("gaps", []):
        st.caption("gap: " + md(gap))
    for note in answer.get("notes", []):
        st.caption(md(note))
    if rows:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "name": r["name"],
                        "kind": r["kind"],
                        "stake": _stake(r),
                        "control": r.get("control"),
                        "UBO": r.get("is_ubo"),
                        "basis": r.get("basis"),
                    }
                    for r in rows
                ]
            ),
            hide_index=True,
        )
    st.subheader("Explain")
    for r in rows:
        with st.expander(f"Explain: {md(r['name'])} — {md(_stake(r))}"):
            st.markdown(f"Rule: {md(r.get('rule'))}")
            st.markdown(f"Basis: {md(r.get('basis'))}")
            for line in r.get("explanation", []):
                st.markdown(f"- {md(line)}")
            if r.get("paths"):
                st.markdown("**Paths**")
                st.json(r["paths"], expanded=False)


def _stake(r: dict[str, Any]) -> str:
    """The stake of a UBO row as text (the interval's own display, in percent)."""
    stake = r.get("stake")
    if isinstance(stake, dict):
        text = str(stake.get("text") or "unknown")
    elif stake is None:
        text = "no ownership chain"
    else:
        text = str(stake)
    if r.get("control"):
        text += " + control"
    if r.get("shares") is not None:
        text = f"{fmt_shares(r['shares'])} shares; " + text
    return text


@st.cache_data(show_spinner=False, max_entries=64)
def _holdings(path: str, seq: int, ids: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Holding records by id, as plain rows for the explain tables."""
    G = common.graph()
    want = set(ids)
    out: dict[str, dict[str, Any]] = {}
    docs = G.graph.get("documents", {})
    for u, v, key, data in G.edges(keys=True, data=True):
        if key in want and data.get("kind") == EdgeKind.HOLDS:
            h = data["record"]
            doc = docs.get(h.document_id)
            out[key] = {
                "holder": str(G.nodes[u].get("name", u)),
                "security": str(G.nodes[v].get("name", v)),
                "instrument": h.instrument.value,
                "shares": h.shares,
                "right to acquire": h.right_to_acquire,
                "document": (doc.path.rsplit("/", 1)[-1] if doc else h.document_id),
                "source text": " | ".join(p.phrase for p in h.provenance if p.phrase) or "",
                "note": " | ".join(p.note for p in h.provenance if p.note) or "",
            }
    return out


FIGURES = (
    ("sole_voting", "sole voting power (row 7)"),
    ("shared_voting", "shared voting power (row 8)"),
    ("sole_dispositive", "sole dispositive power (row 9)"),
    ("shared_dispositive", "shared dispositive power (row 10)"),
    ("aggregate", "aggregate amount (row 11)"),
    ("rights_to_acquire", "own rights to acquire"),
    ("percent", "percent of class (row 13)"),
)


def _person(att: dict[str, Any] | None, party_id: str) -> dict[str, Any] | None:
    if not att:
        return None
    return next((p for p in att.get("persons", []) if p.get("party_id") == party_id), None)


def _percent(c: dict[str, Any], att: dict[str, Any] | None) -> str:
    """The percent for the card: who_controls' own, else the attribution's. Its denominator
    is said once, in the card's caption (:func:`_denominator_text`)."""
    if c.get("percent") is not None:
        return fmt_percent(c["percent"])
    value = ((_person(att, c["party_id"]) or {}).get("percent") or {}).get("value")
    return "percent unknown" if value is None else fmt_percent(value)


def _denominator_text(answer: dict[str, Any], att: dict[str, Any] | None) -> str:
    """Where the percent's denominator comes from, in one phrase (markdown-safe)."""
    if answer.get("outstanding") is not None:
        return f"shares outstanding: {fmt_shares(answer['outstanding'])} (stated)"
    denom = (att or {}).get("denominator") or {}
    value, source = denom.get("outstanding"), denom.get("source")
    if value is None:
        return "shares outstanding: not stated by any loaded document, so no percent"
    if source == "implied":
        return (
            f"shares outstanding: {fmt_shares(value)}, implied from the filed percentages "
            "(no loaded document states it)"
        )
    return f"shares outstanding: {fmt_shares(value)} ({md(source)})"


def _filed_line(c: dict[str, Any]) -> str | None:
    """The filed cover-page figure of a controller, flagged when it differs from ours."""
    filed = c.get("filed") or {}
    agg = filed.get("aggregate")
    if agg is None:
        return None
    text = f"Filed cover page: **{fmt_shares(agg)} shares**"
    if filed.get("percent_of_class") is not None:
        text += f", {fmt_percent(filed['percent_of_class'])}"
    shares = c.get("shares")
    if shares is not None and abs(float(shares) - float(agg)) > 0.5:
        return (
            f"{text} — :orange[**differs** from the computed {fmt_shares(shares)} "
            f"({float(shares) - float(agg):+,.0f})]"
        )
    if filed.get("differs"):
        return f"{text} — :orange[**a power figure differs** from ours (see Explain)]"
    return text + " — matches the computed figure"


def _power_line(c: dict[str, Any]) -> str:
    sole, shared = c.get("sole_voting"), c.get("shared_voting")
    parts = []
    if sole:
        parts.append(f"sole power over {fmt_shares(sole)}")
    if shared:
        parts.append(f"shared power over {fmt_shares(shared)}")
    if not parts:
        parts.append("no voting or dispositive power computed")
    return ", ".join(parts)


def _path_text(p: dict[str, Any]) -> str:
    names = [md(n) for n in p.get("names", [])]
    roles = [", ".join(s.get("roles", [])).replace("_", " ") for s in p.get("steps", [])]
    out = names[0] if names else ""
    for name, role in zip(names[1:], roles, strict=False):
        out += f" → *({md(role) or 'link'})* → {name}"
    return out + f" — {md(p.get('power', ''))}"


def _explain(c: dict[str, Any], answer: dict[str, Any], att: dict[str, Any] | None) -> None:
    path, seq = str(common.settings().store), common.seq()
    person = _person(att, c["party_id"])
    if person:
        rows = []
        for key, label in FIGURES:
            f = person.get(key) or {}
            v = f.get("value")
            rows.append(
                {
                    "figure": label,
                    "value": fmt_percent(v) if key == "percent" else fmt_shares(v),
                    "rule": f.get("rule"),
                    "how": f.get("note"),
                    "holdings": len(f.get("holding_ids", [])),
                }
            )
        st.markdown("**Every number, with its rule** (Rule 13d-3 attribution of the class)")
        st.dataframe(pd.DataFrame(rows), hide_index=True)
        denom = (att or {}).get("denominator") or {}
        if denom:
            st.caption(
                f"Denominator: {fmt_shares(denom.get('outstanding'))} shares outstanding "
                f"({md(denom.get('source'))}). {md(denom.get('note') or '')}"
            )
    hold = _holdings(path, seq, tuple(c.get("holding_ids", [])))
    st.markdown(
        f"**{md(c['name'])}**: shares = the distinct union of the holdings reachable below it "
        f"through control ({len(hold)} holdings; never a sum of cover pages). Sole part: "
        f"{fmt_shares(c.get('sole_voting'))}; shared part: {fmt_shares(c.get('shared_voting'))}; "
        f"own rights to acquire: {fmt_shares(c.get('rights_to_acquire'))}."
    )
    if hold:
        df = pd.DataFrame(hold.values())
        st.dataframe(df, hide_index=True)
        total = sum(r["shares"] for r in hold.values() if r["shares"] is not None)
        st.caption(f"Sum of the distinct holdings: {fmt_shares(total)}")
    outstanding = answer.get("outstanding")
    if person is not None:
        pass
    elif c.get("percent") is not None:
        st.markdown(
            f"Percent: {fmt_shares(c.get('shares'))} / ({fmt_shares(outstanding)} outstanding + "
            f"{fmt_shares(c.get('rights_to_acquire'))} own rights) = {fmt_percent(c['percent'])}"
        )
    else:
        st.markdown(
            "Percent: not computed — the shares outstanding are not stated by any loaded "
            "document (or the holdings span several classes)."
        )
    st.markdown("**Paths**")
    for p in c.get("paths", []):
        st.markdown("- " + _path_text(p))
        for s in p.get("steps", []):
            for phrase in s.get("phrases", []):
                st.markdown(f"  - source text: “{md(phrase)}”")
    if c.get("paths_truncated"):
        st.caption(f"{c.get('path_count') or 'many'} paths; the first {len(c['paths'])} shown.")
    st.markdown("**Rules**")
    for rule in answer.get("rules", []):
        st.markdown(f"- {md(rule)}")


#: Paths listed per controller on the card; the rest are one click away.
PATHS_SHOWN = 5


def _paths(c: dict[str, Any]) -> None:
    """A controller's paths: the first :data:`PATHS_SHOWN`, then "and K more" with all."""
    paths = c.get("paths", [])
    total = c.get("path_count") or len(paths)
    st.markdown(f"**Paths of {md(c['name'])}** ({total:,})")
    for p in paths[:PATHS_SHOWN]:
        st.markdown("- " + _path_text(p))
    rest = len(paths) - PATHS_SHOWN
    if rest > 0:
        st.markdown(f"… and {rest:,} more path{'s' if rest != 1 else ''}")
        with st.expander(f"All {len(paths):,} paths of {md(c['name'])}"):
            for p in paths:
                st.markdown("- " + _path_text(p))
    if c.get("paths_truncated") and total > len(paths):
        st.caption(f"{total:,} paths in all; the first {len(paths):,} are listed.")


def _card(answer: dict[str, Any], att: dict[str, Any] | None) -> None:
    with st.container(border=True):
        st.markdown(f"#### Who ultimately controls {md(answer['subject_name'])}")
        st.caption(
            f"Lens: {md(answer.get('lens'))} · subject kind: {md(answer.get('subject_kind'))} · "
            f"shares in scope: {fmt_shares(answer.get('shares'))} · "
            + _denominator_text(answer, att)
        )
        ultimate = answer.get("ultimate", [])
        if not ultimate:
            st.markdown("Nobody: no holdings or control links in scope.")
        for c in ultimate:
            st.markdown(
                f"**{md(c['name'])}** ({md(c['kind'])}) — {_power_line(c)} — "
                f"**{fmt_shares(c.get('shares'))} shares**, {_percent(c, att)}"
            )
            filed = _filed_line(c)
            if filed:
                st.markdown(filed)
        for c in ultimate:
            _paths(c)
    for note in answer.get("notes", []):
        st.caption(md(note))


def page() -> None:
    """The Who-controls page."""
    st.title("Who controls")
    G = common.graph()
    if G.number_of_nodes() == 0:
        st.info("The store is empty. Load filings on the **Filings** page.")
        return
    path, seq = str(common.settings().store), common.seq()
    options = common.subjects(G)
    current = st.session_state.get("og_subject")
    index = options.index(current) if current in options else 0
    subject = st.selectbox(
        "Subject",
        options,
        index=index,
        format_func=lambda n: common.node_label(G, n),
        key="who_subject",
    )
    lenses = [LENS_13D3, *ECONOMIC]
    c1, c2 = st.columns([3, 2])
    lens = c1.radio("Lens", lenses, horizontal=True, key="who_lens")
    threshold = c2.slider(
        "Threshold (%)",
        0.0,
        100.0,
        25.0,
        0.5,
        key="who_threshold",
        disabled=lens == LENS_13D3,
        help="Economic lenses only: AMLD > 25 %, AMLR ≥ 25 % (may be 15 %).",
    )
    if subject is None:
        return
    as_of = common.as_of_slider("who_as_of")
    if subject not in common.graph(as_of):
        st.info(f"{common.md(common.node_label(G, subject))} is in no document filed by {as_of}.")
        return
    try:
        if lens == LENS_13D3:
            answer = _who(path, seq, subject, as_of)
        else:
            answer = _economic(path, seq, subject, ECONOMIC[lens], float(threshold), as_of)
    except OwnergraphError as exc:
        common.show_error(exc)
        return
    if lens != LENS_13D3:
        _economic_card(answer)
        return
    att = _attribution(path, seq, subject, as_of)
    _card(answer, att)
    st.subheader("Explain")
    for c in answer.get("ultimate", []):
        with st.expander(f"Explain: {md(c['name'])} — {fmt_shares(c.get('shares'))} shares"):
            _explain(c, answer, att)
    inter = answer.get("intermediate", [])
    if inter:
        with st.expander(f"Intermediate controllers and holders ({len(inter)})"):
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "name": c["name"],
                            "kind": c["kind"],
                            "sole": c.get("sole_voting"),
                            "shared": c.get("shared_voting"),
                            "shares": c.get("shares"),
                            "percent": c.get("percent"),
                        }
                        for c in inter
                    ]
                ),
                hide_index=True,
            )
            for c in inter:
                st.markdown(f"**{md(c['name'])}**")
                _explain(c, answer, att)


page()
