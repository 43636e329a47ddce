"""Throwaway PostgreSQL and Redis servers on 127.0.0.1, from Debian's `postgresql` and
`redis-server` packages, for the tests' second run and for the benchmarks.

    pg = PostgresServer().start()      # pg.url: postgresql://mimic:...@127.0.0.1:PORT/mimic
    redis = RedisServer().start()      # redis.url: redis://127.0.0.1:PORT/0
    ...
    redis.stop(); pg.stop()            # kill the server and remove its directory

Both are also context managers. Each lives in its own temporary directory (data, Unix
socket, log), listens only on loopback at a free port, and keeps nothing on disk that
matters: PostgreSQL runs without fsync, Redis without snapshots or an append-only file.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
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
    """The newest /usr/lib/postgresql/<version>/bin (Debian keeps initdb and pg_ctl there,
    off PATH), else wherever PATH finds pg_ctl."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0,
    )
    found = candidates[-1] if candidates else shutil.which("pg_ctl")
    if not found:
        raise ServerUnavailable("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    return Path(found).resolve().parent


def _as_postgres_user(argv: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; root hands them to the `postgres` system
    # user that Debian's package creates.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


class PostgresServer:
    """A fresh cluster (initdb) started with pg_ctl; `url` is a database of its own."""

    def __init__(self, *, database: str = "mimic", user: str = "mimic", timezone: str | None = None) -> None:
        self.database = database
        self.user = user
        self.password = secrets.token_hex(12)
        self.timezone = timezone
        self.port = 0
        self.dir: Path | None = None
        self._bindir: Path | None = None

    @property
    def url(self) -> str:
        return self.url_of(self.database)

    def url_of(self, database: str) -> str:
        # postgresql:// as MIMIC_DATABASE_URL takes it (the settings name the driver);
        # SQLAlchemy given it directly wants `postgresql+psycopg://`.
        return f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    @property
    def data_dir(self) -> Path:
        return self.dir / "data"

    @property
    def log_path(self) -> Path:
        return self.dir / "postgres.log"

    def _run(self, argv: list[str]) -> None:
        result = subprocess.run(_as_postgres_user(argv), capture_output=True, text=True, cwd=self.dir)
        if result.returncode != 0:
            output = result.stdout + result.stderr
            raise ServerUnavailable(f"{Path(argv[0]).name} failed ({result.returncode}):\n{output}")

    def start(self) -> PostgresServer:
        self._bindir = _postgres_bindir()
        self.dir = Path(tempfile.mkdtemp(prefix="mimic-pg-"))
        try:
            if os.geteuid() == 0:
                shutil.chown(self.dir, "postgres", "postgres")
            pwfile = self.dir / "pwfile"
            pwfile.write_text(self.password + "\n")
            if os.geteuid() == 0:
                shutil.chown(pwfile, "postgres", "postgres")
            self._run([
                str(self._bindir / "initdb"), "--pgdata", str(self.data_dir), "--username", self.user,
                "--pwfile", str(pwfile), "--auth-host=scram-sha-256", "--auth-local=trust",
                "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
            ])  # fmt: skip
            pwfile.unlink()
            self._start_on_free_port()
            self._create_database()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_on_free_port(self) -> None:
        # A port picked free can be taken before the server binds it; try a few.
        for attempt in range(3):
            self.port = free_port()
            options = [
                "-c listen_addresses=127.0.0.1", f"-c port={self.port}", f"-c unix_socket_directories={self.dir}",
                # A throwaway database: durability only costs time here.
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
                # Tests open an async pool per event loop, on top of the sync pool.
                "-c max_connections=300",
            ]  # fmt: skip
            if self.timezone:
                options.append(f"-c timezone={self.timezone}")
            try:
                self._run([
                    str(self._bindir / "pg_ctl"), "start", "--wait", f"--timeout={START_TIMEOUT_S}",
                    "--pgdata", str(self.data_dir), "--log", str(self.log_path), "-o", " ".join(options),
                ])  # fmt: skip
                return
            except ServerUnavailable:
                if attempt == 2:
                    raise ServerUnavailable(f"PostgreSQL did not start:\n{self.log_tail()}") from None

    def _create_database(self) -> None:
        self.create_database(self.database)

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

    def stop(self) -> None:
        if self.dir is None:
            return
        if (self.data_dir / "postmaster.pid").exists():
            # immediate: no checkpoint, the data is thrown away anyway.
            subprocess.run(
                _as_postgres_user([str(self._bindir / "pg_ctl"), "stop", "--wait", "-m", "immediate",
                                   "--pgdata", str(self.data_dir)]),
                capture_output=True, cwd=self.dir,
            )  # fmt: skip
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

    def start(self) -> RedisServer:
        program = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(program):
            raise ServerUnavailable("Redis is not installed (Debian: apt-get install redis-server)")
        self.dir = Path(tempfile.mkdtemp(prefix="mimic-redis-"))
        try:
            for _attempt in range(3):
                self.port = free_port()
                log = (self.dir / "redis.log").open("w")
                self.process = subprocess.Popen(
                    [program, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--daemonize", "no", "--dir", str(self.dir), "--protected-mode", "yes"],
                    stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )  # fmt: skip
                log.close()
                if self._wait_until_up():
                    return self
                self._kill()
            raise ServerUnavailable(f"Redis did not start:\n{(self.dir / 'redis.log').read_text(errors='replace')}")
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
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
