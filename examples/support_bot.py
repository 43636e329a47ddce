"""A small support bot to try Mimic against (and what examples/ci starts before `mimic test`).

    python examples/support_bot.py --port 8765 --token dev-token [--broken order]

POST /chat {"message", "sessionId"} answers {"data": {"reply": ...}} about order A-10482 and the
store's opening hours; `--broken order` makes it unhelpful about orders (a regression to catch).
Requests must carry `Authorization: Bearer <token>` when --token is given. Standard library only.
"""

from __future__ import annotations

import argparse
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ANSWERS = {
    "order": "Order A-10482 has shipped and will be delivered on Friday, 27 November.",
    "hours": "Our store is open from 9am to 6pm, Monday to Saturday.",
}
UNHELPFUL = "Sorry, I cannot help with that."


def topic_of(message: str) -> str | None:
    text = message.lower()
    if "order" in text or "a-10482" in text:
        return "order"
    if "hour" in text or "open" in text:
        return "hours"
    return None


def reply_to(message: str, broken: set[str]) -> str:
    topic = topic_of(message)
    if topic is None:
        return "Hello! How can I help you today?"
    return UNHELPFUL if topic in broken else ANSWERS[topic]


def handler(token: str | None, broken: set[str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the standard library's name
            if self.path != "/chat":
                return self._send(404, {"error": "not found"})
            if token and self.headers.get("Authorization") != f"Bearer {token}":
                return self._send(401, {"error": "unauthorized"})
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                return self._send(400, {"error": "invalid JSON"})
            self._send(200, {"data": {"reply": reply_to(str(body.get("message", "")), broken)}})

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args) -> None:  # quiet
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--token", default=None, help="Require this bearer token")
    parser.add_argument("--broken", action="append", default=[], choices=sorted(ANSWERS), help="Break a topic")
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), handler(args.token, set(args.broken)))
    print(f"support bot on http://{args.host}:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
