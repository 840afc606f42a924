"""Who controls: the ultimate controllers of a subject, with power, shares, percent, paths,
and an "explain" for every number (holdings, paths, rule, source text)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.common import fmt_shares, md
from ownergraph.graph.errors import OwnergraphError, SubjectNotFoundError
from ownergraph.graph.vocab import EdgeKind, Lens
from ownergraph.queries.answer_text import percent_flag, percent_text, powers_text
from ownergraph.queries.control import who_controls_answer

LENS_13D3 = "SEC Rule 13d-3 (control)"
#: Economic lenses of queries.ubo: label -> Lens value.
ECONOMIC = {
    "Integrated (look-through)": "integrated",
    "Multiplicative (AMLR Art. 52)": "multiplicative",
    "Rolling": "rolling",
    "Dominancy (> 50 % passes in full)": "dominancy",
    "Majority control": "control",
}


@st.cache_resource(show_spinner="Attributing…", max_entries=32)
def _who_scope(
    path: str, seq: int, subject: str, as_of: dt.date | None, top: int = 0
) -> tuple[dict[str, Any], nx.MultiDiGraph]:
    """The one answer object (``queries.control.who_controls_answer``) as plain data,
    through the store's column graph (:class:`graph.engine.Engine`): only the subject's
    scope is read, in one read transaction (one store state); returns the answer and the
    scope graph it was computed on (for the explain tables). A state other than ``seq`` is
    returned but not cached (``common._Moved``). The groups come after
    (:func:`_who_groups`), so the card shows first. A class held by thousands answers its
    first ``top`` rows in full (default :data:`CARD_ROWS`, the rows on the card)."""
    from ownergraph.graph.engine import Engine

    store = common.store()
    engine = Engine(store)
    try:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with store.snapshot():
            now = store.seq
            shown = None
            i = engine.cols.find(subject)
            if as_of is None and i is not None:  # a class held by thousands: rows shown
                from ownergraph.queries.control_class import answer_shown_graph

                shown = answer_shown_graph(engine, i, top=top or CARD_ROWS)
            party = None
            if shown is None and as_of is None and i is not None:  # a party over thousands
                from ownergraph.graph.engine_party import party_answer

                party = party_answer(engine, i)
            if shown is not None:
                answer, more, more_inter, G = shown
            elif party is not None:
                wc, G, totals = party
                answer, more, more_inter = wc.to_answer(), 0, 0
            else:
                more = more_inter = 0
                G, node = engine.subject_graph(subject, as_of=as_of)
                answer = who_controls_answer(G, node, as_of=as_of)
            if answer.rule.startswith("register:"):  # register rules read owns links too
                from ownergraph.queries.register_control import store_scope

                G = store_scope(store, node, as_of=as_of)
                answer = who_controls_answer(G, node, as_of=as_of)
            rows = (*answer.rows, *answer.intermediate)
    finally:
        engine.close()
    G.graph["seq"] = now
    d = answer.to_dict()
    d["more"] = [more, more_inter]  # rows left out (a class held by thousands)
    d["flags"] = {r.party_id: percent_flag(r) for r in rows}
    if party is not None:  # every row's holdings: their count and known sum (G has 200)
        d["totals"] = list(totals)
    if now != seq:
        raise common._Moved((d, G))  # (an exception is not cached)
    return d, G


@st.cache_data(show_spinner="Finding Rule 13d-5(b) groups…", max_entries=64)
def _who_groups(
    path: str, seq: int, as_of: dt.date | None, ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The Rule 13d-5(b) groups the answer's parties belong to, with their distinct totals
    (:meth:`graph.engine.Engine.group_summaries`: the groups' scope only), read at store
    state ``seq`` (the answer's); a later state raises ``common._Moved`` (not cached)."""
    store = common.store()
    with common._engine() as engine:
        _ = engine.cols
        with store.snapshot():
            if store.seq != seq:
                raise common._Moved(None)
            groups = engine.group_summaries(list(ids), as_of=as_of)
    # what the group lines show (a group's holding ids, thousands, stay out of the cache)
    return [
        {
            "basis": g.basis,
            "member_names": list(g.member_names),
            "shares": g.shares,
            "filed_sum": g.filed_sum,
        }
        for g in groups
    ]


