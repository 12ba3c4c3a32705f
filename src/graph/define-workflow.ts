import path from "node:path";
import type { BatchRunOptions } from "../agents/model/batch-context.js";
import { type CrosscheckDatabase, openDatabase } from "../audit/database.js";
import { caseStatus } from "../audit/escalations.js";
import { HumanDecisionSchema } from "../domain/decision.js";
import { describeIssues, parseWith } from "../domain/parse.js";
import { type Task, TaskSchema } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import type { AgentManifest } from "../security/provenance/manifest.js";
import { enforceStrictProvenance, strictSources } from "../security/provenance/strict.js";
import { runBatched } from "./batch-run.js";
import type { CaseResult } from "./case-result.js";
import { checkLiveModels, unavailableModels } from "./live-models.js";
import type { WorkflowOptions } from "./options.js";
import { resolveWorkflow } from "./resolve-workflow.js";
import type { ResolvedWorkflow } from "./resolved.js";
import { WorkflowRuntime } from "./runtime.js";

/** Where the audit log and checkpoints live unless told otherwise. */
export const DEFAULT_DB_PATH = ".crosscheck/crosscheck.db";
/** Cases run at once by `runMany` unless told otherwise. */
export const DEFAULT_CONCURRENCY = 4;

export interface RunOptions {
  /** SQLite file of the audit log and checkpoints. Default: env CROSSCHECK_DB, else `.crosscheck/crosscheck.db`. */
  db?: string;
  /** Cases at once (runMany). Default 4. */
  concurrency?: number;
  /** Called as each case finishes or pauses for a human. */
  onCase?: (result: CaseResult, index: number) => void;
  /** The workflow's module file, recorded on the run so `crosscheck decide` can load it again. */
  modulePath?: string;
  /** Marks the run as a scenario suite run (a test, not production) in the audit log. */
  scenario?: { suite: string; file?: string };
  /**
   * Wraps each case's execution (runMany), e.g. to set an AsyncLocalStorage context such as the
   * model-call recordings of a scenario case. Must call `run` once and return its result.
   */
  aroundCase?: <T>(index: number, run: () => Promise<T>) => Promise<T>;
  /**
   * Every model call of this run replays from recordings (scenario suites in replay mode, which
   * check their recordings themselves): the check that model-backed agents can reach their
   * model live is skipped. Default false; a replay context active around the call counts too.
   */
  replay?: boolean;
  /**
   * Send auditor model calls through the Anthropic Message Batches API (half price, slower):
   * queued, sent as a batch, polled; a run restarted with the same `stateDir` resumes its
   * batches without resubmitting. Only for `llmAuditor`s with an `anthropic:` model string.
   * Default: none (live calls). See docs/models.md.
   */
  batch?: BatchRunOptions;
}

export interface DecideInput {
  decision: "accept" | "reject";
  reviewer: string;
  reason: string;
}

/** A defined workflow: run tasks through it, decide its escalations. */
export interface Workflow<I = unknown, C = unknown> {
  readonly name: string;
  readonly version: string;
  /** Its agents' manifests, worker first: what `crosscheck agents sign` signs. */
  readonly manifests: readonly AgentManifest[];
  /**
   * The agents whose model cannot be called live in this process, each with why; empty when
   * all can. `run`/`runMany` fail with MODEL_UNAVAILABLE before writing anything unless it is empty
   * or the run replays recordings.
   */
  unavailableModels(): string[];
  /** Runs one task as a run of its own. */
  run(task: Task<I>, options?: RunOptions): Promise<CaseResult<C>>;
  /** Runs many tasks as one run; results in input order. */
  runMany(tasks: ReadonlyArray<Task<I>>, options?: RunOptions): Promise<Array<CaseResult<C>>>;
  /** Records a human decision on an escalated case and resumes it (from any process). */
  decide(
    caseId: string,
    input: DecideInput,
    options?: Pick<RunOptions, "db"> & { resumeOnly?: boolean },
  ): Promise<CaseResult<C>>;
  /** Closes the databases this workflow opened. */
  close(): void;
}

const WORKFLOW_BRAND: unique symbol = Symbol.for("crosscheck.workflow");

export function isWorkflow(value: unknown): value is Workflow {
  return typeof value === "object" && value !== null && WORKFLOW_BRAND in value;
}

function dbPath(options: { db?: string } | undefined): string {
  return path.resolve(options?.db ?? process.env["CROSSCHECK_DB"] ?? DEFAULT_DB_PATH);
}

