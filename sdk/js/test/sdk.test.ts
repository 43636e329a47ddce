// The SDK against a running Mimic on 127.0.0.1 (tests/sdk/test_js_sdk.py starts it):
// MIMIC_URL, MIMIC_TOKEN (a signed-in user's), MIMIC_TEST_BOT_URL (a support bot to test).
import assert from "node:assert/strict";
import { test } from "node:test";

import { JUDGED_OUTCOMES, MimicApiError, MimicClient, countsAgainstAgent, type SessionUpdate } from "../src/index.js";

const baseUrl = process.env.MIMIC_URL;
const token = process.env.MIMIC_TOKEN;
const botUrl = process.env.MIMIC_TEST_BOT_URL;
if (!baseUrl || !token || !botUrl) throw new Error("set MIMIC_URL, MIMIC_TOKEN and MIMIC_TEST_BOT_URL (a running Mimic)");

const client = new MimicClient({ baseUrl, token });

test("a session is created and followed to completion", async () => {
  const persona = await client.personas.create({
    name: "Sam (polite, patient)",
    traits: { communication_style: "polite", patience_level: "high", urgency: "low" },
  });
  const objective = await client.objectives.create({
    name: "Opening hours",
    definition: { goal: "Find out the store's opening hours.", successCriteria: ["The agent gives the store's opening hours"] },
    config: { maxTurns: 4 },
    // The offline judge cannot tell meaning: this check decides the criterion.
    checks: [{ type: "regex", value: "open from \\d+ ?(am|pm) to \\d+ ?(am|pm)", criterion: 0 }],
  });
  const agent = await client.agents.create({
    name: "JS SDK bot",
    type: "http",
    config: { url: `${botUrl}/chat`, replyPath: "data.reply" },
  });
  // The seed's calls: create, then subscribe with a callback.
  const session = await client.sessions.create({
    agentId: agent.id,
    personaId: persona.id,
    objectiveId: objective.id,
    config: { duration: 60, maxMessages: 10, seed: 4 },
    autoStart: true,
  });
  const updates: SessionUpdate[] = [];
  const subscription = client.sessions.subscribe(session.id, (update) => {
    updates.push(update);
  });
  const final = await subscription.done;
  assert.equal(updates.at(-1)?.type, "complete");
  assert.equal(final.status, "completed");
  assert.equal(final.outcome, "passed");
  const said = updates.filter((u) => u.type === "message").map((u) => u.data.content);
  assert.deepEqual(said, final.messages.map((m) => m.content));
  assert.equal(final.verdict?.criteria[0].status, "met");
  assert.ok((JUDGED_OUTCOMES as readonly string[]).includes(final.outcome ?? "") && !countsAgainstAgent(final.outcome));

  // The verdict's rows cite the transcript's messages; the judge model and prompt version are named.
  const verdict = await client.sessions.verdict(session.id);
  const ids = new Set(final.messages.map((m) => m.id));
  const criterion = verdict?.criteria[0];
  assert.equal(criterion?.source, "check");
  assert.ok(criterion && criterion.evidenceMessageIds.length > 0 && criterion.evidenceMessageIds.every((id) => ids.has(id)));
  assert.ok(verdict?.checks.some((row) => row.key === "objective:0" && row.status === "met"));
  assert.equal(verdict?.judgeModel, "mimic/offline");
  const judgements = await client.sessions.judgements(session.id);
  assert.equal(judgements[0].id, verdict?.judgementId);
  const passed = await client.sessions.list({ outcome: "passed", limit: 100 });
  assert.ok(passed.data.some((s) => s.id === session.id));
});

test("lists page by page", async () => {
  const first = await client.personas.list({ page: 1, limit: 5 });
  const all: string[] = [];
  for await (const persona of client.personas.iterate({ limit: 5 })) all.push(persona.id);
  assert.equal(all.length, first.pagination.total);
  assert.ok(first.pagination.pages > 1);
});

test("errors come in the API's shape", async () => {
  await assert.rejects(client.sessions.get("no-such-session"), (error: unknown) => {
    assert.ok(error instanceof MimicApiError);
    assert.equal(error.status, 404);
    assert.equal(error.code, "RESOURCE_NOT_FOUND");
    return true;
  });
  await assert.rejects(client.personas.create({ name: " " }), (error: unknown) => {
    assert.ok(error instanceof MimicApiError && error.status === 422);
    assert.equal(error.details[0].field, "name");
    return true;
  });
});
