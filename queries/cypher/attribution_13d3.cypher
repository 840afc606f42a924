// attribution_13d3: Rule 13d-3 attribution of an issuer's class, per person.
//
// For every party at or above a holder of the class over CONTROLS edges: its aggregate as
// the DISTINCT union of the holdings reachable below it (never a sum of cover pages; null
// when a share count is unknown), its own rights to acquire (13d-3(d)(1)(i)), and the
// structure behind them (the control links among those parties, with roles and powers,
// and the holding records). Sole vs shared voting and dispositive power follow the working
// rule of DOMAIN 2, which Cypher cannot express portably: the shared Python code finishes
// it (queries.cypher_lib.finish_attribution runs queries.attribution.attribute on these
// records), so the figures equal the embedded store's.
//
// Parameters:
//   $issuer  the issuer or the security class: id, name as typed, CIK or CUSIP
WITH toLower(trim($issuer)) AS q
MATCH (s)
WHERE (s:Party OR s:Security)
  AND (s.id = $issuer OR q IN s.search_keys
       OR replace(replace(replace(q, ',', ''), '.', ''), '-', '') IN s.search_keys
       OR replace(replace(q, ' ', ''), '-', '') IN s.search_keys)
WITH s
ORDER BY CASE WHEN s.id = $issuer THEN 0 WHEN s:Security THEN 1 ELSE 2 END, s.id
LIMIT 1
OPTIONAL MATCH (iss:Party)-[:ISSUES]->(s)
WITH s, iss
OPTIONAL MATCH (s)-[:ISSUES]->(issued:Security)
WITH s, iss, CASE WHEN s:Security THEN [s] ELSE collect(issued) END AS classes_asked
UNWIND classes_asked AS cls
MATCH (holder:Party)-[hd:HOLDS]->(cls)
// Rule 13d-3(d)(1)(i): a derivative counts only as a right to acquire within 60 days
WHERE coalesce(hd.derivative, false) = false OR hd.right_to_acquire = true
MATCH (person:Party)-[:CONTROLS*0..20]->(holder)
WITH s, iss, person, collect(DISTINCT hd) AS hs, collect(DISTINCT cls) AS classes
OPTIONAL MATCH (up:Party)-[l:CONTROLS]->(person)
WITH s, iss, person, hs, classes, collect(l.record) AS link_records
OPTIONAL MATCH (d:Document)
WHERE d.security_id IN [x IN classes | x.id]
   OR (d.security_id IS NULL AND d.issuer_id IN [x IN classes | x.issuer_id])
WITH s, iss, person, hs, classes, link_records, collect(DISTINCT d) AS docs
RETURN s.id AS subject_id, s.record AS subject_record, iss.record AS issuer_record, person.id AS party_id,
       person.name AS name, person.kind AS kind, person.record AS party_record,
       CASE WHEN any(h IN hs WHERE h.shares IS NULL) THEN null
            ELSE reduce(t = 0.0, h IN hs | t + h.shares) END AS aggregate,
       reduce(t = 0.0, h IN [h IN hs WHERE h.right_to_acquire] | t + coalesce(h.shares, 0.0))
         AS own_rights,
       [h IN hs | h.id] AS holding_ids, [h IN hs | h.record] AS holding_records,
       // each holding's own powers as filed: [id, sole voting, shared voting,
       // sole dispositive, shared dispositive] (null = not filed)
       [h IN hs | [h.id, h.sole_voting, h.shared_voting, h.sole_dispositive,
                   h.shared_dispositive]] AS holding_powers,
       [x IN classes | x.record] AS security_records, link_records,
       [d IN docs | d.record] AS document_records, [d IN docs | d.positions] AS positions
ORDER BY aggregate DESC, name, party_id
