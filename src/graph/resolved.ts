import type { z } from "zod";
import type { Auditor } from "../agents/auditor.js";
import type { Worker } from "../agents/worker.js";
import type { AuditHistory } from "../audit/accepted-outputs.js";
import type { Actor } from "../audit/events.js";
import type { AuditLog } from "../audit/log.js";
import type { Evidence } from "../domain/evidence.js";
import type { Semaphore } from "../internal/semaphore.js";
import type { AgentManifest } from "../security/provenance/manifest.js";
import type { ResolvedProvenanceOptions } from "../security/provenance/options.js";
import type { ConsensusPolicy } from "./consensus.js";
import type { Retriever } from "./options.js";

export interface ResolvedAgent<A> {
  readonly agent: A;
  readonly actor: Actor;
}

/** A workflow's options after validation: defaults filled in, agents normalised, digests taken. */
export interface ResolvedWorkflow {
  readonly name: string;
  readonly version: string;
  readonly digest: string;
  readonly worker: ResolvedAgent<Worker>;
  readonly auditors: ReadonlyMap<string, ResolvedAgent<Auditor>>;
  readonly retrieve: Retriever | undefined;
  readonly consensus: ConsensusPolicy;
  readonly maxRounds: number;
  readonly onEscalate: "wait" | "reject";
  readonly queue: string | undefined;
  readonly assignee: string | undefined;
  /** The review queue's SLA and claim length (`escalation.slaMinutes`, `onSlaBreach`, `claimMinutes`). */
  readonly review: { slaMinutes?: number; onSlaBreach?: "flag" | "reject"; claimMinutes?: number };
  readonly agentTimeoutMs: number;
  readonly caseTimeoutMs: number | undefined;
  readonly maxConcurrentAgents: number;
  readonly inputSchema: z.ZodType | undefined;
  readonly outputSchema: z.ZodType | undefined;
  /** The manifests of the worker and the auditors, in that order (what `crosscheck agents sign` signs). */
  readonly manifests: readonly AgentManifest[];
  readonly provenance: ResolvedProvenanceOptions;
}

/** What every node needs: the workflow, the log of the database it runs against, the agent limiter. */
export interface NodeDeps {
  readonly workflow: ResolvedWorkflow;
  readonly log: AuditLog;
  readonly agents: Semaphore;
  /** What auditors of a run may read of the log (AuditContext.history), by run id. */
  readonly history?: (runId: string) => AuditHistory;
}

/** The idempotency key of an event: run, case, node and attempt (LangGraph re-runs nodes on resume). */
export function eventKey(caseId: string, node: string, attempt: number, kind: string): string {
  return `${caseId}/${node}/${attempt}/${kind}`;
}

/** Time an agent call may take: the per-call deadline, cut to what is left of the case's budget. */
export function agentDeadline(workflow: ResolvedWorkflow, caseStartedAt: number, now: number): number {
  if (workflow.caseTimeoutMs === undefined) return workflow.agentTimeoutMs;
  const left = workflow.caseTimeoutMs - (now - caseStartedAt);
  return Math.max(1, Math.min(workflow.agentTimeoutMs, left));
}

/** What the log keeps of a piece of evidence: its id, source, content hash and score, not its text. */
export function evidenceRef(evidence: Evidence): {
  id: string;
  source: string;
  contentHash: string;
  score?: number;
} {
  const { id, source, contentHash, score } = evidence;
  return score === undefined ? { id, source, contentHash } : { id, source, contentHash, score };
}
