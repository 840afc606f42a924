"""cypher (stub)."""

import streamlit as st

st.title("cypher")
