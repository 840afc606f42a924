"""Seeded synthetic ownership graphs, written in the tabular format (entities.csv + edges.csv).

The shape follows how beneficial ownership looks in filings and registers:

* **persons** control **management companies** (some jointly, with shared power);
  some managers sit under parent managers;
* managers act as **general partner** or **investment manager** of many **funds**;
* funds hold **common stock, convertibles and warrants** of **issuers** whose popularity is
  heavy-tailed (Zipf, exponent 0.7: the most-held issuer carries about 1 % of all positions
  at size L, about 4 % at size S);
* **diamond families**: layered managers where every node of a layer controls every node of
  the next (co-managing members, master/feeder GPs), so the number of control paths to a
  fund grows as ``width ** depth``; their funds are the *diamond-heavy subjects*;
* **corporate ownership chains** 3-10 levels deep with diamonds (several owners, skip-level
  owners) and some cross-holding **cycles**, as ``owns`` edges with percents; majority stakes
  often carry a parallel ``controls`` edge (role parent);
* a fraction of stakes are **ranges** (BODS bands with exclusive minimum) or **unknown**, and
  a few share counts are unknown.

Everything is drawn from one ``numpy`` generator seeded by ``seed``: the same size and seed
give byte-identical files. Sizes: ``S`` 10k parties, ``M`` 100k, ``L`` 1M (about 3M edges).

>>> import tempfile
>>> info = generate(1000, tempfile.mkdtemp(), seed=1)
>>> info.parties, info.edges > 2 * info.parties, info.diamond_paths[0]
(1000, True, 8192)
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

#: Parties per named size.
SIZES: dict[str, int] = {"S": 10_000, "M": 100_000, "L": 1_000_000}

#: The as-of date every generated edge carries.
AS_OF = "2025-12-31"

_FIRST = (
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
    "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Nelson Joshua Daniel Nancy "
    "Matthew Lisa Anthony Betty Mark Margaret Donald Sandra Steven Ashley Paul Kimberly "
    "Andrew Emily Kenneth Donna Kevin Michelle Brian Carol George Amanda Timothy Melissa"
).split()
_LAST = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
    "Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson "
    "White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott "
    "Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter "
    "Roberts Obus Landes Braden Leonard Whitfield Ashcroft Pemberton Fairbanks Holloway"
).split()
_STEM = (
    "Wynne Field Harbor Summit Granite Cedar Beacon Pine Ridge Falcon Osprey Meridian "
    "Northgate Bluewater Redwood Silverline Ironwood Oakmont Crescent Sterling Lakeshore "
    "Highland Aspen Keystone Tidewater Windward Clearwater Stonebridge Foxhall Kestrel"
).split()
_MGR_FORM = (
    "Capital Management, LLC",
    "Advisors, L.P.",
    "Partners GP, LLC",
    "Capital, Inc.",
    "Asset Management LLC",
)
_FUND_STRATEGY = ("Small Cap Value", "Opportunity", "Credit", "Global Macro", "Event Driven")
_FUND_FORM = ("Fund, L.P.", "Fund II, L.P.", "Offshore Fund, Ltd.", "Master Fund, L.P.")
_ISSUER_FORM = ("Inc.", "Corp.", "Holdings, Inc.", "Technologies, Inc.", "plc")
_CORP_FORM = ("Holdings Ltd", "Investments GmbH", "Group B.V.", "S.a r.l.", "Beteiligungs AG")
_JURIS = ("US-DE", "US-NY", "KY", "GB", "LU", "IE", "NL", "DE", "BM", "VG")


@dataclass
class GeneratedInfo:
    """What :func:`generate` wrote: counts, paths, timing and the notable subjects.

    ``diamond_subjects`` are entity row ids of funds under the largest diamond families,
    with ``diamond_paths`` the number of distinct control paths from their top persons.
    """

    size: str
    seed: int
    parties: int
    securities: int
    edges: int
    edge_kinds: dict[str, int]
    seconds: float
    entities_path: str
    edges_path: str
    diamond_subjects: list[str] = field(default_factory=list)
    diamond_ciks: list[str] = field(default_factory=list)
    diamond_paths: list[int] = field(default_factory=list)


class _Edges:
    """Column buffers for edges.csv rows, filled block by block."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.kinds: dict[str, int] = {}

    def add(self, kind: str, rows: list[str]) -> None:
        self.lines.extend(rows)
        self.kinds[kind] = self.kinds.get(kind, 0) + len(rows)


