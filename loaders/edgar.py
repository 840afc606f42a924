"""Fetching filings from SEC EDGAR, under the SEC's fair-access rules.

Not a loader (it parses nothing): it downloads documents into an on-disk cache, from which
``ownergraph load`` reads them like any file.

Fair access (https://www.sec.gov/os/accessing-edgar-data): every request carries a
User-Agent naming the requester and a contact (``OWNERGRAPH_EDGAR_USER_AGENT``, e.g.
``"Jane Analyst jane@example.org"``); at most 10 requests per second; back off on 429 and
5xx answers (honouring ``Retry-After``). Every answer is cached under a file named for its
URL, so a second run, or a run resumed after an interruption, downloads only what is
missing.

The HTTP session is injectable: tests mount a transport adapter that replays recorded
answers, so no test touches the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import requests

from ownergraph.graph.errors import InputError, OwnergraphError
from ownergraph.graph.ids import normalize_cik

SUBMISSIONS_URL = "https://data.sec.gov/submissions/CIK{cik}.json"
ARCHIVE_URL = "https://www.sec.gov/Archives/edgar/data/{cik}/{acc_nodash}/{name}"

#: Forms a user usually wants: beneficial-ownership reports and insider reports.
DEFAULT_FORMS = (
    "SC 13D",
    "SC 13D/A",
    "SC 13G",
    "SC 13G/A",
    "SCHEDULE 13D",
    "SCHEDULE 13D/A",
    "SCHEDULE 13G",
    "SCHEDULE 13G/A",
    "3",
    "4",
    "5",
    "3/A",
    "4/A",
    "5/A",
)


#: Builds the HTTP session when none is given (tests replace it with a replaying one).
session_factory: Callable[[], requests.Session] = requests.Session


class FetchError(OwnergraphError):
    """EDGAR could not be reached or refused the request."""


@dataclass(frozen=True)
class FilingRef:
    """One filing in a company's EDGAR submissions list."""

    cik: str
    accession: str
    form: str
    filing_date: dt.date | None
    primary_document: str

    @property
    def url(self) -> str:
        """The raw primary document (the XML, not the XSL rendering)."""
        name = self.primary_document
        if name.startswith("xsl") and "/" in name:
            name = name.split("/", 1)[1]
        return ARCHIVE_URL.format(
            cik=int(self.cik), acc_nodash=self.accession.replace("-", ""), name=name
        )

    @property
    def fetch_url(self) -> str:
        """What to download: the complete submission for a Form 13F (its cover page and its
        information table are two documents of one filing) or when no primary document is
        named; else the primary document."""
        if self.form.upper().startswith("13F") or not self.primary_document:
            return self.submission_url
        return self.url

    @property
    def submission_url(self) -> str:
        """The complete submission text file (SGML header + every document)."""
        return ARCHIVE_URL.format(
            cik=int(self.cik),
            acc_nodash=self.accession.replace("-", ""),
            name=f"{self.accession}.txt",
        )


class RateLimiter:
    """At most ``rate`` calls per second, across threads (a minimum interval)."""

    def __init__(
        self,
        rate: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next call is allowed."""
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


class EdgarClient:
    """A polite EDGAR client with a cache, a rate limit and backoff."""

    def __init__(
        self,
        user_agent: str | None,
        cache_dir: str | Path,
        *,
        session: requests.Session | None = None,
        rate: float = 10.0,
        max_retries: int = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not user_agent or "@" not in user_agent:
            raise FetchError(
                "EDGAR requires a User-Agent with a contact e-mail: set "
                "OWNERGRAPH_EDGAR_USER_AGENT='Your Name you@example.org' or pass --user-agent"
            )
        self.user_agent = user_agent
        self.cache_dir = Path(cache_dir)
        self.session = session or session_factory()
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.max_retries = max_retries
        self._sleep = sleep
        self.requests_made = 0

    def _cache_path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode()).hexdigest()[:24]
        return self.cache_dir / digest[:2] / f"{digest}-{url.rsplit('/', 1)[-1]}"

    def get(self, url: str) -> Path:
        """Return the cached file for ``url``, downloading it first if needed."""
        path = self._cache_path(url)
        if path.exists():
            return path
        delay = 1.0
        for attempt in range(self.max_retries + 1):
            self.limiter.wait()
            self.requests_made += 1
            try:
                resp = self.session.get(
                    url,
                    headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
                    timeout=30,
                )
            except requests.RequestException as exc:
                if attempt == self.max_retries:
                    raise FetchError(f"{url}: {exc}") from exc
                self._sleep(delay)
                delay = min(delay * 2, 60)
                continue
            if resp.status_code == 200:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(path.suffix + ".part")
                tmp.write_bytes(resp.content)
                tmp.replace(path)  # atomic: an interrupted download leaves no partial file
                return path
            if resp.status_code in (429, 500, 502, 503, 504) and attempt < self.max_retries:
                retry_after = resp.headers.get("Retry-After", "")
                wait = float(retry_after) if retry_after.isdigit() else delay
                self._sleep(min(wait, 120))
                delay = min(delay * 2, 60)
                continue
            raise FetchError(f"{url}: HTTP {resp.status_code}")
        raise FetchError(f"{url}: gave up after {self.max_retries} retries")

    def filings(
        self, cik: str | int, *, forms: Iterable[str] = DEFAULT_FORMS, since: dt.date | None = None
    ) -> list[FilingRef]:
        """The company's recent filings of the given forms, filed on or after ``since``."""
        cik10 = normalize_cik(str(cik))
        if cik10 is None:
            raise InputError(str(cik), None, "not a CIK")
        path = self.get(SUBMISSIONS_URL.format(cik=cik10))
        try:
            data = json.loads(path.read_bytes())
            recent = data["filings"]["recent"]
            rows = zip(
                recent["accessionNumber"],
                recent["form"],
                recent["filingDate"],
                recent["primaryDocument"],
                strict=True,
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(
                str(path), "filings.recent", f"not an EDGAR submissions file: {exc}"
            ) from exc
        wanted = {f.upper() for f in forms}
        out = []
        for acc, form, date, doc in rows:
            filed = dt.date.fromisoformat(date) if date else None
            if form.upper() not in wanted or (since and filed and filed < since):
                continue
            out.append(FilingRef(cik10, acc, form, filed, doc))
        return out

    def download(
        self, refs: Iterable[FilingRef], *, progress: Callable[[int, int], None] | None = None
    ) -> list[Path]:
        """Download each filing's primary document (cached); return the local paths."""
        refs = list(refs)
        paths = []
        for i, ref in enumerate(refs, 1):
            paths.append(self.get(ref.fetch_url))
            if progress:
                progress(i, len(refs))
        return paths

    def by_accession(self, accession: str, *, cik: str | int | None = None) -> Path:
        """Download one complete submission by accession number ("0001193125-05-142631").

        Without ``cik`` the filer-agent prefix of the accession number is used, which is
        right when the filer filed for itself.
        """
        acc = accession.strip()
        digits = acc.replace("-", "")
        if len(digits) != 18 or not digits.isdigit():
            raise InputError(
                accession, None, "an accession number has 18 digits: 0001193125-05-142631"
            )
        acc = f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"
        ref = FilingRef(normalize_cik(str(cik or digits[:10])) or digits[:10], acc, "", None, "")
        return self.get(ref.submission_url)
