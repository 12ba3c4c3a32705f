import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NewEvent } from "../../src/audit/events.js";
import { verifyLog } from "../../src/audit/verify.js";
import { isCrosscheckError } from "../../src/errors.js";
import {
  caseEnded,
  caseEvents,
  caseStarted,
  type LogSetup,
  runStarted,
  SYSTEM,
  setupLog,
  verdict,
  workerOutput,
} from "./setup.js";

const HUMAN = {
  reviewer: "ana",
  decision: "accept" as const,
  reason: "the failing test is flaky",
  at: 1_700_000_000_000,
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCrosscheckError(error) ? error.code : `not a CrosscheckError: ${String(error)}`;
  }
  return undefined;
}

describe("AuditLog.append", () => {
  let s: LogSetup;
  const count = (table: string) => s.database.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
  const row = (sql: string, ...params: unknown[]) =>
    s.database.sqlite.prepare(sql).get(...params) as Record<string, unknown>;

  beforeEach(() => {
    s = setupLog();
  });
  afterEach(() => s.close());

  it("assigns gapless sequence numbers across batches", () => {
    expect(s.log.append([runStarted("r1"), caseStarted("r1", "c1")])).toEqual({
      appended: 2,
      skipped: 0,
      lastSeq: 2,
    });
    expect(s.log.append([workerOutput("r1", "c1")])).toEqual({ appended: 1, skipped: 0, lastSeq: 3 });
  });

  it("skips an event whose key is already in the log, without duplicating projections", () => {
    const events = [runStarted("r1"), ...caseEvents("r1", "c1", "rejected")];
    s.log.append(events);
    expect(s.log.append(events)).toEqual({ appended: 0, skipped: 6, lastSeq: 6 });
    expect(
      s.log.append([verdict("r1", "c1", "tests", "fail"), verdict("r1", "c1", "tests", "fail")]),
    ).toEqual({
      appended: 0,
      skipped: 2,
      lastSeq: 6,
    });
    expect(count("events")).toBe(6);
    expect(count("verdicts")).toBe(1);
    expect(count("findings")).toBe(1);
    expect(verifyLog(s.database).ok).toBe(true);
  });

  it("skips a key repeated inside one batch", () => {
    expect(s.log.append([runStarted("r1"), runStarted("r1")])).toEqual({
      appended: 1,
      skipped: 1,
      lastSeq: 1,
    });
  });

  it("writes nothing when any payload in the batch is invalid, and names the event and field", () => {
    const bad = {
      ...caseEnded("r1", "c1", "accepted"),
      payload: { outcome: "maybe" },
    } as unknown as NewEvent;
    let message = "";
    try {
      s.log.append([runStarted("r1"), caseStarted("r1", "c1"), bad]);
    } catch (error) {
      expect(isCrosscheckError(error) && error.code).toBe("AGENT_OUTPUT_INVALID");
      message = (error as Error).message;
    }
    expect(message).toMatch(/event 2 \(case.ended, key "r1:c1:case.ended"\): payload outcome: /);
    expect(count("events")).toBe(0);
    expect(count("runs")).toBe(0);
  });

  it("rejects a case event without a case id and a payload JSON cannot hold", () => {
    const noCase = { ...caseStarted("r1", "c1"), caseId: undefined } as NewEvent;
    expect(codeOf(() => s.log.append([noCase]))).toBe("AGENT_OUTPUT_INVALID");
    s.log.append([runStarted("r1"), caseStarted("r1", "c1")]);
    expect(codeOf(() => s.log.append([workerOutput("r1", "c1", { n: Number.NaN })]))).toBe(
      "AGENT_OUTPUT_INVALID",
    );
    expect(count("events")).toBe(2);
  });

  it("keeps runs, cases, outputs, verdicts and findings in step with the events", () => {
    s.log.append([runStarted("r1"), ...caseEvents("r1", "c1", "rejected")]);
    expect(row("SELECT status, workflow, workflow_version FROM runs WHERE id = 'r1'")).toEqual({
      status: "running",
      workflow: "code-review",
      workflow_version: "1.0.0",
    });
    expect(row("SELECT status, decided_by, task_id, input_sha256 FROM cases WHERE id = 'c1'")).toEqual({
      status: "rejected",
      decided_by: "consensus",
      task_id: "task-c1",
      input_sha256: "a".repeat(64),
    });
    expect(row("SELECT content, status, supplied FROM outputs WHERE case_id = 'c1'")).toEqual({
      content: '"patched the parser"',
      status: '"all tests pass"',
      supplied: 0,
    });
    expect(row("SELECT auditor, round, decision, confidence, event_seq FROM verdicts")).toEqual({
      auditor: "tests",
      round: 0,
      decision: "fail",
      confidence: 0.9,
      event_seq: 4,
    });
    expect(row("SELECT rule_id, severity, evidence_ids FROM findings")).toEqual({
      rule_id: "trace.false-success",
      severity: "high",
      evidence_ids: '["t1"]',
    });
    s.log.append([
      {
        kind: "run.ended",
        key: "r1:end",
        runId: "r1",
        actor: SYSTEM,
        payload: { cases: 1, outcomes: { rejected: 1 } },
      },
    ]);
    expect(row("SELECT status, ended_at IS NOT NULL AS ended FROM runs")).toEqual({
      status: "completed",
      ended: 1,
    });
  });

  it("tracks an escalation from pending through the human decision to the resume", () => {
    s.log.append([runStarted("r1"), ...caseEvents("r1", "c1", "escalated")]);
    expect(row("SELECT status FROM cases")).toEqual({ status: "escalated" });
    expect(row("SELECT status, reason, priority FROM escalations")).toEqual({
      status: "pending",
      reason: "auditors disagree",
      priority: "high",
    });
    expect(s.log.claimDecision("c1", HUMAN, { authenticatedBy: "oidc:acme" })).toEqual({ runId: "r1" });
    expect(row("SELECT status, decided_at IS NOT NULL AS decided FROM escalations")).toEqual({
      status: "decided",
      decided: 1,
    });
    expect(row("SELECT reviewer, decision, reason, at FROM human_decisions")).toEqual({
      reviewer: "ana",
      decision: "accept",
      reason: "the failing test is flaky",
      at: HUMAN.at,
    });
    const event = JSON.parse(row("SELECT body FROM events WHERE kind = 'human.decision'")["body"] as string);
    expect(event.actor).toEqual({ type: "human", id: "ana", role: "reviewer", authenticatedBy: "oidc:acme" });
    s.log.append([
      {
        kind: "escalation.resumed",
        key: "r1:c1:resumed",
        runId: "r1",
        caseId: "c1",
        actor: SYSTEM,
        payload: {},
      },
      caseEnded("r1", "c1", "accepted", "human"),
    ]);
    expect(row("SELECT status FROM escalations")).toEqual({ status: "resumed" });
    expect(row("SELECT status, decided_by FROM cases")).toEqual({ status: "accepted", decided_by: "human" });
  });
});

