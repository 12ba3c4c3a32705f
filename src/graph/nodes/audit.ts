import type { AuditContext, AuditInput } from "../../agents/auditor.js";
import { NO_USAGE, type UsageSummary } from "../../domain/trace.js";
import type { Verdict } from "../../domain/verdict.js";
import { agentDeadline, eventKey, type NodeDeps } from "../resolved.js";
import type { AuditBranch, CaseStateUpdate, CaseStateValue } from "../state.js";
import { callForVerdict } from "./verdict-call.js";

export function auditInput(state: CaseStateValue): AuditInput {
  return {
    caseId: state.caseId,
    task: state.task,
    output: state.output ?? { content: null },
    trace: state.trace,
    evidence: state.evidence,
  };
}

/** The context an auditor is called with: its deadline's signal, and the run's history of the log when there is one. */
export function auditContext(signal: AbortSignal, deps: NodeDeps, runId: string): AuditContext {
  return deps.history === undefined ? { signal } : { signal, history: deps.history(runId) };
}

/**
 * Records the verdicts of one round in one append (one transaction), idempotently: a re-run
 * node does not append them twice.
 */
export function recordVerdicts(
  deps: NodeDeps,
  state: CaseStateValue,
  verdicts: readonly Verdict[],
  verdictMs: Readonly<Record<string, number>>,
  verdictUsage: Readonly<Record<string, UsageSummary>>,
): void {
  if (verdicts.length === 0) return;
  deps.log.append(
    verdicts.map((verdict) => {
      const node = verdict.round === 0 ? "audit" : "cross-examine";
      return {
        kind: "auditor.verdict" as const,
        key: eventKey(state.caseId, `${node}:${verdict.auditor}`, verdict.round, "auditor.verdict"),
        runId: state.runId,
        caseId: state.caseId,
        node,
        actor: deps.workflow.auditors.get(verdict.auditor)?.actor ?? {
          type: "agent" as const,
          id: verdict.auditor,
          role: "auditor",
        },
        payload: {
          verdict,
          durationMs: verdictMs[`${verdict.auditor}@${verdict.round}`] ?? 0,
          usage: verdictUsage[`${verdict.auditor}@${verdict.round}`] ?? NO_USAGE,
        },
      };
    }),
  );
}

/**
 * One auditor's first verdict. The graph sends one of these branches per auditor, in parallel;
 * the join (cross-examine) logs the round's verdicts together.
 */
export function auditNode(deps: NodeDeps) {
  const { workflow, agents } = deps;
  return async (branch: AuditBranch): Promise<CaseStateUpdate> => {
    const resolved = workflow.auditors.get(branch.auditorName);
    if (resolved === undefined) throw new Error(`unknown auditor ${branch.auditorName}`);
    const input = auditInput(branch);
    const timeout = agentDeadline(workflow, branch.startedAt, Date.now());
    const { verdict, durationMs, usage } = await agents.run(() =>
      callForVerdict(resolved.agent.name, 0, timeout, (signal) =>
        resolved.agent.audit(input, auditContext(signal, deps, branch.runId)),
      ),
    );
    return {
      verdicts: { [verdict.auditor]: verdict },
      verdictMs: { [`${verdict.auditor}@0`]: Math.round(durationMs) },
      verdictUsage: { [`${verdict.auditor}@0`]: usage },
    };
  };
}
