"""A throwaway PostgreSQL server for the integration tests (Debian's packages, no network).

``GOVREPLY_TEST_PG`` (a DSN) wins when set, as `.ci/run` sets it; otherwise a private cluster is
initialised in a temporary folder and started on a free port with its socket in that folder.
As root the server runs as the ``postgres`` user (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: [int(x) for x in
                        p.split("/")[4].split(".") if x.isdigit()])
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self) -> None:
        self.dsn: str | None = None
        self._dir: str | None = None
        self._ctl: list[str] = []

    def start(self) -> str:
        """Start a server; returns its DSN, or raises RuntimeError saying why it could not."""
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                               "`apt-get install postgresql` or set GOVREPLY_TEST_PG to a DSN")
        as_user: list[str] = []
        if os.geteuid() == 0:
            if not shutil.which("runuser") or subprocess.run(["id", "postgres"], capture_output=True).returncode:
                raise RuntimeError("running as root without a postgres user to run the server as")
            as_user = ["runuser", "-u", "postgres", "--"]
        self._dir = tempfile.mkdtemp(prefix="govreply-pg-")
        if as_user:
            shutil.chown(self._dir, "postgres")
        data = str(Path(self._dir) / "data")
        port = _free_port()
        run = subprocess.run(as_user + [initdb, "-D", data, "-A", "trust", "-U", "postgres", "--locale=C",
                                        "-E", "UTF8"], capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(f"initdb failed: {run.stderr.strip()[:300]}")
        self._ctl = as_user + [pg_ctl, "-D", data]
        run = subprocess.run(self._ctl + ["-o", f"-p {port} -k {self._dir} -c listen_addresses=''", "-w",
                                          "-l", str(Path(self._dir) / "log"), "start"], capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(f"pg_ctl start failed: {run.stderr.strip()[:300]}")
        self.dsn = f"postgresql://postgres@/postgres?host={self._dir}&port={port}"
        return self.dsn

    def stop(self) -> None:
        if self._ctl:
            subprocess.run(self._ctl + ["-m", "fast", "stop"], capture_output=True)
        if self._dir:
            shutil.rmtree(self._dir, ignore_errors=True)
