import { describe, expect, it } from "vitest";
import { CrosscheckError, defineAuditor, defineWorkflow, majority } from "../../src/index.js";
import scripted, { type Script } from "../fixtures/workflows/scripted.js";
import { eventKinds, query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";

function setupWorkflow() {
  const db = tempDb();
  const run = (input: Partial<Script>, extra: Record<string, unknown> = {}) =>
    scripted.run({ input: input as Script, ...extra }, { db });
  return { db, run, workflow: scripted };
}

describe("a workflow run", () => {
  it("accepts an output every auditor passes, and records every step", async () => {
    const { db, run } = setupWorkflow();
    const result = await run({ content: "hello" });
    expect(result.outcome).toBe("accepted");
    expect(result.decidedBy).toBe("consensus");
    expect(result.output?.content).toBe("hello");
    expect(result.verdicts.map((v) => v.auditor).sort()).toEqual(["a", "b", "c"]);
    expect(eventKinds(db, result.caseId)).toEqual([
      "case.started",
      "worker.output",
      "auditor.verdict",
      "auditor.verdict",
      "auditor.verdict",
      "case.decided",
      "case.ended",
    ]);
    const [row] = query<{ status: string; decided_by: string }>(
      db,
      "select * from cases where id = ?",
      result.caseId,
    );
    expect(row).toMatchObject({ status: "accepted", decided_by: "consensus" });
  });

  it("rejects when the majority fails, after cross-examination leaves the dissenter unmoved", async () => {
    const { db, run } = setupWorkflow();
    const result = await run({ a: "fail", b: "fail", c: "pass" });
    expect(result.outcome).toBe("rejected");
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(["test.a", "test.b"]);
    const kinds = eventKinds(db, result.caseId);
    expect(kinds).toContain("crossexam.round");
    expect(kinds.filter((k) => k === "auditor.verdict")).toHaveLength(4);
  });

  it("lets cross-examination change the outcome when an auditor revises its verdict", async () => {
    const { db, run } = setupWorkflow();
    const result = await run({ a: "pass", b: "fail", c: "fail", cReconsiders: "pass" });
    expect(result.outcome).toBe("accepted");
    const c = result.verdicts.find((v) => v.auditor === "c");
    expect(c).toMatchObject({ decision: "pass", round: 1 });
    const rounds = query<{ auditor: string; round: number; decision: string }>(
      db,
      "select auditor, round, decision from verdicts where case_id = ? and auditor = 'c' order by round",
      result.caseId,
    );
    expect(rounds).toEqual([
      { auditor: "c", round: 0, decision: "fail" },
      { auditor: "c", round: 1, decision: "pass" },
    ]);
  });

  it("turns an auditor's exception into an abstain verdict with a finding", async () => {
    const { run } = setupWorkflow();
    const result = await run({ a: "throw" });
    const a = result.verdicts.find((v) => v.auditor === "a");
    expect(a?.decision).toBe("abstain");
    expect(a?.findings[0]?.ruleId).toBe("agent.error");
    expect(a?.findings[0]?.message).toContain("a crashed");
    expect(result.outcome).toBe("accepted");
  });

  it("turns an auditor that never answers into an abstain verdict with a timeout finding", async () => {
    const { run } = setupWorkflow();
    const result = await run({ b: "hang" });
    const b = result.verdicts.find((v) => v.auditor === "b");
    expect(b?.decision).toBe("abstain");
    expect(b?.findings[0]?.ruleId).toBe("agent.timeout");
  });

  it("turns a malformed verdict into an abstain verdict naming the bad field", async () => {
    const { run } = setupWorkflow();
    const result = await run({ c: "garbage" });
    const c = result.verdicts.find((v) => v.auditor === "c");
    expect(c?.decision).toBe("abstain");
    expect(c?.findings[0]?.ruleId).toBe("agent.invalid-verdict");
    expect(c?.findings[0]?.message).toMatch(/decision/);
  });

  it("rejects without auditing when the worker throws", async () => {
    const { db, run } = setupWorkflow();
    const result = await run({ worker: "throw" });
    expect(result.outcome).toBe("rejected");
    expect(result.workerFailure).toMatchObject({ reason: "error" });
    expect(result.verdicts).toEqual([]);
    expect(eventKinds(db, result.caseId)).toEqual([
      "case.started",
      "worker.failed",
      "case.decided",
      "case.ended",
    ]);
  });

  it("rejects when the worker runs out of time", async () => {
    const { run } = setupWorkflow();
    const result = await run({ worker: "hang" });
    expect(result.outcome).toBe("rejected");
    expect(result.workerFailure?.reason).toBe("timeout");
  });

  it("rejects a worker output that is not an Output", async () => {
    const { run } = setupWorkflow();
    const result = await run({ worker: "garbage" });
    expect(result.workerFailure?.reason).toBe("invalid-output");
  });

  it("audits an output produced elsewhere without calling the worker", async () => {
    const { db, run } = setupWorkflow();
    const result = await run(
      { worker: "throw" },
      {
        output: { content: "made elsewhere", status: "all tests pass" },
        trace: [{ id: "t1", kind: "command", name: "npm test", exitCode: 0, startedAt: 1 }],
      },
    );
    expect(result.outcome).toBe("accepted");
    expect(result.output?.content).toBe("made elsewhere");
    const [row] = query<{ supplied: number; trace: string }>(
      db,
      "select * from outputs where case_id = ?",
      result.caseId,
    );
    expect(row?.supplied).toBe(1);
    expect(JSON.parse(row?.trace ?? "[]")[0].name).toBe("npm test");
  });

  it("escalates a low-confidence pass and waits for a human", async () => {
    const { db, run, workflow } = setupWorkflow();
    const result = await run({ a: "low" });
    expect(result.outcome).toBe("escalated");
    expect(result.decidedBy).toBeUndefined();
    const [escalation] = query<{ status: string; priority: string }>(
      db,
      "select * from escalations where case_id = ?",
      result.caseId,
    );
    expect(escalation?.status).toBe("pending");
    const decided = await workflow.decide(
      result.caseId,
      { decision: "reject", reviewer: "rita", reason: "unsure" },
      { db },
    );
    expect(decided.outcome).toBe("rejected");
    expect(decided.decidedBy).toBe("human");
    expect(decided.human).toMatchObject({ reviewer: "rita", decision: "reject", reason: "unsure" });
  });

  it("refuses a second decision on the same case, and a decision on an unknown or unescalated case", async () => {
    const { db, run, workflow } = setupWorkflow();
    const escalated = await run({ a: "pass", b: "fail", c: "abstain" });
    expect(escalated.outcome).toBe("escalated");
    await workflow.decide(
      escalated.caseId,
      { decision: "accept", reviewer: "ann", reason: "checked" },
      { db },
    );
    const again = workflow.decide(
      escalated.caseId,
      { decision: "reject", reviewer: "bob", reason: "no" },
      { db },
    );
    await expect(again).rejects.toMatchObject({ code: "ALREADY_DECIDED" });
    await expect(
      workflow.decide("no-such-case", { decision: "accept", reviewer: "ann", reason: "x" }, { db }),
    ).rejects.toMatchObject({ code: "CASE_NOT_FOUND" });
    const accepted = await run({});
    await expect(
      workflow.decide(accepted.caseId, { decision: "accept", reviewer: "ann", reason: "x" }, { db }),
    ).rejects.toMatchObject({ code: "CASE_NOT_ESCALATED" });
    // The resumed run wrote each event once.
    const kinds = eventKinds(db, escalated.caseId);
    expect(kinds.filter((k) => k === "escalation.opened")).toHaveLength(1);
    expect(kinds.filter((k) => k === "human.decision")).toHaveLength(1);
    expect(kinds.filter((k) => k === "case.ended")).toHaveLength(1);
  });

  it("checks tasks before writing anything to the log", async () => {
    const { db, workflow } = setupWorkflow();
    await expect(
      workflow.runMany([{ input: {} as Script }, { input: { sleepMs: -1 } as Script }], { db }),
    ).rejects.toThrow(/task 2 input is invalid for workflow scripted: sleepMs/);
    await expect(workflow.run({ input: {} as Script, extra: 1 } as never, { db })).rejects.toMatchObject({
      code: "TASK_INVALID",
    });
    expect(query(db, "select * from events")).toEqual([]);
  });

  it("runs many tasks as one run and returns results in input order", async () => {
    const { db, workflow } = setupWorkflow();
    const results = await workflow.runMany(
      [{ input: { sleepMs: 60, content: "slow" } as Script }, { input: { content: "fast" } as Script }],
      { db, concurrency: 2 },
    );
    expect(results.map((r) => r.output?.content)).toEqual(["slow", "fast"]);
    expect(new Set(results.map((r) => r.runId)).size).toBe(1);
    const [run] = query<{ status: string }>(db, "select status from runs");
    expect(run?.status).toBe("completed");
  });
});

describe("defineWorkflow", () => {
  const ok = defineAuditor("ok", () => ({ decision: "pass", confidence: 1 }));
  const base = {
    name: "w",
    worker: async function w() {
      return { content: 1 };
    },
    auditors: [ok],
    consensus: majority(),
  };

  it("rejects a workflow without auditors, naming the field", () => {
    expect(() => defineWorkflow({ ...base, auditors: [] })).toThrow(/auditors: needs at least one auditor/);
  });

  it("rejects two auditors with the same name", () => {
    expect(() => defineWorkflow({ ...base, auditors: [ok, ok] })).toThrow(/two auditors are named "ok"/);
  });

  it("rejects a consensus that is not a policy", () => {
    expect(() => defineWorkflow({ ...base, consensus: "majority" as never })).toThrow(CrosscheckError);
  });

  it("rejects an anonymous worker function", () => {
    expect(() => defineWorkflow({ ...base, worker: (() => async () => ({ content: 1 }))() })).toThrow(
      /worker is an anonymous function/,
    );
  });

  it("rejects a bad quota", () => {
    expect(() => defineWorkflow({ ...base, quotas: { agentTimeoutMs: -5 } })).toThrow(
      /quotas.agentTimeoutMs/,
    );
  });
});
