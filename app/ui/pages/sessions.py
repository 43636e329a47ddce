"""/sessions: the list with status filters, and the "New session" form."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app import llm
from app.models.session import SessionCreate
from app.services import pickers, sessions
from app.services.access import Principal
from app.services.errors import ServiceError
from app.services.pagination import PageParams, Paginated
from app.settings import settings
from app.ui.components.forms import field, form_error
from app.ui.components.layout import page_header, shell
from app.ui.components.model_picker import picker_props
from app.ui.components.status import blame_badge, outcome_badge, status_badge
from app.ui.formatting import when
from app.ui.state.auth import AuthState
from app.ui.state.errors import field_errors

PAGE_SIZE = 20
STATUSES = ["all", "pending", "running", "completed", "error", "cancelled", "interrupted"]


def _names(*, session, principal: Principal) -> dict[str, dict[str, str]]:
    """The create form's choices (app/services/pickers.py): agents, personas and objectives by name."""
    return {
        singular: {c.id: c.name for c in pickers.choices(session=session, principal=principal, kind=kind)}
        for singular, kind in (("agent", "agents"), ("persona", "personas"), ("objective", "objectives"))
    }


def _sessions_page(
    *, session, principal: Principal, params: PageParams, status: str | None
) -> tuple[dict[str, dict[str, str]], Paginated]:
    """One unit of work for the page: the form's choices, and a page of sessions (named)."""
    names = _names(session=session, principal=principal)
    return names, sessions.list_sessions(session=session, principal=principal, params=params, status=status)


class SessionsState(AuthState):
    rows: list[dict[str, str]] = []
    status_filter: str = "all"
    page: int = 1
    pages: int = 1
    total: int = 0
    # The form
    agent_options: list[dict[str, str]] = []
    persona_options: list[dict[str, str]] = []
    objective_options: list[dict[str, str]] = []
    form_error: str = ""
    errors: dict[str, str] = {}
    starting: bool = False
    default_model: str = settings.default_model

    @rx.event
    async def load(self):
        try:
            names, result = await self._call(
                _sessions_page, params=PageParams(page=self.page, limit=PAGE_SIZE),
                status=None if self.status_filter == "all" else self.status_filter,
            )  # fmt: skip
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.total, self.pages = result.pagination.total, max(1, result.pagination.pages)
        self.rows = [
            {
                "id": s.id,
                "status": s.status,
                "outcome": s.outcome or "",
                "blame": s.blame or "",
                # Named by the service (None: deleted since), whatever the size of the library.
                "agent": s.agent_name or "(deleted)",
                "persona": s.persona_name or "(deleted)",
                "objective": s.objective_name or ("(deleted)" if s.objective_id else "—"),
                "messages": str(s.metadata.message_count),
                "created": when(s.created_at),
            }
            for s in result.data
        ]
        self.agent_options = [{"id": k, "name": v} for k, v in names["agent"].items()]
        self.persona_options = [{"id": k, "name": v} for k, v in names["persona"].items()]
        self.objective_options = [{"id": k, "name": v} for k, v in names["objective"].items()]

    @rx.event
    def filter_status(self, value: str):
        self.status_filter, self.page = value, 1
        return SessionsState.load

    @rx.event
    def go_to_page(self, page: int):
        self.page = min(max(1, page), self.pages)
        return SessionsState.load

    @rx.event
    async def start_new(self, form: dict):
        self.form_error, self.errors = "", {}
        try:
            repeats = (form.get("judgeRepeats") or "").strip()
            llm_config = {"model": form.get("model") or None, **({"judgeRepeats": repeats} if repeats else {})}
            config = {"seed": int(form["seed"])} if form.get("seed") else {}
            data = SessionCreate.model_validate({
                "agentId": form.get("agentId", ""), "personaId": form.get("personaId", ""),
                "objectiveId": form.get("objectiveId", ""), "llmConfig": llm_config, "config": config,
            })  # fmt: skip
            created = await self._call(sessions.create_session, data=data)
        except (ServiceError, ValidationError) as exc:
            self.form_error, self.errors = field_errors(exc)
            return
        except ValueError:
            self.form_error, self.errors = "Please correct the fields marked below.", {"config.seed": "a whole number"}
            return
        return rx.redirect(f"/sessions/{created.id}?start=1")

    @rx.var
    def offline_label(self) -> str:
        return llm.display_name(self.default_model)


def _select(label: str, name: str, options: rx.Var, error: rx.Var) -> rx.Component:
    field_id = f"field-{name}"
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=field_id),
        rx.el.select(
            rx.el.option(f"Choose {label.lower()}…", value=""),
            rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"])),
            id=field_id,
            name=name,
            required=True,
            style={
                "width": "100%",
                "padding": "0.45rem",
                "border_radius": "var(--radius-2)",
                "border": f"1px solid {rx.color('gray', 7)}",
                "background": rx.color("gray", 1),
                "color": rx.color("gray", 12),
            },  # fmt: skip
        ),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert")),
        spacing="1",
        width="100%",
    )


