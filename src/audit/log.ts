import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Decision, HumanDecision } from "../domain/decision.js";
import type { Output } from "../domain/output.js";
import { describeIssues } from "../domain/parse.js";
import type { Trace } from "../domain/trace.js";
import type { Verdict } from "../domain/verdict.js";
import { CrosscheckError } from "../errors.js";
import { canonicalBody, eventHash, GENESIS_HASH } from "./chain.js";
import type {
  CrosscheckDatabase,
  SqliteDatabase as Database,
  SqliteTransaction,
  SqliteStatement as Statement,
} from "./database.js";
import { ActorSchema, type EventBody, type EventKind, EventPayloadSchemas, type NewEvent } from "./events.js";

export interface AppendResult {
  /** Events written. */
  appended: number;
  /** Events whose key was already in the log (or earlier in the same batch). */
  skipped: number;
  /** Seq of the last event in the log after this append (0 for an empty log). */
  lastSeq: number;
}

export interface AuditLogOptions {
  /** Source of event timestamps, ms since the Unix epoch (UTC). Default `Date.now`. */
  clock?: () => number;
}

/** Kinds of event that belong to a case and so must carry `caseId`. */
const CASE_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  "case.started",
  "worker.output",
  "worker.failed",
  "evidence.retrieved",
  "auditor.verdict",
  "crossexam.round",
  "case.decided",
  "escalation.opened",
  "human.decision",
  "escalation.resumed",
  "case.ended",
  "case.interrupted",
]);

interface ValidEvent {
  key: string;
  kind: EventKind;
  runId: string;
  caseId: string | null;
  node: string | null;
  actor: EventBody["actor"];
  payload: unknown;
}

/**
 * The append-only, hash-chained audit log. Every write goes through `append`, which keeps the
 * projection tables in step in the same transaction; nothing is updated in place in `events`.
 */
export class AuditLog {
  readonly #database: CrosscheckDatabase;
  readonly #clock: () => number;
  readonly #head: Statement<[], [number, string]>;
  readonly #insert: Statement<
    [number, string, number, string, string, string | null, string | null, string, string, string, string]
  >;
  readonly #projector: Projector;
  readonly #appendTx: SqliteTransaction<(events: readonly ValidEvent[]) => AppendResult>;

  constructor(database: CrosscheckDatabase, options: AuditLogOptions = {}) {
    this.#database = database;
    this.#clock = options.clock ?? Date.now;
    const sqlite = database.sqlite;
    this.#head = sqlite
      .prepare<[], [number, string]>("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
      .raw();
    this.#insert = sqlite.prepare(
      `INSERT INTO events (seq, id, ts, kind, run_id, case_id, node, idem_key, body, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(idem_key) DO NOTHING`,
    );
    this.#projector = new Projector(sqlite);
    this.#appendTx = sqlite.transaction((events: readonly ValidEvent[]) => this.#write(events));
  }

  /**
   * Appends `events` in one `BEGIN IMMEDIATE` transaction (which serializes writers across
   * processes). Every payload is validated first: on any invalid event nothing is written and a
   * CrosscheckError("AGENT_OUTPUT_INVALID") names it. Events whose `key` is already stored are
   * skipped, so re-running a LangGraph node on resume does not duplicate anything.
   */
  append(events: readonly NewEvent[]): AppendResult {
    const valid = events.map(validate);
    try {
      return this.#appendTx.immediate(valid);
    } catch (error) {
      throw wrapWriteError(error);
    }
  }

