import { interrupt } from "@langchain/langgraph";
import { type EventPayload, type NewEvent, SYSTEM_ACTOR } from "../../audit/events.js";
import type { Decision } from "../../domain/decision.js";
import { HumanDecisionSchema } from "../../domain/decision.js";
import { type Severity, severityRank } from "../../domain/finding.js";
import type { Verdict } from "../../domain/verdict.js";
import { decideWith } from "../consensus.js";
import { eventKey, type NodeDeps } from "../resolved.js";
import type { CaseStateUpdate, CaseStateValue } from "../state.js";
import { caseEndedEvent } from "./record.js";

/**
 * Turns the latest verdicts into a Decision with the workflow's consensus policy. A case that
 * does not wait for a human is closed here, in the same transaction (no separate step).
 */
export function decideNode(deps: NodeDeps) {
  const { workflow, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    let decision: Decision;
    if (state.workerFailure !== null) {
      decision = {
        outcome: "rejected",
        policy: "worker-failure",
        reasons: [`no output to accept: ${state.workerFailure.message}`],
      };
    } else {
      decision = decideWith(workflow.consensus, Object.values(state.verdicts));
    }
    const decided: NewEvent = {
      kind: "case.decided",
      key: eventKey(state.caseId, "decide", 0, "case.decided"),
      runId: state.runId,
      caseId: state.caseId,
      node: "decide",
      actor: { type: "system", id: "consensus", role: workflow.consensus.name },
      payload: { decision },
    };
    const ended = caseEndedEvent({ ...state, decision }, workflow.onEscalate, "decide");
    log.append(ended === undefined ? [decided] : [decided, ended]);
    return { decision };
  };
}

/** The highest severity among the findings, the escalation's priority. */
export function highestSeverity(verdicts: readonly Verdict[]): Severity {
  let highest: Severity = "info";
  for (const verdict of verdicts) {
    for (const finding of verdict.findings) {
      if (severityRank(finding.severity) > severityRank(highest)) highest = finding.severity;
    }
  }
  return highest;
}

/**
 * Pauses an escalated case for a human decision (LangGraph `interrupt`, checkpointed in SQLite).
 * LangGraph re-runs this node from its first line on resume: the event appended before the
 * interrupt is keyed, so it is written once.
 */
export function escalateNode(deps: NodeDeps) {
  const { workflow, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    if (state.decision?.outcome !== "escalated" || workflow.onEscalate === "reject") return {};
    const reason = state.decision.reasons.join("; ");
    const payload: EventPayload<"escalation.opened"> = {
      reason,
      priority: highestSeverity(Object.values(state.verdicts)),
    };
    if (workflow.queue !== undefined) payload.queue = workflow.queue;
    if (workflow.assignee !== undefined) payload.assignee = workflow.assignee;
    const { slaMinutes, onSlaBreach, claimMinutes } = workflow.review;
    // Written once: on resume this node re-runs from its start, and the keyed event is skipped.
    if (slaMinutes !== undefined) payload.dueAt = Date.now() + slaMinutes * 60_000;
    if (onSlaBreach !== undefined) payload.onSlaBreach = onSlaBreach;
    if (claimMinutes !== undefined) payload.claimMinutes = claimMinutes;
    log.append([
      {
        kind: "escalation.opened",
        key: eventKey(state.caseId, "escalate", 0, "escalation.opened"),
        runId: state.runId,
        caseId: state.caseId,
        node: "escalate",
        actor: SYSTEM_ACTOR,
        payload,
      },
    ]);
    const answer: unknown = interrupt({ caseId: state.caseId, reason, priority: payload.priority });
    const human = HumanDecisionSchema.parse(answer);
    log.append([
      {
        kind: "escalation.resumed",
        key: eventKey(state.caseId, "escalate", 0, "escalation.resumed"),
        runId: state.runId,
        caseId: state.caseId,
        node: "escalate",
        actor: SYSTEM_ACTOR,
        payload: {},
      },
    ]);
    return { human };
  };
}
