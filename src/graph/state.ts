import { Annotation } from "@langchain/langgraph";
import type { Decision, HumanDecision } from "../domain/decision.js";
import type { Evidence } from "../domain/evidence.js";
import type { Output } from "../domain/output.js";
import type { Task } from "../domain/task.js";
import type { TraceEvent, UsageSummary } from "../domain/trace.js";
import type { Verdict } from "../domain/verdict.js";

export interface WorkerFailure {
  reason: "error" | "timeout" | "invalid-output" | "quota";
  message: string;
}

/** Latest verdict per auditor: a later round replaces an earlier one. */
function mergeVerdicts(
  left: Record<string, Verdict>,
  right: Record<string, Verdict>,
): Record<string, Verdict> {
  return { ...left, ...right };
}

/** The state of one case as it moves through the graph (checkpointed at interrupts and at the end). */
export const CaseState = Annotation.Root({
  runId: Annotation<string>(),
  caseId: Annotation<string>(),
  startedAt: Annotation<number>(),
  task: Annotation<Task>(),
  output: Annotation<Output | null>({ reducer: (_, next) => next, default: () => null }),
  trace: Annotation<TraceEvent[]>({ reducer: (_, next) => next, default: () => [] }),
  workerFailure: Annotation<WorkerFailure | null>({ reducer: (_, next) => next, default: () => null }),
  evidence: Annotation<Evidence[]>({ reducer: (_, next) => next, default: () => [] }),
  verdicts: Annotation<Record<string, Verdict>>({ reducer: mergeVerdicts, default: () => ({}) }),
  /** How long each verdict took, by `auditor@round`; logged with the verdict. */
  verdictMs: Annotation<Record<string, number>>({ reducer: (a, b) => ({ ...a, ...b }), default: () => ({}) }),
  /** What each verdict's model calls used, by `auditor@round`; logged with the verdict. */
  verdictUsage: Annotation<Record<string, UsageSummary>>({
    reducer: (a, b) => ({ ...a, ...b }),
    default: () => ({}),
  }),
  round: Annotation<number>({ reducer: (_, next) => next, default: () => 0 }),
  decision: Annotation<Decision | null>({ reducer: (_, next) => next, default: () => null }),
  human: Annotation<HumanDecision | null>({ reducer: (_, next) => next, default: () => null }),
});

export type CaseStateValue = typeof CaseState.State;
export type CaseStateUpdate = typeof CaseState.Update;

/** Input of one audit branch (sent with LangGraph `Send`). */
export type AuditBranch = CaseStateValue & { auditorName: string };
