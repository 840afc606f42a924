"""Settings from the environment, read once (``OWNERGRAPH_*``).

Credentials never appear in ``repr`` or logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_STORE = Path.home() / ".ownergraph" / "ownergraph.db"


@dataclass(frozen=True)
class Settings:
    """Frozen settings. Build with :meth:`from_env`, override with :meth:`with_`."""

    store: Path = DEFAULT_STORE
    neo4j_uri: str | None = None
    neo4j_user: str | None = None
    neo4j_password: str | None = field(default=None, repr=False)
    neo4j_database: str | None = None
    #: A read-only database user for the Cypher console and ``ownergraph cypher`` without
    #: --write (docs/neo4j.md: the recommended setup); the user above then only syncs.
    neo4j_read_user: str | None = None
    neo4j_read_password: str | None = field(default=None, repr=False)
    edgar_user_agent: str | None = None
    edgar_cache: Path = Path.home() / ".ownergraph" / "edgar-cache"
    upload_max_bytes: int = 20 * 1024 * 1024
    upload_max_files: int = 20
    cypher_timeout_s: float = 30.0
    #: Processes a tabular bulk load may use (``OWNERGRAPH_LOAD_PROCESSES``): 2 reads
    #: edges.csv and resolves entities in forked helpers beside the load (faster on two
    #: cores, more memory: at 1M parties about 4.7 GB across the processes against 2 GB);
    #: 1 keeps the whole load in one process.
    load_processes: int = 2

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Read ``OWNERGRAPH_*`` variables.

        >>> Settings.from_env({"OWNERGRAPH_STORE": "/tmp/x.db"}).store
        PosixPath('/tmp/x.db')
        >>> "secret" in repr(Settings.from_env({"OWNERGRAPH_NEO4J_PASSWORD": "secret"}))
        False
        """
        env = os.environ if environ is None else environ
        s = cls()
        if env.get("OWNERGRAPH_STORE"):
            s = replace(s, store=Path(env["OWNERGRAPH_STORE"]).expanduser())
        if env.get("OWNERGRAPH_EDGAR_CACHE"):
            s = replace(s, edgar_cache=Path(env["OWNERGRAPH_EDGAR_CACHE"]).expanduser())
        return replace(
            s,
            neo4j_uri=env.get("OWNERGRAPH_NEO4J_URI") or None,
            neo4j_user=env.get("OWNERGRAPH_NEO4J_USER") or None,
            neo4j_password=env.get("OWNERGRAPH_NEO4J_PASSWORD") or None,
            neo4j_database=env.get("OWNERGRAPH_NEO4J_DATABASE") or None,
            neo4j_read_user=env.get("OWNERGRAPH_NEO4J_READ_USER") or None,
            neo4j_read_password=env.get("OWNERGRAPH_NEO4J_READ_PASSWORD") or None,
            edgar_user_agent=env.get("OWNERGRAPH_EDGAR_USER_AGENT") or None,
            upload_max_bytes=int(env.get("OWNERGRAPH_UPLOAD_MAX_BYTES", s.upload_max_bytes)),
            upload_max_files=int(env.get("OWNERGRAPH_UPLOAD_MAX_FILES", s.upload_max_files)),
            cypher_timeout_s=float(env.get("OWNERGRAPH_CYPHER_TIMEOUT", s.cypher_timeout_s)),
            load_processes=max(1, int(env.get("OWNERGRAPH_LOAD_PROCESSES", s.load_processes))),
        )

    def with_(self, **changes: object) -> Settings:
        """Return a copy with some fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
