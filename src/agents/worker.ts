import type { Output } from "../domain/output.js";
import type { Task } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";

/** What a worker gets besides its task. The worker never sees its own trace. */
export interface WorkerContext {
  readonly caseId: string;
  /** Aborted when the worker runs out of time. */
  readonly signal: AbortSignal;
}

export type WorkerFn<I = unknown, C = unknown> = (
  task: Task<I>,
  context: WorkerContext,
) => Promise<Output<C>> | Output<C>;

/** A worker produces an Output for a task. */
export interface Worker<I = unknown, C = unknown> {
  readonly name: string;
  /** Model id and version, for the audit log (deterministic workers leave it out). */
  readonly model?: string;
  /**
   * Model-backed agents declare here why their model cannot be called live in this process
   * (e.g. `anthropic:claude-sonnet-4-5 needs ANTHROPIC_API_KEY, which is not set`), or undefined
   * when it can. A run checks it before writing anything (MODEL_UNAVAILABLE), unless its model
   * calls replay from recordings.
   */
  readonly modelUnavailable?: () => string | undefined;
  run: WorkerFn<I, C>;
}

export function defineWorker<I = unknown, C = unknown>(name: string, run: WorkerFn<I, C>): Worker<I, C>;
export function defineWorker<I = unknown, C = unknown>(worker: Worker<I, C>): Worker<I, C>;
export function defineWorker<I, C>(nameOrWorker: string | Worker<I, C>, run?: WorkerFn<I, C>): Worker<I, C> {
  const worker =
    typeof nameOrWorker === "string" ? { name: nameOrWorker, run: run as WorkerFn<I, C> } : nameOrWorker;
  return toWorker(worker, "worker") as Worker<I, C>;
}

/** Accepts a Worker object or a named function; `where` names the option in error messages. */
export function toWorker(value: unknown, where: string): Worker {
  if (typeof value === "function") {
    if (!value.name) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where} is an anonymous function: give it a name, e.g. defineWorker("extractor", async (task) => ...)`,
      );
    }
    return { name: value.name, run: value as WorkerFn };
  }
  if (typeof value === "object" && value !== null) {
    const candidate = value as Partial<Worker>;
    if (typeof candidate.name !== "string" || candidate.name.length === 0) {
      throw new CrosscheckError("WORKFLOW_INVALID", `${where}.name must be a non-empty string`);
    }
    if (typeof candidate.run !== "function") {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `${where}.run must be a function (task, context) => Output`,
      );
    }
    return candidate as Worker;
  }
  throw new CrosscheckError(
    "WORKFLOW_INVALID",
    `${where} must be a function or an object with name and run(), got ${value === null ? "null" : typeof value}`,
  );
}
