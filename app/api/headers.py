"""The security headers every answer carries (app/api/middleware.py adds them; the error
handlers send them with the answers Starlette makes past the middleware)."""

from __future__ import annotations

FIXED_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# JSON, files, scripts, styles: nothing in them may load or run anything, nor be framed.
NON_DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
NON_DOCUMENT_HEADERS = {**FIXED_HEADERS, "Content-Security-Policy": NON_DOCUMENT_POLICY}
