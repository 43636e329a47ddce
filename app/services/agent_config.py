"""Agent configs: validation per type, secrets sealed at rest, masked on the way out."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError

from app.models.agent_config import CONFIG_TYPES, secret_paths
from app.models.library import AgentType
from app.services import crypto
from app.services.errors import FieldError, ValidationFailed, validation_details


def _get(config: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = config
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _set(config: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = config
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def validate(
    agent_type: AgentType, raw: dict[str, Any], *, stored: dict[str, Any] | None = None, keep_env_refs: bool = False
) -> dict[str, Any]:
    """The config as stored: validated for the type (errors name `config.<field>`), with
    secrets encrypted. A secret sent back masked keeps the value already stored. A value
    changed by hand is no longer the environment variable it came from: its envRefs entry
    goes (unless `keep_env_refs`: mimic.yaml's push sets both)."""
    raw = copy.deepcopy(raw)
    stored = stored or {}
    if not keep_env_refs and stored and isinstance(raw.get("envRefs"), dict):
        before = unsealed(agent_type, stored)
        raw["envRefs"] = {
            path: template
            for path, template in raw["envRefs"].items()
            if crypto.is_mask(_get(raw, tuple(path.split("."))))
            or _get(raw, tuple(path.split("."))) == _get(before, tuple(path.split(".")))
        }
    # Put back what is stored where the caller sent a mask, before validating.
    for path in secret_paths(agent_type, raw):
        field = "config." + ".".join(path)
        if crypto.is_mask(_get(raw, path)):
            kept = _get(stored, path)
            if kept is None:
                raise ValidationFailed("Invalid agent config", [FieldError(field, "send the value, not its mask")])
            _set(raw, path, crypto.decrypt(kept))
        elif crypto.is_encrypted(_get(raw, path)):
            raise ValidationFailed("Invalid agent config", [FieldError(field, "must be plain text")])
    try:
        model = CONFIG_TYPES[agent_type].model_validate(raw)
    except ValidationError as exc:
        details = validation_details(exc.errors(), prefix="config.")
        raise ValidationFailed(f"Invalid config for a {agent_type} agent", details) from exc
    config = model.model_dump(by_alias=True, mode="json")
    if not config.get("envRefs"):
        config.pop("envRefs", None)  # most agents have none: no empty key in every answer
    for path in secret_paths(agent_type, config):
        _set(config, path, crypto.encrypt(_get(config, path)))
    return config


def masked(agent_type: AgentType, stored: dict[str, Any]) -> dict[str, Any]:
    """The config as the API and the UI show it. A secret that can no longer be decrypted
    (the secret key changed) shows as such instead of breaking every page that lists it."""
    shown = copy.deepcopy(stored)
    for path in secret_paths(agent_type, stored):
        try:
            _set(shown, path, crypto.mask(crypto.decrypt(_get(stored, path))))
        except ValueError:
            _set(shown, path, crypto.UNREADABLE)
    return shown


def unsealed(agent_type: AgentType, stored: dict[str, Any]) -> dict[str, Any]:
    """The config with secrets in plain text, for the engine's adapters only."""
    plain = copy.deepcopy(stored)
    for path in secret_paths(agent_type, stored):
        try:
            _set(plain, path, crypto.decrypt(_get(stored, path)))
        except ValueError as exc:
            raise ValidationFailed(
                "A stored secret cannot be decrypted (was the secret key changed?): enter it again",
                [FieldError("config." + ".".join(path), "cannot be decrypted; enter it again")],
            ) from exc
    return plain
