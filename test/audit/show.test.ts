import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../../src/audit/events.js";
import { getRunAccount } from "../../src/audit/queries.js";
import { renderRunAccount } from "../../src/audit/show.js";
import type { TraceEvent } from "../../src/domain/trace.js";
import { isCrosscheckError } from "../../src/errors.js";
import { cli } from "../helpers/cli.js";
import { caseEvents, type LogSetup, runStarted, SYSTEM, setupLog, verdict } from "./setup.js";

describe("renderRunAccount", () => {
  let s: LogSetup;
  beforeEach(() => {
    s = setupLog();
    s.log.append([
      runStarted("run-1"),
      ...caseEvents("run-1", "c-ok", "accepted"),
      ...caseEvents("run-1", "c-esc", "escalated"),
      {
        kind: "crossexam.round",
        key: "x1",
        runId: "run-1",
        caseId: "c-esc",
        actor: SYSTEM,
        payload: { round: 1, disagreeing: ["tests", "trace"] },
      },
      verdict("run-1", "c-esc", "trace", "fail", 1),
    ]);
    s.log.claimDecision(
      "c-esc",
      { reviewer: "ana", decision: "reject", reason: "exit code 1 is real", at: Date.UTC(2025, 1, 1, 12) },
      { authenticatedBy: "os-user" },
    );
  });
  afterEach(() => s.close());

  it("tells what the worker said, what each auditor found, the decision and the human review", () => {
    const text = renderRunAccount(s.database, "run-1");
    expect(text).toContain("Run run-1 — workflow code-review 1.0.0");
    expect(text).toContain("2 cases");
    expect(text).toContain("Case c-ok — task task-c-ok (diff): ACCEPTED by consensus");
    expect(text).toContain("worker output: patched the parser");
    expect(text).toContain("worker says: all tests pass");
    expect(text).toContain("auditor trace: fail (confidence 0.90)");
    expect(text).toContain("- [high] trace.false-success: npm test exited 1");
    expect(text).toContain("auditor trace [round 1]: fail");
    expect(text).toContain("cross-examination round 1: disagreeing tests, trace");
    expect(text).toContain("decision (unanimous): escalated — auditors said escalated");
    expect(text).toContain(
      "escalated at 2025-01-31T09:00:00.011Z (high priority): auditors disagree; decided",
    );
    expect(text).toContain(
      "human decision: reject by ana (authenticated by os-user) at 2025-02-01T12:00:00.000Z: exit code 1 is real",
    );
  });

  it("shows only the case when given a case id", () => {
    const text = renderRunAccount(s.database, "c-esc");
    expect(text).toContain("Case c-esc");
    expect(text).not.toContain("Case c-ok");
    expect(getRunAccount(s.database, "c-esc")).toMatchObject({ focusCaseId: "c-esc", run: { id: "run-1" } });
  });

  it("escapes control characters an agent put in its output", () => {
    s.log.append([
      runStarted("run-2"),
      ...caseEvents("run-2", "evil", "accepted").map((e) =>
        e.kind === "worker.output"
          ? { ...e, payload: { ...e.payload, output: { content: "ok\u001b[2J\nfake line" } } }
          : e,
      ),
    ]);
    const text = renderRunAccount(s.database, "evil");
    expect(text).toContain("worker output: ok\\u001b[2J\\nfake line");
    expect(text).not.toContain("\u001b");
  });

  it("lists the most recent runs when the id is unknown", () => {
    try {
      renderRunAccount(s.database, "nope");
      expect.unreachable();
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("CASE_NOT_FOUND");
      expect((error as Error).message).toMatch(/no run or case with id "nope".*most recent runs are: run-1/);
    }
  });
});

describe("model usage in the account of a run", () => {
  let s: LogSetup;
  beforeEach(() => {
    s = setupLog();
    const trace: TraceEvent[] = [
      {
        id: "m1",
        kind: "model_call",
        name: "claude-sonnet-4-5",
        startedAt: 1,
        tokensIn: 100,
        tokensOut: 10,
        costUsd: 0.001,
      },
      { id: "t1", kind: "tool_call", name: "read_receipt", startedAt: 2 },
      {
        id: "m2",
        kind: "model_call",
        name: "claude-sonnet-4-5",
        startedAt: 3,
        tokensIn: 200,
        tokensOut: 20,
        costUsd: 0.002,
      },
    ];
    const judged = { modelCalls: 1, tokensIn: 300, tokensOut: 30, costUsd: 0.004 };
    s.log.append([
      runStarted("run-m"),
      ...caseEvents("run-m", "c-model", "escalated").map((e): NewEvent => {
        if (e.kind === "worker.output") return { ...e, payload: { ...e.payload, trace } };
        // "tests" is model-backed; "trace" is a verdict logged without usage (an older log).
        if (e.kind === "auditor.verdict" && e.actor.id === "tests") {
          return { ...e, payload: { ...e.payload, usage: judged } };
        }
        return e;
      }),
      ...caseEvents("run-m", "c-rules", "accepted"),
    ]);
  });
  afterEach(() => s.close());

  it("counts the worker's model calls from its trace, each verdict's from its event, per case and per run", () => {
    const account = getRunAccount(s.database, "run-m");
    const model = account.cases.find((c) => c.id === "c-model");
    expect(model?.workerUsage).toEqual({ modelCalls: 2, tokensIn: 300, tokensOut: 30, costUsd: 0.003 });
    expect(model?.verdicts.map((v) => [v.auditor, v.usage])).toEqual([
      ["tests", { modelCalls: 1, tokensIn: 300, tokensOut: 30, costUsd: 0.004 }],
      ["trace", null],
    ]);
    expect(model?.usage).toMatchObject({ modelCalls: 3, tokensIn: 600, tokensOut: 60 });
    expect(model?.usage.costUsd).toBeCloseTo(0.007, 10);
    const rules = account.cases.find((c) => c.id === "c-rules");
    expect(rules?.usage).toEqual({ modelCalls: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 });
    expect(account.usage).toMatchObject({ modelCalls: 3, tokensIn: 600, tokensOut: 60 });
    expect(account.usage.costUsd).toBeCloseTo(0.007, 10);
  });

  it("shows the worker's, each verdict's, each case's and the run's usage in the text", () => {
    const text = renderRunAccount(s.database, "run-m");
    expect(text).toContain("2 cases; 3 model calls, tokens 600 in / 60 out, $0.0070");
    expect(text).toContain("worker 2 model calls, tokens 300 in / 30 out, $0.0030");
    expect(text).toContain(
      "auditor tests: pass (confidence 0.90); 1 model call, tokens 300 in / 30 out, $0.0040",
    );
    expect(text).toContain("auditor trace: fail (confidence 0.90)\n");
    expect(text).toContain("case total: 3 model calls, tokens 600 in / 60 out, $0.0070");
  });

  it("puts the same numbers in audit show --json", async () => {
    const result = await cli(["--db", s.database.path, "--json", "audit", "show", "run-m"]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.usage).toMatchObject({ modelCalls: 3, tokensIn: 600, tokensOut: 60 });
    expect(json.cases.find((c: { id: string }) => c.id === "c-model").workerUsage).toEqual({
      modelCalls: 2,
      tokensIn: 300,
      tokensOut: 30,
      costUsd: 0.003,
    });
  });
});
