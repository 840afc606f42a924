"""Writing an output file safely: a temporary file renamed, no overwrite unless asked, no
symlink followed.

:func:`write_atomic` writes the bytes to a temporary file in the target's folder (created
with ``O_EXCL`` and mode 0600 before the final permissions), fsyncs it and renames it over
the target, so an interrupted export never leaves a truncated file and a reader sees the
old file or the new one. An existing target is replaced only with ``force``; a target that
is a symbolic link is refused either way (the link is never followed, so an export cannot
be tricked into overwriting the file it points to).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_atomic(d / "out.json", b"{}")
2
>>> write_atomic(d / "out.json", b"[]")
Traceback (most recent call last):
...
ownergraph.graph.errors.OutputError: ...out.json: exists; give --force to replace it
>>> write_atomic(d / "out.json", b"[1]", force=True), (d / "out.json").read_bytes()
(3, b'[1]')
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from ownergraph.graph.errors import OutputError

__all__ = ["OutputError", "write_atomic"]


def write_atomic(path: str | Path, data: bytes, *, force: bool = False) -> int:
    """Write ``data`` to ``path`` through a temporary file and a rename; return the size.

    Raises :class:`OutputError` when ``path`` is a symbolic link, a folder or an existing
    file (without ``force``), or when writing fails.
    """
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(str(path), "is a symbolic link; not followed, not replaced")
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(str(path), "is a folder")
        if not force:
            raise OutputError(str(path), "exists; give --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)  # replaces a link itself, never its target
    except BaseException as exc:  # interrupted or failed: no partial file left behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(str(path), exc.strerror or str(exc)) from None
        raise
    return len(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
