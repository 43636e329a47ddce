"""Which browser origins may use the dashboard's credentials: the app's own (the host the
browser addressed), MIMIC_PUBLIC_URL's, and MIMIC_ALLOWED_ORIGINS. Pages of any other site
may not open /api/ws with the dashboard's cookie, nor sign a browser in or out."""

from __future__ import annotations

from urllib.parse import urlsplit

from app.settings import settings


def _origin(url: str) -> str:
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}" if parts.scheme and parts.netloc else ""


def configured() -> set[str]:
    extra = {_origin(o) for o in (settings.allowed_origins or "").split(",") if o.strip()}
    return {o for o in {_origin(settings.public_url), *extra} if o}


def allowed(origin: str, *, host: str) -> bool:
    """`origin` (the Origin header) may act here; `host` is the request's Host header. The own
    origin is matched by host with http or https (a proxy in front may end TLS)."""
    normal = _origin(origin)
    if not normal:
        return False
    if host and normal in (f"http://{host.lower()}", f"https://{host.lower()}"):
        return True
    return normal in configured()