def _group_lines(groups: list[dict[str, Any]]) -> None:
    """One line per group: its members and the shares it owns, each counted once."""
    for g in groups:
        total = "unknown" if g["shares"] is None else f"{g['shares']:,.0f}"
        filed_sum = (
            f" (the members' cover pages add to {g['filed_sum']:,.0f}; the group owns each"
            " share once)"
            if g.get("filed_sum") is not None and g["filed_sum"] != g["shares"]
            else ""
        )
        st.markdown(
            f"**Group** (Rule 13d-5(b), {md(g['basis'])}): "
            + "; ".join(md(n) for n in g["member_names"])
            + f" — distinct total **{total} shares**{md(filed_sum)}"
        )


def _who_engine(
    path: str, seq: int, subject: str, as_of: dt.date | None, top: int = 0
) -> tuple[dict[str, Any], nx.MultiDiGraph]:
    """:func:`_who_scope`, the newer state when a load committed meanwhile."""
    try:
        return _who_scope(path, seq, subject, as_of, top)
    except common._Moved as moved:
        return moved.args[0]


@st.cache_data(show_spinner="Attributing…", max_entries=64)
def _economic(
    path: str, seq: int, subject: str, lens: str, threshold: float, as_of: dt.date | None
) -> dict[str, Any]:
    """An economic-lens answer of ``queries.ubo.ubo`` (plain data), on the subject's lens
    scope (:meth:`graph.engine.Engine.lens_scope`: everything above its company over
    stakes and links), read in one store state; cached per state and date."""
    from ownergraph.queries.ubo import ubo  # (scipy: only when a lens is asked for)

    store = common.store()
    with common._engine() as engine:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with store.snapshot():
            i = engine.cols.find(subject)
            if i is None:
                raise SubjectNotFoundError(subject)
            G = engine.subgraph(*engine.lens_scope(i), as_of=as_of)
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
def _holdings(
    path: str, seq: int, as_of: dt.date | None, ids: tuple[str, ...], _G: nx.MultiDiGraph
) -> dict[str, dict[str, Any]]:
    """Holding records by id, as plain rows for the explain tables, from the graph the
    answer was computed on (``_G``: the same store state and date)."""
    G = _G
    out: dict[str, dict[str, Any]] = {}
    docs = G.graph.get("documents", {})
    index = _holding_edges(G)
    for key in sorted(set(ids) & index.keys(), key=lambda k: index[k][0]):  # (edge order)
        _, u, v, h = index[key]
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


#: Holdings listed in one explanation (a person over thousands of funds holds thousands:
#: the table of all of them took seconds); the count and the sum are over every one.
HOLDINGS_SHOWN = 200


def _holding_edges(G: nx.MultiDiGraph) -> dict[str, tuple[int, str, str, Any]]:
    """The holdings of ``G`` by id: (place in the graph's edge order, holder, class,
    record); made once per graph (each explanation on the page reads it)."""
    got = G.graph.get("_holding_edges")
    if got is None:
        got = G.graph["_holding_edges"] = {
            key: (k, u, v, data["record"])
            for k, (u, v, key, data) in enumerate(G.edges(keys=True, data=True))
            if data.get("kind") == EdgeKind.HOLDS
        }
    return got


def _holdings_total(ids: tuple[str, ...], G: nx.MultiDiGraph) -> tuple[int, float]:
    """How many of the holdings ``ids`` the graph ``G`` has, and the sum of their known
    share counts (as the table of all of them would give it: in the graph's edge order)."""
    index = _holding_edges(G)
    got = sorted((index[key][0], index[key][3].shares) for key in set(ids) if key in index)
    shares = [x for _, x in got]
    return len(shares), sum(x for x in shares if x is not None)


