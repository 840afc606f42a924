"""Holdings and exposure: what a party controls or holds (queries.holdings), and the
sanctions-exposure lens of a subject under the 50 % rule (queries.exposure)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ownergraph.explorer import common
from ownergraph.explorer.common import fmt_shares, md
from ownergraph.graph.errors import OwnergraphError
from ownergraph.queries.answer import format_percent


@st.cache_data(show_spinner="Walking down…", max_entries=64)
def _holdings(path: str, seq: int, party: str) -> dict[str, Any]:
    """``queries.holdings.holdings(G, party).to_dict()`` on the party's holdings graph
    (:meth:`graph.engine.Engine.holdings_graph`: what the answer reads, in one store
    state), cached per store state (``seq``)."""
    from ownergraph.queries.holdings import holdings

    store = common.store()
    with common._engine() as engine:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with store.snapshot():
            G, node = engine.holdings_graph(party)
    return common.plain(holdings(G, node).to_dict())


@st.cache_data(show_spinner="Computing exposure…", max_entries=64)
def _exposure(
    path: str, seq: int, subject: str, names: tuple[str, ...], threshold: float
) -> dict[str, Any]:
    """``queries.exposure.exposure(...).to_dict()`` for the sanctioned names given, on the
    owners above the subject and the sanctioned parties (:meth:`graph.engine.Engine.exposure`:
    what the verdict reads, in one store state), cached per store state (``seq``)."""
    store = common.store()
    with common._engine() as engine:
        _ = engine.cols  # the columns written first if the store has none (a write)
        with store.snapshot():
            result = engine.exposure(subject, names, threshold=threshold)
    return common.plain(result.to_dict())


def _row_cells(e: dict[str, Any]) -> dict[str, str]:
    r = e["row"]
    paths = r.get("paths") or []
    return {
        "subject": e["subject_name"],
        "relation": e["relation"],
        "rule": e["rule"],
        "ultimate": "yes" if e["ultimate"] else "no",
        "sole voting": fmt_shares(r.get("sole_voting")),
        "shared voting": fmt_shares(r.get("shared_voting")),
        "sole disp.": fmt_shares(r.get("sole_dispositive")),
        "shared disp.": fmt_shares(r.get("shared_dispositive")),
        "aggregate": fmt_shares(r.get("aggregate")),
        "percent": format_percent(r.get("percent"), r.get("percent_range")),
        "power": (paths[0].get("voting") if paths else None) or "—",
    }


def _holdings_card(h: dict[str, Any]) -> None:
    with st.container(border=True):
        st.markdown(f"#### What {md(h['party_name'])} controls or holds")
        if h["securities"]:
            st.caption("Security classes (Rule 13d-3: the party's row of who-controls)")
            st.dataframe(pd.DataFrame([_row_cells(e) for e in h["securities"]]), hide_index=True)
        if h["companies"]:
            st.caption("Companies (register control rules; stakes without control)")
            cols = ["subject", "relation", "rule", "ultimate", "percent", "power"]
            st.dataframe(
                pd.DataFrame([_row_cells(e) for e in h["companies"]])[cols], hide_index=True
            )
        for note in h.get("notes", []):
            st.markdown(f"- {md(note)}")


def _exposure_card(x: dict[str, Any]) -> None:
    with st.container(border=True):
        verdict = x["verdict"]
        st.markdown(f"#### {md(x['subject_name'])}: **{md(verdict.upper())}**")
        st.caption(
            f"{md(x['rule'])} · blocked owners hold {md(x['blocked_stake']['text'])}"
            f" (at most {md(x['possible_stake']['text'])}) · threshold {x['threshold']:g}%"
        )
        if x["contributions"]:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "owner": c["owner"],
                            "status": c["status"],
                            "stake": c["stake"]["text"],
                            "path": " -> ".join(c["path"]),
                        }
                        for c in x["contributions"]
                    ]
                ),
                hide_index=True,
            )
        eu = {True: "yes", False: "no", None: "possibly"}[x["eu_owned_or_controlled"]]
        st.markdown(f"EU owned or controlled: **{eu}**")
        for line in (*x.get("notes", []), *(f"no party matches {u!r}" for u in x["unmatched"])):
            st.markdown(f"- {md(line)}")


def page() -> None:
    """The Holdings page: a party found through the store's name index, what it holds from
    its own scope; the exposure check reads the whole graph, when names are given or asked."""
    st.title("Holdings and exposure")
    path = str(common.settings().store)
    if common.default_subject(path, common.seq()) is None:
        st.info("The store is empty. Load filings on the **Filings** page.")
        return
    party = common.subject_picker(
        "holdings", label="Party", box_key="holdings_party", listed=common.party_list
    )
    if party is None:
        return
    seq = common.seq()
    try:
        _holdings_card(_holdings(path, seq, party))
    except OwnergraphError as exc:
        common.show_error(exc)
    st.subheader("Sanctions exposure (OFAC 50 % rule)")
    names = st.text_area(
        "Sanctioned parties (one name or id per line; FtM topics in the store count too)",
        key="exposure_names",
    )
    threshold = st.slider("Threshold (%)", 0.0, 100.0, 50.0, 0.5, key="exposure_threshold")
    given = tuple(n.strip() for n in names.splitlines() if n.strip())
    if st.button("Check against the store's sanctions marks", key="exposure_check"):
        st.session_state["exposure_checked"] = True
    if not given and not st.session_state.get("exposure_checked"):
        st.caption("Give names, or check against the store's sanctions marks.")
        return
    try:
        _exposure_card(_exposure(path, seq, party, given, float(threshold)))
    except OwnergraphError as exc:
        common.show_error(exc)


page()
