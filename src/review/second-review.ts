import type { CrosscheckDatabase } from "../audit/database.js";
import type { AuditLog } from "../audit/log.js";
import { type HumanDecision, HumanDecisionSchema } from "../domain/decision.js";
import { parseWith } from "../domain/parse.js";
import { CrosscheckError } from "../errors.js";
import type { CaseView } from "./case-view.js";
import { humanActor, mayDecide } from "./claims.js";
import { type ReviewDecision, ReviewDecisionSchema } from "./decide.js";
import type { Reviewer } from "./reviewers.js";
import { SLA_REVIEWER } from "./sla.js";
import { shownDigest } from "./view-digest.js";

/** A second reviewer's look at a decided case, as the log holds it. */
export interface SecondReview {
  caseId: string;
  first: HumanDecision;
  review: HumanDecision;
  /** False when the second reviewer would have decided the other way: an overturn. */
  agrees: boolean;
}

export interface SecondReviewOptions {
  /** ms since the Unix epoch, UTC. Default `Date.now()`. */
  now?: number;
  /** How the reviewer was authenticated, recorded on the event's actor. */
  authenticatedBy?: string;
  /** The case view the second reviewer was shown, or its digest. */
  view?: CaseView | { digest: string };
}

/**
 * Records `reviewer`'s second look at a case a human already decided. The outcome of the case
 * stands (its run has resumed and ended): the second decision is a judgment on the first one,
 * and the record behind the first reviewer's overturn rate. It must come from a reviewer other
 * than the first, once per reviewer and case.
 */
export function secondReview(
  log: AuditLog,
  database: CrosscheckDatabase,
  caseId: string,
  reviewer: Reviewer,
  input: ReviewDecision,
  options: SecondReviewOptions = {},
): SecondReview {
  mayDecide(reviewer, "second-review");
  const valid = parseWith(ReviewDecisionSchema, input, "USAGE", "the second review");
  const viewDigest = shownDigest(options.view);
  const now = options.now ?? Date.now();
  const record = database.sqlite.transaction((): SecondReview => {
    const first = firstDecision(database, caseId);
    if (first.reviewer === reviewer.name) {
      throw new CrosscheckError(
        "FORBIDDEN",
        `${reviewer.name} made the first decision on case ${caseId}: a second review must come from another reviewer`,
      );
    }
    if (secondReviewsOf(database, caseId).some((r) => r.review.reviewer === reviewer.name)) {
      throw new CrosscheckError(
        "ALREADY_DECIDED",
        `${reviewer.name} already gave case ${caseId} a second review: it cannot be changed`,
      );
    }
    const review: HumanDecision = {
      reviewer: reviewer.name,
      decision: valid.decision,
      reason: valid.reason,
      at: now,
    };
    const agrees = review.decision === first.decision;
    const runId = database.sqlite
      .prepare("SELECT run_id FROM cases WHERE id = ?")
      .pluck()
      .get(caseId) as string;
    log.append([
      {
        kind: "human.second-review",
        key: `human.second-review:${caseId}:${reviewer.name}`,
        runId,
        caseId,
        actor: humanActor(reviewer, options.authenticatedBy),
        payload: { review, first, agrees, ...(viewDigest === undefined ? {} : { viewDigest }) },
      },
    ]);
    return { caseId, first, review, agrees };
  });
  return record.immediate();
}

/** Every second review in the log (of one case, when given), oldest first. */
export function secondReviewsOf(database: CrosscheckDatabase, caseId?: string): SecondReview[] {
  const rows = (
    caseId === undefined
      ? database.sqlite
          .prepare("SELECT case_id, body FROM events WHERE kind = 'human.second-review' ORDER BY seq")
          .all()
      : database.sqlite
          .prepare(
            "SELECT case_id, body FROM events WHERE kind = 'human.second-review' AND case_id = ? ORDER BY seq",
          )
          .all(caseId)
  ) as Array<{ case_id: string; body: string }>;
  return rows.map((row) => {
    const { payload } = JSON.parse(row.body) as { payload: Omit<SecondReview, "caseId"> };
    return { caseId: row.case_id, first: payload.first, review: payload.review, agrees: payload.agrees };
  });
}

/** The human decision a second review judges; only a person's decision can be second-reviewed. */
function firstDecision(database: CrosscheckDatabase, caseId: string): HumanDecision {
  const row = database.sqlite
    .prepare("SELECT reviewer, decision, reason, at FROM human_decisions WHERE case_id = ?")
    .get(caseId);
  if (row === undefined) {
    throw new CrosscheckError(
      "CASE_NOT_ESCALATED",
      `case ${caseId} has no human decision yet: a second review looks at a decided case (decide it first, or pick a decided one)`,
    );
  }
  const first = HumanDecisionSchema.parse(row);
  if (first.reviewer === SLA_REVIEWER) {
    throw new CrosscheckError(
      "USAGE",
      `case ${caseId} was rejected by its SLA, not by a reviewer: there is no reviewer decision to second-review`,
    );
  }
  return first;
}
