"""Sessions: create, list, read with the transcript, start, cancel, stop, export.

Starting a session builds a plan (plain snapshots of the persona, objective and agent) and
hands it to the engine's runner, scheduled as an asyncio task under the concurrency cap.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import bindparam, func, update
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from app.db import session_scope
from app.engine.bus import bus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.runner import SessionRunner
from app.models.account import Workspace
from app.models.base import utcnow
from app.models.library import DEFAULT_MAX_TURNS, DEFAULT_SESSION_DURATION_S, Agent, Objective, Persona
from app.models.session import (
    TERMINAL_STATUSES,
    Event,
    EventPublic,
    FindingPublic,
    Message,
    MessagePublic,
    SessionConfig,
    SessionCreate,
    SessionDetail,
    SessionLLMConfig,
    SessionMetadata,
    SessionPublic,
    SessionState,
    SessionStopped,
    SimSession,
    VisionConfig,
)
from app.runtime import execution
from app.services import agents, browser_sessions, names, providers, units, verdicts, voice, waiting
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.services.judging_settings import judging_settings
from app.services.pagination import PageParams, Paginated, paginate
from app.services.session_store import DatabaseSessionStore
from app.settings import settings

CHAT_AGENT_TYPES = frozenset({"http", "openai", "websocket", "hosted", "whatsapp"})


def to_public(row: SimSession) -> SessionPublic:
    return SessionPublic(
        id=row.id, agent_id=row.agent_id, persona_id=row.persona_id, objective_id=row.objective_id,
        run_id=row.run_id, status=row.status, outcome=row.outcome, end_reason=row.end_reason, blame=row.blame,
        flipped_criteria=row.flipped_criteria, unstable_criteria=row.unstable_criteria, reviewed_at=row.reviewed_at,
        error=row.error,
        config=row.config, llm_config=row.llm_config, vision_config=row.vision_config,
        metadata=SessionMetadata(start_time=row.started_at, end_time=row.ended_at, message_count=row.message_count,
                                 action_count=row.action_count, duration_ms=row.duration_ms),
        total_cost=row.total_cost, total_tokens=row.total_tokens, created_at=row.created_at, updated_at=row.updated_at,
    )  # fmt: skip


def message_public(row: Message, content: str, truncated: bool = False) -> MessagePublic:
    """`content` as read (cut at the reply cap by the query); `truncated` when the stored body
    was longer, or the target's reply was cut when it was stored."""
    meta = row.meta or {}
    unheard = bool(meta.get("unrecognized"))  # voice: spoken, but no words made out (not empty)
    return MessagePublic(
        id=row.id, session_id=row.session_id, sequence=row.sequence, sender_type=row.role, content=content,
        latency_ms=row.latency_ms, prompt_tokens=row.prompt_tokens, completion_tokens=row.completion_tokens,
        cost=row.cost, model=row.model, meta=meta, timestamp=row.created_at,
        empty=not unheard and (bool(meta.get("empty")) or (row.role == "agent" and not content.strip())),
        truncated=truncated or bool(meta.get("truncated")), unrecognized=unheard,
    )  # fmt: skip


def _transcript(session: Session, session_id: str, after_sequence: int = 0) -> list[MessagePublic]:
    """The messages in order, each body at most MIMIC_MAX_REPLY_BYTES characters, cut by the
    database: a body stored larger (before the cap existed) is never loaded whole."""
    cap = settings.max_reply_bytes
    rows = session.exec(
        select(Message, func.substr(Message.content, 1, cap), func.length(Message.content))
        .options(defer(Message.content))
        .where(Message.session_id == session_id, Message.sequence > after_sequence)
        .order_by(col(Message.sequence))
    ).all()
    return [message_public(row, content or "", (length or 0) > cap) for row, content, length in rows]


resource = ScopedResource(SimSession, to_public, "session", named=names.name_sessions)


def _in_workspace(session: Session, model: type, row_id: str, principal: Principal, field: str, label: str):
    row = session.get(model, row_id)
    if row is None or row.workspace_id != principal.workspace_id:
        raise ValidationFailed(f"Unknown {label}", [FieldError(field, f"no such {label} in this workspace")])
    return row


def create_session(*, session: Session, principal: Principal, data: SessionCreate) -> SessionPublic:
    row, named = _new_session(session, principal, data)
    session.commit()
    return _named_public(row, *named)


