import { callAgent } from "../../agents/limits.js";
import { TraceRecorder } from "../../agents/model/trace-recorder.js";
import type { NewEvent } from "../../audit/events.js";
import type { Evidence } from "../../domain/evidence.js";
import { OutputSchema } from "../../domain/output.js";
import { describeIssues } from "../../domain/parse.js";
import type { TraceEvent } from "../../domain/trace.js";
import { agentDeadline, eventKey, evidenceRef, type NodeDeps } from "../resolved.js";
import type { CaseStateUpdate, CaseStateValue, WorkerFailure } from "../state.js";

/** Ground truth that came with the task, logged like retrieved evidence. */
function suppliedEvidenceEvent(state: CaseStateValue, evidence: Evidence[]): NewEvent {
  return {
    kind: "evidence.retrieved",
    key: eventKey(state.caseId, "work", 0, "evidence.supplied"),
    runId: state.runId,
    caseId: state.caseId,
    node: "work",
    actor: { type: "system", id: "task", role: "ground truth supplied with the task" },
    payload: { evidence: evidence.map(evidenceRef), params: { retriever: "task" } },
  };
}

/**
 * Runs the worker (or takes the output the task carries), records the worker invocation in the
 * trace, validates the output, and appends `worker.output` or `worker.failed`.
 */
export function workNode(deps: NodeDeps) {
  const { workflow, log, agents } = deps;
  return async (state: CaseStateValue): Promise<CaseStateUpdate> => {
    const { task, caseId, runId } = state;
    const actor = workflow.worker.actor;
    const supplied = task.output !== undefined;
    let rawOutput: unknown;
    let trace: TraceEvent[];
    let failure: WorkerFailure | null = null;

    if (task.output !== undefined) {
      rawOutput = task.output;
      trace = task.trace ?? [];
    } else {
      const startedAt = Date.now();
      const timeout = agentDeadline(workflow, state.startedAt, startedAt);
      // Model and tool calls of model-backed workers land here, outside the agent's state.
      const recorder = new TraceRecorder(caseId);
      const result = await agents.run(() =>
        recorder.run(() =>
          callAgent((signal) => workflow.worker.agent.run(task, { caseId, signal }), timeout),
        ),
      );
      const event: TraceEvent = {
        id: `${caseId}:worker`,
        kind: "worker",
        name: workflow.worker.agent.name,
        startedAt,
        durationMs: Math.round(result.durationMs),
      };
      const breach = recorder.breached;
      if (breach !== undefined) {
        event.error = breach.message;
        failure = { reason: "quota", message: `worker ${actor.id}: ${breach.ruleId}: ${breach.message}` };
      } else if (result.ok) {
        rawOutput = result.value;
      } else {
        event.error = result.message;
        failure = { reason: result.reason, message: `worker ${actor.id}: ${result.message}` };
      }
      trace = [event, ...recorder.events()];
    }

    let output = null;
    if (failure === null) {
      const parsed = OutputSchema.safeParse(rawOutput);
      if (!parsed.success) {
        failure = {
          reason: "invalid-output",
          message: `output is not an Output: ${describeIssues(parsed.error)}`,
        };
      } else if (workflow.outputSchema !== undefined) {
        const content = workflow.outputSchema.safeParse(parsed.data.content);
        if (content.success) output = { ...parsed.data, content: content.data };
        else
          failure = { reason: "invalid-output", message: `output.content: ${describeIssues(content.error)}` };
      } else {
        output = parsed.data;
      }
    }

    if (failure !== null || output === null) {
      const reported = failure ?? { reason: "invalid-output" as const, message: "no output" };
      log.append([
        {
          kind: "worker.failed",
          key: eventKey(caseId, "work", 0, "worker.failed"),
          runId,
          caseId,
          node: "work",
          actor,
          payload: reported,
        },
      ]);
      return { output: null, trace, workerFailure: reported };
    }

    const evidence = task.evidence ?? [];
    log.append([
      {
        kind: "worker.output",
        key: eventKey(caseId, "work", 0, "worker.output"),
        runId,
        caseId,
        node: "work",
        actor: supplied ? { type: "system", id: "external", role: "worker (supplied output)" } : actor,
        payload: { output, trace, supplied },
      },
      ...(task.evidence === undefined ? [] : [suppliedEvidenceEvent(state, evidence)]),
    ]);
    return { output, trace, workerFailure: null, evidence };
  };
}
