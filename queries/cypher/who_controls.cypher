// who_controls: who ultimately controls a subject under Rule 13d-3 (the control lens).
//
// Resolves the subject (a party or issuer id, a name as typed, a CIK in any zero padding,
// a CUSIP with or without spaces), takes the holdings of its security classes (or of the
// class itself), and walks UP the CONTROLS edges to the ultimate controllers: parties with
// nobody above them outside their own cycle (a holder with nobody above it is its own
// ultimate controller). Per controller: shares as the DISTINCT union of the holdings
// reachable below it (Rule 13d-3: never a sum of cover pages; null when a share count is
// unknown), rights to acquire, the control paths (node ids and names, at most 20 links
// deep) and the records along them (and the class's documents and cover pages, and the
// derivative positions left out as no beneficial ownership). Voting and investment power
// are carried apart: each holding's own filed powers (holding_powers) and, on every
// CONTROLS relationship, the powers it passes (r.passes) and states (r.voting,
// r.investment). Sole vs shared voting and dispositive power, and the aggregate over links
// that pass one power only, are finished in Python by the embedded engine over these
// records (queries.cypher_lib.finish_who_controls); ``shares`` here is the union over all
// control paths.
//
// Parameters:
//   $subject  a name, id, CIK or CUSIP, as users type them
WITH $subject AS subject, toLower(trim($subject)) AS q
MATCH (s)
WHERE (s:Party OR s:Security)
  AND (s.id = subject OR q IN s.search_keys
       OR replace(replace(replace(q, ',', ''), '.', ''), '-', '') IN s.search_keys
       OR replace(replace(q, ' ', ''), '-', '') IN s.search_keys)
WITH s
ORDER BY CASE WHEN s.id = $subject THEN 0 WHEN s:Security THEN 1 ELSE 2 END, s.id
LIMIT 1
OPTIONAL MATCH (iss:Party)-[:ISSUES]->(s)
WITH s, iss
OPTIONAL MATCH (s)-[:ISSUES]->(issued:Security)
WITH s, iss, CASE WHEN s:Security THEN [s] ELSE collect(issued) END AS classes_asked
UNWIND classes_asked AS cls
MATCH (holder:Party)-[hd:HOLDS]->(cls)
// Rule 13d-3(d)(1)(i): a derivative counts only as a right to acquire within 60 days
WHERE coalesce(hd.derivative, false) = false OR hd.right_to_acquire = true
WITH s, iss, collect([holder, hd, cls]) AS held
// a holder left at 0 shares beside holdings that own shares (or an unknown count) confers
// nothing: it is left out (convention 11); when every holding is at 0 all stay, at 0
WITH s, iss, held,
     any(t IN held WHERE (t[1]).shares IS NULL OR (t[1]).shares <> 0
                         OR (t[1]).right_to_acquire = true) AS some_owned
UNWIND held AS t
WITH s, iss, some_owned, t[0] AS holder, t[1] AS hd, t[2] AS cls
WHERE NOT some_owned OR hd.shares IS NULL OR hd.shares <> 0 OR hd.right_to_acquire = true
WITH s, iss, holder, hd, cls
MATCH p = (c:Party)-[:CONTROLS*0..20]->(holder)
WITH s, iss, holder, hd, cls, c, p
WHERE all(i IN range(0, size(nodes(p)) - 2)
          WHERE all(j IN range(i + 1, size(nodes(p)) - 1) WHERE nodes(p)[i] <> nodes(p)[j]))
  AND NOT EXISTS {
    MATCH (a:Party)-[:CONTROLS*1..20]->(c)
    WHERE NOT EXISTS { MATCH (c)-[:CONTROLS*1..20]->(a) }
  }
WITH s, iss, c, collect(DISTINCT hd) AS hs, collect(DISTINCT cls) AS classes,
     collect(DISTINCT [n IN nodes(p) | n.id]) AS paths,
     collect(DISTINCT [n IN nodes(p) | n.name]) AS path_names,
     collect(nodes(p)) AS node_lists, collect(relationships(p)) AS rel_lists
OPTIONAL MATCH (d:Document)
WHERE d.security_id IN [x IN classes | x.id]
   OR (d.security_id IS NULL AND d.issuer_id IN [x IN classes | x.issuer_id])
WITH s, iss, c, hs, classes, paths, path_names, node_lists, rel_lists,
     collect(DISTINCT d) AS docs
// the class's derivative positions that confer no beneficial ownership (for the note)
OPTIONAL MATCH (:Party)-[sk:HOLDS]->(skc:Security)
WHERE skc.id IN [x IN classes | x.id]
  AND coalesce(sk.derivative, false) = true AND coalesce(sk.right_to_acquire, false) = false
WITH s, iss, c, hs, classes, paths, path_names, node_lists, rel_lists, docs,
     collect(DISTINCT sk.record) AS skipped_records
RETURN s.id AS subject_id, s.name AS subject_name, s.record AS subject_record, iss.record AS issuer_record,
       c.id AS controller_id, c.name AS name, c.kind AS kind,
       CASE WHEN any(h IN hs WHERE h.shares IS NULL) THEN null
            ELSE reduce(t = 0.0, h IN hs | t + h.shares) END AS shares,
       reduce(t = 0.0, h IN [h IN hs WHERE h.right_to_acquire] | t + coalesce(h.shares, 0.0))
         AS rights_to_acquire,
       [h IN hs | h.id] AS holding_ids, paths, path_names,
       // each holding's own powers as filed: [id, sole voting, shared voting,
       // sole dispositive, shared dispositive] (null = not filed)
       [h IN hs | [h.id, h.sole_voting, h.shared_voting, h.sole_dispositive,
                   h.shared_dispositive]] AS holding_powers,
       [h IN hs | h.record] AS holding_records,
       [x IN classes | x.record] AS security_records,
       reduce(acc = [], l IN node_lists | acc + [n IN l | n.record]) AS node_records,
       reduce(acc = [], l IN rel_lists | acc + [r IN l | r.record]) AS link_records,
       [d IN docs | d.record] AS document_records, [d IN docs | d.positions] AS positions,
       skipped_records
ORDER BY shares DESC, name, controller_id