def _path_text(p: dict[str, Any]) -> str:
    steps = p.get("steps", [])
    names = [md(n) for n in p.get("names", [])]
    if steps:
        out = md(steps[0]["controller"])
        for s in steps:
            power = (
                s.get("voting") or "none"
                if s.get("voting") == s.get("investment")
                else f"voting {s.get('voting') or 'none'}, investment {s.get('investment') or 'none'}"
            )
            out += f" → *({md(s.get('role') or 'link')}: {md(power)})* → {md(s['controlled'])}"
    else:
        out = names[0] if names else ""
    v, i = p.get("voting"), p.get("investment")
    tail = (v or "no power") if v == i else f"voting {v or 'none'}, investment {i or 'none'}"
    return out + f" — {md(tail)}"


def _filed_line(r: dict[str, Any], flag: str | None) -> str | None:
    """The filed cover page beside the computed row: rows 7-10, 11 and 13, with each row
    that differs and the percent flagged beyond the filed precision (with the reason)."""
    f = r.get("filed")
    if not f:
        return None
    text = f"Filed cover page: **{fmt_shares(f.get('aggregate'))} shares**"
    if f.get("percent_of_class") is not None:
        text += f", {f['percent_of_class']:.2f}%"
    text += (
        f" (rows 7-10: {fmt_shares(f.get('sole_voting'))} / {fmt_shares(f.get('shared_voting'))}"
        f" / {fmt_shares(f.get('sole_dispositive'))} / {fmt_shares(f.get('shared_dispositive'))})"
    )
    diffs = [ROW_NAMES.get(d["row"], d["row"]) for d in r.get("differences", [])]
    if flag:
        diffs.append("row 13")
    if diffs:
        return f"{text} — :orange[**differs**: {', '.join(diffs)} (see Explain)]"
    return text + " — matches the computed figures"


#: Cover-page rows by field, as the CLI names them.
ROW_NAMES = {
    "sole_voting": "row 7",
    "shared_voting": "row 8",
    "sole_dispositive": "row 9",
    "shared_dispositive": "row 10",
    "aggregate": "row 11",
    "percent": "row 13",
}


def _explain(
    r: dict[str, Any], answer: dict[str, Any], flag: str | None, G: nx.MultiDiGraph
) -> None:
    """The explanation of one row, read from ``G``: the graph the answer was computed on
    (a load committing meanwhile changes neither)."""
    path, seq = str(common.settings().store), common.graph_seq(G)
    st.markdown(
        f"**Figures** (Rule 13d-3): {md(powers_text(r))} · aggregate "
        f"{fmt_shares(r.get('aggregate'))} · own rights to acquire "
        f"{fmt_shares(r.get('rights_to_acquire'))} · percent {md(percent_text(r))}"
    )
    den = r.get("denominator") or answer.get("denominator") or {}
    st.markdown(f"**Denominator**: {md(den.get('label') or 'unknown')}")
    for d in r.get("differences", []):
        st.markdown(
            f"- {ROW_NAMES.get(d['row'], md(d['row']))}: computed {fmt_shares(d.get('computed'))},"
            f" filed {fmt_shares(d.get('filed'))} — {md(d.get('reason'))}"
        )
    if flag:
        st.markdown(f"- row 13: {md(flag)}")
    ids = tuple(r.get("holding_ids", []))
    totals = answer.get("totals")
    if totals and len(ids) == totals[0]:  # (a party over thousands: from the arrays)
        count, total = totals
    else:
        count, total = _holdings_total(ids, G)
    hold = _holdings(path, seq, G.graph.get("as_of"), ids[:HOLDINGS_SHOWN], G)
    st.markdown(
        f"**{md(r['name'])}**: shares = the distinct union of the holdings reachable below it "
        f"through control ({count} holdings; never a sum of cover pages)."
    )
    if hold:
        st.dataframe(pd.DataFrame(hold.values()), hide_index=True)
        if count > len(hold):
            st.caption(
                f"The first {len(hold):,} of {count:,} holdings (by id) are listed; the"
                " command line's --json lists every one."
            )
        st.caption(f"Sum of the distinct holdings: {fmt_shares(total)}")
    st.markdown("**Paths**")
    lines = []  # (one list, one element)
    for p in r.get("paths", []):
        lines.append("- " + _path_text(p))
        for s in p.get("steps", []):
            if s.get("phrase"):
                lines.append(f"  - source text: “{md(s['phrase'])}”")
    if lines:
        st.markdown("\n".join(lines))
    if r.get("paths_truncated"):
        st.caption(f"{r.get('path_count') or 'many'} paths; the first {len(r['paths'])} shown.")
    st.markdown("**Rules**")
    for rule in answer.get("rule_text", []):
        st.markdown(f"- {md(rule)}")


