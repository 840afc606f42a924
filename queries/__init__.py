"""Questions over the control graph: pure functions of the graph."""
