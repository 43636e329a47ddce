"""Settings → Models: provider credentials (stored encrypted, shown masked), a "Test"
call, custom OpenAI-compatible models, and the default model per role."""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx
from pydantic import ValidationError

from app.models.providers import CustomModelCreate, DefaultModels, ModelPublic, ProviderSettings, ProvidersPublic
from app.services import calls, providers
from app.services.access import Principal
from app.services.errors import ServiceError
from app.ui.components.forms import field, form_error
from app.ui.components.model_picker import picker_props
from app.ui.state.auth import AuthState, model_options
from app.ui.state.errors import field_errors


def _money(cost: float | None) -> str:
    return "—" if cost is None else f"${cost * 1_000_000:.2f}/M"


class ModelsData(NamedTuple):
    listing: ProvidersPublic
    custom_models: list[ModelPublic]
    model_options: list[dict[str, str]]


def models_data(*, session, principal: Principal) -> ModelsData:
    """The tab's data in one unit of work: providers, custom models, and every model picker's options."""
    return ModelsData(
        providers.list_providers(session=session, principal=principal),
        providers.list_models(session=session, principal=principal, provider="openai_compatible").models,
        model_options(session, principal),
    )


class ModelsState(AuthState):
    providers: list[dict[str, str]] = []
    custom_models: list[dict[str, str]] = []
    default_simulator: str = ""
    default_judge: str = ""
    default_agent: str = ""
    server_default: str = ""
    chosen_provider: str = "openai"
    error: str = ""
    errors: dict[str, str] = {}
    test_result: str = ""
    test_ok: bool = False
    testing: bool = False

    @rx.var
    def can_manage_models(self) -> bool:
        return "manage_workspace" in self.permissions

    @rx.var
    def chosen_fields(self) -> str:
        chosen = next((p for p in self.providers if p["id"] == self.chosen_provider), None)
        return chosen["fields"] if chosen else ""

    def _apply(self, data: ModelsData) -> None:
        self.model_options = data.model_options
        self.providers = [
            {"id": p.id, "name": p.name, "configured": "yes" if p.configured else "",
             "models": str(p.models_count),
             "fields": ", ".join(f.label + (" (required)" if f.required else "") for f in p.fields),
             "settings": " · ".join(f"{k}: {v}" for k, v in p.settings.items())}
            for p in data.listing.providers
        ]  # fmt: skip
        self.custom_models = [
            {"id": m.id, "name": m.name, "cost": f"in {_money(m.input_cost_per_token)} · out "
             f"{_money(m.output_cost_per_token)}"}
            for m in data.custom_models
        ]  # fmt: skip
        d = data.listing.default_models
        self.default_simulator, self.default_judge, self.default_agent = d.simulator or "", d.judge or "", d.agent or ""
        self.server_default = data.listing.default_model

    async def _refresh(self) -> None:
        self._apply(await self._call(models_data))

    @rx.event
    async def load(self):
        self.error, self.errors, self.test_result = "", {}, ""
        try:
            await self._refresh()
        except ServiceError as exc:
            self.error = str(exc)

    @rx.event
    def choose_provider(self, provider_id: str):
        self.chosen_provider, self.errors, self.test_result = provider_id, {}, ""

    @rx.event
    async def save_provider(self, form: dict):
        self.error, self.errors = "", {}
        try:
            data = ProviderSettings.model_validate({k: v or None for k, v in form.items() if k != "provider"})
            await self._call(providers.configure_provider, provider_id=self.chosen_provider, data=data)
            await self._refresh()
        except (ServiceError, ValidationError) as exc:
            self.error, self.errors = field_errors(exc)
            return
        return rx.toast.success("Provider saved.")

    @rx.event
    async def remove_provider(self, provider_id: str):
        try:
            await self._call(providers.remove_provider, provider_id=provider_id)
            await self._refresh()
        except ServiceError as exc:
            return rx.toast.error(str(exc))

    @rx.event(background=True)
    async def test_provider(self, form: dict):
        """A network call of up to 30 s: the state is locked only to note it and its answer."""
        async with self:
            self.testing, self.test_result = True, ""
            provider_id, credential, meta = self.chosen_provider, self._session_token(), self._request_meta()
        try:
            result = await calls.as_caller(
                providers.test_provider, credential=credential, meta=meta,
                provider_id=provider_id, model=form.get("testModel") or None,
            )  # fmt: skip
        except ServiceError as exc:
            async with self:
                self.testing, self.test_ok, self.test_result = False, False, str(exc)
            return
        async with self:
            self.testing, self.test_ok = False, result.ok
            self.test_result = (
                f"{result.model} answered in {result.latency_ms} ms: {result.reply!r}"
                if result.ok
                else f"{result.model}: {result.error_kind} — {result.error}"
            )

    @rx.event
    async def add_custom(self, form: dict):
        self.error, self.errors = "", {}
        try:
            data = CustomModelCreate.model_validate(
                {
                    "name": form.get("customName", ""), "baseUrl": form.get("customBaseUrl") or None,
                    "model": form.get("customModel", ""), "apiKey": form.get("customApiKey") or None,
                    "inputCostPerToken": float(form["customIn"]) / 1_000_000 if form.get("customIn") else None,
                    "outputCostPerToken": float(form["customOut"]) / 1_000_000 if form.get("customOut") else None,
                }
            )  # fmt: skip
            await self._call(providers.add_custom_model, data=data)
            await self._refresh()
        except ValueError as exc:  # ValidationError is one, and so is a cost that is not a number
            if isinstance(exc, ValidationError):
                self.error, self.errors = field_errors(exc)
            else:
                self.error, self.errors = "Costs are numbers (dollars per million tokens).", {}
            return
        except ServiceError as exc:
            self.error, self.errors = field_errors(exc)
            return
        return rx.toast.success("Custom model added.")

    @rx.event
    async def remove_custom(self, model_id: str):
        try:
            await self._call(providers.remove_custom_model, model_id=model_id)
            await self._refresh()
        except ServiceError as exc:
            return rx.toast.error(str(exc))

    @rx.event
    async def save_defaults(self, form: dict):
        self.error, self.errors = "", {}
        try:
            data = DefaultModels(**{role: form.get(role) or None for role in ("simulator", "judge", "agent")})
            await self._call(providers.set_default_models, data=data)
            await self._refresh()
        except (ServiceError, ValidationError) as exc:
            self.error, self.errors = field_errors(exc)
            return
        return rx.toast.success("Default models saved.")


