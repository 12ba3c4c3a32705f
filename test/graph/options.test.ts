import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/audit/database.js";
import { AuditLog } from "../../src/audit/log.js";
import {
  defineAuditor,
  defineWorker,
  defineWorkflow,
  type Evidence,
  majority,
  type VerdictInput,
  type WorkflowOptions,
} from "../../src/index.js";
import { eventKinds, query } from "../helpers/db.js";
import { tempDb } from "../helpers/temp.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pass = (): VerdictInput => ({ decision: "pass", confidence: 0.9 });

function setupWorkflow(overrides: Partial<WorkflowOptions<string, string>> = {}) {
  const db = tempDb();
  const workflow = defineWorkflow<string, string>({
    name: "options",
    worker: defineWorker<string, string>("echo", (task) => ({ content: task.input })),
    auditors: [defineAuditor("one", pass), defineAuditor("two", pass)],
    consensus: majority(),
    ...overrides,
  });
  return { db, workflow, run: (input: string) => workflow.run({ input }, { db }) };
}

function evidence(id: string, text: string): Evidence {
  return {
    id,
    source: `doc.md#${id}`,
    text,
    contentHash: createHash("sha256").update(text).digest("hex"),
    score: 1,
  };
}

describe("workflow options", () => {
  it("gives auditors the retrieved evidence and logs its ids, hashes and the retrieval parameters", async () => {
    const seen: string[][] = [];
    const { db, run } = setupWorkflow({
      retrieve: {
        name: "fixed",
        params: { collection: "policies", k: 2 },
        retrieve: () => [evidence("e1", "refunds within 30 days"), evidence("e2", "no cash refunds")],
      },
      auditors: [
        defineAuditor("cites", ({ evidence: found }) => {
          seen.push(found.map((e) => e.id));
          return {
            decision: "fail",
            confidence: 0.8,
            findings: [
              { ruleId: "policy.refund", severity: "high", message: "contradicts e2", evidenceIds: ["e2"] },
            ],
          };
        }),
        defineAuditor("two", pass),
        defineAuditor("three", () => ({ decision: "fail", confidence: 0.8 })),
      ],
    });
    const result = await run("refund in cash");
    expect(seen).toEqual([["e1", "e2"]]);
    expect(result.outcome).toBe("rejected");
    expect(result.findings[0]?.evidenceIds).toEqual(["e2"]);
    const [event] = query<{ body: string }>(db, "select body from events where kind = 'evidence.retrieved'");
    const payload = JSON.parse(event?.body ?? "{}").payload;
    expect(payload.params).toEqual({ retriever: "fixed", collection: "policies", k: 2 });
    expect(payload.evidence.map((e: Evidence) => e.contentHash)).toEqual([
      createHash("sha256").update("refunds within 30 days").digest("hex"),
      createHash("sha256").update("no cash refunds").digest("hex"),
    ]);
  });

  it("logs a failing retriever and still audits with no evidence", async () => {
    const { db, run } = setupWorkflow({
      retrieve: {
        name: "down",
        retrieve: () => {
          throw new Error("store offline");
        },
      },
    });
    const result = await run("x");
    expect(result.outcome).toBe("accepted");
    expect(result.evidence).toEqual([]);
    const [event] = query<{ body: string }>(db, "select body from events where kind = 'evidence.retrieved'");
    expect(JSON.parse(event?.body ?? "{}").payload.params.error).toMatch(/store offline/);
  });

  it("cuts every agent call to what is left of the case's wall-time budget", async () => {
    const { run } = setupWorkflow({
      worker: defineWorker<string, string>("slow", async (task) => {
        await sleep(150);
        return { content: task.input };
      }),
      auditors: [
        defineAuditor("slow-auditor", async () => {
          await sleep(5_000);
          return pass();
        }),
        defineAuditor("two", pass),
      ],
      quotas: { caseTimeoutMs: 250, agentTimeoutMs: 10_000 },
    });
    const result = await run("x");
    const slow = result.verdicts.find((v) => v.auditor === "slow-auditor");
    expect(slow?.decision).toBe("abstain");
    expect(slow?.findings[0]?.ruleId).toBe("agent.timeout");
  });

  it("never runs more agents at once than maxConcurrentAgents", async () => {
    let running = 0;
    let peak = 0;
    const counted = (name: string) =>
      defineAuditor(name, async () => {
        running++;
        peak = Math.max(peak, running);
        await sleep(20);
        running--;
        return pass();
      });
    const { db, workflow } = setupWorkflow({
      auditors: [counted("a"), counted("b"), counted("c"), counted("d")],
      quotas: { maxConcurrentAgents: 2 },
    });
    const results = await workflow.runMany(
      Array.from({ length: 4 }, (_, i) => ({ input: `t${i}` })),
      { db, concurrency: 4 },
    );
    expect(results.every((r) => r.outcome === "accepted")).toBe(true);
    expect(peak).toBe(2);
  });

  it("rejects at once instead of waiting when escalation is set to reject", async () => {
    const { db, run } = setupWorkflow({
      auditors: [
        defineAuditor("one", pass),
        defineAuditor("two", () => ({ decision: "fail", confidence: 0.9 })),
      ],
      escalation: { onEscalate: "reject" },
    });
    const result = await run("x");
    expect(result.decision.outcome).toBe("escalated");
    expect(result.outcome).toBe("rejected");
    expect(result.decidedBy).toBe("policy");
    expect(eventKinds(db, result.caseId)).not.toContain("escalation.opened");
  });

  it("records the workflow's name, version and a digest that changes when an agent's code changes", async () => {
    const first = setupWorkflow({ version: "7" });
    await first.run("x");
    const second = setupWorkflow({
      version: "7",
      auditors: [
        defineAuditor("one", () => ({ decision: "pass", confidence: 0.8 })),
        defineAuditor("two", pass),
      ],
    });
    await second.run("x");
    const [a] = query<{ workflow: string; workflow_version: string; workflow_digest: string }>(
      first.db,
      "select * from runs",
    );
    const [b] = query<{ workflow_digest: string }>(second.db, "select * from runs");
    expect(a).toMatchObject({ workflow: "options", workflow_version: "7" });
    expect(a?.workflow_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(b?.workflow_digest).not.toBe(a?.workflow_digest);
  });

  it("stamps each verdict event with its auditor's code digest", async () => {
    const { db, run } = setupWorkflow();
    await run("x");
    const bodies = query<{ body: string }>(db, "select body from events where kind = 'auditor.verdict'").map(
      (r) => JSON.parse(r.body).actor,
    );
    expect(bodies.map((a) => a.id).sort()).toEqual(["one", "two"]);
    expect(
      bodies.every(
        (a) => a.role === "auditor (independence: different-model)" && /^[0-9a-f]{64}$/.test(a.digest),
      ),
    ).toBe(true);
  });
});

describe("a decision whose resume was cut short", () => {
  it("is resumed with the recorded decision by decide --resume, and only then", async () => {
    const { db, workflow } = setupWorkflow({
      auditors: [
        defineAuditor("one", pass),
        defineAuditor("two", () => ({ decision: "fail", confidence: 0.9 })),
      ],
    });
    const escalated = await workflow.run({ input: "x" }, { db });
    expect(escalated.outcome).toBe("escalated");
    // The deciding process records the decision, then dies before resuming the run.
    const database = openDatabase(db);
    new AuditLog(database).claimDecision(escalated.caseId, {
      reviewer: "ann",
      decision: "reject",
      reason: "wrong",
      at: 1,
    });
    database.close();

    const again = workflow.decide(
      escalated.caseId,
      { decision: "accept", reviewer: "bob", reason: "ok" },
      { db },
    );
    await expect(again).rejects.toThrow(/decided by ann .* has not resumed yet: .* --resume/);
    const resumed = await workflow.decide(
      escalated.caseId,
      { decision: "accept", reviewer: "x", reason: "x" },
      { db, resumeOnly: true },
    );
    expect(resumed.outcome).toBe("rejected");
    expect(resumed.human).toMatchObject({ reviewer: "ann", decision: "reject" });
    await expect(
      workflow.decide(
        escalated.caseId,
        { decision: "accept", reviewer: "x", reason: "x" },
        { db, resumeOnly: true },
      ),
    ).rejects.toMatchObject({ code: "CASE_NOT_ESCALATED" });
    expect(eventKinds(db, escalated.caseId).filter((k) => k === "case.ended")).toHaveLength(1);
  });
});
