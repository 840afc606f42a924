"""The register control tests of one pair ``controller -> controlled`` (DOMAIN 4b).

:func:`evaluate` applies the tests the docstring of :mod:`queries.register_control` lists
(majority control, the board, significant influence, control roles, consolidation, joint
interests, declarations) to the links of one pair and returns a :class:`Step`; ``RULES``
names each test in words, in the order an answer's rule names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ownergraph.graph.model import Link
from ownergraph.graph.vocab import DirectOrIndirect, EdgeKind, Role
from ownergraph.queries.intervals import Interval

# ----------------------------------------------------------------------------- rules

MAJORITY = "majority-control"
BOARD = "board-appointment"
INFLUENCE = "significant-influence-or-control"
ROLE = "control-role"
CONSOLIDATION = "consolidation"
JOINT = "joint-interest"
DECLARED = "declared"
UNKNOWN = "unknown"
CYCLE = "cycle"
NO_CONTROLLER = "no-controller"

#: The tests in the order an answer's rule names them, with their words.
RULES: dict[str, str] = {
    MAJORITY: (
        "more than 50 % of the shares or voting rights, held directly or through companies "
        "controlled in the same sense (chains of majority control)"
    ),
    BOARD: "the right to appoint or remove a majority of the board",
    INFLUENCE: "a stated interest of significant influence or control (also via a trust or firm)",
    ROLE: "a stated control role (general partner, managing member, trustee, parent ...)",
    CONSOLIDATION: "accounting consolidation by a parent (GLEIF Level 2)",
    JOINT: (
        "a joint interest or joint arrangement: each joint holder holds the whole interest "
        "(UK PSC rules), as shared power"
    ),
    DECLARED: ("a declared beneficialOwnershipOrControl decides where the computed stakes cannot"),
    UNKNOWN: "the chain ends in an unspecified party: unknown, with the source's reason",
    CYCLE: (
        "control runs in a cycle with no outside controller: reported as a cycle, never "
        "as its own controller"
    ),
    NO_CONTROLLER: "no party is stated to control the company under these tests",
}
_ORDER = list(RULES)
PREFIX = "register:"

#: Roles that give control of the controlled party by themselves (a stated control role).
_CONTROL_ROLES = frozenset(
    {
        Role.GENERAL_PARTNER,
        Role.MANAGING_MEMBER,
        Role.SOLE_MEMBER,
        Role.TRUSTEE,
        Role.PARENT,
        Role.INVESTMENT_MANAGER,
        Role.INVESTMENT_ADVISER,
        Role.NOMINEE,
        Role.ULTIMATE_PARENT,
        Role.DIRECT_PARENT,
        Role.FUND_MANAGER,
    }
)
#: Roles that never give control of a company by themselves.
_NO_CONTROL_ROLES = frozenset(
    {
        Role.DIRECTOR,
        Role.BENEFICIARY,
        Role.GROUP_MEMBER,
        Role.STATED_POWER,
        Role.FEEDER_MASTER,
        Role.UMBRELLA,
    }
)
#: Roles by which a party holds part of a joint arrangement (a beneficiary does not).
_NOT_JOINT_ROLES = frozenset({Role.BENEFICIARY, Role.DIRECTOR, Role.STATED_POWER})


# ----------------------------------------------------------------------------- steps


@dataclass(frozen=True)
class Step:
    """The control test of one pair ``controller -> controlled`` (parallel links merged).

    ``state``: ``True`` when control passes, ``None`` when the data cannot decide, ``False``
    when it does not. ``test`` names the deciding test; ``computed`` is ``True`` when a
    computed test (not a declaration) decided. ``shares`` / ``votes`` are the stakes stated.
    """

    controller: str
    controlled: str
    links: tuple[Link, ...]
    state: bool | None
    test: str | None
    why: str
    computed: bool
    shares: Interval | None
    votes: Interval | None
    declared: bool | None
    indirect: bool

    @property
    def stake(self) -> Interval | None:
        """The controlling stake: the votes where stated, else the shares."""
        return self.votes if self.votes is not None else self.shares


def _pct(iv: Interval | None) -> str:
    return "unknown" if iv is None else str(iv)


def _majority(iv: Interval | None) -> bool | None:
    return None if iv is None else iv.meets(0.5, inclusive=False)


def _either(*states: bool | None) -> bool | None:
    if any(s is True for s in states):
        return True
    if states and all(s is False for s in states):
        return False
    return None


def evaluate(
    controller: str, controlled: str, links: list[Link], *, arrangement: bool = False
) -> Step:
    """Apply the register control tests to the links of one pair (module docstring).

    >>> from ownergraph.graph.model import Share
    >>> lk = Link("l", "d", EdgeKind.OWNS, "a", "b", Role.SHAREHOLDER,
    ...           share=Share(minimum=25, maximum=50, exclusive_maximum=True), beneficial=True)
    >>> s = evaluate("a", "b", [lk])
    >>> s.state, s.test, s.computed
    (False, None, False)
    >>> evaluate("a", "b", [lk], arrangement=True).test
    'joint-interest'
    """
    direct = [lk for lk in links if lk.direct_or_indirect != DirectOrIndirect.INDIRECT]
    use = direct or links
    indirect = not direct
    shares_l = [lk for lk in use if lk.kind == EdgeKind.OWNS]
    votes_l = [lk for lk in use if lk.voting_share is not None or lk.role == Role.VOTING_RIGHTS]
    shares = _max([Interval.from_share(lk.share) for lk in shares_l]) if shares_l else None
    votes = (
        _max([Interval.from_share(lk.voting_share or lk.share) for lk in votes_l])
        if votes_l
        else None
    )
    tests: list[tuple[str, bool | None, str]] = []
    if shares is not None or votes is not None:
        state = _either(*(_majority(x) for x in (votes, shares) if x is not None))
        words = "; ".join(
            x
            for x in (
                f"{_pct(shares)} of the shares" if shares is not None else None,
                f"{_pct(votes)} of the votes" if votes is not None else None,
            )
            if x
        )
        tests.append((MAJORITY, state, words))
    for lk in use:
        role = lk.role
        if lk.kind == EdgeKind.CONSOLIDATES:
            tests.append((CONSOLIDATION, True, f"consolidated ({role.value.replace('_', ' ')})"))
        elif lk.kind == EdgeKind.MEMBER_OF or role in (Role.SHAREHOLDER, Role.VOTING_RIGHTS):
            continue
        elif role == Role.APPOINTMENT_OF_BOARD:
            st = True if lk.share is None else _majority(Interval.from_share(lk.share))
            tests.append((BOARD, st, "right to appoint or remove the board"))
        elif role == Role.SIGNIFICANT_INFLUENCE:
            tests.append((INFLUENCE, True, lk.details or "significant influence or control"))
        elif role in _CONTROL_ROLES:
            tests.append((ROLE, True, role.value.replace("_", " ")))
        elif role in _NO_CONTROL_ROLES:
            tests.append((ROLE, False, role.value.replace("_", " ")))
        else:  # settlor, protector, nominator, member, officer, unknown interest, other
            tests.append((ROLE, None, role.value.replace("_", " ")))
    stated = [lk.beneficial for lk in links if lk.beneficial is not None]
    declared = _either(*stated) if stated else None
    why = "; ".join(dict.fromkeys(w for _, _, w in tests if w)) or "interest of unstated kind"
    decided = next((t for t in tests if t[1] is True), None)
    if decided is not None:
        return Step(controller, controlled, tuple(links), True, decided[0], decided[2], True,
                    shares, votes, declared, indirect)  # fmt: skip
    state: bool | None = None if any(t[1] is None for t in tests) or not tests else False
    if arrangement and any(lk.role not in _NOT_JOINT_ROLES for lk in links):
        return Step(controller, controlled, tuple(links), True, JOINT,
                    f"joint holder of the arrangement ({why})", True, shares, votes,
                    declared, indirect)  # fmt: skip
    if state is None and declared is not None:
        return Step(controller, controlled, tuple(links), declared, DECLARED if declared else None,
                    f"{why}; declared {'a' if declared else 'not a'} beneficial owner",
                    False, shares, votes, declared, indirect)  # fmt: skip
    return Step(controller, controlled, tuple(links), state, None, why, False, shares, votes,
                declared, indirect)  # fmt: skip


def _max(ivs: list[Interval]) -> Interval:
    """The largest of several statements of one stake (bound by bound)."""
    out = ivs[0]
    for iv in ivs[1:]:
        lo = None if out.lo is None or iv.lo is None else max(out.lo, iv.lo)
        hi = None if out.hi is None or iv.hi is None else max(out.hi, iv.hi)
        out = Interval(
            lo,
            hi,
            lo is not None and all(b.lo != lo or b.lo_open for b in (out, iv) if b.lo is not None),
            hi is not None and any(b.hi == hi and b.hi_open for b in (out, iv)),
        )
    return out
