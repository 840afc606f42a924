"""Phase times of a bulk load, for measuring it: with ``OWNERGRAPH_LOAD_TRACE`` set, each
phase of the load (and of its forked helpers) writes one line to stderr: the process, the
phase, the wall seconds since the load began and the process' cpu seconds so far.

>>> mark("example")  # silent unless OWNERGRAPH_LOAD_TRACE is set
"""

from __future__ import annotations

import os
import sys
import time

_ON = bool(os.environ.get("OWNERGRAPH_LOAD_TRACE"))
_T0 = time.monotonic()


def start() -> None:
    """Count the wall seconds from now (a load begins)."""
    global _T0
    _T0 = time.monotonic()


def mark(phase: str) -> None:
    """Write ``phase`` with the wall time since :func:`start` and this process' cpu."""
    if _ON:
        print(
            f"[load-trace] pid {os.getpid()} {phase}: wall {time.monotonic() - _T0:.2f} s,"
            f" cpu {time.process_time():.2f} s",
            file=sys.stderr,
            flush=True,
        )
