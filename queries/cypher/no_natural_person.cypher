// no_natural_person: holders and controlled parties with no natural person above them.
//
// Parties that hold a security or are controlled or owned by someone, and that have no
// Person anywhere up their CONTROLS or OWNS chains (at most 20 links): the entities whose
// ultimate beneficial owner is not identified (AML "no UBO found"). Persons themselves
// are not listed.
//
// Parameters: none.
MATCH (x:Party)
WHERE NOT x:Person
  AND (EXISTS { MATCH (x)-[:HOLDS]->(:Security) }
       OR EXISTS { MATCH (:Party)-[:CONTROLS|OWNS]->(x) })
  AND NOT EXISTS { MATCH (:Person)-[:CONTROLS|OWNS*1..20]->(x) }
RETURN x.id AS party_id, x.name AS name, x.kind AS kind
ORDER BY name, party_id
