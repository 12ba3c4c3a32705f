import type { Decision, HumanDecision } from "../domain/decision.js";
import type { Output } from "../domain/output.js";
import type { Trace } from "../domain/trace.js";
import type { Verdict } from "../domain/verdict.js";
import type { SqliteDatabase as Database, SqliteStatement as Statement } from "./database.js";
import type { EventBody, EventPayload } from "./events.js";
import { ReviewProjector } from "./review-projector.js";

/**
 * Keeps the projection tables in step with each appended event, inside the append
 * transaction. One prepared statement per change; events of kinds without a projection
 * (evidence, cross-examination rounds, exports, ...) live in `events` only.
 */
export class Projector {
  readonly #startRun: Statement;
  readonly #setRunStatus: Statement;
  readonly #startCase: Statement;
  readonly #setCaseStatus: Statement;
  readonly #endCase: Statement;
  readonly #output: Statement;
  readonly #verdict: Statement;
  readonly #finding: Statement;
  readonly #openEscalation: Statement;
  readonly #humanDecision: Statement;
  readonly #decideEscalation: Statement;
  readonly #resumeEscalation: Statement;
  readonly #review: ReviewProjector;

  constructor(sqlite: Database) {
    this.#review = new ReviewProjector(sqlite);
    // A run or case started again (resumed by another process) is running again.
    this.#startRun = sqlite.prepare(
      `INSERT INTO runs (id, workflow, workflow_version, workflow_digest, status, pid, host, module_path, started_at)
       VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET status = 'running', pid = excluded.pid, host = excluded.host, ended_at = NULL`,
    );
    this.#setRunStatus = sqlite.prepare("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?");
    this.#startCase = sqlite.prepare(
      `INSERT INTO cases (id, run_id, task_id, task_kind, input_sha256, status, started_at)
       VALUES (?, ?, ?, ?, ?, 'running', ?)
       ON CONFLICT(id) DO UPDATE SET status = 'running', ended_at = NULL`,
    );
    this.#setCaseStatus = sqlite.prepare("UPDATE cases SET status = ? WHERE id = ?");
    this.#endCase = sqlite.prepare("UPDATE cases SET status = ?, decided_by = ?, ended_at = ? WHERE id = ?");
    // A worker that revises its output in cross-examination replaces the stored one.
    this.#output = sqlite.prepare(
      `INSERT OR REPLACE INTO outputs (case_id, content, status, claims, artifacts, trace, supplied)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#verdict = sqlite.prepare(
      `INSERT INTO verdicts (case_id, auditor, round, decision, confidence, rationale, event_seq)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#finding = sqlite.prepare(
      `INSERT INTO findings (verdict_id, case_id, rule_id, severity, message, location, evidence_ids)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#openEscalation = sqlite.prepare(
      `INSERT INTO escalations (case_id, run_id, status, reason, priority, queue, assignee, created_at, due_at)
       VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?)`,
    );
    this.#humanDecision = sqlite.prepare(
      "INSERT INTO human_decisions (case_id, reviewer, decision, reason, at) VALUES (?, ?, ?, ?, ?)",
    );
    this.#decideEscalation = sqlite.prepare(
      "UPDATE escalations SET status = 'decided', decided_at = ? WHERE case_id = ? AND status = 'pending'",
    );
    this.#resumeEscalation = sqlite.prepare(
      "UPDATE escalations SET status = 'resumed', resumed_at = ? WHERE case_id = ? AND status = 'decided'",
    );
  }

  project(event: EventBody): void {
    const { ts, runId, caseId } = event;
    switch (event.kind) {
      case "run.started": {
        const p = event.payload as EventPayload<"run.started">;
        const w = p.workflow;
        this.#startRun.run(runId, w.name, w.version, w.digest, p.pid, p.host, p.modulePath ?? null, ts);
        return;
      }
      case "run.ended":
        this.#setRunStatus.run("completed", ts, runId);
        return;
      case "run.interrupted":
        this.#setRunStatus.run("interrupted", ts, runId);
        return;
      case "case.started": {
        const p = event.payload as EventPayload<"case.started">;
        this.#startCase.run(caseId, runId, p.taskId ?? null, p.taskKind ?? null, p.input.sha256, ts);
        return;
      }
      case "worker.output": {
        const p = event.payload as EventPayload<"worker.output">;
        const output = p.output as Output;
        this.#output.run(
          caseId,
          json(output.content ?? null),
          output.status === undefined ? null : json(output.status),
          output.claims === undefined ? null : json(output.claims),
          output.artifacts === undefined ? null : json(output.artifacts),
          json(p.trace as Trace),
          p.supplied ? 1 : 0,
        );
        return;
      }
      case "auditor.verdict": {
        const verdict = (event.payload as EventPayload<"auditor.verdict">).verdict as Verdict;
        const row = this.#verdict.run(
          caseId,
          verdict.auditor,
          verdict.round,
          verdict.decision,
          verdict.confidence,
          verdict.rationale,
          event.seq,
        );
        for (const f of verdict.findings) {
          this.#finding.run(
            row.lastInsertRowid,
            caseId,
            f.ruleId,
            f.severity,
            f.message,
            f.location === undefined ? null : json(f.location),
            json(f.evidenceIds),
          );
        }
        return;
      }
      case "case.decided": {
        const decision = (event.payload as EventPayload<"case.decided">).decision as Decision;
        this.#setCaseStatus.run(decision.outcome, caseId);
        return;
      }
      case "escalation.opened": {
        const p = event.payload as EventPayload<"escalation.opened">;
        this.#openEscalation.run(
          caseId,
          runId,
          p.reason,
          p.priority,
          p.queue ?? null,
          p.assignee ?? null,
          ts,
          p.dueAt ?? null,
        );
        return;
      }
      case "human.decision": {
        const d = (event.payload as EventPayload<"human.decision">).decision as HumanDecision;
        this.#humanDecision.run(caseId, d.reviewer, d.decision, d.reason, d.at);
        this.#decideEscalation.run(ts, caseId);
        return;
      }
      case "escalation.resumed":
        this.#resumeEscalation.run(ts, caseId);
        return;
      case "case.ended": {
        const p = event.payload as EventPayload<"case.ended">;
        this.#endCase.run(p.outcome, p.decidedBy, ts, caseId);
        return;
      }
      case "case.interrupted":
        this.#endCase.run("interrupted", null, ts, caseId);
        return;
      default:
        this.#review.project(event);
        return;
    }
  }
}

function json(value: unknown): string {
  return JSON.stringify(value);
}
