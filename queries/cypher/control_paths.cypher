// control_paths: every control path from one party down to another (CONTROLS edges).
//
// Both ends are given as ids or names as typed (the same keys as who_controls). Paths are
// simple (no node twice) and at most 20 links long; each comes with its node ids and
// names, the roles and powers of its links and the documents that state them.
//
// Parameters:
//   $from  the upper party (controller): id or name
//   $to    the lower party (controlled or holder): id or name
MATCH (a:Party), (b:Party)
WHERE (a.id = $from OR toLower(trim($from)) IN a.search_keys
       OR replace(replace(toLower(trim($from)), ',', ''), '.', '') IN a.search_keys)
  AND (b.id = $to OR toLower(trim($to)) IN b.search_keys
       OR replace(replace(toLower(trim($to)), ',', ''), '.', '') IN b.search_keys)
MATCH p = (a)-[:CONTROLS*1..20]->(b)
WITH p
WHERE all(i IN range(0, size(nodes(p)) - 2)
          WHERE all(j IN range(i + 1, size(nodes(p)) - 1) WHERE nodes(p)[i] <> nodes(p)[j]))
RETURN [n IN nodes(p) | n.id] AS nodes, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | r.role] AS roles, [r IN relationships(p) | r.power] AS powers,
       [r IN relationships(p) | r.id] AS link_ids,
       [r IN relationships(p) | r.document_id] AS documents, length(p) AS length
ORDER BY length, names
