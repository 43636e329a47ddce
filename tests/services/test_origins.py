"""Which origins may use the dashboard's credentials: the one the browser addressed (http or
https, since a proxy may end TLS), MIMIC_PUBLIC_URL's and MIMIC_ALLOWED_ORIGINS; nothing else,
and nothing that is not an origin at all."""

from __future__ import annotations

import pytest

from app.services import origins
from app.settings import settings


@pytest.fixture
def configured(monkeypatch):
    monkeypatch.setattr(settings, "public_url", "https://Mimic.Example.com/app/")
    monkeypatch.setattr(settings, "allowed_origins", " https://ci.example.org , ,not a url, http://localhost:3000")


def test_configured_origins_are_normalised_and_junk_is_dropped(configured) -> None:
    assert origins.configured() == {"https://mimic.example.com", "https://ci.example.org", "http://localhost:3000"}


@pytest.mark.parametrize(
    ("origin", "host", "expected"),
    [
        ("https://mimic.example.com", "", True),  # the public URL's origin, case aside
        ("HTTPS://CI.EXAMPLE.ORG", "backend:8000", True),
        ("http://10.0.0.5:8000", "10.0.0.5:8000", True),  # the host the browser addressed
        ("https://10.0.0.5:8000", "10.0.0.5:8000", True),  # the same behind a TLS proxy
        ("http://10.0.0.5:8001", "10.0.0.5:8000", False),  # another port is another origin
        ("https://evil.example", "mimic.example.com", False),
        ("https://mimic.example.com.evil.example", "", False),
        ("null", "mimic.example.com", False),  # a sandboxed page
        ("", "mimic.example.com", False),
    ],
)
def test_only_the_own_and_configured_origins_are_allowed(configured, origin, host, expected) -> None:
    assert origins.allowed(origin, host=host) is expected
