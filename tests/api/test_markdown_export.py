"""The Markdown export of a session keeps what an agent said as literal text: raw HTML and
`javascript:` links from its replies (and from names and findings) come out escaped, so a
renderer that allows raw HTML and follows any link still shows them as text."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api

HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click me](javascript:alert(3)) "
    "<javascript:alert(4)> ![pixel](http://tracker.example/p.gif) [ref]\n\n[ref]: javascript:alert(5)"
)


def _permissive_html(markdown: str) -> str:
    """As the most trusting renderer would show it: raw HTML passes, every link is followed."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True
    return md.render(markdown)


def test_hostile_replies_and_names_export_as_text(live_api, make_account) -> None:
    api = Api(live_api.url, make_account().headers)
    persona = api.post("/api/personas", {"name": "<b onmouseover=alert(6)>Eve</b>", "description": "x"})["id"]
    objective = api.post("/api/objectives", {
        "name": "[win](javascript:alert(7))", "definition": {"goal": "Get the order status",
                                                              "successCriteria": ["The agent answers"]},
        "config": {"maxTurns": 1}})["id"]  # fmt: skip
    with LoopbackServer(http_bot({"reply": HOSTILE})) as bot:
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        session_id = api.wait(api.start(agent, persona, objective))["id"]
    exported = api.http.get(f"/api/sessions/{session_id}/export", params={"format": "markdown"})
    assert exported.status_code == 200
    markdown = exported.text
    rendered = _permissive_html(markdown)
    assert not re.search(r"<(script|img|b)\b", rendered), rendered
    assert "javascript:" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', rendered))
    assert "<a " not in rendered
    # ... and the words are all there, as they were said.
    shown = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for text in ("<script>alert(1)</script>", "[click me](javascript:alert(3))", "<b onmouseover=alert(6)>Eve</b>",
                 "[win](javascript:alert(7))", "[ref]: javascript:alert(5)"):  # fmt: skip
        assert text in shown, text
