"""/agents (a table with a type filter and a connection test per row) and the agent
editor at /agents/new and /agents/<id>, whose config fields follow the agent's type."""

from __future__ import annotations

from typing import Any, ClassVar, TypedDict

import reflex as rx
from pydantic import ValidationError

from app.models.library import AgentCreate, AgentTestDraft, AgentTestResult, AgentType
from app.services import agents
from app.services.access import Principal
from app.services.errors import FieldError, ServiceError, ValidationFailed
from app.services.pagination import PageParams, Paginated
from app.settings import settings
from app.ui.components.agent_config_form import (
    CONFIG_FIELDS,
    config_defaults,
    config_input,
    config_payload,
    config_problems,
    config_values,
)
from app.ui.components.layout import page_header, shell
from app.ui.components.library import (
    FIX_BELOW,
    LibraryEditorState,
    LibraryListState,
    editor_body,
    editor_form,
    empty_state,
    form_section,
    input_field,
    item_actions,
    list_error,
    new_button,
    pagination_bar,
    search_box,
    select_field,
    textarea_field,
    wide,
)
from app.ui.shell_script import UNSAVED_GUARD
from app.ui.state.auth import AuthState
from app.ui.state.errors import field_errors

ROUTE = "/agents"
TYPE_LABELS: dict[str, str] = {
    "http": "HTTP webhook",
    "openai": "OpenAI-compatible",
    "websocket": "WebSocket",
    "hosted": "Hosted by Mimic",
    "browser": "Website (browser)",
    "whatsapp": "WhatsApp bot",
    "voice": "Voice agent",
}
ALL_TYPES = "all"


def _type_color(agent_type: rx.Var) -> rx.Var:
    return rx.match(
        agent_type,
        ("http", "blue"),
        ("openai", "green"),
        ("websocket", "cyan"),
        ("hosted", "violet"),
        ("browser", "orange"),
        ("whatsapp", "grass"),
        ("voice", "crimson"),
        "gray",
    )


# ---- connection test -------------------------------------------------------------------


class ProbeOutcome(TypedDict):
    ok: bool
    summary: str
    reply: str


async def _connection_test(
    *, principal: Principal, agent_id: str = "", draft: AgentTestDraft | None = None
) -> AgentTestResult:
    """The agent service's connection test (a saved agent, or settings not saved yet): it reads
    the agent in a worker thread and awaits the agent's answer with no database session open."""
    if draft is not None:
        return await agents.test_agent_draft(principal=principal, data=draft)
    return await agents.test_agent(principal=principal, agent_id=agent_id)


async def probe_agent(state: AuthState, *, agent_id: str = "", draft: AgentTestDraft | None = None) -> ProbeOutcome:
    """The one connection test of the list and the editor, for the signed-in caller; never raises.
    Await it outside `async with self`: the state stays unlocked while the agent answers."""
    try:
        result = await state._call(_connection_test, agent_id=agent_id, draft=draft)
    except ServiceError as exc:
        return ProbeOutcome(ok=False, summary=str(exc), reply="")
    except Exception as exc:  # an adapter's bug must not take the page down
        return ProbeOutcome(ok=False, summary=f"The test failed: {exc}", reply="")
    if result.reachable:
        parts = ["Reachable"]
        if result.latency_ms is not None:
            parts.append(f"{result.latency_ms} ms")
        if result.status_code is not None:
            parts.append(f"HTTP {result.status_code}")
        return ProbeOutcome(ok=True, summary=" · ".join(parts), reply=(result.reply or "")[:1000])
    return ProbeOutcome(ok=False, summary=f"Not reachable: {result.error or 'no answer'}", reply="")


# The editor form's values as its submit would send them (the Test button sits outside it).
_FORM_VALUES = (
    f"(() => {{ const form = document.querySelector('form[{UNSAVED_GUARD}]'); "
    "return form ? Object.fromEntries(new FormData(form)) : {}; })()"
)


# ---- the list page state ---------------------------------------------------------------


class AgentRow(TypedDict):
    id: str
    name: str
    description: str
    type: str
    type_label: str
    status: str
    target: str


def _target(agent_type: str, config: dict[str, Any]) -> str:
    if agent_type in ("http", "websocket"):
        return str(config.get("url", ""))
    if agent_type == "openai":
        return f"{config.get('baseUrl', '')} · {config.get('model', '')}"
    if agent_type == "hosted":
        return str(config.get("model", ""))
    if agent_type == "browser":
        return str(config.get("targetUrl", ""))
    if agent_type == "whatsapp":
        return str(config.get("webhookUrl", ""))
    if agent_type == "voice":
        transport = config.get("transport", "")
        return f"{transport} · {config.get('url') or config.get('model') or ''}"
    return ""