class DefinedWorkflow<I, C> implements Workflow<I, C> {
  readonly [WORKFLOW_BRAND] = true;
  readonly #runtimes = new Map<string, WorkflowRuntime>();

  constructor(readonly resolved: ResolvedWorkflow) {}

  get name(): string {
    return this.resolved.name;
  }

  get version(): string {
    return this.resolved.version;
  }

  get manifests(): readonly AgentManifest[] {
    return this.resolved.manifests;
  }

  unavailableModels(): string[] {
    return unavailableModels(this.resolved);
  }

  /** provenance: "strict": refuses to run unless every agent's signed manifest still holds. */
  #checkProvenance(db: string | undefined, modulePath: string | undefined): void {
    const { provenance, manifests, name } = this.resolved;
    if (provenance.mode !== "strict") return;
    const sources = strictSources(provenance, {
      workflow: name,
      modulePath,
      db: dbPath(db === undefined ? {} : { db }),
    });
    enforceStrictProvenance(manifests, sources, name);
  }

  #runtime(options: { db?: string } | undefined): WorkflowRuntime {
    const file = dbPath(options);
    let runtime = this.#runtimes.get(file);
    if (runtime === undefined) {
      const database: CrosscheckDatabase = openDatabase(file);
      runtime = new WorkflowRuntime(this.resolved, database);
      this.#runtimes.set(file, runtime);
    }
    return runtime;
  }

  #checkTasks(tasks: ReadonlyArray<Task<I>>): Task[] {
    return tasks.map((task, index) => {
      const where = tasks.length === 1 ? "task" : `task ${index + 1}`;
      const parsed = parseWith(TaskSchema, task, "TASK_INVALID", where);
      const schema = this.resolved.inputSchema;
      if (schema !== undefined) {
        const input = schema.safeParse(parsed.input);
        if (!input.success) {
          throw new CrosscheckError(
            "TASK_INVALID",
            `${where} input is invalid for workflow ${this.name}: ${describeIssues(input.error)}`,
          );
        }
        return { ...parsed, input: input.data };
      }
      return parsed;
    });
  }

  async run(task: Task<I>, options?: RunOptions): Promise<CaseResult<C>> {
    const [result] = await this.runMany([task], options);
    return result as CaseResult<C>;
  }

  async runMany(tasks: ReadonlyArray<Task<I>>, options?: RunOptions): Promise<Array<CaseResult<C>>> {
    const concurrency = options?.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new CrosscheckError(
        "USAGE",
        `concurrency must be a whole number of at least 1, got ${concurrency}`,
      );
    }
    const checked = this.#checkTasks(tasks); // before anything is written
    this.#checkProvenance(options?.db, options?.modulePath);
    checkLiveModels(this.resolved, options?.replay === true);
    const runTasks = () =>
      this.#runtime(options).runTasks(checked, {
        concurrency,
        modulePath: options?.modulePath,
        scenario: options?.scenario,
        onCase: options?.onCase,
        aroundCase: options?.aroundCase,
      });
    const batch = options?.batch;
    const results = await (batch === undefined ? runTasks() : runBatched(this.resolved, batch, runTasks));
    return results as Array<CaseResult<C>>;
  }

  async decide(
    caseId: string,
    input: DecideInput,
    options?: Pick<RunOptions, "db"> & { resumeOnly?: boolean },
  ) {
    const human = parseWith(HumanDecisionSchema, { ...input, at: Date.now() }, "USAGE", "the decision");
    const runtime = this.#runtime(options);
    this.#checkProvenance(options?.db, caseStatus(runtime.database, caseId)?.modulePath ?? undefined);
    const result = await runtime.decide(caseId, human, {
      resumeOnly: options?.resumeOnly === true,
    });
    return result as CaseResult<C>;
  }

  close(): void {
    for (const runtime of this.#runtimes.values()) runtime.database.close();
    this.#runtimes.clear();
  }
}

/**
 * Defines a mutual-audit workflow. Everything is checked here, before any agent runs: a bad
 * option throws a CrosscheckError("WORKFLOW_INVALID") that names it.
 */
export function defineWorkflow<I = unknown, C = unknown>(options: WorkflowOptions<I, C>): Workflow<I, C> {
  return new DefinedWorkflow<I, C>(resolveWorkflow(options as unknown as WorkflowOptions));
}
