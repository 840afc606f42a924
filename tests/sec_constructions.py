"""A catalogue of the constructions Schedule 13D/G filings use to state control (Item 2,
Item 5, Item 6, cover-page footnotes, Exhibit 99), each a synthetic sentence written for
this catalogue (no filing's names), with the links a careful reader takes from it, read by
hand (convention numbers: tests/fixtures/corpus/README.md).

Each case: (id, text, persons, parties, expected links (controller, controlled, role
value), xfail reason or None). ``persons`` and ``parties`` are the names the cover pages
give; a name left out of both is one the grammar must find in the prose itself.
A beneficiary link is no control link: the test leaves ``beneficiary`` links aside.
"""

from __future__ import annotations

Case = tuple[str, str, tuple[str, ...], tuple[str, ...], set[tuple[str, str, str]], str | None]

GP, MM, SM, MEM = "general_partner", "managing_member", "sole_member", "member"
OFF, DIR, IM, IA = "officer", "director", "investment_manager", "investment_adviser"
TR, PA, SH, SP, SET = "trustee", "parent", "shareholder", "stated_power", "settlor"

CASES: list[Case] = [
    # ------------------------------------------------------------ active predicate
    (
        "is_gp",
        "Redwood Value Partners GP, LLC is the general partner of Redwood Value Fund, L.P.",
        (),
        ("Redwood Value Partners GP, LLC", "Redwood Value Fund, L.P."),
        {("Redwood Value Partners GP, LLC", "Redwood Value Fund, L.P.", GP)},
        None,
    ),
    (
        "serves_as_im_to",
        "Sable Capital LP serves as investment manager to Sable Offshore Fund Ltd.",
        (),
        ("Sable Capital LP", "Sable Offshore Fund Ltd."),
        {("Sable Capital LP", "Sable Offshore Fund Ltd.", IM)},
        None,
    ),
    (
        "acts_as_ia_to",
        "Tern Advisors LLC acts as investment adviser to Tern Partners, L.P. and has the "
        "power to vote the shares it holds.",
        (),
        ("Tern Advisors LLC", "Tern Partners, L.P."),
        {("Tern Advisors LLC", "Tern Partners, L.P.", IA)},
        None,
    ),
    (
        "registered_ia_and_im",
        "Kowalski Capital Management LLC is a registered investment adviser and is the "
        "investment manager of Kowalski Partners Fund LP.",
        (),
        ("Kowalski Capital Management LLC", "Kowalski Partners Fund LP"),
        {("Kowalski Capital Management LLC", "Kowalski Partners Fund LP", IM)},
        None,
    ),
    (
        "sole_gp_of_each_of",
        "Hollis Capital Partners LLC is the sole general partner of each of Hollis Fund LP, "
        "Hollis Fund II LP and Hollis Fund III LP.",
        (),
        (
            "Hollis Capital Partners LLC",
            "Hollis Fund LP",
            "Hollis Fund II LP",
            "Hollis Fund III LP",
        ),
        {
            ("Hollis Capital Partners LLC", "Hollis Fund LP", GP),
            ("Hollis Capital Partners LLC", "Hollis Fund II LP", GP),
            ("Hollis Capital Partners LLC", "Hollis Fund III LP", GP),
        },
        None,
    ),
    (
        "mm_of_both",
        "Mr. Thorne serves as the managing member of both Thorne GP LLC and Thorne Management LLC.",
        ("Lucas Thorne",),
        ("Thorne GP LLC", "Thorne Management LLC"),
        {("Lucas Thorne", "Thorne GP LLC", MM), ("Lucas Thorne", "Thorne Management LLC", MM)},
        None,
    ),
    (
        "president_and_sole_director",
        "Ms. Ruth Adler serves as President and sole director of Adler Holdings Inc.",
        ("Ruth Adler",),
        ("Adler Holdings Inc.",),
        {("Ruth Adler", "Adler Holdings Inc.", OFF)},
        None,
    ),
    (
        "ceo_and_a_director",
        "Mr. Kevin Marsh is the Chief Executive Officer and a director of Marsh Capital Corp.",
        ("Kevin Marsh",),
        ("Marsh Capital Corp.",),
        {("Kevin Marsh", "Marsh Capital Corp.", OFF)},
        None,
    ),
    (
        "a_director_of_intermediary",
        "Mr. Kevin Marsh is a director of Marsh Capital Corp., which holds 400,000 shares.",
        ("Kevin Marsh",),
        ("Marsh Capital Corp.",),
        {("Kevin Marsh", "Marsh Capital Corp.", DIR)},
        None,
    ),
    (
        "executive_chairman",
        "Mr. Leon Abbott is the Executive Chairman of Abbott Industrial Holdings Inc.",
        ("Leon Abbott",),
        ("Abbott Industrial Holdings Inc.",),
        {("Leon Abbott", "Abbott Industrial Holdings Inc.", OFF)},
        None,
    ),
    (
        "chairman_is_director",
        "Mr. Leon Abbott is the Chairman of the Board of Abbott Industrial Holdings Inc.",
        ("Leon Abbott",),
        ("Abbott Industrial Holdings Inc.",),
        {("Leon Abbott", "Abbott Industrial Holdings Inc.", DIR)},
        None,
    ),
    (
        "sole_director_and_sole_shareholder",
        "Mr. Victor Lang is the sole director and sole shareholder of Lang Capital Ltd.",
        ("Victor Lang",),
        ("Lang Capital Ltd.",),
        {("Victor Lang", "Lang Capital Ltd.", PA)},
        None,
    ),
    (
        "sole_member_of_gp_appositive",
        "Rook Capital Partners LP is the sole member of Rook GP LLC, the general partner of "
        "Rook Fund LP.",
        (),
        ("Rook Capital Partners LP", "Rook GP LLC", "Rook Fund LP"),
        {
            ("Rook Capital Partners LP", "Rook GP LLC", SM),
            ("Rook GP LLC", "Rook Fund LP", GP),
        },
        None,
    ),
    # ------------------------------------------------------------ inverse / passive
    (
        "the_gp_of_y_is_x",
        "The general partner of Harbor Point Fund, L.P. is Harbor Point Advisors, LLC.",
        (),
        ("Harbor Point Fund, L.P.", "Harbor Point Advisors, LLC"),
        {("Harbor Point Advisors, LLC", "Harbor Point Fund, L.P.", GP)},
        None,
    ),
    (
        "possessive_gp_is",
        "Pinecrest Fund LP's general partner is Pinecrest GP LLC.",
        (),
        ("Pinecrest Fund LP", "Pinecrest GP LLC"),
        {("Pinecrest GP LLC", "Pinecrest Fund LP", GP)},
        None,
    ),
    (
        "managed_by_its_im",
        "Kestrel Opportunity Fund, L.P. is managed by Kestrel Capital Management, LLC, its "
        "investment manager.",
        (),
        ("Kestrel Opportunity Fund, L.P.", "Kestrel Capital Management, LLC"),
        {("Kestrel Capital Management, LLC", "Kestrel Opportunity Fund, L.P.", IM)},
        None,
    ),
    (
        "each_of_managed_by",
        "Each of Alder Fund I, L.P. and Alder Fund II, L.P. is managed by Alder Management LLC.",
        (),
        ("Alder Fund I, L.P.", "Alder Fund II, L.P.", "Alder Management LLC"),
        {
            ("Alder Management LLC", "Alder Fund I, L.P.", IM),
            ("Alder Management LLC", "Alder Fund II, L.P.", IM),
        },
        None,
    ),
    (
        "collectively_advised_by",
        'Cypress Offshore Fund Ltd. and Cypress Onshore Fund LP (collectively, the "Cypress '
        'Funds") are advised by Cypress Capital Advisors LLC.',
        (),
        ("Cypress Offshore Fund Ltd.", "Cypress Onshore Fund LP", "Cypress Capital Advisors LLC"),
        {
            ("Cypress Capital Advisors LLC", "Cypress Offshore Fund Ltd.", IA),
            ("Cypress Capital Advisors LLC", "Cypress Onshore Fund LP", IA),
        },
        None,
    ),
    (
        "controlled_by_its_gp",
        "Cedar Point Fund LP is controlled by its general partner, Cedar Point GP LLC.",
        (),
        ("Cedar Point Fund LP", "Cedar Point GP LLC"),
        {("Cedar Point GP LLC", "Cedar Point Fund LP", GP)},
        None,
    ),
    (
        "controlled_by_its_managing_members",
        "Reiss Kohl Capital LLC is controlled by Adam Reiss and Brian Kohl, its managing members.",
        ("Adam Reiss", "Brian Kohl"),
        ("Reiss Kohl Capital LLC",),
        {
            ("Adam Reiss", "Reiss Kohl Capital LLC", MM),
            ("Brian Kohl", "Reiss Kohl Capital LLC", MM),
        },
        None,
    ),
    (
        "wholly_owned_subsidiary_of",
        "Dunmore Capital LLC is a wholly-owned subsidiary of Dunmore Group Holdings, Inc.",
        (),
        ("Dunmore Capital LLC", "Dunmore Group Holdings, Inc."),
        {("Dunmore Group Holdings, Inc.", "Dunmore Capital LLC", PA)},
        None,
    ),
    (
        "wholly_owned_by",
        "Marlow Investments Ltd. is wholly owned by Marlow Holdings plc.",
        (),
        ("Marlow Investments Ltd.", "Marlow Holdings plc"),
        {("Marlow Holdings plc", "Marlow Investments Ltd.", PA)},
        None,
    ),
    (
        "indirect_wholly_owned_subsidiary",
        "Lakeshore Capital Ltd. is an indirect wholly-owned subsidiary of Lakeshore "
        "Financial Group plc.",
        (),
        ("Lakeshore Capital Ltd.", "Lakeshore Financial Group plc"),
        {("Lakeshore Financial Group plc", "Lakeshore Capital Ltd.", PA)},
        None,
    ),
    (
        "appositive_wholly_owned_subsidiary",
        "Granby Investments LLC, a wholly owned subsidiary of Granby Bancorp, Inc., holds "
        "the shares directly.",
        (),
        ("Granby Investments LLC", "Granby Bancorp, Inc."),
        {("Granby Bancorp, Inc.", "Granby Investments LLC", PA)},
        None,
    ),
    (
        "managing_members_are",
        "The managing members of Wren Capital LLC are Gabriel Wren and Olivia Stark.",
        ("Gabriel Wren", "Olivia Stark"),
        ("Wren Capital LLC",),
        {("Gabriel Wren", "Wren Capital LLC", MM), ("Olivia Stark", "Wren Capital LLC", MM)},
        None,
    ),
    # ------------------------------------------------------------ relative clauses
    (
        "of_which_x_is_im",
        'Ridgeline Master Fund, Ltd. (the "Master Fund"), of which Ridgeline Partners LP is '
        "the investment manager, holds 1,200,000 shares.",
        (),
        ("Ridgeline Master Fund, Ltd.", "Ridgeline Partners LP"),
        {("Ridgeline Partners LP", "Ridgeline Master Fund, Ltd.", IM)},
        None,
    ),
    (
        "whose_sole_member_is",
        "Osprey Holdings LLC, whose sole member is Jonathan R. Pike, holds 250,000 shares.",
        ("Jonathan R. Pike",),
        ("Osprey Holdings LLC",),
        {("Jonathan R. Pike", "Osprey Holdings LLC", SM)},
        None,
    ),
    (
        "whose_managing_members_are",
        "Wren Capital LLC, whose managing members are Gabriel Wren and Olivia Stark, is the "
        "investment adviser of Wren Fund LP.",
        ("Gabriel Wren", "Olivia Stark"),
        ("Wren Capital LLC", "Wren Fund LP"),
        {
            ("Gabriel Wren", "Wren Capital LLC", MM),
            ("Olivia Stark", "Wren Capital LLC", MM),
            ("Wren Capital LLC", "Wren Fund LP", IA),
        },
        None,
    ),
    (
        "for_which_serves_as",
        "Heron Partners LP is a private investment fund for which Heron Management LLC "
        "serves as the general partner.",
        (),
        ("Heron Partners LP", "Heron Management LLC"),
        {("Heron Management LLC", "Heron Partners LP", GP)},
        None,
    ),
    (
        "which_is_gp_chain",
        "Mr. Daniel K. Orr is the managing member of Orr Capital GP LLC, which is the general "
        "partner of Orr Capital Partners LP.",
        ("Daniel K. Orr",),
        ("Orr Capital GP LLC", "Orr Capital Partners LP"),
        {
            ("Daniel K. Orr", "Orr Capital GP LLC", MM),
            ("Orr Capital GP LLC", "Orr Capital Partners LP", GP),
        },
        None,
    ),
    (
        "which_in_turn_serves_as",
        "Corvid GP LLC is the general partner of Corvid Fund LP and is owned by Corvid "
        "Holdings Inc., which in turn serves as the investment manager of Corvid Fund LP.",
        (),
        ("Corvid GP LLC", "Corvid Fund LP", "Corvid Holdings Inc."),
        {
            ("Corvid GP LLC", "Corvid Fund LP", GP),
            ("Corvid Holdings Inc.", "Corvid GP LLC", PA),
            ("Corvid Holdings Inc.", "Corvid Fund LP", IM),
        },
        None,
    ),
    (
        "of_which_gp_and_im",
        "Ash Grove Partners LP, of which Ash Grove GP LLC is the sole general partner and "
        "Ash Grove Advisors LLC is the investment manager, holds the shares.",
        (),
        ("Ash Grove Partners LP", "Ash Grove GP LLC", "Ash Grove Advisors LLC"),
        {
            ("Ash Grove GP LLC", "Ash Grove Partners LP", GP),
            ("Ash Grove Advisors LLC", "Ash Grove Partners LP", IM),
        },
        None,
    ),
    (
        "whose_investment_adviser_is",
        "Holly Investment Trust, a Massachusetts business trust whose investment adviser is "
        "Holly Asset Management Inc., holds the shares.",
        (),
        ("Holly Investment Trust", "Holly Asset Management Inc."),
        {("Holly Asset Management Inc.", "Holly Investment Trust", IA)},
        None,
    ),
    (
        "who_controls_as_its_mm",
        "Mr. Carl Ibsen, who is the managing member of Nimbus Advisors LLC, may be deemed to "
        "beneficially own the shares.",
        ("Carl Ibsen",),
        ("Nimbus Advisors LLC",),
        {("Carl Ibsen", "Nimbus Advisors LLC", MM)},
        None,
    ),
    (
        "of_which_then_main_verb",
        "Haddad Capital LLC, of which Mr. Haddad is the managing member, is the general "
        "partner of Haddad Fund LP.",
        ("Omar Haddad",),
        ("Haddad Capital LLC", "Haddad Fund LP"),
        {("Omar Haddad", "Haddad Capital LLC", MM), ("Haddad Capital LLC", "Haddad Fund LP", GP)},
        None,
    ),
    (
        "of_which_plural_then_main_verb",
        "Haddad Capital LLC, of which Omar Haddad and Lina Haddad are the managing members, "
        "serves as the investment manager of Haddad Fund LP.",
        ("Omar Haddad", "Lina Haddad"),
        ("Haddad Capital LLC", "Haddad Fund LP"),
        {
            ("Omar Haddad", "Haddad Capital LLC", MM),
            ("Lina Haddad", "Haddad Capital LLC", MM),
            ("Haddad Capital LLC", "Haddad Fund LP", IM),
        },
        None,
    ),
    (
        "whose_sole_member_then_main_verb",
        "Wren Capital LLC, whose sole member is Gabriel Wren, is the investment adviser of "
        "Wren Fund LP.",
        ("Gabriel Wren",),
        ("Wren Capital LLC", "Wren Fund LP"),
        {("Gabriel Wren", "Wren Capital LLC", SM), ("Wren Capital LLC", "Wren Fund LP", IA)},
        None,
    ),
    (
        "verb_object_in_apposition",
        "Mr. Boris Gold controls Gold GP LLC, the general partner of Gold Partners LP.",
        ("Boris Gold",),
        ("Gold GP LLC", "Gold Partners LP"),
        {("Boris Gold", "Gold GP LLC", PA), ("Gold GP LLC", "Gold Partners LP", GP)},
        None,
    ),
    (
        "held_by_name_in_apposition",
        "Mr. Boris Gold may be deemed to beneficially own the shares held by Gold Capital LLC, "
        "the investment manager of Gold Partners LP.",
        ("Boris Gold",),
        ("Gold Capital LLC", "Gold Partners LP"),
        {
            ("Boris Gold", "Gold Capital LLC", SP),
            ("Gold Capital LLC", "Gold Partners LP", IM),
        },
        None,
    ),
    # ------------------------------------------------------------ capacity / by virtue of
    (
        "in_its_capacity_as_leading",
        "In its capacity as investment manager of Larch Master Fund Ltd., Larch Asset "
        "Management LP may be deemed to beneficially own the shares held by Larch Master "
        "Fund Ltd.",
        (),
        ("Larch Master Fund Ltd.", "Larch Asset Management LP"),
        {("Larch Asset Management LP", "Larch Master Fund Ltd.", IM)},
        None,
    ),
    (
        "as_the_gp_leading",
        "As the general partner of Tallis Fund LP, Tallis GP LLC may be deemed to have "
        "shared voting and dispositive power over the shares held by Tallis Fund LP.",
        (),
        ("Tallis Fund LP", "Tallis GP LLC"),
        {("Tallis GP LLC", "Tallis Fund LP", GP)},
        None,
    ),
    (
        "by_virtue_of_his_position",
        "By virtue of his position as the managing member of Corvid GP LLC, Mr. Samuel Reyes "
        "may be deemed to beneficially own the shares held by Corvid GP LLC.",
        ("Samuel Reyes",),
        ("Corvid GP LLC",),
        {("Samuel Reyes", "Corvid GP LLC", MM)},
        None,
    ),
    (
        "by_virtue_of_being_chain",
        "Mr. Reyes may be deemed to beneficially own the shares held by Corvid Fund LP by "
        "virtue of being the sole managing member of Corvid GP LLC, the general partner of "
        "Corvid Fund LP.",
        ("Samuel Reyes",),
        ("Corvid GP LLC", "Corvid Fund LP"),
        {("Samuel Reyes", "Corvid GP LLC", MM), ("Corvid GP LLC", "Corvid Fund LP", GP)},
        None,
    ),
    (
        "as_sole_officer_and_director",
        "Ms. Rita Moss, as the sole officer and director of Moss Holdings Inc., has the power "
        "to vote and dispose of the shares held by Moss Holdings Inc.",
        ("Rita Moss",),
        ("Moss Holdings Inc.",),
        {("Rita Moss", "Moss Holdings Inc.", OFF)},
        None,
    ),
    (
        "deemed_owner_then_role",
        "Shares are held directly by Pike Lake Fund LP. Pike Lake Advisors LLC is the "
        "investment manager of Pike Lake Fund LP and may be deemed to beneficially own such "
        "shares.",
        (),
        ("Pike Lake Fund LP", "Pike Lake Advisors LLC"),
        {("Pike Lake Advisors LLC", "Pike Lake Fund LP", IM)},
        None,
    ),
    # ------------------------------------------------------------ lists
    (
        "managing_members_plural_messrs",
        "Messrs. Robert Tan and Steven Hale are the managing members of Fieldstone GP LLC.",
        ("Robert Tan", "Steven Hale"),
        ("Fieldstone GP LLC",),
        {("Robert Tan", "Fieldstone GP LLC", MM), ("Steven Hale", "Fieldstone GP LLC", MM)},
        None,
    ),
    (
        "co_managing_members",
        "Robert Tan and Steven Hale are co-managing members of Fieldstone GP LLC and share "
        "voting power over the shares.",
        ("Robert Tan", "Steven Hale"),
        ("Fieldstone GP LLC",),
        {("Robert Tan", "Fieldstone GP LLC", MM), ("Steven Hale", "Fieldstone GP LLC", MM)},
        None,
    ),
    (
        "each_of_is_a_mm",
        "Each of Mr. Adam Reiss and Mr. Brian Kohl is a managing member of Reiss Kohl Capital LLC.",
        ("Adam Reiss", "Brian Kohl"),
        ("Reiss Kohl Capital LLC",),
        {
            ("Adam Reiss", "Reiss Kohl Capital LLC", MM),
            ("Brian Kohl", "Reiss Kohl Capital LLC", MM),
        },
        None,
    ),
    (
        "both_serve_as",
        "Mr. Adam Reiss and Mr. Brian Kohl both serve as managing members of Reiss Kohl "
        "Capital LLC.",
        ("Adam Reiss", "Brian Kohl"),
        ("Reiss Kohl Capital LLC",),
        {
            ("Adam Reiss", "Reiss Kohl Capital LLC", MM),
            ("Brian Kohl", "Reiss Kohl Capital LLC", MM),
        },
        None,
    ),
    (
        "respectively_two_roles",
        "Aspen Ridge Capital LLC and Aspen Ridge GP LLC are the investment manager and general "
        "partner, respectively, of Aspen Ridge Fund LP.",
        (),
        ("Aspen Ridge Capital LLC", "Aspen Ridge GP LLC", "Aspen Ridge Fund LP"),
        {
            ("Aspen Ridge Capital LLC", "Aspen Ridge Fund LP", IM),
            ("Aspen Ridge GP LLC", "Aspen Ridge Fund LP", GP),
        },
        None,
    ),
    (
        "respectively_two_persons_two_roles",
        "Mr. Ian Hull and Ms. Rosa Vale are the President and the sole director, "
        "respectively, of Hull Vale Holdings Inc.",
        ("Ian Hull", "Rosa Vale"),
        ("Hull Vale Holdings Inc.",),
        {
            ("Ian Hull", "Hull Vale Holdings Inc.", OFF),
            ("Rosa Vale", "Hull Vale Holdings Inc.", DIR),
        },
        None,
    ),
    (
        "respectively_two_objects",
        "Harlow Capital GP LLC and Harlow Partners GP LLC are the general partners of Harlow "
        "Fund I LP and Harlow Fund II LP, respectively.",
        (),
        (
            "Harlow Capital GP LLC",
            "Harlow Partners GP LLC",
            "Harlow Fund I LP",
            "Harlow Fund II LP",
        ),
        {
            ("Harlow Capital GP LLC", "Harlow Fund I LP", GP),
            ("Harlow Partners GP LLC", "Harlow Fund II LP", GP),
        },
        None,
    ),
    (
        "enumerated_objects_roman",
        "Saffron Capital LLC is the investment manager to (i) Saffron Fund, L.P. and (ii) "
        "Saffron Offshore Fund Ltd.",
        (),
        ("Saffron Capital LLC", "Saffron Fund, L.P.", "Saffron Offshore Fund Ltd."),
        {
            ("Saffron Capital LLC", "Saffron Fund, L.P.", IM),
            ("Saffron Capital LLC", "Saffron Offshore Fund Ltd.", IM),
        },
        None,
    ),
    (
        "enumerated_objects_letters_each_of",
        "Saffron GP LLC is the general partner of each of (a) Saffron Fund, L.P., (b) Saffron "
        "Fund II, L.P. and (c) Saffron Fund III, L.P.",
        (),
        ("Saffron GP LLC", "Saffron Fund, L.P.", "Saffron Fund II, L.P.", "Saffron Fund III, L.P."),
        {
            ("Saffron GP LLC", "Saffron Fund, L.P.", GP),
            ("Saffron GP LLC", "Saffron Fund II, L.P.", GP),
            ("Saffron GP LLC", "Saffron Fund III, L.P.", GP),
        },
        None,
    ),
    (
        "enumerated_item2",
        "This statement is filed by (i) Cobalt Fund LP, a Delaware limited partnership; (ii) "
        "Cobalt GP LLC, a Delaware limited liability company and the general partner of Cobalt "
        "Fund LP; and (iii) Peter Vance, the managing member of Cobalt GP LLC.",
        ("Peter Vance",),
        ("Cobalt Fund LP", "Cobalt GP LLC"),
        {("Cobalt GP LLC", "Cobalt Fund LP", GP), ("Peter Vance", "Cobalt GP LLC", MM)},
        None,
    ),
    (
        "semicolon_list_with_aliases",
        'The Reporting Persons are Mako Partners LP ("Mako"); Mako GP LLC ("Mako GP"), which '
        "serves as the general partner of Mako; and Ian Rourke, who serves as the managing "
        "member of Mako GP.",
        ("Ian Rourke",),
        ("Mako Partners LP", "Mako GP LLC"),
        {("Mako GP LLC", "Mako Partners LP", GP), ("Ian Rourke", "Mako GP LLC", MM)},
        None,
    ),
    (
        "investment_committee_members",
        "Laura Chen, Mark Ortiz and Neil Shah are the members of the investment committee of "
        "Granite Peak Advisors LLC.",
        ("Laura Chen", "Mark Ortiz", "Neil Shah"),
        ("Granite Peak Advisors LLC",),
        {
            ("Laura Chen", "Granite Peak Advisors LLC", MEM),
            ("Mark Ortiz", "Granite Peak Advisors LLC", MEM),
            ("Neil Shah", "Granite Peak Advisors LLC", MEM),
        },
        None,
    ),
    (
        "investment_committee_consisting_of",
        "Investment decisions of Granite Peak Advisors LLC are made by its investment "
        "committee, which consists of Laura Chen, Mark Ortiz and Neil Shah.",
        ("Laura Chen", "Mark Ortiz", "Neil Shah"),
        ("Granite Peak Advisors LLC",),
        {
            ("Laura Chen", "Granite Peak Advisors LLC", MEM),
            ("Mark Ortiz", "Granite Peak Advisors LLC", MEM),
            ("Neil Shah", "Granite Peak Advisors LLC", MEM),
        },
        None,
    ),
    (
        "committee_of_y_composed_of",
        "The investment committee of Granite Peak Advisors LLC, which is composed of Laura "
        "Chen and Neil Shah, makes all voting and investment decisions.",
        ("Laura Chen", "Neil Shah"),
        ("Granite Peak Advisors LLC",),
        {
            ("Laura Chen", "Granite Peak Advisors LLC", MEM),
            ("Neil Shah", "Granite Peak Advisors LLC", MEM),
        },
        None,
    ),
    (
        "committee_possessive_consists_of",
        "Granite Peak Advisors LLC's investment committee consists of Laura Chen and Neil Shah.",
        ("Laura Chen", "Neil Shah"),
        ("Granite Peak Advisors LLC",),
        {
            ("Laura Chen", "Granite Peak Advisors LLC", MEM),
            ("Neil Shah", "Granite Peak Advisors LLC", MEM),
        },
        None,
    ),
    (
        "directors_share_power",
        "Anna Berg and Lars Holm, the directors of Summit Holdings Ltd., share voting and "
        "dispositive power over the shares held by Summit Holdings Ltd.",
        ("Anna Berg", "Lars Holm"),
        ("Summit Holdings Ltd.",),
        {("Anna Berg", "Summit Holdings Ltd.", DIR), ("Lars Holm", "Summit Holdings Ltd.", DIR)},
        None,
    ),
    (
        "sole_shareholders_couple",
        "Farah Iqbal and Omar Iqbal, husband and wife, are the sole shareholders of Iqbal "
        "Family Holdings Inc.",
        ("Farah Iqbal", "Omar Iqbal"),
        ("Iqbal Family Holdings Inc.",),
        {
            ("Farah Iqbal", "Iqbal Family Holdings Inc.", PA),
            ("Omar Iqbal", "Iqbal Family Holdings Inc.", PA),
        },
        None,
    ),
    (
        "ia_to_defined_group",
        'Quill Partners LP and Quill Offshore Ltd. (together, the "Funds") hold the shares. '
        "Quill Capital LLC is the investment adviser to the Funds.",
        (),
        ("Quill Partners LP", "Quill Offshore Ltd.", "Quill Capital LLC"),
        {
            ("Quill Capital LLC", "Quill Partners LP", IA),
            ("Quill Capital LLC", "Quill Offshore Ltd.", IA),
        },
        None,
    ),
    (
        "provides_advisory_services",
        'Calder Capital, LLC ("Calder") provides investment advisory services to Calder Fund '
        "I, LP and Calder Fund II, LP.",
        (),
        ("Calder Capital, LLC", "Calder Fund I, LP", "Calder Fund II, LP"),
        {
            ("Calder Capital, LLC", "Calder Fund I, LP", IA),
            ("Calder Capital, LLC", "Calder Fund II, LP", IA),
        },
        None,
    ),
    (
        "of_and_inserted_verb_phrase",
        "Thistle Advisors LP is the investment advisor of, and exercises investment "
        "discretion over, Thistle Master Fund Ltd., a Cayman Islands exempted company.",
        (),
        ("Thistle Advisors LP", "Thistle Master Fund Ltd."),
        {("Thistle Advisors LP", "Thistle Master Fund Ltd.", IA)},
        None,
    ),
    (
        "directors_of_and_authority_to_bind",
        "Jane Roe and John Doe are the directors of, and have the authority to bind, Thistle "
        "GP Ltd.",
        ("Jane Roe", "John Doe"),
        ("Thistle GP Ltd.",),
        {("Jane Roe", "Thistle GP Ltd.", DIR), ("John Doe", "Thistle GP Ltd.", DIR)},
        None,
    ),
    (
        "described_and_x_is_its",
        "Thistle Holdings LLC is a manager-managed limited liability company and Thistle "
        "Group Inc. is its sole member.",
        (),
        ("Thistle Holdings LLC", "Thistle Group Inc."),
        {("Thistle Group Inc.", "Thistle Holdings LLC", SM)},
        None,
    ),
    (
        "and_x_is_the_funds_role",
        'Orion Fund LP (the "Fund") holds the shares. Orion GP LLC is the general partner of '
        "the Fund and Orion Advisors LLC is the Fund's investment adviser.",
        (),
        ("Orion Fund LP", "Orion GP LLC", "Orion Advisors LLC"),
        {("Orion GP LLC", "Orion Fund LP", GP), ("Orion Advisors LLC", "Orion Fund LP", IA)},
        None,
    ),
    (
        "plural_possessive_predicate",
        "Jane Roe and John Doe are Orion GP LLC's managing members.",
        ("Jane Roe", "John Doe"),
        ("Orion GP LLC",),
        {("Jane Roe", "Orion GP LLC", MM), ("John Doe", "Orion GP LLC", MM)},
        None,
    ),
    (
        "and_his_wife_managing_members",
        "Mr. Paul Ives and his wife, Clara Ives, are the managing members of Ives Capital LLC.",
        ("Paul Ives", "Clara Ives"),
        ("Ives Capital LLC",),
        {("Paul Ives", "Ives Capital LLC", MM), ("Clara Ives", "Ives Capital LLC", MM)},
        None,
    ),
    # ------------------------------------------------------------ aliases and topics
    (
        "alias_chain_three_sentences",
        'Jasper Capital Management, LP ("JCM") serves as the investment manager of Jasper '
        'Master Fund, Ltd. (the "Master Fund"). Jasper Capital GP, LLC ("JCM GP") is the '
        "general partner of JCM. Mr. Owen Blake is the managing member of JCM GP.",
        ("Owen Blake",),
        ("Jasper Capital Management, LP", "Jasper Master Fund, Ltd.", "Jasper Capital GP, LLC"),
        {
            ("Jasper Capital Management, LP", "Jasper Master Fund, Ltd.", IM),
            ("Jasper Capital GP, LLC", "Jasper Capital Management, LP", GP),
            ("Owen Blake", "Jasper Capital GP, LLC", MM),
        },
        None,
    ),
    (
        "alias_inverse",
        'Wexford Crest Partners, L.P. ("WCP") is a Delaware limited partnership. The general '
        "partner of WCP is Wexford Crest GP LLC.",
        (),
        ("Wexford Crest Partners, L.P.", "Wexford Crest GP LLC"),
        {("Wexford Crest GP LLC", "Wexford Crest Partners, L.P.", GP)},
        None,
    ),
    (
        "its_general_partner_is",
        "Marigold Fund, L.P. is a Delaware limited partnership. Its general partner is "
        "Marigold GP, LLC.",
        (),
        ("Marigold Fund, L.P.", "Marigold GP, LLC"),
        {("Marigold GP, LLC", "Marigold Fund, L.P.", GP)},
        None,
    ),
    (
        "x_is_its_gp",
        'Falcon Bay Fund, L.P. ("Falcon Bay") is a Cayman Islands exempted limited '
        "partnership. Falcon Bay GP, Ltd. is its general partner.",
        (),
        ("Falcon Bay Fund, L.P.", "Falcon Bay GP, Ltd."),
        {("Falcon Bay GP, Ltd.", "Falcon Bay Fund, L.P.", GP)},
        None,
    ),
    (
        "alias_and_second_clause",
        'Tanager Advisors LLC, a Delaware limited liability company ("Tanager"), is the '
        "investment adviser of Tanager Fund LP, and Mr. Henry Stone is the managing member "
        "of Tanager.",
        ("Henry Stone",),
        ("Tanager Advisors LLC", "Tanager Fund LP"),
        {
            ("Tanager Advisors LLC", "Tanager Fund LP", IA),
            ("Henry Stone", "Tanager Advisors LLC", MM),
        },
        None,
    ),
    (
        "gp_alias_then_mm",
        'Birch Hill GP, L.L.C. ("Birch GP") is the general partner of Birch Hill Partners, '
        'L.P. ("Birch Partners"). Ms. Alicia Wen is the sole managing member of Birch GP.',
        ("Alicia Wen",),
        ("Birch Hill GP, L.L.C.", "Birch Hill Partners, L.P."),
        {
            ("Birch Hill GP, L.L.C.", "Birch Hill Partners, L.P.", GP),
            ("Alicia Wen", "Birch Hill GP, L.L.C.", MM),
        },
        None,
    ),
    (
        "possessive_alias_appositive",
        'Quarry Lane Fund LP (the "Fund") holds the shares. The Fund\'s investment manager, '
        "Quarry Lane Capital LP, has the power to vote them.",
        (),
        ("Quarry Lane Fund LP", "Quarry Lane Capital LP"),
        {("Quarry Lane Capital LP", "Quarry Lane Fund LP", IM)},
        None,
    ),
    (
        "adviser_alias",
        'Securities reported herein are held by Sorrel Master Fund, Ltd. (the "Fund"). '
        'Sorrel Capital LLC (the "Adviser") acts as investment adviser to the Fund.',
        (),
        ("Sorrel Master Fund, Ltd.", "Sorrel Capital LLC"),
        {("Sorrel Capital LLC", "Sorrel Master Fund, Ltd.", IA)},
        None,
    ),
    (
        "partnership_managed_by_gp_in_turn",
        'Sagebrush Partners LP (the "Partnership") is managed by its general partner, '
        'Sagebrush GP LLC (the "General Partner"). The General Partner is controlled by its '
        "managing members, Paul Ng and Erin Vos.",
        ("Paul Ng", "Erin Vos"),
        ("Sagebrush Partners LP", "Sagebrush GP LLC"),
        {
            ("Sagebrush GP LLC", "Sagebrush Partners LP", GP),
            ("Paul Ng", "Sagebrush GP LLC", MM),
            ("Erin Vos", "Sagebrush GP LLC", MM),
        },
        None,
    ),
    (
        "reporting_persons_item2",
        "The Reporting Persons are Nimbus Fund LP, Nimbus Advisors LLC and Carl Ibsen. Nimbus "
        "Advisors LLC is the investment adviser to Nimbus Fund LP. Mr. Ibsen is the managing "
        "member of Nimbus Advisors LLC.",
        ("Carl Ibsen",),
        ("Nimbus Fund LP", "Nimbus Advisors LLC"),
        {
            ("Nimbus Advisors LLC", "Nimbus Fund LP", IA),
            ("Carl Ibsen", "Nimbus Advisors LLC", MM),
        },
        None,
    ),
    (
        "role_defined_term_before_of",
        'Yarrow Capital LLC is the general partner (the "General Partner") of Yarrow Fund, '
        "L.P. The General Partner has the power to vote the shares.",
        (),
        ("Yarrow Capital LLC", "Yarrow Fund, L.P."),
        {("Yarrow Capital LLC", "Yarrow Fund, L.P.", GP)},
        None,
    ),
    (
        "appositive_role_defined_term_before_of",
        'Yarrow Advisors LP, the investment manager ("Investment Manager") of Yarrow Fund, '
        "L.P., may be deemed to beneficially own the shares.",
        (),
        ("Yarrow Advisors LP", "Yarrow Fund, L.P."),
        {("Yarrow Advisors LP", "Yarrow Fund, L.P.", IM)},
        None,
    ),
    # ------------------------------------------------------------ footnotes / Exhibit 99
    (
        "footnote_chain_no_skip",
        "(1) Consists of 500,000 shares held by Alto Fund LP. Alto GP LLC is the general "
        "partner of Alto Fund LP, and Nina Alto is the managing member of Alto GP LLC. Each of "
        "Alto GP LLC and Ms. Alto may be deemed to beneficially own the shares held by Alto "
        "Fund LP.",
        ("Nina Alto",),
        ("Alto Fund LP", "Alto GP LLC"),
        {("Alto GP LLC", "Alto Fund LP", GP), ("Nina Alto", "Alto GP LLC", MM)},
        None,
    ),
    (
        "record_holder_appositives",
        "Brook Street Partners LP is the record holder of the shares. Brook Street GP LLC, "
        "the general partner of Brook Street Partners LP, and Ms. Tara Brook, the managing "
        "member of Brook Street GP LLC, may each be deemed to beneficially own the shares.",
        ("Tara Brook",),
        ("Brook Street Partners LP", "Brook Street GP LLC"),
        {
            ("Brook Street GP LLC", "Brook Street Partners LP", GP),
            ("Tara Brook", "Brook Street GP LLC", MM),
        },
        None,
    ),
    (
        "stated_power_over_held_by",
        "Mr. Peter Quist has sole voting and dispositive power over the shares held by Quist "
        "Family Partners LP.",
        ("Peter Quist",),
        ("Quist Family Partners LP",),
        {("Peter Quist", "Quist Family Partners LP", SP)},
        None,
    ),
    (
        "may_be_deemed_held_by",
        "Mr. Peter Quist may be deemed to beneficially own the 120,000 shares held by Quist "
        "Family Partners LP, over which he exercises voting and investment power.",
        ("Peter Quist",),
        ("Quist Family Partners LP",),
        {("Peter Quist", "Quist Family Partners LP", SP)},
        None,
    ),
    (
        "exhibit99_gp_and_im_one_sentence",
        "Lorimer Capital LLC is the general partner of, and Lorimer Advisors LP is the "
        "investment manager to, Lorimer Opportunity Fund LP.",
        (),
        ("Lorimer Capital LLC", "Lorimer Advisors LP", "Lorimer Opportunity Fund LP"),
        {
            ("Lorimer Capital LLC", "Lorimer Opportunity Fund LP", GP),
            ("Lorimer Advisors LP", "Lorimer Opportunity Fund LP", IM),
        },
        None,
    ),
    (
        "text_only_controlled_party",
        "Mr. Jonah Feld is the managing member of Feldspar Ventures GP, LLC, which holds "
        "90,000 shares.",
        ("Jonah Feld",),
        (),
        {("Jonah Feld", "Feldspar Ventures GP, LLC", MM)},
        None,
    ),
    (
        "text_only_chain",
        "The shares are held by Quarrystone Partners, L.P., whose general partner is "
        "Quarrystone GP, LLC.",
        (),
        (),
        {("Quarrystone GP, LLC", "Quarrystone Partners, L.P.", GP)},
        None,
    ),
    (
        "described_subjects_two_clauses",
        "Alpha Ridge Capital LLC, a Delaware limited liability company, is the general partner "
        "of Alpha Ridge Fund, L.P., a Delaware limited partnership, and Jane Roe, a United "
        "States citizen, is the managing member of Alpha Ridge Capital LLC.",
        ("Jane Roe",),
        ("Alpha Ridge Capital LLC", "Alpha Ridge Fund, L.P."),
        {
            ("Alpha Ridge Capital LLC", "Alpha Ridge Fund, L.P.", GP),
            ("Jane Roe", "Alpha Ridge Capital LLC", MM),
        },
        None,
    ),
    (
        "capacity_pair_of_subjects",
        "Alpha Ridge Capital LLC, in its capacity as the general partner of Alpha Ridge Fund, "
        "L.P., and Jane Roe, in her capacity as the managing member of Alpha Ridge Capital LLC, "
        "may be deemed to beneficially own the shares.",
        ("Jane Roe",),
        ("Alpha Ridge Capital LLC", "Alpha Ridge Fund, L.P."),
        {
            ("Alpha Ridge Capital LLC", "Alpha Ridge Fund, L.P.", GP),
            ("Jane Roe", "Alpha Ridge Capital LLC", MM),
        },
        None,
    ),
    (
        "sub_adviser_to",
        "Teal Asset Management LLC serves as the sub-adviser to Teal Income Fund, a series of "
        "Teal Funds Trust.",
        (),
        ("Teal Asset Management LLC", "Teal Income Fund"),
        {("Teal Asset Management LLC", "Teal Income Fund", IA)},
        None,
    ),
    (
        "control_person_of",
        "Mr. Omar Haddad is a control person of Haddad Capital LLC.",
        ("Omar Haddad",),
        ("Haddad Capital LLC",),
        {("Omar Haddad", "Haddad Capital LLC", PA)},
        None,
    ),
    # ------------------------------------------------------------ parents and stakes
    (
        "controlling_shareholder_of",
        "Vireo Capital Holdings, Inc. is the controlling shareholder of Vireo Capital LLC.",
        (),
        ("Vireo Capital Holdings, Inc.", "Vireo Capital LLC"),
        {("Vireo Capital Holdings, Inc.", "Vireo Capital LLC", PA)},
        None,
    ),
    (
        "sole_shareholder_person",
        "Ms. Helen Park is the sole shareholder of Park Street Capital, Inc.",
        ("Helen Park",),
        ("Park Street Capital, Inc.",),
        {("Helen Park", "Park Street Capital, Inc.", PA)},
        None,
    ),
    (
        "sole_shareholder_chain_direct_parent",
        "Stratus Group Inc. is the sole shareholder of Stratus Holdings LLC, which is the "
        "direct parent of Stratus Fund Management LLC.",
        (),
        ("Stratus Group Inc.", "Stratus Holdings LLC", "Stratus Fund Management LLC"),
        {
            ("Stratus Group Inc.", "Stratus Holdings LLC", PA),
            ("Stratus Holdings LLC", "Stratus Fund Management LLC", PA),
        },
        None,
    ),
    (
        "percent_stake",
        "Mr. Gerald Fitch owns approximately 60% of the outstanding shares of Fitch Holdings Inc.",
        ("Gerald Fitch",),
        ("Fitch Holdings Inc.",),
        {("Gerald Fitch", "Fitch Holdings Inc.", SH)},
        None,
    ),
    (
        "percent_membership_interests",
        "Juniper Holdings LP owns 45% of the membership interests of Juniper GP LLC.",
        (),
        ("Juniper Holdings LP", "Juniper GP LLC"),
        {("Juniper Holdings LP", "Juniper GP LLC", SH)},
        None,
    ),
    (
        "owned_percent_by_three_with_term",
        'Keel Ventures LLC (the "JV") is owned 50% by Keel Partners LP, 30% by Mast Capital '
        "Inc. and 20% by Mr. Ian Hull.",
        ("Ian Hull",),
        ("Keel Ventures LLC", "Keel Partners LP", "Mast Capital Inc."),
        {
            ("Keel Partners LP", "Keel Ventures LLC", SH),
            ("Mast Capital Inc.", "Keel Ventures LLC", SH),
            ("Ian Hull", "Keel Ventures LLC", SH),
        },
        None,
    ),
    (
        "was_owned_percent_past",
        "Until 2018, Keel Ventures LLC was owned 50% by Keel Partners LP.",
        (),
        ("Keel Ventures LLC", "Keel Partners LP"),
        set(),
        None,
    ),
    (
        "controlling_interest_in",
        "Caspian Group Ltd. holds a controlling interest in Caspian Asset Management Ltd.",
        (),
        ("Caspian Group Ltd.", "Caspian Asset Management Ltd."),
        {("Caspian Group Ltd.", "Caspian Asset Management Ltd.", PA)},
        None,
    ),
    (
        "majority_owner",
        "Lindenwood Holdings LLC is the majority owner of Lindenwood Partners LLC.",
        (),
        ("Lindenwood Holdings LLC", "Lindenwood Partners LLC"),
        {("Lindenwood Holdings LLC", "Lindenwood Partners LLC", PA)},
        None,
    ),
    (
        "owns_all_outstanding",
        "Juniper Holdings LP owns all of the outstanding membership interests of Juniper GP LLC.",
        (),
        ("Juniper Holdings LP", "Juniper GP LLC"),
        {("Juniper Holdings LP", "Juniper GP LLC", PA)},
        None,
    ),
    (
        "parent_holding_company",
        "Talbot Financial Corp. is the parent holding company of Talbot Asset Management, Inc.",
        (),
        ("Talbot Financial Corp.", "Talbot Asset Management, Inc."),
        {("Talbot Financial Corp.", "Talbot Asset Management, Inc.", PA)},
        None,
    ),
    (
        "subsidiaries_list",
        "Talbot Asset Management, Inc. and Talbot Trust Company are wholly owned subsidiaries "
        "of Talbot Financial Corp.",
        (),
        ("Talbot Financial Corp.", "Talbot Asset Management, Inc.", "Talbot Trust Company"),
        {
            ("Talbot Financial Corp.", "Talbot Asset Management, Inc.", PA),
            ("Talbot Financial Corp.", "Talbot Trust Company", PA),
        },
        None,
    ),
    # ------------------------------------------------------------ trusts
    (
        "co_trustees",
        "Thomas Greer and Anne Greer are co-trustees of the Greer Family Trust.",
        ("Thomas Greer", "Anne Greer"),
        ("Greer Family Trust",),
        {("Thomas Greer", "Greer Family Trust", TR), ("Anne Greer", "Greer Family Trust", TR)},
        None,
    ),
    (
        "sole_trustee_of_alias",
        'The Wilder 2012 Irrevocable Trust (the "Trust") holds 75,000 shares. Michael Wilder '
        "is the sole trustee of the Trust.",
        ("Michael Wilder",),
        ("Wilder 2012 Irrevocable Trust",),
        {("Michael Wilder", "Wilder 2012 Irrevocable Trust", TR)},
        None,
    ),
    (
        "held_by_trust_of_which_trustee",
        "Includes 40,000 shares held by the Amos Living Trust, of which Frank Amos is trustee.",
        ("Frank Amos",),
        ("Amos Living Trust",),
        {("Frank Amos", "Amos Living Trust", TR)},
        None,
    ),
    (
        "as_trustee_of",
        "Oriel Trust Company, as trustee of the Ward Family Trust, holds 300,000 shares.",
        (),
        ("Oriel Trust Company", "Ward Family Trust"),
        {("Oriel Trust Company", "Ward Family Trust", TR)},
        None,
    ),
    (
        "whose_trustees_are",
        "The shares are held by the Ward Family Trust, whose trustees are Oriel Trust Company "
        "and Jane Ward.",
        ("Jane Ward",),
        ("Oriel Trust Company", "Ward Family Trust"),
        {("Oriel Trust Company", "Ward Family Trust", TR), ("Jane Ward", "Ward Family Trust", TR)},
        None,
    ),
    (
        "settlor",
        "Ellen Price is the settlor of the Price Children's Trust.",
        ("Ellen Price",),
        ("Price Children's Trust",),
        {("Ellen Price", "Price Children's Trust", SET)},
        None,
    ),
    (
        "beneficiary_no_control",
        "Carol Dean is the sole beneficiary of the Dean 2015 Trust, of which Wells Fiduciary "
        "Services LLC is trustee.",
        ("Carol Dean",),
        ("Dean 2015 Trust", "Wells Fiduciary Services LLC"),
        {("Wells Fiduciary Services LLC", "Dean 2015 Trust", TR)},
        None,
    ),
    # ------------------------------------------------------------ more Item 2 registers
    (
        "principal_business_of_which",
        "Seneca GP LLC is a Delaware limited liability company, the principal business of "
        "which is serving as the general partner of Seneca Partners LP.",
        (),
        ("Seneca GP LLC", "Seneca Partners LP"),
        {("Seneca GP LLC", "Seneca Partners LP", GP)},
        None,
    ),
    (
        "principal_business_is_serving_as",
        "The principal business of Seneca GP LLC is serving as the general partner of Seneca "
        "Partners LP.",
        (),
        ("Seneca GP LLC", "Seneca Partners LP"),
        {("Seneca GP LLC", "Seneca Partners LP", GP)},
        None,
    ),
    (
        "gp_of_each_of_is",
        "The general partner of each of Brant Fund LP and Brant Fund II LP is Brant GP LLC.",
        (),
        ("Brant Fund LP", "Brant Fund II LP", "Brant GP LLC"),
        {("Brant GP LLC", "Brant Fund LP", GP), ("Brant GP LLC", "Brant Fund II LP", GP)},
        None,
    ),
    (
        "are_each_managed_by",
        "Brant Fund LP and Brant Fund II LP are each managed by Brant Capital LLC.",
        (),
        ("Brant Fund LP", "Brant Fund II LP", "Brant Capital LLC"),
        {
            ("Brant Capital LLC", "Brant Fund LP", IM),
            ("Brant Capital LLC", "Brant Fund II LP", IM),
        },
        None,
    ),
    (
        "president_sole_director_sole_shareholder",
        "Mr. Dov Keller is the President, sole director and sole shareholder of Keller "
        "Ventures Inc.",
        ("Dov Keller",),
        ("Keller Ventures Inc.",),
        {("Dov Keller", "Keller Ventures Inc.", PA)},
        None,
    ),
    (
        "sole_owner",
        "Mr. Dov Keller is the sole owner of Keller Ventures LLC.",
        ("Dov Keller",),
        ("Keller Ventures LLC",),
        {("Dov Keller", "Keller Ventures LLC", PA)},
        None,
    ),
    (
        "managing_partner",
        "Ms. Irene Soto is the managing partner of Soto Capital Partners.",
        ("Irene Soto",),
        ("Soto Capital Partners",),
        {("Irene Soto", "Soto Capital Partners", MM)},
        None,
    ),
    (
        "gp_then_its_gp_chain_inverse",
        "Brant GP LLC is the sole general partner of Brant Fund LP. The sole managing member "
        "of Brant GP LLC is Brant Holdings LP.",
        (),
        ("Brant GP LLC", "Brant Fund LP", "Brant Holdings LP"),
        {("Brant GP LLC", "Brant Fund LP", GP), ("Brant Holdings LP", "Brant GP LLC", MM)},
        None,
    ),
    (
        "trustees_of_the_trust_alias",
        'Shares held by the Hale Family Trust (the "Trust"). Mr. Victor Hale and his wife, '
        "Maria Hale, are the trustees of the Trust.",
        ("Victor Hale", "Maria Hale"),
        ("Hale Family Trust",),
        {("Victor Hale", "Hale Family Trust", TR), ("Maria Hale", "Hale Family Trust", TR)},
        None,
    ),
    (
        "owned_percent_by_each",
        "Corbel Holdings LLC is owned 60% by Ms. Dana Corbel and 40% by Mr. Ray Corbel.",
        ("Dana Corbel", "Ray Corbel"),
        ("Corbel Holdings LLC",),
        {("Dana Corbel", "Corbel Holdings LLC", SH), ("Ray Corbel", "Corbel Holdings LLC", SH)},
        None,
    ),
    (
        "ultimate_parent_company",
        "Tidewater Financial Group plc is the ultimate parent company of Tidewater Asset "
        "Management Ltd.",
        (),
        ("Tidewater Financial Group plc", "Tidewater Asset Management Ltd."),
        {("Tidewater Financial Group plc", "Tidewater Asset Management Ltd.", PA)},
        None,
    ),
    (
        "footnote_held_directly_then_as_mm",
        "* Shares held directly by Lumen Partners LP. Lumen Management LLC, as the sole "
        "managing member of Lumen Partners LP, may be deemed to beneficially own them.",
        (),
        ("Lumen Partners LP", "Lumen Management LLC"),
        {("Lumen Management LLC", "Lumen Partners LP", MM)},
        None,
    ),
    (
        "im_for_x_and_y_respectively",
        "Marten Advisors LLC and Marten Capital LP serve as the investment managers for Marten "
        "Fund LP and Marten Offshore Ltd., respectively.",
        (),
        ("Marten Advisors LLC", "Marten Capital LP", "Marten Fund LP", "Marten Offshore Ltd."),
        {
            ("Marten Advisors LLC", "Marten Fund LP", IM),
            ("Marten Capital LP", "Marten Offshore Ltd.", IM),
        },
        None,
    ),
    (
        "affiliate_no_link",
        "Crane Advisors LLC is an affiliate of Crane Holdings Inc.",
        (),
        ("Crane Advisors LLC", "Crane Holdings Inc."),
        set(),
        None,
    ),
    (
        "manages_verb",
        "Crane Advisors LLC manages Crane Fund LP and Crane Offshore Ltd.",
        (),
        ("Crane Advisors LLC", "Crane Fund LP", "Crane Offshore Ltd."),
        {
            ("Crane Advisors LLC", "Crane Fund LP", IM),
            ("Crane Advisors LLC", "Crane Offshore Ltd.", IM),
        },
        None,
    ),
    (
        "possessive_name_gp_appositive_subject",
        "Lynx Fund LP's general partner, Lynx GP LLC, has delegated investment authority "
        "to Lynx Advisors LLC.",
        (),
        ("Lynx Fund LP", "Lynx GP LLC", "Lynx Advisors LLC"),
        {("Lynx GP LLC", "Lynx Fund LP", GP)},
        None,
    ),
    (
        "through_wholly_owned_subsidiary",
        "Pelham Group Inc., through its wholly-owned subsidiary Pelham Capital LLC, holds "
        "2,000,000 shares.",
        (),
        ("Pelham Group Inc.", "Pelham Capital LLC"),
        {("Pelham Group Inc.", "Pelham Capital LLC", PA)},
        None,
    ),
    # ------------------------------------------------------------ negatives: no link
    (
        "not_affiliated",
        "Kite Capital LLC is not affiliated with Kite Fund LP.",
        (),
        ("Kite Capital LLC", "Kite Fund LP"),
        set(),
        None,
    ),
    (
        "formerly_mm",
        "Mr. Jonas Lyle was formerly the managing member of Lyle Partners LLC.",
        ("Jonas Lyle",),
        ("Lyle Partners LLC",),
        set(),
        None,
    ),
    (
        "until_date_served_as",
        "Until March 2019, Orchard GP LLC served as the general partner of Orchard Fund LP.",
        (),
        ("Orchard GP LLC", "Orchard Fund LP"),
        set(),
        None,
    ),
    (
        "prior_to_was_sole_member",
        "Prior to the Distribution, Finch Holdings LLC was the sole member of Finch GP LLC.",
        (),
        ("Finch Holdings LLC", "Finch GP LLC"),
        set(),
        None,
    ),
    (
        "disclaims",
        "Each of Mr. Ford and Ford Capital LLC disclaims beneficial ownership of the shares "
        "held by Ford Fund LP except to the extent of its pecuniary interest therein.",
        ("Martin Ford",),
        ("Ford Capital LLC", "Ford Fund LP"),
        set(),
        None,
    ),
    (
        "hypothetical_would_become",
        "If the Merger is consummated, Beacon Holdings Inc. would become the sole stockholder "
        "of Beacon Fund Corp.",
        (),
        ("Beacon Holdings Inc.", "Beacon Fund Corp."),
        set(),
        None,
    ),
    (
        "resigned_as_director",
        "Mr. Nolan resigned as a director of Nolan Holdings Ltd. in 2020.",
        ("Arthur Nolan",),
        ("Nolan Holdings Ltd.",),
        set(),
        None,
    ),
    (
        "neither_nor",
        "Neither Mr. Cole nor Cole Advisors LLC is the general partner of Cole Fund LP.",
        ("Henry Cole",),
        ("Cole Advisors LLC", "Cole Fund LP"),
        set(),
        None,
    ),
    (
        "no_power",
        "Mr. Cole has no voting or dispositive power over the shares held by Cole Fund LP.",
        ("Henry Cole",),
        ("Cole Fund LP",),
        set(),
        None,
    ),
    (
        "officer_list_schedule",
        "The name, business address and present principal occupation of each director and "
        "executive officer of Corliss Holdings Inc. are set forth on Schedule A.",
        (),
        ("Corliss Holdings Inc.",),
        set(),
        None,
    ),
    (
        "no_longer",
        "Willow Advisors LLC no longer serves as investment adviser to Willow Fund LP.",
        (),
        ("Willow Advisors LLC", "Willow Fund LP"),
        set(),
        None,
    ),
    (
        "ceased_to_be",
        "On June 1, 2021, Mr. Reed ceased to be a managing member of Reed Partners LLC.",
        ("Simon Reed",),
        ("Reed Partners LLC",),
        set(),
        None,
    ),
    (
        "names_alike_no_link",
        "Harbor Light Capital LLC and Harbor Light Fund LP are each organized in Delaware.",
        (),
        ("Harbor Light Capital LLC", "Harbor Light Fund LP"),
        set(),
        None,
    ),
    (
        "group_not_admitted",
        "The filing of this statement shall not be construed as an admission that Slate "
        "Advisors LLC is the beneficial owner of the shares held by Slate Fund LP.",
        (),
        ("Slate Advisors LLC", "Slate Fund LP"),
        set(),
        None,
    ),
    # ------------------------------------------------ a defined term holding a role word
    (
        "term_with_role_word_as_role_to",
        'Wren Partners GP, LLC (the "General Partner") is a Delaware limited liability '
        "company. The General Partner, as general partner to Wren Fund I, L.P. and Wren Fund "
        "II, L.P., may be deemed to beneficially own the shares held by them.",
        (),
        ("Wren Partners GP, LLC", "Wren Fund I, L.P.", "Wren Fund II, L.P."),
        {
            ("Wren Partners GP, LLC", "Wren Fund I, L.P.", GP),
            ("Wren Partners GP, LLC", "Wren Fund II, L.P.", GP),
        },
        None,
    ),
    (
        "plural_term_with_role_word_as_role",
        'Ann Lark, Ben Moss and Cy Pike (the "Managing Members") are United States citizens. '
        "The Managing Members, as managing members of Lark Capital GP, LLC, may each be "
        "deemed to be the beneficial owner of the shares it holds.",
        ("Ann Lark", "Ben Moss", "Cy Pike"),
        ("Lark Capital GP, LLC",),
        {
            ("Ann Lark", "Lark Capital GP, LLC", MM),
            ("Ben Moss", "Lark Capital GP, LLC", MM),
            ("Cy Pike", "Lark Capital GP, LLC", MM),
        },
        None,
    ),
    # ---------------------------------- a second subject after a described apposition
    (
        "described_apposition_new_subject",
        "Heron Partners LP, a Delaware limited partnership and the general partner of Heron "
        "Fund LP, and Heron GP LLC, a Delaware limited liability company and the general "
        "partner of Heron Partners LP.",
        (),
        ("Heron Partners LP", "Heron Fund LP", "Heron GP LLC"),
        {
            ("Heron Partners LP", "Heron Fund LP", GP),
            ("Heron GP LLC", "Heron Partners LP", GP),
        },
        None,
    ),
    (
        "enumerated_described_appositions",
        "(a) Ibis Partners LP, a Delaware limited partnership and the general partner of Ibis "
        "Fund LP, and (b) Ibis GP LLC, a Delaware limited liability company and the general "
        "partner of Ibis Partners LP.",
        (),
        ("Ibis Partners LP", "Ibis Fund LP", "Ibis GP LLC"),
        {("Ibis Partners LP", "Ibis Fund LP", GP), ("Ibis GP LLC", "Ibis Partners LP", GP)},
        None,
    ),
    (
        "enumerated_subjects_after_semicolon",
        "(a) Jay Partners LP, the general partner of Jay Fund LP; and (b) Jay GP LLC, a Delaware "
        "limited liability company and the general partner of Jay Partners LP.",
        (),
        ("Jay Partners LP", "Jay Fund LP", "Jay GP LLC"),
        {("Jay Partners LP", "Jay Fund LP", GP), ("Jay GP LLC", "Jay Partners LP", GP)},
        None,
    ),
    # ------------------------------------------------- a colon opens the holders' list
    (
        "colon_list_after_plural_role",
        "(vii) the individuals who are managing members of Kite GP LLC, with respect to the "
        'shares held by Kite Fund LP: Amy Kite ("Ms. Kite"), Bo Lam ("Mr. Lam") and Cal Moe '
        '("Mr. Moe").',
        ("Amy Kite", "Bo Lam", "Cal Moe"),
        ("Kite GP LLC", "Kite Fund LP"),
        {
            ("Amy Kite", "Kite GP LLC", MM),
            ("Bo Lam", "Kite GP LLC", MM),
            ("Cal Moe", "Kite GP LLC", MM),
        },
        None,
    ),
    (
        "inverse_with_colon",
        "The managing members of Kite GP LLC are: Amy Kite, Bo Lam and Cal Moe.",
        ("Amy Kite", "Bo Lam", "Cal Moe"),
        ("Kite GP LLC",),
        {
            ("Amy Kite", "Kite GP LLC", MM),
            ("Bo Lam", "Kite GP LLC", MM),
            ("Cal Moe", "Kite GP LLC", MM),
        },
        None,
    ),
    # -------------------------------------- "of which X is trustee" after a list of trusts
    (
        "trustee_of_listed_trusts",
        "Includes 11,800 shares owned by the Andrew Moss Trust and the Timothy Moss Trust, of "
        "which James Moss is trustee.",
        ("James Moss",),
        (),
        {("James Moss", "Andrew Moss Trust", TR), ("James Moss", "Timothy Moss Trust", TR)},
        None,
    ),
    (
        "trustee_of_trusts_across_counts",
        "Includes 1,010 Class A shares owned by the Jake Moss Trust and the Moss Children "
        "Trust, and 1,356 Class A shares owned by the Elyse Moss Trust, of which Peter Moss "
        "is trustee.",
        ("Peter Moss",),
        (),
        {
            ("Peter Moss", "Jake Moss Trust", TR),
            ("Peter Moss", "Moss Children Trust", TR),
            ("Peter Moss", "Elyse Moss Trust", TR),
        },
        None,
    ),
    (
        "trustee_each_own_trust",
        "Shares owned by the Ada Lin Trust, of which Bo Lin is trustee, and by the Cy Lin "
        "Trust, of which Di Lin is trustee.",
        ("Bo Lin", "Di Lin"),
        (),
        {("Bo Lin", "Ada Lin Trust", TR), ("Di Lin", "Cy Lin Trust", TR)},
        None,
    ),
    (
        "trustee_not_of_a_company_before",
        "Shares owned by Lin Holdings LLC and the Cy Lin Trust, of which Di Lin is trustee.",
        ("Di Lin",),
        ("Lin Holdings LLC",),
        {("Di Lin", "Cy Lin Trust", TR)},
        None,
    ),
    # ------------------------------------------------ "and it <verb>": the clause's subject
    (
        "and_it_advises",
        "Lyra Canada Ltd. is a subsidiary of Lyra Group Ltd. and it advises Lyra Select "
        "Companies Fund, L.P.",
        (),
        ("Lyra Canada Ltd.", "Lyra Group Ltd.", "Lyra Select Companies Fund, L.P."),
        {
            ("Lyra Group Ltd.", "Lyra Canada Ltd.", PA),
            ("Lyra Canada Ltd.", "Lyra Select Companies Fund, L.P.", IA),
        },
        None,
    ),
    (
        "short_name_inside_longer_name",
        'Mira Group Ltd. ("Mira") is a Bermuda company. Mira Canada Ltd. advises Mira Select '
        "Companies Fund.",
        (),
        ("Mira Group Ltd.", "Mira Canada Ltd."),
        # "Mira" is no object inside the fund's name; the fund itself is found (4143b19)
        {("Mira Canada Ltd.", "Mira Select Companies Fund", IA)},
        None,
    ),
    # ---------------------------------------------------------------- co-owners
    (
        "each_own_interest_in",
        "Nora Vale and Otto Vale each own a 50% interest in Vale Holdings LLC.",
        ("Nora Vale", "Otto Vale"),
        ("Vale Holdings LLC",),
        {("Nora Vale", "Vale Holdings LLC", SH), ("Otto Vale", "Vale Holdings LLC", SH)},
        None,
    ),
    (
        "co_owned_by",
        "Vale Partners LP, a partnership co-owned by Nora Vale and Vale Holdings LLC, of which "
        "Otto Vale is the sole general partner.",
        ("Nora Vale", "Otto Vale"),
        ("Vale Partners LP", "Vale Holdings LLC"),
        {
            ("Nora Vale", "Vale Partners LP", SH),
            ("Vale Holdings LLC", "Vale Partners LP", SH),
            ("Otto Vale", "Vale Holdings LLC", GP),
        },
        None,
    ),
    # ----------------------------------------------- a group less the parties excepted
    (
        "group_term_other_than",
        'Anne Ross, Bill Ross and Carl Ross (collectively, the "Principals") are United States '
        "citizens. The Principals (other than Carl Ross) are managing members of both Ross GP "
        "LLC and Ross Advisors LLC.",
        ("Anne Ross", "Bill Ross", "Carl Ross"),
        ("Ross GP LLC", "Ross Advisors LLC"),
        {
            ("Anne Ross", "Ross GP LLC", MM),
            ("Anne Ross", "Ross Advisors LLC", MM),
            ("Bill Ross", "Ross GP LLC", MM),
            ("Bill Ross", "Ross Advisors LLC", MM),
        },
        None,
    ),
    (
        "each_of_group_except",
        'Anne Ross, Bill Ross and Carl Ross (collectively, the "Principals") are United States '
        "citizens. The Principals, except Carl Ross, are managing members of Ross GP LLC.",
        ("Anne Ross", "Bill Ross", "Carl Ross"),
        ("Ross GP LLC",),
        {("Anne Ross", "Ross GP LLC", MM), ("Bill Ross", "Ross GP LLC", MM)},
        None,
    ),
    (
        "of_which_both_are_directors",
        "Mr. Oak and Ms. Elm are of counsel to Alder Law LLP, a firm of which both Mr. Oak and "
        "Ms. Elm are partners and directors.",
        ("John Oak", "Ann Elm"),
        ("Alder Law LLP",),
        {("John Oak", "Alder Law LLP", DIR), ("Ann Elm", "Alder Law LLP", DIR)},
        None,
    ),
    (
        "co_owned_spaced",
        "Wick Partners LP, a partnership co owned by Lena Wick and Wick Holdings LLC.",
        ("Lena Wick",),
        ("Wick Partners LP", "Wick Holdings LLC"),
        {("Lena Wick", "Wick Partners LP", SH), ("Wick Holdings LLC", "Wick Partners LP", SH)},
        None,
    ),
    (
        "series_tail_in_object_list",
        "Pell Capital LLC acts as a general partner of a number of funds or partnerships, "
        "including Pell Associates Fund, L.P., Pell Associates Limited II E, and Pell Multimedia "
        "Partners, L.P.",
        (),
        (
            "Pell Capital LLC",
            "Pell Associates Fund, L.P.",
            "Pell Associates Limited",
            "Pell Multimedia Partners, L.P.",
        ),
        {
            ("Pell Capital LLC", "Pell Associates Fund, L.P.", GP),
            ("Pell Capital LLC", "Pell Multimedia Partners, L.P.", GP),
        },
        None,
    ),
    (
        "described_subsidiary_new_subject",
        "Calder Inc., Ocean Sub I, Inc., a Delaware corporation and a wholly owned subsidiary of "
        'Calder Inc. ("Merger Sub") and Ocean Sub II, LLC, a Delaware limited liability company '
        'and a wholly owned subsidiary of Calder Inc. ("Second Merger Sub") are parties to a '
        "Support Agreement.",
        (),
        ("Calder Inc.", "Ocean Sub I, Inc.", "Ocean Sub II, LLC"),
        {("Calder Inc.", "Ocean Sub I, Inc.", PA), ("Calder Inc.", "Ocean Sub II, LLC", PA)},
        None,
    ),
    # ------------------------------------------------ a name that begins with "The"
    (
        "subsidiary_of_name_with_article",
        "Quill Advisors LLC is an Investment Adviser registered under Section 203 of the "
        "Investment Advisers Act of 1940 and is a wholly owned subsidiary of The Quill Group, Inc.",
        (),
        ("Quill Advisors LLC", "The Quill Group, Inc."),
        {("The Quill Group, Inc.", "Quill Advisors LLC", PA)},
        None,
    ),
    (
        "gp_of_name_with_article_lowercase",
        "Quill GP LLC is the general partner of the Quill Fund LP and The Quill Offshore Fund LP.",
        (),
        ("Quill GP LLC", "The Quill Fund LP", "The Quill Offshore Fund LP"),
        {
            ("Quill GP LLC", "The Quill Fund LP", GP),
            ("Quill GP LLC", "The Quill Offshore Fund LP", GP),
        },
        None,
    ),
    (
        "enumerated_control_persons",
        "The persons who may be deemed to be control persons of Lark Fund LP are (a) Lark "
        'Partners LP, a Delaware limited partnership and the general partner of Lark Fund LP ("LP '
        'GP"), (b) Lark GP LLC, a Delaware limited liability company and the general partner of '
        'Lark Partners LP ("GP LLC"), and Lark Holdings Inc.',
        (),
        ("Lark Fund LP", "Lark Partners LP", "Lark GP LLC", "Lark Holdings Inc."),
        {("Lark Partners LP", "Lark Fund LP", GP), ("Lark GP LLC", "Lark Partners LP", GP)},
        None,
    ),
    (
        "by_x_its_role",
        "Lark Fund LP, by Lark GP LLC, its investment manager, has the power to vote the shares.",
        (),
        ("Lark Fund LP", "Lark GP LLC"),
        {("Lark GP LLC", "Lark Fund LP", IM)},
        None,
    ),
    (
        "acting_through_x_its_role",
        "Lark Fund LP, acting through Lark GP LLC, its general partner, has voting power.",
        (),
        ("Lark Fund LP", "Lark GP LLC"),
        {("Lark GP LLC", "Lark Fund LP", GP)},
        None,
    ),
    (
        "and_which_owned_stake",
        "Tern Holdings LLC, a Delaware limited liability company of which Ada Tern is the sole "
        "member and which owned 10% of Tern Partners LP.",
        ("Ada Tern",),
        ("Tern Holdings LLC", "Tern Partners LP"),
        {("Ada Tern", "Tern Holdings LLC", SM), ("Tern Holdings LLC", "Tern Partners LP", SH)},
        None,
    ),
    (
        "owned_shares_no_link",
        "Tern Holdings LLC owned 1,000 shares of Tern Partners LP.",
        (),
        ("Tern Holdings LLC", "Tern Partners LP"),
        set(),
        None,
    ),
    (
        "interest_held_in_partnership",
        'Sand Corp. ("Sand"), a Texas corporation wholly owned by Sand Holdings LLC, and Sand '
        'Partners LP ("SP"), a Texas limited partnership in which the limited partnership '
        "interest is held by Sand Corp. and the general partnership interest is held by Sand GP "
        "Inc., which also serves as the general partner of Sand Fund LP.",
        (),
        ("Sand Corp.", "Sand Partners LP", "Sand GP Inc.", "Sand Holdings LLC", "Sand Fund LP"),
        {
            ("Sand Holdings LLC", "Sand Corp.", PA),
            ("Sand Corp.", "Sand Partners LP", SH),
            ("Sand GP Inc.", "Sand Partners LP", GP),
            ("Sand GP Inc.", "Sand Fund LP", GP),
        },
        None,
    ),
    (
        "each_own_lp_interest",
        "Ann Sand and Bo Sand each own a limited partnership interest in Sand Partners LP.",
        ("Ann Sand", "Bo Sand"),
        ("Sand Partners LP",),
        {("Ann Sand", "Sand Partners LP", SH), ("Bo Sand", "Sand Partners LP", SH)},
        None,
    ),
    (
        "indirect_holder_of_percent",
        "Mr. Vance is the indirect holder of approximately 92.2% of the outstanding depositary "
        "units representing limited partnership interests in Vance Enterprises L.P.",
        ("Carl Vance",),
        ("Vance Enterprises L.P.",),
        {("Carl Vance", "Vance Enterprises L.P.", SH)},
        None,
    ),
    (
        "through_x_and_other_subsidiaries",
        "Kestrel Group plc, together with Kestrel Holdings Inc., exercises its control over the "
        'shares (as defined in Rule 13d-3) indirectly through Kestrel Asset Management Ltd ("KAM") '
        "and other subsidiaries.",
        (),
        ("Kestrel Group plc", "Kestrel Holdings Inc.", "Kestrel Asset Management Ltd"),
        {("Kestrel Group plc", "Kestrel Asset Management Ltd", PA)},
        None,
    ),
    (
        "footnote_number_opening",
        "1 Osprey Group plc, together with Osprey Holdings Inc., exercises its control over the "
        "shares indirectly through Osprey Asset Management Ltd and other subsidiaries.",
        (),
        ("Osprey Group plc", "Osprey Holdings Inc.", "Osprey Asset Management Ltd"),
        {("Osprey Group plc", "Osprey Asset Management Ltd", PA)},
        None,
    ),
    (
        "through_its_control_of_y_bare_role",
        "Ada Heron and Heron Corp., through its control of Heron Research Company, investment "
        "adviser to the Heron Funds, and the Heron Funds each has sole power to dispose of the "
        "1,000 shares owned by the Heron Funds.",
        ("Ada Heron",),
        ("Heron Corp.", "Heron Research Company", "Heron Funds"),
        {
            ("Ada Heron", "Heron Research Company", PA),
            ("Heron Corp.", "Heron Research Company", PA),
            ("Heron Research Company", "Heron Funds", IA),
        },
        None,
    ),
    (
        "is_gp_of_y_bare_second_role",
        "Heron Corp. is the general partner of Heron Partners LP, investment adviser to Heron "
        "Fund Ltd.",
        (),
        ("Heron Corp.", "Heron Partners LP", "Heron Fund Ltd."),
        {("Heron Corp.", "Heron Partners LP", GP), ("Heron Corp.", "Heron Fund Ltd.", IA)},
        None,
    ),
    (
        "which_holds_the_shares_is_wholly_owned_by",
        "Juno Holdings LLC, which holds the shares directly, is wholly owned by Kestrel Corp.",
        (),
        ("Juno Holdings LLC", "Kestrel Corp."),
        {("Kestrel Corp.", "Juno Holdings LLC", PA)},
        None,
    ),
    (
        "which_entered_into_agreement_no_inverse",
        "Juno Holdings LLC, which entered into the agreement, is owned by Kestrel Corp. and "
        "others in part.",
        (),
        ("Juno Holdings LLC", "Kestrel Corp."),
        set(),
        None,
    ),
    (
        "of_which_second_subject_is_the_gp",
        "The shares are held by Juniper Fund LP, of which Ann Roe is the founder and Juniper GP "
        "LLC is the general partner.",
        ("Ann Roe",),
        ("Juniper Fund LP", "Juniper GP LLC"),
        {("Juniper GP LLC", "Juniper Fund LP", GP)},
        None,
    ),
    (
        "of_which_two_subjects_two_roles",
        "The shares are held by Juniper Fund LP, of which Juniper Advisors LLC is the investment "
        "manager and Juniper GP LLC is the general partner.",
        (),
        ("Juniper Fund LP", "Juniper GP LLC", "Juniper Advisors LLC"),
        {
            ("Juniper Advisors LLC", "Juniper Fund LP", IM),
            ("Juniper GP LLC", "Juniper Fund LP", GP),
        },
        None,
    ),
    # ------------------------------------------------------------- prose in capitals
    (
        "capitals_is_the_gp",
        "ORIOLE GP LLC IS THE GENERAL PARTNER OF ORIOLE FUND LP.",
        (),
        ("Oriole Fund LP", "Oriole GP LLC"),
        {("Oriole GP LLC", "Oriole Fund LP", GP)},
        None,
    ),
    (
        "capitals_inverse",
        "THE GENERAL PARTNER OF ORIOLE FUND LP IS ORIOLE GP LLC.",
        (),
        ("Oriole Fund LP", "Oriole GP LLC"),
        {("Oriole GP LLC", "Oriole Fund LP", GP)},
        None,
    ),
]
