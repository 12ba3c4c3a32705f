import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Decision } from "../domain/decision.js";
import type { Location } from "../domain/finding.js";
import { addUsage, NO_USAGE, type TraceEvent, type UsageSummary, usageSummary } from "../domain/trace.js";
import { CrosscheckError } from "../errors.js";
import type { CrosscheckDatabase } from "./database.js";
import type { Actor } from "./events.js";
import { cases, escalations, events, findings, humanDecisions, outputs, runs, verdicts } from "./schema.js";

/** Everything the log knows of one run, for `crosscheck audit show` (text or --json). */
export interface RunAccount {
  run: typeof runs.$inferSelect;
  cases: CaseAccount[];
  /** What the listed cases' model calls used: the worker's and every verdict's, summed. */
  usage: UsageSummary;
  /** Set when the account was asked for by case id: only that case is listed. */
  focusCaseId?: string;
}

export interface CaseAccount {
  id: string;
  taskId: string | null;
  taskKind: string | null;
  inputSha256: string;
  status: string;
  decidedBy: string | null;
  startedAt: number;
  endedAt: number | null;
  output: {
    content: unknown;
    status: unknown;
    claims: unknown;
    artifacts: unknown;
    supplied: boolean;
    traceEvents: number;
  } | null;
  /** What the worker's model calls used, from the `model_call` events of its recorded trace. */
  workerUsage: UsageSummary;
  /** The worker's and every verdict's model usage, summed. */
  usage: UsageSummary;
  workerFailures: { reason: string; message: string; at: number }[];
  /** The evidence the verdicts relied on (ids and content hashes, not the text), from `evidence.retrieved`. */
  evidence: { id: string; source: string; contentHash: string; score?: number }[];
  /** The retrieval parameters (retriever name, its params, an error), or null when nothing was retrieved. */
  evidenceParams: Record<string, unknown> | null;
  verdicts: VerdictAccount[];
  crossExamRounds: { round: number; disagreeing: string[]; at: number }[];
  decisions: (Decision & { at: number })[];
  escalation: typeof escalations.$inferSelect | null;
  humanDecision:
    | (typeof humanDecisions.$inferSelect & {
        authenticatedBy: string | null;
        /** SHA-256 of the case view the reviewer was shown, when the decision recorded one. */
        viewDigest: string | null;
      })
    | null;
}

export interface VerdictAccount {
  auditor: string;
  round: number;
  decision: string;
  confidence: number;
  rationale: string;
  eventSeq: number;
  /** What this verdict's model calls used (logged with it); null in logs written before usage was. */
  usage: UsageSummary | null;
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    location: Location | null;
    evidenceIds: string[];
  }[];
}

/** How many recent runs an unknown-id error lists. */
export const RECENT_RUNS_LISTED = 5;

/**
 * The account of the run `id`, or of the run of case `id` narrowed to that case. Throws
 * CrosscheckError("CASE_NOT_FOUND") listing the most recent run ids when `id` is neither.
 */
export function getRunAccount(database: CrosscheckDatabase, id: string): RunAccount {
  const { db } = database;
  let run = db.select().from(runs).where(eq(runs.id, id)).get();
  let focusCaseId: string | undefined;
  if (run === undefined) {
    const owner = db.select({ runId: cases.runId }).from(cases).where(eq(cases.id, id)).get();
    if (owner !== undefined) {
      run = db.select().from(runs).where(eq(runs.id, owner.runId)).get();
      focusCaseId = id;
    }
  }
  if (run === undefined) throw unknownId(database, id);
  const caseRows = db
    .select()
    .from(cases)
    .where(eq(focusCaseId === undefined ? cases.runId : cases.id, focusCaseId ?? run.id))
    .orderBy(asc(cases.startedAt), asc(cases.id))
    .all();
  const accounts = caseRows.map((row) => caseAccount(database, row));
  const account: RunAccount = {
    run,
    cases: accounts,
    usage: accounts.reduce((sum, c) => addUsage(sum, c.usage), NO_USAGE),
  };
  if (focusCaseId !== undefined) account.focusCaseId = focusCaseId;
  return account;
}

/** The ids of the most recently started runs, newest first. */
export function recentRunIds(database: CrosscheckDatabase, limit = RECENT_RUNS_LISTED): string[] {
  return database.db
    .select({ id: runs.id })
    .from(runs)
    .orderBy(desc(runs.startedAt))
    .limit(limit)
    .all()
    .map((r) => r.id);
}

function unknownId(database: CrosscheckDatabase, id: string): CrosscheckError {
  const recent = recentRunIds(database);
  const hint =
    recent.length === 0
      ? "the log has no runs yet: run a workflow first, or pass the right file with --db"
      : `the most recent runs are: ${recent.join(", ")}`;
  return new CrosscheckError("CASE_NOT_FOUND", `no run or case with id "${id}" in ${database.path}: ${hint}`);
}

