import os from "node:os";
import { CrosscheckError } from "../errors.js";
import type { QuotaOptions } from "../graph/options.js";
import { Semaphore } from "../internal/semaphore.js";
import { exec, type SandboxResult } from "./exec.js";
import type { SandboxOptions } from "./options.js";

/** Sandboxed executions at once when no cap is given: one per CPU. */
export const DEFAULT_SANDBOX_CONCURRENCY = Math.max(1, os.availableParallelism());

/** What a pool has done so far (for tests, benchmarks and status lines). */
export interface PoolStats {
  /** Executions running now. */
  readonly running: number;
  /** Executions waiting for a slot now. */
  readonly waiting: number;
  /** Most executions that ever ran at once. */
  readonly peak: number;
  /** Executions finished (with a result or an error). */
  readonly finished: number;
}

/**
 * One queue for many sandboxed executions: at most `concurrency` run at once, the rest wait
 * in order. A run that launches hundreds of agents' commands goes through one pool, so the
 * machine runs a bounded number of sandboxes whatever the agents do.
 */
export class SandboxPool {
  readonly concurrency: number;
  readonly #slots: Semaphore;
  #running = 0;
  #waiting = 0;
  #peak = 0;
  #finished = 0;

  constructor(concurrency: number = DEFAULT_SANDBOX_CONCURRENCY) {
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new CrosscheckError(
        "WORKFLOW_INVALID",
        `SandboxPool concurrency must be a positive integer (quotas.sandboxConcurrency), got ${concurrency}`,
      );
    }
    this.concurrency = concurrency;
    this.#slots = new Semaphore(concurrency);
  }

  /** A pool capped by the workflow's `quotas.sandboxConcurrency` (default: CPU count). */
  static fromQuotas(quotas: QuotaOptions | undefined): SandboxPool {
    return new SandboxPool(quotas?.sandboxConcurrency ?? DEFAULT_SANDBOX_CONCURRENCY);
  }

  get stats(): PoolStats {
    return { running: this.#running, waiting: this.#waiting, peak: this.#peak, finished: this.#finished };
  }

  /** `exec` through the queue: waits for a slot, then runs. */
  async exec(command: string[] | string, options: SandboxOptions): Promise<SandboxResult> {
    this.#waiting++;
    return this.#slots.run(async () => {
      this.#waiting--;
      this.#running++;
      this.#peak = Math.max(this.#peak, this.#running);
      try {
        return await exec(command, options);
      } finally {
        this.#running--;
        this.#finished++;
      }
    });
  }
}

let shared: SandboxPool | undefined;

/** The process-wide pool used when a tool or `reproduce()` is given none. */
export function defaultSandboxPool(): SandboxPool {
  shared ??= new SandboxPool();
  return shared;
}