def _row(agent: dict[str, Any]) -> AgentRow:
    return AgentRow(
        id=agent["id"],
        name=agent["name"],
        description=agent.get("description", ""),
        type=agent["type"],
        type_label=TYPE_LABELS.get(agent["type"], agent["type"]),
        status=agent.get("status", ""),
        target=_target(agent["type"], agent.get("config") or {}),
    )


class AgentsState(LibraryListState, AuthState):
    agents: list[AgentRow] = []
    type_filter: str = ALL_TYPES
    # Connection tests by agent id: running, and the last outcome.
    testing: list[str] = []
    test_summaries: dict[str, str] = {}
    test_ok: dict[str, bool] = {}

    NOUN: ClassVar[str] = "agent"

    async def _fetch(self, params: PageParams) -> Paginated:
        agent_type = AgentType(self.type_filter) if self.type_filter in TYPE_LABELS else None
        return await self._call(agents.list_agents, params=params, q=self.q.strip() or None, type=agent_type)

    def _show(self, items: list[dict[str, Any]]) -> None:
        self.agents = [_row(item) for item in items]

    async def _duplicate(self, item_id: str) -> str:
        return (await self._call(agents.duplicate_agent, agent_id=item_id)).name

    async def _delete(self, item_id: str) -> None:
        await self._call(agents.delete_agent, agent_id=item_id)

    @rx.event
    async def set_type_filter(self, agent_type: str):
        self.type_filter, self.page = agent_type, 1
        return await self._reload()

    @rx.event(background=True)
    async def test_connection(self, agent_id: str):
        async with self:
            if agent_id in self.testing:
                return
            self.testing = [*self.testing, agent_id]
        outcome = await probe_agent(self, agent_id=agent_id)
        async with self:
            self.testing = [i for i in self.testing if i != agent_id]
            self.test_summaries = {**self.test_summaries, agent_id: outcome["summary"]}
            self.test_ok = {**self.test_ok, agent_id: outcome["ok"]}
        yield rx.toast.success(outcome["summary"]) if outcome["ok"] else rx.toast.error(outcome["summary"])


# ---- the editor state ------------------------------------------------------------------


class AgentEditorState(LibraryEditorState, AuthState):
    agent_type: str = "http"
    stored_type: str = ""
    whatsapp_endpoint: str = ""
    testing: bool = False
    tested: bool = False
    test_ok: bool = False
    test_summary: str = ""
    test_reply: str = ""
    # The saved agent's config inputs, to put back when its type is picked again.
    _stored_config: dict[str, str] = {}

    LIST_ROUTE: ClassVar[str] = ROUTE
    PATTERN_MESSAGES: ClassVar[dict[str, str]] = {
        "config.phoneNumber": "must be an E.164 number: + and the country code, e.g. +15550100000"
    }

    def _field_names(self) -> list[str]:
        return ["name", "description", "type", "status", *(spec.name for spec in CONFIG_FIELDS[self.agent_type])]

    def _reset_test(self) -> None:
        self.testing = self.tested = self.test_ok = False
        self.test_summary = self.test_reply = ""

    def _endpoint(self) -> str:
        return f"{settings.public_url.rstrip('/')}/api/whatsapp/{self.editing_id or '<agentId>'}/messages"

    async def _blank(self) -> dict[str, str]:
        self._reset_test()
        self.agent_type, self.stored_type, self._stored_config = "http", "", {}
        self.whatsapp_endpoint = self._endpoint()
        return {"name": "", "description": "", "status": "active", **config_values("http", config_defaults("http"))}

    async def _fetch_values(self, item_id: str) -> dict[str, str]:
        self._reset_test()
        agent = await self._call(agents.get_agent, agent_id=item_id)
        self.agent_type = self.stored_type = agent.type.value
        self._stored_config = config_values(agent.type.value, agent.config)
        self.whatsapp_endpoint = self._endpoint()
        return {"name": agent.name, "description": agent.description, "status": agent.status, **self._stored_config}

    def _build(self, form: dict[str, Any]) -> AgentCreate:
        config, problems = config_payload(self.agent_type, form)
        payload = {
            "name": form.get("name", ""),
            "description": str(form.get("description", "")).strip(),
            "type": self.agent_type,
            "config": config,
            "status": form.get("status") or "active",
        }
        try:
            data = AgentCreate.model_validate(payload)
        except ValidationError as exc:
            details = {**config_problems(self.agent_type, config), **field_errors(exc)[1], **problems}
            raise ValidationFailed(FIX_BELOW, [FieldError(k, v) for k, v in details.items()]) from exc
        if problems:
            raise ValidationFailed(FIX_BELOW, [FieldError(k, v) for k, v in problems.items()])
        return data

    async def _store(self, data: AgentCreate) -> str:
        if self.editing_id:
            saved = await self._call(agents.replace_agent, agent_id=self.editing_id, data=data)
        else:
            saved = await self._call(agents.create_agent, data=data)
        return saved.name

    @rx.event
    def set_agent_type(self, agent_type: str):
        """Another type: its own config inputs, with the saved values if it is the saved type."""
        if agent_type not in CONFIG_FIELDS:
            return
        self.agent_type = agent_type
        kept = {k: v for k, v in self.values.items() if not k.startswith("config.")}
        fresh = agent_type != self.stored_type
        config = config_values(agent_type, config_defaults(agent_type)) if fresh else self._stored_config
        self.values = {**kept, **config}
        self.errors = {k: v for k, v in self.errors.items() if not k.startswith("config.")}

    @rx.event
    def test_connection(self):
        """Tests the settings as the form holds them now, saved or not."""
        return rx.call_script(_FORM_VALUES, callback=AgentEditorState.test_settings)

    @rx.event(background=True)
    async def test_settings(self, form: dict):
        async with self:
            if self.testing:
                return
            agent_type, agent_id = self.agent_type, self.editing_id or None
            self._reset_test()
            config, problems = config_payload(agent_type, form if isinstance(form, dict) else {})
            if problems:
                self.tested = True
                self.test_summary = "Fix the settings first: " + "; ".join(problems.values())
                return
            self.testing = True
        draft = AgentTestDraft(type=AgentType(agent_type), config=config, agent_id=agent_id)
        outcome = await probe_agent(self, draft=draft)
        async with self:
            self.testing, self.tested = False, True
            self.test_ok, self.test_summary, self.test_reply = outcome["ok"], outcome["summary"], outcome["reply"]