/** The event kinds read back from the log itself (their details are not projected). */
const DETAIL_KINDS = [
  "worker.failed",
  "auditor.verdict",
  "evidence.retrieved",
  "crossexam.round",
  "case.decided",
  "human.decision",
];

function caseAccount(database: CrosscheckDatabase, row: typeof cases.$inferSelect): CaseAccount {
  const { db } = database;
  const output = db.select().from(outputs).where(eq(outputs.caseId, row.id)).get();
  const verdictRows = db
    .select()
    .from(verdicts)
    .where(eq(verdicts.caseId, row.id))
    .orderBy(asc(verdicts.round), asc(verdicts.eventSeq))
    .all();
  const findingRows =
    verdictRows.length === 0
      ? []
      : db
          .select()
          .from(findings)
          .where(
            inArray(
              findings.verdictId,
              verdictRows.map((v) => v.id),
            ),
          )
          .orderBy(asc(findings.id))
          .all();
  const account: CaseAccount = {
    id: row.id,
    taskId: row.taskId,
    taskKind: row.taskKind,
    inputSha256: row.inputSha256,
    status: row.status,
    decidedBy: row.decidedBy,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    output:
      output === undefined
        ? null
        : {
            content: output.content,
            status: output.status,
            claims: output.claims,
            artifacts: output.artifacts,
            supplied: output.supplied,
            traceEvents: Array.isArray(output.trace) ? output.trace.length : 0,
          },
    workerUsage:
      output !== undefined && Array.isArray(output.trace)
        ? usageSummary(output.trace as TraceEvent[])
        : NO_USAGE,
    usage: NO_USAGE,
    workerFailures: [],
    evidence: [],
    evidenceParams: null,
    verdicts: verdictRows.map((v) => ({
      auditor: v.auditor,
      round: v.round,
      decision: v.decision,
      confidence: v.confidence,
      rationale: v.rationale,
      eventSeq: v.eventSeq,
      usage: null,
      findings: findingRows
        .filter((f) => f.verdictId === v.id)
        .map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          location: (f.location as Location | null) ?? null,
          evidenceIds: (f.evidenceIds as string[] | null) ?? [],
        })),
    })),
    crossExamRounds: [],
    decisions: [],
    escalation: db.select().from(escalations).where(eq(escalations.caseId, row.id)).get() ?? null,
    humanDecision: null,
  };
  const human = db.select().from(humanDecisions).where(eq(humanDecisions.caseId, row.id)).get();
  const details = db
    .select({ seq: events.seq, kind: events.kind, ts: events.ts, body: events.body })
    .from(events)
    .where(eq(events.caseId, row.id))
    .orderBy(asc(events.seq))
    .all()
    .filter((e) => DETAIL_KINDS.includes(e.kind));
  for (const event of details) {
    const body = JSON.parse(event.body) as { actor: Actor; payload: Record<string, unknown> };
    const p = body.payload;
    if (event.kind === "worker.failed") {
      account.workerFailures.push({
        reason: String(p["reason"]),
        message: String(p["message"]),
        at: event.ts,
      });
    } else if (event.kind === "auditor.verdict") {
      const usage = p["usage"] as UsageSummary | undefined;
      const verdict = account.verdicts.find((v) => v.eventSeq === event.seq);
      if (verdict !== undefined && usage !== undefined) verdict.usage = usage;
    } else if (event.kind === "evidence.retrieved") {
      account.evidence = p["evidence"] as CaseAccount["evidence"];
      account.evidenceParams = p["params"] as Record<string, unknown>;
    } else if (event.kind === "crossexam.round") {
      account.crossExamRounds.push({
        round: Number(p["round"]),
        disagreeing: p["disagreeing"] as string[],
        at: event.ts,
      });
    } else if (event.kind === "case.decided") {
      account.decisions.push({ ...(p["decision"] as Decision), at: event.ts });
    } else if (event.kind === "human.decision" && human !== undefined) {
      account.humanDecision = {
        ...human,
        authenticatedBy: body.actor.authenticatedBy ?? null,
        viewDigest: typeof p["viewDigest"] === "string" ? p["viewDigest"] : null,
      };
    }
  }
  account.usage = account.verdicts.reduce(
    (sum, v) => addUsage(sum, v.usage ?? NO_USAGE),
    account.workerUsage,
  );
  if (account.humanDecision === null && human !== undefined) {
    account.humanDecision = { ...human, authenticatedBy: null, viewDigest: null };
  }
  return account;
}
