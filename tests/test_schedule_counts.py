"""Per-person share counts in schedules, holders tables and Item 5 lines
(loaders/sec_schedule_counts.py, room SCHEDULES2).

The texts are quoted from corpus filings (named in each test); the expected counts are read
from those documents by hand.
"""

from __future__ import annotations

from ownergraph.graph.model import Holding
from ownergraph.graph.vocab import Instrument, NodeKind, Role
from ownergraph.loaders.sec_legacy_ctx import _Ctx
from ownergraph.loaders.sec_schedule_counts import schedule_holdings

# Public Storage Properties X, SC 13D of Public Storage, Inc. (1996), Appendix A (excerpt)
PUBLIC_STORAGE_APPENDIX_A = """                                   Appendix A
                                   ----------

<TABLE>
<CAPTION>

                                                      No. of Shares
Name                     Title                     Beneficially Owned
- ----                     -----                     ------------------
<S>                      <C>                        <C>

B. Wayne Hughes          Chairman of the Board and
                          Chief Executive Officer             107,415*

Harvey Lenkin            President                               - 0 -

David Goldberg           Senior Vice President and
                          General Counsel                        - 0 -

Obren B. Gerich          Senior Vice President                   2,050

Dann V. Angeloff         Director                                1,450

William C. Baker         Director                                - 0 -

Uri P. Harkham           Director                                2,000

</TABLE>
"""

# Advantage Companies, SC 13D of THORN Americas (1995), Exhibit 2, Schedule A
ADVANTAGE_SCHEDULE_A = """                                   SCHEDULE A

                                   ADVANTAGE

<TABLE>
<CAPTION>
                         SHARES OF        SHARES OF         TOTAL SHARES
NAME                      COMMON          PREFERRED        OF COMMON STOCK
DATE 1                     STOCK            STOCK            AT CLOSING
- ------                     -----            -----          ---------------
<S>                      <C>              <C>              <C>
Daniel J. Taylor           960,750          3,800             1,150,750

Robert W. Moore            849,310          3,900             1,044,310

Daniel M. Carney           797,600          2,300               912,600

Leslie G. Rudd             661,262           None               661,262
                         ---------         ------             ---------
                         3,268,922         10,000             3,768,922
</TABLE>
"""

# Cronos Group, SC 13D/A of Altria Group (2022), Annex A (excerpt, as the loader renders
# its HTML table: cells split by tabs; the footnote marks printed after the names)
CRONOS_ANNEX_A = """ Directors of Altria Group, Inc.:

 Name\t   \t Present Occupation or Employment

 Ian L.T. Clarke\t   \t Chief Financial Officer, Greater Toronto Airports Authority

 Jacinto J. Hernandez2\t   \t Retired Partner, Capital Group

 Nabil Y. Sakkab3\t   \t Retired Senior Vice President, Corporate Research and Development,
 The Procter & Gamble Company

 2 \t Mr. Hernandez beneficially owns 3,379 Common Shares, which represents less than 1% \
of the Common Shares issued and outstanding as of December 14, 2022, based on information \
provided by the Issuer.

 3 \t Dr. Sakkab beneficially owns 5,000 Common Shares, which represents less than 1% of \
the Common Shares issued and outstanding as of December 14, 2022, based on information \
provided by the Issuer.
"""

# Universal Seismic Associates, SC 13D/A of Michael T. Kanarellis (1997), Item 5(a)
UNIVERSAL_SEISMIC_ITEM_5 = """As of the date of this Statement:

          (i)  Michael T. Kanarellis is the beneficial owner
of 215,900 shares of Common Stock, which represented
approximately 4.13% of the issued and outstanding number of
shares of Common Stock as of February 20, 1997.

          (ii) Robert J. Kecseg is the beneficial owner of
39,300 shares of Common Stock, which represented
approximately .75% of the issued and outstanding shares of
Common Stock as of February 20, 1997.
"""


def _read(
    text: str, filers: dict[str, float], title: str = "Common Stock", links: tuple = ()
) -> tuple[_Ctx, dict[tuple[str, str], float]]:
    ctx = _Ctx(path="t", text=text, doc_id="d", accession=None)
    held = []
    pids = []
    for name, shares in filers.items():
        pid = ctx.party(name, kind=NodeKind.ENTITY)
        pids.append(pid)
        held.append(
            Holding(
                id=f"h-{pid}",
                document_id="d",
                holder_id=pid,
                security_id="s",
                instrument=Instrument.COMMON,
                shares=shares,
                title="Common Stock",
            )
        )
    for ctrl, ctld, role in links:
        ctx.link(ctx.party(ctrl), ctx.party(ctld), role, ctx.p())
    out = schedule_holdings(ctx, text, 0, held, pids, "s", title, None)
    names = {pid: sp[0] for pid, sp in ctx.spellings.items()}
    return ctx, {(names[h.holder_id], h.title or ""): h.shares for h in out}


