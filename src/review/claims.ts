import { randomUUID } from "node:crypto";
import type { CrosscheckDatabase } from "../audit/database.js";
import type { Actor } from "../audit/events.js";
import type { AuditLog } from "../audit/log.js";
import { CrosscheckError } from "../errors.js";
import { getQueueItem, type QueueItem } from "./queue.js";
import type { Reviewer } from "./reviewers.js";

/** How long a claim holds when the workflow does not say (`escalation.claimMinutes`). */
export const DEFAULT_CLAIM_MINUTES = 30;

export interface ClaimOptions {
  /** ms since the Unix epoch, UTC. Default `Date.now()`. */
  now?: number;
  /** Minutes the claim holds. Default: the workflow's `escalation.claimMinutes`, else 30. */
  claimMinutes?: number;
  /** How the reviewer was authenticated (recorded on the event's actor), e.g. "token". */
  authenticatedBy?: string;
}

/**
 * Reserves the escalated case for `reviewer` until now + claimMinutes, so two people do not
 * decide it at once. Claiming a case you hold extends the claim; a case held by someone else
 * is CASE_CLAIMED until their claim lapses. Returns the claimed item.
 */
export function claimCase(
  log: AuditLog,
  database: CrosscheckDatabase,
  caseId: string,
  reviewer: Reviewer,
  options: ClaimOptions = {},
): QueueItem {
  mayDecide(reviewer, "claim");
  const now = options.now ?? Date.now();
  const claim = database.sqlite.transaction(() => {
    const item = openItem(database, caseId, now);
    if (item.claim !== null && item.claim.reviewer !== reviewer.name) throw heldBy(item, item.claim);
    const minutes = options.claimMinutes ?? recordedClaimMinutes(database, caseId) ?? DEFAULT_CLAIM_MINUTES;
    const expiresAt = now + minutes * 60_000;
    log.append([
      {
        kind: "escalation.claimed",
        key: `escalation.claimed:${caseId}:${randomUUID()}`,
        runId: item.runId,
        caseId,
        actor: humanActor(reviewer, options.authenticatedBy),
        payload: { reviewer: reviewer.name, expiresAt },
      },
    ]);
    return { ...item, state: "claimed" as const, claim: { reviewer: reviewer.name, expiresAt } };
  });
  return claim.immediate();
}

/** Gives up `reviewer`'s live claim on the case (nothing to do when they hold none). */
export function releaseCase(
  log: AuditLog,
  database: CrosscheckDatabase,
  caseId: string,
  reviewer: Reviewer,
  options: Omit<ClaimOptions, "claimMinutes"> = {},
): void {
  const now = options.now ?? Date.now();
  const release = database.sqlite.transaction(() => {
    const item = openItem(database, caseId, now);
    if (item.claim?.reviewer !== reviewer.name) return;
    log.append([
      {
        kind: "escalation.released",
        key: `escalation.released:${caseId}:${randomUUID()}`,
        runId: item.runId,
        caseId,
        actor: humanActor(reviewer, options.authenticatedBy),
        payload: { reviewer: reviewer.name },
      },
    ]);
  });
  release.immediate();
}

/**
 * Checks, inside the caller's transaction, that `reviewer` holds a live claim on the waiting
 * case: CLAIM_REQUIRED when they hold none (or theirs lapsed), CASE_CLAIMED when someone else does.
 */
export function assertHoldsClaim(
  database: CrosscheckDatabase,
  caseId: string,
  reviewer: Reviewer,
  now: number,
): QueueItem {
  mayDecide(reviewer, "decide");
  const item = openItem(database, caseId, now);
  if (item.claim === null) {
    throw new CrosscheckError(
      "CLAIM_REQUIRED",
      `${reviewer.name} holds no claim on case ${caseId} (none was made, or it lapsed): claim the case again, then decide`,
    );
  }
  if (item.claim.reviewer !== reviewer.name) throw heldBy(item, item.claim);
  return item;
}

/** FORBIDDEN unless the reviewer's role lets them decide. */
export function mayDecide(reviewer: Reviewer, what: string): void {
  if (reviewer.role !== "reviewer") {
    throw new CrosscheckError(
      "FORBIDDEN",
      `${reviewer.name} is a ${reviewer.role} and may not ${what} cases: an admin can run \`crosscheck reviewers add ${reviewer.name} --role reviewer\``,
    );
  }
}

export function humanActor(reviewer: Reviewer, authenticatedBy: string | undefined): Actor {
  return {
    type: "human",
    id: reviewer.name,
    role: reviewer.role,
    ...(authenticatedBy === undefined ? {} : { authenticatedBy }),
  };
}

/** The escalation of the case, which must still wait for a decision. */
function openItem(database: CrosscheckDatabase, caseId: string, now: number): QueueItem {
  const item = getQueueItem(database, caseId, now);
  if (item === undefined) {
    throw new CrosscheckError(
      "CASE_NOT_ESCALATED",
      `case ${caseId} is not in the review queue (unknown id, or never escalated): list the queue with \`crosscheck review\` or the web page`,
    );
  }
  if (item.state === "decided" || item.state === "resumed") {
    const by =
      item.decision === null
        ? ""
        : ` by ${item.decision.reviewer} at ${new Date(item.decision.at).toISOString()}`;
    throw new CrosscheckError(
      "ALREADY_DECIDED",
      `case ${caseId} was already decided${by}: a decision cannot be changed`,
    );
  }
  if (item.state === "cancelled") {
    throw new CrosscheckError(
      "ALREADY_DECIDED",
      `the escalation of case ${caseId} was cancelled (its run was aborted): nothing to decide`,
    );
  }
  return item;
}

function heldBy(item: QueueItem, claim: { reviewer: string; expiresAt: number }): CrosscheckError {
  return new CrosscheckError(
    "CASE_CLAIMED",
    `case ${item.caseId} is claimed by ${claim.reviewer} until ${new Date(claim.expiresAt).toISOString()}: pick another case, or wait until the claim lapses`,
  );
}

/** The claim length the workflow recorded on the escalation (`escalation.claimMinutes`), if any. */
function recordedClaimMinutes(database: CrosscheckDatabase, caseId: string): number | undefined {
  const body = database.sqlite
    .prepare("SELECT body FROM events WHERE case_id = ? AND kind = 'escalation.opened' ORDER BY seq LIMIT 1")
    .pluck()
    .get(caseId) as string | undefined;
  if (body === undefined) return undefined;
  const minutes = (JSON.parse(body) as { payload?: { claimMinutes?: unknown } }).payload?.claimMinutes;
  return typeof minutes === "number" ? minutes : undefined;
}
