import { SYSTEM_ACTOR } from "../../audit/events.js";
import { eventKey, type NodeDeps } from "../resolved.js";
import type { CaseStateUpdate, CaseStateValue } from "../state.js";

export type FinalOutcome = { outcome: "accepted" | "rejected"; decidedBy: "consensus" | "human" | "policy" };

/** The case's final outcome: the human's word when there is one, else the consensus decision. */
export function finalOutcome(state: CaseStateValue, onEscalate: "wait" | "reject"): FinalOutcome | undefined {
  if (state.human !== null) {
    return { outcome: state.human.decision === "accept" ? "accepted" : "rejected", decidedBy: "human" };
  }
  const outcome = state.decision?.outcome;
  if (outcome === undefined) return undefined;
  if (outcome === "escalated")
    return onEscalate === "reject" ? { outcome: "rejected", decidedBy: "policy" } : undefined;
  return { outcome, decidedBy: "consensus" };
}

/** Closes the case in the log. */
export function recordNode(deps: NodeDeps) {
  const { workflow, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    const final = finalOutcome(state, workflow.onEscalate);
    if (final === undefined) return {};
    log.append([
      {
        kind: "case.ended",
        key: eventKey(state.caseId, "record", 0, "case.ended"),
        runId: state.runId,
        caseId: state.caseId,
        node: "record",
        actor: SYSTEM_ACTOR,
        payload: { ...final, durationMs: Math.max(0, Date.now() - state.startedAt) },
      },
    ]);
    return {};
  };
}
