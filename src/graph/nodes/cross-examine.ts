import type { UsageSummary } from "../../domain/trace.js";
import type { Verdict } from "../../domain/verdict.js";
import { agentDeadline, eventKey, type NodeDeps } from "../resolved.js";
import type { CaseStateUpdate, CaseStateValue } from "../state.js";
import { auditContext, auditInput, recordVerdicts } from "./audit.js";
import { callForVerdict } from "./verdict-call.js";

/** Auditors that disagree: pass and fail both present among the non-abstaining verdicts. */
export function disagreeing(verdicts: Readonly<Record<string, Verdict>>): string[] {
  const decided = Object.values(verdicts).filter((v) => v.decision !== "abstain");
  const decisions = new Set(decided.map((v) => v.decision));
  return decisions.size > 1 ? decided.map((v) => v.auditor) : [];
}

/** Whether another cross-examination round should run. */
export function needsCrossExamination(deps: NodeDeps, state: CaseStateValue): boolean {
  if (state.round >= deps.workflow.maxRounds) return false;
  if (disagreeing(state.verdicts).length === 0) return false;
  return [...deps.workflow.auditors.values()].some((a) => a.agent.reconsider !== undefined);
}

/**
 * Where the parallel audit branches join. It logs the first verdicts (one transaction), then,
 * while auditors disagree and rounds remain, runs one round of mutual audit: every auditor that
 * implements `reconsider` sees its own latest verdict and the others', and may revise. Revised
 * verdicts replace the earlier ones.
 */
export function crossExamineNode(deps: NodeDeps) {
  const { workflow, agents, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    if (state.round === 0) {
      recordVerdicts(deps, state, Object.values(state.verdicts), state.verdictMs, state.verdictUsage);
    }
    if (!needsCrossExamination(deps, state)) return {};
    const round = state.round + 1;
    log.append([
      {
        kind: "crossexam.round",
        key: eventKey(state.caseId, "cross-examine", round, "crossexam.round"),
        runId: state.runId,
        caseId: state.caseId,
        node: "cross-examine",
        actor: { type: "system", id: "crosscheck", role: "orchestrator" },
        payload: { round, disagreeing: disagreeing(state.verdicts) },
      },
    ]);
    const input = auditInput(state);
    const all = Object.values(state.verdicts);
    const revised = await Promise.all(
      [...workflow.auditors.values()].map(async ({ agent }) => {
        const own = state.verdicts[agent.name];
        const reconsider = agent.reconsider;
        if (own === undefined || reconsider === undefined) return undefined;
        const others = all.filter((v) => v.auditor !== agent.name);
        const timeout = agentDeadline(workflow, state.startedAt, Date.now());
        const { verdict, durationMs, usage } = await agents.run(() =>
          callForVerdict(agent.name, round, timeout, (signal) =>
            reconsider(own, others, input, auditContext(signal, deps, state.runId)),
          ),
        );
        return { verdict, durationMs, usage };
      }),
    );
    const update: Record<string, Verdict> = {};
    const verdictMs: Record<string, number> = {};
    const verdictUsage: Record<string, UsageSummary> = {};
    for (const entry of revised) {
      if (entry === undefined) continue;
      update[entry.verdict.auditor] = entry.verdict;
      verdictMs[`${entry.verdict.auditor}@${round}`] = Math.round(entry.durationMs);
      verdictUsage[`${entry.verdict.auditor}@${round}`] = entry.usage;
    }
    recordVerdicts(deps, state, Object.values(update), verdictMs, verdictUsage);
    return { verdicts: update, verdictMs, verdictUsage, round };
  };
}
