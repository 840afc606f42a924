// neighbourhood: a party or security and everything within two links, for browsing.
//
// Resolves the node (id or name as typed, CIK, CUSIP), then lists the relationships of
// every path of one or two links from it in either direction, each once, with both ends'
// ids, names and labels, at most $limit relationships.
//
// Parameters:
//   $node   the centre: id, name as typed, CIK or CUSIP
//   $limit  the most relationships returned (an integer)
WITH toLower(trim($node)) AS q
MATCH (c)
WHERE (c:Party OR c:Security)
  AND (c.id = $node OR q IN c.search_keys
       OR replace(replace(replace(q, ',', ''), '.', ''), '-', '') IN c.search_keys
       OR replace(replace(q, ' ', ''), '-', '') IN c.search_keys)
MATCH p = (c)-[*1..2]-(n)
UNWIND relationships(p) AS r
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
RETURN r.id AS id, type(r) AS type, a.id AS start_id, a.name AS start_name,
       labels(a) AS start_labels, b.id AS end_id, b.name AS end_name, labels(b) AS end_labels,
       r.role AS role, r.shares AS shares
ORDER BY type, start_name, end_name, id
LIMIT toInteger($limit)