def _create_started(
    *, session: Session, principal: Principal, data: SessionCreate, claimed: bool = False
) -> tuple[SessionPublic, tuple[SessionPlan, dict, str | None]]:
    try:
        row, named = _new_session(session, principal, data)
        # The plan's look-ups find the agent, persona and objective in the session: `named`
        # holds them (the session keeps only weak references). Not flushed before the commit:
        # the new session is one INSERT with its plan's models and its claim, not an INSERT and
        # an UPDATE.
        with session.no_autoflush:
            plan = _record_start(session, row)
        if claimed:  # running here from the start: no claim of its own to write
            for name, value in execution.claim_fields().items():
                setattr(row, name, value)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return _named_public(row, *named), (plan, dict(row.vision_config or {}), row.run_id)


def _named_public(row: SimSession, agent: Agent, persona: Persona, objective: Objective) -> SessionPublic:
    """A new session as the API shows it, named from the rows it was made of (not looked up again)."""
    public = to_public(row)
    public.agent_name, public.persona_name, public.objective_name = agent.name, persona.name, objective.name
    return public


async def create_and_start(*, principal: Principal, data: SessionCreate) -> SessionPublic:
    """`autoStart`: created and started in one transaction (in a worker thread), so a session
    that cannot start (its models or agent refuse to make a plan) is refused whole, never left
    behind pending; then handed to the scheduler on the loop with the plan made meanwhile (a
    runner in this process does not read it all again). With a slot free here, the session is
    made running, claimed by this process in the same transaction, and its runner starts at once.
    Once the thread has begun, the session it makes runs even if the caller goes away."""
    claimed = await execution.reserve_slot()
    made = asyncio.ensure_future(units.in_thread(_create_started, principal=principal, data=data, claimed=claimed))
    made.add_done_callback(lambda job: _hand_over(job, claimed))
    public, _ = await asyncio.shield(made)
    return public


def _hand_over(made: asyncio.Future, claimed: bool) -> None:
    """The made session to whatever runs it, or the reserved slot back when none was made."""
    if made.cancelled() or made.exception() is not None:
        if claimed:
            execution.release_slot()
        return
    public, loaded = made.result()
    execution.submit_loaded(public.id, loaded, claimed=claimed)


def _new_session(
    session: Session, principal: Principal, data: SessionCreate
) -> tuple[SimSession, tuple[Agent, Persona, Objective]]:
    """The new session (added, not committed), and the agent, persona and objective it names."""
    require(principal, Permission.write)
    agent = _in_workspace(session, Agent, data.agent_id, principal, "agentId", "agent")
    persona = _in_workspace(session, Persona, data.persona_id, principal, "personaId", "persona")
    objective = _in_workspace(session, Objective, data.objective_id, principal, "objectiveId", "objective")
    runnable = {browser_sessions.BROWSER_AGENT_TYPE, voice.VOICE_AGENT_TYPE}
    if agent.type not in CHAT_AGENT_TYPES and agent.type not in runnable:
        raise ValidationFailed(
            "Unsupported agent", [FieldError("agentId", f"{agent.type} agents cannot run conversation sessions")]
        )
    row = SimSession(
        workspace_id=principal.workspace_id, agent_id=data.agent_id, persona_id=data.persona_id,
        objective_id=data.objective_id, config=data.config.model_dump(by_alias=True, exclude_none=True),
        llm_config=data.llm_config.model_dump(by_alias=True, exclude_none=True),
        vision_config=data.vision_config.model_dump(by_alias=True), created_by=principal.user_id,
    )  # fmt: skip
    session.add(row)
    return row, (agent, persona, objective)


_STATE_COLUMNS = (SimSession.id, SimSession.workspace_id, SimSession.status, SimSession.outcome,
                  SimSession.end_reason, SimSession.blame, SimSession.message_count, SimSession.run_id,
                  SimSession.started_at, SimSession.ended_at, SimSession.updated_at)  # fmt: skip


# Made once and run with Core: a waiting script reads it twice a session.
_STATE_QUERY = select(*_STATE_COLUMNS).where(col(SimSession.id) == bindparam("id"))

# What a runner publishes when its session changes status (runner.py: status, error, complete).
_ENDING_EVENTS = frozenset({"status", "error", "complete"})


