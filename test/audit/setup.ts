import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type CrosscheckDatabase, openDatabase } from "../../src/audit/database.js";
import type { Actor, NewEvent } from "../../src/audit/events.js";
import { AuditLog } from "../../src/audit/log.js";

export const WORKFLOW = {
  name: "code-review",
  version: "1.0.0",
  digest: "d".repeat(64),
  policy: "unanimous",
};
export const SYSTEM: Actor = { type: "system", id: "crosscheck", role: "orchestrator" };
export const WORKER: Actor = { type: "agent", id: "coder", role: "worker", model: "scripted" };
export const SHA = "a".repeat(64);

/** A temp directory removed by the caller's afterEach (see `setupLog`). */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "crosscheck-audit-"));
}

export interface LogSetup {
  dir: string;
  file: string;
  database: CrosscheckDatabase;
  log: AuditLog;
  /** Settable clock: every event gets `now`, then `now` advances by 1 ms. */
  clock: { now: number };
  close(): void;
}

/** A fresh database file in a temp dir with an AuditLog on a settable clock. */
export function setupLog(): LogSetup {
  const dir = tempDir();
  const file = path.join(dir, "crosscheck.db");
  const database = openDatabase(file);
  const clock = { now: Date.UTC(2025, 0, 31, 9, 0, 0) };
  const log = new AuditLog(database, { clock: () => clock.now++ });
  return {
    dir,
    file,
    database,
    log,
    clock,
    close: () => {
      database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function runStarted(runId: string, pid = process.pid, host = os.hostname()): NewEvent {
  return {
    kind: "run.started",
    key: `${runId}:run.started`,
    runId,
    actor: SYSTEM,
    payload: { workflow: WORKFLOW, pid, host },
  };
}

export function caseStarted(runId: string, caseId: string, taskId = `task-${caseId}`): NewEvent {
  return {
    kind: "case.started",
    key: `${runId}:${caseId}:case.started`,
    runId,
    caseId,
    node: "start",
    actor: SYSTEM,
    payload: {
      taskId,
      taskKind: "diff",
      input: { sha256: SHA, size: 42 },
      task: { id: taskId },
      suppliedOutput: false,
    },
  };
}

export function workerOutput(
  runId: string,
  caseId: string,
  content: unknown = "patched the parser",
): NewEvent {
  return {
    kind: "worker.output",
    key: `${runId}:${caseId}:worker.output`,
    runId,
    caseId,
    node: "work",
    actor: WORKER,
    payload: {
      output: { content, status: "all tests pass", claims: [{ text: "tests pass" }] },
      trace: [{ id: "t1", kind: "tool_call", name: "npm test", exitCode: 1, startedAt: 1 }],
      supplied: false,
    },
  };
}

export function verdict(
  runId: string,
  caseId: string,
  auditor: string,
  decision: "pass" | "fail",
  round = 0,
): NewEvent {
  return {
    kind: "auditor.verdict",
    key: `${runId}:${caseId}:${auditor}:${round}`,
    runId,
    caseId,
    node: `audit:${auditor}`,
    actor: { type: "agent", id: auditor, role: "auditor" },
    payload: {
      durationMs: 3,
      verdict: {
        auditor,
        round,
        decision,
        confidence: 0.9,
        rationale: decision === "pass" ? "looks right" : "claims tests pass but exit code 1",
        findings:
          decision === "pass"
            ? []
            : [
                {
                  ruleId: "trace.false-success",
                  severity: "high",
                  message: "npm test exited 1",
                  evidenceIds: ["t1"],
                },
              ],
      },
    },
  };
}

export function decided(
  runId: string,
  caseId: string,
  outcome: "accepted" | "rejected" | "escalated",
): NewEvent {
  return {
    kind: "case.decided",
    key: `${runId}:${caseId}:case.decided`,
    runId,
    caseId,
    node: "decide",
    actor: SYSTEM,
    payload: { decision: { outcome, policy: "unanimous", reasons: [`auditors said ${outcome}`] } },
  };
}

export function escalationOpened(runId: string, caseId: string): NewEvent {
  return {
    kind: "escalation.opened",
    key: `${runId}:${caseId}:escalation.opened`,
    runId,
    caseId,
    node: "escalate",
    actor: SYSTEM,
    payload: { reason: "auditors disagree", priority: "high" },
  };
}

export function caseEnded(
  runId: string,
  caseId: string,
  outcome: "accepted" | "rejected",
  decidedBy: "consensus" | "human" = "consensus",
): NewEvent {
  return {
    kind: "case.ended",
    key: `${runId}:${caseId}:case.ended`,
    runId,
    caseId,
    node: "end",
    actor: SYSTEM,
    payload: { outcome, decidedBy, durationMs: 12 },
  };
}

/** A whole case that ends in `outcome` (escalated cases stay open, waiting for a human). */
export function caseEvents(
  runId: string,
  caseId: string,
  outcome: "accepted" | "rejected" | "escalated",
): NewEvent[] {
  const events = [caseStarted(runId, caseId), workerOutput(runId, caseId)];
  if (outcome === "accepted") events.push(verdict(runId, caseId, "tests", "pass"));
  if (outcome === "rejected") events.push(verdict(runId, caseId, "tests", "fail"));
  if (outcome === "escalated")
    events.push(verdict(runId, caseId, "tests", "pass"), verdict(runId, caseId, "trace", "fail"));
  events.push(decided(runId, caseId, outcome));
  if (outcome === "escalated") events.push(escalationOpened(runId, caseId));
  else events.push(caseEnded(runId, caseId, outcome));
  return events;
}
