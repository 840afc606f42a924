// holdings_under: the holdings a party controls, directly or down its control chains.
//
// The party's own holdings and those of every party below it over CONTROLS edges (at most
// 20 links deep), each holding once (the DISTINCT union, Rule 13d-3), with the security,
// instrument, shares, whether it is a right to acquire, and the document that reports it.
//
// Parameters:
//   $controller  the party: id or name as typed
MATCH (c:Party)
WHERE c.id = $controller OR toLower(trim($controller)) IN c.search_keys
   OR replace(replace(toLower(trim($controller)), ',', ''), '.', '') IN c.search_keys
MATCH (c)-[:CONTROLS*0..20]->(holder:Party)-[h:HOLDS]->(sec:Security)
WITH DISTINCT c, holder, h, sec
RETURN c.id AS controller_id, holder.id AS holder_id, holder.name AS holder,
       sec.id AS security_id, sec.name AS security, h.id AS holding_id,
       h.instrument AS instrument, h.shares AS shares, h.right_to_acquire AS right_to_acquire,
       h.document_id AS document_id
ORDER BY holder, security, instrument, holding_id