def session_state(*, session: Session, principal: Principal, session_id: str) -> SessionState:
    """The session without its transcript: one row of a few columns, for scripts that wait."""
    require(principal, Permission.read)
    row = session.connection().execute(_STATE_QUERY, {"id": session_id}).first()
    if row is None or row.workspace_id != principal.workspace_id:
        raise NotFound("No such session")
    return SessionState(
        id=row.id, status=row.status, outcome=row.outcome, end_reason=row.end_reason, blame=row.blame,
        message_count=row.message_count, run_id=row.run_id, started_at=row.started_at, ended_at=row.ended_at,
        updated_at=row.updated_at, ended=row.status in TERMINAL_STATUSES,
    )  # fmt: skip


async def wait_for_session(principal: Principal, session_id: str, timeout_s: float) -> SessionState:
    """The session's state once it has ended, or after `timeout_s` (at most 60 s) if it has not."""

    def read() -> SessionState:
        with session_scope() as db:
            return session_state(session=db, principal=principal, session_id=session_id)

    # Only a change of status can end the wait: a message or a progress note does not (reading the
    # state after each was most of a waiting script's cost); the recheck catches a silent end. One
    # session's end is one event: read at once.
    return await waiting.wait_until(session_id, read, lambda state: state.ended, timeout_s,
                                    types=_ENDING_EVENTS, settle_s=0)  # fmt: skip


def list_sessions(
    *,
    session: Session,
    principal: Principal,
    params: PageParams,
    status: str | None = None,
    agent_id: str | None = None,
    persona_id: str | None = None,
    run_id: str | None = None,
    outcome: str | None = None,
) -> Paginated[SessionPublic]:
    require(principal, Permission.read)
    query = select(SimSession).where(SimSession.workspace_id == principal.workspace_id)
    filters = (("status", status), ("agent_id", agent_id), ("persona_id", persona_id), ("run_id", run_id),
               ("outcome", outcome))  # fmt: skip
    for column, value in filters:
        if value:
            query = query.where(getattr(SimSession, column) == value)
    query = query.order_by(col(SimSession.created_at).desc(), col(SimSession.id))
    page = paginate(session, query, params, to_public)
    names.name_sessions(session, page.data)
    return page


def get_session(*, session: Session, principal: Principal, session_id: str) -> SessionDetail:
    require(principal, Permission.read)
    row = resource.row(session, principal, session_id)
    messages = _transcript(session, row.id)
    verdict = verdicts.session_verdict(session, row)
    findings = verdicts.current_findings(session, row.id, verdict.judgement_id if verdict else None)
    # The detail's names are strings: "" for an item deleted since.
    public = resource.public(session, row).model_dump()
    shown = {key: public.pop(key) or "" for key in ("persona_name", "objective_name", "agent_name")}
    return SessionDetail(**public, messages=messages, verdict=verdict, findings=findings, **shown)


def list_events(*, session: Session, principal: Principal, session_id: str) -> list[EventPublic]:
    require(principal, Permission.read)
    row = resource.row(session, principal, session_id)
    events = session.exec(select(Event).where(Event.session_id == row.id).order_by(col(Event.sequence))).all()
    return [EventPublic.model_validate(e) for e in events]


def list_findings(*, session: Session, principal: Principal, session_id: str) -> list[FindingPublic]:
    """The findings of the session's latest judgement, and a browser session's own."""
    return verdicts.list_findings(session=session, principal=principal, session_id=session_id)


