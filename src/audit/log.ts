import { randomUUID } from "node:crypto";
import os from "node:os";
import type { HumanDecision } from "../domain/decision.js";
import { CrosscheckError } from "../errors.js";
import { canonicalBody, eventHash, GENESIS_HASH } from "./chain.js";
import {
  type Checkpoint,
  Checkpointer,
  type CheckpointOptions,
  defaultCheckpointOptions,
} from "./checkpoints.js";
import type { CrosscheckDatabase, SqliteTransaction, SqliteStatement as Statement } from "./database.js";
import { type EventRow, eventRow, INSERT_EVENT_SQL } from "./event-row.js";
import type { Actor, EventBody, NewEvent } from "./events.js";
import { MerkleStore } from "./merkle/store.js";
import { Projector } from "./projector.js";
import { type ValidEvent, validateEvent } from "./validate-event.js";

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
  /**
   * Signed checkpoints of the Merkle tree (every N events and at each run's end). Default: signed
   * with the key named by env CROSSCHECK_LOG_KEY, else `<database folder>/keys/log.key` if it
   * exists, else none. `false`: none.
   */
  checkpoints?: CheckpointOptions | false;
}

/**
 * The append-only, hash-chained audit log. Every write goes through `append`, which keeps the
 * projection tables in step in the same transaction; nothing is updated in place in `events`.
 */
export class AuditLog {
  readonly #database: CrosscheckDatabase;
  readonly #clock: () => number;
  readonly #head: Statement<[], [number, string]>;
  readonly #insert: Statement<EventRow>;
  readonly #projector: Projector;
  readonly #tree: MerkleStore;
  readonly #checkpointer: Checkpointer | undefined;
  readonly #appendTx: SqliteTransaction<(events: readonly ValidEvent[]) => AppendResult>;

  constructor(database: CrosscheckDatabase, options: AuditLogOptions = {}) {
    this.#database = database;
    this.#clock = options.clock ?? Date.now;
    const sqlite = database.sqlite;
    this.#head = sqlite
      .prepare<[], [number, string]>("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
      .raw();
    this.#insert = sqlite.prepare(`${INSERT_EVENT_SQL} ON CONFLICT(idem_key) DO NOTHING`);
    this.#projector = new Projector(sqlite);
    this.#tree = new MerkleStore(sqlite);
    const checkpoints = options.checkpoints ?? defaultCheckpointOptions(database.path);
    this.#checkpointer =
      checkpoints === false || checkpoints === undefined
        ? undefined
        : new Checkpointer(sqlite, this.#tree, checkpoints, this.#clock);
    this.#appendTx = sqlite.transaction((events: readonly ValidEvent[]) => this.#write(events));
  }

  /**
   * Appends `events` in one `BEGIN IMMEDIATE` transaction (which serializes writers across
   * processes). Every payload is validated first: on any invalid event nothing is written and a
   * CrosscheckError("AGENT_OUTPUT_INVALID") names it. Events whose `key` is already stored are
   * skipped, so re-running a LangGraph node on resume does not duplicate anything.
   */
  append(events: readonly NewEvent[]): AppendResult {
    const valid = events.map(validateEvent);
    try {
      return this.#appendTx.immediate(valid);
    } catch (error) {
      throw wrapWriteError(error);
    }
  }

  /**
   * Signs a checkpoint of the whole log now (unless the latest one covers it) and returns it.
   * CrosscheckError("USAGE") when no signing key is configured.
   */
  signCheckpoint(): Checkpoint {
    const checkpointer = this.#checkpointer;
    if (checkpointer === undefined) {
      throw new CrosscheckError(
        "USAGE",
        "no key signs checkpoints: run `crosscheck keys generate` (writes .crosscheck/keys/log.key) or set CROSSCHECK_LOG_KEY to a private key file",
      );
    }
    const sign = this.#database.sqlite.transaction(() => {
      this.#tree.catchUp();
      return checkpointer.sign();
    });
    try {
      return sign.immediate();
    } catch (error) {
      throw wrapWriteError(error);
    }
  }

  /**
   * Atomically moves the case's escalation from pending to decided and appends the
   * `human.decision` event. Of two concurrent callers exactly one succeeds; the other gets
   * ALREADY_DECIDED. While another reviewer holds a live claim on the case (src/review), the
   * decision is CASE_CLAIMED unless `ignoreClaim` (the SLA's rejection). Returns the run id.
   */
  claimDecision(
    caseId: string,
    decision: HumanDecision,
    options: { authenticatedBy?: string; actor?: Actor; ignoreClaim?: boolean; viewDigest?: string } = {},
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
      // A live claim (src/review) reserves the case for its holder, whichever tool decides.
      const claim = sqlite
        .prepare("SELECT claimed_by, claim_expires_at FROM escalations WHERE case_id = ?")
        .raw()
        .get(caseId) as [string | null, number | null];
      const [holder, until] = claim;
      if (
        options.ignoreClaim !== true &&
        holder !== null &&
        holder !== decision.reviewer &&
        (until ?? 0) > decision.at
      ) {
        throw new CrosscheckError(
          "CASE_CLAIMED",
          `case "${caseId}" is claimed by ${holder} until ${new Date(until ?? 0).toISOString()}: only they can decide it until then`,
        );
      }
      // `actor` overrides the human reviewer for decisions the system makes (an SLA's auto-reject).
      const actor = options.actor ?? {
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
          payload:
            options.viewDigest === undefined ? { decision } : { decision, viewDigest: options.viewDigest },
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
    const headSeq = seq;
    let appended = 0;
    let runEnded = false;
    // A log written before the tree existed gets its leaves now.
    this.#tree.catchUp();
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
      const inserted = this.#insert.run(...eventRow(body, event.key, text, prevHash, hash));
      if (inserted.changes === 0) continue;
      this.#projector.project(body);
      this.#tree.append(body);
      if (body.kind === "run.ended") runEnded = true;
      seq = body.seq;
      prevHash = hash;
      appended++;
    }
    this.#checkpointer?.afterAppend(headSeq, seq, runEnded);
    return { appended, skipped: events.length - appended, lastSeq: seq };
  }
}

const RECONCILER = { type: "system", id: "crosscheck", role: "reconciler" } as const;

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
