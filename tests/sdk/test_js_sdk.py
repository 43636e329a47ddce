"""The JavaScript/TypeScript SDK (sdk/js, @mimic/sdk): `npm test` against the running API on
127.0.0.1. It builds the SDK with tsc, checks that its types (src/schema.d.ts) are the ones
openapi-typescript makes from this very app's /openapi.json, then creates a session with
`client.sessions.create` and follows it with `client.sessions.subscribe` to completion."""

from __future__ import annotations

import os
import shutil
import subprocess

from app.settings import PROJECT_ROOT
from tests.support.loopback import LoopbackServer
from tests.support.suites import topic_bot

SDK = PROJECT_ROOT / "sdk" / "js"


def test_npm_test_against_the_running_app(live_api, make_account) -> None:
    assert shutil.which("npm"), "Node.js and npm are needed (Debian's nodejs and npm)"
    assert (SDK / "node_modules" / "typescript").is_dir(), "run `make sdk-js` (npm ci in sdk/js) first"
    account = make_account()
    with LoopbackServer(topic_bot({})) as bot:
        env = {**os.environ, "MIMIC_URL": live_api.url, "MIMIC_TOKEN": account.token, "MIMIC_TEST_BOT_URL": bot.url}
        result = subprocess.run(["npm", "test", "--silent"], cwd=SDK, env=env, capture_output=True, text=True,
                                timeout=300)  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "src/schema.d.ts matches" in output
    assert "# pass 3" in output and "# fail 0" in output
