import fs from "node:fs";
import path from "node:path";
import { ChatAnthropic } from "@langchain/anthropic";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { agents, defineWorkflow, unanimous } from "../../src/index.js";
import { FakeAnthropic, type FakeReply, toolUse } from "../agents/model/fake-anthropic.js";
import { needsClaude, rules } from "../fixtures/workflows/needs-claude.js";
import { tempDb, tempDir } from "../helpers/temp.js";

const servers: FakeAnthropic[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const server of servers.splice(0)) await server.close();
});

const tasks = [1, 2, 3].map((n) => ({ input: { text: `TOTAL ${n}.00` } }));

function toolsOf(body: Record<string, unknown>): string[] {
  return ((body["tools"] as Array<{ name: string }> | undefined) ?? []).map((t) => t.name);
}

/** The needs-claude workflow against a fake Anthropic: the worker reads the total, the judge passes it. */
async function setupBatchRun(judge: (body: Record<string, unknown>) => FakeReply = pass) {
  const fake = await FakeAnthropic.start((body) =>
    toolsOf(body).includes("record_verdict")
      ? judge(body)
      : toolUse("final_output", { total: totalIn(body) }, { input_tokens: 20, output_tokens: 5 }),
  );
  servers.push(fake);
  vi.stubEnv("ANTHROPIC_API_KEY", "test-key");
  vi.stubEnv("ANTHROPIC_BASE_URL", fake.url);
  const workflow = needsClaude();
  const stateDir = tempDir();
  const batchCreates = () =>
    fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/messages/batches");
  const liveJudgeCalls = () => fake.messageRequests.filter((r) => toolsOf(r.body).includes("record_verdict"));
  return { fake, workflow, stateDir, db: tempDb(), batchCreates, liveJudgeCalls };
}

function pass(): FakeReply {
  return toolUse("record_verdict", { decision: "pass", confidence: 0.9, findings: [], rationale: "ok" });
}

function totalIn(body: Record<string, unknown>): string {
  return /TOTAL (\d+\.\d\d)/.exec(JSON.stringify(body["messages"]))?.[1] ?? "none";
}

describe("runMany({ batch })", () => {
  it("sends every case's auditor call in one Message Batch and none live", async () => {
    const { workflow, stateDir, db, batchCreates, liveJudgeCalls } = await setupBatchRun();
    const results = await workflow.runMany(tasks, {
      db,
      batch: { stateDir, quietMs: 50, pollIntervalMs: 1 },
    });
    expect(results.map((r) => r.decision.outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(batchCreates()).toHaveLength(1);
    expect(batchCreates()[0]?.body["requests"]).toHaveLength(3);
    expect(liveJudgeCalls()).toHaveLength(0);
    // A finished run leaves no state behind.
    expect(fs.readdirSync(stateDir).flatMap((d) => fs.readdirSync(path.join(stateDir, d)))).toEqual([]);
    workflow.close();
  });

  it("resumes the submitted batch after an interrupted run, without submitting it again", async () => {
    const { workflow, stateDir, db, batchCreates, liveJudgeCalls } = await setupBatchRun();
    const dying = new AbortController();
    await workflow.runMany(tasks, {
      db,
      batch: {
        stateDir,
        quietMs: 50,
        pollIntervalMs: 60_000,
        signal: dying.signal,
        onPoll: () => dying.abort(new Error("process killed")),
      },
    });
    expect(batchCreates()).toHaveLength(1);
    expect(
      fs.readdirSync(path.join(stateDir, "pending")).filter((f) => f.endsWith(".state.json")),
    ).toHaveLength(1);

    const results = await workflow.runMany(tasks, {
      db,
      batch: { stateDir, quietMs: 50, pollIntervalMs: 1 },
    });
    expect(results.map((r) => r.decision.outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(batchCreates()).toHaveLength(1);
    expect(liveJudgeCalls()).toHaveLength(0);
    workflow.close();
  });

  it("makes the auditor abstain with a finding when its batched request errored", async () => {
    const { workflow, stateDir, db, liveJudgeCalls } = await setupBatchRun((body) =>
      totalIn(body) === "2.00" ? { status: 529, type: "overloaded_error", message: "Overloaded" } : pass(),
    );
    const results = await workflow.runMany(tasks, {
      db,
      batch: { stateDir, quietMs: 50, pollIntervalMs: 1 },
    });
    const judge = results[1]?.verdicts.find((v) => v.auditor === "judge");
    expect(judge?.decision).toBe("abstain");
    expect(judge?.findings[0]?.ruleId).toBe("llm.error");
    expect(judge?.findings[0]?.message).toContain("overloaded_error");
    expect(results[0]?.decision.outcome).toBe("accepted");
    expect(liveJudgeCalls()).toHaveLength(0);
    workflow.close();
  });

  it("refuses at start an auditor whose model cannot be batched, sending nothing", async () => {
    const { fake, stateDir, db } = await setupBatchRun();
    const workflow = defineWorkflow({
      name: "instance-judge",
      version: "1",
      worker: agents.llmWorker({
        name: "reader",
        model: "anthropic:claude-sonnet-4-5",
        instructions: "Read it.",
        output: z.object({ total: z.string() }),
      }),
      auditors: [
        agents.llmAuditor({
          name: "judge",
          model: new ChatAnthropic({ model: "claude-opus-4-5", apiKey: "k", anthropicApiUrl: fake.url }),
          rubric: "Be right.",
        }),
        rules,
      ],
      consensus: unanimous(),
    });
    const run = workflow.runMany(tasks, { db, batch: { stateDir } });
    await expect(run).rejects.toMatchObject({ code: "USAGE" });
    await expect(run).rejects.toThrow("cannot be batched: judge (anthropic:claude-opus-4-5)");
    expect(fake.requests).toHaveLength(0);
    workflow.close();
  });
});