#: Paths listed per controller on the card; the rest are one click away.
PATHS_SHOWN = 5
#: Controllers on the card with their paths and an explanation each; the rest are in a
#: table, explained one at a time (a page of hundreds of explanations takes seconds).
CARD_ROWS = 25
#: Controllers explained in an expander each; the others one at a time, chosen in a box.
EXPLAINED = 10
#: Rows a class held by thousands answers in full on request (the first by shares, each
#: list); the card's :data:`CARD_ROWS` first (a hundred rows of paths took a second more).
SHOWN = 100


def _paths(r: dict[str, Any]) -> None:
    """A controller's paths: the first :data:`PATHS_SHOWN`, then "and K more" with all."""
    paths = r.get("paths", [])
    total = r.get("path_count") or len(paths)
    st.markdown(f"**Paths of {md(r['name'])}** ({total:,})")
    if paths:  # (one list, one element: an element per path cost a page of paths seconds)
        st.markdown("\n".join("- " + _path_text(p) for p in paths[:PATHS_SHOWN]))
    rest = len(paths) - PATHS_SHOWN
    if rest > 0:
        st.markdown(f"… and {rest:,} more path{'s' if rest != 1 else ''}")
        with st.expander(f"All {len(paths):,} paths of {md(r['name'])}"):
            st.markdown("\n".join("- " + _path_text(p) for p in paths))
    if r.get("paths_truncated") and total > len(paths):
        st.caption(f"{total:,} paths in all; the first {len(paths):,} are listed.")


def _row_line(r: dict[str, Any]) -> str:
    return (
        f"**{md(r['name'])}** ({md(r['kind'])}) — **{fmt_shares(r.get('aggregate'))} shares**,"
        f" {md(percent_text(r))} — {md(powers_text(r))}"
    )


def _card(answer: dict[str, Any], subject: str = "") -> Any:
    """The answer card; returns the place of the group lines on it (filled later). A class
    held by thousands offers its first :data:`SHOWN` rows in full (``subject``: the node
    they are asked for)."""
    den = answer.get("denominator") or {}
    with st.container(border=True):
        st.markdown(f"#### Who ultimately controls {md(answer['subject_name'])}")
        st.caption(
            f"Rule: {md(answer.get('rule'))} · subject kind: {md(answer.get('subject_kind'))}"
            + (f" · as of {answer['as_of']}" if answer.get("as_of") else "")
            + f" · denominator: {md(den.get('label') or 'unknown')}"
        )
        rows = answer.get("rows", [])
        if not rows:
            st.markdown("Nobody: no holdings or control links in scope.")
        for r in rows[:CARD_ROWS]:
            st.markdown(_row_line(r))
            filed = _filed_line(r, answer["flags"].get(r["party_id"]))
            if filed:
                st.markdown(filed)
        more = (answer.get("more") or [0, 0])[0]
        if len(rows) > CARD_ROWS or more:
            st.markdown(f"… and {len(rows) - CARD_ROWS + more:,} more controllers (table below)")
        slot = st.container()  # the groups, filled once the answer is on the page
        for r in rows[:CARD_ROWS]:
            _paths(r)
    if (
        more
        and len(rows) < SHOWN
        and st.button(f"List the first {SHOWN} by shares", key="who_more_rows_button")
    ):  # (answered again with more rows in full: a second or so for a class this large)
        st.session_state["who_more_rows"] = subject
        st.rerun()
    if len(rows) > CARD_ROWS or more:
        title = f"All {len(rows):,} ultimate controllers"
        if more:  # the answer holds the first rows by shares only
            title = (
                f"The first {len(rows):,} of {len(rows) + more:,} ultimate controllers by"
                " shares (the command line's --json lists every one)"
            )
        with st.expander(title):
            st.dataframe(pd.DataFrame([_table_row(r) for r in rows]), hide_index=True)
    for note in answer.get("notes", []):
        st.caption(md(note))
    return slot


