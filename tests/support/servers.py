"""Throwaway PostgreSQL and Redis servers on 127.0.0.1, from Debian's `postgresql` and
`redis-server` packages, for the tests' second run and for the benchmarks.

    pg = PostgresServer().start()      # pg.url: postgresql://mimic:…@127.0.0.1:PORT/mimic
    redis = RedisServer().start()      # redis.url: redis://127.0.0.1:PORT/0
    ...
    redis.stop(); pg.stop()            # stop the server and remove its directory

Both are also context managers. Each lives in its own temporary directory (data, Unix
socket, log), listens only on loopback at a free port, and keeps nothing that matters:
PostgreSQL runs without fsync, Redis without snapshots or an append-only file.

Each server is a child process that gets a signal when the thread that started it dies
(`setpriv --pdeathsig`), so a test run killed outright leaves no server behind (only its
directory under /tmp). Start them from the main thread, or from a thread that outlives them.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.loopback import free_port

START_TIMEOUT_S = 60


class ServerUnavailable(RuntimeError):
    """The server's program is missing or it did not start."""


def _postgres_bindir() -> Path:
    """The newest /usr/lib/postgresql/<version>/bin (Debian keeps initdb and postgres there,
    off PATH), else wherever PATH finds initdb."""
    versions = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    versions.sort(key=lambda bindir: int(bindir.parent.name) if bindir.parent.name.isdigit() else 0)
    if versions:
        return versions[-1]
    found = shutil.which("initdb")
    if not found:
        raise ServerUnavailable("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return Path(found).resolve().parent


def _child(argv: list[str], *, as_postgres: bool = False, death_signal: str = "TERM") -> list[str]:
    """argv run so that it dies with its parent; as root, `as_postgres` runs it as the
    `postgres` system user of Debian's package (initdb and postgres refuse root)."""
    become = []
    if as_postgres and os.geteuid() == 0:
        become = ["--reuid=postgres", "--regid=postgres", "--init-groups"]
    return ["setpriv", *become, f"--pdeathsig={death_signal}", "--", *argv]


def _chown_to_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


class PostgresServer:
    """A fresh cluster (initdb) served by `postgres` as a child process; `url` names a
    database of its own, owned by a superuser with a password."""

    def __init__(self, *, database: str = "mimic", user: str = "mimic", timezone: str | None = None) -> None:
        self.database = database
        self.user = user
        self.password = secrets.token_hex(12)
        self.timezone = timezone  # the server's zone; None keeps the machine's
        self.port = 0
        self.dir: Path | None = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return self.url_of(self.database)

    def url_of(self, database: str) -> str:
        # postgresql:// as MIMIC_DATABASE_URL takes it (the settings name the driver);
        # SQLAlchemy given it directly wants `postgresql+psycopg://`.
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    @property
    def log_path(self) -> Path:
        return self.dir / "postgres.log"

    def start(self) -> PostgresServer:
        bindir = _postgres_bindir()
        self.dir = Path(tempfile.mkdtemp(prefix="mimic-pg-"))
        try:
            _chown_to_postgres(self.dir)
            pwfile = self.dir / "pwfile"
            pwfile.write_text(self.password + "\n")
            _chown_to_postgres(pwfile)
            initdb = subprocess.run(
                _child([str(bindir / "initdb"), "--pgdata", str(self.dir / "data"), "--username", self.user,
                        "--pwfile", str(pwfile), "--auth-host=scram-sha-256", "--auth-local=trust",
                        "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], as_postgres=True),
                capture_output=True, text=True, cwd=self.dir,
            )  # fmt: skip
            pwfile.unlink()
            if initdb.returncode != 0:
                raise ServerUnavailable(f"initdb failed ({initdb.returncode}):\n{initdb.stdout}{initdb.stderr}")
            # A port picked free can be taken before the server binds it: try a few.
            for _attempt in range(3):
                if self._serve(bindir):
                    break
            else:
                raise ServerUnavailable(f"PostgreSQL did not start:\n{self.log_tail()}")
            self.create_database(self.database)
        except BaseException:
            self.stop()
            raise
        return self

    def _serve(self, bindir: Path) -> bool:
        self.port = free_port()
        options = {
            "listen_addresses": "127.0.0.1", "port": str(self.port), "unix_socket_directories": str(self.dir),
            # A throwaway database: durability only costs time here.
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            # The app keeps a sync pool and an async pool per event loop; tests make many loops.
            "max_connections": "300",
        }  # fmt: skip
        if self.timezone:
            options["timezone"] = self.timezone
        argv = [str(bindir / "postgres"), "-D", str(self.dir / "data")]
        for name, value in options.items():
            argv += ["-c", f"{name}={value}"]
        with self.log_path.open("a") as log:
            # QUIT is PostgreSQL's immediate shutdown.
            self.process = subprocess.Popen(
                _child(argv, as_postgres=True, death_signal="QUIT"),
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.dir,
            )  # fmt: skip
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            if _port_answers(self.port) and self._accepts_connections():
                return True
            time.sleep(0.05)
        self._kill()
        return False

    def _accepts_connections(self) -> bool:
        import psycopg

        try:
            psycopg.connect(self.url_of("postgres"), connect_timeout=2).close()
            return True
        except psycopg.OperationalError:  # still starting up
            return False

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url_of("postgres"), autocommit=True) as connection:
            connection.execute(statement)

    def create_database(self, name: str) -> str:
        """Another empty database on this server (a fresh one for a migration test); its URL."""
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url_of(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def log_tail(self, lines: int = 40) -> str:
        if self.dir is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # immediate: the data is thrown away anyway
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        self._kill()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class RedisServer:
    """redis-server as a child process, without persistence."""

    def __init__(self) -> None:
        self.port = 0
        self.dir: Path | None = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def log_path(self) -> Path:
        return self.dir / "redis.log"

    def start(self) -> RedisServer:
        program = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(program):
            raise ServerUnavailable("Redis is not installed (Debian: apt-get install redis-server)")
        self.dir = Path(tempfile.mkdtemp(prefix="mimic-redis-"))
        try:
            for _attempt in range(3):  # a port picked free can be taken before redis binds it
                self.port = free_port()
                argv = [program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                        "--daemonize", "no", "--dir", str(self.dir)]  # fmt: skip
                with self.log_path.open("a") as log:
                    self.process = subprocess.Popen(
                        _child(argv), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
                    )
                if self._wait_until_up():
                    return self
                self._kill()
            raise ServerUnavailable(f"Redis did not start:\n{self.log_path.read_text(errors='replace')}")
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(64).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def _kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        self._kill()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
