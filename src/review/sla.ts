import type { CrosscheckDatabase } from "../audit/database.js";
import type { Actor } from "../audit/events.js";
import type { AuditLog } from "../audit/log.js";
import type { Workflow } from "../graph/define-workflow.js";

/** The reviewer name on a decision the SLA made (kept out of the auditor ledger). */
export const SLA_REVIEWER = "crosscheck:sla";
const SLA_ACTOR: Actor = { type: "system", id: "crosscheck", role: "sla" };

/** What one sweep did. */
export interface SlaSweep {
  /** Cases flagged overdue (`escalation.breached`, action flag). */
  flagged: string[];
  /** Cases rejected by the system and resumed (action reject). */
  rejected: string[];
  /** Cases the SLA should have rejected but whose workflow could not be loaded, with why. */
  failed: Array<{ caseId: string; error: string }>;
}

/**
 * Records the SLA breach of every waiting case past its deadline (`escalation.slaMinutes`),
 * once, and, where the workflow says `onSlaBreach: "reject"`, rejects it as the system and
 * resumes its run. A case whose workflow cannot be loaded stays flagged and is reported in
 * `failed` (never silently skipped).
 */
export async function sweepSla(
  log: AuditLog,
  database: CrosscheckDatabase,
  options: { now?: number; workflow(caseId: string): Promise<Workflow> },
): Promise<SlaSweep> {
  const now = options.now ?? Date.now();
  const due = database.sqlite
    .prepare(
      `SELECT e.case_id AS caseId, e.run_id AS runId, e.due_at AS dueAt,
              (SELECT o.body FROM events o WHERE o.case_id = e.case_id AND o.kind = 'escalation.opened') AS opened
       FROM escalations e
       WHERE e.status = 'pending' AND e.due_at IS NOT NULL AND e.due_at <= ?
         AND NOT EXISTS (SELECT 1 FROM events b WHERE b.case_id = e.case_id AND b.kind = 'escalation.breached'
                         AND json_extract(b.body, '$.payload.action') = 'reject')`,
    )
    .all(now) as Array<{ caseId: string; runId: string; dueAt: number; opened: string }>;
  const sweep: SlaSweep = { flagged: [], rejected: [], failed: [] };
  for (const { caseId, runId, dueAt, opened } of due) {
    const action =
      (JSON.parse(opened) as { payload: { onSlaBreach?: "flag" | "reject" } }).payload.onSlaBreach ?? "flag";
    const breached = (act: "flag" | "reject") =>
      log.append([
        {
          kind: "escalation.breached",
          key: `escalation.breached:${caseId}:${act}`,
          runId,
          caseId,
          actor: SLA_ACTOR,
          payload: { dueAt, action: act },
        },
      ]);
    if (action === "flag") {
      if (breached("flag").appended > 0) sweep.flagged.push(caseId);
      continue;
    }
    let workflow: Workflow;
    try {
      workflow = await options.workflow(caseId);
    } catch (error) {
      breached("flag");
      sweep.failed.push({ caseId, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const reason = `no reviewer decided within the SLA (due ${new Date(dueAt).toISOString()}): rejected by the workflow's onSlaBreach policy`;
    const human = { reviewer: SLA_REVIEWER, decision: "reject" as const, reason, at: now };
    database.sqlite
      .transaction(() => {
        breached("reject");
        log.claimDecision(caseId, human, { actor: SLA_ACTOR, ignoreClaim: true });
      })
      .immediate();
    await workflow.decide(caseId, human, { db: database.path, resumeOnly: true });
    sweep.rejected.push(caseId);
  }
  return sweep;
}
