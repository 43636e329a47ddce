"""EmbeddedBackend: Mimic's services and engine in this process, on a database of its own.

The database is a SQLite file in a temporary folder, migrated by alembic as `make run` would,
holding one user and one workspace. Sessions run as asyncio tasks on an event loop in a
thread of this process (the same scheduler the backend uses, with its concurrency cap); the
calls here are the services the REST API calls, so a run here and a run on a server are one
program. Nothing listens on a port: the agents under test are called out to, as from a server.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from mimic_sdk.testing import ConfigurationError
from sqlmodel import Session, col, select

from app import llm
from app.db import get_engine
from app.models.account import Membership, Role, User, Workspace
from app.models.library import Agent, Objective, Persona
from app.models.session import TERMINAL_STATUSES, SessionCreate, SimSession
from app.models.suite import RunOverrides, Suite
from app.outbound import OutboundPolicy
from app.runtime import execution
from app.services import mimic_file, mimic_sync, run_reports, runs, sessions
from app.services.access import Principal
from app.services.errors import FieldError, ServiceError
from app.settings import PROJECT_ROOT, settings

Json = Any
_SETTINGS_IT_SETS = ("database_url", "data_dir", "redis_url", "session_execution", "outbound_allow")


class EmbeddedError(ConfigurationError):
    """A definition the services refused (a bad file, an unknown name): a configuration error."""

    def __init__(self, message: str, details: list[FieldError] | None = None) -> None:
        self.details = details or []
        lines = [f"{d.field}: {d.message}" for d in self.details]
        super().__init__("\n".join([message, *lines]))


async def _cancel_the_rest() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _calling(fn):
    """Service errors leave as EmbeddedError, with the fields they name."""

    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ServiceError as exc:
            raise EmbeddedError(exc.message, exc.details) from None

    wrapped.__name__ = fn.__name__
    wrapped.__doc__ = fn.__doc__
    return wrapped


class EmbeddedBackend:
    def __init__(self, *, max_concurrency: int | None = None, cache_dir: Path | str | None = None,
                 outbound_allow: str | None = None, keep: bool = False) -> None:  # fmt: skip
        self.workdir = Path(tempfile.mkdtemp(prefix="mimic-test-"))
        self.keep = keep
        self.url = f"sqlite:///{self.workdir / 'mimic.db'}"
        # What this backend changes in the process, put back by close(): the pytest plugin runs
        # it inside the user's own test process.
        self._saved_settings = {name: getattr(settings, name) for name in _SETTINGS_IT_SETS}
        self._saved_cap = execution.scheduler.cap
        self.cache = None
        try:
            # This process is the whole of Mimic: its settings point at the throwaway database.
            settings.database_url = self.url
            get_engine.cache_clear()  # the default engine is made afresh for this database
            settings.data_dir = self.workdir / "data"
            settings.redis_url = ""
            settings.session_execution = "inprocess"
            if outbound_allow is not None:
                OutboundPolicy.parse(outbound_allow)  # a ValueError names the entries it cannot read
                settings.outbound_allow = outbound_allow
            elif not settings.outbound_allow:
                settings.outbound_allow = "loopback"  # agents under test in CI usually run beside it
            if max_concurrency:
                execution.scheduler.cap = max_concurrency
            self.cache = llm.use_cache(cache_dir) if cache_dir else None
            self._migrate()
            self.principal = self._workspace()
            self.loop = asyncio.new_event_loop()
            self.thread = threading.Thread(target=self.loop.run_forever, name="mimic-engine", daemon=True)
            self.thread.start()
        except BaseException:
            self._put_back()
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise

    def _put_back(self) -> None:
        if self.cache is not None:
            llm.use_cache(None)
        for name, value in self._saved_settings.items():
            setattr(settings, name, value)
        get_engine.cache_clear()  # get_engine() without a URL reads settings.database_url again
        execution.scheduler.cap = self._saved_cap

    def _migrate(self) -> None:
        cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
        cfg.set_main_option("sqlalchemy.url", self.url)
        cfg.attributes["configure_logger"] = False
        command.upgrade(cfg, "head")

    def _workspace(self) -> Principal:
        with Session(get_engine(self.url), expire_on_commit=False) as db:
            # A bare workspace: no starter library, only what the tests define.
            user = User(email="mimic-test@localhost.invalid", name="mimic test", password_hash="!", is_active=False)
            workspace = Workspace(name="mimic test", slug="mimic-test")
            db.add_all([user, workspace])
            db.flush()
            db.add(Membership(workspace_id=workspace.id, user_id=user.id, role=Role.owner))
            db.commit()
            return Principal(user_id=user.id, email=user.email, workspace_id=workspace.id, role=Role.owner)

    def _on_the_loop(self, action: Any) -> Any:
        """Awaits a service's async entry point (it starts or stops sessions) on the engine's loop."""
        return asyncio.run_coroutine_threadsafe(action, self.loop).result()

    def _db(self) -> Session:
        return Session(get_engine(self.url), expire_on_commit=False)

    # ---- the Backend protocol (mimic_sdk.testing) ---------------------------------------------

    @_calling
    def push(self, document: dict[str, Any], env: Mapping[str, str]) -> Json:
        parsed = mimic_file.validate(document)
        with self._db() as db:
            summary = mimic_sync.push(session=db, principal=self.principal, document=parsed, env=dict(env))
        return summary.model_dump(by_alias=True, mode="json")

    def _id(self, db: Session, model: Any, kind: str, name: str) -> str:
        rows = db.exec(select(model.id).where(model.workspace_id == self.principal.workspace_id,
                                              model.name == name)).all()  # fmt: skip
        if len(rows) != 1:
            raise ServiceError(f"no {kind} named {name!r}" if not rows else f"several {kind}s are named {name!r}")
        return rows[0]

    @_calling
    def run_conversation(self, *, agent: str, persona: str, objective: str, config: dict[str, Any],
                         llm_config: dict[str, Any], timeout: float = 3600) -> Json:  # fmt: skip
        with self._db() as db:
            data = SessionCreate(
                agent_id=self._id(db, Agent, "agent", agent), persona_id=self._id(db, Persona, "persona", persona),
                objective_id=self._id(db, Objective, "objective", objective), config=config, llm_config=llm_config,
            )  # fmt: skip
        created = self._on_the_loop(sessions.create_and_start(principal=self.principal, data=data))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._db() as db:
                status = db.exec(select(SimSession.status).where(col(SimSession.id) == created.id)).one()
                if status in TERMINAL_STATUSES:
                    detail = sessions.get_session(session=db, principal=self.principal, session_id=created.id)
                    return detail.model_dump(by_alias=True, mode="json")
            time.sleep(0.05)
        raise TimeoutError(f"session {created.id} did not end within {timeout:g} s")

    @_calling
    def start_suite(self, name: str, overrides: dict[str, Any]) -> Json:
        with self._db() as db:
            suite_id = self._id(db, Suite, "suite", name)
            values = dict(overrides)
            if values.get("personas") is not None:
                values["personaIds"] = [self._id(db, Persona, "persona", n) for n in values.pop("personas")]
            if values.get("objectives") is not None:
                values["objectiveIds"] = [self._id(db, Objective, "objective", n) for n in values.pop("objectives")]
            values.pop("personas", None)
            values.pop("objectives", None)
        overrides_ = RunOverrides.model_validate(values) if values else None
        detail = self._on_the_loop(runs.start_run(principal=self.principal, suite_id=suite_id, overrides=overrides_))
        return detail.model_dump(by_alias=True, mode="json")

    @_calling
    def get_run(self, run_id: str) -> Json:
        with self._db() as db:
            detail = runs.get_run(session=db, principal=self.principal, run_id=run_id)
            return detail.model_dump(by_alias=True, mode="json")

    @_calling
    def run_report(self, run_id: str) -> Json:
        with self._db() as db:
            report = run_reports.run_report(session=db, principal=self.principal, run_id=run_id)
            return report.model_dump(by_alias=True, mode="json")

    def cancel_run(self, run_id: str) -> None:
        self._on_the_loop(runs.cancel_run(principal=self.principal, run_id=run_id))

    def close(self) -> None:
        """Stops the engine, drops the database (unless `keep`) and leaves the process's
        settings, scheduler and event loop as they were before."""
        if self.loop.is_running():
            # Tasks still pending (litellm's logging worker) end here, not as "destroyed" at exit.
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(_cancel_the_rest(), self.loop).result(timeout=10)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
        if not self.loop.is_running():
            self.loop.close()
        get_engine(self.url).dispose()
        self._put_back()
        if not self.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)
