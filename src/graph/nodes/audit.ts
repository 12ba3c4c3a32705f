import type { AuditInput } from "../../agents/auditor.js";
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

/** Records one verdict (idempotently: a re-run node does not append it twice). */
export function recordVerdict(
  deps: NodeDeps,
  state: CaseStateValue,
  verdict: Verdict,
  durationMs: number,
): void {
  const resolved = deps.workflow.auditors.get(verdict.auditor);
  const node = verdict.round === 0 ? "audit" : "cross-examine";
  deps.log.append([
    {
      kind: "auditor.verdict",
      key: eventKey(state.caseId, `${node}:${verdict.auditor}`, verdict.round, "auditor.verdict"),
      runId: state.runId,
      caseId: state.caseId,
      node,
      actor: resolved?.actor ?? { type: "agent", id: verdict.auditor, role: "auditor" },
      payload: { verdict, durationMs },
    },
  ]);
}

/** One auditor's first verdict. The graph sends one of these branches per auditor, in parallel. */
export function auditNode(deps: NodeDeps) {
  const { workflow, agents } = deps;
  return async (branch: AuditBranch): Promise<CaseStateUpdate> => {
    const resolved = workflow.auditors.get(branch.auditorName);
    if (resolved === undefined) throw new Error(`unknown auditor ${branch.auditorName}`);
    const input = auditInput(branch);
    const timeout = agentDeadline(workflow, branch.startedAt, Date.now());
    const { verdict, durationMs } = await agents.run(() =>
      callForVerdict(resolved.agent.name, 0, timeout, (signal) => resolved.agent.audit(input, { signal })),
    );
    recordVerdict(deps, branch, verdict, durationMs);
    return { verdicts: { [verdict.auditor]: verdict } };
  };
}
