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
 * work -> [retrieve] -> audit (one Send per auditor) -> cross-examine (rounds while auditors
 * disagree) -> decide -> [escalate -> record].
 * A worker failure skips the auditors. Steps that have nothing to do are routed around (each
 * LangGraph step has a fixed cost): no retrieve without a retriever, no escalate unless the
 * decision escalates (decide closes every other case itself). `cross-examine` is where the parallel audit branches join, so it always
 * runs once; a round that is not needed does nothing.
 */
export function buildCaseGraph(deps: NodeDeps, checkpointer: BaseCheckpointSaver) {
  const auditorNames = [...deps.workflow.auditors.keys()];
  const fanOut = (state: CaseStateValue) =>
    state.output === null
      ? "decide"
      : auditorNames.map((auditorName) => new Send("audit", { ...state, auditorName }));
  const afterCrossExamination = (state: CaseStateValue) =>
    needsCrossExamination(deps, state) ? "cross-examine" : "decide";
  const afterDecide = (state: CaseStateValue) =>
    state.decision?.outcome === "escalated" && deps.workflow.onEscalate === "wait" ? "escalate" : END;

  const graph = new StateGraph(CaseState)
    .addNode("work", workNode(deps))
    .addNode("audit", auditNode(deps))
    .addNode("cross-examine", crossExamineNode(deps))
    .addNode("decide", decideNode(deps))
    .addNode("escalate", escalateNode(deps))
    .addNode("record", recordNode(deps))
    .addEdge(START, "work");
  if (deps.workflow.retrieve === undefined) {
    graph.addConditionalEdges("work", fanOut, ["audit", "decide"]);
  } else {
    graph
      .addNode("retrieve", retrieveNode(deps))
      .addEdge("work", "retrieve")
      .addConditionalEdges("retrieve", fanOut, ["audit", "decide"]);
  }
  return graph
    .addEdge("audit", "cross-examine")
    .addConditionalEdges("cross-examine", afterCrossExamination, ["cross-examine", "decide"])
    .addConditionalEdges("decide", afterDecide, ["escalate", END])
    .addEdge("escalate", "record")
    .addEdge("record", END)
    .compile({ checkpointer });
}

export type CaseGraph = ReturnType<typeof buildCaseGraph>;