def _provider_row(p: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(p["name"], weight="medium")),
        rx.table.cell(
            rx.cond(
                p["configured"] != "",
                rx.badge("configured", color_scheme="green"),
                rx.badge("not configured", color_scheme="gray"),
            )
        ),  # fmt: skip
        rx.table.cell(p["models"]),
        rx.table.cell(rx.text(p["settings"], size="1", color_scheme="gray")),
        rx.table.cell(
            rx.cond(
                (p["configured"] != "") & ModelsState.can_manage_models & (p["id"] != "openai_compatible"),
                rx.button(
                    "Remove",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=ModelsState.remove_provider(p["id"]),
                    aria_label="Remove " + p["name"],
                ),  # fmt: skip
            )
        ),
    )


def _configure_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Configure a provider", size="3", as_="h3"),
            rx.hstack(
                rx.el.label("Provider", html_for="provider-choice", style={"font_size": "0.85rem"}),
                rx.select.root(
                    rx.select.trigger(id="provider-choice", aria_label="Provider"),
                    rx.select.content(
                        rx.foreach(
                            ModelsState.providers,
                            lambda p: rx.cond(p["id"] != "openai_compatible", rx.select.item(p["name"], value=p["id"])),
                        )
                    ),
                    value=ModelsState.chosen_provider,
                    on_change=ModelsState.choose_provider,
                ),
                align="center",
                spacing="3",
            ),
            rx.text("Fields of this provider: ", ModelsState.chosen_fields, size="1", color_scheme="gray"),
            rx.form(
                rx.grid(
                    field(
                        "API key",
                        "apiKey",
                        type="password",
                        error=ModelsState.errors.get("apiKey", ""),
                        placeholder="sent back masked, it stays as stored",
                        auto_complete="new-password",
                    ),
                    field(
                        "Base URL / endpoint",
                        "baseUrl",
                        error=ModelsState.errors.get("baseUrl", ""),
                        placeholder="optional for most providers",
                    ),
                    field("API version (Azure)", "apiVersion", error=ModelsState.errors.get("apiVersion", "")),
                    columns="3",
                    spacing="3",
                    width="100%",
                ),  # fmt: skip
                rx.button(
                    "Save provider", type="submit", margin_top="0.75rem", disabled=~ModelsState.can_manage_models
                ),
                on_submit=ModelsState.save_provider,
                width="100%",
            ),
            rx.form(
                rx.hstack(
                    field("Model to test", "testModel", placeholder="the provider's first model", **picker_props()),
                    rx.button(
                        "Test", type="submit", loading=ModelsState.testing, disabled=~ModelsState.can_manage_models
                    ),
                    align="end",
                    width="100%",
                ),
                on_submit=ModelsState.test_provider,
                width="100%",
            ),
            rx.cond(
                ModelsState.test_result != "",
                rx.callout(
                    ModelsState.test_result,
                    color_scheme=rx.cond(ModelsState.test_ok, "green", "red"),
                    icon=rx.cond(ModelsState.test_ok, "circle-check", "triangle-alert"),
                    role="status",
                    width="100%",
                ),  # fmt: skip
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _custom_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Custom OpenAI-compatible models", size="3", as_="h3"),
            rx.text(
                "vLLM, LM Studio, a gateway: any server with /v1/chat/completions. Costs make cost tracking work.",
                size="2",
                color_scheme="gray",
            ),  # fmt: skip
            rx.foreach(
                ModelsState.custom_models,
                lambda m: rx.hstack(
                    rx.code(m["id"]),
                    rx.text(m["name"]),
                    rx.text(m["cost"], size="1", color_scheme="gray"),
                    rx.spacer(),
                    rx.cond(
                        ModelsState.can_manage_models,
                        rx.button(
                            "Remove",
                            size="1",
                            variant="soft",
                            color_scheme="red",
                            on_click=ModelsState.remove_custom(m["id"]),
                            aria_label="Remove " + m["name"],
                        ),
                    ),
                    width="100%",
                    align="center",
                ),
            ),  # fmt: skip
            rx.form(
                rx.grid(
                    field("Name", "customName", error=ModelsState.errors.get("name", ""), placeholder="Team Llama"),
                    field(
                        "Base URL",
                        "customBaseUrl",
                        error=ModelsState.errors.get("baseUrl", ""),
                        placeholder="http://gpu-box:8000/v1",
                    ),
                    field("Model", "customModel", error=ModelsState.errors.get("model", ""), placeholder="llama-3-8b"),
                    field("API key (optional)", "customApiKey", type="password", auto_complete="new-password"),
                    field("Input $ per million tokens", "customIn", placeholder="0.20"),
                    field("Output $ per million tokens", "customOut", placeholder="0.60"),
                    columns="3",
                    spacing="3",
                    width="100%",
                ),  # fmt: skip
                rx.button(
                    "Add custom model", type="submit", margin_top="0.75rem", disabled=~ModelsState.can_manage_models
                ),  # fmt: skip
                on_submit=ModelsState.add_custom,
                reset_on_submit=True,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _defaults_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Default model per role", size="3", as_="h3"),
            rx.text(
                "Used when a session, persona or agent names none; then the server's default, ",
                rx.code(ModelsState.server_default),
                ".",
                size="2",
                color_scheme="gray",
            ),  # fmt: skip
            rx.form(
                rx.grid(
                    field(
                        "Persona simulator",
                        "simulator",
                        default_value=ModelsState.default_simulator,
                        error=ModelsState.errors.get("simulator", ""),
                        **picker_props(),
                    ),
                    field(
                        "Judge",
                        "judge",
                        default_value=ModelsState.default_judge,
                        error=ModelsState.errors.get("judge", ""),
                        **picker_props(),
                    ),
                    field(
                        "Hosted agents",
                        "agent",
                        default_value=ModelsState.default_agent,
                        error=ModelsState.errors.get("agent", ""),
                        **picker_props(),
                    ),
                    columns="3",
                    spacing="3",
                    width="100%",
                ),  # fmt: skip
                rx.button(
                    "Save defaults", type="submit", margin_top="0.75rem", disabled=~ModelsState.can_manage_models
                ),
                on_submit=ModelsState.save_defaults,
                width="100%",
                key=ModelsState.default_simulator + ModelsState.default_judge + ModelsState.default_agent,
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def models_tab() -> rx.Component:
    return rx.vstack(
        form_error(ModelsState.error),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    *[rx.table.column_header_cell(h) for h in ("Provider", "Status", "Models", "Settings", "")]
                )
            ),
            rx.table.body(rx.foreach(ModelsState.providers, _provider_row)),
            width="100%",
            variant="surface",
        ),
        rx.cond(
            ModelsState.can_manage_models,
            rx.fragment(),
            rx.callout("Admins manage model providers and defaults.", icon="info", width="100%"),
        ),  # fmt: skip
        _configure_card(),
        _custom_card(),
        _defaults_card(),
        spacing="4",
        width="100%",
    )