def build_plan(session: Session, row: SimSession) -> SessionPlan:
    """Everything the engine needs, as plain snapshots taken now: later edits of the
    persona, objective or agent do not change a session that has started."""
    persona = session.get(Persona, row.persona_id)
    objective = session.get(Objective, row.objective_id) if row.objective_id else None
    agent = session.get(Agent, row.agent_id)
    if persona is None or objective is None or agent is None:
        raise Conflict("The session's persona, objective or agent no longer exists")
    # Held while the plan is made: the models' and settings' look-ups below each ask the session
    # for the workspace, and find it there instead of reading it again.
    _workspace = session.get(Workspace, row.workspace_id)
    definition, persona_config = objective.definition, persona.config
    max_turns = int(objective.config.get("maxTurns", DEFAULT_MAX_TURNS))
    limits = SessionLimits(
        max_messages=int(row.config.get("maxMessages") or max_turns * 2),
        duration_s=float(
            row.config.get("duration") or persona_config.get("sessionDuration") or DEFAULT_SESSION_DURATION_S
        ),
        message_interval_s=float(
            row.config["messageInterval"]
            if "messageInterval" in row.config
            else persona_config.get("messageInterval", 0)
        ),
        seed=row.config.get("seed"),
        slow_reply_ms=settings.slow_reply_ms,
    )
    simulator = providers.resolve(
        session, row.workspace_id, "simulator", row.llm_config.get("model"), persona.llm_config.get("model")
    )
    judge = providers.resolve(session, row.workspace_id, "judge", row.llm_config.get("judgeModel"))
    default_repeats = judging_settings(session, row.workspace_id).judge_repeats
    temperature = row.llm_config.get("temperature", persona.llm_config.get("temperature"))
    return SessionPlan(
        session_id=row.id,
        workspace_id=row.workspace_id,
        persona=PersonaSnapshot(name=persona.name, description=persona.description, prompt=persona.prompt,
                                definition=persona.definition, traits=persona.traits, language=persona.language),
        objective=ObjectiveSnapshot(name=objective.name, goal=definition.get("goal", ""),
                                    constraints=definition.get("constraints", []),
                                    success_criteria=definition.get("successCriteria", []), max_turns=max_turns,
                                    max_actions=int(objective.config.get("maxActions", 30)),
                                    keywords=definition.get("keywords", []), checks=list(objective.checks or [])),
        target=agents.target_spec(session, agent, model=row.llm_config.get("agentModel")),
        limits=limits,
        simulator=ModelChoice(simulator.model, temperature, simulator.credentials, simulator.id),
        judge=ModelChoice(judge.model, 0, judge.credentials, judge.id),
        judge_repeats=int(row.llm_config.get("judgeRepeats") or default_repeats),
        voice=voice.voice_plan(session, row.workspace_id, persona, objective, agent)
        if agent.type == voice.VOICE_AGENT_TYPE else None,
    )  # fmt: skip


async def run_plan(plan: SessionPlan, vision_config: dict | None = None, *, new: bool = False) -> None:
    """Runs a session the runtime has claimed for this process (execution.run_session); `new`:
    made a moment ago (its store numbers messages and events from 1 without reading)."""
    store = DatabaseSessionStore(plan.session_id, plan.workspace_id, claimed=True, new=new)
    if plan.target.type == browser_sessions.BROWSER_AGENT_TYPE:  # a website: the browser runner
        await browser_sessions.browser_runner(plan, store, vision_config or {}).run()
        return
    if plan.voice is not None:  # a voice agent: a call, with its own runner
        await voice.voice_runner(plan, plan.voice).run()
        return
    await SessionRunner(plan, store, bus).run()


def load_plan(session_id: str) -> tuple[SessionPlan, dict, str | None] | None:
    """What a runner needs, read afresh from the database (by whichever process runs it)."""
    with session_scope() as db:
        row = db.get(SimSession, session_id)
        if row is None:
            return None
        return build_plan(db, row), dict(row.vision_config or {}), row.run_id


def record_failure(session_id: str, message: str) -> None:
    """A session that could not be run at all ends with an error saying why."""
    now = utcnow()
    with session_scope() as db:
        db.exec(
            update(SimSession)
            .where(col(SimSession.id) == session_id, col(SimSession.status).in_(["pending", "running"]))
            .values(
                status="error",
                outcome="error",
                end_reason="internal_error",
                ended_at=now,
                updated_at=now,
                error={"source": "mimic", "kind": "not_started", "message": message[:500]},
            )  # fmt: skip
        )


def record_cancelled(session_id: str, worker_id: str) -> None:
    """A session cancelled after its worker claimed it but before its runner began."""
    now = utcnow()
    with session_scope() as db:
        db.exec(
            update(SimSession)
            .where(
                col(SimSession.id) == session_id,
                col(SimSession.status) == "running",
                col(SimSession.worker_id) == worker_id,
            )  # fmt: skip
            .values(status="cancelled", outcome="cancelled", end_reason="cancelled", ended_at=now, updated_at=now)
        )


def _start(*, session: Session, principal: Principal, session_id: str) -> SessionPublic:
    return resource.public(session, mark_started(session=session, principal=principal, session_id=session_id))


async def start_session(*, principal: Principal, session_id: str) -> SessionPublic:
    """Records the session as started (in a worker thread), then hands it to whatever runs
    sessions (app/runtime/execution.py): it waits for a slot under the concurrency cap, or
    for a queue worker."""
    public = await units.in_thread(_start, principal=principal, session_id=session_id)
    execution.submit(public.id)
    return public


