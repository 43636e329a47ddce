"""LLM providers per workspace: credentials (encrypted like agent secrets), custom
OpenAI-compatible models, default models per role, the model catalog, a "Test" call, and
the resolution every session's LLM call goes through:

    the session's llmConfig → the persona's or agent's setting → the workspace default
    → the server's MIMIC_DEFAULT_MODEL → mimic/offline
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from app import llm
from app.models.account import Workspace
from app.models.providers import (
    CredentialFieldPublic,
    CustomModelCreate,
    DefaultModels,
    ModelPublic,
    ModelRole,
    ModelsPublic,
    ProviderPublic,
    ProviderSettings,
    ProvidersPublic,
    ProviderTestResult,
)
from app.services import audit, crypto, units
from app.services.access import Permission, Principal, require
from app.services.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.settings import settings

TEST_PROMPT = [{"role": "user", "content": "Reply with the single word: pong"}]


@dataclass(frozen=True)
class ResolvedModel:
    """What llm.complete needs for one role: the litellm model string and credentials, and
    the id people chose (shown in the UI, stored on the session). Credentials never leave."""

    id: str
    model: str
    credentials: llm.Credentials | None = field(default=None, repr=False)


def _workspace(session: Session, principal: Principal) -> Workspace:
    workspace = session.get(Workspace, principal.workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    return workspace


def _section(workspace: Workspace, key: str, default: Any) -> Any:
    return (workspace.settings or {}).get(key, default)


def _save(workspace: Workspace, key: str, value: Any) -> None:
    workspace.settings = {**(workspace.settings or {}), key: value}  # a new dict: JSON columns track assignment


def _provider(provider_id: str) -> llm.Provider:
    provider = llm.PROVIDERS_BY_ID.get(provider_id)
    if provider is None:
        raise NotFound(f"No provider '{provider_id}'")
    return provider


def _masked(provider: llm.Provider, stored: dict[str, str]) -> dict[str, str]:
    shown = {}
    for f in provider.fields:
        if stored.get(f.name):
            value = stored[f.name]
            if f.secret:
                try:
                    value = crypto.mask(crypto.decrypt(value))
                except ValueError:
                    value = crypto.UNREADABLE
            shown[f.name] = value
    return shown


def _custom_models(workspace: Workspace) -> list[dict[str, Any]]:
    return list(_section(workspace, "customModels", []))


def _custom_public(entry: dict[str, Any]) -> ModelPublic:
    return ModelPublic(
        id=entry["id"], name=entry["name"], provider="openai_compatible", context_window=entry.get("contextWindow"),
        supports_vision=bool(entry.get("supportsVision")), supports_function_calling=True,
        input_cost_per_token=entry.get("inputCostPerToken"), output_cost_per_token=entry.get("outputCostPerToken"),
        custom=True,
    )  # fmt: skip


def _public_model(info: llm.ModelInfo) -> ModelPublic:
    return ModelPublic(**{k: getattr(info, k) for k in ModelPublic.model_fields})


def list_providers(*, session: Session, principal: Principal) -> ProvidersPublic:
    require(principal, Permission.read)
    workspace = _workspace(session, principal)
    stored = _section(workspace, "providers", {})
    providers = [
        ProviderPublic(
            id=p.id, name=p.name, configured=p.id in stored,
            models_count=len(llm.bundled_models(p.id)) if p.id in stored else 0,
            fields=[CredentialFieldPublic(**f.__dict__) for f in p.fields],
            settings=_masked(p, stored.get(p.id, {})) if principal.can(Permission.manage_workspace) else {},
        )
        for p in llm.PROVIDERS
    ]  # fmt: skip
    custom = _custom_models(workspace)
    providers.append(
        ProviderPublic(
            id="openai_compatible",
            name="OpenAI-compatible (vLLM, LM Studio, gateways)",
            configured=bool(custom),
            models_count=len(custom),
            fields=[],
        )  # fmt: skip
    )
    return ProvidersPublic(
        providers=providers,
        default_models=DefaultModels(**_section(workspace, "defaultModels", {})),
        default_model=settings.default_model,
    )


def configure_provider(
    *, session: Session, principal: Principal, provider_id: str, data: ProviderSettings
) -> ProviderPublic:
    require(principal, Permission.manage_workspace)
    provider = _provider(provider_id)
    workspace = _workspace(session, principal)
    providers = dict(_section(workspace, "providers", {}))
    previous = providers.get(provider_id, {})
    values = {k: (str(v) if v is not None else None) for k, v in data.model_dump(by_alias=True).items()}
    stored, errors = {}, []
    for f in provider.fields:
        value = (values.get(f.name) or "").strip()
        if crypto.is_mask(value):
            value = previous.get(f.name, "")
            if not value:
                errors.append(FieldError(f.name, "send the value, not its mask"))
            stored[f.name] = value
            continue
        if not value:
            if f.required:
                errors.append(FieldError(f.name, "required"))
            continue
        stored[f.name] = crypto.encrypt(value) if f.secret else value.rstrip("/")
    if errors:
        raise ValidationFailed(f"Invalid settings for {provider.name}", errors)
    providers[provider_id] = stored
    _save(workspace, "providers", providers)
    session.commit()
    return next(p for p in list_providers(session=session, principal=principal).providers if p.id == provider_id)


def remove_provider(*, session: Session, principal: Principal, provider_id: str) -> None:
    require(principal, Permission.manage_workspace)
    provider = _provider(provider_id)
    workspace = _workspace(session, principal)
    providers = dict(_section(workspace, "providers", {}))
    if providers.pop(provider_id, None) is None:
        raise NotFound(f"{provider_id} is not configured")
    _save(workspace, "providers", providers)
    audit.record(
        session, principal=principal, action="provider.deleted", target_type="provider", target_id=provider_id,
        target_name=provider.name,
    )  # fmt: skip
    session.commit()


def list_models(*, session: Session, principal: Principal, provider: str | None = None) -> ModelsPublic:
    """The models of configured providers (litellm's bundled map), the custom models, and
    mimic/offline, which is always there."""
    require(principal, Permission.read)
    workspace = _workspace(session, principal)
    configured = _section(workspace, "providers", {})
    models: list[ModelPublic] = []
    if provider in (None, "mimic"):
        models.append(_public_model(llm.OFFLINE_INFO))
    for p in llm.PROVIDERS:
        if p.id in configured and provider in (None, p.id):
            models += [_public_model(m) for m in llm.bundled_models(p.id)]
    if provider in (None, "openai_compatible"):
        models += [_custom_public(m) for m in _custom_models(workspace)]
    return ModelsPublic(models=models)


_SLUG = re.compile(r"[^a-z0-9._-]+")


def add_custom_model(*, session: Session, principal: Principal, data: CustomModelCreate) -> ModelPublic:
    require(principal, Permission.manage_workspace)
    workspace = _workspace(session, principal)
    models = _custom_models(workspace)
    model_id = llm.CUSTOM_PREFIX + (_SLUG.sub("-", data.name.lower()).strip("-") or "model")
    if any(m["id"] == model_id for m in models):
        raise Conflict("A custom model has this name already", [FieldError("name", "already used")])
    entry = {
        "id": model_id, "name": data.name, "baseUrl": str(data.base_url).rstrip("/"), "model": data.model,
        "apiKey": crypto.encrypt(data.api_key) if data.api_key else "",
        "inputCostPerToken": data.input_cost_per_token, "outputCostPerToken": data.output_cost_per_token,
        "contextWindow": data.context_window, "supportsVision": data.supports_vision,
    }  # fmt: skip
    _save(workspace, "customModels", [*models, entry])
    session.commit()
    return _custom_public(entry)


def remove_custom_model(*, session: Session, principal: Principal, model_id: str) -> None:
    require(principal, Permission.manage_workspace)
    workspace = _workspace(session, principal)
    models = _custom_models(workspace)
    removed = [m for m in models if m["id"] == model_id]
    if not removed:
        raise NotFound("No such custom model")
    _save(workspace, "customModels", [m for m in models if m["id"] != model_id])
    audit.record(
        session, principal=principal, action="custom_model.deleted", target_type="custom_model", target_id=model_id,
        target_name=removed[0].get("name", ""), details={"baseUrl": removed[0].get("baseUrl", "")},
    )  # fmt: skip
    session.commit()


def set_default_models(*, session: Session, principal: Principal, data: DefaultModels) -> DefaultModels:
    require(principal, Permission.manage_workspace)
    workspace = _workspace(session, principal)
    known = {m.id for m in list_models(session=session, principal=principal).models}
    errors = [
        FieldError(role, f"unknown model '{model}': configure its provider first")
        for role, model in data.model_dump().items()
        if model and model not in known and llm.provider_of(model) is None
    ]
    if errors:
        raise ValidationFailed("Unknown models", errors)
    _save(workspace, "defaultModels", data.model_dump(exclude_none=True))
    session.commit()
    return data


def _credentials(workspace: Workspace, model_id: str) -> tuple[str, llm.Credentials | None]:
    """(the litellm model string, its credentials) for a model id in this workspace."""
    if model_id.startswith(llm.CUSTOM_PREFIX):
        entry = next((m for m in _custom_models(workspace) if m["id"] == model_id), None)
        if entry is None:
            raise ValidationFailed("Unknown model", [FieldError("model", f"no custom model '{model_id}'")])
        price = None
        if entry.get("inputCostPerToken") is not None and entry.get("outputCostPerToken") is not None:
            # This workspace's price for its model: applied to its calls only (handed to litellm,
            # it would become the price of every model of that name in the process).
            price = (float(entry["inputCostPerToken"]), float(entry["outputCostPerToken"]))
        key = crypto.decrypt(entry["apiKey"]) if entry.get("apiKey") else "none"
        return f"openai/{entry['model']}", llm.Credentials(api_key=key, api_base=entry["baseUrl"], price=price)
    provider_id = llm.provider_of(model_id)
    stored = _section(workspace, "providers", {}).get(provider_id or "", None)
    if stored is None:
        return model_id, None  # not configured here: litellm reads the server's environment
    try:
        api_key = crypto.decrypt(stored["apiKey"]) if stored.get("apiKey") else None
    except ValueError as exc:
        raise ValidationFailed(
            "The provider's API key cannot be decrypted (was the secret key changed?)",
            [FieldError("apiKey", "enter it again in Settings → Models")],
        ) from exc
    return model_id, llm.Credentials(api_key=api_key, api_base=stored.get("baseUrl"),
                                     api_version=stored.get("apiVersion"))  # fmt: skip


def resolve(session: Session, workspace_id: str, role: ModelRole, *choices: str | None) -> ResolvedModel:
    """The model for one role: the first of `choices` that is set (the session's, then the
    persona's or agent's), else the workspace default, else the server default."""
    workspace = session.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    defaults = _section(workspace, "defaultModels", {})
    model_id = (
        next((c for c in choices if c), None) or defaults.get(role) or settings.default_model or llm.OFFLINE_MODEL
    )
    if llm.is_offline(model_id):
        return ResolvedModel(model_id, model_id)
    model, credentials = _credentials(workspace, model_id)
    return ResolvedModel(model_id, model, credentials)


def _test_model(*, session: Session, principal: Principal, provider_id: str, model: str | None) -> tuple[str, Any]:
    """The model to test and how to reach it."""
    require(principal, Permission.manage_workspace)
    if provider_id == "openai_compatible":
        models = _custom_models(_workspace(session, principal))
        model = model or (models[0]["id"] if models else None)
    else:
        provider = _provider(provider_id)
        model = model or next(iter(m.id for m in llm.bundled_models(provider.id)), None)
    if not model:
        raise ValidationFailed("Nothing to test", [FieldError("model", "name a model of this provider")])
    return model, resolve(session, principal.workspace_id, "agent", model)


async def test_provider(*, principal: Principal, provider_id: str, model: str | None = None) -> ProviderTestResult:
    """One tiny completion: the latency, or the provider's error as it came. The settings are
    read in a worker thread; the completion is awaited with no database session open."""
    model, resolved = await units.in_thread(_test_model, principal=principal, provider_id=provider_id, model=model)
    try:  # its requests, redirect hops included, obey the outbound policy (app/llm/egress.py)
        result = await llm.complete(model=resolved.model, messages=TEST_PROMPT, role=llm.LLMRole.test,
                                    credentials=resolved.credentials, max_tokens=5, timeout_s=30)  # fmt: skip
    except llm.LLMError as exc:
        return ProviderTestResult(ok=False, model=model, error=exc.message, error_kind=exc.kind)
    return ProviderTestResult(ok=True, model=model, latency_ms=result.latency_ms, reply=result.content[:200])
