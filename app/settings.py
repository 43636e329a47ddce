"""One Settings object, read from the environment (and `.env` when present).

Every setting is documented in README.md and .env.example. Names carry the MIMIC_
prefix, except PORT, which hosting platforms set on their own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VERSION = "0.1.0"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="MIMIC_",
        env_file=PROJECT_ROOT / ".env",
        env_file_encoding="utf-8",
        extra="ignore",
    )

    env: Literal["development", "production", "test"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'mimic.db'}"
    # Signs tokens and derives the key that encrypts stored secrets.
    secret_key: str = ""
    default_model: str = "mimic/offline"
    port: int = Field(default=3000, validation_alias=AliasChoices("PORT", "MIMIC_PORT"))
    max_concurrent_sessions: int = Field(default=8, ge=1, le=10_000)
    data_dir: Path = PROJECT_ROOT / "data"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("database_url")
    @classmethod
    def _normalise_database_url(cls, value: str) -> str:
        # Heroku-style URLs say postgres://; SQLAlchemy wants the driver named.
        if value.startswith("postgres://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgres://")
        elif value.startswith("postgresql://"):
            value = "postgresql+psycopg://" + value.removeprefix("postgresql://")
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
