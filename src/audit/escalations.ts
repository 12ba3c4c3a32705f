import { eq } from "drizzle-orm";
import type { HumanDecision } from "../domain/decision.js";
import type { CrosscheckDatabase } from "./database.js";
import { cases, escalations, humanDecisions, runs } from "./schema.js";

export interface CaseStatus {
  caseId: string;
  runId: string;
  workflow: string;
  modulePath: string | null;
  status: string;
  escalation: { status: string; reason: string; priority: string } | undefined;
  human: HumanDecision | undefined;
}

/** What the log knows of one case: its run, its status, its escalation and human decision. */
export function caseStatus(database: CrosscheckDatabase, caseId: string): CaseStatus | undefined {
  const row = database.db
    .select({
      caseId: cases.id,
      runId: cases.runId,
      status: cases.status,
      workflow: runs.workflow,
      modulePath: runs.modulePath,
    })
    .from(cases)
    .innerJoin(runs, eq(runs.id, cases.runId))
    .where(eq(cases.id, caseId))
    .get();
  if (row === undefined) return undefined;
  const escalation = database.db
    .select({ status: escalations.status, reason: escalations.reason, priority: escalations.priority })
    .from(escalations)
    .where(eq(escalations.caseId, caseId))
    .get();
  const human = database.db
    .select({
      reviewer: humanDecisions.reviewer,
      decision: humanDecisions.decision,
      reason: humanDecisions.reason,
      at: humanDecisions.at,
    })
    .from(humanDecisions)
    .where(eq(humanDecisions.caseId, caseId))
    .get();
  return { ...row, escalation, human };
}
