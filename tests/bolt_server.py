"""A real Bolt server for the tests: ArcadeDB from the ``arcadedb-embedded`` wheel.

The wheel bundles a JRE (``arcadedb_embedded/jre``) and ArcadeDB's jars, including the Bolt
protocol plugin (``arcadedb-bolt-*-shaded.jar``). :class:`BoltServer` starts
``com.arcadedb.server.ArcadeDBServer`` as a subprocess of that java, bound to 127.0.0.1 on
free ports, with a generated root password, a temporary root path and a database created at
start-up, waits (bounded) until Bolt answers, and kills it afterwards.

The system properties were read from the engine's ``GlobalConfiguration``: ``arcadedb.bolt.port``
(default 7687) and ``arcadedb.bolt.host`` (default 0.0.0.0), ``arcadedb.server.plugins``
(``Bolt:com.arcadedb.bolt.BoltProtocolPlugin``), ``arcadedb.server.defaultDatabases``
(``name[user]``), ``arcadedb.server.rootPath`` / ``rootPassword``, and the HTTP(S) listeners
``arcadedb.server.httpIncomingHost`` / ``httpIncomingPort`` / ``httpsIncomingPort``.

When ``OWNERGRAPH_TEST_NEO4J_URI`` is set (with ``_USER``, ``_PASSWORD``, ``_DATABASE``), the
tests use that server instead (a real Neo4j 5, say) and this module starts nothing.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

DATABASE = "ownergraph"
#: Jars of features the tests do not use; the MCP plugin is auto-discovered from its jar.
UNUSED_JARS = ("arcadedb-mcp-", "arcadedb-graphql-", "arcadedb-postgresw-", "arcadedb-redisw-")
#: PBKDF2 rounds for the generated root password of a throw-away loopback server.
SALT_ITERATIONS = 1000
ROOT_USER = "root"


@dataclass(frozen=True)
class BoltTarget:
    """Where a Bolt server answers: URI, credentials and database."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None
    external: bool = False


def external_target(environ: dict[str, str] | None = None) -> BoltTarget | None:
    """The server named by ``OWNERGRAPH_TEST_NEO4J_*``, or ``None``.

    >>> external_target({}) is None
    True
    >>> external_target({"OWNERGRAPH_TEST_NEO4J_URI": "bolt://h:7687"}).user
    'neo4j'
    """
    env = os.environ if environ is None else environ
    uri = env.get("OWNERGRAPH_TEST_NEO4J_URI")
    if not uri:
        return None
    return BoltTarget(
        uri=uri,
        user=env.get("OWNERGRAPH_TEST_NEO4J_USER", "neo4j"),
        password=env.get("OWNERGRAPH_TEST_NEO4J_PASSWORD", ""),
        database=env.get("OWNERGRAPH_TEST_NEO4J_DATABASE") or None,
        external=True,
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wheel_dir() -> Path:
    """The installed ``arcadedb_embedded`` package directory (jars and jre inside)."""
    import importlib.util

    spec = importlib.util.find_spec("arcadedb_embedded")
    if spec is None or not spec.origin:
        raise RuntimeError("arcadedb-embedded is not installed (pip install -e '.[test]')")
    return Path(spec.origin).parent


class BoltServer:
    """An ArcadeDB server subprocess speaking Bolt on 127.0.0.1.

    ``root`` holds the databases; starting a second server on the same ``root`` after a
    kill reopens the same database (ArcadeDB replays its WAL).
    """

    def __init__(self, root: Path, *, password: str | None = None, heap: str = "512m") -> None:
        self.root = Path(root)
        self.password = password or secrets.token_urlsafe(18)
        self.heap = heap
        #: Start-up and footprint: one GC thread on a 2-core box shared with the tests.
        self.jvm_flags: tuple[str, ...] = ("-XX:+UseSerialGC",)
        self.proc: subprocess.Popen[bytes] | None = None
        self.bolt_port = 0
        self.log_path = self.root / "server.log"
        self.password_file = self.root / "root-password"

    @property
    def target(self) -> BoltTarget:
        """URI, credentials and database of the running server."""
        return BoltTarget(
            uri=f"bolt://127.0.0.1:{self.bolt_port}",
            user=ROOT_USER,
            password=self.password,
            database=DATABASE,
        )

    def command(self) -> list[str]:
        """The java command line; the root password is read from a 0600 file, not argv."""
        wd = wheel_dir()
        java = wd / "jre" / "bin" / "java"
        classpath = os.pathsep.join(
            str(p)
            for p in sorted((wd / "jars").glob("*.jar"))
            if not p.name.startswith(UNUSED_JARS)
        )
        return [
            str(java),
            f"-Xmx{self.heap}",
            "--add-modules=jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "-Dfile.encoding=UTF8",
            "-Djava.awt.headless=true",
            "-Dpolyglot.engine.WarnInterpreterOnly=false",
            *self.jvm_flags,
            "-Darcadedb.polyglotEngineEnabled=false",
            f"-Darcadedb.server.saltIterations={SALT_ITERATIONS}",
            f"-Darcadedb.server.rootPath={self.root}",
            f"-Darcadedb.server.rootPasswordPath={self.password_file}",
            "-Darcadedb.server.mode=development",
            "-Darcadedb.server.httpIncomingHost=127.0.0.1",
            f"-Darcadedb.server.httpIncomingPort={free_port()}",
            f"-Darcadedb.server.httpsIncomingPort={free_port()}",
            "-Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            f"-Darcadedb.server.defaultDatabases={DATABASE}[{ROOT_USER}]",
            "-Darcadedb.bolt.host=127.0.0.1",
            f"-Darcadedb.bolt.port={self.bolt_port}",
            f"-Darcadedb.bolt.defaultDatabase={DATABASE}",
            "-cp",
            classpath,
            "com.arcadedb.server.ArcadeDBServer",
        ]

    def start(self, *, timeout: float = 60.0) -> BoltTarget:
        """Start the server and wait until Bolt answers a query (at most ``timeout`` s)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(self.password)
        self.bolt_port = free_port()
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.root,
                start_new_session=True,
            )
        self._wait(timeout)
        return self.target

    def _wait(self, timeout: float) -> None:
        import neo4j

        deadline = time.monotonic() + timeout
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise RuntimeError(f"ArcadeDB exited early; see {self.log_path}:\n{self._tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=1):
                    pass
                with neo4j.GraphDatabase.driver(
                    self.target.uri,
                    auth=(ROOT_USER, self.password),
                    connection_timeout=2,
                ) as drv:
                    with drv.session(database=DATABASE) as session:
                        session.run("RETURN 1 AS ok").consume()
                return
            except Exception as exc:  # noqa: BLE001 - retry until the deadline
                last = exc
                time.sleep(0.25)
        self.kill()
        raise RuntimeError(f"Bolt did not answer within {timeout}s: {last}\n{self._tail()}")

    def _tail(self, n: int = 30) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return ""
        return "\n".join(line for line in lines[-n:] if self.password not in line)

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
        self.proc = None

    def stop(self, *, timeout: float = 20.0) -> None:
        """Stop the server gracefully (SIGTERM), killing it if it does not exit in time."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None
