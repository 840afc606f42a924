// cycles: control and ownership cycles (cross-holdings), each reported once.
//
// A cycle is a closed chain of CONTROLS or OWNS edges of at most 10 links; it is reported
// from its node with the smallest id, so rotations of one cycle appear once. Parallel
// links from several documents make several rows with the same nodes.
//
// Parameters: none.
MATCH p = (a:Party)-[:CONTROLS|OWNS*1..10]->(a)
WITH a, p
WHERE all(n IN nodes(p) WHERE a.id <= n.id)
  AND all(i IN range(0, size(nodes(p)) - 2)
          WHERE all(j IN range(i + 1, size(nodes(p)) - 2) WHERE nodes(p)[i] <> nodes(p)[j]))
RETURN [n IN nodes(p) | n.id] AS nodes, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | type(r)] AS types, [r IN relationships(p) | r.id] AS link_ids,
       length(p) AS length
ORDER BY length, nodes
