import { type BaseCheckpointSaver, END, Send, START, StateGraph } from "@langchain/langgraph";
import { auditNode } from "./nodes/audit.js";
import { crossExamineNode, needsCrossExamination } from "./nodes/cross-examine.js";
import { decideNode, escalateNode } from "./nodes/decide.js";
import { recordNode } from "./nodes/record.js";
import { retrieveNode } from "./nodes/retrieve.js";
import { workNode } from "./nodes/work.js";
import type { NodeDeps } from "./resolved.js";
import { CaseState, type CaseStateValue } from "./state.js";

/**
 * The case graph:
 * work -> retrieve -> audit (one Send per auditor) -> [cross-examine]* -> decide -> escalate -> record.
 * A worker failure skips the auditors.
 */
export function buildCaseGraph(deps: NodeDeps, checkpointer: BaseCheckpointSaver) {
  const auditorNames = [...deps.workflow.auditors.keys()];
  const fanOut = (state: CaseStateValue) =>
    state.output === null
      ? "decide"
      : auditorNames.map((auditorName) => new Send("audit", { ...state, auditorName }));
  const afterAudit = (state: CaseStateValue) =>
    needsCrossExamination(deps, state) ? "cross-examine" : "decide";

  return new StateGraph(CaseState)
    .addNode("work", workNode(deps))
    .addNode("retrieve", retrieveNode(deps))
    .addNode("audit", auditNode(deps))
    .addNode("review", async () => ({}))
    .addNode("cross-examine", crossExamineNode(deps))
    .addNode("decide", decideNode(deps))
    .addNode("escalate", escalateNode(deps))
    .addNode("record", recordNode(deps))
    .addEdge(START, "work")
    .addEdge("work", "retrieve")
    .addConditionalEdges("retrieve", fanOut, ["audit", "decide"])
    .addEdge("audit", "review")
    .addConditionalEdges("review", afterAudit, ["cross-examine", "decide"])
    .addEdge("cross-examine", "review")
    .addEdge("decide", "escalate")
    .addEdge("escalate", "record")
    .addEdge("record", END)
    .compile({ checkpointer });
}

export type CaseGraph = ReturnType<typeof buildCaseGraph>;
