"""A browser session over the real API, read back: its pages with their findings, the JSON
and Markdown exports with every step, its findings and files, the printable HTML report
(screenshots inline, nothing the app's CSP would block), and two versions of a site
(/before/ and /after/) compared page by page in the analytics."""

from __future__ import annotations

import base64
import html as html_module
import re

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt

from app.engine.browser_judge_prompt import BROWSER_PROMPT_VERSION
from tests.support.everyday import everyday_site
from tests.support.loopback import LoopbackServer
from tests.support.sessions import PERSONA, Api
from tests.test_cli import mimic  # noqa: F401  (the command line, as a real process)

SURVEY = {
    "name": "Answer the member survey",
    "definition": {"goal": "Answer the member survey and send it.", "keywords": ["survey"],
                   "successCriteria": ["The site confirms that the survey answers were received"]},
    "config": {"maxActions": 12},
    # The offline judge leaves meaning to an LLM judge: this check reads the pages and decides.
    "checks": [{"type": "contains", "value": "Your survey answers were received", "criterion": 0}],
}  # fmt: skip
LOOK_AROUND = {
    "name": "Look around the club's site",
    "definition": {"goal": "Find the club's opening hours.", "keywords": ["hours"],
                   "successCriteria": ["The site shows the opening hours"]},
    "config": {"maxActions": 20},
}  # fmt: skip


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


@pytest.fixture
def site():
    state: dict = {}
    with LoopbackServer(everyday_site(state)) as server:
        yield server.url, state


def _session(api: Api, url: str, objective: dict, name: str = "Club site") -> tuple[str, str]:
    persona = api.post("/api/personas", {**PERSONA, "name": "Dana Kelly", "traits": {"patience_level": "high"}})
    objective_id = api.post("/api/objectives", objective)["id"]
    config = {"targetUrl": url, "timeoutSeconds": 10}
    agent = api.post("/api/agents", {"name": name, "type": "browser", "config": config})["id"]
    session_id = api.start(agent, persona["id"], objective_id, config={"seed": 2})
    return session_id, agent


