import { z } from "zod";
import { DecisionSchema, HumanDecisionSchema } from "../domain/decision.js";
import { OutputSchema } from "../domain/output.js";
import { TraceSchema } from "../domain/trace.js";
import { VerdictSchema } from "../domain/verdict.js";

/** Who caused an event. For agents: the model and a digest of the prompt/rubric/code when known. */
export const ActorSchema = z.object({
  type: z.enum(["agent", "human", "system"]),
  id: z.string().min(1),
  role: z.string().min(1),
  model: z.string().optional(),
  version: z.string().optional(),
  digest: z.string().optional(),
  /** Agents: SHA-256 of the agent's manifest (src/security/provenance/manifest.ts), signed by `crosscheck agents sign`. */
  manifest: z.string().optional(),
  authenticatedBy: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** A commitment to some content: its hash and size, not the content itself. */
export const ContentRefSchema = z.object({ sha256: z.string(), size: z.number().int().nonnegative() });
export type ContentRef = z.infer<typeof ContentRefSchema>;

export const WorkflowRefSchema = z.object({
  name: z.string(),
  version: z.string(),
  digest: z.string(),
  policy: z.string(),
});
export type WorkflowRef = z.infer<typeof WorkflowRefSchema>;

/**
 * The payload of each kind of audit event. The log stores every event in its hash chain and
 * keeps the projection tables (runs, cases, outputs, verdicts, ...) in step in the same
 * transaction.
 */
export const EventPayloadSchemas = {
  "run.started": z.object({
    workflow: WorkflowRefSchema,
    pid: z.number().int(),
    host: z.string(),
    modulePath: z.string().optional(),
    /** Set when the run is a scenario suite (a test), so exports can tell tests from production. */
    scenario: z.object({ suite: z.string(), file: z.string().optional() }).optional(),
  }),
  "run.ended": z.object({ cases: z.number().int(), outcomes: z.record(z.string(), z.number().int()) }),
  "run.interrupted": z.object({ reason: z.string() }),
  "case.started": z.object({
    taskId: z.string().optional(),
    taskKind: z.string().optional(),
    input: ContentRefSchema,
    task: z.unknown(),
    suppliedOutput: z.boolean(),
  }),
  "worker.output": z.object({ output: OutputSchema, trace: TraceSchema, supplied: z.boolean() }),
  "worker.failed": z.object({
    reason: z.enum(["error", "timeout", "invalid-output", "quota"]),
    message: z.string(),
  }),
  "evidence.retrieved": z.object({
    evidence: z.array(
      z.object({ id: z.string(), source: z.string(), contentHash: z.string(), score: z.number().optional() }),
    ),
    params: z.record(z.string(), z.unknown()),
  }),
  "auditor.verdict": z.object({
    verdict: VerdictSchema,
    durationMs: z.number().nonnegative(),
    /** What the auditor's model calls used (zero for deterministic auditors). */
    usage: z
      .object({
        modelCalls: z.number().int().nonnegative(),
        tokensIn: z.number().int().nonnegative(),
        tokensOut: z.number().int().nonnegative(),
        costUsd: z.number().nonnegative(),
      })
      .optional(),
  }),
  "crossexam.round": z.object({ round: z.number().int(), disagreeing: z.array(z.string()) }),
  "case.decided": z.object({ decision: DecisionSchema }),
  "escalation.opened": z.object({
    reason: z.string(),
    priority: z.string(),
    queue: z.string().optional(),
    assignee: z.string().optional(),
    /** The SLA deadline (ms UTC) from the workflow's `escalation.slaMinutes`. */
    dueAt: z.number().int().optional(),
    /** How long a reviewer's claim holds (`escalation.claimMinutes`). */
    claimMinutes: z.number().int().positive().optional(),
    /** What happens at the SLA deadline (`escalation.onSlaBreach`). */
    onSlaBreach: z.enum(["flag", "reject"]).optional(),
  }),
  /** A reviewer reserves the case until `expiresAt` (ms UTC), so two people do not decide it at once. */
  "escalation.claimed": z.object({ reviewer: z.string().min(1), expiresAt: z.number().int() }),
  "escalation.released": z.object({ reviewer: z.string().min(1) }),
  /** The SLA ran out: flagged, or rejected by the system when the workflow says so. */
  "escalation.breached": z.object({ dueAt: z.number().int(), action: z.enum(["flag", "reject"]) }),
  /** Access to the review tools: who, with which role, and the SHA-256 of their token. */
  "reviewer.added": z.object({
    name: z.string().min(1),
    role: z.enum(["viewer", "reviewer"]),
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  "reviewer.revoked": z.object({ name: z.string().min(1) }),
  "human.decision": z.object({
    decision: HumanDecisionSchema,
    /** SHA-256 of the canonical JSON of the case view the reviewer was shown (src/review/view-digest.ts); absent without a view. */
    viewDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
  /**
   * A second reviewer's look at a decided case: their own decision, and whether it agrees with
   * the first (an overturn when not). It does not change the case's outcome; it is the
   * evidence behind each reviewer's overturn rate.
   */
  "human.second-review": z.object({
    review: HumanDecisionSchema,
    first: HumanDecisionSchema,
    agrees: z.boolean(),
    viewDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  }),
  "escalation.resumed": z.object({}),
  "case.ended": z.object({
    outcome: z.enum(["accepted", "rejected"]),
    decidedBy: z.enum(["consensus", "human", "policy"]),
    durationMs: z.number().nonnegative(),
  }),
  "case.interrupted": z.object({ reason: z.string() }),
  /** One MCP tool call through the gateway (src/mcp/): commitments to arguments and result, the guard's verdict. */
  "mcp.call": z.object({
    server: z.string(),
    tool: z.string(),
    args: ContentRefSchema,
    outcome: z.enum(["ok", "tool-error", "flagged", "failed"]),
    result: ContentRefSchema.optional(),
    truncated: z.boolean().optional(),
    guard: z
      .object({
        verdict: z.string(),
        score: z.number(),
        ruleIds: z.array(z.string()),
        textSha256: z.string(),
      })
      .optional(),
    error: z.string().optional(),
    durationMs: z.number().nonnegative(),
  }),
  /** The MCP gateway refused a tool or a call: unpinned, changed (rug pull), not allowed, invalid arguments. */
  "mcp.blocked": z.object({
    server: z.string(),
    tool: z.string(),
    reason: z.enum(["changed", "unpinned", "not-allowed", "missing", "invalid-arguments"]),
    message: z.string(),
    pinnedSha256: z.string().optional(),
    offeredSha256: z.string().optional(),
  }),
  /** A tool definition pinned by `crosscheck mcp approve`: its hash, the one it replaces, the guard's view. */
  "mcp.approved": z.object({
    server: z.string(),
    tool: z.string(),
    sha256: z.string(),
    previousSha256: z.string().optional(),
    forced: z.boolean(),
    guard: z.object({ verdict: z.string(), score: z.number(), ruleIds: z.array(z.string()) }),
  }),
  "log.exported": z.object({
    format: z.string(),
    filters: z.record(z.string(), z.unknown()),
    events: z.number().int(),
  }),
} as const;

export type EventKind = keyof typeof EventPayloadSchemas;
export type EventPayload<K extends EventKind> = z.infer<(typeof EventPayloadSchemas)[K]>;

/**
 * An event to append. `key` makes the append idempotent: an event whose key is already in the
 * log is skipped (LangGraph re-runs an interrupted node from its start on resume). Build keys
 * from run, case, node and attempt.
 */
export type NewEvent = {
  [K in EventKind]: {
    kind: K;
    key: string;
    runId: string;
    caseId?: string | undefined;
    node?: string | undefined;
    actor: Actor;
    payload: EventPayload<K>;
  };
}[EventKind];

/** The hashed body of a stored event (canonical JSON of this object). */
export interface EventBody {
  seq: number;
  id: string;
  ts: number;
  kind: EventKind;
  runId: string;
  caseId: string | null;
  node: string | null;
  actor: Actor;
  payload: unknown;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: "crosscheck", role: "orchestrator" };

/** The `runId` of events about the log as a whole (exports, reads), which belong to no run. */
export const LOG_RUN_ID = "log";
