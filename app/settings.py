"""One Settings object, read from the environment (and `.env` when present).

Every setting is documented in README.md and .env.example. Names carry the MIMIC_
prefix, except PORT, which hosting platforms set on their own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.outbound_policy import OutboundPolicy

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
    # Signs tokens and derives the key that encrypts stored secrets. When unset, the
    # file below is read (`make run` writes it on first start); production requires one.
    secret_key: str = ""
    secret_key_file: Path = PROJECT_ROOT / ".secret_key"
    access_token_ttl_minutes: int = Field(default=1440, ge=1)
    # The address users reach the dashboard at; invitation links point there.
    public_url: str = "http://localhost:3000"
    # Other origins (comma-separated, e.g. https://qa.example.com) whose pages may use the
    # dashboard's cookie on /api/ws and the sign-in endpoints, besides the app's own.
    allowed_origins: str = ""
    # Rate limits ("N/second|minute|hour"): per user or API key, per IP when anonymous,
    # and tighter per IP on the sign-in and registration endpoints.
    rate_limit_enabled: bool = True
    rate_limit_default: str = "600/minute"
    rate_limit_anonymous: str = "120/minute"
    rate_limit_auth: str = "20/minute"
    # Per account (per email, registered or not): after this many failed sign-ins within the
    # window, sign-ins for that email are refused until the window has passed.
    sign_in_max_failures: int = Field(default=5, ge=1)
    sign_in_window_minutes: int = Field(default=15, ge=1)
    # Largest request body the API reads (bytes), and a larger one for the import endpoints.
    max_request_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_import_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Largest answer Mimic reads from anything it calls (agents, models, webhook receivers):
    # reading stops past it, and the session ends with a target error of kind too_large.
    max_reply_bytes: int = Field(default=256 * 1024, ge=1024)
    # Largest audio answer Mimic reads: a voice agent's WAV (HTTP), one answer on a media
    # stream (as 16 kHz 16-bit audio: 4 MiB is about 2 min 11 s), a hosted speech model's
    # audio. Past it reading stops: the call ends with an error of kind too_large.
    max_audio_reply_bytes: int = Field(default=4 * 1024 * 1024, ge=64 * 1024, le=512 * 1024 * 1024)
    # Redis, when set, holds the rate limiter's counters and carries the event bus between
    # processes (pub/sub), so every backend worker sees every session's events.
    redis_url: str = ""
    # Where sessions run: "inprocess" (asyncio tasks in the backend) or "queue" (taskiq
    # workers on Redis, started by `make worker` on any number of machines; needs redis_url).
    session_execution: Literal["inprocess", "queue"] = "inprocess"
    # A queue worker renews its claim on a running session this often; a claim not renewed
    # for lease_seconds means the worker died, and the session ends as interrupted.
    worker_lease_seconds: float = Field(default=30, ge=3)
    default_model: str = "mimic/offline"
    # OpenAI-protocol models (openai/..., custom OpenAI-compatible endpoints) are called with one
    # HTTP request of Mimic's own instead of through litellm: same outbound policy, timeouts,
    # retries, usage and cost, a quarter of the CPU (app/llm/direct.py). False sends every call through litellm.
    llm_direct: bool = True
    # Password hashing: "standard" is argon2id at pwdlib's recommended cost (about 0.1 s and
    # 64 MB a hash, on purpose). "minimal" is argon2id at its lowest cost, for test suites only
    # (they register thousands of accounts); refused in production. Hashes say their own cost:
    # either setting checks the other's, and a sign-in rehashes to the current one.
    password_hash_cost: Literal["standard", "minimal"] = "standard"
    port: int = Field(default=3000, validation_alias=AliasChoices("PORT", "MIMIC_PORT"))
    max_concurrent_sessions: int = Field(default=8, ge=1, le=10_000)
    # Webhook deliveries: attempts in all, the wait before the n-th retry (base x factor^(n-1)
    # seconds) and the time a receiver has to answer each.
    webhook_max_attempts: int = Field(default=5, ge=1, le=20)
    webhook_retry_base_seconds: float = Field(default=10, gt=0)
    webhook_retry_factor: float = Field(default=4, ge=1)
    webhook_timeout_seconds: float = Field(default=10, gt=0, le=120)
    # A delivery being sent is claimed for this long (another process does not send it too); a
    # claim left by a process that died runs out, and the delivery is sent again.
    webhook_claim_seconds: float = Field(default=60, gt=0, le=3600)
    # Seconds between keep-alive events on the SSE stream.
    sse_heartbeat_seconds: float = Field(default=30, gt=0)
    data_dir: Path = PROJECT_ROOT / "data"
    # A browser session's page load (navigation timing) slower than this is a performance finding.
    slow_page_ms: int = Field(default=3000, ge=1)
    # A chat agent's reply slower than this fails the latency check (a "waiting" finding).
    slow_reply_ms: int = Field(default=8000, ge=1)
    # Voice sessions: the thresholds of the measured findings (published targets for voice
    # agents: answer within 1.5 s at the median, 3.5 s at p95), the longest call, and how many
    # days call recordings are kept (0 keeps them; a workspace may set its own).
    voice_slow_answer_p50_ms: int = Field(default=1500, ge=1)
    voice_slow_answer_p95_ms: int = Field(default=3500, ge=1)
    voice_long_silence_ms: int = Field(default=3000, ge=1)
    voice_yield_ms: int = Field(default=1000, ge=1)
    voice_barge_in_response_ms: int = Field(default=4000, ge=1)
    voice_max_call_seconds: int = Field(default=1800, ge=10, le=14_400)
    audio_retention_days: int = Field(default=30, ge=0, le=3650)
    # What agent targets, webhooks, websites and custom model endpoints may reach besides public
    # addresses: comma-separated CIDRs, IPs, host names (*.example.com), `loopback`, `private`.
    outbound_allow: str = ""
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

    @field_validator("outbound_allow")
    @classmethod
    def _check_outbound_allow(cls, value: str) -> str:
        OutboundPolicy.parse(value)  # a ValueError names the entries it cannot read
        return value

    @model_validator(mode="after")
    def _claim_outlasts_an_attempt(self) -> Settings:
        if self.webhook_claim_seconds <= self.webhook_timeout_seconds:
            raise ValueError(
                "MIMIC_WEBHOOK_CLAIM_SECONDS must be longer than MIMIC_WEBHOOK_TIMEOUT_SECONDS "
                "(a delivery's claim covers the attempt itself)"
            )
        return self

    @model_validator(mode="after")
    def _queue_needs_redis(self) -> Settings:
        if self.session_execution == "queue" and not self.redis_url:
            raise ValueError("MIMIC_SESSION_EXECUTION=queue needs MIMIC_REDIS_URL (the queue lives in Redis)")
        return self

    @property
    def uses_queue(self) -> bool:
        return self.session_execution == "queue"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


class MissingSecretKey(RuntimeError):
    pass


@lru_cache
def resolved_secret_key() -> str:
    """The secret key: MIMIC_SECRET_KEY, else the key file, else (outside production) a
    random key for this process only, so that no known default ever signs anything."""
    if settings.secret_key:
        return settings.secret_key
    if settings.secret_key_file.is_file():
        key = settings.secret_key_file.read_text().strip()
        if key:
            return key
    if settings.env == "production":
        raise MissingSecretKey(
            "MIMIC_SECRET_KEY is not set and no key file exists at "
            f"{settings.secret_key_file}; production needs a fixed secret key."
        )
    import secrets

    return secrets.token_urlsafe(48)


settings = get_settings()