def test_pages_exports_and_the_printable_report(api: Api, site, mimic, tmp_path) -> None:  # noqa: F811
    url, state = site
    session_id, _ = _session(api, url + "/before/index.html", SURVEY)
    detail = api.wait(session_id, timeout=90)
    assert detail["status"] == "completed" and detail["endReason"] == "goal_met", detail["error"]
    assert len(state["before"]["submissions"]) == 1
    verdict = detail["verdict"]
    assert detail["outcome"] == "passed" and detail["blame"] is None
    assert (verdict["judgeModel"], verdict["promptVersion"]) == ("mimic/offline", BROWSER_PROMPT_VERSION)
    assert verdict["endReasonText"].startswith("Ended by the visitor.")
    [criterion], [check] = verdict["criteria"], verdict["checks"]
    assert criterion["status"] == "met" and criterion["source"] == "check" and check["kind"] == "check"

    pages = api.get(f"/api/sessions/{session_id}/pages")
    by_page = {p["page"]: p for p in pages}
    assert [p["page"] for p in pages[:3]] == [url + "/before/index.html", url + "/before/survey.html",
                                              url + "/before/thanks.html"]  # fmt: skip
    assert by_page[url + "/before/thanks.html"]["outcome"] == "confirmation"
    logo = [f for f in detail["findings"] if f["evidence"].get("ruleId") == "image-alt"]
    assert len(logo) == 1 and logo[0]["pages"] == [p["page"] for p in pages[:3]]  # one finding, three pages
    assert all(logo[0]["id"] in [f["id"] for f in by_page[p]["findings"]] for p in logo[0]["pages"])
    assert all(f["page"] and f["page"].startswith(url) for f in detail["findings"] if f["source"] != "judge")

    exported = api.http.get(f"/api/sessions/{session_id}/export?format=json").json()
    steps = exported["steps"]
    events = [e for e in api.get(f"/api/events/{session_id}") if e["type"] in ("action", "navigation")]
    assert [s["id"] for s in steps] == [e["id"] for e in events]
    assert steps[0]["kind"] == "navigation" and steps[-1]["action"] == "done"
    for step in steps[1:]:
        assert step["reasoning"]["thought"] and step["url"].startswith(url) and step["outcome"]["durationMs"] >= 0
        [shot] = [a for a in step["artifacts"] if a["kind"] == "screenshot"]
        assert shot["url"].endswith(f"/api/sessions/{session_id}/artifacts/{shot['id']}")
    filled = next(s for s in steps if s["action"] == "fill_form")
    assert {f["ref"] for f in filled["fields"]} == {f["ref"] for f in filled["outcome"]["fields"]}
    caused = {fid for s in steps for fid in s["findings"]}
    assert caused and caused <= {f["id"] for f in exported["findings"]}
    assert {a["kind"] for a in exported["artifacts"]} == {"screenshot", "trace"}
    assert exported["pages"][0]["page"] == url + "/before/index.html"

    markdown = api.http.get(f"/api/sessions/{session_id}/export?format=markdown").text
    assert "## Steps" in markdown and "## Findings by page" in markdown and "## Transcript" not in markdown
    assert markdown.count("### Step ") == len(steps) - 1
    assert "Fill " not in markdown and "fill " in markdown and "Screenshot: [step-001.jpg](" in markdown
    # The verdict cites steps by number, with the judge model and prompt version.
    cited = steps[[s["id"] for s in steps].index(criterion["evidenceMessageIds"][0])]["step"]
    assert f"Evidence: step {cited}." in markdown and f"prompt version {BROWSER_PROMPT_VERSION}" in markdown
    assert "### Checks" in markdown and "- **met** — A page shows “Your survey answers were received”" in markdown

    report = api.http.get(f"/api/sessions/{session_id}/report")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    html = report.text
    images = re.findall(r'src="data:image/jpeg;base64,([^"]+)"', html)
    assert len(images) == len(steps) - 1 and base64.b64decode(images[0])[:3] == b"\xff\xd8\xff"
    # Under the app's CSP: no script and no inline handler; every step and finding is there.
    assert "<script" not in html.lower() and not re.search(r"\son[a-z]+=", html)
    assert "default-src" in report.headers["content-security-policy"]
    assert html.count('class="step"') == len(steps) and "Findings by page" in html
    assert f"prompt {BROWSER_PROMPT_VERSION}" in html and "Check: A page shows" in html
    assert f'<a href="#{criterion["evidenceMessageIds"][0]}">{cited}</a>' in html
    # Opens from a link: the dashboard's cookie, or ?token=.
    token = api.http.headers["authorization"].split(" ", 1)[1]
    assert httpx.get(f"{api.http.base_url}/api/sessions/{session_id}/report?token={token}").status_code == 200

    # The command line: the same documents, and the pages.
    key = {"MIMIC_API_KEY": api.post("/api/auth/api-keys", {"name": "cli"})["key"]}
    written = mimic("sessions", "export", session_id, "--format", "html", "--out", str(tmp_path / "r.html"),
                    extra_env=key)  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert (tmp_path / "r.html").read_text().count('class="step"') == len(steps)
    assert "## Steps" in mimic("sessions", "export", session_id, "--format", "markdown", extra_env=key).stdout
    listed = mimic("sessions", "pages", session_id, extra_env=key)
    assert listed.returncode == 0 and url + "/before/thanks.html" in listed.stdout and "confirmation" in listed.stdout


# A website's own words, shown as text by the site itself (escaped in its HTML).
HOSTILE_TITLE = "<img src=x onerror=alert(1)> [win](javascript:alert(2))"
HOSTILE_LINK = "[See the deals](javascript:alert(3)) <script>alert(4)</script>"


def hostile_site() -> FastAPI:
    app = FastAPI()

    def page(title: str, body: str) -> str:
        return (f'<!doctype html><html lang="en"><head><title>{html_module.escape(title)}</title></head>'
                f"<body><main><h1>Deals</h1>{body}</main></body></html>")  # fmt: skip

    @app.get("/", response_class=HTMLResponse)
    def home() -> str:
        return page(HOSTILE_TITLE, f'<p><a href="deals.html">{html_module.escape(HOSTILE_LINK)}</a></p>')

    @app.get("/deals.html", response_class=HTMLResponse)
    def deals() -> str:
        return page("Deals", "<p>Nothing on sale today.</p>")

    return app


