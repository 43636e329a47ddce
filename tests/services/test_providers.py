"""Model providers at the service: keys sealed at rest, masked to those who manage the workspace
and hidden from the rest, a mask sent back keeps the key, required fields named; custom models
unique by name; defaults only of known models; resolution picks the caller's choice, else the
workspace default, else the server's, with the workspace's credentials; per workspace."""

from __future__ import annotations

import json

import pytest

from app.models.account import Role, Workspace
from app.models.providers import CustomModelCreate, DefaultModels, ProviderSettings
from app.services import crypto, providers
from app.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.settings import settings
from tests.services.lab import principal_of

KEY = "sk-test-0123456789abcdef"


def configure(db, principal, provider_id: str = "openai", **values):
    return providers.configure_provider(session=db, principal=principal, provider_id=provider_id,
                                        data=ProviderSettings.model_validate(values))  # fmt: skip


def test_a_key_is_sealed_masked_for_managers_and_hidden_from_others(db, make_account) -> None:
    owner = make_account()
    me = principal_of(owner)
    shown = configure(db, me, apiKey=KEY, baseUrl="https://gateway.example.com/v1/")
    assert shown.configured and shown.settings == {"apiKey": crypto.mask(KEY),
                                                   "baseUrl": "https://gateway.example.com/v1"}  # fmt: skip
    stored = db.get(Workspace, me.workspace_id).settings["providers"]["openai"]
    assert crypto.is_encrypted(stored["apiKey"]) and KEY not in json.dumps(stored)
    editor = principal_of(make_account(join=owner, role=Role.editor))
    seen = next(p for p in providers.list_providers(session=db, principal=editor).providers if p.id == "openai")
    assert seen.configured and seen.settings == {}  # configured, but no part of the key
    with pytest.raises(PermissionDenied):
        configure(db, editor, apiKey="sk-other")


def test_a_mask_keeps_the_key_and_missing_fields_are_named(db, make_account) -> None:
    me = principal_of(make_account())
    with pytest.raises(ValidationFailed) as raised:
        configure(db, me, "azure", apiKey=KEY)
    assert {d.field: d.message for d in raised.value.details} == {"baseUrl": "required", "apiVersion": "required"}
    with pytest.raises(ValidationFailed) as raised:
        configure(db, me, apiKey=crypto.mask(KEY))  # a mask with nothing stored
    assert [(d.field, d.message) for d in raised.value.details] == [("apiKey", "send the value, not its mask")]
    configure(db, me, apiKey=KEY)
    configure(db, me, apiKey=crypto.mask(KEY), baseUrl="https://gateway.example.com/v1")
    resolved = providers.resolve(db, me.workspace_id, "judge", "gpt-4o-mini")
    assert resolved.credentials.api_key == KEY and resolved.credentials.api_base == "https://gateway.example.com/v1"
    with pytest.raises(NotFound):
        configure(db, me, "no-such-provider", apiKey=KEY)


def test_resolution_order_choice_then_workspace_default_then_server(db, make_account) -> None:
    me = principal_of(make_account())
    assert providers.resolve(db, me.workspace_id, "judge").id == settings.default_model
    configure(db, me, apiKey=KEY)
    providers.set_default_models(session=db, principal=me, data=DefaultModels(judge="gpt-4o-mini"))
    assert providers.resolve(db, me.workspace_id, "judge").id == "gpt-4o-mini"
    assert providers.resolve(db, me.workspace_id, "simulator").id == settings.default_model
    chosen = providers.resolve(db, me.workspace_id, "judge", None, "mimic/offline")
    assert (chosen.id, chosen.credentials) == ("mimic/offline", None)
    with pytest.raises(ValidationFailed) as raised:
        providers.set_default_models(session=db, principal=me, data=DefaultModels(agent="made-up-model-9"))
    assert [d.field for d in raised.value.details] == ["agent"]


def test_custom_models_are_unique_resolved_with_their_key_and_removed(db, make_account) -> None:
    me = principal_of(make_account())
    data = CustomModelCreate.model_validate({"name": "Local Llama", "baseUrl": "http://127.0.0.1:8000/v1/",
                                             "model": "llama-3", "apiKey": KEY})  # fmt: skip
    model = providers.add_custom_model(session=db, principal=me, data=data)
    assert model.id == "custom/local-llama" and model.custom
    with pytest.raises(Conflict) as raised:
        providers.add_custom_model(session=db, principal=me, data=data)
    assert [d.field for d in raised.value.details] == ["name"]
    resolved = providers.resolve(db, me.workspace_id, "agent", model.id)
    assert resolved.model == "openai/llama-3"
    assert (resolved.credentials.api_key, resolved.credentials.api_base) == (KEY, "http://127.0.0.1:8000/v1")
    assert model.id in {m.id for m in providers.list_models(session=db, principal=me).models}
    providers.remove_custom_model(session=db, principal=me, model_id=model.id)
    with pytest.raises(ValidationFailed):
        providers.resolve(db, me.workspace_id, "agent", model.id)
    with pytest.raises(NotFound):
        providers.remove_custom_model(session=db, principal=me, model_id=model.id)


def test_each_workspace_has_its_own_providers(db, make_account) -> None:
    mine, theirs = principal_of(make_account()), principal_of(make_account())
    configure(db, mine, apiKey=KEY)
    assert providers.resolve(db, theirs.workspace_id, "agent", "gpt-4o-mini").credentials is None
    with pytest.raises(NotFound):
        providers.remove_provider(session=db, principal=theirs, provider_id="openai")
    models = {m.id for m in providers.list_models(session=db, principal=theirs).models}
    assert "mimic/offline" in models and "gpt-4o-mini" not in models
