// economic_lookthrough: indirect economic stakes in a company, the look-through lens.
//
// Every simple OWNS chain up from the company, at most 6 links deep (a bounded depth, so
// cross-holdings neither hang the query nor get ignored: a cycle shows as chains that
// visit it once). Per chain, the product of the stakes along it as fractions, its lower
// and upper bound (BODS ranges; exclusive bounds are reported as such by the embedded
// engine, here the bound values are multiplied); null when a stake on the chain is
// unknown (unknown is not 100 % and not 0 %). Summing chains per owner is left to the
// caller, which sees each chain.
//
// Parameters:
//   $company  the owned company: id or name as typed
MATCH (c:Party)
WHERE c.id = $company OR toLower(trim($company)) IN c.search_keys
   OR replace(replace(toLower(trim($company)), ',', ''), '.', '') IN c.search_keys
MATCH p = (o:Party)-[:OWNS*1..6]->(c)
WITH o, c, p
WHERE all(i IN range(0, size(nodes(p)) - 2)
          WHERE all(j IN range(i + 1, size(nodes(p)) - 1) WHERE nodes(p)[i] <> nodes(p)[j]))
WITH o, c, p, relationships(p) AS rs
RETURN o.id AS owner_id, o.name AS owner, o.kind AS kind, [n IN nodes(p) | n.id] AS chain,
       CASE WHEN any(r IN rs WHERE r.share_min IS NULL) THEN null
            ELSE reduce(x = 1.0, r IN rs | x * r.share_min / 100.0) END AS product_min,
       CASE WHEN any(r IN rs WHERE r.share_max IS NULL) THEN null
            ELSE reduce(x = 1.0, r IN rs | x * r.share_max / 100.0) END AS product_max,
       length(p) AS depth
ORDER BY owner, depth, chain
