import { and, asc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { CrosscheckDatabase } from "../audit/database.js";
import { cases, escalations, humanDecisions, runs } from "../audit/schema.js";
import { SEVERITIES, type Severity, severityRank } from "../domain/finding.js";
import { parseWith } from "../domain/parse.js";

/**
 * Where an escalation is in review. `claimed` is `pending` with a live claim (a lapsed claim
 * reads as `pending` again); `expired` is `pending` past its SLA deadline.
 */
export const QUEUE_STATES = ["pending", "claimed", "expired", "decided", "resumed", "cancelled"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** One escalated case as the review tools show it. */
export interface QueueItem {
  caseId: string;
  runId: string;
  workflow: string;
  taskId: string | null;
  caseStatus: string;
  state: QueueState;
  reason: string;
  /** The highest finding severity of the case. */
  priority: string;
  queue: string | null;
  assignee: string | null;
  createdAt: number;
  ageMs: number;
  /** SLA deadline, ms UTC, or null when the workflow sets none. */
  dueAt: number | null;
  overdue: boolean;
  /** Set only while the claim is live. */
  claim: { reviewer: string; expiresAt: number } | null;
  decision: { reviewer: string; decision: "accept" | "reject"; reason: string; at: number } | null;
}

export const QueueFilterSchema = z
  .object({
    workflow: z.string().min(1).optional(),
    queue: z.string().min(1).optional(),
    /** Default: the cases waiting for a decision (pending, claimed, expired). */
    state: z.enum([...QUEUE_STATES, "open", "all"]).optional(),
    /** Only cases whose priority is at least this severity. */
    minSeverity: z.enum(SEVERITIES).optional(),
    /** Only cases escalated at least this many minutes ago. */
    minAgeMinutes: z.number().int().nonnegative().optional(),
  })
  .strict();
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

const OPEN_STATES: ReadonlySet<QueueState> = new Set(["pending", "claimed", "expired"]);

/** The escalations matching `filter`, highest priority first, then oldest first. */
export function listQueue(
  database: CrosscheckDatabase,
  filter: QueueFilter = {},
  now = Date.now(),
): QueueItem[] {
  const valid = parseWith(QueueFilterSchema, filter, "USAGE", "the queue filter");
  const where: SQL[] = [];
  if (valid.workflow !== undefined) where.push(eq(runs.workflow, valid.workflow));
  if (valid.queue !== undefined) where.push(eq(escalations.queue, valid.queue));
  const items = selectItems(database, where.length === 0 ? undefined : and(...where), now);
  const wanted = valid.state ?? "open";
  return items
    .filter(
      (item) => wanted === "all" || (wanted === "open" ? OPEN_STATES.has(item.state) : item.state === wanted),
    )
    .filter(
      (item) => valid.minSeverity === undefined || rank(item.priority) >= severityRank(valid.minSeverity),
    )
    .filter((item) => valid.minAgeMinutes === undefined || item.ageMs >= valid.minAgeMinutes * 60_000)
    .sort((a, b) => rank(b.priority) - rank(a.priority) || a.createdAt - b.createdAt);
}

/** One escalation, or undefined when the case was never escalated (or does not exist). */
export function getQueueItem(
  database: CrosscheckDatabase,
  caseId: string,
  now = Date.now(),
): QueueItem | undefined {
  return selectItems(database, eq(escalations.caseId, caseId), now)[0];
}

function selectItems(database: CrosscheckDatabase, where: SQL | undefined, now: number): QueueItem[] {
  const rows = database.db
    .select({
      e: escalations,
      workflow: runs.workflow,
      taskId: cases.taskId,
      caseStatus: cases.status,
      human: humanDecisions,
    })
    .from(escalations)
    .innerJoin(cases, eq(cases.id, escalations.caseId))
    .innerJoin(runs, eq(runs.id, escalations.runId))
    .leftJoin(humanDecisions, eq(humanDecisions.caseId, escalations.caseId))
    .where(where)
    .orderBy(asc(escalations.createdAt))
    .all();
  return rows.map(({ e, workflow, taskId, caseStatus, human }) => {
    const waiting = e.status === "pending";
    const claim =
      waiting && e.claimedBy !== null && e.claimExpiresAt !== null && e.claimExpiresAt > now
        ? { reviewer: e.claimedBy, expiresAt: e.claimExpiresAt }
        : null;
    const overdue = waiting && e.dueAt !== null && e.dueAt <= now;
    let state: QueueState = e.status;
    if (waiting) state = claim !== null ? "claimed" : overdue ? "expired" : "pending";
    return {
      caseId: e.caseId,
      runId: e.runId,
      workflow,
      taskId,
      caseStatus,
      state,
      reason: e.reason,
      priority: e.priority,
      queue: e.queue,
      assignee: e.assignee,
      createdAt: e.createdAt,
      ageMs: Math.max(0, now - e.createdAt),
      dueAt: e.dueAt,
      overdue,
      claim,
      decision:
        human === null
          ? null
          : { reviewer: human.reviewer, decision: human.decision, reason: human.reason, at: human.at },
    };
  });
}

function rank(priority: string): number {
  return (SEVERITIES as readonly string[]).includes(priority) ? severityRank(priority as Severity) : -1;
}
