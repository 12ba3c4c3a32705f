import { z } from "zod";
import type { CrosscheckDatabase } from "../audit/database.js";
import type { AuditLog } from "../audit/log.js";
import type { HumanDecision } from "../domain/decision.js";
import { parseWith } from "../domain/parse.js";
import type { CaseResult } from "../graph/case-result.js";
import type { Workflow } from "../graph/define-workflow.js";
import type { CaseView } from "./case-view.js";
import { assertHoldsClaim, mayDecide } from "./claims.js";
import type { Reviewer } from "./reviewers.js";
import { shownDigest } from "./view-digest.js";

export const ReviewDecisionSchema = z.object({
  decision: z.enum(["accept", "reject"], "must be accept or reject"),
  reason: z.string().trim().min(1, "a reason is required (it is recorded in the audit log)").max(4000),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export interface DecideOptions {
  /** ms since the Unix epoch, UTC. Default `Date.now()`. */
  now?: number;
  /** How the reviewer was authenticated, recorded on the decision's actor (e.g. "token"). */
  authenticatedBy?: string;
  /**
   * The case view the reviewer was shown before deciding (`caseView`), or its digest
   * (`caseViewDigest`, e.g. sent back by the web form): recorded as the decision's `viewDigest`.
   */
  view?: CaseView | { digest: string };
  /** Loads the workflow that resumes the case (the server and the terminal review share a WorkflowCache). */
  workflow(caseId: string): Promise<Workflow>;
}

/**
 * Records `reviewer`'s decision on the escalated case and resumes its paused run, exactly once.
 * The reviewer must hold a live claim on the case (`claimCase`); the decision records the
 * authenticated reviewer, never a name typed in a form. The workflow is loaded before anything
 * is written, so a decision is never recorded for a run that cannot be resumed; a process that
 * stops between the two leaves a case `crosscheck decide <id> --resume` finishes.
 */
export async function decideCase(
  log: AuditLog,
  database: CrosscheckDatabase,
  caseId: string,
  reviewer: Reviewer,
  input: ReviewDecision,
  options: DecideOptions,
): Promise<CaseResult> {
  mayDecide(reviewer, "decide");
  const valid = parseWith(ReviewDecisionSchema, input, "USAGE", "the decision");
  const viewDigest = shownDigest(options.view);
  const workflow = await options.workflow(caseId);
  const now = options.now ?? Date.now();
  const human: HumanDecision = {
    reviewer: reviewer.name,
    decision: valid.decision,
    reason: valid.reason,
    at: now,
  };
  const record = database.sqlite.transaction(() => {
    assertHoldsClaim(database, caseId, reviewer, now);
    log.claimDecision(caseId, human, {
      ...(options.authenticatedBy === undefined ? {} : { authenticatedBy: options.authenticatedBy }),
      ...(viewDigest === undefined ? {} : { viewDigest }),
    });
  });
  record.immediate();
  return workflow.decide(caseId, human, { db: database.path, resumeOnly: true });
}