def _zipf_weights(n: int, s: float, rng: np.random.Generator) -> np.ndarray:
    """Probabilities ``∝ rank ** -s`` over ``n`` items in a random rank order."""
    w = np.arange(1, n + 1, dtype=np.float64) ** -s
    w /= w.sum()
    return w[rng.permutation(n)]


def _pick(rng: np.random.Generator, count: int, k: int) -> np.ndarray:
    """``count`` uniform integers in ``[0, k)``."""
    return rng.integers(0, k, size=count)


def _fmt_pct(values: np.ndarray) -> list[str]:
    return [f"{v:.2f}" for v in values.tolist()]


def generate(size: str | int, out_dir: str | Path, *, seed: int = 0) -> GeneratedInfo:
    """Write ``entities.csv``, ``edges.csv`` and ``meta.json`` for a graph of ``size`` parties.

    ``size`` is ``"S"``, ``"M"``, ``"L"`` or a number of parties (at least 1000). The output is
    deterministic in ``(size, seed)``.
    """
    t0 = time.perf_counter()
    label = size if isinstance(size, str) else str(size)
    n = SIZES[size.upper()] if isinstance(size, str) else int(size)
    if n < 1000:
        raise ValueError("a generated graph needs at least 1000 parties")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)

    # ---------------------------------------------------------------- party blocks
    n_group = max(2, n // 2000)
    n_person = int(0.15 * n)
    n_mgr = int(0.05 * n)
    n_fund = int(0.30 * n)
    n_issuer = int(0.08 * n)
    n_corp = n - n_group - n_person - n_mgr - n_fund - n_issuer
    o_person = 0
    o_mgr = o_person + n_person
    o_fund = o_mgr + n_mgr
    o_issuer = o_fund + n_fund
    o_corp = o_issuer + n_issuer
    o_group = o_corp + n_corp
    n_sec = n_issuer  # one common-stock class per issuer

    rid = (
        [f"P{i}" for i in range(n_person)]
        + [f"M{i}" for i in range(n_mgr)]
        + [f"F{i}" for i in range(n_fund)]
        + [f"I{i}" for i in range(n_issuer)]
        + [f"C{i}" for i in range(n_corp)]
        + [f"G{i}" for i in range(n_group)]
    )
    sec_rid = [f"S{i}" for i in range(n_sec)]
    edges = _Edges()
    eid = 0

    def add_links(
        kind: str,
        src: np.ndarray,
        dst: np.ndarray,
        role: list[str] | str,
        power: list[str] | str = "",
        pct: list[str] | None = None,
        lo: list[str] | None = None,
        hi: list[str] | None = None,
    ) -> None:
        nonlocal eid
        m = len(src)
        roles = role if isinstance(role, list) else [role] * m
        powers = power if isinstance(power, list) else [power] * m
        pcts = pct if pct is not None else [""] * m
        los = lo if lo is not None else [""] * m
        his = hi if hi is not None else [""] * m
        rows = []
        for j, (s, d, r, pw, p, a, b) in enumerate(
            zip(src.tolist(), dst.tolist(), roles, powers, pcts, los, his, strict=True)
        ):
            exmin = "true" if a else ""
            rows.append(
                f"e{eid + j},{kind},{rid[s]},{rid[d]},{r},,,,{p},{a},{b},{exmin},,{pw},{AS_OF},\n"
            )
        eid += m
        edges.add(kind, rows)

    # ---------------------------------------------------------------- diamond families
    n_fam = max(1, n // 2000)
    fam_w = rng.integers(2, 5, size=n_fam)  # width 2..4
    fam_d = rng.integers(3, 7, size=n_fam)  # depth 3..6 layers
    fam_funds = rng.integers(5, 21, size=n_fam)
    fam_w[0], fam_d[0] = 4, 6  # one wide, deep family at every size: 2 * 4**6 paths per fund
    fam_mgr_total = int((fam_w * fam_d).sum())
    if fam_mgr_total > n_mgr // 2 or int(fam_funds.sum()) > n_fund // 2:
        raise ValueError("graph too small for its diamond families")
    fam_mgr_start = o_mgr + n_mgr - fam_mgr_total  # family managers take the end of the block
    fam_fund_start = o_fund + n_fund - int(fam_funds.sum())
    regular_mgr = np.arange(o_mgr, fam_mgr_start)
    regular_fund = np.arange(o_fund, fam_fund_start)
    d_src: list[int] = []
    d_dst: list[int] = []
    d_role: list[str] = []
    diamond: list[tuple[int, int]] = []  # (paths, fund index)
    m_at, f_at = fam_mgr_start, fam_fund_start
    fam_persons = rng.choice(n_person, size=(n_fam, 2), replace=True)
    for f in range(n_fam):
        w, d, nf = int(fam_w[f]), int(fam_d[f]), int(fam_funds[f])
        layers = [list(range(m_at + k * w, m_at + (k + 1) * w)) for k in range(d)]
        m_at += w * d
        top = sorted({int(fam_persons[f, 0]), int(fam_persons[f, 1])})
        for p in top:
            for m in layers[0]:
                d_src.append(o_person + p)
                d_dst.append(m)
                d_role.append("managing_member")
        for up, down in zip(layers, layers[1:], strict=False):
            for a in up:
                for b in down:
                    d_src.append(a)
                    d_dst.append(b)
                    d_role.append("managing_member")
        for fund in range(f_at, f_at + nf):
            for m in layers[-1]:
                d_src.append(m)
                d_dst.append(fund)
                d_role.append("general_partner")
            diamond.append((len(top) * w**d, fund))
        f_at += nf
    add_links("controls", np.array(d_src), np.array(d_dst), d_role, "shared")

    # ---------------------------------------------------------------- persons -> managers
    n_reg_mgr = len(regular_mgr)
    k_ctrl = rng.choice([1, 2, 3], size=n_reg_mgr, p=[0.6, 0.3, 0.1])
    person_w = _zipf_weights(n_person, 0.5, rng)
    ctrl_src = rng.choice(n_person, size=int(k_ctrl.sum()), p=person_w) + o_person
    ctrl_dst = np.repeat(regular_mgr, k_ctrl)
    key = np.unique(ctrl_dst.astype(np.int64) * n + ctrl_src, return_index=True)[1]
    ctrl_src, ctrl_dst = ctrl_src[key], ctrl_dst[key]
    joint = np.bincount(ctrl_dst - o_mgr, minlength=n_mgr)[ctrl_dst - o_mgr] > 1
    roles = np.array(["managing_member", "sole_member", "officer", "director"])[
        np.where(joint, rng.choice([0, 2, 3], size=len(joint)), rng.choice([0, 1, 2], len(joint)))
    ]
    add_links(
        "controls",
        ctrl_src,
        ctrl_dst,
        roles.tolist(),
        np.where(joint, "shared", "sole").tolist(),
    )

    # parent managers: a quarter of regular managers sit under an earlier one
    child = regular_mgr[1:][rng.random(n_reg_mgr - 1) < 0.25]
    parent = (rng.random(len(child)) * (child - o_mgr)).astype(np.int64) + o_mgr
    add_links("controls", parent, child, "parent", "sole")

    # ---------------------------------------------------------------- managers -> funds
    n_reg_fund = len(regular_fund)
    mgr_w = _zipf_weights(n_reg_mgr, 0.8, rng)
    gp = regular_mgr[rng.choice(n_reg_mgr, size=n_reg_fund, p=mgr_w)]
    add_links("controls", gp, regular_fund, "general_partner")
    has_im = rng.random(n_reg_fund) < 0.4
    im = regular_mgr[rng.choice(n_reg_mgr, size=int(has_im.sum()), p=mgr_w)]
    ok = im != gp[has_im]
    add_links("controls", im[ok], regular_fund[has_im][ok], "investment_manager")
    gp_of = np.full(n, -1, dtype=np.int64)
    gp_of[regular_fund] = gp

    # ---------------------------------------------------------------- holdings
    issuer_w = _zipf_weights(n_issuer, 0.7, rng)
    n_pos = 1 + rng.geometric(0.3, size=n_fund)  # mean about 4.3 positions per fund
    h_holder = np.repeat(np.arange(o_fund, o_fund + n_fund), n_pos)
    # bottom corporates hold too (set below), funds first
    h_issuer = rng.choice(n_issuer, size=len(h_holder), p=issuer_w)
    # ---------------------------------------------------------------- corporate chains
    c_src: list[np.ndarray] = []
    c_dst: list[np.ndarray] = []
    c_share: list[np.ndarray] = []
    corp = np.arange(o_corp, o_corp + n_corp)
    sizes = []
    left = n_corp
    while left > 0:
        s = int(min(left, max(12, rng.geometric(1 / 40))))
        sizes.append(s)
        left -= s
    level = np.empty(n_corp, dtype=np.int64)
    group_of = np.empty(n_corp, dtype=np.int64)
    at = 0
    bottoms: list[np.ndarray] = []
    cross_src: list[int] = []
    cross_dst: list[int] = []
    for g, s in enumerate(sizes):
        depth = int(min(s, rng.integers(3, 11)))
        lv = np.concatenate([np.arange(depth), rng.integers(0, depth, size=s - depth)])
        lv.sort()
        level[at : at + s] = lv
        group_of[at : at + s] = g
        members = corp[at : at + s]
        starts = np.searchsorted(lv, np.arange(depth + 1))
        for ell in range(1, depth):
            below = members[starts[ell] : starts[ell + 1]]
            above = members[starts[ell - 1] : starts[ell]]
            k = np.minimum(rng.choice([1, 2, 3], size=len(below), p=[0.55, 0.3, 0.15]), len(above))
            src = above[rng.integers(0, len(above), size=int(k.sum()))]  # duplicates dropped below
            dst = np.repeat(below, k)
            if ell >= 2:  # skip-level owners make diamonds across levels
                skip = rng.random(len(below)) < 0.1
                if skip.any():
                    higher = members[: starts[ell - 1]]
                    src = np.concatenate([src, rng.choice(higher, size=int(skip.sum()))])
                    dst = np.concatenate([dst, below[skip]])
            c_src.append(src)
            c_dst.append(dst)
        if rng.random() < 0.05 and depth >= 3:  # a cross-holding: a lower level owns upwards
            lo_m = members[starts[depth - 1] : starts[depth]]
            hi_m = members[starts[0] : starts[depth - 2]]
            cross_src.append(int(rng.choice(lo_m)))
            cross_dst.append(int(rng.choice(hi_m)))
        bottoms.append(members[starts[depth - 1] : starts[depth]])
        at += s
    # level-0 corporates are owned by one or two persons
    tops = corp[level == 0]
    k = rng.choice([1, 2], size=len(tops), p=[0.7, 0.3])
    c_src.append(rng.choice(n_person, size=int(k.sum()), p=person_w) + o_person)
    c_dst.append(np.repeat(tops, k))
    # a quarter of issuers are subsidiaries of a corporate
    listed = np.flatnonzero(rng.random(n_issuer) < 0.25) + o_issuer
    c_src.append(rng.choice(corp, size=len(listed)))
    c_dst.append(listed)
    own_src = np.concatenate(c_src)
    own_dst = np.concatenate(c_dst)
    key = np.unique(own_dst.astype(np.int64) * n + own_src, return_index=True)[1]
    own_src, own_dst = own_src[key], own_dst[key]
    own_src, own_dst = own_src[own_src != own_dst], own_dst[own_src != own_dst]
    # stakes: the owners of each company together hold 55-95 %, split at random
    order = np.argsort(own_dst, kind="stable")
    own_src, own_dst = own_src[order], own_dst[order]
    raw = rng.gamma(1.0, size=len(own_dst))
    tot = np.bincount(own_dst, weights=raw, minlength=n)
    target = rng.uniform(55.0, 95.0, size=n)
    pct = np.round(raw / tot[own_dst] * target[own_dst], 2)
    pct = np.maximum(pct, 0.01)
    c_share.append(pct)
    # cross-holdings (cycles): small stakes that keep every company's owners below 99 %
    if cross_src:
        xs, xd = np.array(cross_src), np.array(cross_dst)
        held = np.bincount(own_dst, weights=pct, minlength=n)
        xp = np.round(np.minimum(rng.uniform(1.0, 10.0, size=len(xs)), 99.0 - held[xd]), 2)
        own_src = np.concatenate([own_src, xs])
        own_dst = np.concatenate([own_dst, xd])
        pct = np.concatenate([pct, np.maximum(xp, 0.01)])
    u = rng.random(len(pct))
    is_range = u < 0.10
    is_unknown = (u >= 0.10) & (u < 0.15)
    band = np.minimum((pct // 25).astype(np.int64), 3)
    pct_s = _fmt_pct(pct)
    lo_s = [""] * len(pct)
    hi_s = [""] * len(pct)
    for j in np.flatnonzero(is_range).tolist():
        pct_s[j] = ""
        lo_s[j] = str(int(band[j]) * 25)
        hi_s[j] = str(int(band[j]) * 25 + 25)
    for j in np.flatnonzero(is_unknown).tolist():
        pct_s[j] = ""
    add_links("owns", own_src, own_dst, "shareholder", "", pct_s, lo_s, hi_s)
    # majority stakes: half carry a parallel control edge (parent), some a consolidation
    exact_major = (~is_range) & (~is_unknown) & (pct > 50.0)
    ctl = exact_major & (rng.random(len(pct)) < 0.5)
    add_links("controls", own_src[ctl], own_dst[ctl], "parent", "sole")
    cons = exact_major & (rng.random(len(pct)) < 0.1)
    add_links("consolidates", own_src[cons], own_dst[cons], "direct_parent")

    # bottom corporates hold securities too
    bottom = np.concatenate(bottoms) if bottoms else np.array([], dtype=np.int64)
    bottom = bottom[rng.random(len(bottom)) < 0.3]
    kb = rng.integers(1, 4, size=len(bottom))
    h_holder = np.concatenate([h_holder, np.repeat(bottom, kb)])
    h_issuer = np.concatenate([h_issuer, rng.choice(n_issuer, size=int(kb.sum()), p=issuer_w)])
    key = np.unique(h_holder.astype(np.int64) * n_issuer + h_issuer, return_index=True)[1]
    h_holder, h_issuer = h_holder[key], h_issuer[key]
    m = len(h_holder)
    shares = np.round(rng.lognormal(11.0, 1.5, size=m)).astype(np.int64) + 1
    unknown_sh = rng.random(m) < 0.02
    conv = rng.random(m) < 0.15
    warr = rng.random(m) < 0.12
    rows = []
    sh = shares.tolist()
    unk = unknown_sh.tolist()
    for j, (hd, iss) in enumerate(zip(h_holder.tolist(), h_issuer.tolist(), strict=True)):
        amount = "" if unk[j] else str(sh[j])
        rows.append(
            f"e{eid + j},holds,{rid[hd]},{sec_rid[iss]},,{amount},common,false,,,,,,,{AS_OF},\n"
        )
    eid += m
    for flag, instrument, frac in ((conv, "convertible", 0.6), (warr, "warrant", 0.4)):
        idx = np.flatnonzero(flag)
        amt = np.maximum(1, (shares[idx] * frac).astype(np.int64)).tolist()
        for j, (hd, iss, a) in enumerate(
            zip(h_holder[idx].tolist(), h_issuer[idx].tolist(), amt, strict=True)
        ):
            rows.append(
                f"e{eid + j},holds,{rid[hd]},{sec_rid[iss]},,{a},{instrument},true,,,,,,,{AS_OF},\n"
            )
        eid += len(idx)
    edges.add("holds", rows)

    # ---------------------------------------------------------------- groups (13d-5(b))
    gk = rng.integers(2, 5, size=n_group)
    g_src = rng.choice(np.concatenate([np.arange(n_person), regular_mgr]), size=int(gk.sum()))
    g_dst = np.repeat(np.arange(o_group, o_group + n_group), gk)
    key = np.unique(g_dst.astype(np.int64) * n + g_src, return_index=True)[1]
    add_links("member_of", g_src[key], g_dst[key], "group_member")

    # ---------------------------------------------------------------- entities.csv
    ent_path = out / "entities.csv"
    pick = rng.integers
    first = pick(0, len(_FIRST), n_person).tolist()
    last = pick(0, len(_LAST), n_person).tolist()
    mid = pick(0, 26, n_person).tolist()
    stem_a = pick(0, len(_STEM), n).tolist()
    stem_b = pick(0, len(_STEM), n).tolist()
    form = pick(0, 5, n).tolist()
    juris = pick(0, len(_JURIS), n).tolist()
    alt = (rng.random(n) < 0.1).tolist()
    with ent_path.open("w", newline="", encoding="utf-8") as fp:
        w = csv.writer(fp, lineterminator="\n")
        w.writerow(
            [
                "id",
                "name",
                "kind",
                "cik",
                "lei",
                "cusip",
                "issuer_id",
                "jurisdiction",
                "names",
                "identifiers",
            ]
        )
        rows_e: list[tuple[str, ...]] = []
        for i in range(n_person):
            name = f"{_FIRST[first[i]]} {chr(65 + mid[i])}. {_LAST[last[i]]}"
            other = f"{_LAST[last[i]]} {_FIRST[first[i]]}" if alt[i] else ""
            rows_e.append((rid[i], name, "person", "", "", "", "", _JURIS[juris[i]][:2], other, ""))
        mgr_name: dict[int, str] = {}
        for i in range(o_mgr, o_fund):
            stem = f"{_STEM[stem_a[i]]}{_STEM[stem_b[i]].lower()} {i - o_mgr}"
            name = f"{stem} {_MGR_FORM[form[i]]}"
            mgr_name[i] = stem
            other = name.replace(",", "") if alt[i] else ""
            rows_e.append(
                (
                    rid[i],
                    name,
                    "entity",
                    f"{1_000_000 + i:010d}",
                    "",
                    "",
                    "",
                    _JURIS[juris[i]],
                    other,
                    "",
                )
            )
        for i in range(o_fund, o_issuer):
            g = int(gp_of[i])
            stem = mgr_name[g] if g >= 0 else f"{_STEM[stem_a[i]]} {i - o_fund}"
            name = f"{stem} {_FUND_STRATEGY[form[i]]} {_FUND_FORM[form[i] % 4]}"
            rows_e.append(
                (
                    rid[i],
                    name,
                    "fund",
                    f"{1_000_000 + i:010d}",
                    "",
                    "",
                    "",
                    _JURIS[juris[i]],
                    "",
                    "",
                )
            )
        for i in range(o_issuer, o_corp):
            name = f"{_STEM[stem_a[i]]}{_STEM[stem_b[i]].lower()} {i - o_issuer} {_ISSUER_FORM[form[i]]}"
            rows_e.append(
                (
                    rid[i],
                    name,
                    "issuer",
                    f"{1_000_000 + i:010d}",
                    "",
                    "",
                    "",
                    _JURIS[juris[i]],
                    "",
                    "",
                )
            )
        for i in range(o_corp, o_group):
            name = f"{_STEM[stem_a[i]]} {i - o_corp} {_CORP_FORM[form[i]]}"
            ident = f"GB-COH:{i:08d}" if juris[i] == 3 else ""
            rows_e.append(
                (rid[i], name, "entity", "", f"5299{i:014d}00", "", "", _JURIS[juris[i]], "", ident)
            )
        for i in range(o_group, n):
            rows_e.append((rid[i], f"Group {i - o_group}", "group", "", "", "", "", "", "", ""))
        for j in range(n_sec):
            rows_e.append(
                (
                    sec_rid[j],
                    "Common Stock",
                    "security",
                    "",
                    "",
                    f"{j:06d}10{j % 10}",
                    rid[o_issuer + j],
                    "",
                    "",
                    "",
                )
            )
        w.writerows(rows_e)
    edge_path = out / "edges.csv"
    with edge_path.open("w", encoding="utf-8") as fp:
        fp.write(
            "id,kind,source,target,role,shares,instrument,right_to_acquire,percent,share_min,"
            "share_max,exclusive_min,exclusive_max,power,as_of,evidence\n"
        )
        fp.writelines(edges.lines)

    diamond.sort(key=lambda t: (-t[0], t[1]))
    top = diamond[: min(20, len(diamond))]
    info = GeneratedInfo(
        size=label,
        seed=seed,
        parties=n,
        securities=n_sec,
        edges=len(edges.lines),
        edge_kinds=dict(sorted(edges.kinds.items())),
        seconds=round(time.perf_counter() - t0, 3),
        entities_path=str(ent_path),
        edges_path=str(edge_path),
        diamond_subjects=[rid[f] for _, f in top],
        diamond_ciks=[f"{1_000_000 + f:010d}" for _, f in top],
        diamond_paths=[p for p, _ in top],
    )
    (out / "meta.json").write_text(json.dumps(asdict(info), indent=2) + "\n", encoding="utf-8")
    return info


def read_info(out_dir: str | Path) -> GeneratedInfo | None:
    """The :class:`GeneratedInfo` of an earlier :func:`generate` into ``out_dir``, if any."""
    meta = Path(out_dir) / "meta.json"
    if not meta.is_file():
        return None
    return GeneratedInfo(**json.loads(meta.read_text(encoding="utf-8")))


def ensure(size: str | int, out_dir: str | Path, *, seed: int = 0) -> GeneratedInfo:
    """Generate into ``out_dir`` unless files of the same size and seed are already there."""
    info = read_info(out_dir)
    label = size if isinstance(size, str) else str(size)
    if (
        info is not None
        and info.size == label
        and info.seed == seed
        and Path(info.entities_path).is_file()
        and Path(info.edges_path).is_file()
    ):
        return info
    return generate(size, out_dir, seed=seed)
