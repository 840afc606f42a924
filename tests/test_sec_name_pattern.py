"""How a known party's name is found in a filing's text (``sec_grammar.name_pattern``)."""

from __future__ import annotations

import re

from ownergraph.loaders.sec_lexicon import name_pattern


def test_a_known_name_with_an_ampersand_is_found_as_written() -> None:
    """A party named with '&' ('Benjamin Moore & Co.') is found where the text writes '&'
    and where it writes 'and' (names are normalised with 'and'); synthetic sentences."""
    rx = re.compile(name_pattern("Smith & Wesson Partners, L.P."), re.I)
    assert rx.search("the general partner of Smith & Wesson Partners, L.P. is")
    assert rx.search("the general partner of Smith and Wesson Partners LP is")
    assert not rx.search("the general partner of Smith Wesson Partners LP is")
