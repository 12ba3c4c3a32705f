import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { interpretAnswer } from "../../../src/agents/llm/verdict-tool.js";
import {
  anthropicClient,
  type BatchRequest,
  runBatch,
  toAIMessage,
} from "../../../src/agents/model/batches.js";
import { tempDir } from "../../helpers/temp.js";
import { FakeAnthropic, toolUse } from "./fake-anthropic.js";

const servers: FakeAnthropic[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const request = (customId: string): BatchRequest => ({
  customId,
  params: {
    model: "claude-haiku-4-5",
    max_tokens: 1024,
    messages: [{ role: "user", content: `audit case ${customId}` }],
  },
});

async function setupBatches() {
  const fake = await FakeAnthropic.start((body) =>
    toolUse(
      "record_verdict",
      { decision: "pass", confidence: 0.9, findings: [], rationale: JSON.stringify(body["messages"]) },
      { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 100 },
    ),
  );
  servers.push(fake);
  const stateFile = join(tempDir(), "batch.json");
  const client = () => anthropicClient({ apiKey: "test-key", baseURL: fake.url, maxRetries: 0 });
  const creates = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/messages/batches");
  return { fake, stateFile, client, creates };
}

describe("Message Batches", () => {
  it("submits once, polls until the batch ends, and returns each outcome by custom id", async () => {
    const { client, stateFile, creates } = await setupBatches();
    const polls: string[] = [];
    const outcomes = await runBatch(client(), [request("a"), request("b")], {
      stateFile,
      pollIntervalMs: 1,
      onPoll: (status) => polls.push(status),
    });
    expect(creates()).toHaveLength(1);
    expect(polls).toEqual(["in_progress", "ended"]);
    expect([...outcomes.keys()].sort()).toEqual(["a", "b"]);
    expect(outcomes.get("a")?.type).toBe("succeeded");
    expect(existsSync(stateFile)).toBe(false);
  });

  it("resumes the submitted batch after a restart, without submitting again", async () => {
    const { client, stateFile, creates } = await setupBatches();
    const dying = new AbortController();
    const first = runBatch(client(), [request("a")], {
      stateFile,
      pollIntervalMs: 60_000,
      signal: dying.signal,
      onPoll: () => dying.abort(new Error("process killed")),
    });
    await expect(first).rejects.toThrow("process killed");
    expect(JSON.parse(readFileSync(stateFile, "utf8")).batchId).toBe("msgbatch_1");

    // A new process: a new client, the same requests.
    const outcomes = await runBatch(client(), [request("a")], { stateFile, pollIntervalMs: 1 });
    expect(creates()).toHaveLength(1);
    expect(outcomes.get("a")?.type).toBe("succeeded");
  });

  it("refuses to resume a batch of other requests", async () => {
    const { client, stateFile } = await setupBatches();
    const dying = new AbortController();
    await expect(
      runBatch(client(), [request("a")], {
        stateFile,
        signal: dying.signal,
        onPoll: () => dying.abort(new Error("x")),
      }),
    ).rejects.toThrow("x");
    await expect(runBatch(client(), [request("b")], { stateFile, pollIntervalMs: 1 })).rejects.toThrow(
      /belongs to batch msgbatch_1 of other requests; finish that run, or delete the file/,
    );
  });

  it("turns a batch result into a verdict like a live answer, with cache tokens", async () => {
    const { client, stateFile } = await setupBatches();
    const outcomes = await runBatch(client(), [request("a")], { stateFile, pollIntervalMs: 1 });
    const outcome = outcomes.get("a");
    if (outcome?.type !== "succeeded") throw new Error("expected a message");
    const message = toAIMessage(outcome.message);
    expect(message.usage_metadata).toMatchObject({ input_tokens: 110, output_tokens: 5 });
    expect(interpretAnswer(message, { auditor: "judge", evidence: [], minConfidence: 0.5 })).toMatchObject({
      decision: "pass",
      confidence: 0.9,
    });
  });
});
