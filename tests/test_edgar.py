"""EDGAR fetch against recorded answers: fair access, cache, resume, backoff. Offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from requests.adapters import BaseAdapter

import ownergraph.loaders.edgar as edgar
from ownergraph.cli import main
from ownergraph.loaders.edgar import EdgarClient, FetchError, RateLimiter

FIX = Path(__file__).parent / "fixtures"
HBK = FIX / "sec13dg-legacy" / "asa-bermuda_hbk-investments_sc13d-a_2005-07-15.txt"
UA = "ownergraph tests tests@example.org"


class Replay(BaseAdapter):
    """A transport that answers from recorded files and records every request."""

    def __init__(self, routes: dict[str, list[tuple[int, bytes, dict]]]) -> None:
        super().__init__()
        self.routes = routes
        self.seen: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):  # noqa: ANN001, ANN201
        self.seen.append(request)
        queue = self.routes.get(request.url)
        if not queue:
            status, body, headers = 404, b"not recorded", {}
        else:
            status, body, headers = queue.pop(0) if len(queue) > 1 else queue[0]
        resp = requests.Response()
        resp.status_code, resp._content, resp.url = status, body, request.url
        resp.headers.update(headers)
        resp.request = request
        return resp

    def close(self) -> None:
        pass


SUBS = "https://data.sec.gov/submissions/CIK0001230869.json"
DOC = "https://www.sec.gov/Archives/edgar/data/1230869/000119312505142631/0001193125-05-142631.txt"
OLD = "https://www.sec.gov/Archives/edgar/data/1230869/000095012304000001/0000950123-04-000001.txt"


def _client(tmp_path: Path, routes: dict, sleeps: list[float]) -> tuple[EdgarClient, Replay]:
    session = requests.Session()
    adapter = Replay(routes)
    session.mount("https://", adapter)
    client = EdgarClient(UA, tmp_path / "cache", session=session, sleep=sleeps.append)
    return client, adapter


def test_filings_filter_download_and_cache(tmp_path: Path) -> None:
    """The 10-Q is dropped; since=2005-01-01 drops the 2004 13D; the second run is all cache."""
    routes = {
        SUBS: [(200, (FIX / "edgar" / "CIK0001230869.json").read_bytes(), {})],
        DOC: [(200, HBK.read_bytes(), {})],
    }
    client, adapter = _client(tmp_path, routes, [])
    refs = client.filings("1230869", since=dt.date(2005, 1, 1))
    assert [(r.accession, r.form) for r in refs] == [("0001193125-05-142631", "SC 13D/A")]
    paths = client.download(refs)
    assert paths[0].read_bytes() == HBK.read_bytes()
    assert all(r.headers["User-Agent"] == UA for r in adapter.seen)
    n = len(adapter.seen)
    client.download(client.filings("1230869", since=dt.date(2005, 1, 1)))
    assert len(adapter.seen) == n  # resumed from the cache: no new request


def test_backoff_on_429_honours_retry_after(tmp_path: Path) -> None:
    sleeps: list[float] = []
    routes = {DOC: [(429, b"slow down", {"Retry-After": "3"}), (503, b"", {}), (200, b"ok", {})]}
    client, adapter = _client(tmp_path, routes, sleeps)
    path = client.by_accession("0001193125-05-142631", cik=1230869)
    assert path.read_bytes() == b"ok"
    assert len(adapter.seen) == 3
    assert 3.0 in sleeps  # Retry-After honoured


def test_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    client, _ = _client(tmp_path, {DOC: [(403, b"", {})]}, [])
    with pytest.raises(FetchError, match="HTTP 403"):
        client.by_accession("000119312505142631", cik="1230869")


def test_user_agent_is_required(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="User-Agent"):
        EdgarClient(None, tmp_path)


def test_rate_limiter_spaces_calls_at_ten_per_second() -> None:
    t = [0.0]
    slept: list[float] = []

    def sleep(d: float) -> None:
        slept.append(d)
        t[0] += d

    lim = RateLimiter(10.0, clock=lambda: t[0], sleep=sleep)
    for _ in range(5):
        lim.wait()
    assert t[0] == pytest.approx(0.4)  # 5 calls: 4 gaps of 0.1 s


def test_cli_fetch_and_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    routes = {
        SUBS: [(200, (FIX / "edgar" / "CIK0001230869.json").read_bytes(), {})],
        DOC: [(200, HBK.read_bytes(), {})],
        OLD: [(200, HBK.read_bytes(), {})],
    }

    def session() -> requests.Session:
        s = requests.Session()
        s.mount("https://", Replay(routes))
        return s

    monkeypatch.setattr(edgar, "session_factory", session)
    store = tmp_path / "s.db"
    res = CliRunner().invoke(
        main,
        [
            "fetch",
            "--cik",
            "1230869",
            "--forms",
            "SC 13D/A",
            "--user-agent",
            UA,
            "--cache",
            str(tmp_path / "c"),
            "--store",
            str(store),
        ],
    )
    assert res.exit_code == 0, res.output
    lines = res.output.split("\n")
    assert any(line.endswith("-0001193125-05-142631.txt") for line in lines)
    assert "1 documents, 2 requests" in lines  # submissions list + one document
