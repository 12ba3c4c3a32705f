import { z } from "zod";
import { callAgent } from "../../agents/limits.js";
import { EvidenceSchema } from "../../domain/evidence.js";
import { describeIssues } from "../../domain/parse.js";
import { agentDeadline, eventKey, evidenceRef, type NodeDeps } from "../resolved.js";
import type { CaseStateUpdate, CaseStateValue } from "../state.js";

const EvidenceListSchema = z.array(EvidenceSchema);

/**
 * Fills the case's evidence from the workflow's retriever and records which evidence (ids and
 * content hashes) and which retrieval parameters the verdicts will rely on. A failing retriever
 * leaves the evidence empty and says so in the log; auditors still run.
 */
export function retrieveNode(deps: NodeDeps) {
  const { workflow, log } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    const retriever = workflow.retrieve;
    if (retriever === undefined || state.output === null) return {};
    const timeout = agentDeadline(workflow, state.startedAt, Date.now());
    const result = await callAgent(
      () => retriever.retrieve(state.task, state.output ?? { content: null }),
      timeout,
    );
    const params: Record<string, unknown> = { retriever: retriever.name, ...retriever.params };
    let evidence: z.infer<typeof EvidenceListSchema> = [];
    if (!result.ok) {
      params["error"] = result.message;
    } else {
      // A retriever returns Evidence[] or { evidence, params } (params that depend on the case).
      const value = result.value as unknown;
      const retrieval = Array.isArray(value)
        ? undefined
        : (value as { evidence?: unknown; params?: unknown } | null);
      const list = retrieval === undefined ? value : retrieval?.evidence;
      if (typeof retrieval?.params === "object" && retrieval.params !== null)
        Object.assign(params, retrieval.params);
      const parsed = EvidenceListSchema.safeParse(list);
      if (parsed.success) evidence = parsed.data;
      else params["error"] = `retriever returned invalid evidence: ${describeIssues(parsed.error)}`;
    }
    log.append([
      {
        kind: "evidence.retrieved",
        key: eventKey(state.caseId, "retrieve", 0, "evidence.retrieved"),
        runId: state.runId,
        caseId: state.caseId,
        node: "retrieve",
        actor: { type: "system", id: retriever.name, role: "retriever" },
        payload: {
          evidence: evidence.map(evidenceRef),
          params,
        },
      },
    ]);
    return { evidence: [...state.evidence, ...evidence] };
  };
}
