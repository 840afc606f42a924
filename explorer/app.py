"""The ownergraph explorer: wires the pages; nothing else (STYLE 14).

Run it with ``ownergraph app`` (loads the sample data first), ``streamlit run app.py`` from a
checkout, or ``streamlit run`` on this file; the store is ``$OWNERGRAPH_STORE``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "pages"
#: The tab icon, a file served by the app itself (an emoji or icon name would make the
#: browser fetch an image from the internet).
FAVICON = Path(__file__).resolve().parent / "favicon.png"


def main() -> None:
    """Configure the page and run the navigation (Streamlit reruns this on every event)."""
    st.set_page_config(page_title="ownergraph", page_icon=str(FAVICON), layout="wide")
    st.navigation(
        [
            st.Page(PAGES / "explore.py", title="Explore", icon=":material/hub:", default=True),
            st.Page(
                PAGES / "who_controls.py", title="Who controls", icon=":material/account_tree:"
            ),
            st.Page(PAGES / "holdings.py", title="Holdings", icon=":material/call_split:"),
            st.Page(PAGES / "filings.py", title="Filings", icon=":material/upload_file:"),
            st.Page(PAGES / "cypher.py", title="Cypher", icon=":material/terminal:"),
            st.Page(PAGES / "data.py", title="Data", icon=":material/database:"),
        ]
    ).run()


if __name__ == "__main__":
    main()