# ---- the list page ---------------------------------------------------------------------


def _test_button(agent: rx.Var) -> rx.Component:
    running = AgentsState.testing.contains(agent["id"])
    summary = AgentsState.test_summaries.get(agent["id"], "")
    return rx.vstack(
        rx.button(
            rx.icon("plug-zap", size=14),
            "Test connection",
            size="1",
            variant="surface",
            loading=running,
            on_click=AgentsState.test_connection(agent["id"]),
            aria_label="Test connection to " + agent["name"],
            white_space="nowrap",
        ),
        rx.cond(
            summary != "",
            rx.text(
                summary,
                size="1",
                color_scheme=rx.cond(AgentsState.test_ok.get(agent["id"], False), "green", "red"),
                max_width="14rem",
                role="status",
            ),
        ),
        spacing="1",
        align="start",
    )


def _agent_row(agent: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.link(agent["name"], href="/agents/" + agent["id"], weight="medium"),
                rx.cond(agent["description"] != "", rx.text(agent["description"], size="1", color_scheme="gray")),
                spacing="1",
                align="start",
            ),
            max_width="18rem",
        ),
        rx.table.cell(rx.badge(agent["type_label"], color_scheme=_type_color(agent["type"]), variant="soft")),
        rx.table.cell(
            rx.badge(
                agent["status"],
                color_scheme=rx.cond(agent["status"] == "active", "green", "gray"),
                variant="outline",
            )
        ),
        rx.table.cell(rx.code(agent["target"], variant="ghost", size="1", word_break="break-all"), max_width="20rem"),
        rx.cond(AuthState.can_write, rx.table.cell(_test_button(agent))),
        rx.table.cell(item_actions(AgentsState, "agent", agent, "/agents/" + agent["id"]), min_width="15rem"),
        vertical_align="middle",
    )


def _type_filter() -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text("Type", size="2", weight="medium"), html_for="agents-type-filter"),
        rx.select.root(
            rx.select.trigger(id="agents-type-filter", width="12rem"),
            rx.select.content(
                rx.select.item("All types", value=ALL_TYPES),
                *[rx.select.item(label, value=value) for value, label in TYPE_LABELS.items()],
            ),
            value=AgentsState.type_filter,
            on_change=AgentsState.set_type_filter,
        ),
        spacing="1",
        align="start",
    )


def agents_page() -> rx.Component:
    return shell(
        page_header(
            "Agents",
            "The systems under test: chatbots, OpenAI-compatible endpoints, WebSockets, WhatsApp bots and websites.",
            new_button("New agent", "/agents/new"),
        ),
        rx.vstack(
            rx.hstack(search_box(AgentsState, "Search agents"), _type_filter(), align="end", spacing="3", wrap="wrap"),
            list_error(AgentsState),
            rx.cond(
                AgentsState.agents.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Name"),
                            rx.table.column_header_cell("Type"),
                            rx.table.column_header_cell("Status"),
                            rx.table.column_header_cell("Target"),
                            rx.cond(AuthState.can_write, rx.table.column_header_cell("Connection")),
                            rx.table.column_header_cell("Actions"),
                        )
                    ),
                    rx.table.body(rx.foreach(AgentsState.agents, _agent_row)),
                    variant="surface",
                    width="100%",
                ),
                empty_state(
                    (AgentsState.q != "") | (AgentsState.type_filter != ALL_TYPES),
                    "No agents yet. Connect the system you want to test.",
                    "No agent matches this search and type.",
                ),
            ),
            pagination_bar(AgentsState),
            spacing="4",
            width="100%",
        ),
        active=ROUTE,
    )