def mark_started(*, session: Session, principal: Principal, session_id: str) -> SimSession:
    """Checks that the session can start and records it as started (committed), without
    handing it over yet (execution.submit does that)."""
    require(principal, Permission.write)
    row = resource.row(session, principal, session_id)
    if row.status != "pending" or row.queued_at is not None or execution.is_active_here(row.id):
        state = "already started" if row.status == "pending" else row.status
        raise Conflict(f"The session is {state}; only a pending session that was not started can start")
    _record_start(session, row)
    session.commit()
    return row


def _record_start(session: Session, row: SimSession) -> SessionPlan:
    """Records the session as started (not committed): refuses one that cannot run first.
    Returns its plan."""
    plan = build_plan(session, row)  # refuses a session that cannot run, before it is queued
    # Record the models actually used, so every view of the session can name them.
    used = {"model": plan.simulator.id, "judgeModel": plan.judge.id, "judgeRepeats": plan.judge_repeats}
    if "modelId" in plan.target.config:  # hosted agents (and hosted voice agents)
        used["agentModel"] = plan.target.config["modelId"]
    row.llm_config = {**row.llm_config, **used}
    row.queued_at = utcnow()
    return plan


def _cancellable(*, session: Session, principal: Principal, session_id: str) -> None:
    require(principal, Permission.write)
    row = resource.row(session, principal, session_id)
    if row.status in TERMINAL_STATUSES:
        raise Conflict(f"The session has already ended ({row.status})")


def _end_cancelled(*, session: Session, principal: Principal, session_id: str, cancelled_task: bool) -> None:
    row = resource.row(session, principal, session_id)
    if execution.stop(session, row, cancelled_task=cancelled_task):
        session.commit()
        if row.run_id:
            execution.settle_runs([row.run_id])


async def cancel_session(*, principal: Principal, session_id: str) -> SessionStopped:
    """Stop a pending or running session. What it said so far stays stored. Checked in a worker
    thread, its task (if this process runs it) cancelled on the loop, then ended in the database
    unless that task's runner records the end itself."""
    await units.in_thread(_cancellable, principal=principal, session_id=session_id)
    cancelled = bool(execution.cancel_here(session_id))
    await units.in_thread(_end_cancelled, principal=principal, session_id=session_id, cancelled_task=cancelled)
    return SessionStopped(id=session_id, status="cancelled", updated_at=utcnow())


def catch_up(
    *, session: Session, principal: Principal, session_id: str, after_sequence: int = 0
) -> tuple[SessionPublic, list[MessagePublic]]:
    """For a client that subscribes late: the session and the messages it has not seen."""
    require(principal, Permission.read)
    row = resource.row(session, principal, session_id)
    return resource.public(session, row), _transcript(session, row.id, after_sequence)


def _rerun_request(*, session: Session, principal: Principal, session_id: str) -> SessionCreate:
    require(principal, Permission.write)
    row = resource.row(session, principal, session_id)
    if not row.objective_id:
        raise ValidationFailed("The session cannot run again", [FieldError("objectiveId", "its objective was deleted")])
    known = set(SessionConfig.model_fields) | {f.alias for f in SessionConfig.model_fields.values() if f.alias}
    llm_known = set(SessionLLMConfig.model_fields) | {
        f.alias for f in SessionLLMConfig.model_fields.values() if f.alias
    }  # fmt: skip
    return SessionCreate(
        agent_id=row.agent_id, persona_id=row.persona_id, objective_id=row.objective_id,
        config=SessionConfig.model_validate({k: v for k, v in row.config.items() if k in known}),
        llm_config=SessionLLMConfig.model_validate({k: v for k, v in row.llm_config.items() if k in llm_known}),
        vision_config=VisionConfig.model_validate(row.vision_config or {}),
    )  # fmt: skip


async def rerun_session(*, principal: Principal, session_id: str) -> SessionPublic:
    """A new session with the same agent, persona, objective and settings (seed, limits, the
    models the first one used), started at once. The first one is left as it was."""
    data = await units.in_thread(_rerun_request, principal=principal, session_id=session_id)
    return await create_and_start(principal=principal, data=data)


# The runtime runs sessions with these (it imports no service).
execution.serve(
    execution.SessionWork(
        load_plan=load_plan, run_plan=run_plan, record_failure=record_failure, record_cancelled=record_cancelled
    )
)
