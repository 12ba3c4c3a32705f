import { z } from "zod";
import type { Auditor } from "../agents/auditor.js";
import type { Worker, WorkerFn } from "../agents/worker.js";
import type { Evidence } from "../domain/evidence.js";
import type { Output } from "../domain/output.js";
import type { Task } from "../domain/task.js";
import { type ProvenanceOptions, ProvenanceOptionsSchema } from "../security/provenance/options.js";
import type { ConsensusPolicy } from "./consensus.js";
import { type IndependenceOptions, IndependenceSchema } from "./independence.js";

/** Default deadline of one worker or auditor call. */
export const DEFAULT_AGENT_TIMEOUT_MS = 60_000;
/** Default number of cross-examination rounds when auditors disagree. */
export const DEFAULT_CROSS_EXAMINATION_ROUNDS = 1;

/** Fills a case's evidence before the auditors run (the ground-truth store plugs in here). */
export interface Retriever<I = unknown, C = unknown> {
  readonly name: string;
  /** Recorded in the audit log beside the evidence ids (store, collection, k, query...). */
  readonly params?: Record<string, unknown>;
  retrieve(task: Task<I>, output: Output<C>): Promise<Evidence[] | Retrieval> | Evidence[] | Retrieval;
}

/** A retrieval whose parameters depend on the case (the query sent, the collection version read). */
export interface Retrieval {
  evidence: Evidence[];
  /** Logged over the retriever's static `params`. */
  params?: Record<string, unknown>;
}

export interface QuotaOptions {
  /** Deadline of one worker or auditor call, in ms. Default 60 000. A breach becomes a finding. */
  agentTimeoutMs?: number;
  /** Wall-time budget of one case, in ms (every agent call gets at most what is left). Default: none. */
  caseTimeoutMs?: number;
  /** Agents (worker and auditor calls) running at once across the workflow. Default: no limit. */
  maxConcurrentAgents?: number;
  /** Sandboxed executions at once through `SandboxPool.fromQuotas(quotas)`. Default: CPU count. */
  sandboxConcurrency?: number;
}

export interface EscalationOptions {
  /** What to do when consensus escalates: wait for a human (default) or reject at once (fail closed). */
  onEscalate?: "wait" | "reject";
  /** Queue and assignee recorded on the escalation, for the review tools. */
  queue?: string;
  assignee?: string;
  /** Minutes a case may wait for a human before its SLA is breached. Default: no SLA. */
  slaMinutes?: number;
  /** At the SLA deadline: flag the case (default), or reject it as the system (fail closed). */
  onSlaBreach?: "flag" | "reject";
  /** Minutes a reviewer's claim on a case holds before it lapses. Default 30. */
  claimMinutes?: number;
}

export interface CrossExaminationOptions {
  /** Rounds of reconsideration when auditors disagree. Default 1; 0 turns cross-examination off. */
  maxRounds?: number;
}

/** Everything `defineWorkflow` accepts. */
export interface WorkflowOptions<I = unknown, C = unknown> {
  /** Names the workflow in the audit log and in `crosscheck` output. */
  name: string;
  /** Recorded with every run, so a verdict can be traced to the workflow version. Default "0". */
  version?: string;
  /** Produces the output. Skipped for tasks that already carry an output. */
  worker: Worker<I, C> | WorkerFn<I, C>;
  /** At least one. Names must be unique. They run in parallel. */
  auditors: ReadonlyArray<Auditor<I, C>>;
  retrieve?: Retriever<I, C>;
  consensus: ConsensusPolicy;
  crossExamination?: CrossExaminationOptions;
  escalation?: EscalationOptions;
  quotas?: QuotaOptions;
  /**
   * How independent model-backed auditors must be from the worker: default
   * `{ require: "different-model" }`; checked here, stamped on every verdict. See docs/models.md.
   */
  independence?: IndependenceOptions;
  /**
   * `"strict"`: every agent needs a manifest signed by a trusted key that still matches its code,
   * or nothing runs (PROVENANCE_REJECTED). Default `"off"`. See docs/auditors.md.
   */
  provenance?: ProvenanceOptions;
  /** Validates `task.input` before anything runs (a zod schema or anything with safeParse). */
  input?: z.ZodType<I>;
  /** Validates `output.content`; an output that fails is a worker failure. */
  output?: z.ZodType<C>;
}

const positiveMs = z.number().int().positive().max(2_147_483_647);

/** Shape checks of the plain-data options (functions are checked by toWorker/toAuditor). */
export const WorkflowDataSchema = z.object({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
      "must be 1-100 letters, digits, '.', '_' or '-' (e.g. receipts)",
    ),
  version: z.string().min(1).max(100).optional(),
  auditors: z.array(z.unknown()).min(1, "needs at least one auditor"),
  crossExamination: z
    .object({ maxRounds: z.number().int().min(0).max(10).optional() })
    .strict()
    .optional(),
  escalation: z
    .object({
      onEscalate: z.enum(["wait", "reject"]).optional(),
      queue: z.string().min(1).optional(),
      assignee: z.string().min(1).optional(),
      slaMinutes: z.number().int().positive().max(525_600).optional(),
      onSlaBreach: z.enum(["flag", "reject"]).optional(),
      claimMinutes: z.number().int().positive().max(10_080).optional(),
    })
    .strict()
    .optional(),
  quotas: z
    .object({
      agentTimeoutMs: positiveMs.optional(),
      caseTimeoutMs: positiveMs.optional(),
      maxConcurrentAgents: z.number().int().positive().optional(),
      sandboxConcurrency: z.number().int().positive().optional(),
    })
    .strict()
    .optional(),
  independence: IndependenceSchema.optional(),
  provenance: ProvenanceOptionsSchema.optional(),
});