describe("AuditLog.claimDecision", () => {
  let s: LogSetup;
  beforeEach(() => {
    s = setupLog();
    s.log.append([
      runStarted("r1"),
      ...caseEvents("r1", "open", "escalated"),
      ...caseEvents("r1", "done", "accepted"),
    ]);
  });
  afterEach(() => s.close());

  it("refuses an unknown case and says how to list cases", () => {
    expect(() => s.log.claimDecision("nope", HUMAN)).toThrow(
      /no case with id "nope".*crosscheck audit show <run-id>/,
    );
    expect(codeOf(() => s.log.claimDecision("nope", HUMAN))).toBe("CASE_NOT_FOUND");
  });

  it("refuses a case that was never escalated and gives its status", () => {
    expect(codeOf(() => s.log.claimDecision("done", HUMAN))).toBe("CASE_NOT_ESCALATED");
    expect(() => s.log.claimDecision("done", HUMAN)).toThrow(/its status is accepted/);
  });

  it("refuses a second decision and says who decided and when", () => {
    s.log.claimDecision("open", HUMAN);
    expect(codeOf(() => s.log.claimDecision("open", { ...HUMAN, reviewer: "bo" }))).toBe("ALREADY_DECIDED");
    expect(() => s.log.claimDecision("open", { ...HUMAN, reviewer: "bo" })).toThrow(
      /already decided by ana at 2023-11-14T22:13:20.000Z/,
    );
    expect(s.database.sqlite.prepare("SELECT count(*) FROM human_decisions").pluck().get()).toBe(1);
  });

  it("validates the decision like any other payload", () => {
    expect(codeOf(() => s.log.claimDecision("open", { ...HUMAN, reason: " " }))).toBe("AGENT_OUTPUT_INVALID");
    expect(s.database.sqlite.prepare("SELECT status FROM escalations").pluck().get()).toBe("pending");
  });
});

describe("AuditLog.reconcileInterrupted", () => {
  let s: LogSetup;
  beforeEach(() => {
    s = setupLog();
  });
  afterEach(() => s.close());

  it("marks a run whose process has died, and its running cases, as interrupted", () => {
    const child = spawnSync(process.execPath, ["-e", ""]);
    expect(child.status).toBe(0);
    const deadPid = child.pid as number;
    s.log.append([
      runStarted("dead-run", deadPid),
      caseStarted("dead-run", "running-case"),
      ...caseEvents("dead-run", "finished-case", "accepted"),
      runStarted("live-run", process.pid),
      caseStarted("live-run", "live-case"),
      runStarted("other-host", deadPid, "some-other-host"),
    ]);
    expect(s.log.reconcileInterrupted()).toEqual(["dead-run"]);
    const status = (table: string, id: string) =>
      s.database.sqlite.prepare(`SELECT status FROM ${table} WHERE id = ?`).pluck().get(id);
    expect(status("runs", "dead-run")).toBe("interrupted");
    expect(status("cases", "running-case")).toBe("interrupted");
    expect(status("cases", "finished-case")).toBe("accepted");
    expect(status("runs", "live-run")).toBe("running");
    expect(status("runs", "other-host")).toBe("running");
    const kinds = s.database.sqlite
      .prepare("SELECT kind FROM events ORDER BY seq DESC LIMIT 2")
      .pluck()
      .all();
    expect(kinds).toEqual(["run.interrupted", "case.interrupted"]);
    expect(s.log.reconcileInterrupted()).toEqual([]);
    expect(verifyLog(s.database).ok).toBe(true);
  });
});
