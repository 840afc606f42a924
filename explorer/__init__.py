"""The Streamlit explorer: pages and a pure renderer (no streamlit below app.py and explorer/pages)."""