def test_public_storage_appendix_counts_are_the_persons_holdings() -> None:
    ctx, got = _read(PUBLIC_STORAGE_APPENDIX_A, {"Public Storage, Inc.": 559509})
    assert got == {
        ("Public Storage, Inc.", "Common Stock"): 559509,
        ("B. Wayne Hughes", "Common Stock"): 107415,  # the count on the title's second line
        ("Obren B. Gerich", "Common Stock"): 2050,
        ("Dann V. Angeloff", "Common Stock"): 1450,
        ("Uri P. Harkham", "Common Stock"): 2000,
    }
    # '- 0 -' rows give no person; the persons written are persons
    names = {sp[0] for sp in ctx.spellings.values()}
    assert "Harvey Lenkin" not in names and "William C. Baker" not in names
    assert all(
        ctx.kinds[pid] is NodeKind.PERSON for pid, sp in ctx.spellings.items() if "Gerich" in sp[0]
    )


def test_advantage_schedule_a_common_and_preferred_columns() -> None:
    _ctx, got = _read(ADVANTAGE_SCHEDULE_A, {"THORN Americas, Inc.": 3768922})
    assert got == {
        ("THORN Americas, Inc.", "Common Stock"): 3768922,
        ("Daniel J. Taylor", "Common Stock"): 960750,
        ("Daniel J. Taylor", "Preferred Stock"): 3800,
        ("Robert W. Moore", "Common Stock"): 849310,
        ("Robert W. Moore", "Preferred Stock"): 3900,
        ("Daniel M. Carney", "Common Stock"): 797600,
        ("Daniel M. Carney", "Preferred Stock"): 2300,
        ("Leslie G. Rudd", "Common Stock"): 661262,
        ("Leslie G. Rudd", "Preferred Stock"): 0,  # 'None', beside a count of common
    }  # the 'TOTAL SHARES ... AT CLOSING' column and the totals row are no holdings


def test_cronos_footnotes_name_the_annex_row_by_surname() -> None:
    _ctx, got = _read(CRONOS_ANNEX_A, {"Maple Acquireco (Canada) ULC": 156573537})
    assert got[("Jacinto J. Hernandez", "Common Stock")] == 3379
    assert got[("Nabil Y. Sakkab", "Common Stock")] == 5000
    assert len(got) == 3


def test_universal_seismic_item_5_person_without_cover_page() -> None:
    # Kecseg has a cover page and his holding: unchanged; Kanarellis gains his count
    _ctx, got = _read(UNIVERSAL_SEISMIC_ITEM_5, {"Robert J. Kecseg": 39300})
    assert got == {
        ("Robert J. Kecseg", "Common Stock"): 39300,
        ("Michael T. Kanarellis", "Common Stock"): 215900,
    }


def test_a_person_below_a_filer_is_not_given_his_count_again() -> None:
    # the same Item 5 line, the person stated below the filer: his shares are in the
    # filer's count already (the reported shares), so no second holding
    _ctx, got = _read(
        UNIVERSAL_SEISMIC_ITEM_5,
        {"Robert J. Kecseg": 39300},
        links=(("Robert J. Kecseg", "Michael T. Kanarellis", Role.OTHER),),
    )
    assert ("Michael T. Kanarellis", "Common Stock") not in got


def test_a_transactions_table_is_no_holdings_table() -> None:
    text = """Name                  Date          Number of Shares      Price per Share
John A. Smith         1/2/97              1,000                $12.50
"""
    _ctx, got = _read(text, {"Smith Capital LLC": 5000})
    assert got == {("Smith Capital LLC", "Common Stock"): 5000}


def test_a_person_stated_to_control_a_party_is_not_read() -> None:
    # a controller's count in a schedule is often the shares he controls: not his own
    _ctx, got = _read(
        UNIVERSAL_SEISMIC_ITEM_5,
        {"Robert J. Kecseg": 39300},
        links=(("Michael T. Kanarellis", "Moser Foods, Inc.", Role.OFFICER),),
    )
    assert ("Michael T. Kanarellis", "Common Stock") not in got