  /**
   * Atomically moves the case's escalation from pending to decided and appends the
   * `human.decision` event. Of two concurrent callers exactly one succeeds; the other gets
   * ALREADY_DECIDED. Returns the run id of the case.
   */
  claimDecision(
    caseId: string,
    decision: HumanDecision,
    options: { authenticatedBy?: string } = {},
  ): { runId: string } {
    const sqlite = this.#database.sqlite;
    const claim = sqlite.transaction(() => {
      const found = sqlite.prepare("SELECT run_id, status FROM cases WHERE id = ?").raw().get(caseId) as
        | [string, string]
        | undefined;
      if (found === undefined) {
        throw new CrosscheckError(
          "CASE_NOT_FOUND",
          `no case with id "${caseId}": list the cases of a run with \`crosscheck audit show <run-id>\``,
        );
      }
      const [runId, caseStatus] = found;
      const escalation = sqlite
        .prepare(
          `SELECT e.status, e.decided_at, h.reviewer, h.at FROM escalations e
           LEFT JOIN human_decisions h ON h.case_id = e.case_id WHERE e.case_id = ?`,
        )
        .raw()
        .get(caseId) as [string, number | null, string | null, number | null] | undefined;
      if (escalation === undefined) {
        throw new CrosscheckError(
          "CASE_NOT_ESCALATED",
          `case "${caseId}" was not escalated (its status is ${caseStatus}): only escalated cases wait for a human decision`,
        );
      }
      const [status, decidedAt, reviewer, at] = escalation;
      if (status !== "pending") {
        const when = at ?? decidedAt;
        const by = reviewer === null ? "" : ` by ${reviewer}`;
        const on = when === null ? "" : ` at ${new Date(when).toISOString()}`;
        throw new CrosscheckError(
          "ALREADY_DECIDED",
          status === "cancelled"
            ? `the escalation of case "${caseId}" was cancelled (its run was aborted): nothing to decide`
            : `case "${caseId}" was already decided${by}${on} (escalation ${status}): a decision cannot be changed`,
        );
      }
      const actor = {
        type: "human" as const,
        id: decision.reviewer,
        role: "reviewer",
        ...(options.authenticatedBy === undefined ? {} : { authenticatedBy: options.authenticatedBy }),
      };
      this.append([
        {
          kind: "human.decision",
          key: `human.decision:${caseId}`,
          runId,
          caseId,
          actor,
          payload: { decision },
        },
      ]);
      return { runId };
    });
    try {
      return claim.immediate();
    } catch (error) {
      throw wrapWriteError(error);
    }
  }

  /**
   * Finds runs left `running` on this host by a process that no longer exists and appends
   * `run.interrupted` (and `case.interrupted` for their running cases). Returns their ids.
   */
  reconcileInterrupted(): string[] {
    const sqlite = this.#database.sqlite;
    const host = os.hostname();
    const reconcile = sqlite.transaction(() => {
      const candidates = sqlite
        .prepare("SELECT id, pid FROM runs WHERE status = 'running' AND host = ?")
        .raw()
        .all(host) as [string, number][];
      const dead = candidates.filter(([, pid]) => !isAlive(pid));
      const runningCases = sqlite
        .prepare("SELECT id FROM cases WHERE run_id = ? AND status = 'running'")
        .pluck();
      const marked: string[] = [];
      for (const [runId, pid] of dead) {
        const reason = `process ${pid} on ${host} ended without finishing the run`;
        const caseIds = runningCases.all(runId) as string[];
        this.append([
          ...caseIds.map(
            (caseId): NewEvent => ({
              kind: "case.interrupted",
              key: `case.interrupted:${caseId}`,
              runId,
              caseId,
              actor: RECONCILER,
              payload: { reason },
            }),
          ),
          {
            kind: "run.interrupted",
            key: `run.interrupted:${runId}`,
            runId,
            actor: RECONCILER,
            payload: { reason },
          },
        ]);
        marked.push(runId);
      }
      return marked;
    });
    return reconcile.immediate();
  }

  /** Runs inside the append transaction. */
  #write(events: readonly ValidEvent[]): AppendResult {
    const head = this.#head.get();
    let seq = head?.[0] ?? 0;
    let prevHash = head?.[1] ?? GENESIS_HASH;
    let appended = 0;
    const seen = new Set<string>();
    for (const event of events) {
      // A key seen earlier in this batch, or (checked by the insert) already stored, is skipped.
      if (seen.has(event.key)) continue;
      seen.add(event.key);
      const body: EventBody = {
        seq: seq + 1,
        id: randomUUID(),
        ts: this.#clock(),
        kind: event.kind,
        runId: event.runId,
        caseId: event.caseId,
        node: event.node,
        actor: event.actor,
        payload: event.payload,
      };
      let text: string;
      try {
        text = canonicalBody(body);
      } catch (error) {
        throw new CrosscheckError(
          "AGENT_OUTPUT_INVALID",
          `event "${event.key}" (${event.kind}) cannot be stored as JSON (${(error as Error).message}): remove NaN, Infinity, BigInt and cycles from its payload`,
          { cause: error },
        );
      }
      const hash = eventHash(prevHash, text);
      const inserted = this.#insert.run(
        body.seq,
        body.id,
        body.ts,
        body.kind,
        body.runId,
        body.caseId,
        body.node,
        event.key,
        text,
        prevHash,
        hash,
      );
      if (inserted.changes === 0) continue;
      this.#projector.project(body);
      seq = body.seq;
      prevHash = hash;
      appended++;
    }
    return { appended, skipped: events.length - appended, lastSeq: seq };
  }
}

