import type { CrosscheckDatabase } from "../audit/database.js";
import { type CaseAccount, getRunAccount } from "../audit/queries.js";
import { CrosscheckError } from "../errors.js";
import { getQueueItem, type QueueItem } from "./queue.js";
import { type SecondReview, secondReviewsOf } from "./second-review.js";

/** One event of the case's audit timeline, as a reviewer sees it. */
export interface TimelineEntry {
  seq: number;
  ts: number;
  kind: string;
  actor: { type: string; id: string; role: string; authenticatedBy?: string };
}

/** Everything a reviewer looks at before deciding a case (the web page and the terminal review). */
export interface CaseView {
  item: QueueItem;
  workflow: { name: string; version: string; digest: string };
  /** The task as the run logged it (input, kind, id): untrusted. */
  task: unknown;
  account: CaseAccount;
  timeline: TimelineEntry[];
  /** Second reviews of the human decision, oldest first. */
  secondReviews: SecondReview[];
}

/** The case's queue item, task, account and audit timeline. CASE_NOT_ESCALATED when it is not in the queue. */
export function caseView(database: CrosscheckDatabase, caseId: string, now = Date.now()): CaseView {
  const item = getQueueItem(database, caseId, now);
  if (item === undefined) {
    throw new CrosscheckError(
      "CASE_NOT_ESCALATED",
      `case ${caseId} is not in the review queue (unknown id, or never escalated): open the queue to pick a case`,
    );
  }
  const run = getRunAccount(database, caseId);
  const account = run.cases[0];
  if (account === undefined)
    throw new CrosscheckError("CASE_NOT_FOUND", `no case ${caseId} in ${database.path}`);
  const rows = database.sqlite
    .prepare("SELECT seq, ts, kind, body FROM events WHERE case_id = ? ORDER BY seq")
    .all(caseId) as Array<{ seq: number; ts: number; kind: string; body: string }>;
  let task: unknown = null;
  const timeline = rows.map((row): TimelineEntry => {
    const body = JSON.parse(row.body) as { actor: TimelineEntry["actor"]; payload: { task?: unknown } };
    if (row.kind === "case.started") task = body.payload.task ?? null;
    return { seq: row.seq, ts: row.ts, kind: row.kind, actor: body.actor };
  });
  return {
    item,
    workflow: { name: run.run.workflow, version: run.run.workflowVersion, digest: run.run.workflowDigest },
    task,
    account,
    timeline,
    secondReviews: secondReviewsOf(database, caseId),
  };
}

/** Whether `text` reads as a unified diff (shown with added and removed lines marked). */
export function looksLikeDiff(text: string): boolean {
  return /^(diff --git |--- \S|@@ -\d)/m.test(text) && /^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/m.test(text);
}

/** The worker's content as text: strings as they are, anything else as indented JSON. */
export function contentText(content: unknown): string {
  return typeof content === "string" ? content : (JSON.stringify(content, null, 2) ?? "null");
}
