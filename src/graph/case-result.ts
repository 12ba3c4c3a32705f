import type { Decision, HumanDecision, Outcome } from "../domain/decision.js";
import type { Evidence } from "../domain/evidence.js";
import type { Finding } from "../domain/finding.js";
import type { Output } from "../domain/output.js";
import { addUsage, NO_USAGE, type TraceEvent, type UsageSummary } from "../domain/trace.js";
import type { Verdict } from "../domain/verdict.js";
import { finalOutcome } from "./nodes/record.js";
import type { CaseStateValue, WorkerFailure } from "./state.js";

/** What a workflow made of one task. */
export interface CaseResult<C = unknown> {
  runId: string;
  caseId: string;
  taskId: string | undefined;
  /** `escalated` means paused, waiting for a human decision (`crosscheck decide <caseId>`). */
  outcome: Outcome;
  /** Who settled it; undefined while escalated. */
  decidedBy: "consensus" | "human" | "policy" | undefined;
  decision: Decision;
  human: HumanDecision | undefined;
  /** The latest verdict of each auditor. */
  verdicts: Verdict[];
  /** Every finding of the latest verdicts, with the auditor that raised it. */
  findings: Array<Finding & { auditor: string }>;
  output: Output<C> | null;
  workerFailure: WorkerFailure | undefined;
  evidence: Evidence[];
  /** What the worker really did (recorded by the framework, or supplied with the task). */
  trace: TraceEvent[];
  /** What the auditors' model calls used, over every round. */
  auditorUsage: UsageSummary;
  /** Wall time of this invocation (the run, or the resume after a human decision), in ms. */
  durationMs: number;
}

export function toCaseResult<C>(
  state: CaseStateValue,
  onEscalate: "wait" | "reject",
  durationMs: number,
): CaseResult<C> {
  const decision = state.decision;
  if (decision === null) throw new Error(`case ${state.caseId} ended without a decision`);
  const final = finalOutcome(state, onEscalate);
  const verdicts = Object.values(state.verdicts);
  return {
    runId: state.runId,
    caseId: state.caseId,
    taskId: state.task.id,
    outcome: final?.outcome ?? "escalated",
    decidedBy: final?.decidedBy,
    decision,
    human: state.human ?? undefined,
    verdicts,
    findings: verdicts.flatMap((v) => v.findings.map((f) => ({ ...f, auditor: v.auditor }))),
    output: state.output as Output<C> | null,
    workerFailure: state.workerFailure ?? undefined,
    evidence: state.evidence,
    trace: state.trace,
    auditorUsage: Object.values(state.verdictUsage).reduce(addUsage, NO_USAGE),
    durationMs,
  };
}