const RECONCILER = { type: "system", id: "crosscheck", role: "reconciler" } as const;

function validate(event: NewEvent, index: number): ValidEvent {
  const where = `event ${index} (${String(event.kind)}, key "${String(event.key)}")`;
  const schema = EventPayloadSchemas[event.kind] as (typeof EventPayloadSchemas)[EventKind] | undefined;
  if (schema === undefined) {
    throw new CrosscheckError(
      "AGENT_OUTPUT_INVALID",
      `${where}: unknown kind; use one of ${Object.keys(EventPayloadSchemas).join(", ")}`,
    );
  }
  if (
    typeof event.key !== "string" ||
    event.key === "" ||
    typeof event.runId !== "string" ||
    event.runId === ""
  ) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: key and runId must be non-empty strings`);
  }
  const caseId = event.caseId ?? null;
  if (CASE_KINDS.has(event.kind) && caseId === null) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: a ${event.kind} event needs a caseId`);
  }
  const payload = schema.safeParse(event.payload);
  if (!payload.success) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: payload ${describeIssues(payload.error)}`, {
      cause: payload.error,
    });
  }
  const actor = ActorSchema.safeParse(event.actor);
  if (!actor.success) {
    throw new CrosscheckError("AGENT_OUTPUT_INVALID", `${where}: actor ${describeIssues(actor.error)}`, {
      cause: actor.error,
    });
  }
  return {
    key: event.key,
    kind: event.kind,
    runId: event.runId,
    caseId,
    node: event.node ?? null,
    actor: actor.data,
    payload: payload.data,
  };
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function wrapWriteError(error: unknown): unknown {
  if (error instanceof CrosscheckError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === "SQLITE_BUSY") {
    return new CrosscheckError(
      "DATABASE",
      "the audit database stayed locked by another process for more than 5 s: retry when it has finished",
      { cause: error },
    );
  }
  return error;
}

type Payload<K extends EventKind> = import("./events.js").EventPayload<K>;

/**
 * Keeps the projection tables in step with each appended event, inside the append
 * transaction. One prepared statement per change; events of kinds without a projection
 * (evidence, cross-examination rounds, exports, ...) live in `events` only.
 */
class Projector {
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

  constructor(sqlite: Database) {
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
      `INSERT INTO escalations (case_id, run_id, status, reason, priority, queue, assignee, created_at)
       VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)`,
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
        const p = event.payload as Payload<"run.started">;
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
        const p = event.payload as Payload<"case.started">;
        this.#startCase.run(caseId, runId, p.taskId ?? null, p.taskKind ?? null, p.input.sha256, ts);
        return;
      }
      case "worker.output": {
        const p = event.payload as Payload<"worker.output">;
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
        const verdict = (event.payload as Payload<"auditor.verdict">).verdict as Verdict;
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
        const decision = (event.payload as Payload<"case.decided">).decision as Decision;
        this.#setCaseStatus.run(decision.outcome, caseId);
        return;
      }
      case "escalation.opened": {
        const p = event.payload as Payload<"escalation.opened">;
        this.#openEscalation.run(
          caseId,
          runId,
          p.reason,
          p.priority,
          p.queue ?? null,
          p.assignee ?? null,
          ts,
        );
        return;
      }
      case "human.decision": {
        const d = (event.payload as Payload<"human.decision">).decision as HumanDecision;
        this.#humanDecision.run(caseId, d.reviewer, d.decision, d.reason, d.at);
        this.#decideEscalation.run(ts, caseId);
        return;
      }
      case "escalation.resumed":
        this.#resumeEscalation.run(ts, caseId);
        return;
      case "case.ended": {
        const p = event.payload as Payload<"case.ended">;
        this.#endCase.run(p.outcome, p.decidedBy, ts, caseId);
        return;
      }
      case "case.interrupted":
        this.#endCase.run("interrupted", null, ts, caseId);
        return;
      default:
        return;
    }
  }
}

function json(value: unknown): string {
  return JSON.stringify(value);
}