def _table_row(r: dict[str, Any]) -> dict[str, Any]:
    """One controller as a table row (the four powers, aggregate, percent)."""
    return {
        "name": r["name"],
        "kind": r["kind"],
        "sole voting": r.get("sole_voting"),
        "shared voting": r.get("shared_voting"),
        "sole dispositive": r.get("sole_dispositive"),
        "shared dispositive": r.get("shared_dispositive"),
        "aggregate": r.get("aggregate"),
        "percent": percent_text(r),
    }


def _explain_rows(rows: list[dict[str, Any]], answer: dict[str, Any], G: Any, key: str) -> None:
    """An "Explain" expander for each of the first :data:`EXPLAINED` rows; the others are
    explained one at a time, chosen in a box (an explanation reads the row's holdings and
    lists its paths: each one made costs the page whether opened or not)."""
    for r in rows[:EXPLAINED]:
        with st.expander(
            f"Explain: {md(r['name'])} — {fmt_shares(r.get('aggregate'))} shares,"
            f" {md(percent_text(r))}"
        ):
            _explain(r, answer, answer["flags"].get(r["party_id"]), G)
    rest = rows[EXPLAINED:]
    if rest:
        i = st.selectbox(
            f"Explain another of the {len(rows):,}",
            range(len(rest)),
            index=None,
            format_func=lambda i: f"{rest[i]['name']} — {fmt_shares(rest[i].get('aggregate'))}",
            key=key,
        )
        if i is not None:
            _explain(rest[i], answer, answer["flags"].get(rest[i]["party_id"]), G)


def page() -> None:
    """The Who-controls page: a subject found through the store's name index, answered
    from its scope (never the whole graph)."""
    st.title("Who controls")
    path = str(common.settings().store)
    if common.default_subject(path, common.seq()) is None:
        st.info("The store is empty. Load filings on the **Filings** page.")
        return
    subject = common.subject_picker("who")
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
    as_of = common.as_of_picker("who_as_of")
    # One store state per answer: the answer and every explanation below come from one
    # scope graph (a load committing during the render must not mix two states).
    try:
        if lens == LENS_13D3:
            top = SHOWN if st.session_state.get("who_more_rows") == subject else 0
            answer, Ga = _who_engine(path, common.seq(), subject, as_of, top)
        else:
            answer = _economic(path, common.seq(), subject, ECONOMIC[lens], float(threshold), as_of)
    except OwnergraphError as exc:
        common.show_error(exc)
        return
    if lens != LENS_13D3:
        _economic_card(answer)
        return
    slot = _card(answer, subject)
    rows = (*answer.get("rows", []), *answer.get("intermediate", []))
    try:
        groups = _who_groups(path, common.graph_seq(Ga), as_of, tuple(r["party_id"] for r in rows))
    except common._Moved:  # a load committed after the answer: answer again, one state
        st.rerun()
    with slot:
        _group_lines(groups)
    from ownergraph.explorer.search import warm_names

    warm_names(path, common.seq())  # after the answer: the next search finds words fast
    st.subheader("Explain")
    _explain_rows(answer.get("rows", []), answer, Ga, "who_explain_more")
    inter = answer.get("intermediate", [])
    if inter:
        more_inter = (answer.get("more") or [0, 0])[1]
        count = (
            f"{len(inter)}"
            if not more_inter
            else f"the first {len(inter)} of {len(inter) + more_inter:,}"
        )
        with st.expander(f"Intermediate controllers and holders ({count})"):
            st.dataframe(pd.DataFrame([_table_row(r) for r in inter]), hide_index=True)
            i = st.selectbox(
                "Explain one",
                range(len(inter)),
                index=None,
                format_func=lambda i: inter[i]["name"],
                key="who_explain_inter",
            )
            if i is not None:
                st.markdown(f"**{md(inter[i]['name'])}**")
                _explain(inter[i], answer, answer["flags"].get(inter[i]["party_id"]), Ga)


page()