# ---- the editor page -------------------------------------------------------------------


def _whatsapp_note() -> rx.Component:
    return wide(
        rx.callout.root(
            rx.callout.icon(rx.icon("info")),
            rx.callout.text(
                "Mimic posts WhatsApp Cloud API webhooks to the webhook URL. Your bot answers at ",
                rx.code("POST " + AgentEditorState.whatsapp_endpoint, word_break="break-all"),
                " with the header ",
                rx.code("Authorization: Bearer <access token>"),
                rx.cond(AgentEditorState.is_new, " (the agent id is known once the agent is saved).", "."),
            ),
            width="100%",
        )
    )


def _config_section(agent_type: str) -> rx.Component:
    inputs = [config_input(AgentEditorState, agent_type, spec) for spec in CONFIG_FIELDS[agent_type]]
    if agent_type == "whatsapp":
        inputs.insert(0, _whatsapp_note())
    # Keyed by type: another type mounts fresh inputs with that type's initial values.
    return rx.grid(*inputs, columns=rx.breakpoints(initial="1", md="2"), spacing="4", width="100%", key=agent_type)


def _test_panel() -> rx.Component:
    s = AgentEditorState
    return rx.cond(
        AuthState.can_write,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.vstack(
                        rx.heading("Connection", size="4", as_="h2"),
                        rx.text(
                            "Sends one probe message (a website: loads the page) with the settings above, "
                            "saved or not; a secret left masked is the saved one.",
                            size="2",
                            color_scheme="gray",
                        ),
                        spacing="1",
                    ),
                    rx.spacer(),
                    rx.button(
                        rx.icon("plug-zap", size=16),
                        "Test connection",
                        type="button",
                        loading=s.testing,
                        on_click=s.test_connection,
                        variant="surface",
                    ),
                    width="100%",
                    align="center",
                ),
                rx.cond(
                    s.tested,
                    rx.callout.root(
                        rx.callout.icon(rx.cond(s.test_ok, rx.icon("circle-check"), rx.icon("circle-x"))),
                        rx.vstack(
                            rx.text(s.test_summary, size="2", weight="medium"),
                            rx.cond(
                                s.test_reply != "",
                                rx.text("Reply: “", s.test_reply, "”", size="2"),
                            ),
                            spacing="1",
                            align="start",
                        ),
                        color_scheme=rx.cond(s.test_ok, "green", "red"),
                        role="status",
                        width="100%",
                    ),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
            max_width="60rem",
        ),
    )


def _editor_sections() -> list[rx.Component]:
    s = AgentEditorState
    return [
        form_section(
            "Basics",
            "What the agent is called in the library, what kind of system it is, and whether sessions may use it.",
            input_field(s, "Name", "name", required=True, placeholder="Acme support bot (staging)"),
            select_field(s, "Status", "status", (("active", "active"), ("inactive", "inactive"))),
            wide(textarea_field(s, "Description", "description", rows="2")),
            wide(
                select_field(
                    s,
                    "Type",
                    "type",
                    tuple(TYPE_LABELS.items()),
                    value=s.agent_type,
                    on_change=s.set_agent_type,
                    hint=rx.cond(
                        ~s.is_new & (s.agent_type != s.stored_type),
                        rx.text(
                            "Saving with another type replaces the whole config, secrets included.",
                            size="1",
                            color_scheme="amber",
                        ),
                        rx.text("The configuration below follows the type.", size="1", color_scheme="gray"),
                    ),
                )
            ),
        ),
        rx.card(
            rx.vstack(
                rx.heading("Configuration", size="4", as_="h2"),
                rx.text("How Mimic reaches this agent.", size="2", color_scheme="gray"),
                rx.match(
                    s.agent_type,
                    *[(agent_type, _config_section(agent_type)) for agent_type in CONFIG_FIELDS],
                    _config_section("http"),
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
    ]


def agent_editor_page() -> rx.Component:
    s = AgentEditorState
    return shell(
        page_header(
            rx.cond(s.is_new, "New agent", "Edit agent"),
            "The system under test, and how Mimic reaches it.",
        ),
        editor_body(
            s,
            "agent",
            rx.vstack(editor_form(s, "agent", *_editor_sections()), _test_panel(), spacing="4", width="100%"),
        ),
        active=ROUTE,
    )