def test_a_websites_words_export_as_text(api: Api) -> None:
    """What a website says (its titles, its link texts) reaches the Markdown export and the
    report as text: no markup, image or link of the site's making, even in a renderer that
    passes raw HTML and follows any link."""
    with LoopbackServer(hostile_site()) as server:
        objective = {"name": "Deals", "definition": {"goal": "See the deals.", "keywords": ["deals"],
                                                     "successCriteria": ["The site shows the deals"]},
                     "config": {"maxActions": 2}}  # fmt: skip
        session_id, _ = _session(api, server.url + "/", objective, "Deals site")
        assert api.wait(session_id, timeout=60)["status"] == "completed"
    steps = api.http.get(f"/api/sessions/{session_id}/export?format=json").json()["steps"]
    assert steps[1]["pageTitle"] == HOSTILE_TITLE and steps[1]["target"]["description"] == HOSTILE_LINK

    markdown = api.http.get(f"/api/sessions/{session_id}/export?format=markdown").text
    renderer = MarkdownIt("commonmark", {"html": True})
    renderer.validateLink = lambda url: True
    rendered = renderer.render(markdown)
    assert not re.search(r"<(script|img)\b", rendered), rendered
    assert "javascript:" not in "".join(re.findall(r'(?:href|src)="([^"]*)"', rendered))
    shown = html_module.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert HOSTILE_TITLE in shown and HOSTILE_LINK in shown

    report = api.http.get(f"/api/sessions/{session_id}/report").text
    assert "<script" not in report.lower() and not re.search(r"<img[^>]*onerror", report)
    assert html_module.escape(HOSTILE_TITLE, quote=False) in report


def test_a_conversation_has_no_browser_report(api: Api) -> None:
    persona, objective = api.library()
    hosted = api.post("/api/agents", {"name": "bot", "type": "hosted", "config": {"systemPrompt": "Be brief."}})["id"]
    session_id = api.post("/api/sessions", {"agentId": hosted, "personaId": persona, "objectiveId": objective})["id"]
    response = api.http.get(f"/api/sessions/{session_id}/report")
    assert response.status_code == 422 and response.json()["error"]["code"] == "VALIDATION_ERROR"
    assert api.get(f"/api/sessions/{session_id}/pages") == []


def test_two_versions_of_a_site_compared_page_by_page(api: Api, site) -> None:
    url, _ = site
    before, before_agent = _session(api, url + "/before/index.html", LOOK_AROUND, "Club site (before)")
    after, after_agent = _session(api, url + "/after/index.html", LOOK_AROUND, "Club site (after)")
    for session_id in (before, after):
        assert api.wait(session_id, timeout=90)["status"] == "completed"
    compared = api.get(f"/api/analytics/pages?agentId={after_agent}&baselineAgentId={before_agent}")
    assert compared["baselineRoot"] == url + "/before/" and compared["currentRoot"] == url + "/after/"
    rows = {row["key"]: row for row in compared["pages"]}
    assert {"index.html", "todo.html", "survey.html", "gallery.html", "about.html"} <= set(rows)
    gallery = rows["gallery.html"]
    assert gallery["baseline"]["page"] == url + "/before/gallery.html"
    assert gallery["current"]["page"] == url + "/after/gallery.html"
    assert gallery["baseline"]["findings"] > gallery["current"]["findings"] and gallery["delta"] < 0
    assert "image-alt" in gallery["fixed"] and "label" in gallery["fixed"]
    assert compared["currentFindings"] < compared["baselineFindings"]
    # A chat agent, or another workspace's, is refused with the one error shape.
    bad = api.http.get(f"/api/analytics/pages?agentId={after_agent}&baselineAgentId=nope")
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "baselineAgentId"


def test_a_browser_suite_compares_its_runs_page_by_page(live_api, make_account, site) -> None:
    """The site repaired between two runs (the agent's target moved from /before/ to /after/)."""
    from tests.support.suites import SuiteApi

    api = SuiteApi(live_api.url, make_account().headers)
    url, _ = site
    persona = api.post("/api/personas", {**PERSONA, "name": "Dana Kelly", "traits": {"patience_level": "high"}})["id"]
    # Two steps: the home page is seen (and measured) in each run; that is the page compared.
    objective = api.post("/api/objectives", {**LOOK_AROUND, "config": {"maxActions": 2}})["id"]
    config = {"targetUrl": url + "/before/index.html", "timeoutSeconds": 10}
    agent = api.post("/api/agents", {"name": "Club", "type": "browser", "config": config})["id"]
    suite = api.post("/api/suites", {"name": "Club pages", "agentId": agent, "personaIds": [persona],
                                     "objectiveIds": [objective], "repeats": 1, "config": {"seed": 3}})  # fmt: skip
    baseline = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"], timeout=120)
    api.http.patch(f"/api/agents/{agent}", json={"config": {"targetUrl": url + "/after/index.html"}}).raise_for_status()
    current = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"], timeout=120)
    compared = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}")
    pages = compared["pages"]
    assert pages["baselineRoot"] == url + "/before/" and pages["currentRoot"] == url + "/after/"
    rows = {row["key"]: row for row in pages["pages"]}
    assert rows["index.html"]["baseline"]["findings"] > rows["index.html"]["current"]["findings"]
    assert "image-alt" in rows["index.html"]["fixed"]
    assert pages["currentFindings"] < pages["baselineFindings"]