def new_session_form() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("New session", size="4", as_="h2"),
            rx.text(
                "Put one persona in front of one agent with one objective, and watch.", size="2", color_scheme="gray"
            ),  # fmt: skip
            form_error(SessionsState.form_error),
            rx.form(
                rx.vstack(
                    rx.grid(
                        _select(
                            "Agent", "agentId", SessionsState.agent_options, SessionsState.errors.get("agentId", "")
                        ),
                        _select(
                            "Persona",
                            "personaId",
                            SessionsState.persona_options,
                            SessionsState.errors.get("personaId", ""),
                        ),
                        _select(
                            "Objective",
                            "objectiveId",
                            SessionsState.objective_options,
                            SessionsState.errors.get("objectiveId", ""),
                        ),
                        columns="3",
                        spacing="3",
                        width="100%",
                    ),  # fmt: skip
                    rx.grid(
                        field(
                            "Model (persona simulator)",
                            "model",
                            placeholder=SessionsState.offline_label,
                            error=SessionsState.errors.get("llmConfig.model", ""),
                            **picker_props(),
                        ),
                        field(
                            "Seed (optional)",
                            "seed",
                            placeholder="e.g. 42",
                            error=SessionsState.errors.get("config.seed", ""),
                        ),
                        field(
                            "Judge repeats (optional)",
                            "judgeRepeats",
                            type="number",
                            min="1",
                            max="11",
                            placeholder="The workspace default",
                            error=SessionsState.errors.get("llmConfig.judgeRepeats", ""),
                        ),
                        columns=rx.breakpoints(initial="1", md="3"),
                        spacing="3",
                        width="100%",
                    ),  # fmt: skip
                    rx.text(
                        "Leave the model empty for the persona's own model or the default, ",
                        rx.code(SessionsState.offline_label),
                        ".",
                        size="1",
                        color_scheme="gray",
                    ),  # fmt: skip
                    rx.button(
                        rx.icon("play", size=16),
                        "Start session",
                        type="submit",
                        size="3",
                        disabled=~AuthState.can_write,
                    ),  # fmt: skip
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                on_submit=SessionsState.start_new,
                reset_on_submit=False,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(status_badge(row["status"])),
        rx.table.cell(rx.hstack(outcome_badge(row["outcome"]), blame_badge(row["blame"]), spacing="1", wrap="wrap")),
        rx.table.cell(rx.link(row["persona"], href=f"/sessions/{row['id']}")),
        rx.table.cell(row["agent"]),
        rx.table.cell(row["objective"]),
        rx.table.cell(row["messages"]),
        rx.table.cell(row["created"]),
        rx.table.cell(rx.link("Open", href=f"/sessions/{row['id']}", aria_label="Open session")),
    )


def sessions_list() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading("All sessions", size="4", as_="h2"),
            rx.spacer(),
            rx.el.label("Status", html_for="status-filter", style={"font_size": "0.85rem"}),
            rx.select(
                STATUSES,
                value=SessionsState.status_filter,
                on_change=SessionsState.filter_status,
                id="status-filter",
                size="2",
            ),  # fmt: skip
            width="100%",
            align="center",
        ),
        rx.cond(
            SessionsState.rows.length() > 0,
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(h)
                            for h in ("Status", "Outcome", "Persona", "Agent", "Objective", "Messages", "Created", "")
                        ]
                    )
                ),  # fmt: skip
                rx.table.body(rx.foreach(SessionsState.rows, _row)),
                width="100%",
                variant="surface",
            ),
            rx.callout("No sessions yet. Start one above.", icon="info", width="100%"),
        ),
        rx.hstack(
            rx.button(
                "Previous",
                variant="soft",
                on_click=SessionsState.go_to_page(SessionsState.page - 1),
                disabled=SessionsState.page <= 1,
            ),  # fmt: skip
            rx.text(f"Page {SessionsState.page} of {SessionsState.pages} · {SessionsState.total} sessions", size="2"),
            rx.button(
                "Next",
                variant="soft",
                on_click=SessionsState.go_to_page(SessionsState.page + 1),
                disabled=SessionsState.page >= SessionsState.pages,
            ),  # fmt: skip
            align="center",
            spacing="3",
        ),
        spacing="3",
        width="100%",
    )


def sessions_page() -> rx.Component:
    return shell(
        page_header("Sessions", "One persona in front of one agent with one objective, watched live."),
        rx.vstack(new_session_form(), sessions_list(), spacing="5", width="100%"),
        active="/sessions",
    )
