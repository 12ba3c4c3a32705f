// A read-only view of a workflow's accepted outputs, for auditors that compare a case with
// earlier ones (e.g. a receipt submitted twice). Reads the projections, never writes.
import type { CrosscheckDatabase, SqliteStatement } from "./database.js";

/** One earlier case of the workflow whose final outcome was accepted. */
export interface AcceptedOutput {
  /** The log sequence number of the case's `case.ended` event: pass it back as `afterSeq`. */
  readonly seq: number;
  readonly caseId: string;
  readonly taskId: string | null;
  /** The worker's output content as logged. */
  readonly content: unknown;
  /** When the case ended, ms UTC. */
  readonly endedAt: number;
}

/** What an auditor may read of the audit log it runs against (AuditContext.history). */
export interface AuditHistory {
  /**
   * The outputs of this workflow's cases that ended accepted (by consensus or a human), in the
   * order they ended; only those whose `case.ended` event comes after `afterSeq` when given, so a
   * caller can keep an index and read only what is new. A production run sees every production
   * run and no scenario-suite run (their cases are fixtures, not submissions); a scenario run
   * sees none, so a suite gives the same result whatever the database holds.
   */
  acceptedOutputs(options?: { afterSeq?: number }): AcceptedOutput[];
}

type Row = [seq: number, caseId: string, taskId: string | null, content: string, endedAt: number];

const ACCEPTED_SQL = `SELECT e.seq, c.id, c.task_id, o.content, e.ts
  FROM events e
  JOIN cases c ON c.id = e.case_id
  JOIN runs r ON r.id = c.run_id
  JOIN outputs o ON o.case_id = c.id
  WHERE e.kind = 'case.ended' AND e.seq > ? AND c.status = 'accepted' AND r.workflow = ?`;

const SCENARIO_RUN = `EXISTS (SELECT 1 FROM events s WHERE s.run_id = r.id AND s.kind = 'run.started'
      AND json_extract(s.body, '$.payload.scenario') IS NOT NULL)`;

/** Production runs: every production run of the workflow, no scenario run. */
const PRODUCTION_SQL = `${ACCEPTED_SQL} AND NOT ${SCENARIO_RUN} ORDER BY e.seq`;

/** A scenario run's history: nothing. */
const NO_HISTORY: AuditHistory = { acceptedOutputs: () => [] };

/**
 * The history an auditor of run `runId` of workflow `workflow` may read (see AuditHistory for
 * which runs it covers). Production runs share one history, so an auditor's index of it grows
 * incrementally across runs.
 */
export function auditHistories(
  database: CrosscheckDatabase,
  workflow: string,
): (runId: string) => AuditHistory {
  let statement: SqliteStatement<[number, string], Row> | undefined;
  const production: AuditHistory = {
    acceptedOutputs(options = {}) {
      statement ??= database.sqlite.prepare<[number, string], Row>(PRODUCTION_SQL).raw();
      return statement
        .all(options.afterSeq ?? 0, workflow)
        .map(([seq, caseId, taskId, content, endedAt]) => ({
          seq,
          caseId,
          taskId,
          content: JSON.parse(content) as unknown,
          endedAt,
        }));
    },
  };
  const scenarioRuns = new Map<string, boolean>();
  return (runId) => {
    let scenario = scenarioRuns.get(runId);
    if (scenario === undefined) {
      scenario =
        database.sqlite
          .prepare(`SELECT 1 FROM runs r WHERE r.id = ? AND ${SCENARIO_RUN}`)
          .pluck()
          .get(runId) !== undefined;
      scenarioRuns.set(runId, scenario);
    }
    return scenario ? NO_HISTORY : production;
  };
}
