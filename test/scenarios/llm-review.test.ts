import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers/cli.js";
import { query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";

const SUITE = "scenarios/llm-review/suite.ts";

/** Model calls the suite's cassettes hold, with their token counts: what a replayed run must account for. */
function recorded() {
  const dir = path.join(ROOT, "scenarios/llm-review/recordings");
  let calls = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  for (const file of fs.readdirSync(dir)) {
    const cassette = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
      entries: Array<{ response: { usage_metadata?: { input_tokens: number; output_tokens: number } } }>;
    };
    for (const entry of cassette.entries) {
      calls++;
      tokensIn += entry.response.usage_metadata?.input_tokens ?? 0;
      tokensOut += entry.response.usage_metadata?.output_tokens ?? 0;
    }
  }
  return { calls, tokensIn, tokensOut };
}

describe("the llm-review suite replayed offline", () => {
  it("counts the worker's and the auditors' model calls and tokens in its metrics and the log", async () => {
    const db = tempDb();
    const result = await cli(["--db", db, "--json", "scenarios", SUITE]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const expected = recorded();
    expect(report.metrics).toMatchObject({
      modelCalls: expected.calls,
      tokensIn: expected.tokensIn,
      tokensOut: expected.tokensOut,
    });
    expect(report.metrics.costUsd).toBeGreaterThan(0);
    const logged = query<{ body: string }>(db, "select body from events where kind = 'auditor.verdict'")
      .map((r) => JSON.parse(r.body).payload.usage)
      .reduce((n: number, u: { modelCalls: number }) => n + u.modelCalls, 0);
    expect(logged).toBeGreaterThan(0);
  });

  it("settles the cash case by cross-examination: the LLM auditor passes at round 0 and fails at round 1", async () => {
    const db = tempDb();
    const result = await cli(["--db", db, "--json", "scenarios", SUITE]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const cash = report.suites[0].cases.find((c: { name: string }) => c.name.startsWith("cash taken"));
    const caseId: string = cash.attempts[0].caseId;
    const events = query<{ kind: string; body: string }>(
      db,
      "select kind, body from events where case_id = ? order by seq",
      caseId,
    ).map((r) => ({ kind: r.kind, payload: JSON.parse(r.body).payload }));
    expect(events.map((e) => e.kind)).toContain("crossexam.round");
    const judge = events
      .filter((e) => e.kind === "auditor.verdict" && e.payload.verdict.auditor === "total-judge")
      .map((e) => ({ round: e.payload.verdict.round, decision: e.payload.verdict.decision }));
    expect(judge).toEqual([
      { round: 0, decision: "pass" },
      { round: 1, decision: "fail" },
    ]);
    expect(cash.attempts[0].outcome).toBe("rejected");
  });
});
