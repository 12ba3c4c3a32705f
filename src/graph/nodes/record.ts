import { type NewEvent, SYSTEM_ACTOR } from "../../audit/events.js";
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

/** The `case.ended` event that closes a case, or undefined while it waits for a human. */
export function caseEndedEvent(
  state: CaseStateValue,
  onEscalate: "wait" | "reject",
  node: string,
): NewEvent | undefined {
  const final = finalOutcome(state, onEscalate);
  if (final === undefined) return undefined;
  return {
    kind: "case.ended",
    key: eventKey(state.caseId, "end", 0, "case.ended"),
    runId: state.runId,
    caseId: state.caseId,
    node,
    actor: SYSTEM_ACTOR,
    payload: { ...final, durationMs: Math.max(0, Date.now() - state.startedAt) },
  };
}

/** Closes a case that a human decided. */
export function recordNode(deps: NodeDeps) {
  const { workflow, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    const ended = caseEndedEvent(state, workflow.onEscalate, "record");
    if (ended !== undefined) log.append([ended]);
    return {};
  };
}
