"""Lists of role holders introduced by a sentence (loaders/sec_schedules.py, room SCHEDULES).

The texts are quoted from corpus filings (named in each test); the expected links are read
from those documents by hand.
"""

from __future__ import annotations

from ownergraph.graph.vocab import NodeKind, Role
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_schedules import schedule_links

# Civitas Solutions, SC 13D of Centerbridge Capital Partners III (2018), Schedule I item 5
CIVITAS = """ 5.\t CCP III CAYMAN GP LTD.

 CCP III Cayman GP Ltd. does not have any officers. The following individuals are the \
directors of, and have the authority to bind, CCP III Cayman GP Ltd. The business address \
of each individual is 375 Park Avenue, 11th Floor, New York, New York 10152.

 Name\t   \t Present Principal Occupation or Employment

 Mark T. Gallogly\t   \t Managing Principal of Centerbridge Partners, L.P.

 Jeffrey H. Aronson\t   \t Managing Principal of Centerbridge Partners, L.P.

 SCHEUDLE II

 Stockholder
\t   \t Shares\t  \t
 Vestar Capital Partners V, L.P.
\t   \t  \t 14,557,836\t  \t
"""


def _links(text: str, known: dict[str, NodeKind]) -> set[tuple[str, str, Role]]:
    ctx = _Ctx(path="t", text=text, doc_id="d", accession=None)
    issuer = ctx.party("Civitas Solutions, Inc.", kind=NodeKind.ISSUER)
    for name, kind in known.items():
        ctx.party(name, kind=kind)
    schedule_links(ctx, text, 0, issuer)
    names = {pid: sp[0] for pid, sp in ctx.spellings.items()}
    return {(names[c], names[d], r) for c, d, r in ctx.links}


def test_civitas_directors_with_authority_to_bind_are_links() -> None:
    got = _links(CIVITAS, {"CCP III Cayman GP Ltd.": NodeKind.ENTITY})
    assert got == {
        ("Mark T. Gallogly", "CCP III Cayman GP Ltd.", Role.DIRECTOR),
        ("Jeffrey H. Aronson", "CCP III Cayman GP Ltd.", Role.DIRECTOR),
    }


def test_civitas_listed_person_known_from_a_cover_page_is_that_party() -> None:
    got = _links(
        CIVITAS,
        {"CCP III Cayman GP Ltd.": NodeKind.ENTITY, "Mark T. Gallogly": NodeKind.PERSON},
    )
    assert ("Mark T. Gallogly", "CCP III Cayman GP Ltd.", Role.DIRECTOR) in got


def test_a_bare_director_list_is_no_link() -> None:
    # convention 8: "The following individuals are the directors of X" without a control
    # relation in words (the same schedule, the words "and have the authority to bind" cut)
    text = CIVITAS.replace(" of, and have the authority to bind,", " of")
    assert _links(text, {"CCP III Cayman GP Ltd.": NodeKind.ENTITY}) == set()


def test_the_object_must_be_a_party_the_filing_knows() -> None:
    assert _links(CIVITAS, {}) == set()


def test_managing_members_listed_after_a_colon() -> None:
    # the same production with a control role and the names in the sentence
    text = (
        "The following persons are the managing members of Alpha Capital LLC: John A. Smith"
        " and Mary B. Jones. The business address of each is 1 Main Street."
    )
    got = _links(text, {"Alpha Capital LLC": NodeKind.ENTITY})
    assert got == {
        ("John A. Smith", "Alpha Capital LLC", Role.MANAGING_MEMBER),
        ("Mary B. Jones", "Alpha Capital LLC", Role.MANAGING_MEMBER),
    }
