import path from "node:path";
import type { Command } from "commander";
import type { Task } from "../domain/task.js";
import { CrosscheckError } from "../errors.js";
import type { CaseResult } from "../graph/case-result.js";
import { DEFAULT_CONCURRENCY } from "../graph/define-workflow.js";
import { globalOptions } from "./context.js";
import { batchExitCode, formatCase } from "./format.js";
import { loadWorkflow } from "./load-module.js";
import type { CommandContext } from "./main.js";
import { readTasks } from "./read-tasks.js";

function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new CrosscheckError(
      "USAGE",
      `--concurrency must be a whole number from 1 to 1000, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

/** Where `run --batch` keeps its batch state unless told otherwise. */
export const DEFAULT_BATCH_DIR = ".crosscheck/batches";

interface RunCliOptions {
  input: string;
  concurrency?: string;
  batch?: boolean;
  batchDir: string;
}

export function registerRun(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("run")
    .description("run tasks through a workflow (exit 0 accepted, 1 rejected, 3 escalated and waiting)")
    .argument("<workflow>", "TypeScript or JavaScript file exporting a workflow")
    .requiredOption("-i, --input <file>", "one JSON task or a JSON Lines file of tasks; - reads stdin")
    .option("-c, --concurrency <n>", "cases at once (default 4; with --batch, every case)")
    .option(
      "--batch",
      "send auditor model calls through the Anthropic Message Batches API (see docs/models.md)",
    )
    .option("--batch-dir <dir>", "where batch state is kept; rerun with it to resume", DEFAULT_BATCH_DIR)
    .action(async (workflowFile: string, opts: RunCliOptions, command: Command) => {
      const global = globalOptions(command);
      const explicit = opts.concurrency === undefined ? undefined : parseConcurrency(opts.concurrency);
      const tasks = await readTasks(opts.input, io.stdin);
      // With --batch, every case at once, so all their auditor calls can share one batch.
      const concurrency =
        explicit ?? (opts.batch === true ? Math.min(Math.max(tasks.length, 1), 1000) : DEFAULT_CONCURRENCY);
      const workflow = await loadWorkflow(workflowFile);
      const labels = tasks.map((task, i) => {
        const id = (task as { id?: unknown }).id;
        return typeof id === "string" ? id : `task ${i + 1}`;
      });
      // Print each result as soon as every earlier one is printed: output keeps input order.
      const ready = new Map<number, CaseResult>();
      let printed = 0;
      const flush = () => {
        for (let result = ready.get(printed); result !== undefined; result = ready.get(printed)) {
          ready.delete(printed);
          if (global.json) io.out(JSON.stringify(result));
          else for (const line of formatCase(result, labels[printed] ?? "", global.color)) io.out(line);
          printed++;
        }
      };
      try {
        const results = await workflow.runMany(tasks as Task[], {
          db: global.db,
          concurrency,
          modulePath: path.resolve(workflowFile),
          ...(opts.batch === true ? { batch: { stateDir: path.resolve(opts.batchDir) } } : {}),
          onCase: (result, index) => {
            ready.set(index, result);
            flush();
          },
        });
        setExit(batchExitCode(results));
      } finally {
        workflow.close();
      }
    });
}
