"""The ownergraph explorer from a checkout: ``streamlit run app.py``.

The pages are wired in ``ownergraph.explorer.app`` (installed with the package, so
``ownergraph app`` runs it from a wheel too); this file only calls it.
"""

from ownergraph.explorer.app import main

main()
