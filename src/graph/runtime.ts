import { randomUUID } from "node:crypto";
import os from "node:os";
import { Command } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { auditHistories } from "../audit/accepted-outputs.js";
import type { CrosscheckDatabase } from "../audit/database.js";
import { caseStatus } from "../audit/escalations.js";
import { SYSTEM_ACTOR } from "../audit/events.js";
import { AuditLog } from "../audit/log.js";
import type { HumanDecision } from "../domain/decision.js";
import type { Task } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import { mapConcurrent, Semaphore } from "../internal/semaphore.js";
import { sha256Hex } from "../internal/sha256.js";
import { buildCaseGraph, type CaseGraph } from "./build-graph.js";
import { type CaseResult, toCaseResult } from "./case-result.js";
import { eventKey, type ResolvedWorkflow } from "./resolved.js";
import type { CaseStateValue } from "./state.js";

function scenarioRef(scenario: { suite: string; file?: string | undefined }): {
  suite: string;
  file?: string;
} {
  return scenario.file === undefined
    ? { suite: scenario.suite }
    : { suite: scenario.suite, file: scenario.file };
}

/**
 * A workflow bound to one database: its audit log, its LangGraph checkpointer (SqliteSaver on
 * the same file) and the compiled case graph.
 */
export class WorkflowRuntime {
  readonly log: AuditLog;
  readonly #graph: CaseGraph;

  constructor(
    readonly workflow: ResolvedWorkflow,
    readonly database: CrosscheckDatabase,
  ) {
    this.log = new AuditLog(database);
    // Runs left "running" by a process that died (kill -9, power loss) are marked interrupted.
    this.log.reconcileInterrupted();
    const agents = new Semaphore(workflow.maxConcurrentAgents);
    this.#graph = buildCaseGraph(
      { workflow, log: this.log, agents, history: auditHistories(database, workflow.name) },
      new SqliteSaver(database.sqlite),
    );
  }

  /** Runs tasks as one run; results keep input order. */
  async runTasks(
    tasks: readonly Task[],
    options: {
      concurrency: number;
      modulePath?: string | undefined;
      scenario?: { suite: string; file?: string | undefined } | undefined;
      onCase?: ((result: CaseResult, index: number) => void) | undefined;
      aroundCase?: (<T>(index: number, run: () => Promise<T>) => Promise<T>) | undefined;
    },
  ): Promise<CaseResult[]> {
    const runId = randomUUID();
    const { workflow } = this;
    const started: Parameters<AuditLog["append"]>[0][number] = {
      kind: "run.started",
      key: `${runId}/run/0/run.started`,
      runId,
      actor: SYSTEM_ACTOR,
      payload: {
        workflow: {
          name: workflow.name,
          version: workflow.version,
          digest: workflow.digest,
          policy: workflow.consensus.name,
        },
        pid: process.pid,
        host: os.hostname(),
        ...(options.modulePath === undefined ? {} : { modulePath: options.modulePath }),
        ...(options.scenario === undefined ? {} : { scenario: scenarioRef(options.scenario) }),
      },
    };
    this.log.append([started]);
    const results = await mapConcurrent(tasks, options.concurrency, async (task, index) => {
      const run = () => this.#runCase(runId, task);
      const result = await (options.aroundCase === undefined ? run() : options.aroundCase(index, run));
      options.onCase?.(result, index);
      return result;
    });
    const outcomes: Record<string, number> = {};
    for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    this.log.append([
      {
        kind: "run.ended",
        key: `${runId}/run/0/run.ended`,
        runId,
        actor: SYSTEM_ACTOR,
        payload: { cases: results.length, outcomes },
      },
    ]);
    return results;
  }

  async #runCase(runId: string, task: Task): Promise<CaseResult> {
    const caseId = randomUUID();
    const startedAt = Date.now();
    const clock = performance.now();
    const inputJson = JSON.stringify(task.input) ?? "null";
    this.log.append([
      {
        kind: "case.started",
        key: eventKey(caseId, "start", 0, "case.started"),
        runId,
        caseId,
        node: "start",
        actor: SYSTEM_ACTOR,
        payload: {
          ...(task.id === undefined ? {} : { taskId: task.id }),
          ...(task.kind === undefined ? {} : { taskKind: task.kind }),
          input: { sha256: sha256Hex(inputJson), size: Buffer.byteLength(inputJson) },
          task,
          suppliedOutput: task.output !== undefined,
        },
      },
    ]);
    const state = (await this.#graph.invoke(
      { runId, caseId, startedAt, task },
      { configurable: { thread_id: caseId }, durability: "exit" },
    )) as CaseStateValue;
    return toCaseResult(state, this.workflow.onEscalate, performance.now() - clock);
  }

  /**
   * Records a human decision for an escalated case and resumes its paused run, exactly once:
   * the log lets only one decision through, and the case's checkpoint resumes once.
   */
  async decide(
    caseId: string,
    human: HumanDecision,
    options: { resumeOnly?: boolean } = {},
  ): Promise<CaseResult> {
    const config = { configurable: { thread_id: caseId } };
    const status = caseStatus(this.database, caseId);
    if (status === undefined) {
      throw new CrosscheckError(
        "CASE_NOT_FOUND",
        `no case ${caseId} in ${this.database.path}: check the id (crosscheck audit show <run-id> lists a run's cases) and --db`,
      );
    }
    if (status.workflow !== this.workflow.name) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `case ${caseId} was run by workflow ${status.workflow}, not ${this.workflow.name}: pass that workflow's file`,
      );
    }
    const snapshot = await this.#graph.getState(config);
    const paused = snapshot.tasks.some((t) => t.interrupts.length > 0);
    let decision = human;
    if (options.resumeOnly === true) {
      if (status.escalation?.status !== "decided" || status.human === undefined || !paused) {
        throw new CrosscheckError(
          "CASE_NOT_ESCALATED",
          `case ${caseId} has no recorded decision waiting to be resumed (escalation: ${status.escalation?.status ?? "none"})`,
        );
      }
      decision = status.human;
    } else {
      if (status.escalation === undefined) {
        throw new CrosscheckError(
          "CASE_NOT_ESCALATED",
          `case ${caseId} was not escalated (its status is ${status.status}): only escalated cases take a human decision`,
        );
      }
      if (!paused && status.escalation.status === "pending") {
        throw new CrosscheckError(
          "CASE_NOT_ESCALATED",
          `case ${caseId} is escalated but its paused run is not in ${this.database.path}: was it run against another database?`,
        );
      }
      if (paused && status.escalation.status === "decided" && status.human !== undefined) {
        throw new CrosscheckError(
          "ALREADY_DECIDED",
          `case ${caseId} was already decided by ${status.human.reviewer} at ${new Date(status.human.at).toISOString()} but its run has not resumed yet: if the deciding process stopped, run crosscheck decide ${caseId} --resume`,
        );
      }
      this.log.claimDecision(caseId, human);
    }
    const clock = performance.now();
    const state = (await this.#graph.invoke(new Command({ resume: decision }), {
      ...config,
      durability: "exit",
    })) as CaseStateValue;
    return toCaseResult(state, this.workflow.onEscalate, performance.now() - clock);
  }
}
